"""The Sync view: merging device files from offline laptops into a master project,
reviewing merge conflicts, and exporting this laptop's device file."""

from surveydesk.gui.sync.page import SyncPage

__all__ = ["SyncPage"]
