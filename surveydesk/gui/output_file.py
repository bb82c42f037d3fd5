"""Output files in the app: the one policy of :mod:`surveydesk.io.files`, in the user's
language.

A dialog that writes a file checks the name before any work starts (:func:`refusal`), asks
before replacing an existing file unless the save dialog already asked for exactly that name
(:func:`may_replace`), and passes ``replace=True`` on to the writer only then. What the
writer refuses later (a file that cannot be written) reads the same way
(:func:`refusal_text`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from surveydesk.gui.translation import fill
from surveydesk.io import files

translate = QCoreApplication.translate


def refusal_text(refused: files.OutputRefused) -> str:
    """What :class:`~surveydesk.io.files.OutputRefused` says, in the UI language."""
    path, reason = refused.path, refused.reason
    if reason == files.NO_NAME:
        return translate("OutputFile", "Choose the file to write to.")
    if reason == files.BAD_NAME:
        return translate("OutputFile", "A file name cannot hold a NUL character; choose "
                                       "another name.")
    if reason == files.PROJECT_FILE:
        return translate("OutputFile", "That is the project file itself; choose another "
                                       "name.")
    if reason == files.IS_FOLDER:
        return fill(translate("OutputFile", "%1 is a folder; give the name of the file to "
                                            "write."), path)
    if reason == files.WRONG_SUFFIX:
        return fill(translate("OutputFile", "%1: give a name ending in %2."), path.name,
                    refused.suffixes[0])
    if reason == files.NO_FOLDER:
        return fill(translate("OutputFile", "The folder %1 does not exist."), path)
    if reason == files.READ_ONLY:
        return fill(translate("OutputFile", "You may not write in the folder %1; choose "
                                            "another."), path)
    if reason == files.EXISTS:
        return fill(translate("OutputFile", "%1 already exists."), path)
    return fill(translate("OutputFile", "%1 cannot be written (%2). If it is open in another "
                                        "program such as Excel, close it and try again."),
                path, refused.detail)


def refusal(out: Path, *, suffixes: str | tuple[str, ...] = (),
            protect: Path | None = None) -> str | None:
    """Why ``out`` cannot be written, in the UI language, or ``None`` if it can (an
    existing file is left to :func:`may_replace`)."""
    try:
        files.check_output(out, suffixes=suffixes, replace=True, protect=protect)
    except files.OutputRefused as refused:
        return refusal_text(refused)
    return None


def may_replace(parent: QWidget, out: Path, title: str, question: str,
                asked: Path | None = None) -> bool:
    """Whether ``out`` may be written: it does not exist, the save dialog already asked
    about it (``asked``), or the user says yes to ``question`` (``%1``: the file)."""
    if not out.exists() or out == asked:
        return True
    answer = QMessageBox.question(
        parent, title, fill(question, out),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
