"""Which key chooses which answer option, and reading option numbers typed digit by digit.

Qt-free, so the rules are tested without a display. Options are numbered 1..n in form order;
a "don't know" option gets the key ``0`` instead of a number, the convention of telephone
interviewing. In a list of ten or more options "1" may be the start of "12": the
:class:`NumberBuffer` says when a digit could still be followed by another, and the widget
waits a moment (or for Enter) before it treats the number as final.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from surveydesk.core.questionnaire import ChoiceList

DONT_KNOW_KEY = "0"
# Choice names forms commonly use for "don't know" in lists without scores.
_DONT_KNOW_NAMES = ("dk", "dont_know", "ved_ikke")


def dont_know_choice(choice_list: ChoiceList) -> str | None:
    """The name of the list's one "don't know" choice, or ``None`` if it has none (or several).

    In a scored list it is the choice without a score; otherwise a choice named ``dk``.
    """
    candidates = [c.name for c in choice_list.dont_know]
    if not candidates:
        candidates = [c.name for c in choice_list.choices
                      if c.name.casefold() in _DONT_KNOW_NAMES]
    return candidates[0] if len(candidates) == 1 else None


def option_keys(choice_list: ChoiceList) -> tuple[str, ...]:
    """The key of every choice, in list order: ``"1"``.. for options, ``"0"`` for don't know."""
    dont_know = dont_know_choice(choice_list)
    keys, number = [], 0
    for choice in choice_list.choices:
        if choice.name == dont_know:
            keys.append(DONT_KNOW_KEY)
        else:
            number += 1
            keys.append(str(number))
    return tuple(keys)


@dataclass(frozen=True)
class KeyPress:
    """What a typed digit means: the option it points at (``None``: there is no such
    option) and whether another digit could still change it (``"1"`` before ``"12"``)."""

    index: int | None
    pending: bool
    typed: str


class NumberBuffer:
    """Collects the digits of an option number; ``clear`` when the pause is over."""

    def __init__(self, keys: Sequence[str]):
        self._keys = {key: index for index, key in enumerate(keys)}
        self.text = ""

    def press(self, digit: str) -> KeyPress:
        typed = self.text + digit
        index = self._keys.get(typed)
        longer = any(key != typed and key.startswith(typed) for key in self._keys)
        self.text = typed if longer else ""
        return KeyPress(index, longer, typed)

    def clear(self) -> None:
        self.text = ""
