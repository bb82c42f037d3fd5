"""The tidy results table: every question x statistic x breakdown group x wave, tested.

One row per cell with the columns of :data:`COLUMNS` (the contract other tools rely on)
followed by :data:`EXTRA_COLUMNS`. ``value`` is a proportion (0-1) or a mean; ``p_value`` /
``significant`` compare with the previous wave (the wave ordered before), ``*_vs_rest`` a
breakdown group with everyone else in its wave, ``*_vs_benchmark`` with a published value.
Proportions are tested with the pooled two-proportion z-test, means with Welch's t-test,
both two-sided, on Kish's effective n when weighted (see :mod:`.inference`). Cells whose test
is undefined (e.g. 0 % in both waves) have an empty p-value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from surveydesk.analysis import inference
from surveydesk.analysis.cells import (
    MEAN,
    MEDIAN,
    PROPORTION,
    CellBlock,
    question_blocks,
    theme_cells,
    themes,
)
from surveydesk.analysis.data import (
    CROSS,
    SPECIAL_BREAKDOWNS,
    Breakdown,
    WaveAnswers,
    breakdown,
    crossed,
    total_breakdown,
)
from surveydesk.analysis.reference import AT_LEAST, BenchmarkValue, Target
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import Questionnaire

COLUMNS = (
    "question", "statistic", "breakdown", "group", "wave", "n", "value", "ci_low", "ci_high",
    "p_value", "significant", "p_value_vs_rest", "significant_vs_rest", "p_value_vs_benchmark",
    "significant_vs_benchmark", "low_base", "target", "target_met", "weighted",
)
EXTRA_COLUMNS = ("kind", "n_effective", "sd", "previous_value", "benchmark",
                 "target_operator", "p_adjustment")
_KEYS = ["question", "statistic", "breakdown", "group"]
_SUMS = ["n", "sw", "sw2", "sx", "sx2"]


@dataclass(frozen=True)
class TableOptions:
    """What to compute. ``waves`` limits the rows shown (earlier waves are still read for the
    comparison with the previous wave); ``questions`` limits the questions and themes."""

    breakdowns: tuple[str, ...] = ()
    waves: tuple[str, ...] | None = None
    questions: tuple[str, ...] | None = None
    alpha: float = 0.05
    min_base: int = 30
    dont_know_in_base: bool = False
    adjust: bool = False  # Benjamini-Hochberg across each question's table
    weighted: bool = False
    benchmark: tuple[BenchmarkValue, ...] = field(default=())
    targets: tuple[Target, ...] = field(default=())

    def __post_init__(self) -> None:
        if not 0 < self.alpha < 1:
            raise UsageError(f"alpha must be between 0 and 1, not {self.alpha}.")
        if self.min_base < 0:
            raise UsageError(f"The minimum base must be 0 or more, not {self.min_base}.")
        if len(self.breakdowns) > 2:
            raise UsageError("At most two breakdown variables can be combined.")
        if len(set(self.breakdowns)) != len(self.breakdowns):
            raise UsageError("The same breakdown variable is given twice.")


def _splits(questionnaire: Questionnaire, waves: Sequence[WaveAnswers],
            names: Sequence[str]) -> list[Breakdown]:
    splits = [total_breakdown(waves)]
    chosen = [breakdown(name, questionnaire, waves) for name in names]
    splits += chosen
    if len(chosen) == 2:
        splits.append(crossed(*chosen))
    return splits


def _subjects(questionnaire: Questionnaire, wanted: Sequence[str] | None):
    questions = [q for q in questionnaire.answer_questions
                 if (q.type.is_select and q.choice_list is not None) or q.type.is_numeric]
    theme_list = themes(questionnaire)
    if wanted is not None:
        known = {q.name for q in questions} | {g.name for g, _ in theme_list}
        for name in wanted:
            if name not in known:
                hint = (" (it is not analysed: only select_one, select_multiple, integer and "
                        "decimal questions and themes are)" if name in questionnaire else "")
                raise UsageError(f"No question or theme named '{name}' to tabulate{hint}.")
        questions = [q for q in questions if q.name in wanted]
        theme_list = [(g, s) for g, s in theme_list if g.name in wanted]
    return questions, theme_list


def _frame(blocks: list[CellBlock]) -> pd.DataFrame:
    parts = {name: [] for name in ("question", "statistic", "kind", "breakdown", "group",
                                   "wave", *_SUMS, "median")}
    for block in blocks:
        S, G = len(block.statistics), len(block.groups)
        parts["question"].append(np.full(S * G, block.question, dtype=object))
        parts["statistic"].append(np.repeat(np.array(block.statistics, dtype=object), G))
        parts["kind"].append(np.repeat(np.array(block.kinds, dtype=object), G))
        parts["breakdown"].append(np.full(S * G, block.breakdown, dtype=object))
        parts["group"].append(np.tile(np.array(block.groups, dtype=object), S))
        parts["wave"].append(np.full(S * G, block.wave, dtype=object))
        for name in _SUMS:
            parts[name].append(getattr(block, name).reshape(-1))
        median = block.median if block.median is not None else np.full((S, G), np.nan)
        parts["median"].append(median.reshape(-1))
    return pd.DataFrame({name: np.concatenate(values) if values else np.array([])
                         for name, values in parts.items()})


def _estimates(frame: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """value, effective n, sd and interval of every cell from its sums."""
    sw, sw2, sx, sx2 = (frame[c].to_numpy() for c in ("sw", "sw2", "sx", "sx2"))
    n_eff = inference.kish_effective_n(sw, sw2)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = sx / sw
        variance = np.clip(sx2 / sw - value**2, 0, None) * n_eff / (n_eff - 1)
    kind = frame["kind"].to_numpy()
    proportion, mean = kind == PROPORTION, kind == MEAN
    variance = np.where(mean & (n_eff > 1), variance, np.nan)
    wilson = inference.wilson_interval(value * n_eff, n_eff, alpha)
    t = inference.t_interval(value, variance, n_eff, alpha)
    frame = frame.assign(
        value=np.where(kind == MEDIAN, frame["median"].to_numpy(), value),
        n_effective=n_eff,
        sd=np.sqrt(variance),
        variance=variance,
        ci_low=np.where(proportion, wilson.low, np.where(mean, t.low, np.nan)),
        ci_high=np.where(proportion, wilson.high, np.where(mean, t.high, np.nan)),
    )
    return frame


def _compare(kind, value1, var1, n1, value2, var2, n2) -> np.ndarray:
    """p-values of cell 1 against cell 2: z-test for proportions, Welch for means."""
    z = inference.two_proportion_ztest(value1 * n1, n1, value2 * n2, n2).p_value
    t = inference.welch_ttest(value1, var1, n1, value2, var2, n2).p_value
    return np.where(kind == PROPORTION, z, np.where(kind == MEAN, t, np.nan))


def _versus_previous(frame: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    previous = dict(zip(order[1:], order[:-1], strict=False))
    right = frame[[*_KEYS, "wave", "value", "variance", "n_effective"]].rename(columns={
        "wave": "previous_wave", "value": "previous_value", "variance": "previous_variance",
        "n_effective": "previous_n"})
    # As objects: with one wave every previous wave is missing, and an all-missing column
    # would be float, which pandas refuses to merge with the text labels.
    merged = frame.assign(previous_wave=frame["wave"].map(previous).astype(object)).merge(
        right.astype({"previous_wave": object}), on=[*_KEYS, "previous_wave"], how="left")
    p = _compare(merged["kind"].to_numpy(), merged["value"].to_numpy(),
                 merged["variance"].to_numpy(), merged["n_effective"].to_numpy(),
                 merged["previous_value"].to_numpy(), merged["previous_variance"].to_numpy(),
                 merged["previous_n"].to_numpy())
    return merged.assign(p_value=p)


def _versus_rest(frame: pd.DataFrame) -> pd.DataFrame:
    totals = frame[frame["breakdown"] == ""][["question", "statistic", "wave", *_SUMS]]
    merged = frame.merge(totals, on=["question", "statistic", "wave"], how="left",
                         suffixes=("", "_total"))
    rest = {name: merged[f"{name}_total"].to_numpy() - merged[name].to_numpy()
            for name in _SUMS}
    n_eff = inference.kish_effective_n(rest["sw"], rest["sw2"])
    with np.errstate(divide="ignore", invalid="ignore"):
        value = rest["sx"] / rest["sw"]
        variance = np.clip(rest["sx2"] / rest["sw"] - value**2, 0, None) * n_eff / (n_eff - 1)
    p = _compare(merged["kind"].to_numpy(), merged["value"].to_numpy(),
                 merged["variance"].to_numpy(), merged["n_effective"].to_numpy(),
                 value, variance, n_eff)
    p = np.where(merged["breakdown"].to_numpy() == "", np.nan, p)
    return merged.drop(columns=[f"{name}_total" for name in _SUMS]).assign(p_value_vs_rest=p)


def _versus_benchmark(frame: pd.DataFrame, values: Sequence[BenchmarkValue]) -> pd.DataFrame:
    if not values:
        return frame.assign(benchmark=np.nan, p_value_vs_benchmark=np.nan)
    table = pd.DataFrame([vars(v) for v in values]).rename(columns={
        "value": "benchmark", "n": "benchmark_n", "sd": "benchmark_sd",
        "wave": "benchmark_wave"}).drop(columns=["source"])
    table = table.drop_duplicates(subset=[*_KEYS, "benchmark_wave"], keep="last")
    merged = frame.merge(table, on=_KEYS, how="left")
    wrong_wave = (merged["benchmark_wave"].fillna("") != "") & (
        merged["benchmark_wave"] != merged["wave"])
    merged.loc[wrong_wave, ["benchmark", "benchmark_n", "benchmark_sd"]] = np.nan
    merged = merged.sort_values("benchmark", na_position="first", kind="stable")
    merged = merged.drop_duplicates(subset=[*_KEYS, "wave"], keep="last").sort_index()
    kind = merged["kind"].to_numpy()
    value, n = merged["value"].to_numpy(), merged["n_effective"].to_numpy()
    bench = merged["benchmark"].to_numpy(dtype=float)
    bench_n = merged["benchmark_n"].to_numpy(dtype=float)
    bench_sd = merged["benchmark_sd"].to_numpy(dtype=float)
    two = inference.two_proportion_ztest(value * n, n, bench * bench_n, bench_n).p_value
    one = inference.one_proportion_ztest(value * n, n, bench).p_value
    welch = inference.welch_ttest(value, merged["variance"].to_numpy(), n, bench,
                                  bench_sd**2, bench_n).p_value
    fixed = inference.one_sample_ttest(value, merged["variance"].to_numpy(), n, bench).p_value
    p = np.where(kind == PROPORTION, np.where(np.isnan(bench_n), one, two),
                 np.where(kind == MEAN,
                          np.where(np.isnan(bench_n) | np.isnan(bench_sd), fixed, welch),
                          np.nan))
    p = np.where(np.isnan(bench), np.nan, p)
    return merged.drop(columns=["benchmark_n", "benchmark_sd", "benchmark_wave"]).assign(
        p_value_vs_benchmark=p)


def _targets(frame: pd.DataFrame, targets: Sequence[Target]) -> pd.DataFrame:
    if not targets:
        return frame.assign(target=np.nan, target_operator=None,
                            target_met=pd.array([pd.NA] * len(frame), dtype="boolean"))
    table = pd.DataFrame([{"question": t.question, "statistic": t.statistic,
                           "target": t.value, "target_operator": t.operator} for t in targets])
    table = table.drop_duplicates(subset=["question", "statistic"], keep="last")
    merged = frame.merge(table, on=["question", "statistic"], how="left")
    value, target = merged["value"].to_numpy(), merged["target"].to_numpy(dtype=float)
    met = np.where(merged["target_operator"].to_numpy() == AT_LEAST, value >= target,
                   value <= target)
    known = ~np.isnan(value) & ~np.isnan(target)
    return merged.assign(target_met=pd.array(np.where(known, met, None), dtype="boolean"))


def _adjust(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Benjamini-Hochberg within each question's table (question x breakdown)."""
    frame = frame.copy()
    for column in columns:
        frame[column] = frame.groupby(["question", "breakdown"], sort=False)[column].transform(
            lambda p: inference.benjamini_hochberg(p.to_numpy()))
    return frame


def _significant(p: pd.Series, alpha: float) -> pd.arrays.BooleanArray:
    values = p.to_numpy(dtype=float)
    return pd.array(np.where(np.isnan(values), None, values < alpha), dtype="boolean")


def _own_wave_only(frame: pd.DataFrame) -> pd.DataFrame:
    """With ``wave`` as a breakdown, a wave's rows hold only its own group (the other waves'
    groups are empty by definition)."""
    keep = np.ones(len(frame), dtype=bool)
    for name in frame["breakdown"].unique():
        parts = name.split(CROSS)
        if "wave" not in parts:
            continue
        position = parts.index("wave")
        rows = (frame["breakdown"] == name).to_numpy()
        own = frame["group"].str.split(CROSS).str[position].to_numpy() == frame["wave"].to_numpy()
        keep &= ~rows | own
    return frame[keep]


def compute_tables(waves: Sequence[WaveAnswers], questionnaire: Questionnaire,
                   options: TableOptions | None = None,
                   progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """The tidy table for ``waves`` (in wave order) of ``questionnaire``.

    ``progress(done, total)`` is called before each question or theme is counted and once
    at the end; it may raise (e.g. :class:`~surveydesk.core.errors.Cancelled`) to stop."""
    options = options or TableOptions()
    for name in options.breakdowns:
        if name not in SPECIAL_BREAKDOWNS and name not in questionnaire:
            breakdown(name, questionnaire, waves)  # raises the explanatory error
    splits = _splits(questionnaire, waves, options.breakdowns)
    questions, theme_list = _subjects(questionnaire, options.questions)
    blocks: list[CellBlock] = []
    total = len(questions) + len(theme_list)
    report = progress or (lambda done, total: None)
    for done, question in enumerate(questions):
        report(done, total)
        for split in splits:
            for wave in waves:
                blocks.extend(question_blocks(question, wave, split, options.dont_know_in_base))
    for done, (group, statements) in enumerate(theme_list, start=len(questions)):
        report(done, total)
        for split in splits:
            for wave in waves:
                blocks.append(theme_cells(group, statements, wave, split))
    report(total, total)
    frame = _estimates(_frame(blocks), options.alpha)
    order = [wave.label for wave in waves]
    frame = _versus_previous(frame, order)
    frame = _versus_rest(frame)
    frame = _versus_benchmark(frame, options.benchmark)
    frame = _targets(frame, options.targets)
    tested = ["p_value", "p_value_vs_rest", "p_value_vs_benchmark"]
    if options.adjust:
        frame = _adjust(frame, tested)
    for column in tested:
        frame[column.replace("p_value", "significant")] = _significant(frame[column],
                                                                       options.alpha)
    frame["low_base"] = frame["n"].to_numpy() <= options.min_base
    frame["weighted"] = options.weighted
    frame["p_adjustment"] = "benjamini-hochberg" if options.adjust else "none"
    frame["n"] = frame["n"].astype(np.int64)
    frame = _own_wave_only(frame)
    if options.waves is not None:
        frame = frame[frame["wave"].isin(options.waves)]
    return frame[list(COLUMNS + EXTRA_COLUMNS)].reset_index(drop=True)
