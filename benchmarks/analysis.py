"""SurveyDesk analysis benchmark: all tables of a big two-wave project, figures to a file.

    python benchmarks/analysis.py [--respondents 100000] [--naive-cells 500]
                                  [--out benchmarks/analysis_results.json]

Targets (from the issue), on the 2-core development machine:
- all tables of a project of 100,000 respondents per wave x 60 questions, two waves, one
  13-group breakdown (total + breakdown, both waves, all tests), answers loaded from the
  project file included: under 3 s;
- the same numbers computed the naive way (a pandas filter and a statsmodels call per cell),
  timed in the same run: SurveyDesk at least 10x faster;
- one question's table (what the GUI refreshes): under 0.1 s.

The synthetic project reuses the form and data writers of ``run.py`` (the import benchmark),
with background question ``g7`` replaced by ``department``: a select_one of 13 departments of
uneven size, so the form keeps its 60 questions. Two waves ("2023", "2024") with different
seeds are imported through ``import_file`` like a user's CSV; that set-up is timed but is not
part of the analysis figures.

The naive way reads the same CSV files into one plain DataFrame of text (numbers converted)
and, for each tested cell (one with a p-value against the previous wave or against the rest
of its wave), filters it with boolean masks and calls statsmodels (``proportions_ztest`` for
proportions, ``ttest_ind(usevar="unequal")`` for means). Doing all ~13,500 tested cells that
way takes about ten minutes, so a fixed stratified random sample (~500 cells, every kind of
cell represented) is timed and each stratum's mean time per cell is multiplied by the
stratum's number of cells. The sample is also the correctness check: the naive value and
p-values must equal SurveyDesk's (value to 1e-9, p-values to 1e-6).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import load_workbook
from statsmodels.stats.proportion import proportions_ztest
from statsmodels.stats.weightstats import ttest_ind

from surveydesk.analysis.data import load_waves
from surveydesk.analysis.project_tables import tables_for_project
from surveydesk.analysis.tables import TableOptions, compute_tables
from surveydesk.core.questionnaire import QuestionType
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.importer import import_file
from surveydesk.store.project import Project

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # run.py, the import benchmark, is a sibling script

from run import timed, write_benchmark_csv, write_benchmark_form  # noqa: E402

WAVES = (("2023", 23), ("2024", 24))  # label, data seed
BREAKDOWN = "department"
REPLACED = "g7"  # the background question that becomes the breakdown
DEPARTMENTS = (  # name, Danish label, share of respondents
    ("borgerservice", "Borgerservice", 0.22),
    ("aeldre", "Ældre og pleje", 0.16),
    ("jobcenter", "Jobcenter", 0.12),
    ("skole", "Skole og SFO", 0.10),
    ("dagtilbud", "Dagtilbud", 0.08),
    ("sundhed", "Sundhed", 0.07),
    ("handicap", "Handicap og psykiatri", 0.06),
    ("teknik", "Teknik og miljø", 0.05),
    ("byggeri", "Byggesager", 0.04),
    ("kultur", "Kultur og fritid", 0.035),
    ("bibliotek", "Biblioteker", 0.03),
    ("affald", "Affald og genbrug", 0.02),
    ("familie", "Familie og børn", 0.015),
)
ALL_TABLES_TARGET = 3.0
ONE_QUESTION_TARGET = 0.1
SPEEDUP_TARGET = 10.0
ONE_QUESTION = "s00"
VALUE_TOLERANCE = 1e-9
P_TOLERANCE = 1e-6


# -- the synthetic project ---------------------------------------------------------------------
def write_analysis_form(path: Path, scales: int = 40,
                        sections: int = 0) -> list[tuple[str, str]]:
    """run.py's 60-question form with ``g7`` replaced by the 13-group ``department``
    (``scales`` and ``sections`` as in ``write_benchmark_form``)."""
    questions = write_benchmark_form(path, scales, sections)
    workbook = load_workbook(path)
    survey = workbook["survey"]
    for row in survey.iter_rows(min_row=2):
        if row[1].value == REPLACED:
            row[0].value = "select_one department13"
            row[1].value = BREAKDOWN
            row[2].value = "Hvilken afdeling havde du kontakt med?"
            row[3].value = "Which department were you in contact with?"
    choices = workbook["choices"]
    for name, label, _ in DEPARTMENTS:
        choices.append(["department13", name, label, label, None])
    workbook.save(path)
    return [(BREAKDOWN if name == REPLACED else name, kind) for name, kind in questions]


def write_analysis_csv(path: Path, questions, respondents: int, seed: int) -> None:
    """run.py's random answers, with the department column drawn at uneven sizes."""
    original = [(REPLACED if name == BREAKDOWN else name, kind) for name, kind in questions]
    write_benchmark_csv(path, original, respondents, seed)
    rng = np.random.default_rng(seed + 1000)
    shares = np.array([share for _, _, share in DEPARTMENTS])
    names = np.array([name for name, _, _ in DEPARTMENTS])
    drawn = names[rng.choice(len(DEPARTMENTS), respondents, p=shares / shares.sum())]
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    position = header.index(REPLACED)
    header[position] = BREAKDOWN
    out = [";".join(header)]
    for line, department in zip(lines[1:], drawn, strict=True):
        cells = line.split(";")
        cells[position] = department
        out.append(";".join(cells))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def build_project(folder: Path, respondents: int, scales: int = 40, sections: int = 0) -> dict:
    """Write the form and both waves' CSVs, create the project and import; set-up figures.

    ``scales`` and ``sections`` shape the form as in ``write_benchmark_form`` (the defaults
    give this benchmark's 60-question form)."""
    form = folder / "analysis.xlsx"
    start = time.perf_counter()
    questions = write_analysis_form(form, scales, sections)
    csvs = {}
    for label, seed in WAVES:
        csvs[label] = folder / f"wave_{label}.csv"
        write_analysis_csv(csvs[label], questions, respondents, seed)
    generate_seconds = time.perf_counter() - start
    project = Project.create(folder / "analysis.sdproj", form.read_bytes(), read_xlsform(form))
    imports = {}
    for label, _ in WAVES:
        seconds, result = timed(lambda label=label: import_file(project, csvs[label], label))
        assert result.added == respondents, result.summary()
        imports[label] = round(seconds, 2)
    project.close()
    return {
        "questions": len(questions),
        "path": folder / "analysis.sdproj",
        "form": form,
        "csvs": csvs,
        "generate_seconds": round(generate_seconds, 2),
        "import_seconds": imports,
    }


# -- SurveyDesk --------------------------------------------------------------------------------
def time_surveydesk(path: Path, runs: int = 3) -> dict:
    """All tables and one question's table, each from a freshly opened project."""
    everything = TableOptions(breakdowns=(BREAKDOWN,))
    one = TableOptions(questions=(ONE_QUESTION,), breakdowns=(BREAKDOWN,))
    all_seconds, open_seconds = [], []
    table = None
    for _ in range(runs):
        seconds, project = timed(lambda: Project.open(path))
        open_seconds.append(seconds)
        seconds, result = timed(lambda project=project: tables_for_project(project, everything))
        all_seconds.append(seconds)
        table = result.table
        project.close()

    # Where the all-tables time goes: loading vs computing (same open project, warm).
    project = Project.open(path)
    questionnaire = project.questionnaire
    load_seconds, waves = timed(lambda: load_waves(project, questionnaire))
    compute_seconds = [
        timed(lambda: compute_tables(waves, questionnaire, everything))[0] for _ in range(runs)
    ]
    one_loading = [timed(lambda: tables_for_project(project, one))[0] for _ in range(5)]
    one_loaded = [timed(lambda: compute_tables(waves, questionnaire, one))[0] for _ in range(10)]
    project.close()
    return {
        "table": table,
        "open_seconds": open_seconds,
        "all_seconds": all_seconds,
        "load_waves_seconds": load_seconds,
        "compute_all_loaded_seconds": compute_seconds,
        "one_with_loading_seconds": one_loading,
        "one_loaded_seconds": one_loaded,
    }


# -- the naive way -----------------------------------------------------------------------------
def naive_frame(csvs: dict[str, Path], questionnaire) -> pd.DataFrame:
    """Both waves' CSVs in one plain DataFrame of text; numeric questions as floats."""
    parts = []
    for label, path in csvs.items():
        part = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
        part.insert(0, "wave", label)
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    for question in questionnaire.answer_questions:
        if question.type.is_numeric:
            frame[question.name] = pd.to_numeric(
                frame[question.name].str.replace(",", ".", regex=False), errors="coerce"
            )
    return frame


class NaiveStatistic:
    """One statistic of one question computed from a plain column: (x, n) or the values."""

    def __init__(self, question, statistic: str, dont_know_in_base: bool = False):
        self.question = question
        self.statistic = statistic
        self.is_mean = statistic == "mean"
        self.multiple = question.type is QuestionType.SELECT_MULTIPLE
        choices = question.choice_list.choices if question.choice_list is not None else ()
        scores = {c.name: c.score for c in choices}
        scored = [name for name, score in scores.items() if score is not None]
        distinct = sorted({scores[name] for name in scored})
        self.scores = {name: float(scores[name]) for name in scored}
        self.scored = set(scored)
        self.dont_know = {name for name, score in scores.items() if score is None}
        self.top = {name for name in scored if scores[name] in distinct[-2:]}
        self.bottom = {name for name in scored if scores[name] in distinct[:2]}
        self.dont_know_in_base = dont_know_in_base

    def sample(self, column: pd.Series):
        """(successes, base) for a proportion, the array of values for a mean."""
        if self.question.type.is_numeric:
            return column.dropna().to_numpy(dtype=float)
        answered = column[column != ""]
        if self.multiple:
            choice = self.statistic.removeprefix("share:")
            return int(answered.str.split().map(lambda t: choice in t).sum()), len(answered)
        if self.statistic.startswith("share:"):
            return int((answered == self.statistic.removeprefix("share:")).sum()), len(answered)
        if self.statistic == "dont_know":
            return int(answered.isin(self.dont_know).sum()), len(answered)
        on_scale = answered[answered.isin(self.scored)]
        if self.statistic == "mean":
            return on_scale.map(self.scores).to_numpy(dtype=float)
        base = len(answered) if self.dont_know_in_base else len(on_scale)
        chosen = self.top if self.statistic == "top2" else self.bottom
        return int(on_scale.isin(chosen).sum()), base

    def value(self, sample) -> float:
        if self.is_mean:
            return float(np.mean(sample)) if len(sample) else np.nan
        x, n = sample
        return x / n if n else np.nan

    def p_value(self, first, second) -> float:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            if self.is_mean:
                if len(first) < 2 or len(second) < 2:
                    return np.nan
                return float(ttest_ind(first, second, usevar="unequal")[1])
            (x1, n1), (x2, n2) = first, second
            if n1 == 0 or n2 == 0:
                return np.nan
            return float(proportions_ztest([x1, x2], [n1, n2])[1])


def naive_cell(
    frame: pd.DataFrame, statistic: NaiveStatistic, wave: str, previous: str | None, group: str
) -> dict:
    """Value, p-value vs the previous wave and vs the rest of the wave, by filter + call."""
    name = statistic.question.name
    if group:
        cell = frame.loc[(frame.wave == wave) & (frame[BREAKDOWN] == group), name]
    else:
        cell = frame.loc[frame.wave == wave, name]
    sample = statistic.sample(cell)
    result = {"value": statistic.value(sample), "p_value": np.nan, "p_value_vs_rest": np.nan}
    if previous is not None:
        if group:
            before = frame.loc[(frame.wave == previous) & (frame[BREAKDOWN] == group), name]
        else:
            before = frame.loc[frame.wave == previous, name]
        result["p_value"] = statistic.p_value(sample, statistic.sample(before))
    if group:
        rest = frame.loc[(frame.wave == wave) & (frame[BREAKDOWN] != group), name]
        result["p_value_vs_rest"] = statistic.p_value(sample, statistic.sample(rest))
    return result


def _difference(naive: float, ours: float) -> float:
    """Absolute difference; NaN against NaN is 0, NaN against a number is infinite."""
    if np.isnan(naive) and np.isnan(ours):
        return 0.0
    if np.isnan(naive) or np.isnan(ours):
        return float("inf")
    return abs(naive - ours)


def strata(table: pd.DataFrame, questionnaire) -> pd.Series:
    """Per cell: question type, statistic, total or group, wave: cells of equal naive work."""
    types = {
        q.name: q.type.value + (" scored" if q.is_scored else "")
        for q in questionnaire.answer_questions
    }
    family = table["statistic"].str.split(":").str[0]
    scope = pd.Series(np.where(table["group"] == "", "total", "group"), index=table.index)
    return table["question"].map(types) + " " + family + " " + scope + " " + table["wave"]


def stratified_sample(
    tested: pd.DataFrame, layers: pd.Series, cells: int, seed: int, at_least: int = 5
) -> pd.DataFrame:
    """About ``cells`` cells, proportional to each stratum's size, ``at_least`` from each."""
    parts = []
    for name, members in tested.groupby(layers.loc[tested.index], sort=True):
        size = min(len(members), max(at_least, round(cells * len(members) / len(tested))))
        parts.append(members.sample(n=size, random_state=seed).assign(stratum=name))
    return pd.concat(parts)


def time_naive(
    table: pd.DataFrame, csvs: dict[str, Path], questionnaire, cells: int, seed: int = 2024
) -> dict:
    """Time a fixed stratified sample of tested cells the naive way; compare with SurveyDesk.

    The total is extrapolated per stratum (cells of one question type, statistic, total or
    group, wave do the same naive work): load time + sum of stratum size x its mean time.
    """
    load_seconds, frame = timed(lambda: naive_frame(csvs, questionnaire))
    tested = table[table["p_value"].notna() | table["p_value_vs_rest"].notna()]
    layers = strata(table, questionnaire)
    chosen = stratified_sample(tested, layers, cells, seed)
    order = [label for label, _ in WAVES]
    previous = dict(zip(order[1:], order[:-1], strict=False))
    cache: dict[tuple[str, str], NaiveStatistic] = {}
    seconds = []
    worst = {"value": 0.0, "p_value": 0.0, "p_value_vs_rest": 0.0}
    failures = []
    for row in chosen.itertuples(index=False):
        key = (row.question, row.statistic)
        if key not in cache:
            cache[key] = NaiveStatistic(questionnaire.question(row.question), row.statistic)
        start = time.perf_counter()
        naive = naive_cell(frame, cache[key], row.wave, previous.get(row.wave), row.group)
        seconds.append(time.perf_counter() - start)
        for column, tolerance in (
            ("value", VALUE_TOLERANCE),
            ("p_value", P_TOLERANCE),
            ("p_value_vs_rest", P_TOLERANCE),
        ):
            difference = _difference(naive[column], float(getattr(row, column)))
            worst[column] = max(worst[column], difference)
            if difference > tolerance:
                failures.append(
                    {
                        "question": row.question,
                        "statistic": row.statistic,
                        "group": row.group,
                        "wave": row.wave,
                        "column": column,
                        "naive": naive[column],
                        "surveydesk": getattr(row, column),
                    }
                )
    timing = chosen.assign(seconds=seconds).groupby("stratum")["seconds"].agg(["mean", "size"])
    timing["cells"] = layers.loc[tested.index].value_counts()
    cell_seconds = float((timing["mean"] * timing["cells"]).sum())
    return {
        "tested_cells": len(tested),
        "sampled_cells": len(chosen),
        "strata": {
            name: {
                "cells": int(r["cells"]),
                "sampled": int(r["size"]),
                "seconds_per_cell": round(float(r["mean"]), 5),
            }
            for name, r in timing.iterrows()
        },
        "load_seconds": load_seconds,
        "seconds_per_cell": cell_seconds / len(tested),
        "sample_seconds": sum(seconds),
        "extrapolated_seconds": load_seconds + cell_seconds,
        "max_difference": worst,
        "failures": failures,
    }


# -- the figures -------------------------------------------------------------------------------
def run(respondents: int, naive_cells: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        built = build_project(Path(folder), respondents)
        ours = time_surveydesk(built["path"])
        table = ours["table"]
        questionnaire = read_xlsform(built["form"])
        naive = time_naive(table, built["csvs"], questionnaire, naive_cells)
        size = built["path"].stat().st_size
    all_min, all_median = min(ours["all_seconds"]), statistics.median(ours["all_seconds"])
    analysed = table["question"].nunique()
    return {
        "respondents_per_wave": respondents,
        "waves": [label for label, _ in WAVES],
        "respondents_total": respondents * len(WAVES),
        "questions": built["questions"],
        "questions_analysed": analysed,
        "breakdown": f"{BREAKDOWN} ({len(DEPARTMENTS)} groups of uneven size, "
        f"{min(s for *_, s in DEPARTMENTS):.1%} to "
        f"{max(s for *_, s in DEPARTMENTS):.0%})",
        "cells": len(table),
        "tested_cells": naive["tested_cells"],
        "setup": {
            "generate_csv_seconds": built["generate_seconds"],
            "import_seconds": built["import_seconds"],
            "project_file_megabytes": round(size / 1024**2, 1),
        },
        "surveydesk": {
            "all_tables_seconds_min": round(all_min, 3),
            "all_tables_seconds_median": round(all_median, 3),
            "all_tables_seconds_runs": [round(s, 3) for s in ours["all_seconds"]],
            "all_tables_target_seconds": ALL_TABLES_TARGET,
            "all_tables_met": all_median < ALL_TABLES_TARGET,
            "all_tables_measures": "tables_for_project(project, TableOptions(breakdowns="
            f"('{BREAKDOWN}',))) on a freshly opened project: "
            "reading the questionnaire and both waves' answers "
            "from the column cache included",
            "project_open_seconds_median": round(statistics.median(ours["open_seconds"]), 3),
            "load_waves_seconds": round(ours["load_waves_seconds"], 3),
            "compute_tables_on_loaded_waves_seconds_min": round(
                min(ours["compute_all_loaded_seconds"]), 3
            ),
            "one_question": ONE_QUESTION,
            "one_question_with_loading_seconds_min": round(
                min(ours["one_with_loading_seconds"]), 4
            ),
            "one_question_with_loading_seconds_median": round(
                statistics.median(ours["one_with_loading_seconds"]), 4
            ),
            "one_question_loaded_seconds_min": round(min(ours["one_loaded_seconds"]), 4),
            "one_question_loaded_seconds_median": round(
                statistics.median(ours["one_loaded_seconds"]), 4
            ),
            "one_question_target_seconds": ONE_QUESTION_TARGET,
            "one_question_with_loading_met": statistics.median(ours["one_with_loading_seconds"])
            < ONE_QUESTION_TARGET,
            "one_question_loaded_met": statistics.median(ours["one_loaded_seconds"])
            < ONE_QUESTION_TARGET,
        },
        "naive": {
            "method": "one DataFrame of both waves' CSVs; per tested cell frame.loc[boolean "
            "mask, question] for the cell, the previous wave's cell and the rest of "
            "the wave, then statsmodels proportions_ztest / ttest_ind(usevar="
            "'unequal')",
            "sampled_cells": naive["sampled_cells"],
            "sample_seconds": round(naive["sample_seconds"], 2),
            "load_seconds": round(naive["load_seconds"], 3),
            "seconds_per_cell": round(naive["seconds_per_cell"], 5),
            "extrapolated_total_seconds": round(naive["extrapolated_seconds"], 1),
            "extrapolated": f"load + sum over {len(naive['strata'])} strata of stratum cells "
            "x its mean seconds per sampled cell; "
            f"{naive['sampled_cells']} of {naive['tested_cells']} tested cells "
            "sampled (random, seed 2024, in proportion, at least 5 a stratum)",
            "strata": naive["strata"],
        },
        "speedup": round(naive["extrapolated_seconds"] / all_median, 1),
        "speedup_target": SPEEDUP_TARGET,
        "speedup_met": naive["extrapolated_seconds"] / all_median >= SPEEDUP_TARGET,
        "max_difference_naive_vs_surveydesk": {
            k: float(v) for k, v in naive["max_difference"].items()
        },
        "tolerance": {"value": VALUE_TOLERANCE, "p_value": P_TOLERANCE},
        "cells_outside_tolerance": len(naive["failures"]),
        "examples_outside_tolerance": naive["failures"][:10],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--respondents", type=int, default=100_000, help="respondents per wave (default 100,000)"
    )
    parser.add_argument(
        "--naive-cells",
        type=int,
        default=500,
        help="tested cells timed the naive way (default 500)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "analysis_results.json")
    args = parser.parse_args(argv)
    figures = run(args.respondents, args.naive_cells)
    figures["machine"] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
    }
    figures["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    text = json.dumps(figures, indent=2, ensure_ascii=False, default=str) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
