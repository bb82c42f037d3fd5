"""Reference values a table is compared with: targets and published benchmarks.

A *target* is the client's goal for a question or theme, e.g. theme mean at least 4.0
(seed 001), top-2 at least 79 % and bottom-2 at most 6 % (seed 004). A *benchmark* is a
published reference value, e.g. the average of all municipalities (seed 002), with its base
``n`` (and for means its standard deviation) when known, so a difference can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import Questionnaire

AT_LEAST, AT_MOST = ">=", "<="
PROPORTION_STATISTICS = ("top2", "bottom2", "dont_know")
MEAN_STATISTICS = ("mean", "theme_mean", "median")


@dataclass(frozen=True)
class Target:
    question: str
    statistic: str
    operator: str  # ">=" or "<="
    value: float

    def describe(self) -> str:
        shown = f"{self.value:.0%}" if is_proportion(self.statistic) else f"{self.value:g}"
        return f"{self.question} {self.statistic} {self.operator} {shown}"


@dataclass(frozen=True)
class BenchmarkValue:
    question: str
    statistic: str
    value: float
    n: float | None = None
    sd: float | None = None
    breakdown: str = ""
    group: str = ""
    wave: str = ""
    source: str = ""


def is_proportion(statistic: str) -> bool:
    return statistic in PROPORTION_STATISTICS or statistic.startswith("share:")


def subject_names(questionnaire: Questionnaire) -> dict[str, str]:
    """Every name a table row can have in ``question``: questions and themes -> kind."""
    from surveydesk.analysis.cells import themes

    names = {q.name: q.type.value for q in questionnaire.answer_questions}
    names.update({group.name: "theme" for group, _ in themes(questionnaire)})
    return names


def check_statistic(questionnaire: Questionnaire, name: str, statistic: str) -> None:
    """Raise a ``UsageError`` unless ``statistic`` exists for question or theme ``name``."""
    kinds = subject_names(questionnaire)
    if name not in kinds:
        raise UsageError(f"'{name}' is neither a question nor a theme of the questionnaire.")
    kind = kinds[name]
    if kind == "theme":
        allowed = ["theme_mean"]
    elif kind in ("integer", "decimal"):
        allowed = ["mean", "median"]
    elif kind in ("select_one", "select_multiple"):
        question = questionnaire.question(name)
        allowed = [f"share:{c}" for c in question.choice_list.names]
        if kind == "select_one" and question.is_scored:
            allowed += ["top2", "bottom2", "mean"]
            if question.choice_list.dont_know:
                allowed.append("dont_know")
    else:
        allowed = []
    if statistic not in allowed:
        shown = ", ".join(allowed) or "none (this question is not analysed)"
        raise UsageError(f"'{statistic}' is not a statistic of '{name}' (possible: {shown}).")


def parse_value(text: str, statistic: str) -> float:
    """A target or benchmark value: ``79%``, ``0.79`` or ``79`` (a share above 1 is read as
    percent), ``4,0`` or ``4.0`` for means."""
    cleaned = str(text).strip().replace(",", ".")
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.rstrip("%").strip())
    except ValueError:
        raise UsageError(f"'{text}' is not a number (e.g. 79%, 0.79 or 4.0).") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UsageError(f"'{text}' is not a number (e.g. 79%, 0.79 or 4.0).")
    if is_proportion(statistic):
        if percent or value > 1:
            value /= 100
        if not 0 <= value <= 1:
            raise UsageError(f"'{text}' is not a share between 0 % and 100 %.")
    elif percent:
        raise UsageError(f"'{text}': a {statistic} is not a percentage.")
    return value
