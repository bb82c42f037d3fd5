"""Whom a change made in the app is recorded as in the audit log (a correction in the
interview records, a merge conflict resolved in the Sync view)."""

from __future__ import annotations

import getpass

from surveydesk.core.userdata import entry_profile


def records_user(interviewer: str = "") -> str:
    """Whom corrections in the interview records are audited as: the interviewer named on
    the entry screen (or remembered from last time), else the operating-system user."""
    name = interviewer.strip() or entry_profile().interviewer.strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment or passwd
        return "unknown"
