"""``surveydesk-cli`` commands about the questionnaire and the project around it: ``form``,
``init``, ``info``, ``waves`` and ``settings``. Parsing and messages only; the work is done
by :mod:`surveydesk.core.xlsform` and :mod:`surveydesk.store`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from surveydesk.cli import common
from surveydesk.cli.demo import DEMO_FORMS
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import QuestionType

# What 'settings set' accepts, shown in its --help (a test keeps it equal to the keys
# _settings_set knows).
SETTINGS_HELP = (
    ("dont_know_in_base", "true|false",
     "count don't-know answers in the top2/bottom2/mean base (default false)"),
    ("max_call_attempts", "1-50", "call attempts before a call is given up (default 5)"),
    ("merge_backups_kept", "1-1000", "backups of the master 'merge' keeps (default 10)"),
    ("client", "NAME", "the client named on the report's front page (default none)"),
)


# -- form -----------------------------------------------------------------------------------
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
    for title, chosen in (
            ("filled in by interview entry", [q for q in questions if q.type.is_metadata]),
            ("kept from imported data, not collected on a laptop",
             [q for q in questions if not q.type.is_collected_here]),
            ("kept from imported data, never asked",
             [q for q in questions if q.type is QuestionType.HIDDEN])):
        if chosen:
            names = ", ".join(f"{q.name} ({q.type.value})" for q in chosen)
            print(f"  {title}: {names}")
    common.print_warnings(questionnaire.warnings)
    return common.EXIT_OK


def _form_demo(args) -> int:
    from surveydesk.io.demo import demo_form_path
    from surveydesk.io.files import write_atomically

    out = common.output(args, what="questionnaire", suffixes=".xlsx")
    workbook = demo_form_path(args.name).read_bytes()
    write_atomically(out, lambda path: path.write_bytes(workbook), what="questionnaire",
                     suffixes=".xlsx", replace=args.force)
    print(f"Wrote the demo questionnaire '{args.name}' to {out}; start a project with "
          f"'surveydesk-cli init PROJECT --form {out}'.")
    return common.EXIT_OK


def _read_form(path: str):
    from surveydesk.core.xlsform import read_xlsform

    form = Path(path)
    questionnaire = read_xlsform(form)
    common.print_warnings(questionnaire.warnings)
    return form.read_bytes(), questionnaire


def _form_update(args) -> int:
    workbook, questionnaire = _read_form(args.form)
    with common.open_project(args.project) as project:
        added = project.add_form_version(workbook, questionnaire)
        count = len(project.form_versions())
    if added is None:
        print(f"This form is already in {args.project}; nothing changed.")
    else:
        print(f"Added questionnaire version {added.version} to {args.project} "
              f"({count} versions stored; new data is checked against this one).")
    return common.EXIT_OK


def _init(args) -> int:
    from surveydesk.store.project import Project

    workbook, questionnaire = _read_form(args.form)
    with Project.create(Path(args.project), workbook, questionnaire):
        pass
    print(f"Created project {args.project} for '{questionnaire.title}' "
          f"(form {questionnaire.form_id}, version {questionnaire.version}).")
    return common.EXIT_OK


# -- info and waves -------------------------------------------------------------------------
def _overview(args):
    with common.open_project(args.project) as project:
        return project.overview()


def _info(args) -> int:
    overview = _overview(args)
    print(f"{overview.path.name}: {overview.title}")
    print(f"  form {overview.form_id}, version {overview.form_version} "
          f"({overview.form_versions} version{'s' if overview.form_versions != 1 else ''} "
          f"stored), languages: {', '.join(overview.languages)}")
    if not overview.waves:
        print("  no waves yet: import data with 'surveydesk-cli import'.")
        return common.EXIT_OK
    header = f"  {'wave':<12}{'total':>7}{'web':>7}{'in_person':>11}{'phone':>7}" \
             f"{'complete':>10}{'partial':>9}{'aborted':>9}"
    print(header)
    for summary in overview.waves:
        m, s = summary.by_mode, summary.by_status
        print(f"  {summary.wave.label:<12}{summary.total:>7}{m['web']:>7}{m['in_person']:>11}"
              f"{m['phone']:>7}{s['complete']:>10}{s['partial']:>9}{s['aborted']:>9}")
    return common.EXIT_OK


def _waves_list(args) -> int:
    overview = _overview(args)
    if not overview.waves:
        print("No waves yet: import data with 'surveydesk-cli import'.")
    for summary in overview.waves:
        wave = summary.wave
        period = (f"{wave.starts_on or '?'} – {wave.ends_on or '?'}"
                  if wave.starts_on or wave.ends_on else "no fieldwork dates")
        complete = sum(summary.complete_by_mode.values())
        print(f"{wave.label}: {period}; {complete} complete of {summary.total} interviews")
    return common.EXIT_OK


def _date(text: str) -> dt.date | None:
    if text == "":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2024-09-30 "
                         "(or '' to clear it).") from None


def _waves_dates(args) -> int:
    starts, ends = _date(args.starts), _date(args.ends)
    with common.open_project(args.project) as project:
        wave = project.set_wave_dates(args.wave, starts, ends)
    print(f"Wave {wave.label}: fieldwork {wave.starts_on or '?'} – {wave.ends_on or '?'}.")
    return common.EXIT_OK


def _waves_order(args) -> int:
    with common.open_project(args.project) as project:
        waves = project.order_waves(args.waves)
    print(f"Waves in order: {', '.join(w.label for w in waves)} (each compared with the one "
          "before it).")
    return common.EXIT_OK


# -- settings -------------------------------------------------------------------------------
def _whole_number(value: str, text: str, low: int, high: int, what: str) -> str:
    if not value.isdigit() or not low <= int(value) <= high:
        raise UsageError(f"'{text}' is not a number of {what} from {low} to {high}.")
    return str(int(value))


def _settings_set(args) -> int:
    from surveydesk.analysis.project_tables import DONT_KNOW_IN_BASE, TRUE_TEXTS
    from surveydesk.analysis.report import CLIENT_SETTING, client_name
    from surveydesk.store import settings
    from surveydesk.store.calls import MAX_ATTEMPTS_SETTING as MAX_CALL_ATTEMPTS
    from surveydesk.sync.backups import KEEP_SETTING as BACKUPS_KEPT

    known = (DONT_KNOW_IN_BASE, MAX_CALL_ATTEMPTS, BACKUPS_KEPT, CLIENT_SETTING)
    if args.key not in known:
        raise UsageError(f"Unknown setting '{args.key}' (known: {', '.join(known)}).")
    value = args.value.strip().lower()
    if args.key == CLIENT_SETTING:
        stored = client_name(args.value)
    elif args.key == MAX_CALL_ATTEMPTS:
        stored = _whole_number(value, args.value, 1, 50, "call attempts")
    elif args.key == BACKUPS_KEPT:
        stored = _whole_number(value, args.value, 1, 1000, "backups to keep")
    elif value in TRUE_TEXTS or value in ("false", "no", "0", "off"):
        stored = "true" if value in TRUE_TEXTS else "false"
    else:
        raise UsageError(f"'{args.value}' is not a value of {args.key} (use true or false).")
    with common.open_project(args.project) as project:
        settings.set_setting(project, args.key, stored)
    print(f"{args.key} = {stored}")
    return common.EXIT_OK


def _settings_list(args) -> int:
    from surveydesk.store import settings

    with common.open_project(args.project) as project:
        values = settings.settings(project)
    print(f"dont_know_in_base = {values.get('dont_know_in_base', 'false')}")
    print(f"max_call_attempts = {values.get('max_call_attempts', '5')}")
    print(f"merge_backups_kept = {values.get('merge_backups_kept', '10')}")
    print(f"client = {values.get('client', '')}")
    return common.EXIT_OK


def add_commands(commands: common.Commands) -> None:
    """Add ``form``, ``init``, ``info``, ``waves`` and ``settings``."""
    form = commands.group(
        "form", "check a questionnaire, add a new version of it, or get a bundled one",
        "Check an XLSForm, add a version to a project, or write a bundled demo "
        "questionnaire to a file.")
    check = form.command("check", "check an XLSForm workbook and summarise it", _form_check,
                         project=None)
    check.add_argument("form", metavar="FORM.xlsx", help="the XLSForm workbook to check")
    update = form.command("update", "add a new questionnaire version to a project",
                          _form_update)
    update.add_argument("--form", required=True, metavar="FORM.xlsx",
                        help="the new version of the project's XLSForm")
    form_demo = form.command("demo", "write a bundled demo questionnaire to a workbook, to "
                             "start a project from or to copy", _form_demo, project=None)
    form_demo.add_argument("name", metavar="NAME", choices=DEMO_FORMS,
                           help=f"which questionnaire: {' or '.join(DEMO_FORMS)}")
    common.add_output(form_demo, "FORM.xlsx", "the workbook to write")

    init = commands.command("init", "create a new project file from an XLSForm", _init,
                            project="the project file to create (.sdproj)")
    init.add_argument("--form", required=True, metavar="FORM.xlsx", help=common.FORM_HELP)

    commands.command("info", "show the questionnaire, waves and counts by mode and status",
                     _info)

    waves = commands.group("waves", "list the waves or set their fieldwork dates",
                           "Waves and their fieldwork periods.")
    waves.command("list", "list the waves with fieldwork dates and counts", _waves_list)
    wave_dates = waves.command("dates", "set a wave's fieldwork period (YYYY-MM-DD; '' clears)",
                               _waves_dates)
    wave_dates.add_argument("wave", metavar="WAVE", help="the wave's label, e.g. 2024")
    wave_dates.add_argument("--from", dest="starts", required=True, metavar="DATE",
                            help="the first day of fieldwork, YYYY-MM-DD ('' clears it)")
    wave_dates.add_argument("--to", dest="ends", required=True, metavar="DATE",
                            help="the last day of fieldwork, YYYY-MM-DD ('' clears it)")
    wave_order = waves.command("order", "put the waves in order: each is compared with the "
                               "one before it (labels starting with a year are kept in year "
                               "order)", _waves_order)
    wave_order.add_argument("waves", nargs="+", metavar="WAVE",
                            help="every wave's label once, earliest first")

    setting = commands.group("settings", "project settings for the analysis",
                             "Project settings for the analysis.")
    setting_set = setting.command("set", "change a setting, e.g. dont_know_in_base true or "
                                  "client 'Aarhus Kommune'", _settings_set)
    setting_set.description = "Change a project setting. The settings:\n\n" + "\n".join(
        f"  {key} {values}\n      {meaning}" for key, values, meaning in SETTINGS_HELP)
    setting_set.formatter_class = argparse.RawDescriptionHelpFormatter
    setting_set.add_argument("key", metavar="KEY",
                             help=f"one of: {', '.join(key for key, _, _ in SETTINGS_HELP)}")
    setting_set.add_argument("value", metavar="VALUE", help="the new value (see above)")
    setting.command("list", "show the settings", _settings_list)

