"""Where a pass phrase of encrypted contact data comes from, for every command that needs one.

``--passphrase-file FILE`` (its first line), the environment variable
``SURVEYDESK_PASSPHRASE``, or a prompt that does not echo (only on a terminal; without one
and without another source the command refuses with exit code 2).
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from surveydesk.cli import common
from surveydesk.core.errors import UsageError

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


def ask_passphrase(args, *, new: bool = False) -> str:
    """The pass phrase from the options, the environment or a prompt; ``new``: asked twice,
    and checked for length."""
    from surveydesk.core.contact_crypto import check_new_passphrase

    passphrase = given_passphrase(args)
    if passphrase is None:
        if not common.interactive():
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
    if given is None and is_encrypted(project) and common.interactive():
        return ask_passphrase(args)
    return given
