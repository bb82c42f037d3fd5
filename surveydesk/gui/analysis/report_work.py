"""The Excel report's background work: what to write (:class:`ReportRequest`), the two
Qt-free steps ``surveydesk-cli report`` runs (:func:`~surveydesk.analysis.report.
report_content`, then :func:`~surveydesk.export.excel.write_report`) with one progress bar
over both, and what was written (:class:`WrittenReport`). It runs on a worker thread of a
:class:`~surveydesk.gui.tasks.ProjectTask`; the only Qt it touches is on the GUI thread
(:meth:`ProgressWords.translated`, before the work starts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from surveydesk.analysis.reference import BenchmarkValue
from surveydesk.analysis.report import report_content
from surveydesk.export.excel import write_report
from surveydesk.gui.translation import fill
from surveydesk.store.project import Project

translate = QCoreApplication.translate

LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}  # each language named in itself
COUNTING_SHARE = 70  # of the progress bar's 100 steps: counting; the rest is writing


@dataclass(frozen=True)
class WrittenReport:
    """A report on disk: where, in which language, what it warned about and holds."""

    path: Path
    language: str
    warnings: tuple[str, ...]
    questions: int  # questions and themes with a table
    waves: tuple[str, ...]


@dataclass(frozen=True)
class ProgressWords:
    """The progress texts, translated on the GUI thread for the worker to fill in."""

    counting: str  # %1 of %2 questions counted
    writing: str  # %1: the sheet being written

    @classmethod
    def translated(cls) -> ProgressWords:
        return cls(translate("ReportProgress", "Counting the answers: %1 of %2 questions…"),
                   translate("ReportProgress", "Writing the sheet “%1”…"))


@dataclass(frozen=True)
class ReportRequest:
    """What to write: the workbook ``out`` in ``language`` with these options."""

    out: Path
    language: str
    breakdowns: tuple[str, ...] = ()
    weighted: bool = False
    benchmark: tuple[BenchmarkValue, ...] = ()
    headline: tuple[str, ...] = ()  # questions to chart besides those with a target
    replace: bool = False  # an existing workbook at ``out`` may be replaced (the user agreed)


def write_workbook(project: Project, request: ReportRequest,
                   progress: Callable[[int, int, str], None], cancelled: Callable[[], bool],
                   words: ProgressWords) -> WrittenReport:
    """The background work: gather the report's content, then write the workbook.

    ``progress(step, 100, text)`` gets one bar for both steps (counting first, then the
    sheets) and a text already in the UI language (``words`` are translated on the GUI
    thread before the work starts). Raises :class:`Cancelled` when ``cancelled()`` turns
    true; then no workbook and no temporary file are left."""

    def counted(done: int, total: int, _text: str) -> None:
        step = COUNTING_SHARE * done // max(total, 1)
        progress(step, 100, fill(words.counting, done, total))

    def written(done: int, total: int, sheet: str) -> None:
        step = COUNTING_SHARE + (100 - COUNTING_SHARE) * done // max(total, 1)
        progress(step, 100, fill(words.writing, sheet))

    content = report_content(project, language=request.language,
                             breakdowns=request.breakdowns, weighted=request.weighted,
                             benchmark=request.benchmark, headline=request.headline,
                             progress=counted, cancelled=cancelled)
    write_report(content, request.out, progress=written, cancelled=cancelled,
                 replace=request.replace)
    return WrittenReport(request.out, request.language, tuple(content.warnings),
                         int(content.table["question"].nunique()),
                         tuple(wave.label for wave in content.waves))
