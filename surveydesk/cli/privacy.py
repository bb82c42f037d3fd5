"""``surveydesk-cli privacy``: personal data after fieldwork, and encryption of contact data.
Parsing and messages only; the work is done by :mod:`surveydesk.store.contacts` and
:mod:`surveydesk.store.contact_encryption`. Pass phrases come from
:mod:`surveydesk.cli.passphrase`.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from surveydesk.cli import common
from surveydesk.cli.passphrase import add_passphrase_option, ask_passphrase
from surveydesk.core.errors import UsageError


def _who(args) -> str:
    if args.who is not None:
        return args.who
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment
        raise UsageError("Say who removes the contact data with --who NAME.") from None


def _confirmed(question: str) -> bool:
    if not common.interactive():
        raise UsageError("removing contact data cannot be undone and needs a confirmation; "
                         "run it in a terminal, or add --yes. Nothing was changed.")
    answer = input(f"{question} Type yes to remove them: ")
    return answer.strip().casefold() in ("yes", "ja")


def _purge(args) -> int:
    from surveydesk.store.contacts import contact_data, remove_contact_data

    if not args.call_list:
        raise UsageError("Say what to remove: --call-list (the call list's phone numbers "
                         "and names). Nothing was changed.")
    path = _project(args)
    with common.open_project(path) as project:
        held = contact_data(project)
        if not held.anything:
            print(f"The call list of {path.name} holds no phone numbers or names "
                  f"({held.calls} calls); nothing to remove.")
            return common.EXIT_OK
        who = _who(args)
        print(f"{path.name}: the call list holds {held.summary()}.")
        if held.unfinished:
            print(f"  {held.unfinished} of these calls are still open or have an "
                  "appointment; they cannot be called after this.")
        print("  Interviews, call outcomes and attempt times stay (response rates are "
              "kept); the removal is recorded in the audit log.")
        if not args.yes and not _confirmed("This cannot be undone."):
            print("Nothing was removed.")
            return common.EXIT_OK
        removed = remove_contact_data(project, who=who)
    print(f"Removed {removed.summary()} from the call list of {path.name}; recorded in "
          f"the audit log as done by {who}.")
    _older_backups(path, delete=args.delete_backups, backup_dir=args.backup_dir)
    return common.EXIT_OK


def _older_backups(path: Path, *, delete: bool, backup_dir: str | None) -> None:
    """Merge backups made before a purge or encryption still hold the numbers in plain
    text: say so (or delete them when asked)."""
    from surveydesk.sync import backups

    folder = Path(backup_dir) if backup_dir else None
    older = backups.backups(path, folder)
    if not older:
        return
    where = older[0].parent
    if delete:
        for backup in older:
            backup.unlink(missing_ok=True)
        print(f"Deleted {len(older)} merge backup{'s' if len(older) != 1 else ''} of "
              f"{path.name} in {where} that still held the phone numbers and names.")
        return
    print(f"warning: {len(older)} merge backup{'s' if len(older) != 1 else ''} of "
          f"{path.name} in {where} still hold{'s' if len(older) == 1 else ''} the phone "
          "numbers and names in plain text; delete them when they are no longer needed "
          "(privacy purge --delete-backups does).", file=sys.stderr)


def _project(args) -> Path:
    path = Path(args.project)
    if not path.is_file():
        raise UsageError(f"{path}: no such project file. Nothing was changed.")
    return path


def _encrypt(args) -> int:
    from surveydesk.store.contact_encryption import encrypt_contacts, is_encrypted

    path = _project(args)
    with common.open_project(path) as project:
        if is_encrypted(project):
            raise UsageError(f"The contact data of {path.name} is already encrypted. "
                             "Nothing was changed.")
        passphrase = ask_passphrase(args, new=True)
        count = encrypt_contacts(project, passphrase)
    print(f"Encrypted {count} phone number{'s' if count != 1 else ''} and names in the call "
          f"list of {path.name}. Keep the pass phrase safe: without it the numbers cannot be "
          "read again, by anybody.")
    _older_backups(path, delete=False, backup_dir=None)
    return common.EXIT_OK


def _decrypt(args) -> int:
    from surveydesk.store.contact_encryption import decrypt_contacts, is_encrypted

    path = _project(args)
    with common.open_project(path) as project:
        if not is_encrypted(project):
            raise UsageError(f"The contact data of {path.name} is not encrypted. Nothing "
                             "was changed.")
        count = decrypt_contacts(project, ask_passphrase(args))
    print(f"Decrypted {count} phone number{'s' if count != 1 else ''} and names in the call "
          f"list of {path.name}; they are stored in plain text again.")
    return common.EXIT_OK


def _status(args) -> int:
    from surveydesk.store.contact_encryption import encryption_status, key_parameters

    path = _project(args)
    with common.open_project(path) as project:
        status = encryption_status(project)
        parameters = key_parameters(project)
    print(f"{path.name}: {status.summary()}.")
    if parameters is not None:
        print(f"  key: scrypt (n={parameters.n}, r={parameters.r}, p={parameters.p}), "
              "AES-256-GCM per value")
        if status.plain_values:
            print(f"  warning: {status.plain_values} values are in plain text; run "
                  "'privacy decrypt' and 'privacy encrypt' again.")
    return common.EXIT_OK


def add_commands(commands: common.Commands) -> None:
    """Add ``privacy purge|encrypt|decrypt|status``."""
    privacy = commands.group("privacy", "personal data: encrypt or remove contact data",
                             "Personal data in the project file.")
    purge = privacy.command("purge", "remove the call list's phone numbers and names after "
                            "fieldwork (interviews and call outcomes stay)", _purge)
    common.add_options(
        purge,
        ("--call-list", None, "remove every phone number and name of the call list"),
        ("--yes", None, "do not ask for confirmation (for scripts)"),
        ("--who", "NAME", "who removes it, for the audit log (default: the user name)"),
        ("--delete-backups", None, "also delete this project's merge backups, which still "
                                   "hold the numbers"),
        ("--backup-dir", "DIR", "where the merge backups are, if not the default folder"))
    encrypt = privacy.command("encrypt", "encrypt the call list's phone numbers and names with "
                              "a pass phrase (asked twice; a lost pass phrase means lost "
                              "numbers)", _encrypt)
    add_passphrase_option(encrypt)
    decrypt = privacy.command("decrypt", "store the call list's phone numbers and names in "
                              "plain text again", _decrypt)
    add_passphrase_option(decrypt)
    privacy.command("status", "say whether the contact data is encrypted", _status)
