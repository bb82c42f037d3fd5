"""Excel sheet names: at most 31 characters, none of ``[]:*?/\\``, unique without regard to
case; and titles shortened so that sheet names stay telling."""

from __future__ import annotations

import re

MAX_SHEET_NAME = 31
FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
RESERVED_SHEET_NAMES = {"history"}  # Excel keeps it for its change history
# Kept at the start of a shortened title: the words belong to what follows them.
_ARTICLES = {"den", "det", "de", "din", "dit", "dine", "en", "et", "the", "a", "an", "your"}


def sheet_name(text: str, taken: set[str]) -> str:
    """``text`` as a valid, unused Excel sheet name: at most 31 characters, none of
    ``[]:*?/\\``, no apostrophe first or last, not Excel's reserved ``History``."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    base = re.sub(r"\s+", " ", FORBIDDEN_IN_SHEET_NAMES.sub(" ", printable))
    base = base.strip(" '")[:MAX_SHEET_NAME].strip(" '") or "Sheet"
    name, number = base, 2
    lowered = {t.lower() for t in taken} | RESERVED_SHEET_NAMES
    while name.lower() in lowered:
        suffix = f" ({number})"
        name = base[:MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        number += 1
    taken.add(name)
    return name


def short_titles(titles: list[str]) -> list[str]:
    """Titles too long for a sheet name lose the words they share with other long titles
    (``How much do you agree ... about X?`` becomes ``X``), so sheet names stay telling."""
    long = [t.split() for t in titles if len(t) > MAX_SHEET_NAME]
    shortened = []
    for title in titles:
        words = title.split()
        if len(title) <= MAX_SHEET_NAME:
            shortened.append(title)
            continue
        common = 0
        for other in long:
            if other == words:
                continue
            k = 0
            while k < min(len(words), len(other)) - 1 and words[k] == other[k]:
                k += 1
            common = max(common, k)
        while common > 0 and words[common - 1].lower() in _ARTICLES:
            common -= 1  # "den telefoniske betjening", not "telefoniske betjening"
        tail = " ".join(words[common:]).rstrip("?:. ")  # a fragment, not the question
        shortened.append(tail[:1].upper() + tail[1:])
    return shortened


def quoted(name: str) -> str:
    """A sheet name as a formula or hyperlink reference writes it: ``'It''s'``."""
    return "'" + name.replace("'", "''") + "'"


def cell_reference(sheet: str, row: int, column: int) -> str:
    """``'Sheet'!$B$5`` for a zero-based ``row`` and ``column``."""
    letters, number = "", column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{quoted(sheet)}!${letters}${row + 1}"
