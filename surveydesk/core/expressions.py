"""Parse and evaluate the XLSForm/ODK expression subset used in ``relevant``, ``constraint``
and ``calculation`` cells.

This is the documented subset users are pointed at. :func:`parse` checks an expression once
(when a form is loaded) and compiles it to nested Python closures; :meth:`Expression.evaluate`
then runs it against a mapping of answers. Evaluation never raises, whatever the answers.
What values, operators and functions compute lives in :mod:`surveydesk.core.xpath`.

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
``<  <=  >  >=``            Always compare as numbers; a date is its days since 1970-01-01
                            (as in ODK), so ``${visit} < '2024-01-01'`` works; ``''`` and
                            other text are NaN, so any comparison with an unanswered
                            question is false.
``+  -  *  div  mod``       Numbers, dates as days (``${d2} - ${d1}`` is the days between);
                            other text gives NaN. ``x div 0`` is Infinity, -Infinity or
                            NaN; ``mod`` takes the sign of the dividend (like math.fmod).
``and``, ``or``, ``not()``  Boolean logic on boolean(): ``''``, 0 and NaN are false.
``selected(s, 'x')``        Whether ``x`` is one of the space-separated names in ``s``.
``count-selected(s)``       How many space-separated names ``s`` holds.
``string-length(s)``        Number of characters of ``string(s)``.
``if(c, a, b)``             ``a`` when boolean(``c``) is true, else ``b``.
``coalesce(a, b)``          ``a`` unless string(``a``) is ``''``, then ``b``.
``true()``, ``false()``     The booleans.
``number(x)``               Text such as ``' 12.5 '`` becomes 12.5; a date, or text that is
                            exactly a real date ``'YYYY-MM-DD'``, becomes its days since
                            1970-01-01 (``'1970-01-02'`` is 1); anything else is NaN.
``string(x)``               Booleans are ``'true'``/``'false'``; whole numbers have no
                            ``.0``; NaN is ``'NaN'``, infinity ``'Infinity'``.
``int(x)``                  ``x`` truncated towards zero.
``round(x[, digits])``      Rounded half away from zero on the decimal as written
                            (``round(2.675, 2)`` is 2.68), as ODK Collect does.
``concat(a, ...)``          The strings joined.
``regex(s, pattern)``       Python ``re.search``: whether ``pattern`` occurs in ``s``.
==========================  ===============================================================

The ODK functions for text, numbers, dates and times (``contains``, ``substr``,
``format-date``, ``today()`` …) are documented in :mod:`surveydesk.core.odk_functions`.

Precedence, loosest first: ``or``; ``and``; ``= !=``; ``< <= > >=``; ``+ -``;
``* div mod``; unary ``-``. Operators of equal precedence group from the left.
``and``, ``or``, ``div`` and ``mod`` are operators only where an operator is expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from surveydesk.core.errors import ExpressionError
from surveydesk.core.odk_functions import ODK_FUNCTIONS, VOLATILE
from surveydesk.core.xpath import (
    FUNCTIONS as XPATH_FUNCTIONS,
)
from surveydesk.core.xpath import (
    OPERATORS,
    Value,
    boolean,
    canonical,
    number,
    string,
    to_boolean,
    to_number,
    to_string,
)

__all__ = ["Expression", "parse", "to_boolean", "to_number", "to_string"]

_Run = Callable[[Mapping[str, object], Value], Value]

# XPath's core functions and ODK's (surveydesk.core.odk_functions): what a cell may call.
FUNCTIONS = {**XPATH_FUNCTIONS, **ODK_FUNCTIONS}

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
        return self._run(answers, canonical(current))

    def __reduce__(self):
        # Closures cannot be pickled; the source is enough to rebuild (e.g. in a worker process).
        return parse, (self.source,)


# Binary operators by precedence, loosest first. `and` and `or` are not in xpath.OPERATORS
# because they stop early (see _logical).
_OPERATORS: tuple[dict[str, Callable[[object, object], object] | None], ...] = tuple(
    {symbol: OPERATORS.get(symbol) for symbol in level.split()}
    for level in ("or", "and", "= !=", "< <= > >=", "+ -", "* div mod")
)
_KEYWORDS = frozenset({"and", "or", "div", "mod"})


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
            if boolean(step(answers, current)) is stop_at:
                return stop_at
        return not stop_at

    return _folded(run, operands)


def _call(name: str, args: list[_Node]) -> _Node:
    implementation = FUNCTIONS[name][2]
    runs = tuple(arg.run for arg in args)
    if name == "if":  # evaluate only the branch that is taken
        test, then, otherwise = runs

        def run(answers, current):
            chosen = then if boolean(test(answers, current)) else otherwise
            return chosen(answers, current)
    elif len(runs) == 1:
        (only,) = runs

        def run(answers, current):
            return implementation(only(answers, current))
    else:

        def run(answers, current):
            return implementation(*[step(answers, current) for step in runs])

    if name in VOLATILE:  # today(), now(): never computed once when the form is loaded
        return _Node(run)
    return _folded(run, args)


def _reference(name: str) -> _Node:
    def run(answers, current):
        value = answers.get(name)
        return value if type(value) is str else canonical(value)

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
        return _folded(lambda answers, current: sign * number(inner(answers, current)), [node])

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
            if name in FUNCTIONS:
                raise self.fail(f"Function '{name}' needs brackets, as in {name}()", token)
            if name in _KEYWORDS:
                raise self.unexpected(token, "a value")
            raise self.fail(
                f"Unexpected name '{name}'; write question references as ${{{name}}}", token
            )
        if name not in FUNCTIONS:
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
        fewest, most, _ = FUNCTIONS[token.text]
        if fewest <= count and (most is None or count <= most):
            return
        wanted = str(fewest) if fewest == most else f"{fewest} or {most}"
        noun = "argument" if wanted == "1" else "arguments"
        raise self.fail(f"Function '{token.text}' takes {wanted} {noun}, got {count}", token)

    def literal_regex(self, subject: _Node, pattern: _Node, where: _Token) -> _Node:
        text = string(pattern.run({}, ""))  # type: ignore[arg-type]
        try:
            compiled = re.compile(text)
        except Exception as error:  # re raises error, OverflowError or RecursionError
            raise self.fail(f"Invalid regular expression {text!r}: {error}", where) from None
        run = subject.run
        return _folded(
            lambda answers, current: compiled.search(string(run(answers, current))) is not None,
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
