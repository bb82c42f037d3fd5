"""Interview entry: the start screen, one question per screen, the review page.

The screens show and ask; :mod:`surveydesk.entry.recorder` (Qt-free) runs the
interview session and stores every confirmed answer at once.
"""

from surveydesk.gui.entry.page import EntryPage

__all__ = ["EntryPage"]
