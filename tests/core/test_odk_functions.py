"""The ODK XForms functions forms use beyond XPath's core (issue 16), each checked on the
examples of the ODK XForms specification (getodk.github.io/xforms-spec) and never raising."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveydesk.core.expressions import FUNCTIONS, parse
from surveydesk.core.odk_functions import ODK_FUNCTIONS


def value(source: str, **answers):
    return parse(source).evaluate(answers)


@pytest.mark.parametrize(("source", "expected"), [
    ("contains('Borgerservice', 'service')", True),
    ("contains('Borgerservice', 'Service')", False),
    ("starts-with('jobcenter', 'job')", True),
    ("ends-with('jobcenter', 'job')", False),
    ("substr('abcdef', 1, 3)", "bc"),  # 0-based start, end not included
    ("substr('abcdef', 2)", "cdef"),
    ("substr('abc', -5, 99)", "abc"),
    ("substr('abc', 'x')", ""),
    ("normalize-space('  Åse   og\tBo ')", "Åse og Bo"),
    ("translate('aæbø', 'æø', 'ÆØ')", "aÆbØ"),
    ("translate('a-b-c', '-', '')", "abc"),
    ("boolean-from-string('true')", True),
    ("boolean-from-string('1')", True),
    ("boolean-from-string('yes')", False),
    ("boolean('')", False),
    ("selected-at('a b c', 1)", "b"),
    ("selected-at('a b c', 3)", ""),
    ("abs(-2.5)", 2.5),
    ("floor(-2.5)", -3.0),
    ("ceiling(2.1)", 3.0),
    ("pow(2, 10)", 1024.0),
    ("max(3, 9, 4)", 9.0),
    ("min(3, 9, 4)", 3.0),
    ("sum(0.1, 0.2, 0.3)", 0.6),  # exactly (math.fsum)
    ("sum(7)", 7.0),
    ("date(19783)", "2024-03-01"),
    ("date('2024-03-01T10:15:00.000+01:00')", "2024-03-01"),
    ("decimal-date-time('1970-01-02T12:00:00')", 1.5),
    ("format-date('2024-03-01', '%e. %b %Y')", "1. Mar 2024"),
    ("format-date('2024-03-01', '%d/%m-%y (%a)')", "01/03-24 (Fri)"),
    ("format-date-time('2024-03-01T09:05:07.250+01:00', '%H:%M:%S.%3 %h')",
     "09:05:07.250 9"),
    ("format-date('not a date', '%Y')", ""),
    ("once(3)", 3.0),
])
def test_odk_functions_follow_the_specification(source, expected):
    result = value(source)
    if isinstance(expected, float):
        assert math.isclose(result, expected, rel_tol=0, abs_tol=1e-12), result
    else:
        assert result == expected


def test_functions_work_on_answers_and_dates_as_numbers():
    assert value("format-date(${visit}, '%Y-%m')", visit=dt.date(2025, 9, 30)) == "2025-09"
    assert value("max(${a}, ${b})", a=4, b="") != value("max(${a}, ${b})", a=4, b="")  # NaN
    assert value("contains(${comment}, 'kø')", comment="lang kø i dag") is True


def test_the_moment_functions_are_computed_when_evaluated_not_when_loaded():
    expression = parse("random()")
    assert expression.evaluate({}) != expression.evaluate({})
    assert parse("today()").evaluate({}) == dt.date.today().isoformat()
    now = dt.datetime.fromisoformat(parse("now()").evaluate({}))
    assert now.tzinfo is not None and abs(now - dt.datetime.now().astimezone()) < \
        dt.timedelta(minutes=1)
    first, second = parse("uuid()").evaluate({}), parse("uuid()").evaluate({})
    assert first.startswith("uuid:") and first != second


arguments = st.one_of(
    st.sampled_from(["''", "'a b'", "'2024-02-29'", "'2024-03-01T10:00:00+02:00'", "'%Y%q'",
                     "-1", "0", "1000000000", "0.5", "${a}", ".", "true()"]),
    st.integers(min_value=-10**9, max_value=10**9).map(str),
)
calls = st.sampled_from(sorted(ODK_FUNCTIONS)).flatmap(
    lambda name: st.lists(arguments, min_size=ODK_FUNCTIONS[name][0],
                          max_size=4 if ODK_FUNCTIONS[name][1] is None
                          else ODK_FUNCTIONS[name][1]).map(
        lambda args: f"{name}({', '.join(args)})"))
answers = st.one_of(st.none(), st.text(max_size=6), st.floats(), st.integers(),
                    st.dates(), st.booleans())


@settings(max_examples=400, deadline=None)
@given(source=calls, a=answers, current=answers)
def test_no_odk_function_raises_whatever_it_is_given(source, a, current):
    result = parse(source).evaluate({"a": a}, current)
    assert type(result) in (str, float, bool)


def test_every_odk_function_is_callable_from_a_form():
    assert set(ODK_FUNCTIONS) <= set(FUNCTIONS)
