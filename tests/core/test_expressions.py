"""Tests for the XLSForm expression parser and evaluator."""

from __future__ import annotations

import math
import operator
import pickle
from collections.abc import Iterator, Mapping
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from surveydesk.core.errors import ExpressionError, SurveyDeskError
from surveydesk.core.expressions import Expression, parse, to_boolean, to_number, to_string

NAN = math.nan
INF = math.inf


def evaluate(source: str, current: object = None, **answers: object) -> object:
    return parse(source).evaluate(answers, current)


def same(actual: object, expected: object) -> bool:
    """Equality that also requires the same type and treats NaN as equal to NaN."""
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, float) and math.isnan(expected):
        return math.isnan(actual)  # type: ignore[arg-type]
    return actual == expected


# --- value conversions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("æøå", "æøå"),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (3.0, "3"),
        (-0.0, "0"),
        (2.5, "2.5"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e21, "1000000000000000000000"),
        (1e-7, "0.0000001"),
        (NAN, "NaN"),
        (INF, "Infinity"),
        (-INF, "-Infinity"),
        (10**400, "Infinity"),
        (date(2024, 3, 9), "2024-03-09"),
        (("a", "b"), "a b"),
        (["ja"], "ja"),
        ((), ""),
    ],
)
def test_to_string_follows_xpath_string_function(value, expected):
    assert to_string(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, NAN),
        ("", NAN),
        ("12", 12.0),
        (" 12.5 ", 12.5),
        ("-.5", -0.5),
        ("5.", 5.0),
        ("abc", NAN),
        ("1e3", NAN),
        ("+5", NAN),
        ("1,5", NAN),
        ("inf", NAN),
        (True, 1.0),
        (False, 0.0),
        (7, 7.0),
        (-(10**400), -INF),
        (date(2024, 3, 9), 19791.0),  # days since 1970-01-01, as in ODK
        (("3",), 3.0),
    ],
)
def test_to_number_follows_xpath_number_function(value, expected):
    assert same(to_number(value), expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ("false", True),
        ("0", True),
        (0, False),
        (0.0, False),
        (NAN, False),
        (-2, True),
        (INF, True),
        (True, True),
        ((), False),
        (("a",), True),
    ],
)
def test_to_boolean_follows_xpath_boolean_function(value, expected):
    assert to_boolean(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(1970, 1, 1), 0.0),
        (date(1969, 12, 31), -1.0),
        (date(1, 1, 1), -719162.0),
        ("2024-03-09", 19791.0),
        ("2024-02-29", 19782.0),
        ("0001-01-01", -719162.0),
        ("2024-13-45", NAN),
        ("2023-02-29", NAN),
        ("0000-01-01", NAN),
        ("2024-3-9", NAN),
        ("20240309", 20240309.0),  # a number, not a date
        ("2024-03-09T10:00", NAN),
        (" 2024-03-09", NAN),  # only exactly YYYY-MM-DD is a date
        ("２０２４-03-09", NAN),
    ],
)
def test_to_number_of_a_date_is_days_since_1970(value, expected):
    assert same(to_number(value), expected)


# --- references and answers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (3, 3.0),
        (2.5, 2.5),
        ("ja", "ja"),
        (True, True),
        (None, ""),
        (date(2024, 12, 24), "2024-12-24"),
        (("a", "c"), "a c"),
        (["a", "c"], "a c"),
    ],
)
def test_reference_yields_answer_as_xpath_value(answer, expected):
    assert same(evaluate("${q}", q=answer), expected)


def test_missing_reference_is_empty_string():
    assert evaluate("${q}") == ""


def test_references_lists_every_question_used_once():
    expression = parse("${a} + ${b} * ${a} > ${højde}")
    assert expression.references == frozenset({"a", "b", "højde"})
    assert expression.uses_current is False


def test_dot_is_current_answer_and_sets_uses_current():
    expression = parse(". >= ${min}")
    assert expression.uses_current is True
    assert expression.references == frozenset({"min"})
    assert expression.evaluate({"min": 18}, current=20) is True
    assert expression.evaluate({"min": 18}, current=17) is False
    assert expression.evaluate({"min": 18}) is False


def test_current_select_multiple_answer_is_space_separated():
    assert evaluate("count-selected(.)", current=("a", "b")) == 2.0
    assert evaluate("selected(., 'b')", current=["a", "b"]) is True


def test_reference_text_inside_string_literal_is_not_a_reference():
    expression = parse("'${a}'")
    assert expression.references == frozenset()
    assert expression.evaluate({"a": "x"}) == "${a}"


def test_operator_keywords_are_valid_question_names():
    assert evaluate("${order} div ${mod}", order=10, mod=4) == 2.5
    assert evaluate("${and} and ${or}", **{"and": "x", "or": 1}) is True


def test_expressions_with_same_source_are_equal():
    assert parse("${a} = 1") == parse("${a} = 1")
    assert isinstance(parse("1"), Expression)


def test_expression_survives_pickling_for_worker_processes():
    restored = pickle.loads(pickle.dumps(parse("${a} + 1")))
    assert restored == parse("${a} + 1")
    assert restored.evaluate({"a": 2}) == 3.0


# --- operators ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ("${n} = 5", {"n": 5}, True),
        ("${n} = 5", {"n": 5.0}, True),
        ("${n} = 5", {"n": "5"}, True),  # a number on either side compares numerically
        ("${n} = '5.0'", {"n": 5}, True),
        ("${n} = '5.0'", {"n": "5"}, False),  # two strings compare as strings
        ("${s} = 'ja'", {"s": "ja"}, True),
        ("${s} != 'ja'", {"s": "nej"}, True),
        ("'a' != 'a'", {}, False),
        ("true() = 'x'", {}, True),  # a boolean on either side compares as booleans
        ("false() = ''", {}, True),
        ("true() = 0", {}, False),
        ("1 = true()", {}, True),
        ("true() = 5", {}, True),  # booleans win over numbers, as XPath 1.0 says
        ("${b} = 1", {"b": True}, True),
        ("number('x') = number('x')", {}, False),
        ("number('x') != number('x')", {}, True),
        ("2 < 3", {}, True),
        ("3 < 3", {}, False),
        ("3 <= 3", {}, True),
        ("4 > 3", {}, True),
        ("3 >= 4", {}, False),
        ("'10' > '9'", {}, True),  # relational operators always compare numbers
        ("'a' < 'b'", {}, False),
        ("'b' > 'a'", {}, False),
        ("true() > false()", {}, True),
    ],
)
def test_comparisons_follow_xpath_conversion_rules(source, answers, expected):
    assert evaluate(source, **answers) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2", 3.0),
        ("'3' + 4", 7.0),
        ("'abc' + 1", NAN),
        ("true() + 1", 2.0),
        ("5 - 7.5", -2.5),
        ("6 * 7", 42.0),
        ("7 div 2", 3.5),
        ("1 div 0", INF),
        ("-1 div 0", -INF),
        ("1 div -0", -INF),
        ("0 div 0", NAN),
        ("7 mod 3", 1.0),
        ("-7 mod 3", -1.0),
        ("7 mod -3", 1.0),
        ("7.5 mod 2", 1.5),
        ("5 mod 0", NAN),
        ("-'3'", -3.0),
        ("- - '2'", 2.0),
        ("-'x'", NAN),
    ],
)
def test_arithmetic_follows_xpath_number_rules(source, expected):
    assert same(evaluate(source), expected)


def test_arithmetic_overflow_gives_infinity_and_infinity_minus_infinity_is_nan():
    assert evaluate("${big} * 10", big=1e308) == INF
    assert same(evaluate("${big} * 10 - ${big} * 10", big=1e308), NAN)
    assert same(evaluate("${inf} mod 2", inf=INF), NAN)
    assert evaluate("5 mod ${inf}", inf=INF) == 5.0


DAY_1, DAY_2 = date(2024, 1, 31), date(2024, 3, 1)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("${d1} < ${d2}", True),
        ("${d1} <= ${d2}", True),
        ("${d1} > ${d2}", False),
        ("${d2} >= ${d1}", True),
        ("${d2} < ${d1}", False),
        ("${d1} <= ${d1}", True),
        ("${d1} < '2024-02-01'", True),
        ("${d2} < '2024-02-01'", False),
        ("${d2} - ${d1}", 30.0),  # 2024 is a leap year
        ("${d1} - ${d2}", -30.0),
        ("${d1} - '1970-01-01'", 19753.0),
        ("${d1} = ${d1}", True),  # equality still compares the strings
        ("${d1} = ${d2}", False),
        ("${d1} != ${d2}", True),
        ("${d1} = '2024-01-31'", True),
    ],
)
@pytest.mark.parametrize("as_text", [False, True], ids=["date", "iso-string"])
def test_dates_compare_and_subtract_as_days_since_1970(source, expected, as_text):
    d1, d2 = (day.isoformat() if as_text else day for day in (DAY_1, DAY_2))
    assert same(evaluate(source, d1=d1, d2=d2), expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("${d} < '2025-01-01'", False),
        ("${d} > '2000-01-01'", False),
        ("${d} - '2024-01-01'", NAN),
        ("number(${d})", NAN),
        ("${d} = '2024-13-45'", True),
    ],
)
def test_text_that_is_not_a_real_date_stays_nan(source, expected):
    assert same(evaluate(source, d="2024-13-45"), expected)


def test_comparing_with_an_unanswered_date_is_false():
    assert evaluate("${d} < '2024-01-01'") is False
    assert evaluate("${d} >= '2024-01-01'") is False
    assert same(evaluate("${d} - '2024-01-01'"), NAN)


def test_and_or_return_booleans_of_their_operands():
    assert evaluate("'x' and 1") is True
    assert evaluate("'x' and 0") is False
    assert evaluate("'' or number('x')") is False
    assert evaluate("'' or 2") is True


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),
        ("8 div 4 div 2", 1.0),
        ("2 * 7 mod 4", 2.0),
        ("7 mod 4 * 2", 6.0),
        ("-2 * 3", -6.0),
        ("- 2 + 3", 1.0),
        ("1 + 2 = 3", True),
        ("1 < 2 = true()", True),  # relational binds tighter than equality
        ("3 > 2 > 1", False),  # (3 > 2) is true, true > 1 is false
        ("true() or false() and false()", True),  # and binds tighter than or
        ("1 = 1 and 2 = 2", True),
        ("1 = 2 or 2 = 2", True),
        ("1+2*3", 7.0),
    ],
)
def test_precedence_and_left_associativity_follow_xpath(source, expected):
    assert same(evaluate(source), expected)


# --- functions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ("not(0)", {}, True),
        ("not('a')", {}, False),
        ("not(number('x'))", {}, True),
        ("selected(${q}, 'bc')", {"q": ("a", "bc")}, True),
        ("selected(${q}, 'b')", {"q": ("a", "bc")}, False),
        ("selected(${q}, ' bc ')", {"q": "a bc"}, True),
        ("selected(${q}, 'ja')", {"q": "ja"}, True),
        ("count-selected(${q})", {"q": ("a", "b", "c")}, 3.0),
        ("count-selected(${q})", {"q": "a  b"}, 2.0),
        ("count-selected(${q})", {"q": ()}, 0.0),
        ("string-length(${s})", {"s": "æøå"}, 3.0),
        ("string-length(12.50)", {}, 4.0),
        ("string-length(true())", {}, 4.0),
        ("if(true(), 'a', 'b')", {}, "a"),
        ("if('', 'a', 'b')", {}, "b"),
        ("if(1, 2, 'x')", {}, 2.0),
        ("coalesce(${a}, ${b})", {"a": "", "b": "x"}, "x"),
        ("coalesce(${a}, ${b})", {"a": 0, "b": "x"}, 0.0),
        ("coalesce(${a}, 'none')", {"a": "ja"}, "ja"),
        ("true()", {}, True),
        ("false()", {}, False),
        ("number(' 12.5 ')", {}, 12.5),
        ("number(true())", {}, 1.0),
        ("number('1e3')", {}, NAN),
        ("string(2)", {}, "2"),
        ("string(2.5)", {}, "2.5"),
        ("string(1 div 0)", {}, "Infinity"),
        ("string(0 div 0)", {}, "NaN"),
        ("string(${d})", {"d": date(2024, 1, 2)}, "2024-01-02"),
        ("int(2.7)", {}, 2.0),
        ("int(-2.7)", {}, -2.0),
        ("int('x')", {}, NAN),
        ("int(1 div 0)", {}, INF),
        ("round(2.5)", {}, 3.0),
        ("round(-2.5)", {}, -3.0),
        ("round(2.4)", {}, 2.0),
        ("round(2.675, 2)", {}, 2.68),
        ("round(1.005, 2)", {}, 1.01),
        ("round(1234.5, -2)", {}, 1200.0),
        ("round(1.25, 1.9)", {}, 1.3),
        ("round(2.5, 'x')", {}, NAN),
        ("round(1.23456, 1000000000)", {}, 1.23456),
        ("round(123, -1000000000)", {}, 0.0),
        ("round(1 div 0, 2)", {}, INF),
        ("concat()", {}, ""),
        ("concat('a', 1, true(), ${s})", {"s": "æ"}, "a1trueæ"),
        ("concat(${q})", {"q": ("x", "y")}, "x y"),
        ("regex('abc', 'b')", {}, True),
        ("regex('abc', '^b')", {}, False),
        ("regex(${pnr}, '^[0-9]{6}-?[0-9]{4}$')", {"pnr": "010203-1234"}, True),
        ("regex(${s}, ${p})", {"s": "a[b", "p": "["}, False),
        ("regex(${s}, ${p})", {"s": "a[b", "p": r"\["}, True),
    ],
)
def test_functions_return_odk_values(source, answers, expected):
    assert same(evaluate(source, **answers), expected)


class RecordingAnswers(Mapping[str, object]):
    """Answers that remember which questions were read."""

    def __init__(self, answers: dict[str, object]):
        self.answers = answers
        self.read: list[str] = []

    def __getitem__(self, name: str) -> object:
        self.read.append(name)
        return self.answers[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.answers)

    def __len__(self) -> int:
        return len(self.answers)


@pytest.mark.parametrize(
    ("source", "answers", "expected", "read"),
    [
        ("if(${a} = 'x', ${yes}, ${no})", {"a": "x", "yes": 1}, 1.0, ["a", "yes"]),
        ("if(${a} = 'x', ${yes}, ${no})", {"a": "y", "no": "n"}, "n", ["a", "no"]),
        ("${a} or ${b}", {"a": "x"}, True, ["a"]),
        ("${a} and ${b}", {"a": ""}, False, ["a"]),
    ],
)
def test_if_and_or_evaluate_only_what_decides_the_result(source, answers, expected, read):
    recording = RecordingAnswers(answers)
    assert same(parse(source).evaluate(recording), expected)
    assert recording.read == read


# --- unanswered questions -----------------------------------------------------------------

UNANSWERED_RESULTS = [
    ("${x} = 1", False),
    ("1 = ${x}", False),
    ("${x} != 1", True),
    ("${x} = ''", True),
    ("${x} != ''", False),
    ("${x} = ${y}", True),
    ("${x} = 0", False),
    ("${x} < 1", False),
    ("${x} <= 1", False),
    ("${x} > 1", False),
    ("${x} >= 1", False),
    ("1 > ${x}", False),
    ("${x} + 1", NAN),
    ("${x} - 1", NAN),
    ("${x} * 1", NAN),
    ("${x} div 1", NAN),
    ("1 div ${x}", NAN),
    ("${x} mod 1", NAN),
    ("-${x}", NAN),
    ("${x} and true()", False),
    ("${x} or false()", False),
    ("not(${x})", True),
    ("selected(${x}, 'a')", False),
    ("count-selected(${x})", 0.0),
    ("string-length(${x})", 0.0),
    ("if(${x}, 1, 2)", 2.0),
    ("coalesce(${x}, 'z')", "z"),
    ("number(${x})", NAN),
    ("string(${x})", ""),
    ("int(${x})", NAN),
    ("round(${x})", NAN),
    ("round(1.5, ${x})", NAN),
    ("concat(${x}, 'a')", "a"),
    ("regex(${x}, '^$')", True),
    ("regex('a', ${x})", True),
    (". > 3", False),
    (". = ''", True),
]


@pytest.mark.parametrize(("source", "expected"), UNANSWERED_RESULTS)
@pytest.mark.parametrize("answers", [{}, {"x": None, "y": None}], ids=["missing", "none"])
def test_unanswered_questions_behave_as_empty_string_without_raising(source, expected, answers):
    assert same(parse(source).evaluate(answers, None), expected)


def test_age_over_18_is_false_when_age_unanswered():
    assert evaluate("${age} > 18") is False
    assert evaluate("${age} > 18", age=19) is True


# --- syntax errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ("", "Empty expression", None),
        ("  \t", "Empty expression", None),
        ("1 +", "Unexpected end of expression, expected a value", 3),
        ("(1", "Unexpected end of expression, expected ')'", 2),
        ("(1, 2)", "Unexpected ',', expected ')'", 2),
        ("not(1", "Unexpected end of expression, expected ',' or ')'", 5),
        ("not(1 2)", "Unexpected '2', expected ',' or ')'", 6),
        ("foo(1)", "Unknown function 'foo'", 0),
        ("1 + tomorrow()", "Unknown function 'tomorrow'", 4),
        ("selected(${a})", "Function 'selected' takes 2 arguments, got 1", 0),
        ("not()", "Function 'not' takes 1 argument, got 0", 0),
        ("true(1)", "Function 'true' takes 0 arguments, got 1", 0),
        ("round(1, 2, 3)", "Function 'round' takes 1 or 2 arguments, got 3", 0),
        ("if(1, 2)", "Function 'if' takes 3 arguments, got 2", 0),
        ("'abc", "Unterminated string, expected a closing '", 0),
        ('${a} = "abc', 'Unterminated string, expected a closing "', 7),
        ("${}", "Empty reference '${}'", 0),
        ("1 + ${age", "Unterminated reference, expected '}'", 4),
        ("${1st}", "Invalid question name '1st' in reference '${1st}'", 0),
        ("${a b}", "Invalid question name 'a b' in reference '${a b}'", 0),
        ("$age", "Expected '{' after '$'; write question references as ${name}", 0),
        ("age > 18", "Unexpected name 'age'; write question references as ${age}", 0),
        ("${a} = true", "Function 'true' needs brackets, as in true()", 7),
        ("1 2", "Unexpected '2', expected an operator or the end of the expression", 2),
        ("1 AND 2", "Unexpected 'AND', expected an operator or the end of the expression", 2),
        ("..", "Unexpected '.', expected an operator or the end of the expression", 1),
        ("and 1", "Unexpected 'and', expected a value", 0),
        ("1 = = 2", "Unexpected '=', expected a value", 4),
        (")", "Unexpected ')', expected a value", 0),
        ("${a} / 2", "Unexpected '/'; use 'div' for division", 5),
        ("${a} # 2", "Unexpected character '#'", 5),
        ("regex(., '[')", "Invalid regular expression '['", 9),
        ("regex(., concat('(', 'a'))", "Invalid regular expression '(a'", 9),
    ],
)
def test_syntax_errors_say_what_was_expected_and_where(source, message, position):
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert str(caught.value).startswith(message)
    assert caught.value.position == position
    assert caught.value.expression == source
    assert isinstance(caught.value, SurveyDeskError)


def test_fifty_levels_of_nesting_parse_and_evaluate():
    assert evaluate("(" * 50 + "1" + ")" * 50) == 1.0
    assert evaluate("not(1 or " * 50 + "0" + ")" * 50) is False


def test_deeper_nesting_is_an_expression_error_not_a_crash():
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * 51 + "1" + ")" * 51)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("not(" * 1000)


def test_long_operator_chains_evaluate_without_recursion_limit():
    assert evaluate(" + ".join(["1"] * 10_000)) == 10_000.0
    assert evaluate(" or ".join(["0"] * 10_000 + ["${a}"]), a="x") is True
    assert evaluate("-" * 10_001 + "1") == -1.0


def test_whitespace_of_any_kind_separates_tokens():
    assert evaluate("${a}\n=\t'x'\u00a0and 1+2=3", a="x") is True


def test_double_quoted_strings_may_contain_apostrophes():
    assert evaluate('"it\'s"') == "it's"


# --- properties ---------------------------------------------------------------------------

QUESTIONS = ["a", "b", "c"]
FUNCTION_ARITIES = {
    "not": 1,
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "if": 3,
    "coalesce": 2,
    "true": 0,
    "false": 0,
    "number": 1,
    "string": 1,
    "int": 1,
    "round": 2,
}
BINARY_OPERATORS = ["=", "!=", "<", "<=", ">", ">=", "and", "or", "+", "-", "*", "div", "mod"]

string_literals = st.text(
    alphabet=st.characters(exclude_characters="'", exclude_categories=("Cs",)), max_size=6
).map(lambda text: f"'{text}'")
leaves = st.one_of(
    st.sampled_from([f"${{{name}}}" for name in QUESTIONS] + [".", "'æøå'", "''"]),
    st.integers(min_value=0, max_value=10**12).map(str),
    st.integers(min_value=0, max_value=10**6).map(lambda n: str(n / 1000)),
    string_literals,
)


def _compound(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(BINARY_OPERATORS), children)
    calls = [
        st.lists(children, min_size=arity, max_size=arity).map(
            lambda args, name=name: f"{name}({', '.join(args)})"
        )
        for name, arity in FUNCTION_ARITIES.items()
    ]
    return st.one_of(
        binary.map(lambda parts: " ".join(parts)),
        binary.map(lambda parts: f"({' '.join(parts)})"),
        children.map(lambda child: f"-{child}"),
        st.lists(children, max_size=4).map(lambda args: f"concat({', '.join(args)})"),
        # a literal pattern must be valid (else parse rejects it); one from an answer need not
        st.sampled_from(["'^[0-9]+$'", "'æ'", "'a|b'", "${b}"]).flatmap(
            lambda pattern: children.map(lambda child: f"regex({child}, {pattern})")
        ),
        *calls,
    )


expressions = st.recursive(leaves, _compound, max_leaves=40)
answer_values = st.one_of(
    st.none(),
    st.text(max_size=8),
    st.sampled_from(["æøå", "ja", "", "12", " 3.5 ", "a b", "[", "(a*)*"]),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.lists(st.text(alphabet="abcæøå ", min_size=1, max_size=4), max_size=3).map(tuple),
    st.lists(st.sampled_from(["a", "b", "1"]), max_size=3),
)
answer_sets = st.dictionaries(st.sampled_from(QUESTIONS), answer_values)


@settings(max_examples=400, deadline=None)
@given(source=expressions, answers=answer_sets, current=answer_values)
def test_evaluating_any_grammatical_expression_never_raises(source, answers, current):
    result = parse(source).evaluate(answers, current)
    assert type(result) in (str, float, bool)


TOKEN_SOUP = [
    "${a}", "${b}", ".", "(", ")", ",", "'x'", '"y"', "'", "1", "2.5", "=", "!=", "<", ">=",
    "+", "-", "*", "div", "mod", "and", "or", "not", "selected", "if", "regex", "round",
    "concat", "foo", "${", "}", "$", "/", "true()",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    source=st.one_of(
        st.text(),
        st.lists(st.sampled_from(TOKEN_SOUP), max_size=15).map(" ".join),
        st.lists(st.sampled_from(TOKEN_SOUP), max_size=15).map("".join),
    ),
    answers=answer_sets,
)
def test_parsing_any_text_returns_expression_or_raises_expression_error(source, answers):
    try:
        expression = parse(source)
    except ExpressionError:
        return
    assert type(expression.evaluate(answers, "1")) in (str, float, bool)


PYTHON_OPERATORS = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "div": operator.truediv,
    "mod": math.fmod,  # XPath mod keeps the dividend's sign; Python's % does not
}
small_ints = st.integers(min_value=-(10**6), max_value=10**6)


@given(a=small_ints, b=small_ints, symbol=st.sampled_from(list(PYTHON_OPERATORS)))
def test_arithmetic_on_integers_equals_python_arithmetic(a, b, symbol):
    if symbol in ("div", "mod"):
        assume(b != 0)
    expected = PYTHON_OPERATORS[symbol](a, b)
    assert evaluate(f"${{x}} {symbol} ${{y}}", x=a, y=b) == expected
    assert evaluate(f"{a} {symbol} {b}") == expected


non_zero_ints = st.integers(min_value=-1000, max_value=1000).filter(bool)


@given(
    numbers=st.tuples(non_zero_ints, non_zero_ints, non_zero_ints),
    symbols=st.tuples(*[st.sampled_from(["+", "-", "*", "div"])] * 2),
)
def test_unbracketed_arithmetic_groups_like_python(numbers, symbols):
    a, b, c = numbers
    first, second = (PYTHON_OPERATORS[symbol] for symbol in symbols)
    if symbols[1] in ("*", "div") and symbols[0] in ("+", "-"):
        expected = first(a, second(b, c))
    else:
        expected = second(first(a, b), c)
    source = f"${{a}} {symbols[0]} ${{b}} {symbols[1]} ${{c}}"
    assert evaluate(source, a=a, b=b, c=c) == expected


def arithmetic_trees(depth: int) -> st.SearchStrategy[tuple[str, float]]:
    """Integer arithmetic with ``+ - *`` and unary minus, bracketed at most ``depth`` deep,
    paired with its value computed by Python in floats.

    Built level by level rather than with ``st.recursive``, so the nesting (and the number of
    leaves, at most ``2 ** depth``) is bounded by construction.
    """
    leaves = st.integers(min_value=0, max_value=1000).map(lambda n: (str(n), float(n)))
    if depth == 0:
        return leaves
    smaller = arithmetic_trees(depth - 1)
    return st.one_of(
        leaves,
        st.tuples(smaller, st.sampled_from(["+", "-", "*"]), smaller).map(
            lambda t: (f"({t[0][0]} {t[1]} {t[2][0]})", PYTHON_OPERATORS[t[1]](t[0][1], t[2][1]))
        ),
        smaller.map(lambda child: (f"-{child[0]}", -child[1])),
    )


@given(arithmetic_trees(depth=4))
def test_nested_integer_arithmetic_equals_python_float_arithmetic(tree):
    source, expected = tree
    assert evaluate(source) == expected
