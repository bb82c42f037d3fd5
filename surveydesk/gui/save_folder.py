"""Where Save dialogs start: beside the project, unless the project lives in the app's own
data folder (the demo projects do), which a user would never find again in a file manager;
then the user's Documents folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QStandardPaths


def app_data_directory() -> Path:
    """The per-user data folder where SurveyDesk creates its demo projects."""
    return Path(platformdirs.user_data_dir("SurveyDesk", "SurveyDesk"))


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder when there is none."""
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def is_inside(path: Path, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except OSError:
        return False


def default_save_folder(project_path: Path, app_data: Path | None = None) -> Path:
    """The folder to suggest for a file written from the project at ``project_path``."""
    app_data = app_data_directory() if app_data is None else app_data
    if is_inside(project_path, app_data):
        return documents_folder()
    return Path(project_path).parent
