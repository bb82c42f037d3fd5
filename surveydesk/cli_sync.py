"""``surveydesk-cli`` commands for moving data between laptops and the master project:
``sync export``, ``merge`` and ``conflicts``. Parsing and messages only; the work is done
by :mod:`surveydesk.sync`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from surveydesk.cli_privacy import add_passphrase_option
from surveydesk.core.errors import UsageError
from surveydesk.core.userdata import config_dir

EXIT_OK = 0


def _sync_export(args) -> int:
    from surveydesk.core import userdata
    from surveydesk.store.contact_encryption import is_encrypted
    from surveydesk.store.project import Project
    from surveydesk.sync.device_file import export_device_file

    interviewer = args.interviewer if args.interviewer is not None else (
        userdata.entry_profile().interviewer)
    device = args.device_id or userdata.device_id()
    with Project.open(Path(args.project)) as project:
        manifest = export_device_file(project, Path(args.output), device_id=device,
                                      interviewer=interviewer,
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
    return EXIT_OK


CONTACTS_WARNING = (
    "warning: {file} contains the call list's phone numbers and names: personal data. Carry "
    "it only on an encrypted stick or drive, and delete it once it is merged.")


def _merge(args) -> int:
    from surveydesk.cli_privacy import given_passphrase
    from surveydesk.store.project import Project
    from surveydesk.sync.merge import merge_device_files

    with Project.open(Path(args.master)) as master:
        report = merge_device_files(
            master, [Path(p) for p in args.device_files], write=not args.dry_run,
            backup_folder=Path(args.backup_dir) if args.backup_dir else None,
            keep_backups=args.keep_backups, passphrase=given_passphrase(args))
    for line in report.lines():
        print(line)
    return EXIT_OK


def _sync_log(args) -> int:
    from surveydesk.store.merge_log import merge_log
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        records = merge_log(project)
    if not records:
        print(f"No device files have been merged into this project {NOT_LOGGED}.")
        return EXIT_OK
    for r in records:
        print(f"{r.merged_at}  {r.file_name} ({r.interviewer or 'no interviewer'}, device "
              f"{r.device_id}, made {r.created_at}): {r.added} added, {r.updated} updated, "
              f"{r.unchanged} unchanged, {r.conflicts} conflicts; {r.calls_added} calls and "
              f"{r.attempts_added} call attempts added")
    print(NOT_LOGGED)
    return EXIT_OK


# A merge that adds nothing leaves the master as it was, the log included.
NOT_LOGGED = "(merges that added or changed nothing are not logged)"


def _conflicts_list(args) -> int:
    from surveydesk.store.interview_versions import conflicts
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
        found = conflicts(project, open_only=not args.all)
    if not found:
        print("No open merge conflicts." if not args.all else "No merge conflicts.")
        return EXIT_OK
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
    return EXIT_OK


def _conflicts_show(args) -> int:
    from surveydesk.store.interview_versions import conflicts
    from surveydesk.store.project import Project

    with Project.open(Path(args.project)) as project:
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
    return EXIT_OK


def _conflicts_resolve(args) -> int:
    from surveydesk.store.project import Project
    from surveydesk.sync.merge import resolve_conflict

    with Project.open(Path(args.project)) as project:
        kept = resolve_conflict(project, args.interview, args.keep, who=args.who)
    print(f"Interview {args.interview}: kept version {kept.key} "
          f"({kept.interviewer or 'unknown interviewer'}); the choice is in the audit log.")
    return EXIT_OK


def _backups(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of backups from 1 to 1000")
    return int(text)


def default_backup_folder() -> Path:
    """Where ``merge`` backs the master up (as :func:`surveydesk.sync.backups.default_folder`,
    which a test checks; importing that module here would slow every command's start)."""
    return config_dir() / "backups"


def add_sync_commands(commands, command: Callable) -> None:
    """Add ``sync``, ``merge`` and ``conflicts`` to the ``surveydesk-cli`` parser."""
    sync = commands.add_parser("sync", help="write a device file to carry to the master",
                               description="Device files: a laptop's data, to merge into "
                                           "the master project.")
    sync_commands = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    export = command("export", "write a consistent snapshot of this project as a device file",
                     _sync_export, sync_commands)
    export.add_argument("project", metavar="PROJECT",
                        help="this laptop's project file (.sdproj)")
    export.add_argument("-o", "--output", required=True, metavar="DEVICE_FILE",
                        help="the device file to write, e.g. laptop3.sddevice")
    export.add_argument("--interviewer", metavar="NAME",
                        help="who made the interviews (default: the entry profile's name)")
    export.add_argument("--device-id", metavar="ID",
                        help="this laptop's id (default: the id made on first use)")
    export.add_argument("--include-contacts", action="store_true",
                        help="also carry the call list's phone numbers and names (personal "
                             "data; left out by default)")

    log = command("log", "list the device files merged into this project", _sync_log,
                  sync_commands)
    log.add_argument("project", metavar="PROJECT", help="the master project file (.sdproj)")

    merge = command("merge", "merge device files into the master project", _merge)
    merge.add_argument("master", metavar="MASTER", help="the master project file (.sdproj)")
    merge.add_argument("device_files", nargs="+", metavar="DEVICE_FILE",
                       help="one or more device files written by 'sync export'")
    add_passphrase_option(merge)
    merge.add_argument("--dry-run", action="store_true",
                       help="only report what would be added, updated and conflicting")
    merge.add_argument("--backup-dir", metavar="DIR",
                       help="where to back the master up first (default: "
                            f"{default_backup_folder()})")
    merge.add_argument("--keep-backups", type=_backups, metavar="N",
                       help="backups of this master to keep (default: the project setting "
                            "merge_backups_kept, 10)")

    conflicts = commands.add_parser(
        "conflicts", help="review and resolve merge conflicts",
        description="Interviews that two devices changed independently.")
    conflict_commands = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION",
                                                 required=True)
    listing = command("list", "list the open conflicts and their versions", _conflicts_list,
                      conflict_commands)
    listing.add_argument("project", metavar="PROJECT", help="the master project file (.sdproj)")
    listing.add_argument("--all", action="store_true", help="also the resolved ones")
    show = command("show", "show the versions of one interview side by side",
                   _conflicts_show, conflict_commands)
    show.add_argument("project", metavar="PROJECT", help="the master project file (.sdproj)")
    show.add_argument("interview", metavar="INTERVIEW_ID",
                      help="the interview's id, as 'conflicts list' shows it")
    resolve = command("resolve", "keep one version of an interview", _conflicts_resolve,
                      conflict_commands)
    resolve.add_argument("project", metavar="PROJECT",
                         help="the master project file (.sdproj)")
    resolve.add_argument("interview", metavar="INTERVIEW_ID",
                         help="the interview's id, as 'conflicts list' shows it")
    resolve.add_argument("--keep", required=True, metavar="VERSION",
                         help="the version to keep (its id, or the start of it)")
    resolve.add_argument("--who", required=True, metavar="NAME",
                         help="who chose (recorded in the audit log)")
