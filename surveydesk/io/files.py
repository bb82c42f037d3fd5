"""Output files: the one policy for every file SurveyDesk writes for the user.

Exports, tables, reports, device files and bundled questionnaires all go through here, from
the command line and the app alike:

- the output is checked before any work starts (:func:`check_output`): it must not be the
  open project file (or its WAL files), a folder, in a folder that does not exist or may
  not be written, nor end in a suffix the file cannot have; an existing file is refused
  unless replacing it was asked for (``--force`` on the command line, a confirmation in
  the app);
- the file is written to a temporary file beside it (created exclusively, so no other file
  is ever overwritten) and renamed into place only when complete
  (:func:`write_atomically`), so a failure, a cancel or a full disk never leaves half a
  file and never touches an existing one.

A refusal is an :class:`OutputRefused`: its message is for the command line, its
``reason`` lets the app say the same in the user's language.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from surveydesk.core.errors import UsageError

# Why an output is refused (OutputRefused.reason).
NO_NAME = "no_name"
BAD_NAME = "bad_name"
PROJECT_FILE = "project_file"
WRONG_SUFFIX = "wrong_suffix"
IS_FOLDER = "is_folder"
NO_FOLDER = "no_folder"
READ_ONLY = "read_only"
EXISTS = "exists"
UNWRITABLE = "unwritable"


class OutputRefused(UsageError):
    """An output file that cannot or must not be written; nothing was written.

    ``reason`` is one of the module's reason constants, ``path`` the output (or, for
    :data:`NO_FOLDER` and :data:`READ_ONLY`, its folder), ``suffixes`` what the name may
    end in and ``detail`` the system's words for an :data:`UNWRITABLE` file."""

    def __init__(self, message: str, *, reason: str, path: Path,
                 suffixes: tuple[str, ...] = (), detail: str = ""):
        super().__init__(message)
        self.reason, self.path, self.suffixes, self.detail = reason, path, suffixes, detail


def _suffixes(suffixes: str | Sequence[str]) -> tuple[str, ...]:
    return (suffixes,) if isinstance(suffixes, str) else tuple(suffixes)


def _is_project_file(out: Path, protect: Path | None) -> bool:
    if protect is None:
        return False
    guarded = Path(protect).resolve()
    return out.resolve() in (guarded, Path(f"{guarded}-wal"), Path(f"{guarded}-shm"))


def check_output(out: Path, *, what: str = "file", suffixes: str | Sequence[str] = (),
                 replace: bool = False, protect: Path | None = None) -> Path:
    """Refuse an output that cannot or must not be written, before any work starts.

    ``what`` names the file in messages (``"report"``, ``"device file"``); ``suffixes``
    are the endings the name may have (any, when empty; the first is suggested);
    ``replace`` allows an existing file to be replaced; ``protect`` is the open project
    file, never written over. Returns ``out``; raises :class:`OutputRefused`."""
    out = Path(out)
    allowed = _suffixes(suffixes)
    if not str(out).strip() or not out.name:
        raise OutputRefused(f"Give the name of the {what} to write.", reason=NO_NAME, path=out)
    if "\0" in str(out):
        raise OutputRefused(f"{str(out)!r}: a file name cannot hold a NUL character; choose "
                            "another name. Nothing was written.", reason=BAD_NAME, path=out)
    if _is_project_file(out, protect):
        raise OutputRefused(f"{out} is the project file itself; choose another name for the "
                            f"{what}. Nothing was written.", reason=PROJECT_FILE, path=out)
    if out.is_dir():
        raise OutputRefused(f"{out} is a folder; give the name of the {what} to write.",
                            reason=IS_FOLDER, path=out)
    if allowed and not out.name.lower().endswith(allowed):
        raise OutputRefused(f"{out}: the {what} is written as {' or '.join(allowed)}; give a "
                            f"name ending in {allowed[0]}. Nothing was written.",
                            reason=WRONG_SUFFIX, path=out, suffixes=allowed)
    folder = out.parent
    if not folder.is_dir():
        raise OutputRefused(f"{folder}: the folder does not exist. Create it or choose "
                            "another. Nothing was written.", reason=NO_FOLDER, path=folder)
    if not os.access(folder, os.W_OK):
        raise OutputRefused(f"{folder}: you may not write in this folder. Choose another. "
                            "Nothing was written.", reason=READ_ONLY, path=folder)
    if not replace and out.exists():
        raise OutputRefused(f"{out} already exists; choose another name, or allow it to be "
                            "replaced. Nothing was written.", reason=EXISTS, path=out)
    return out


def temporary_name(out: Path, what: str = "file") -> str:
    """The temporary file's name beside ``out``: hidden, named for what it will become
    (``.report-1a2b3c4d.xlsx.tmp``), unique."""
    kind = re.sub(r"\W+", "-", what.casefold()).strip("-") or "file"
    return f".{kind}-{uuid.uuid4().hex[:8]}{Path(out).suffix}.tmp"


def write_atomically(out: Path, write: Callable[[Path], None], *, what: str = "file",
                     suffixes: str | Sequence[str] = (), replace: bool = False,
                     protect: Path | None = None) -> None:
    """``write`` the file to a temporary file beside ``out``, then rename it into place.

    The output is checked first (:func:`check_output`, with the same arguments); the
    temporary file is created exclusively (mode 0666 less the umask, like any new file)
    and removed whatever happens, so a failure or a cancel (any exception ``write``
    raises) leaves no trace and an existing ``out`` as it was."""
    out = check_output(out, what=what, suffixes=suffixes, replace=replace, protect=protect)
    temporary = out.parent / temporary_name(out, what)
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as error:
        raise _unwritable(out, what, error) from None
    try:
        write(temporary)
        if not replace and out.exists():  # made meanwhile by someone else: keep theirs
            check_output(out, what=what, replace=False)
        os.replace(temporary, out)
    except OSError as error:
        raise _unwritable(out, what, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def _unwritable(out: Path, what: str, error: OSError) -> OutputRefused:
    detail = error.strerror or str(error)
    return OutputRefused(f"{out}: the {what} cannot be written ({detail}). If a file of that "
                         "name is open in another program such as Excel, close it and try "
                         "again; otherwise choose a folder you may write in. Nothing was "
                         "written.", reason=UNWRITABLE, path=out, detail=detail)
