"""Parse and evaluate the XLSForm/ODK expression subset used in ``relevant``, ``constraint``
and ``calculation`` cells.

This is the documented subset users are pointed at. :func:`parse` checks an expression once
(when a form is loaded) and compiles it to nested Python closures; :meth:`Expression.evaluate`
then runs it against a mapping of answers. Evaluation never raises, whatever the answers.

==========================  ===============================================================
Syntax                      Meaning (ODK / XPath 1.0 semantics)
==========================  ===============================================================
``${name}``                 The answer to question ``name``; unanswered (missing or None)
                            is the empty string ``''``. Integers and decimals are numbers,
                            dates are ``'YYYY-MM-DD'``, select_multiple answers (tuple or
                            list) are their choice names joined by spaces.
``.``                       The answer being checked (the ``current`` argument).
``3``, ``2.5``, ``'x'``     Number and string literals (single or double quotes, no escapes).
``=``, ``!=``               If either side is a boolean, compare as booleans; else if either
                            is a number, compare as numbers; else compare as strings.
                            So ``${age} = ''`` is true exactly when age is unanswered.
``<  <=  >  >=``            Always compare as numbers; ``''`` and text are NaN, so any
                            comparison with an unanswered question is false.
``+  -  *  div  mod``       Numbers; text gives NaN. ``x div 0`` is Infinity, -Infinity or
                            NaN; ``mod`` takes the sign of the dividend (like math.fmod).
``and``, ``or``, ``not()``  Boolean logic on boolean(): ``''``, 0 and NaN are false.
``selected(s, 'x')``        Whether ``x`` is one of the space-separated names in ``s``.
``count-selected(s)``       How many space-separated names ``s`` holds.
``string-length(s)``        Number of characters of ``string(s)``.
``if(c, a, b)``             ``a`` when boolean(``c``) is true, else ``b``.
``coalesce(a, b)``          ``a`` unless string(``a``) is ``''``, then ``b``.
``true()``, ``false()``     The booleans.
``number(x)``               Text such as ``' 12.5 '`` becomes 12.5; anything else is NaN.
``string(x)``               Booleans are ``'true'``/``'false'``; whole numbers have no
                            ``.0``; NaN is ``'NaN'``, infinity ``'Infinity'``.
``int(x)``                  ``x`` truncated towards zero.
``round(x[, digits])``      Rounded half away from zero on the decimal as written
                            (``round(2.675, 2)`` is 2.68), as ODK Collect does.
``concat(a, ...)``          The strings joined.
``regex(s, pattern)``       Python ``re.search``: whether ``pattern`` occurs in ``s``.
==========================  ===============================================================

Precedence, loosest first: ``or``; ``and``; ``= !=``; ``< <= > >=``; ``+ -``;
``* div mod``; unary ``-``. Operators of equal precedence group from the left.
``and``, ``or``, ``div`` and ``mod`` are operators only where an operator is expected.
"""

from __future__ import annotations

import math
import numbers
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal

from surveydesk.core.errors import ExpressionError

__all__ = ["Expression", "parse", "to_boolean", "to_number", "to_string"]

_Value = str | float | bool
_Run = Callable[[Mapping[str, object], _Value], _Value]
_NAN = math.nan

# Python's recursion limit would otherwise turn a pathological cell into a RecursionError;
# real forms stay far below this.
_MAX_NESTING = 50


@dataclass(frozen=True)
class Expression:
    """A parsed expression, ready to evaluate many times."""

    source: str
    references: frozenset[str]
    uses_current: bool
    _run: _Run = field(repr=False, compare=False)

    def evaluate(self, answers: Mapping[str, object], current: object = None) -> str | float | bool:
        """Evaluate against ``answers`` (question name -> answer) and the current answer.

        Returns a ``str``, ``float`` or ``bool``; never raises.
        """
        return self._run(answers, _canonical(current))

    def __reduce__(self):
        # Closures cannot be pickled; the source is enough to rebuild (e.g. in a worker process).
        return parse, (self.source,)


# --- values -------------------------------------------------------------------------------
# Inside the evaluator every value is one of str, float or bool ("canonical"); answers are
# converted once, when read, so the operators below need no type dispatch beyond that.


def _canonical(value: object) -> _Value:
    if value is None:
        return ""
    kind = type(value)
    if kind is str or kind is float or kind is bool:
        return value  # type: ignore[return-value]
    if kind is int:
        return _int_to_float(value)  # type: ignore[arg-type]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, numbers.Real):  # numpy numbers, Fraction
        return _int_to_float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return " ".join(_string(_canonical(item)) for item in value)
    try:
        return float(value)  # Decimal
    except (TypeError, ValueError):
        return str(value)


def _int_to_float(value) -> float:
    try:
        return float(value)
    except OverflowError:  # an int beyond 1e308
        return math.inf if value > 0 else -math.inf


_NUMERIC_TEXT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def _number(value: _Value) -> float:
    if type(value) is float:
        return value
    if type(value) is bool:
        return 1.0 if value else 0.0
    text = value.strip()  # type: ignore[union-attr]
    return float(text) if _NUMERIC_TEXT.fullmatch(text) else _NAN


def _string(value: _Value) -> str:
    if type(value) is str:
        return value
    if type(value) is bool:
        return "true" if value else "false"
    if value.is_integer():  # type: ignore[union-attr]
        return str(int(value))  # also prints -0.0 as '0', as XPath does
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    # XPath never uses exponent notation.
    return format(Decimal(text), "f") if "e" in text else text


def _boolean(value: _Value) -> bool:
    if type(value) is bool:
        return value
    if type(value) is str:
        return value != ""
    return value == value and value != 0.0


def to_boolean(value: object) -> bool:
    """XPath ``boolean()``: false for ``''``, None, 0 and NaN; true otherwise."""
    return _boolean(_canonical(value))


def to_number(value: object) -> float:
    """XPath ``number()``: booleans are 1/0; ``''`` and text that is not a number are NaN."""
    return _number(_canonical(value))


def to_string(value: object) -> str:
    """XPath ``string()``: ``'true'``/``'false'``, whole numbers without ``.0``, ``'NaN'``."""
    return _string(_canonical(value))


# --- operators ----------------------------------------------------------------------------


def _equal(x, y) -> bool:
    if type(x) is bool or type(y) is bool:
        return _boolean(x) == _boolean(y)
    if type(x) is float or type(y) is float:
        return _number(x) == _number(y)
    return x == y


def _divide(x: float, y: float) -> float:
    if y == 0.0:
        if x == 0.0 or x != x:
            return _NAN
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def _modulo(x: float, y: float) -> float:
    if y == 0.0 or math.isinf(x) or x != x or y != y:
        return _NAN
    return math.fmod(x, y)


def _numeric(operation: Callable[[float, float], object]) -> Callable[[object, object], object]:
    def apply(x, y):
        return operation(_number(x), _number(y))

    return apply


_OPERATORS: tuple[dict[str, Callable[[object, object], object] | None], ...] = (
    {"or": None},
    {"and": None},
    {"=": _equal, "!=": lambda x, y: not _equal(x, y)},
    {
        "<": _numeric(operator.lt),
        "<=": _numeric(operator.le),
        ">": _numeric(operator.gt),
        ">=": _numeric(operator.ge),
    },
    {"+": _numeric(operator.add), "-": _numeric(operator.sub)},
    {"*": _numeric(operator.mul), "div": _numeric(_divide), "mod": _numeric(_modulo)},
)
_KEYWORDS = frozenset({"and", "or", "div", "mod"})


# --- functions ----------------------------------------------------------------------------


def _int(x) -> float:
    number = _number(x)
    return float(math.trunc(number)) if math.isfinite(number) else number


_ROUNDING = Context(prec=1000, rounding=ROUND_HALF_UP)


def _round(x, digits=0.0) -> float:
    number, places = _number(x), _number(digits)
    if places != places:
        return _NAN
    if not math.isfinite(number) or places > 400:  # a float has no digits that far out
        return number
    if places < -400:
        return math.copysign(0.0, number)
    exponent = Decimal(1).scaleb(-int(places))
    return float(Decimal(repr(number)).quantize(exponent, context=_ROUNDING))


def _search(text, pattern) -> bool:
    try:
        return re.search(_string(pattern), _string(text)) is not None
    except Exception:  # a pattern from an answer can fail inside re in many ways
        return False


# name -> (fewest arguments, most arguments or None for any, implementation)
_FUNCTIONS: dict[str, tuple[int, int | None, Callable[..., object]]] = {
    "not": (1, 1, lambda x: not _boolean(x)),
    "selected": (2, 2, lambda s, x: _string(x).strip() in _string(s).split()),
    "count-selected": (1, 1, lambda s: float(len(_string(s).split()))),
    "string-length": (1, 1, lambda s: float(len(_string(s)))),
    "if": (3, 3, lambda c, a, b: a if _boolean(c) else b),
    "coalesce": (2, 2, lambda a, b: a if _string(a) != "" else b),
    "true": (0, 0, lambda: True),
    "false": (0, 0, lambda: False),
    "number": (1, 1, _number),
    "string": (1, 1, _string),
    "int": (1, 1, _int),
    "round": (1, 2, _round),
    "concat": (0, None, lambda *parts: "".join(_string(p) for p in parts)),
    "regex": (2, 2, _search),
}


# --- compiled nodes -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Node:
    run: _Run
    constant: bool = False


def _folded(run: _Run, parts: list[_Node]) -> _Node:
    """Precompute a node whose inputs are all literals; evaluation cannot raise, so this is safe."""
    if all(part.constant for part in parts):
        value = run({}, "")
        return _Node(lambda answers, current: value, constant=True)
    return _Node(run)


def _chain(first: _Node, rest: list[tuple[Callable, _Node]]) -> _Node:
    # A flat loop rather than nested closures keeps `1 + 1 + ... + 1` from hitting
    # the recursion limit when evaluated.
    head = first.run
    steps = tuple((operation, node.run) for operation, node in rest)
    if len(steps) == 1:  # the common case, one call cheaper
        ((operation, second),) = steps

        def run(answers, current):
            return operation(head(answers, current), second(answers, current))
    else:

        def run(answers, current):
            value = head(answers, current)
            for operation, step in steps:
                value = operation(value, step(answers, current))
            return value

    return _folded(run, [first, *(node for _, node in rest)])


def _logical(operands: list[_Node], stop_at: bool) -> _Node:
    # `or` stops at the first true operand, `and` at the first false one.
    runs = tuple(node.run for node in operands)

    def run(answers, current):
        for step in runs:
            if _boolean(step(answers, current)) is stop_at:
                return stop_at
        return not stop_at

    return _folded(run, operands)


def _call(name: str, args: list[_Node]) -> _Node:
    implementation = _FUNCTIONS[name][2]
    runs = tuple(arg.run for arg in args)
    if name == "if":  # evaluate only the branch that is taken
        test, then, otherwise = runs

        def run(answers, current):
            chosen = then if _boolean(test(answers, current)) else otherwise
            return chosen(answers, current)
    elif len(runs) == 1:
        (only,) = runs

        def run(answers, current):
            return implementation(only(answers, current))
    else:

        def run(answers, current):
            return implementation(*[step(answers, current) for step in runs])

    return _folded(run, args)


def _reference(name: str) -> _Node:
    def run(answers, current):
        value = answers.get(name)
        return value if type(value) is str else _canonical(value)

    return _Node(run)


def _current(answers, current):
    return current


def _constant(value: str | float) -> _Node:
    return _Node(lambda answers, current: value, constant=True)


# --- tokens and parser --------------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<space>\s+)
    | (?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<reference>\$\{[^}]*\})
    | (?P<operator><=|>=|!=|[=<>+*-])
    | (?P<punctuation>[(),.])
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*)""",
    re.VERBOSE,
)
_QUESTION_NAME = re.compile(r"[^\W\d][\w.\-]*")


@dataclass(frozen=True)
class _Token:
    kind: str  # a _TOKEN group name, or "end"
    text: str
    position: int


def _tokens(source: str) -> list[_Token]:
    found, position = [], 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise ExpressionError(_bad_character(source, position), source, position)
        if match.lastgroup != "space":
            found.append(_Token(match.lastgroup or "", match.group(), position))
        position = match.end()
    found.append(_Token("end", "", len(source)))
    return found


def _bad_character(source: str, position: int) -> str:
    char = source[position]
    if char in "'\"":
        return f"Unterminated string, expected a closing {char}"
    if source.startswith("${", position):
        return "Unterminated reference, expected '}'"
    if char == "$":
        return "Expected '{' after '$'; write question references as ${name}"
    if char == "/":
        return "Unexpected '/'; use 'div' for division"
    return f"Unexpected character {char!r}"


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = _tokens(source)
        self.index = 0
        self.depth = 0
        self.references: set[str] = set()
        self.uses_current = False

    def peek(self) -> _Token:
        return self.tokens[min(self.index, len(self.tokens) - 1)]

    def take(self) -> _Token:
        token = self.peek()
        self.index += 1
        return token

    def fail(self, message: str, token: _Token) -> ExpressionError:
        return ExpressionError(message, self.source, token.position)

    def unexpected(self, token: _Token, expected: str) -> ExpressionError:
        found = "end of expression" if token.kind == "end" else repr(token.text)
        return self.fail(f"Unexpected {found}, expected {expected}", token)

    def expression(self) -> _Node:
        node = self.binary(0)
        if self.peek().kind != "end":
            raise self.unexpected(self.peek(), "an operator or the end of the expression")
        return node

    def operator(self) -> str | None:
        token = self.peek()
        if token.kind == "operator" or (token.kind == "name" and token.text in _KEYWORDS):
            return token.text
        return None

    def binary(self, level: int) -> _Node:
        if level == len(_OPERATORS):
            return self.unary()
        operators = _OPERATORS[level]
        first = self.binary(level + 1)
        rest = []
        while (symbol := self.operator()) in operators:
            self.take()
            rest.append((operators[symbol], self.binary(level + 1)))
        if not rest:
            return first
        if level <= 1:
            return _logical([first, *(node for _, node in rest)], stop_at=level == 0)
        return _chain(first, rest)

    def unary(self) -> _Node:
        negations = 0
        while self.peek().text == "-":
            self.take()
            negations += 1
        node = self.primary()
        if not negations:
            return node
        sign, inner = (-1.0 if negations % 2 else 1.0), node.run
        return _folded(lambda answers, current: sign * _number(inner(answers, current)), [node])

    def primary(self) -> _Node:
        token = self.take()
        if token.kind == "number":
            return _constant(float(token.text))
        if token.kind == "string":
            return _constant(token.text[1:-1])
        if token.kind == "reference":
            return self.reference(token)
        if token.text == ".":
            self.uses_current = True
            return _Node(_current)
        if token.text == "(":
            self.enter(token)
            node = self.binary(0)
            self.expect(")", "')'")
            self.depth -= 1
            return node
        if token.kind == "name":
            return self.function(token)
        raise self.unexpected(token, "a value")

    def reference(self, token: _Token) -> _Node:
        name = token.text[2:-1]
        if not name:
            raise self.fail("Empty reference '${}'", token)
        if not _QUESTION_NAME.fullmatch(name):
            raise self.fail(f"Invalid question name {name!r} in reference {token.text!r}", token)
        self.references.add(name)
        return _reference(name)

    def function(self, token: _Token) -> _Node:
        name = token.text
        if self.peek().text != "(":
            if name in _FUNCTIONS:
                raise self.fail(f"Function '{name}' needs brackets, as in {name}()", token)
            if name in _KEYWORDS:
                raise self.unexpected(token, "a value")
            raise self.fail(
                f"Unexpected name '{name}'; write question references as ${{{name}}}", token
            )
        if name not in _FUNCTIONS:
            raise self.fail(f"Unknown function '{name}'", token)
        self.take()
        self.enter(token)
        args: list[_Node] = []
        starts: list[_Token] = []
        if self.peek().text == ")":
            self.take()
        else:
            while True:
                starts.append(self.peek())
                args.append(self.binary(0))
                separator = self.take()
                if separator.text == ")":
                    break
                if separator.text != ",":
                    raise self.unexpected(separator, "',' or ')'")
        self.depth -= 1
        self.check_arity(token, len(args))
        if name == "regex" and args[1].constant:
            return self.literal_regex(args[0], args[1], starts[1])
        return _call(name, args)

    def check_arity(self, token: _Token, count: int) -> None:
        fewest, most, _ = _FUNCTIONS[token.text]
        if fewest <= count and (most is None or count <= most):
            return
        wanted = str(fewest) if fewest == most else f"{fewest} or {most}"
        noun = "argument" if wanted == "1" else "arguments"
        raise self.fail(f"Function '{token.text}' takes {wanted} {noun}, got {count}", token)

    def literal_regex(self, subject: _Node, pattern: _Node, where: _Token) -> _Node:
        text = _string(pattern.run({}, ""))  # type: ignore[arg-type]
        try:
            compiled = re.compile(text)
        except Exception as error:  # re raises error, OverflowError or RecursionError
            raise self.fail(f"Invalid regular expression {text!r}: {error}", where) from None
        run = subject.run
        return _folded(
            lambda answers, current: compiled.search(_string(run(answers, current))) is not None,
            [subject],
        )

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise self.fail(
                f"Expression is nested too deeply (more than {_MAX_NESTING} levels of brackets)",
                token,
            )

    def expect(self, text: str, description: str) -> None:
        token = self.take()
        if token.text != text:
            raise self.unexpected(token, description)


def parse(source: str) -> Expression:
    """Parse an XLSForm expression; raise :class:`ExpressionError` saying what was expected.

    Unknown functions, wrong numbers of arguments and invalid literal regular expressions
    are reported here, so evaluation never has to.
    """
    if not source.strip():
        raise ExpressionError("Empty expression", source, None)
    parser = _Parser(source)
    node = parser.expression()
    return Expression(source, frozenset(parser.references), parser.uses_current, node.run)
