"""A wave's answers as columns, for analysis speed.

Answers are stored as one JSON object per interview: right for entry, audit and merge,
slow for reading 100,000 respondents x 60 questions. So each wave keeps a column cache in
the project file: per question one packed array (float64 for numbers, int32 category codes
plus the category list for everything else), tagged with the wave's ``generation``. Every
write to a wave bumps its generation, so a stale cache is never read; the next read rebuilds
it from the interviews' answers in one pass and stores it again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from surveydesk.core.questionnaire import Questionnaire, QuestionType
from surveydesk.store.database import Database

INTERVIEW_COLUMNS = ("id", "uuid", "respondent_id", "mode", "status", "interviewer",
                     "device_id", "form_version_id", "started_at", "completed_at")


@dataclass(frozen=True)
class WaveData:
    """One wave as two aligned frames indexed by interview id.

    ``interviews`` holds who/when/how (uuid, respondent_id, mode, status, ...);
    ``answers`` has one column per question: float64 for integer/decimal questions (NaN when
    unanswered), pandas ``category`` of stored text for all others (select_multiple as the
    space-separated choice names), missing as NaN.
    """

    interviews: pd.DataFrame
    answers: pd.DataFrame


def _numeric(questionnaire: Questionnaire, name: str) -> bool:
    return name in questionnaire and questionnaire.question(name).type in (
        QuestionType.INTEGER, QuestionType.DECIMAL)


def wave_data(db: Database, wave, questionnaire: Questionnaire) -> WaveData:
    interviews = pd.DataFrame(
        db.execute(
            f"SELECT {', '.join(INTERVIEW_COLUMNS)} FROM interview WHERE wave_id = ? "
            "ORDER BY id", (wave.id,),
        ).fetchall(),
        columns=list(INTERVIEW_COLUMNS),
    ).set_index("id")
    generation = db.scalar("SELECT generation FROM wave WHERE id = ?", (wave.id,))
    cached = db.execute(
        "SELECT question, kind, categories, data FROM column_cache "
        "WHERE wave_id = ? AND generation = ?", (wave.id, generation),
    ).fetchall()
    expected = [q.name for q in questionnaire.answer_questions]
    if not cached or not set(expected) <= {row[0] for row in cached}:
        cached = _rebuild(db, wave.id, generation, interviews.index.to_numpy(), questionnaire)
    data = {}
    for question, kind, categories, blob in cached:
        if kind == "number":
            data[question] = np.frombuffer(blob, dtype="<f8")
        else:
            codes = np.frombuffer(blob, dtype="<i4")
            data[question] = pd.Categorical.from_codes(codes, json.loads(categories))
    order = expected + sorted(set(data) - set(expected))
    answers = pd.DataFrame({name: data[name] for name in order}, index=interviews.index)
    return WaveData(interviews, answers)


def _rebuild(db: Database, wave_id: int, generation: int, ids: np.ndarray,
             questionnaire: Questionnaire) -> list[tuple]:
    texts = [text for (text,) in db.execute(
        "SELECT answers FROM interview WHERE wave_id = ? ORDER BY id", (wave_id,))]
    records = pd.DataFrame.from_records([json.loads(text) for text in texts]) if texts else (
        pd.DataFrame())
    names = [q.name for q in questionnaire.answer_questions]
    names += sorted(set(records.columns) - set(names))
    entries = []
    for name in names:
        raw = records[name] if name in records.columns else None
        if _numeric(questionnaire, name):
            column = np.full(len(ids), np.nan)
            if raw is not None:
                column = pd.to_numeric(raw, errors="coerce").to_numpy(dtype="<f8")
            entries.append((name, "number", None, column.astype("<f8").tobytes()))
        else:
            codes = np.full(len(ids), -1, dtype="<i4")
            categories: list[str] = []
            if raw is not None:
                found, uniques = pd.factorize(raw, sort=False, use_na_sentinel=True)
                categories = _ordered_categories(questionnaire, name, list(uniques))
                position = {category: i for i, category in enumerate(categories)}
                remap = np.array([position[u] for u in uniques] + [-1], dtype="<i4")
                codes = remap[found].astype("<i4")
            entries.append((name, "category", json.dumps(categories, ensure_ascii=False),
                            codes.tobytes()))
    with db.transaction():
        db.execute("DELETE FROM column_cache WHERE wave_id = ?", (wave_id,))
        db.executemany(
            "INSERT INTO column_cache (wave_id, question, generation, kind, categories, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(wave_id, name, generation, kind, cats, blob) for name, kind, cats, blob in entries],
        )
    return entries


def _ordered_categories(questionnaire: Questionnaire, name: str, found: list[str]) -> list[str]:
    """Choice-list order for select_one values, so tables list choices as the form does."""
    if name in questionnaire:
        question = questionnaire.question(name)
        if question.type is QuestionType.SELECT_ONE and question.choice_list is not None:
            order = {n: i for i, n in enumerate(question.choice_list.names)}
            return sorted(found, key=lambda v: (order.get(v, len(order)), v))
    return sorted(found)
