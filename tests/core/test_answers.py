"""Reading raw answer text into values, storing them as text, and the content hash."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from surveydesk.core.answers import (
    AnswerError,
    AnswerReader,
    answers_hash,
    from_stored,
    to_stored,
    violates_constraint,
)
from surveydesk.core.xlsform import read_xlsform


@pytest.fixture
def form(form_path):
    return read_xlsform(form_path)


@pytest.mark.parametrize("raw,expected", [
    ("5", "5"), (" 5 ", "5"), ("DK", "dk"), ("Meget tilfreds", "5"), ("meget TILFREDS", "5"),
    ("Very satisfied", "5"), ("Don't know", "dk"), ("Ved ikke", "dk"),
])
def test_select_one_accepts_names_and_labels_in_any_language(form, raw, expected):
    assert AnswerReader(form.question("satisfied")).read(raw) == expected


def test_select_one_rejects_other_text_and_lists_the_choices(form):
    with pytest.raises(AnswerError, match="expected one of: 5, 4, 3, 2, 1, dk"):
        AnswerReader(form.question("satisfied")).read("7")


def test_select_multiple_reads_names_in_list_order_without_duplicates(form):
    reader = AnswerReader(form.question("channels"))
    assert reader.read("web phone web") == ("phone", "web")
    assert reader.read("Selvbetjening på nettet") == ("web",)
    with pytest.raises(AnswerError, match="'fax'"):
        reader.read("phone fax")


@pytest.mark.parametrize("raw,expected", [("34", 34), ("34,0", 34), ("-2", -2), ("1e2", 100)])
def test_integer_accepts_whole_numbers(form, raw, expected):
    assert AnswerReader(form.question("age")).read(raw) == expected


@pytest.mark.parametrize("raw", ["3.5", "abc", "", "nan", "inf", "1,000.5"])
def test_integer_rejects_everything_else(form, raw):
    with pytest.raises(AnswerError, match="whole number"):
        AnswerReader(form.question("age")).read(raw)


@pytest.mark.parametrize("raw,expected", [("12.5", 12.5), ("12,5", 12.5), ("−3", -3.0)])
def test_decimal_accepts_point_and_danish_comma(form, raw, expected):
    assert AnswerReader(form.question("hours")).read(raw) == expected


@pytest.mark.parametrize("raw", ["2024-09-12", "12-09-2024", "12.09.2024", "12/09/2024"])
def test_dates_in_iso_and_danish_order(form, raw):
    assert AnswerReader(form.question("visited")).read(raw) == dt.date(2024, 9, 12)


def test_constraints_use_the_current_value(form):
    age = form.question("age")
    assert violates_constraint(age, 12, {})
    assert not violates_constraint(age, 40, {})
    channels = form.question("channels")
    assert violates_constraint(channels, ("phone", "web", "in_person"), {})


@given(st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                 st.dates(), st.text()))
def test_stored_text_reads_back_to_the_same_value(value):
    from surveydesk.core.questionnaire import Question, QuestionType

    kind = {int: QuestionType.INTEGER, float: QuestionType.DECIMAL, dt.date: QuestionType.DATE,
            str: QuestionType.TEXT}[type(value)]
    question = Question("q", kind)
    assert from_stored(question, to_stored(question, value)) == value


def test_content_hash_depends_on_answers_and_status_not_on_order():
    a = answers_hash({"x": "1", "y": "æ"}, "complete")
    assert a == answers_hash({"y": "æ", "x": "1"}, "complete")
    assert a != answers_hash({"x": "1", "y": "ø"}, "complete")
    assert a != answers_hash({"x": "1", "y": "æ"}, "partial")


@pytest.mark.parametrize("raw,expected", [("1.234,5", 1234.5), ("1,234.5", 1234.5),
                                          ("1 234,5", 1234.5), ("-1.000.000,25", -1000000.25)])
def test_decimal_accepts_thousands_separators_of_either_convention(form, raw, expected):
    assert AnswerReader(form.question("hours")).read(raw) == expected


@pytest.mark.parametrize("raw", ["1.23,4", "1,2.3", "12.345,6.7"])
def test_decimal_rejects_mixed_up_separators(form, raw):
    with pytest.raises(AnswerError):
        AnswerReader(form.question("hours")).read(raw)


def test_text_written_with_a_formula_guard_reads_back_without_it(form):
    reader = AnswerReader(form.question("comment"))
    assert reader.read("'=HYPERLINK(\"x\")") == '=HYPERLINK("x")'
    assert reader.read("'- god service") == "- god service"
    assert reader.read("'ikke en formel") == "'ikke en formel"
