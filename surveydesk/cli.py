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
from surveydesk.cli_privacy import add_passphrase_option, add_privacy_commands
from surveydesk.cli_report import add_report_commands
from surveydesk.cli_sync import add_sync_commands
from surveydesk.core.errors import SurveyDeskError, UsageError
from surveydesk.core.questionnaire import MODES
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error

EXIT_OK, EXIT_BUG, EXIT_USER = 0, 1, 2


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


def _form_demo(args) -> int:
    from surveydesk.io.demo import demo_form_path

    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: a questionnaire is an Excel workbook; give a name ending in "
                         ".xlsx. Nothing was written.")
    if out.exists():
        raise UsageError(f"{out} already exists; choose another name or remove it first. "
                         "Nothing was written.")
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist; create it or choose "
                         "another place. Nothing was written.")
    try:
        out.write_bytes(demo_form_path(args.name).read_bytes())
    except OSError as error:
        raise UsageError(f"{out} cannot be written ({error.strerror}). Nothing was "
                         "written.") from None
    print(f"Wrote the demo questionnaire '{args.name}' to {out}; start a project with "
          f"'surveydesk-cli init PROJECT --form {out}'.")
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
        result = import_file(project, Path(args.file), args.wave, args.mode or "web")
    print(result.summary())
    if args.mode is not None and result.already_imported_at is None:
        # An explicit --mode that changes nothing is most likely a misunderstanding.
        if not result.default_mode_rows:
            print(f"warning: --mode {args.mode} was not used: every row of {result.file_name} "
                  "has its own mode value.", file=sys.stderr)
        elif result.default_mode_rows < result.rows:
            print(f"  --mode {args.mode} was used for {result.default_mode_rows:,} of "
                  f"{_plural(result.rows, 'row')} (the others have their own mode value).")
    _print_warnings(result.warnings)
    return EXIT_OK


def _export(args) -> int:
    from surveydesk.io import exporter
    from surveydesk.io.audit_export import audit_path, write_audit_log
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        if args.format == "csv":
            result = exporter.export_csv(project, Path(args.output), wave=args.wave,
                                         language=args.lang, labels=args.labels,
                                         delimiter="\t" if args.delimiter == "tab"
                                         else args.delimiter)
        else:
            if args.labels or args.delimiter != ",":
                raise UsageError("--labels and --delimiter apply to --format csv only.")
            result = exporter.export_sav(project, Path(args.output), wave=args.wave,
                                         language=args.lang)
        audit = None if args.no_audit else write_audit_log(
            project, audit_path(Path(args.output)), wave=args.wave,
            delimiter=";" if args.delimiter == ";" else ",")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    waves = ", ".join(result.waves) or "none"
    print(f"Wrote {result.rows} interviews × {result.columns} columns (waves: {waves}) "
          f"to {result.path}.")
    if audit is not None:
        print(f"Wrote the audit log ({_plural(audit.entries, 'entry', 'entries')}) to "
              f"{audit.path}.")
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
    from surveydesk.io.demo import write_demo

    with write_demo(Path(args.project), args.form) as project:
        overview = project.overview()
    waves = ", ".join(f"{s.wave.label} ({s.total})" for s in overview.waves)
    print(f"Wrote demo project {args.project}: '{overview.title}', waves {waves}.")
    return EXIT_OK


def _tables(args) -> int:
    from surveydesk.analysis.project_tables import tables_for_project
    from surveydesk.analysis.tables import TableOptions
    from surveydesk.io.reference_files import read_benchmark
    from surveydesk.io.tidy import write_tidy
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        benchmark = (read_benchmark(Path(args.benchmark), project.questionnaire)
                     if args.benchmark else ())
        options = TableOptions(
            breakdowns=tuple(args.by or ()),
            waves=(args.wave,) if args.wave else None,
            questions=tuple(args.question) if args.question else None,
            alpha=args.alpha, min_base=args.min_base, adjust=args.adjust == "bh",
            weighted=args.weighted, benchmark=benchmark,
            dont_know_in_base=args.dont_know_in_base,
        )
        result = tables_for_project(project, options)
    write_tidy(result.table, Path(args.output), args.format, result.response_rates,
               protect=Path(args.project))
    _print_warnings(result.warnings)
    adjusted = "Benjamini-Hochberg adjusted" if args.adjust == "bh" else "not adjusted"
    print(f"Wrote {len(result.table)} cells to {args.output} (alpha {args.alpha}, "
          f"p-values {adjusted}{', weighted' if args.weighted else ''}).")
    return EXIT_OK


def _targets_set(args) -> int:
    from surveydesk.analysis.reference import AT_LEAST, AT_MOST, check_statistic, parse_value
    from surveydesk.store import settings
    from surveydesk.store.project import Project

    operator, text = (AT_LEAST, args.at_least) if args.at_least is not None else (
        AT_MOST, args.at_most)
    with Project.open(Path(args.project)) as project:
        check_statistic(project.questionnaire, args.question, args.statistic)
        value = parse_value(text, args.statistic)
        settings.set_target(project, args.question, args.statistic, operator, value)
    from surveydesk.analysis.reference import Target

    print(f"Target set: {Target(args.question, args.statistic, operator, value).describe()}.")
    return EXIT_OK


def _targets_list(args) -> int:
    from surveydesk.analysis.reference import Target
    from surveydesk.store import settings
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        rows = settings.targets(project)
    if not rows:
        print("No targets set.")
    for row in rows:
        print(Target(*row).describe())
    return EXIT_OK


def _targets_clear(args) -> int:
    from surveydesk.store import settings
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        removed = settings.clear_targets(project, args.question, args.statistic)
    print(f"Removed {removed} target{'s' if removed != 1 else ''}.")
    return EXIT_OK


def _population_set(args) -> int:
    from surveydesk.io.reference_files import read_population
    from surveydesk.store import settings
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        rows = read_population(Path(args.file), project.questionnaire)
        count = settings.replace_population_counts(project, rows)
    variables = ", ".join(sorted({row[1] for row in rows}))
    print(f"Stored {count} population counts ({variables}); they replace any earlier ones.")
    return EXIT_OK


def _population_show(args) -> int:
    from surveydesk.analysis.project_tables import project_response_rates
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        rates = project_response_rates(project)
    if rates.empty:
        print("No population counts set: use 'surveydesk-cli population set PROJECT FILE'.")
        return EXIT_OK
    print(f"{'wave':<10}{'variable':<18}{'group':<28}{'population':>11}{'answers':>9}"
          f"{'rate':>8}")
    for row in rates.itertuples():
        group = row.group or "(total)"
        print(f"{row.wave:<10}{row.variable:<18}{group:<28}{row.population:>11,.0f}"
              f"{row.answers:>9}{row.rate:>8.1%}")
    return EXIT_OK


def _settings_set(args) -> int:
    from surveydesk.analysis.project_tables import DONT_KNOW_IN_BASE, TRUE_TEXTS
    from surveydesk.analysis.report import CLIENT_SETTING, client_name
    from surveydesk.store import settings
    from surveydesk.store.calls import MAX_ATTEMPTS_SETTING as MAX_CALL_ATTEMPTS
    from surveydesk.store.project import Project
    from surveydesk.sync.backups import KEEP_SETTING as BACKUPS_KEPT

    known = (DONT_KNOW_IN_BASE, MAX_CALL_ATTEMPTS, BACKUPS_KEPT, CLIENT_SETTING)
    if args.key not in known:
        raise UsageError(f"Unknown setting '{args.key}' (known: {', '.join(known)}).")
    value = args.value.strip().lower()
    if args.key == CLIENT_SETTING:
        stored = client_name(args.value)
    elif args.key == MAX_CALL_ATTEMPTS:
        if not value.isdigit() or not 1 <= int(value) <= 50:
            raise UsageError(f"'{args.value}' is not a number of call attempts from 1 to 50.")
        stored = str(int(value))
    elif args.key == BACKUPS_KEPT:
        if not value.isdigit() or not 1 <= int(value) <= 1000:
            raise UsageError(f"'{args.value}' is not a number of backups to keep from 1 to "
                             "1000.")
        stored = str(int(value))
    elif value in TRUE_TEXTS or value in ("false", "no", "0", "off"):
        stored = "true" if value in TRUE_TEXTS else "false"
    else:
        raise UsageError(f"'{args.value}' is not a value of {args.key} (use true or false).")
    with Project.open(Path(args.project)) as project:
        settings.set_setting(project, args.key, stored)
    print(f"{args.key} = {stored}")
    return EXIT_OK


def _settings_list(args) -> int:
    from surveydesk.store import settings
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        values = settings.settings(project)
    print(f"dont_know_in_base = {values.get('dont_know_in_base', 'false')}")
    print(f"max_call_attempts = {values.get('max_call_attempts', '5')}")
    print(f"merge_backups_kept = {values.get('merge_backups_kept', '10')}")
    print(f"client = {values.get('client', '')}")
    return EXIT_OK


def _calllist_import(args) -> int:
    from surveydesk.cli_privacy import passphrase_if_encrypted
    from surveydesk.io.call_list import import_call_list
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        result = import_call_list(project, Path(args.file),
                                  passphrase=passphrase_if_encrypted(args, project))
    print(result.summary())
    _print_warnings(result.warnings)
    return EXIT_OK


_CALL_STATUS_TITLES = {
    "open": "open", "appointment": "appointment", "completed": "completed (interviewed)",
    "refused": "refused", "wrong_number": "wrong number", "language_problem": "language problem",
    "exhausted": "no answer after the last attempt",
}


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    """``1 call``, ``3 calls``: a count with its noun in the right number."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def _calllist_show(args) -> int:
    from surveydesk.store.calls import call_overview, max_attempts_setting
    from surveydesk.store.contacts import contact_data
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        overview = call_overview(project)
        attempts = max_attempts_setting(project)
        # Counts only: the numbers themselves never leave the store here.
        with_number = contact_data(project).phones
    total = overview["total"]
    if not total:
        print("The call list is empty: use 'surveydesk-cli calllist import PROJECT FILE'.")
        return EXIT_OK
    print(f"Call list: {_plural(total, 'call')} ({with_number:,} with a phone number), "
          f"{_plural(overview['attempts'], 'attempt')} made (at most {attempts} per call).")
    for status, title in _CALL_STATUS_TITLES.items():
        print(f"  {title:<34}{overview[status]:>7}")
    rate = overview["response_rate"]
    shown = "–" if rate is None else f"{rate:.1%}"
    print(f"Response rate so far: {shown} (completed of all calls except wrong numbers).")
    if overview["contacts_removed"]:
        print(f"The contact data of {_plural(overview['contacts_removed'], 'call')} was "
              "removed ('privacy purge'); those calls cannot be dialled.")
    elif with_number < total:
        print(f"{_plural(total - with_number, 'call')} without a phone number here: a device "
              "file leaves numbers out unless it is written with 'sync export "
              "--include-contacts'.")
    return EXIT_OK


def _quotas_set(args) -> int:
    from surveydesk.core.answers import AnswerError, AnswerReader
    from surveydesk.core.questionnaire import QuestionType
    from surveydesk.store import settings
    from surveydesk.store.project import MODES, Project

    with Project.open(Path(args.project)) as project:
        questionnaire = project.questionnaire
        if args.variable == "mode":
            if args.group not in MODES:
                raise UsageError(f"'{args.group}' is not a mode ({', '.join(MODES)}).")
            group = args.group
        else:
            if args.variable not in questionnaire or questionnaire.question(
                    args.variable).type is not QuestionType.SELECT_ONE:
                raise UsageError(f"'{args.variable}' is not a select_one question of the form "
                                 "(or 'mode'); quotas are set per group of one.")
            try:
                group = str(AnswerReader(questionnaire.question(args.variable)).read(args.group))
            except AnswerError as error:
                raise UsageError(f"'{args.group}': {error}.") from None
        settings.set_quota(project, args.variable, group, args.target)
    print(f"Quota set: {args.variable} = {group}: {args.target} complete interviews.")
    return EXIT_OK


def _quotas_show(args) -> int:
    from surveydesk.store import settings
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        waves = [w.label for w in project.waves()]
        wave = args.wave or (waves[-1] if waves else "")
        if args.wave:
            project.wave(args.wave)
        progress = settings.quota_progress(project, wave)
    if not progress:
        print("No quotas set: use 'surveydesk-cli quotas set PROJECT VARIABLE GROUP TARGET'.")
        return EXIT_OK
    print(f"Quotas, wave {wave or '(none yet)'}:")
    for variable, group, target, done in progress:
        # Rounded down: a quota shows 100 % only when it is met.
        print(f"  {variable:<16}{group:<24}{done:>6} of {target:<6}{100 * done // target:>6}%")
    return EXIT_OK


def _quotas_clear(args) -> int:
    from surveydesk.store import settings
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        removed = settings.clear_quotas(project, args.variable)
    print(f"Removed {removed} quota{'s' if removed != 1 else ''}.")
    return EXIT_OK


def _positive(text: str) -> int:
    value = _count(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1, e.g. 0.05")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


# Help texts shared by many commands (the positional arguments every command takes).
PROJECT_HELP = "the project file (.sdproj)"
DATA_FILE_HELP = "the respondent data file: .csv, .xlsx or SPSS .sav"
FORM_HELP = ("the XLSForm workbook (.xlsx); 'surveydesk-cli form demo NAME -o FORM.xlsx' "
             "writes a bundled one")
# The bundled demo questionnaires (surveydesk.io.demo.DEMOS; a test keeps the two equal, so
# that building the parser does not import the demo generator).
DEMO_FORMS = ("citizen_service", "jobcentre")
# What 'settings set' accepts, shown in its --help (a test keeps it equal to the keys
# _settings_set knows).
SETTINGS_HELP = (
    ("dont_know_in_base", "true|false",
     "count don't-know answers in the top2/bottom2/mean base (default false)"),
    ("max_call_attempts", "1-50", "call attempts before a call is given up (default 5)"),
    ("merge_backups_kept", "1-1000", "backups of the master 'merge' keeps (default 10)"),
    ("client", "NAME", "the client named on the report's front page (default none)"),
)
DESCRIPTION = """\
SurveyDesk on the command line: every data operation of the app.

  start here     demo (a project with two waves of answers to try every command on)
  questionnaire  form, init, info, waves, settings
  data           import, export
  results        tables, targets, population, report
  fieldwork      calllist, quotas, sync, merge, conflicts, privacy

'surveydesk-cli COMMAND --help' explains a command. Exit codes: 0 done, 2 a problem you can
fix (nothing was changed), 1 a bug."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="surveydesk-cli", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"surveydesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str, run: Callable, parent=commands):
        sub = parent.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    demo = command("demo", "write a demo project with two waves of generated answers", _demo)
    demo.add_argument("project", metavar="PROJECT", help="the project file to write (.sdproj)")
    demo.add_argument("--form", default="citizen_service", choices=DEMO_FORMS,
                      help="which bundled questionnaire (default: citizen_service)")

    form = commands.add_parser(
        "form", help="check a questionnaire, add a new version of it, or get a bundled one",
        description="Check an XLSForm, add a version to a project, or write a bundled demo "
                    "questionnaire to a file.")
    form_commands = form.add_subparsers(dest="form_command", metavar="ACTION", required=True)
    check = command("check", "check an XLSForm workbook and summarise it", _form_check,
                    form_commands)
    check.add_argument("form", metavar="FORM.xlsx", help="the XLSForm workbook to check")
    update = command("update", "add a new questionnaire version to a project", _form_update,
                     form_commands)
    update.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    update.add_argument("--form", required=True, metavar="FORM.xlsx",
                        help="the new version of the project's XLSForm")
    form_demo = command("demo", "write a bundled demo questionnaire to a workbook, to "
                        "start a project from or to copy", _form_demo, form_commands)
    form_demo.add_argument("name", metavar="NAME", choices=DEMO_FORMS,
                           help=f"which questionnaire: {' or '.join(DEMO_FORMS)}")
    form_demo.add_argument("-o", "--output", required=True, metavar="FORM.xlsx",
                           help="the workbook to write (an existing file is not replaced)")

    init = command("init", "create a new project file from an XLSForm", _init)
    init.add_argument("project", metavar="PROJECT",
                      help="the project file to create (.sdproj)")
    init.add_argument("--form", required=True, metavar="FORM.xlsx", help=FORM_HELP)

    imp = command("import", "import respondent data (CSV, XLSX, SPSS .sav) into a wave",
                  _import)
    imp.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    imp.add_argument("file", metavar="FILE", help=DATA_FILE_HELP)
    imp.add_argument("--wave", required=True, metavar="LABEL",
                     help="the wave to import into, e.g. 2024 (created if new)")
    imp.add_argument("--mode", choices=MODES,
                     help="how the answers were collected, for rows without a value in a "
                          "'mode' column (default: web)")

    exp = command("export", "export respondent data to CSV or SPSS .sav", _export)
    exp.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    exp.add_argument("--format", required=True, choices=("csv", "sav"),
                     help="csv (Excel reads it) or sav (SPSS, PSPP)")
    exp.add_argument("--wave", metavar="LABEL", help="only this wave (default: all waves)")
    exp.add_argument("--lang", metavar="CODE", help="language of labels, e.g. da or en "
                     "(default: the form's default language)")
    exp.add_argument("--labels", action="store_true",
                     help="csv: write select_one answers as labels instead of choice names")
    exp.add_argument("--delimiter", default=",", choices=(",", ";", "tab"), metavar="SEP",
                     help="csv: field separator: ',' (default), ';' (also writes decimal "
                          "commas, as Danish Excel reads them) or tab")
    exp.add_argument("-o", "--output", required=True, metavar="OUT",
                     help="the file to write, e.g. 2022.csv or data.sav")
    exp.add_argument("--no-audit", action="store_true",
                     help="do not write the audit log beside the data (OUT_audit.csv)")

    info = command("info", "show the questionnaire, waves and counts by mode and status",
                   _info)
    info.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)

    tables = command("tables", "compute result tables with significance tests", _tables)
    tables.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    tables.add_argument("--by", action="append", metavar="Q",
                        help="break down by a select_one question, 'mode' or 'wave' "
                             "(give up to two)")
    tables.add_argument("--wave", metavar="LABEL", help="only this wave's cells (still "
                        "compared with the wave before it)")
    tables.add_argument("--question", action="append", metavar="Q",
                        help="only this question or theme (repeatable; default: all)")
    tables.add_argument("--weighted", action="store_true",
                        help="weight to the population counts set with 'population set'")
    tables.add_argument("--benchmark", metavar="FILE",
                        help="CSV/XLSX of reference values: question,statistic,value[,n,sd]")
    tables.add_argument("--alpha", type=_probability, default=0.05,
                        help="significance level (default 0.05)")
    tables.add_argument("--min-base", type=_count, default=30,
                        help="cells with this many answers or fewer are low base (default 30)")
    tables.add_argument("--adjust", choices=("none", "bh"), default="none",
                        help="Benjamini-Hochberg adjustment of p-values per question table")
    tables.add_argument("--dont-know-in-base", action="store_true",
                        help="count don't-know answers in the top2/bottom2 base")
    tables.add_argument("--format", required=True, choices=("csv", "json", "xlsx"),
                        help="the file type of OUT")
    tables.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="the file to write, one tidy row per cell")

    targets = commands.add_parser("targets", help="set, list or clear result targets",
                                  description="Targets for results, e.g. top2 at least 79%.")
    target_commands = targets.add_subparsers(dest="targets_command", metavar="ACTION",
                                             required=True)
    target_set = command("set", "set the target of a question or theme statistic",
                         _targets_set, target_commands)
    target_set.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    target_set.add_argument("question", metavar="QUESTION_OR_THEME",
                            help="a question name, or a theme (group) name of the form")
    target_set.add_argument("statistic", metavar="STATISTIC",
                            help="e.g. top2, bottom2, mean, theme_mean, share:5")
    bound = target_set.add_mutually_exclusive_group(required=True)
    bound.add_argument("--at-least", metavar="VALUE", help="e.g. 79%% or 4.0")
    bound.add_argument("--at-most", metavar="VALUE", help="e.g. 6%%")
    target_list = command("list", "list the targets", _targets_list, target_commands)
    target_list.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    target_clear = command("clear", "remove targets (all, or of one question/statistic)",
                           _targets_clear, target_commands)
    target_clear.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    target_clear.add_argument("question", nargs="?", metavar="QUESTION_OR_THEME",
                              help="only the targets of this question or theme")
    target_clear.add_argument("statistic", nargs="?", metavar="STATISTIC",
                              help="only the target of this statistic")

    population = commands.add_parser(
        "population", help="population counts for response rates and weighting",
        description="Population counts per group, for response rates and weights.")
    population_commands = population.add_subparsers(dest="population_command",
                                                    metavar="ACTION", required=True)
    population_set = command("set", "store population counts from a CSV/XLSX file "
                             "(columns variable,group,population[,wave])", _population_set,
                             population_commands)
    population_set.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    population_set.add_argument("file", metavar="FILE",
                                help="CSV/XLSX with columns variable,group,population[,wave]")
    population_show = command("show", "show the response-rate table", _population_show,
                              population_commands)
    population_show.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)

    quotas = commands.add_parser("quotas", help="fieldwork quotas per group, e.g. per department",
                                 description="Quotas: complete interviews wanted per group.")
    quota_commands = quotas.add_subparsers(dest="quotas_command", metavar="ACTION",
                                           required=True)
    quota_set = command("set", "set the quota of one group of a select_one question or mode",
                        _quotas_set, quota_commands)
    quota_set.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    quota_set.add_argument("variable", metavar="VARIABLE",
                           help="a select_one question, e.g. department, or 'mode'")
    quota_set.add_argument("group", metavar="GROUP", help="a choice name or label")
    quota_set.add_argument("target", type=_positive, metavar="TARGET",
                           help="complete interviews wanted in this group")
    quota_show = command("show", "show the quotas and the progress of a wave", _quotas_show,
                         quota_commands)
    quota_show.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    quota_show.add_argument("--wave", metavar="LABEL",
                            help="the wave to show (default: the latest wave)")
    quota_clear = command("clear", "remove quotas (all, or of one variable)", _quotas_clear,
                          quota_commands)
    quota_clear.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    quota_clear.add_argument("variable", nargs="?", metavar="VARIABLE",
                             help="only the quotas of this variable")

    setting = commands.add_parser("settings", help="project settings for the analysis",
                                  description="Project settings for the analysis.")
    setting_commands = setting.add_subparsers(dest="settings_command", metavar="ACTION",
                                              required=True)
    setting_set = command("set", "change a setting, e.g. dont_know_in_base true or client "
                          "'Aarhus Kommune'",
                          _settings_set, setting_commands)
    setting_set.description = "Change a project setting. The settings:\n\n" + "\n".join(
        f"  {key} {values}\n      {meaning}" for key, values, meaning in SETTINGS_HELP)
    setting_set.formatter_class = argparse.RawDescriptionHelpFormatter
    setting_set.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    setting_set.add_argument("key", metavar="KEY",
                             help=f"one of: {', '.join(key for key, _, _ in SETTINGS_HELP)}")
    setting_set.add_argument("value", metavar="VALUE", help="the new value (see above)")
    setting_list = command("list", "show the settings", _settings_list, setting_commands)
    setting_list.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)

    calllist = commands.add_parser(
        "calllist", help="the call list of phone interviews",
        description="The call list of phone interviews: import numbers, show progress.")
    calllist_commands = calllist.add_subparsers(dest="calllist_command", metavar="ACTION",
                                                required=True)
    calllist_import = command("import", "add numbers from a CSV/XLSX file (columns "
                              "reference,phone[,name] and questions to preload)",
                              _calllist_import, calllist_commands)
    calllist_import.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)
    calllist_import.add_argument("file", metavar="FILE",
                                 help="CSV/XLSX with columns reference,phone[,name] and "
                                      "questions to preload")
    add_passphrase_option(calllist_import)
    calllist_show = command("show", "show counts by status and the response rate so far "
                            "(no phone numbers)", _calllist_show, calllist_commands)
    calllist_show.add_argument("project", metavar="PROJECT", help=PROJECT_HELP)

    add_sync_commands(commands, command)
    add_report_commands(commands, command)
    add_privacy_commands(commands, command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SurveyDeskError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USER
    except STORAGE_ERRORS as error:  # the last line of defence for a damaged project file
        path = (getattr(args, "project", None) or getattr(args, "master", None)
                or "the project file")
        print(f"error: {explain_storage_error(Path(path), error)}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("Interrupted. Every change is saved in one transaction, so nothing half-done "
              "was kept.", file=sys.stderr)
        return 130
    except Exception:
        print("surveydesk-cli hit an internal error. This is a bug; please report it with "
              "the details below.", file=sys.stderr)
        traceback.print_exc()
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
