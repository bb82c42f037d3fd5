"""The ``surveydesk-cli`` command: argument parsing and messages only.

Every command calls the same Qt-free functions the GUI calls. One module per command group,
as the help groups them: :mod:`.demo`, :mod:`.questionnaire`, :mod:`.data`, :mod:`.results`,
:mod:`.fieldwork` and :mod:`.privacy`; :mod:`.common` holds the argument shapes they share
and the one path from an error to an exit code. Exit codes: 0 success, 2 a problem the user
can fix (the message says what and where, no traceback), 1 a bug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from surveydesk import __version__
from surveydesk.cli import data, demo, fieldwork, privacy, questionnaire, results
from surveydesk.cli.common import Commands, run

DESCRIPTION = """\
SurveyDesk on the command line: every data operation of the app.

  start here     demo (a project with two waves of answers to try every command on)
  questionnaire  form, init, info, waves, settings
  data           import, export
  results        tables, targets, population, report
  fieldwork      calllist, quotas, sync, merge, conflicts, privacy

'surveydesk-cli COMMAND --help' explains a command. Exit codes: 0 done, 2 a problem you can
fix (nothing was changed), 1 a bug."""

# In the order of DESCRIPTION, which is the order of the help's command list.
GROUPS = (demo, questionnaire, data, results, fieldwork, privacy)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="surveydesk-cli", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"surveydesk {__version__}")
    commands = Commands(parser.add_subparsers(dest="command", metavar="COMMAND",
                                              required=True))
    for group in GROUPS:
        group.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``surveydesk-cli ARGS``: the exit code (argparse exits with 2 on bad arguments)."""
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
