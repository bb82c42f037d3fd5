"""Tests for the XPath value model (most behaviour is tested through expressions)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from surveydesk.core import expressions, xpath
from surveydesk.core.expressions import parse


def test_expressions_re_exports_the_conversions():
    assert expressions.to_boolean is xpath.to_boolean
    assert expressions.to_number is xpath.to_number
    assert expressions.to_string is xpath.to_string


@given(st.dates())
def test_a_date_and_its_iso_text_are_the_same_number_of_days(day):
    days = float((day - date(1970, 1, 1)).days)
    assert xpath.to_number(day) == days
    assert xpath.to_number(day.isoformat()) == days
    assert xpath.to_string(day) == day.isoformat()


@given(st.dates(), st.dates())
def test_relational_operators_order_dates_like_python(first, second):
    for answers in ({"a": first, "b": second}, {"a": str(first), "b": str(second)}):
        assert parse("${a} < ${b}").evaluate(answers) is (first < second)
        assert parse("${a} >= ${b}").evaluate(answers) is (first >= second)
        assert parse("${a} = ${b}").evaluate(answers) is (first == second)
        assert parse("${b} - ${a}").evaluate(answers) == (second - first).days
