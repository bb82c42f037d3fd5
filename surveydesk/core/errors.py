"""Errors a user can cause and act on.

Every error that reaches a user is a :class:`SurveyDeskError`. The CLI prints its message
and exits with code 2; the GUI shows it in a dialog. Anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class SurveyDeskError(Exception):
    """A problem the user caused and can fix; the message says what and where."""


class Cancelled(SurveyDeskError):
    """The user cancelled long work; the message says what was (not) changed."""


@dataclass(frozen=True)
class Problem:
    """One located problem in a file: which sheet/row/column and what is wrong.

    ``row`` is the 1-based row number as a spreadsheet program shows it (the header is
    row 1), or ``None`` when the problem is not tied to a row.
    """

    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = ", ".join(where)
        value = "" if self.value is None else f" (value {self.value!r})"
        return f"{text}: {self.message}{value}" if text else f"{self.message}{value}"


class ProblemsError(SurveyDeskError):
    """An error that carries a list of located problems.

    The message lists the first ``limit`` problems and then the count of the rest, so a file
    with 10,000 bad cells still gives a readable message.
    """

    limit = 50

    def __init__(self, headline: str, problems: list[Problem] | tuple[Problem, ...]):
        self.headline = headline
        self.problems = tuple(problems)
        shown = [f"  - {p}" for p in self.problems[: self.limit]]
        rest = len(self.problems) - self.limit
        if rest > 0:
            shown.append(f"  ... and {rest} more problem{'s' if rest != 1 else ''}")
        super().__init__("\n".join([headline, *shown]) if shown else headline)


class FormError(ProblemsError):
    """An XLSForm workbook that cannot be used as a questionnaire."""


class ExpressionError(SurveyDeskError):
    """An expression (relevant, constraint, calculation) that cannot be parsed."""

    def __init__(self, message: str, expression: str, position: int | None = None):
        self.expression = expression
        self.position = position
        where = f" at character {position + 1}" if position is not None else ""
        super().__init__(f"{message}{where} in expression {expression!r}")


class ProjectFileError(SurveyDeskError):
    """A project file that cannot be opened or used (not SurveyDesk, newer version, locked)."""


class DataImportError(ProblemsError):
    """A respondent data file that was rejected; nothing of it was imported."""


class UsageError(SurveyDeskError):
    """A wrong value given on the command line or in a dialog (unknown wave, bad option)."""


class DeviceFileError(SurveyDeskError):
    """A device file that cannot be merged: damaged, truncated, foreign, or newer."""
