"""``surveydesk-cli privacy``: personal data after fieldwork, and encryption of contact data.
Parsing and messages only; the work is done by :mod:`surveydesk.store.contacts` and
:mod:`surveydesk.store.contact_encryption`.

A pass phrase comes from ``--passphrase-file FILE`` (its first line), the environment
variable ``SURVEYDESK_PASSPHRASE``, or a prompt that does not echo (only on a terminal;
without one and without another source the command refuses with exit code 2).
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from surveydesk.core.errors import UsageError

EXIT_OK = 0
PASSPHRASE_VARIABLE = "SURVEYDESK_PASSPHRASE"


def add_passphrase_option(parser) -> None:
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read the pass phrase of encrypted contact data from the first "
                        f"line of FILE (or set {PASSPHRASE_VARIABLE})")


def given_passphrase(args) -> str | None:
    """The pass phrase from ``--passphrase-file`` or the environment, else ``None``."""
    file = getattr(args, "passphrase_file", None)
    if file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{file}: cannot read the pass phrase file "
                             f"({getattr(error, 'strerror', None) or error}). Nothing was "
                             "changed.") from None
        lines = text.splitlines()
        if not lines or not lines[0]:
            raise UsageError(f"{file}: the pass phrase file is empty (the pass phrase is its "
                             "first line). Nothing was changed.")
        return lines[0]
    return os.environ.get(PASSPHRASE_VARIABLE) or None


def _interactive() -> bool:
    return bool(sys.stdin) and sys.stdin.isatty()


def ask_passphrase(args, *, new: bool = False) -> str:
    """The pass phrase from the options, the environment or a prompt; ``new``: asked twice,
    and checked for length."""
    from surveydesk.core.contact_crypto import check_new_passphrase

    passphrase = given_passphrase(args)
    if passphrase is None:
        if not _interactive():
            raise UsageError("This needs the pass phrase of the contact data: give "
                             f"--passphrase-file FILE or set {PASSPHRASE_VARIABLE}, or run it "
                             "in a terminal. Nothing was changed.")
        passphrase = getpass.getpass("Pass phrase: ")
        if new:
            check_new_passphrase(passphrase)
            if getpass.getpass("The same pass phrase again: ") != passphrase:
                raise UsageError("The two pass phrases differ. Nothing was changed.")
    if new:
        check_new_passphrase(passphrase)
    return passphrase


def passphrase_if_encrypted(args, project) -> str | None:
    """For commands that may write contact data: the pass phrase when ``project``'s contact
    data is encrypted (given, or asked on a terminal), else what was given (maybe None)."""
    from surveydesk.store.contact_encryption import is_encrypted

    given = given_passphrase(args)
    if given is None and is_encrypted(project) and _interactive():
        return ask_passphrase(args)
    return given


def _who(args) -> str:
    if args.who is not None:
        return args.who
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment
        raise UsageError("Say who removes the contact data with --who NAME.") from None


def _confirmed(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError("removing contact data cannot be undone and needs a confirmation; "
                         "run it in a terminal, or add --yes. Nothing was changed.")
    answer = input(f"{question} Type yes to remove them: ")
    return answer.strip().casefold() in ("yes", "ja")


def _purge(args) -> int:
    from surveydesk.store.contacts import contact_data, remove_contact_data
    from surveydesk.store.project import Project

    if not args.call_list:
        raise UsageError("Say what to remove: --call-list (the call list's phone numbers "
                         "and names). Nothing was changed.")
    path = Path(args.project)
    if not path.is_file():
        raise UsageError(f"{path}: no such project file. Nothing was changed.")
    with Project.open(path) as project:
        held = contact_data(project)
        if not held.anything:
            print(f"The call list of {path.name} holds no phone numbers or names "
                  f"({held.calls} calls); nothing to remove.")
            return EXIT_OK
        who = _who(args)
        print(f"{path.name}: the call list holds {held.summary()}.")
        if held.unfinished:
            print(f"  {held.unfinished} of these calls are still open or have an "
                  "appointment; they cannot be called after this.")
        print("  Interviews, call outcomes and attempt times stay (response rates are "
              "kept); the removal is recorded in the audit log.")
        if not args.yes and not _confirmed("This cannot be undone."):
            print("Nothing was removed.")
            return EXIT_OK
        removed = remove_contact_data(project, who=who)
    print(f"Removed {removed.summary()} from the call list of {path.name}; recorded in "
          f"the audit log as done by {who}.")
    _older_backups(path, delete=args.delete_backups, backup_dir=args.backup_dir)
    return EXIT_OK


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
    from surveydesk.store.project import Project

    path = _project(args)
    with Project.open(path) as project:
        if is_encrypted(project):
            raise UsageError(f"The contact data of {path.name} is already encrypted. "
                             "Nothing was changed.")
        passphrase = ask_passphrase(args, new=True)
        count = encrypt_contacts(project, passphrase)
    print(f"Encrypted {count} phone number{'s' if count != 1 else ''} and names in the call "
          f"list of {path.name}. Keep the pass phrase safe: without it the numbers cannot be "
          "read again, by anybody.")
    _older_backups(path, delete=False, backup_dir=None)
    return EXIT_OK


def _decrypt(args) -> int:
    from surveydesk.store.contact_encryption import decrypt_contacts, is_encrypted
    from surveydesk.store.project import Project

    path = _project(args)
    with Project.open(path) as project:
        if not is_encrypted(project):
            raise UsageError(f"The contact data of {path.name} is not encrypted. Nothing "
                             "was changed.")
        count = decrypt_contacts(project, ask_passphrase(args))
    print(f"Decrypted {count} phone number{'s' if count != 1 else ''} and names in the call "
          f"list of {path.name}; they are stored in plain text again.")
    return EXIT_OK


def _status(args) -> int:
    from surveydesk.store.contact_encryption import encryption_status, key_parameters
    from surveydesk.store.project import Project

    path = _project(args)
    with Project.open(path) as project:
        status = encryption_status(project)
        parameters = key_parameters(project)
    print(f"{path.name}: {status.summary()}.")
    if parameters is not None:
        print(f"  key: scrypt (n={parameters.n}, r={parameters.r}, p={parameters.p}), "
              "AES-256-GCM per value")
        if status.plain_values:
            print(f"  warning: {status.plain_values} values are in plain text; run "
                  "'privacy decrypt' and 'privacy encrypt' again.")
    return EXIT_OK


def add_privacy_commands(commands, command: Callable) -> None:
    """Add ``privacy purge|encrypt|decrypt|status`` to the ``surveydesk-cli`` parser."""
    privacy = commands.add_parser(
        "privacy", help="personal data: encrypt or remove contact data",
        description="Personal data in the project file.")
    privacy_commands = privacy.add_subparsers(dest="privacy_command", metavar="ACTION",
                                              required=True)
    purge = command("purge", "remove the call list's phone numbers and names after "
                    "fieldwork (interviews and call outcomes stay)", _purge, privacy_commands)
    purge.add_argument("project", metavar="PROJECT", help="the project file (.sdproj)")
    purge.add_argument("--call-list", action="store_true",
                       help="remove every phone number and name of the call list")
    purge.add_argument("--yes", action="store_true",
                       help="do not ask for confirmation (for scripts)")
    purge.add_argument("--who", metavar="NAME",
                       help="who removes it, for the audit log (default: the user name)")
    purge.add_argument("--delete-backups", action="store_true",
                       help="also delete this project's merge backups, which still hold the "
                            "numbers")
    purge.add_argument("--backup-dir", metavar="DIR",
                       help="where the merge backups are, if not the default folder")
    encrypt = command("encrypt", "encrypt the call list's phone numbers and names with a "
                      "pass phrase (asked twice; a lost pass phrase means lost numbers)",
                      _encrypt, privacy_commands)
    encrypt.add_argument("project", metavar="PROJECT", help="the project file (.sdproj)")
    add_passphrase_option(encrypt)
    decrypt = command("decrypt", "store the call list's phone numbers and names in plain text "
                      "again", _decrypt, privacy_commands)
    decrypt.add_argument("project", metavar="PROJECT", help="the project file (.sdproj)")
    add_passphrase_option(decrypt)
    status = command("status", "say whether the contact data is encrypted", _status,
                     privacy_commands)
    status.add_argument("project", metavar="PROJECT", help="the project file (.sdproj)")
