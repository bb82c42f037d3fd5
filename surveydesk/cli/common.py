"""What every ``surveydesk-cli`` command shares: the argument shapes (a project file, an
output file with ``--force``, groups of actions), the argument types, the message helpers,
and the one path from an error to an exit code (:func:`run`).

Modules of the command groups import the heavy parts of SurveyDesk (pandas, the store)
inside their command functions, so that ``--help`` and a small command start fast.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from surveydesk.core.errors import SurveyDeskError
from surveydesk.io import files

EXIT_OK, EXIT_BUG, EXIT_USER = 0, 1, 2

# Help texts shared by many commands (the positional arguments every command takes).
PROJECT_HELP = "the project file (.sdproj)"
MASTER_HELP = "the master project file (.sdproj)"
FORM_HELP = ("the XLSForm workbook (.xlsx); 'surveydesk-cli form demo NAME -o FORM.xlsx' "
             "writes a bundled one")
DATA_FILE_HELP = "the respondent data file: .csv, .xlsx or SPSS .sav"
FORCE_HELP = "replace the output file if it exists (by default an existing file is kept)"

Run = Callable[[argparse.Namespace], int]


class Commands:
    """One level of the command tree: adds commands (with the function that runs them) and
    groups of actions (``targets set|list|clear``) to the parser."""

    def __init__(self, subparsers: argparse._SubParsersAction):
        self._subparsers = subparsers

    def command(self, name: str, help_text: str, run: Run, *,
                project: str | None = PROJECT_HELP) -> argparse.ArgumentParser:
        """Add the command ``name``; ``project``: the help of its ``PROJECT`` argument
        (``None``: it takes none)."""
        parser = self._subparsers.add_parser(name, help=help_text, description=help_text)
        parser.set_defaults(run=run)
        if project is not None:
            parser.add_argument("project", metavar="PROJECT", help=project)
        return parser

    def group(self, name: str, help_text: str, description: str) -> Commands:
        """Add ``name ACTION``, whose actions are added to the returned level."""
        parser = self._subparsers.add_parser(name, help=help_text, description=description)
        return Commands(parser.add_subparsers(dest=f"{name}_command", metavar="ACTION",
                                              required=True))


def add_output(parser: argparse.ArgumentParser, metavar: str, help_text: str) -> None:
    """``-o/--output FILE`` (required) and ``--force`` to replace an existing file."""
    parser.add_argument("-o", "--output", required=True, metavar=metavar, help=help_text)
    parser.add_argument("--force", action="store_true", help=FORCE_HELP)


def add_options(parser: argparse.ArgumentParser, *options: tuple[str, str | None, str]) -> None:
    """Optional arguments from a table of ``(flag, METAVAR, help)``; a ``METAVAR`` of
    ``None`` makes an on/off switch."""
    for flag, metavar, help_text in options:
        if metavar is None:
            parser.add_argument(flag, action="store_true", help=help_text)
        else:
            parser.add_argument(flag, metavar=metavar, help=help_text)


def output(args: argparse.Namespace, *, what: str, suffixes: str | Sequence[str] = ()) -> Path:
    """The checked output file of a command with :func:`add_output`, refused before any
    work starts; the policy is :func:`surveydesk.io.files.check_output`."""
    project = getattr(args, "project", None)
    return files.check_output(Path(args.output), what=what, suffixes=suffixes,
                              replace=args.force, protect=Path(project) if project else None)


def open_project(path: str | Path):
    """The project file at ``path``, opened (as a context manager)."""
    from surveydesk.store.project import Project

    return Project.open(Path(path))


def interactive() -> bool:
    """Whether the command runs in a terminal that can answer a question."""
    return bool(sys.stdin) and sys.stdin.isatty()


def print_warnings(warnings: Iterable[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``1 call``, ``3 calls``: a count with its noun in the right number."""
    return f"{count:,} {noun if count == 1 else plural_noun or noun + 's'}"


# -- argument types (argparse refuses a bad value with exit code 2 and the message) -------
def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def positive(text: str) -> int:
    value = count(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1, e.g. 0.05")
    return value


def backups(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of backups from 1 to 1000")
    return int(text)


# -- the one path from an error to an exit code -------------------------------------------
def run(args: argparse.Namespace) -> int:
    """Run the parsed command: its exit code, or 2 with ``error: …`` for a problem the user
    can fix (nothing was changed), 130 when interrupted, 1 with a traceback for a bug."""
    from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error

    try:
        return args.run(args)
    except files.OutputRefused as refused:
        message = (f"{refused.path} already exists; choose another name, or add --force to "
                   "replace it. Nothing was written." if refused.reason == files.EXISTS
                   else str(refused))
        print(f"error: {message}", file=sys.stderr)
        return EXIT_USER
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
