"""Writing output files safely: never half a file, and clear messages when it fails."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from surveydesk.core.errors import SurveyDeskError


def write_atomically(out: Path, write: Callable[[Path], None],
                     protect: Path | None = None) -> None:
    """``write`` to a temporary file beside ``out``, then move it into place.

    ``protect`` is the open project file: writing the output over it (or its WAL files)
    would destroy the project, so that is refused.
    """
    if protect is not None:
        target = out.resolve()
        guarded = Path(protect).resolve()
        if target in (guarded, Path(f"{guarded}-wal"), Path(f"{guarded}-shm")):
            raise SurveyDeskError(f"{out} is the project file itself; choose another name "
                                  "for the output.")
    folder = out.parent
    if out.is_dir():
        raise SurveyDeskError(f"{out} is a folder; give the name of the file to export to.")
    if not folder.is_dir():
        raise SurveyDeskError(f"{folder}: the folder does not exist. Create it or choose another.")
    if not os.access(folder, os.W_OK):
        raise SurveyDeskError(f"{folder}: you may not write in this folder. Choose another.")
    temporary = folder / f".{out.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        write(temporary)
        os.replace(temporary, out)
    except OSError as error:
        raise SurveyDeskError(
            f"{out}: the file cannot be written ({error.strerror or error}). If it is open in "
            "another program such as Excel, close it and export again."
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
