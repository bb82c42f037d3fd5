"""``surveydesk-cli privacy``: personal data after fieldwork. Parsing and messages only; the
work is done by :mod:`surveydesk.store.contacts`."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from surveydesk.core.errors import UsageError

EXIT_OK = 0


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
    return EXIT_OK


def add_privacy_commands(commands, command: Callable) -> None:
    """Add ``privacy purge`` to the ``surveydesk-cli`` parser."""
    privacy = commands.add_parser(
        "privacy", help="personal data: remove contact data after fieldwork",
        description="Personal data in the project file.")
    privacy_commands = privacy.add_subparsers(dest="privacy_command", metavar="ACTION",
                                              required=True)
    purge = command("purge", "remove the call list's phone numbers and names after "
                    "fieldwork (interviews and call outcomes stay)", _purge, privacy_commands)
    purge.add_argument("project", metavar="PROJECT")
    purge.add_argument("--call-list", action="store_true",
                       help="remove every phone number and name of the call list")
    purge.add_argument("--yes", action="store_true",
                       help="do not ask for confirmation (for scripts)")
    purge.add_argument("--who", metavar="NAME",
                       help="who removes it, for the audit log (default: the user name)")
