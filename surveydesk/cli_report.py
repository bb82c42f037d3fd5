"""``surveydesk-cli report``: the client's Excel workbook in Danish or English, and
``surveydesk-cli waves``: the waves and their fieldwork periods the report's front page
shows. Parsing and messages only; the content comes from :mod:`surveydesk.analysis.report`,
the workbook from :mod:`surveydesk.export.excel`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from surveydesk.core.errors import UsageError

EXIT_OK = 0
# The languages of i18n/report_glossary.json, shown in --help (a test keeps them equal, so
# that building the parser does not read the glossary).
REPORT_LANGUAGES = ("da", "en")


def check_report_output(project: Path, out: Path) -> None:
    """Refuse an output that is the project file, not ``.xlsx``, a folder, or in a folder
    that does not exist; the GUI's report dialog makes the same checks."""
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
    from surveydesk.io.reference_files import read_benchmark
    from surveydesk.store.project import Project

    if args.lang is not None:
        glossary(args.lang)  # an unknown language is refused before the project is read
    project_path, out = Path(args.project), Path(args.output)
    check_report_output(project_path, out)
    with Project.open(project_path) as project:
        questionnaire = project.questionnaire
        language = args.lang or questionnaire.default_language
        if args.lang is None and language not in REPORT_LANGUAGES:
            raise UsageError(f"The form's default language is '{language}', and reports can "
                             f"be written in {', '.join(REPORT_LANGUAGES)}; choose one with "
                             "--lang.")
        names = {lang.code: lang.name for lang in questionnaire.languages}
        benchmark = (read_benchmark(Path(args.benchmark), project.questionnaire)
                     if args.benchmark else ())
        content = report_content(project, language=language,
                                 breakdowns=tuple(args.by or ()), weighted=args.weighted,
                                 benchmark=benchmark, headline=tuple(args.chart or ()))
    write_report(content, out)
    for warning in content.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    questions = content.table["question"].nunique()
    chosen = "" if args.lang else ", the form's default language"
    print(f"Wrote report {out} in {names.get(language, language)} ({language}{chosen}): "
          f"{questions} questions and themes, waves "
          f"{', '.join(w.label for w in content.waves)}"
          f"{', weighted' if args.weighted else ''}"
          f"{', with benchmark' if benchmark else ''}.")
    return EXIT_OK


def _date(text: str) -> dt.date | None:
    if text == "":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2024-09-30 "
                         "(or '' to clear it).") from None


def _waves_dates(args) -> int:
    from surveydesk.store.project import Project

    starts, ends = _date(args.starts), _date(args.ends)
    with Project.open(Path(args.project)) as project:
        wave = project.set_wave_dates(args.wave, starts, ends)
    print(f"Wave {wave.label}: fieldwork {wave.starts_on or '?'} – {wave.ends_on or '?'}.")
    return EXIT_OK


def _waves_list(args) -> int:
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        overview = project.overview()
    if not overview.waves:
        print("No waves yet: import data with 'surveydesk-cli import'.")
    for summary in overview.waves:
        wave = summary.wave
        period = (f"{wave.starts_on or '?'} – {wave.ends_on or '?'}"
                  if wave.starts_on or wave.ends_on else "no fieldwork dates")
        complete = sum(summary.complete_by_mode.values())
        print(f"{wave.label}: {period}; {complete} complete of {summary.total} interviews")
    return EXIT_OK


def _waves_order(args) -> int:
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        waves = project.order_waves(args.waves)
    print(f"Waves in order: {', '.join(w.label for w in waves)} (each compared with the one "
          "before it).")
    return EXIT_OK


def add_report_commands(commands, command: Callable) -> None:
    """Add ``report`` and ``waves`` to the ``surveydesk-cli`` parser."""
    report = command("report", "write the Excel report (Danish or English) for the client",
                     _report)
    report.add_argument("project", metavar="PROJECT", help="the project file (.sdproj)")
    report.add_argument("--lang", metavar="{" + ",".join(REPORT_LANGUAGES) + "}",
                        help="the report language: da (Danish) or en (English) (default: "
                             "the form's default language)")
    report.add_argument("--by", action="append", metavar="QUESTION",
                        help="break every table down by a select_one question, 'mode' or "
                             "'wave' (at most twice)")
    report.add_argument("--weighted", action="store_true",
                        help="weight each wave to the stored population counts")
    report.add_argument("--benchmark", metavar="FILE",
                        help="compare the totals with published values (CSV/XLSX with "
                             "columns question,statistic,value[,n,sd,source])")
    report.add_argument("--chart", action="append", metavar="QUESTION",
                        help="a headline question to chart (repeatable); questions with a "
                             "target are always charted")
    report.add_argument("-o", "--output", required=True, metavar="OUT.xlsx",
                        help="the workbook to write")

    waves = commands.add_parser("waves", help="list the waves or set their fieldwork dates",
                                description="Waves and their fieldwork periods.")
    wave_commands = waves.add_subparsers(dest="waves_command", metavar="ACTION",
                                         required=True)
    wave_list = command("list", "list the waves with fieldwork dates and counts",
                        _waves_list, wave_commands)
    wave_list.add_argument("project", metavar="PROJECT", help="the project file (.sdproj)")
    wave_dates = command("dates", "set a wave's fieldwork period (YYYY-MM-DD; '' clears)",
                         _waves_dates, wave_commands)
    wave_dates.add_argument("project", metavar="PROJECT", help="the project file (.sdproj)")
    wave_dates.add_argument("wave", metavar="WAVE", help="the wave's label, e.g. 2024")
    wave_dates.add_argument("--from", dest="starts", required=True, metavar="DATE",
                            help="the first day of fieldwork, YYYY-MM-DD ('' clears it)")
    wave_dates.add_argument("--to", dest="ends", required=True, metavar="DATE",
                            help="the last day of fieldwork, YYYY-MM-DD ('' clears it)")
    wave_order = command("order", "put the waves in order: each is compared with the one "
                         "before it (labels starting with a year are kept in year order)",
                         _waves_order, wave_commands)
    wave_order.add_argument("project", metavar="PROJECT", help="the project file (.sdproj)")
    wave_order.add_argument("waves", nargs="+", metavar="WAVE",
                            help="every wave's label once, earliest first")
