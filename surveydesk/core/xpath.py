"""The XPath 1.0 value model behind XLSForm expressions: what an answer becomes inside an
expression, how values convert, and what the operators and functions compute.

Inside an expression every value is a ``str``, ``float`` or ``bool`` (a *canonical* value).
:func:`canonical` converts an answer once, when it is read, so the operators and functions
here need no type dispatch beyond those three types. :mod:`surveydesk.core.expressions`
parses the text and wires these together; its docstring is the reference users are
pointed at.

===========================  ==================  ============================================
Answer                       Value               ``number()`` of it
===========================  ==================  ============================================
None (unanswered)            ``''``              NaN
int, float, Decimal, numpy   that float          itself (an int too big for a float is
                                                 Infinity or -Infinity)
bool                         that bool           1 or 0
str                          that str            the number it spells (``' 12.5 '``,
                                                 ``'-.5'``; no exponent, no ``+``); days
                                                 since 1970-01-01 if it is exactly
                                                 ``'YYYY-MM-DD'`` and a real date; else NaN
datetime.date                ``'YYYY-MM-DD'``    days since 1970-01-01
tuple or list                choice names        as for that str
(select_multiple)            joined by spaces
===========================  ==================  ============================================

``boolean()`` is false for ``''``, 0 and NaN and true otherwise. ``string()`` writes booleans
as ``'true'``/``'false'``, whole numbers without ``.0``, NaN as ``'NaN'`` and never uses an
exponent.

Dates follow ODK/JavaRosa: where a number is needed (``<``, ``-``, ``number()``) a date is
its number of days since 1970-01-01, so ``${visit} < '2024-01-01'`` and ``${d2} - ${d1}``
work. ``string()`` of a date stays ``'YYYY-MM-DD'``, and ``=`` between two dates compares
those strings, which gives the same result.
"""

from __future__ import annotations

import math
import numbers
import operator
import re
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = [
    "FUNCTIONS",
    "OPERATORS",
    "Value",
    "boolean",
    "canonical",
    "number",
    "string",
    "to_boolean",
    "to_number",
    "to_string",
]

Value = str | float | bool
_NAN = math.nan


# --- answers to values --------------------------------------------------------------------


def canonical(value: object) -> Value:
    """The XPath value of an answer (see the table above)."""
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
        return " ".join(string(canonical(item)) for item in value)
    try:
        return float(value)  # Decimal
    except (TypeError, ValueError):
        return str(value)


def _int_to_float(value) -> float:
    try:
        return float(value)
    except OverflowError:  # an int beyond 1e308
        return math.inf if value > 0 else -math.inf


# --- conversions between values -----------------------------------------------------------

_NUMERIC_TEXT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_EPOCH = date(1970, 1, 1).toordinal()


def number(value: Value) -> float:
    """XPath ``number()`` of a canonical value, with ODK's days-since-1970 for dates."""
    if type(value) is float:
        return value
    if type(value) is bool:
        return 1.0 if value else 0.0
    text = value.strip()  # type: ignore[union-attr]
    if _NUMERIC_TEXT.fullmatch(text):
        return float(text)
    iso_date = _ISO_DATE.fullmatch(value)  # type: ignore[arg-type]
    return _NAN if iso_date is None else _days_since_epoch(*iso_date.groups())


def _days_since_epoch(year: str, month: str, day: str) -> float:
    try:
        return float(date(int(year), int(month), int(day)).toordinal() - _EPOCH)
    except ValueError:  # '2024-13-45', '0000-01-01'
        return _NAN


def string(value: Value) -> str:
    """XPath ``string()`` of a canonical value."""
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


def boolean(value: Value) -> bool:
    """XPath ``boolean()`` of a canonical value."""
    if type(value) is bool:
        return value
    if type(value) is str:
        return value != ""
    return value == value and value != 0.0


def to_boolean(value: object) -> bool:
    """XPath ``boolean()``: false for ``''``, None, 0 and NaN; true otherwise."""
    return boolean(canonical(value))


def to_number(value: object) -> float:
    """XPath ``number()``: booleans are 1/0; a date (a ``datetime.date`` or text that is
    exactly ``'YYYY-MM-DD'``) is its days since 1970-01-01; ``''`` and other text are NaN."""
    return number(canonical(value))


def to_string(value: object) -> str:
    """XPath ``string()``: ``'true'``/``'false'``, whole numbers without ``.0``, ``'NaN'``."""
    return string(canonical(value))


# --- operators ----------------------------------------------------------------------------


def _equal(x, y) -> bool:
    if type(x) is bool or type(y) is bool:
        return boolean(x) == boolean(y)
    if type(x) is float or type(y) is float:
        return number(x) == number(y)
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
        return operation(number(x), number(y))

    return apply


# symbol -> operation on two canonical values; `and` and `or` short-circuit, so the
# expression compiler implements them itself.
OPERATORS: dict[str, Callable[[object, object], object]] = {
    "=": _equal,
    "!=": lambda x, y: not _equal(x, y),
    "<": _numeric(operator.lt),
    "<=": _numeric(operator.le),
    ">": _numeric(operator.gt),
    ">=": _numeric(operator.ge),
    "+": _numeric(operator.add),
    "-": _numeric(operator.sub),
    "*": _numeric(operator.mul),
    "div": _numeric(_divide),
    "mod": _numeric(_modulo),
}


# --- functions ----------------------------------------------------------------------------


def _int(x) -> float:
    value = number(x)
    return float(math.trunc(value)) if math.isfinite(value) else value


_ROUNDING = Context(prec=1000, rounding=ROUND_HALF_UP)


def _round(x, digits=0.0) -> float:
    value, places = number(x), number(digits)
    if places != places:
        return _NAN
    if not math.isfinite(value) or places > 400:  # a float has no digits that far out
        return value
    if places < -400:
        return math.copysign(0.0, value)
    exponent = Decimal(1).scaleb(-int(places))
    return float(Decimal(repr(value)).quantize(exponent, context=_ROUNDING))


def _search(text, pattern) -> bool:
    try:
        return re.search(string(pattern), string(text)) is not None
    except Exception:  # a pattern from an answer can fail inside re in many ways
        return False


# name -> (fewest arguments, most arguments or None for any, implementation on canonical
# values). The compiler evaluates only the taken branch of `if`.
FUNCTIONS: dict[str, tuple[int, int | None, Callable[..., object]]] = {
    "not": (1, 1, lambda x: not boolean(x)),
    "selected": (2, 2, lambda s, x: string(x).strip() in string(s).split()),
    "count-selected": (1, 1, lambda s: float(len(string(s).split()))),
    "string-length": (1, 1, lambda s: float(len(string(s)))),
    "if": (3, 3, lambda c, a, b: a if boolean(c) else b),
    "coalesce": (2, 2, lambda a, b: a if string(a) != "" else b),
    "true": (0, 0, lambda: True),
    "false": (0, 0, lambda: False),
    "number": (1, 1, number),
    "string": (1, 1, string),
    "int": (1, 1, _int),
    "round": (1, 2, _round),
    "concat": (0, None, lambda *parts: "".join(string(p) for p in parts)),
    "regex": (2, 2, _search),
}
