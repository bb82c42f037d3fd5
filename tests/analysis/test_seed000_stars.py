"""The stars of seed 000 (Gladsaxe 2022 vs 2019) rebuilt as data and tested end to end.

``seed000_comparisons.csv`` holds 41 comparisons from the report for which both bases and
both percentages are printed, with the report's star (significant at 95 %) and the line in
the seed where each is found. Counts are rebuilt as round(percentage x base). The report
does not name its test; the pooled two-proportion z-test without continuity correction
reproduces every star, including the borderline ones (82 % of 33 vs 62 % of 55: p = 0.049,
starred; a continuity-corrected chi-square or Fisher's exact test would not star it).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveydesk.analysis.data import WaveAnswers
from surveydesk.analysis.tables import TableOptions, compute_tables
from surveydesk.core.questionnaire import (
    Choice,
    ChoiceList,
    Language,
    Question,
    Questionnaire,
    QuestionType,
)

ROWS = list(csv.DictReader((Path(__file__).parent / "seed000_comparisons.csv").open(
    encoding="utf-8")))
YES_NO = ChoiceList("yn", (Choice("yes"), Choice("no")))
FORM = Questionnaire("seed", "Seed 000", "1", "da", (Language("da", "Dansk"),),
                     (Question("q", QuestionType.SELECT_ONE, choice_list=YES_NO),))


def _wave(label: str, percent: float, n: int) -> WaveAnswers:
    yes = round(percent / 100 * n)
    answers = pd.DataFrame({"q": pd.Categorical(["yes"] * yes + ["no"] * (n - yes),
                                                categories=["yes", "no"])})
    interviews = pd.DataFrame({"mode": ["web"] * n, "status": ["complete"] * n})
    return WaveAnswers(label, answers, interviews, np.ones(n))


def test_there_are_at_least_ten_comparisons_with_both_kinds_of_outcome():
    assert len(ROWS) >= 10
    assert {row["starred"] for row in ROWS} == {"0", "1"}


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_our_star_matches_the_report(row):
    waves = [_wave("2019", float(row["pct_2019"]), int(row["n_2019"])),
             _wave("2022", float(row["pct_2022"]), int(row["n_2022"]))]
    table = compute_tables(waves, FORM, TableOptions())
    cell = table[(table.statistic == "share:yes") & (table.wave == "2022")].iloc[0]
    significant = bool(cell.significant) if not pd.isna(cell.significant) else False
    assert significant == (row["starred"] == "1"), (
        f"{row['description']} (seed line {row['line']}): p = {cell.p_value:.4f}")
    assert cell.p_value == pytest.approx(float(row["p_value_pooled_z"]), abs=1e-4)
