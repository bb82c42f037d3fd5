"""The ``surveydesk-cli`` command: argument parsing and messages only.

Every command calls the same Qt-free functions the GUI calls. Exit codes: 0 success,
2 a problem the user can fix (the message says what and where, no traceback), 1 a bug.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from surveydesk import __version__
from surveydesk.core.errors import SurveyDeskError, UsageError

EXIT_OK, EXIT_BUG, EXIT_USER = 0, 1, 2
MODES = ("web", "in_person", "phone")


def _form_check(args) -> int:
    from surveydesk.core.xlsform import read_xlsform

    questionnaire = read_xlsform(Path(args.form))
    questions = questionnaire.answer_questions
    scored = sum(1 for q in questions if q.is_scored)
    print(f"{Path(args.form).name}: OK")
    print(f"  title:     {questionnaire.title}")
    print(f"  form_id:   {questionnaire.form_id}   version: {questionnaire.version}")
    languages = ", ".join(f"{lang.name} ({lang.code})" for lang in questionnaire.languages)
    print(f"  languages: {languages}   default: {questionnaire.default_language}")
    print(f"  {len(questions)} questions ({scored} on scored scales), "
          f"{len(questionnaire.groups)} groups, {len(questionnaire.choice_lists)} choice lists")
    _print_warnings(questionnaire.warnings)
    return EXIT_OK


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _read_form(path: str):
    from surveydesk.core.xlsform import read_xlsform

    form = Path(path)
    questionnaire = read_xlsform(form)
    return form.read_bytes(), questionnaire


def _init(args) -> int:
    from surveydesk.store.project import Project

    workbook, questionnaire = _read_form(args.form)
    _print_warnings(questionnaire.warnings)
    with Project.create(Path(args.project), workbook, questionnaire):
        pass
    print(f"Created project {args.project} for '{questionnaire.title}' "
          f"(form {questionnaire.form_id}, version {questionnaire.version}).")
    return EXIT_OK


def _form_update(args) -> int:
    from surveydesk.store.project import Project

    workbook, questionnaire = _read_form(args.form)
    _print_warnings(questionnaire.warnings)
    with Project.open(Path(args.project)) as project:
        added = project.add_form_version(workbook, questionnaire)
        count = len(project.form_versions())
    if added is None:
        print(f"This form is already in {args.project}; nothing changed.")
    else:
        print(f"Added questionnaire version {added.version} to {args.project} "
              f"({count} versions stored; new data is checked against this one).")
    return EXIT_OK


def _import(args) -> int:
    from surveydesk.io.importer import import_file
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        result = import_file(project, Path(args.file), args.wave, args.mode)
    print(result.summary())
    return EXIT_OK


def _export(args) -> int:
    from surveydesk.io import exporter
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        if args.format == "csv":
            result = exporter.export_csv(project, Path(args.output), wave=args.wave,
                                         language=args.lang, labels=args.labels,
                                         delimiter=args.delimiter)
        else:
            if args.labels or args.delimiter != ",":
                raise UsageError("--labels and --delimiter apply to --format csv only.")
            result = exporter.export_sav(project, Path(args.output), wave=args.wave,
                                         language=args.lang)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    waves = ", ".join(result.waves) or "none"
    print(f"Wrote {result.rows} interviews × {result.columns} columns (waves: {waves}) "
          f"to {result.path}.")
    return EXIT_OK


def _info(args) -> int:
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        overview = project.overview()
    print(f"{overview.path.name}: {overview.title}")
    print(f"  form {overview.form_id}, version {overview.form_version} "
          f"({overview.form_versions} version{'s' if overview.form_versions != 1 else ''} "
          f"stored), languages: {', '.join(overview.languages)}")
    if not overview.waves:
        print("  no waves yet: import data with 'surveydesk-cli import'.")
        return EXIT_OK
    header = f"  {'wave':<12}{'total':>7}{'web':>7}{'in_person':>11}{'phone':>7}" \
             f"{'complete':>10}{'partial':>9}{'aborted':>9}"
    print(header)
    for summary in overview.waves:
        m, s = summary.by_mode, summary.by_status
        print(f"  {summary.wave.label:<12}{summary.total:>7}{m['web']:>7}{m['in_person']:>11}"
              f"{m['phone']:>7}{s['complete']:>10}{s['partial']:>9}{s['aborted']:>9}")
    return EXIT_OK


def _demo(args) -> int:
    from surveydesk.demo import write_demo

    with write_demo(Path(args.project), args.form) as project:
        overview = project.overview()
    waves = ", ".join(f"{s.wave.label} ({s.total})" for s in overview.waves)
    print(f"Wrote demo project {args.project}: '{overview.title}', waves {waves}.")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="surveydesk-cli",
        description="SurveyDesk data operations: questionnaires, project files, import, export.",
    )
    parser.add_argument("--version", action="version", version=f"surveydesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str, run: Callable, parent=commands):
        sub = parent.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    form = commands.add_parser("form", help="check a questionnaire or add a new version of it",
                               description="Check an XLSForm or add a version to a project.")
    form_commands = form.add_subparsers(dest="form_command", metavar="ACTION", required=True)
    check = command("check", "check an XLSForm workbook and summarise it", _form_check,
                    form_commands)
    check.add_argument("form", metavar="FORM.xlsx")
    update = command("update", "add a new questionnaire version to a project", _form_update,
                     form_commands)
    update.add_argument("project", metavar="PROJECT")
    update.add_argument("--form", required=True, metavar="FORM.xlsx")

    init = command("init", "create a new project file from an XLSForm", _init)
    init.add_argument("project", metavar="PROJECT")
    init.add_argument("--form", required=True, metavar="FORM.xlsx")

    imp = command("import", "import respondent data (CSV, XLSX, SPSS .sav) into a wave",
                  _import)
    imp.add_argument("project", metavar="PROJECT")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--wave", required=True, metavar="LABEL",
                     help="the wave to import into, e.g. 2024 (created if new)")
    imp.add_argument("--mode", choices=MODES, default="web",
                     help="how the answers were collected, for rows without a 'mode' column "
                          "(default: web)")

    exp = command("export", "export respondent data to CSV or SPSS .sav", _export)
    exp.add_argument("project", metavar="PROJECT")
    exp.add_argument("--format", required=True, choices=("csv", "sav"))
    exp.add_argument("--wave", metavar="LABEL", help="only this wave (default: all waves)")
    exp.add_argument("--lang", metavar="CODE", help="language of labels, e.g. da or en "
                     "(default: the form's default language)")
    exp.add_argument("--labels", action="store_true",
                     help="csv: write select_one answers as labels instead of choice names")
    exp.add_argument("--delimiter", default=",", choices=(",", ";"),
                     help="csv: field separator; ';' also writes decimal commas")
    exp.add_argument("-o", "--output", required=True, metavar="OUT")

    info = command("info", "show the questionnaire, waves and counts by mode and status",
                   _info)
    info.add_argument("project", metavar="PROJECT")

    demo = command("demo", "write a demo project with two waves of generated answers", _demo)
    demo.add_argument("project", metavar="PROJECT")
    demo.add_argument("--form", default="citizen_service",
                      choices=("citizen_service", "jobcentre"),
                      help="which bundled questionnaire (default: citizen_service)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SurveyDeskError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("Interrupted; nothing was changed by the unfinished command.", file=sys.stderr)
        return 130
    except Exception:
        print("surveydesk-cli hit an internal error. This is a bug; please report it with "
              "the details below.", file=sys.stderr)
        traceback.print_exc()
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
