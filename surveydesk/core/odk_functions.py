"""The ODK XForms functions beyond XPath's core that real forms use: text, numbers, dates
and times, and the few that depend on the moment (``today()``, ``now()``, ``random()``,
``uuid()``).

Each follows the ODK XForms specification (getodk.github.io/xforms-spec, "XPath functions")
on canonical values (see :mod:`surveydesk.core.xpath`): a date is ``'YYYY-MM-DD'``, a
date-time ``'YYYY-MM-DDTHH:MM:SS.sss+HH:MM'``, and as a number a date or date-time is its
days since 1970-01-01 (a fraction for the time of day). Like every function here they
never raise: what cannot be computed is NaN or ``''``.

===================================  ========================================================
Function                             Meaning
===================================  ========================================================
``contains(s, t)``                   Whether ``t`` occurs in ``s``.
``starts-with(s, t)``,               Whether ``s`` begins / ends with ``t``.
``ends-with(s, t)``
``substr(s, start[, end])``          The characters from ``start`` (0-based) up to ``end``
                                     (not included, default the end); negative or too
                                     large positions are clamped, as in ODK.
``normalize-space(s)``               ``s`` without leading and trailing white space, inner
                                     runs of white space as one space.
``translate(s, from, to)``           Each character of ``from`` in ``s`` replaced by the one
                                     at the same place in ``to``, or left out when ``to`` is
                                     shorter.
``boolean-from-string(s)``           True for ``'true'`` and ``'1'``, else false.
``boolean(x)``                       XPath ``boolean()``.
``selected-at(s, n)``                The ``n``-th (0-based) space-separated name of ``s``.
``abs``, ``floor``, ``ceiling``      As in mathematics; ``pow(x, y)`` is x to the power y.
``min(a, …)``, ``max(a, …)``,        Of their arguments as numbers (NaN if one is not a
``sum(a, …)``                        number); one argument, a single answer, is itself.
``today()``                          The date today, ``'YYYY-MM-DD'``.
``now()``                            The date-time now, with its UTC offset.
``date(x)``                          ``x`` as a date: a number of days since 1970, or a
                                     date-time, becomes ``'YYYY-MM-DD'``.
``decimal-date-time(x)``             A date or date-time as days since 1970 (a fraction).
``format-date(d, f)``,               ``d`` written after the pattern ``f``: ``%Y`` year,
``format-date-time(d, f)``           ``%y`` two-digit year, ``%m`` month 01-12, ``%n``
                                     month 1-12, ``%b`` month abbreviated, ``%d`` day 01-31,
                                     ``%e`` day 1-31, ``%a`` weekday abbreviated, ``%H``
                                     hour 00-23, ``%h`` hour 0-23, ``%M`` minute, ``%S``
                                     second, ``%3`` milliseconds (English names, as ODK).
``once(x)``                          ``x`` (ODK computes it only while the answer is
                                     empty; here it is recomputed like any calculation).
``random()``                         A number from 0 up to 1.
``uuid()``                           A new random UUID, ``'uuid:…'`` as ODK writes it.
===================================  ========================================================
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import uuid
from collections.abc import Callable

from surveydesk.core.xpath import boolean, number, string

_NAN = math.nan
_EPOCH = dt.datetime(1970, 1, 1)
_DATE_TIME = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:[T ](?P<time>[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)"
    r"(?P<zone>Z|[+-][0-9]{2}:?[0-9]{2})?)?")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Functions whose value depends on the moment: never computed once when a form is loaded.
VOLATILE = frozenset({"today", "now", "random", "uuid"})


def _moment(value) -> dt.datetime | None:
    """A canonical value as a date-time (its own clock time; the offset is not applied)."""
    if type(value) is float:
        try:
            return _EPOCH + dt.timedelta(days=value)
        except (OverflowError, ValueError):  # NaN, infinite, or beyond years 1 to 9999
            return None
    if type(value) is not str:
        return None
    match = _DATE_TIME.fullmatch(value.strip())
    if match is None:
        return None
    try:
        day = dt.date.fromisoformat(match["date"])
        clock = dt.time.fromisoformat(match["time"]) if match["time"] else dt.time()
    except ValueError:
        return None
    return dt.datetime.combine(day, clock)


def _substr(text, start, end=None) -> str:
    characters = string(text)
    first = number(start)
    last = number(end) if end is not None else float(len(characters))
    if first != first or last != last:
        return ""
    first = max(0, min(len(characters), int(first)))
    last = max(first, min(len(characters), int(last)))
    return characters[first:last]


def _translate(text, source, target) -> str:
    source, target = string(source), string(target)
    table: dict[int, int | None] = {}
    for index, character in enumerate(source):
        table.setdefault(ord(character), ord(target[index]) if index < len(target) else None)
    return string(text).translate(table)


def _selected_at(text, index) -> str:
    names, place = string(text).split(), number(index)
    if place != place or not 0 <= place < len(names):
        return ""
    return names[int(place)]


def _numbers(function: Callable[[list[float]], float]) -> Callable[..., float]:
    def apply(*values) -> float:
        numbers = [number(value) for value in values]
        if not numbers or any(n != n for n in numbers):
            return _NAN
        return function(numbers)

    return apply


def _pow(base, exponent) -> float:
    try:
        return float(math.pow(number(base), number(exponent)))
    except (OverflowError, ValueError):
        return _NAN


def _date(value) -> str:
    moment = _moment(value)
    return "" if moment is None else moment.date().isoformat()


def _decimal_date_time(value) -> float:
    moment = _moment(value)
    if moment is None:
        return _NAN
    return (moment - _EPOCH) / dt.timedelta(days=1)


def _format_date(value, pattern) -> str:
    moment = _moment(value)
    if moment is None:
        return ""
    fields = {
        "Y": f"{moment.year:04d}", "y": f"{moment.year % 100:02d}",
        "m": f"{moment.month:02d}", "n": str(moment.month), "b": _MONTHS[moment.month - 1],
        "d": f"{moment.day:02d}", "e": str(moment.day), "a": _WEEKDAYS[moment.weekday()],
        "H": f"{moment.hour:02d}", "h": str(moment.hour), "M": f"{moment.minute:02d}",
        "S": f"{moment.second:02d}", "3": f"{moment.microsecond // 1000:03d}",
    }
    return re.sub(r"%(.)", lambda m: fields.get(m[1], m[0]), string(pattern))


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="milliseconds")


def _floor(value) -> float:
    result = number(value)
    return float(math.floor(result)) if math.isfinite(result) else result


def _ceiling(value) -> float:
    result = number(value)
    return float(math.ceil(result)) if math.isfinite(result) else result


# name -> (fewest arguments, most arguments or None for any, implementation), as
# surveydesk.core.xpath.FUNCTIONS.
ODK_FUNCTIONS: dict[str, tuple[int, int | None, Callable[..., object]]] = {
    "contains": (2, 2, lambda s, t: string(t) in string(s)),
    "starts-with": (2, 2, lambda s, t: string(s).startswith(string(t))),
    "ends-with": (2, 2, lambda s, t: string(s).endswith(string(t))),
    "substr": (2, 3, _substr),
    "normalize-space": (1, 1, lambda s: " ".join(string(s).split())),
    "translate": (3, 3, _translate),
    "boolean-from-string": (1, 1, lambda s: string(s).strip() in ("true", "1")),
    "boolean": (1, 1, boolean),
    "selected-at": (2, 2, _selected_at),
    "abs": (1, 1, lambda x: abs(number(x))),
    "floor": (1, 1, _floor),
    "ceiling": (1, 1, _ceiling),
    "pow": (2, 2, _pow),
    "min": (1, None, _numbers(min)),
    "max": (1, None, _numbers(max)),
    "sum": (1, None, _numbers(math.fsum)),
    "today": (0, 0, lambda: dt.date.today().isoformat()),
    "now": (0, 0, _now),
    "date": (1, 1, _date),
    "decimal-date-time": (1, 1, _decimal_date_time),
    "format-date": (2, 2, _format_date),
    "format-date-time": (2, 2, _format_date),
    "once": (1, 1, lambda x: x),
    "random": (0, 0, lambda: random.random()),
    "uuid": (0, 1, lambda *_length: f"uuid:{uuid.uuid4()}"),
}
