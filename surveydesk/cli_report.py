"""``surveydesk-cli report``: the client's Excel workbook in Danish or English. Parsing and
messages only; the content comes from :mod:`surveydesk.analysis.report`, the workbook from
:mod:`surveydesk.export.excel`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from surveydesk.core.errors import UsageError

EXIT_OK = 0


def _check_output(project: Path, out: Path) -> None:
    target, guarded = out.resolve(), project.resolve()
    if target in (guarded, Path(f"{guarded}-wal"), Path(f"{guarded}-shm")):
        raise UsageError(f"{out} is the project file itself; choose another name for the "
                         "report.")
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the report is an Excel workbook; give a name ending in .xlsx.")
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the name of the workbook to write.")
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist; create it or choose "
                         "another place for the report.")


def _report(args) -> int:
    from surveydesk.analysis.report import report_content
    from surveydesk.export.excel import write_report
    from surveydesk.export.glossary import glossary
    from surveydesk.store.project import Project

    glossary(args.lang)  # an unknown language is refused before the project is read
    project_path, out = Path(args.project), Path(args.output)
    _check_output(project_path, out)
    with Project.open(project_path) as project:
        content = report_content(project, language=args.lang,
                                 breakdowns=tuple(args.by or ()), weighted=args.weighted)
    write_report(content, out)
    for warning in content.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    questions = content.table["question"].nunique()
    print(f"Wrote report {out} in '{args.lang}': {questions} questions and themes, waves "
          f"{', '.join(w.label for w in content.waves)}"
          f"{', weighted' if args.weighted else ''}.")
    return EXIT_OK


def add_report_commands(commands, command: Callable) -> None:
    """Add ``report`` to the ``surveydesk-cli`` parser."""
    report = command("report", "write the Excel report (Danish or English) for the client",
                     _report)
    report.add_argument("project", metavar="PROJECT")
    report.add_argument("--lang", required=True, metavar="LANG",
                        help="the report language: da or en")
    report.add_argument("--by", action="append", metavar="QUESTION",
                        help="break every table down by a select_one question, 'mode' or "
                             "'wave' (at most twice)")
    report.add_argument("--weighted", action="store_true",
                        help="weight each wave to the stored population counts")
    report.add_argument("-o", "--output", required=True, metavar="OUT.xlsx",
                        help="the workbook to write")
