"""Which key chooses which option; two-digit numbers typed one digit at a time."""

from __future__ import annotations

from surveydesk.core.questionnaire import Choice, ChoiceList
from surveydesk.gui.entry.keys import NumberBuffer, dont_know_choice, option_keys


def _list(*names: str, scores: dict[str, float] | None = None) -> ChoiceList:
    scores = scores or {}
    return ChoiceList("l", tuple(Choice(n, {"en": n}, scores.get(n)) for n in names))


def test_options_are_numbered_from_one_and_dont_know_gets_zero():
    scale = _list("5", "4", "3", "dk", scores={"5": 5, "4": 4, "3": 3})
    assert option_keys(scale) == ("1", "2", "3", "0")
    assert dont_know_choice(scale) == "dk"
    assert option_keys(_list("yes", "no", "dk")) == ("1", "2", "0")
    assert option_keys(_list("a", "b")) == ("1", "2") and dont_know_choice(_list("a")) is None


def test_in_a_long_list_one_then_two_is_twelve_and_one_alone_waits():
    buffer = NumberBuffer(option_keys(_list(*(f"c{i}" for i in range(1, 14)))))
    first = buffer.press("1")
    assert (first.index, first.pending) == (0, True)
    second = buffer.press("2")
    assert (second.index, second.pending, second.typed) == (11, False, "12")
    assert buffer.text == ""
    two = buffer.press("2")  # there is no option 20..29: final at once
    assert (two.index, two.pending) == (1, False)
    buffer.press("1")
    wrong = buffer.press("4")
    assert (wrong.index, wrong.pending, wrong.typed) == (None, False, "14")


def test_after_the_pause_a_digit_starts_a_new_number():
    buffer = NumberBuffer(option_keys(_list(*(f"c{i}" for i in range(1, 14)))))
    buffer.press("1")
    buffer.clear()
    assert buffer.press("3").index == 2


def test_zero_is_dont_know_only_where_there_is_one():
    with_dk = NumberBuffer(("1", "2", "0"))
    assert with_dk.press("0").index == 2
    without = NumberBuffer(("1", "2"))
    assert without.press("0").index is None
