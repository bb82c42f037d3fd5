"""``surveydesk-cli`` commands for fieldwork: the phone interviews' ``calllist``, ``quotas``,
and moving data between laptops and the master project: ``sync``, ``merge`` and
``conflicts``. Parsing and messages only; the work is done by :mod:`surveydesk.io.call_list`,
:mod:`surveydesk.store` and :mod:`surveydesk.sync`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from surveydesk.cli import common
from surveydesk.cli.passphrase import (
    add_passphrase_option,
    given_passphrase,
    passphrase_if_encrypted,
)
from surveydesk.core.errors import UsageError
from surveydesk.core.userdata import backup_folder


# -- call list and quotas -------------------------------------------------------------------
def _calllist_import(args) -> int:
    from surveydesk.io.call_list import import_call_list

    with common.open_project(args.project) as project:
        result = import_call_list(project, Path(args.file),
                                  passphrase=passphrase_if_encrypted(args, project))
    print(result.summary())
    common.print_warnings(result.warnings)
    return common.EXIT_OK


_CALL_STATUS_TITLES = {
    "open": "open", "appointment": "appointment", "completed": "completed (interviewed)",
    "refused": "refused", "wrong_number": "wrong number", "language_problem": "language problem",
    "exhausted": "no answer after the last attempt",
}


def _calllist_show(args) -> int:
    from surveydesk.store.calls import call_overview, max_attempts_setting
    from surveydesk.store.contacts import contact_data

    with common.open_project(args.project) as project:
        overview = call_overview(project)
        attempts = max_attempts_setting(project)
        # Counts only: the numbers themselves never leave the store here.
        with_number = contact_data(project).phones
    total = overview["total"]
    if not total:
        print("The call list is empty: use 'surveydesk-cli calllist import PROJECT FILE'.")
        return common.EXIT_OK
    print(f"Call list: {common.plural(total, 'call')} ({with_number:,} with a phone number), "
          f"{common.plural(overview['attempts'], 'attempt')} made (at most {attempts} per call).")
    for status, title in _CALL_STATUS_TITLES.items():
        print(f"  {title:<34}{overview[status]:>7}")
    rate = overview["response_rate"]
    shown = "–" if rate is None else f"{rate:.1%}"
    print(f"Response rate so far: {shown} (completed of all calls except wrong numbers).")
    if overview["contacts_removed"]:
        print(f"The contact data of {common.plural(overview['contacts_removed'], 'call')} was "
              "removed ('privacy purge'); those calls cannot be dialled.")
    elif with_number < total:
        print(f"{common.plural(total - with_number, 'call')} without a phone number here: a device "
              "file leaves numbers out unless it is written with 'sync export "
              "--include-contacts'.")
    return common.EXIT_OK


def _quotas_set(args) -> int:
    from surveydesk.core.answers import AnswerError, AnswerReader
    from surveydesk.core.questionnaire import QuestionType
    from surveydesk.store import settings
    from surveydesk.store.project import MODES

    with common.open_project(args.project) as project:
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
    return common.EXIT_OK


def _quotas_show(args) -> int:
    from surveydesk.store import settings

    with common.open_project(args.project) as project:
        waves = [w.label for w in project.waves()]
        wave = args.wave or (waves[-1] if waves else "")
        if args.wave:
            project.wave(args.wave)
        progress = settings.quota_progress(project, wave)
    if not progress:
        print("No quotas set: use 'surveydesk-cli quotas set PROJECT VARIABLE GROUP TARGET'.")
        return common.EXIT_OK
    print(f"Quotas, wave {wave or '(none yet)'}:")
    for variable, group, target, done in progress:
        # Rounded down: a quota shows 100 % only when it is met.
        print(f"  {variable:<16}{group:<24}{done:>6} of {target:<6}{100 * done // target:>6}%")
    return common.EXIT_OK


def _quotas_clear(args) -> int:
    from surveydesk.store import settings

    with common.open_project(args.project) as project:
        removed = settings.clear_quotas(project, args.variable)
    print(f"Removed {removed} quota{'s' if removed != 1 else ''}.")
    return common.EXIT_OK



# -- sync, merge and conflicts --------------------------------------------------------------
def _sync_export(args) -> int:
    from surveydesk.core import userdata
    from surveydesk.store.contact_encryption import is_encrypted
    from surveydesk.sync.device_file import export_device_file

    interviewer = args.interviewer if args.interviewer is not None else (
        userdata.entry_profile().interviewer)
    device = args.device_id or userdata.device_id()
    with common.open_project(args.project) as project:
        manifest = export_device_file(project, Path(args.output), device_id=device,
                                      interviewer=interviewer, replace=args.force,
                                      include_contacts=args.include_contacts)
        encrypted = is_encrypted(project)
    counts = manifest.counts
    print(f"Wrote device file {args.output}: {counts['interviews']} interviews "
          f"({counts['complete']} complete, {counts['partial']} partial, "
          f"{counts['aborted']} aborted; {counts['deleted']} of them deleted), "
          f"{counts['audit_entries']} audited changes, "
          f"{counts['calls']} calls with {counts['call_attempts']} attempts.")
    print(f"  device {manifest.device_id}, interviewer {manifest.interviewer or '(none)'}, "
          f"checksum {manifest.snapshot_sha256[:16]}")
    if manifest.contacts_included and encrypted:
        print(f"  phone numbers and names are included, encrypted as in {Path(args.project).name}"
              " (the pass phrase is needed to dial them)")
    elif manifest.contacts_included:
        print(CONTACTS_WARNING.format(file=args.output), file=sys.stderr)
    else:
        print("  phone numbers and names were left out (use --include-contacts to carry them)")
    return common.EXIT_OK


CONTACTS_WARNING = (
    "warning: {file} contains the call list's phone numbers and names: personal data. Carry "
    "it only on an encrypted stick or drive, and delete it once it is merged.")


def _merge(args) -> int:
    from surveydesk.sync.merge import merge_device_files

    with common.open_project(args.master) as master:
        report = merge_device_files(
            master, [Path(p) for p in args.device_files], write=not args.dry_run,
            backup_folder=Path(args.backup_dir) if args.backup_dir else None,
            keep_backups=args.keep_backups, passphrase=given_passphrase(args))
    for line in report.lines():
        print(line)
    return common.EXIT_OK


def _sync_log(args) -> int:
    from surveydesk.store.merge_log import merge_log

    with common.open_project(args.project) as project:
        records = merge_log(project)
    if not records:
        print(f"No device files have been merged into this project {NOT_LOGGED}.")
        return common.EXIT_OK
    for r in records:
        print(f"{r.merged_at}  {r.file_name} ({r.interviewer or 'no interviewer'}, device "
              f"{r.device_id}, made {r.created_at}): {r.added} added, {r.updated} updated, "
              f"{r.unchanged} unchanged, {r.conflicts} conflicts; {r.calls_added} calls and "
              f"{r.attempts_added} call attempts added")
    print(NOT_LOGGED)
    return common.EXIT_OK


# A merge that adds nothing leaves the master as it was, the log included.
NOT_LOGGED = "(merges that added or changed nothing are not logged)"


def _conflicts_list(args) -> int:
    from surveydesk.store.interview_versions import conflicts

    with common.open_project(args.project) as project:
        found = conflicts(project, open_only=not args.all)
    if not found:
        print("No open merge conflicts." if not args.all else "No merge conflicts.")
        return common.EXIT_OK
    for conflict in found:
        state = "open" if conflict.is_open else (
            f"resolved {conflict.resolved_at} by {conflict.resolved_by}: {conflict.resolution}")
        print(f"{conflict.interview_uuid}  opened {conflict.opened_at}  {state}")
        for item in conflict.versions:
            version = item.version
            shown = "  (shown now)" if conflict.is_open and item.key == conflict.shown_key else ""
            print(f"  version {item.key}  from {item.source}: {version.status}, "
                  f"{len(version.answers)} answers, interviewer {version.interviewer or '-'}, "
                  f"last edited {version.updated_at}"
                  f"{', deleted' if version.deleted else ''}{shown}")
    return common.EXIT_OK


def _conflicts_show(args) -> int:
    from surveydesk.store.interview_versions import conflicts

    with common.open_project(args.project) as project:
        found = [c for c in conflicts(project, open_only=False)
                 if c.interview_uuid == args.interview]
    if not found:
        raise UsageError(f"Interview {args.interview} has no merge conflict.")
    conflict = found[-1]
    versions = [item.version for item in conflict.versions]
    questions = sorted({q for v in versions for q in v.answers})
    print(f"Interview {conflict.interview_uuid}: "
          f"{'open' if conflict.is_open else 'resolved'} conflict, "
          f"{len(versions)} versions")
    header = ["question", *(item.key[:8] for item in conflict.versions)]
    print("  " + "  ".join(f"{h:<14}" for h in header))
    for question in questions:
        values = [v.answers.get(question, "") for v in versions]
        mark = "*" if len(set(values)) > 1 else " "
        print(f"{mark} " + "  ".join(f"{str(x)[:14]:<14}" for x in [question, *values]))
    for name in ("status", "interviewer", "device_id", "updated_at"):
        print("  " + "  ".join(f"{str(x)[:14]:<14}" for x in
                               [name, *(getattr(v, name) or "" for v in versions)]))
    print("(* answers differ)")
    return common.EXIT_OK


def _conflicts_resolve(args) -> int:
    from surveydesk.sync.merge import resolve_conflict

    with common.open_project(args.project) as project:
        kept = resolve_conflict(project, args.interview, args.keep, who=args.who)
    print(f"Interview {args.interview}: kept version {kept.key} "
          f"({kept.interviewer or 'unknown interviewer'}); the choice is in the audit log.")
    return common.EXIT_OK


def add_commands(commands: common.Commands) -> None:
    """Add ``calllist``, ``quotas``, ``sync``, ``merge`` and ``conflicts``."""
    calllist = commands.group("calllist", "the call list of phone interviews",
                              "The call list of phone interviews: import numbers, show "
                              "progress.")
    calllist_import = calllist.command("import", "add numbers from a CSV/XLSX file (columns "
                                       "reference,phone[,name] and questions to preload)",
                                       _calllist_import)
    calllist_import.add_argument("file", metavar="FILE",
                                 help="CSV/XLSX with columns reference,phone[,name] and "
                                      "questions to preload")
    add_passphrase_option(calllist_import)
    calllist.command("show", "show counts by status and the response rate so far (no phone "
                     "numbers)", _calllist_show)

    quotas = commands.group("quotas", "fieldwork quotas per group, e.g. per department",
                            "Quotas: complete interviews wanted per group.")
    quota_set = quotas.command("set", "set the quota of one group of a select_one question or "
                               "mode", _quotas_set)
    quota_set.add_argument("variable", metavar="VARIABLE",
                           help="a select_one question, e.g. department, or 'mode'")
    quota_set.add_argument("group", metavar="GROUP", help="a choice name or label")
    quota_set.add_argument("target", type=common.positive, metavar="TARGET",
                           help="complete interviews wanted in this group")
    quota_show = quotas.command("show", "show the quotas and the progress of a wave",
                                _quotas_show)
    quota_show.add_argument("--wave", metavar="LABEL",
                            help="the wave to show (default: the latest wave)")
    quota_clear = quotas.command("clear", "remove quotas (all, or of one variable)",
                                 _quotas_clear)
    quota_clear.add_argument("variable", nargs="?", metavar="VARIABLE",
                             help="only the quotas of this variable")

    sync = commands.group("sync", "write a device file to carry to the master",
                          "Device files: a laptop's data, to merge into the master project.")
    export = sync.command("export", "write a consistent snapshot of this project as a device "
                          "file", _sync_export, project="this laptop's project file (.sdproj)")
    common.add_output(export, "DEVICE_FILE", "the device file to write, e.g. laptop3.sddevice")
    common.add_options(
        export,
        ("--interviewer", "NAME", "who made the interviews (default: the entry profile's "
                                  "name)"),
        ("--device-id", "ID", "this laptop's id (default: the id made on first use)"),
        ("--include-contacts", None, "also carry the call list's phone numbers and names "
                                     "(personal data; left out by default)"))
    sync.command("log", "list the device files merged into this project", _sync_log,
                 project=common.MASTER_HELP)

    merge = commands.command("merge", "merge device files into the master project", _merge,
                             project=None)
    merge.add_argument("master", metavar="MASTER", help=common.MASTER_HELP)
    merge.add_argument("device_files", nargs="+", metavar="DEVICE_FILE",
                       help="one or more device files written by 'sync export'")
    add_passphrase_option(merge)
    merge.add_argument("--dry-run", action="store_true",
                       help="only report what would be added, updated and conflicting")
    merge.add_argument("--backup-dir", metavar="DIR",
                       help=f"where to back the master up first (default: {backup_folder()})")
    merge.add_argument("--keep-backups", type=common.backups, metavar="N",
                       help="backups of this master to keep (default: the project setting "
                            "merge_backups_kept, 10)")

    conflicts = commands.group("conflicts", "review and resolve merge conflicts",
                               "Interviews that two devices changed independently.")
    listing = conflicts.command("list", "list the open conflicts and their versions",
                                _conflicts_list, project=common.MASTER_HELP)
    listing.add_argument("--all", action="store_true", help="also the resolved ones")

    def of_one_interview(name: str, help_text: str, run) -> argparse.ArgumentParser:
        action = conflicts.command(name, help_text, run, project=common.MASTER_HELP)
        action.add_argument("interview", metavar="INTERVIEW_ID",
                            help="the interview's id, as 'conflicts list' shows it")
        return action

    of_one_interview("show", "show the versions of one interview side by side",
                     _conflicts_show)
    resolve = of_one_interview("resolve", "keep one version of an interview",
                               _conflicts_resolve)
    resolve.add_argument("--keep", required=True, metavar="VERSION",
                         help="the version to keep (its id, or the start of it)")
    resolve.add_argument("--who", required=True, metavar="NAME",
                         help="who chose (recorded in the audit log)")
