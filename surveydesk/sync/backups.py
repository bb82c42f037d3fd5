"""Rotating backups of a master project, made before a merge writes to it.

Backups live in the user's SurveyDesk folder (``backups/``), not beside the project: the
project may sit in a shared folder, and backups of personal data should not spread there.
Each project gets its own series (its name plus a short hash of its full path); only the
newest ``keep`` of a series are kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from surveydesk.core.errors import SurveyDeskError
from surveydesk.core.userdata import backup_folder
from surveydesk.store.project import Project
from surveydesk.store.settings import whole_number_setting
from surveydesk.store.snapshot import backup_project

KEEP_SETTING = "merge_backups_kept"
DEFAULT_KEEP = 10


def default_folder() -> Path:
    """The folder backups go to unless another is given (:func:`~surveydesk.core.userdata.
    backup_folder`)."""
    return backup_folder()


def backups_to_keep(project: Project) -> int:
    """How many backups of this project to keep (project setting ``merge_backups_kept``)."""
    return whole_number_setting(project, KEEP_SETTING, DEFAULT_KEEP)


def _series(project_path: Path) -> str:
    digest = hashlib.sha256(str(Path(project_path).resolve()).encode()).hexdigest()[:8]
    return f"{Path(project_path).stem}-{digest}"


def backups(project_path: Path, folder: Path | None = None) -> list[Path]:
    """This project's backups in ``folder``, oldest first."""
    folder = folder or default_folder()
    return sorted(folder.glob(f"{_series(project_path)}-*.sdproj"))


def make_backup(project_path: Path, *, folder: Path | None = None,
                now: dt.datetime | None = None) -> Path:
    """Back the project file up into ``folder`` (consistent even while it is being written)."""
    folder = folder or default_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SurveyDeskError(f"{folder}: the backup folder cannot be made "
                              f"({error.strerror or error}); nothing was merged.") from None
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{_series(project_path)}-{stamp}.sdproj"
    backup_project(project_path, target)
    return target


def prune(project_path: Path, *, folder: Path | None = None, keep: int = DEFAULT_KEEP) -> None:
    """Delete this project's backups beyond the newest ``keep`` (after a merge committed:
    a merge that failed must not cost an older backup)."""
    for old in backups(project_path, folder)[:-keep]:
        old.unlink(missing_ok=True)
