"""A wave's answers as columns, for analysis speed.

Answers are stored as one JSON object per interview: right for entry, audit and merge,
slow for reading 100,000 respondents x 60 questions. So each wave keeps a column cache in
the project file: per question one packed array (float64 for numbers, int32 category codes
plus the category list for everything else), tagged with the wave's ``generation``. Every
write to a wave bumps its generation, so a stale cache is never read; the next read rebuilds
it from the interviews' answers in one pass and stores it again. Storing is a convenience:
on a read-only file, or while another program holds the write lock, the rebuilt columns are
returned without being stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from surveydesk.core.errors import ProjectFileError
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
    space-separated choice names), missing as NaN. An integer/decimal question whose stored
    answers are not all numbers (text stored under an older questionnaire version where the
    question had another type) is a ``category`` column too, so no answer silently becomes
    NaN; check the dtype before computing with it.
    """

    interviews: pd.DataFrame
    answers: pd.DataFrame


def _numeric(questionnaire: Questionnaire, name: str) -> bool:
    return name in questionnaire and questionnaire.question(name).type.is_numeric


def wave_data(db: Database, wave, questionnaire: Questionnaire,
              details: bool = True) -> WaveData:
    """A wave's answers from the column cache (rebuilt first if stale).

    ``interviews`` always has the interview id as index and ``mode`` and ``status``, read
    from the cache too; with ``details`` it has every column of :data:`INTERVIEW_COLUMNS`,
    read from the interview rows (which costs about as much as the answers themselves).
    """
    generation = db.scalar("SELECT generation FROM wave WHERE id = ?", (wave.id,))
    cached = db.rows(
        "SELECT question, kind, categories, data FROM column_cache "
        "WHERE wave_id = ? AND generation = ?", (wave.id, generation),
    )
    expected = [q.name for q in questionnaire.answer_questions]
    if not cached or not {*expected, *_META} <= {row[0] for row in cached}:
        cached = _rebuild(db, wave.id, generation, questionnaire)
    data = {}
    for question, kind, categories, blob in cached:
        if kind == "number":
            data[question] = np.frombuffer(blob, dtype="<f8")
        elif kind == "id":
            data[question] = np.frombuffer(blob, dtype="<i8")
        else:
            codes = np.frombuffer(blob, dtype="<i4")
            data[question] = pd.Categorical.from_codes(codes, json.loads(categories))
    index = pd.Index(data.pop(_ID), name="id")
    meta = {name.removeprefix("@"): data.pop(name) for name in _META if name != _ID}
    if details:
        interviews = pd.DataFrame(
            db.rows(f"SELECT {', '.join(INTERVIEW_COLUMNS)} FROM interview WHERE wave_id = ? "
                    "AND deleted_at IS NULL ORDER BY id", (wave.id,)),
            columns=list(INTERVIEW_COLUMNS)).set_index("id")
    else:
        interviews = pd.DataFrame(meta, index=index)
    order = expected + sorted(set(data) - set(expected))
    answers = pd.DataFrame({name: data[name] for name in order}, index=index)
    return WaveData(interviews, answers)


_ID = "@id"
# Cache entries that are not questions ('@' cannot start a question name): the interview
# ids, modes and statuses, so an analysis never has to read the interview rows.
_META = (_ID, "@mode", "@status")


def _rebuild(db: Database, wave_id: int, generation: int,
             questionnaire: Questionnaire) -> list[tuple]:
    rows = db.rows("SELECT id, mode, status, answers FROM interview WHERE wave_id = ? "
                   "AND deleted_at IS NULL ORDER BY id", (wave_id,))
    ids = np.array([row[0] for row in rows], dtype="<i8")
    records = pd.DataFrame.from_records([json.loads(row[3]) for row in rows]) if rows else (
        pd.DataFrame())
    names = [q.name for q in questionnaire.answer_questions]
    names += sorted(set(records.columns) - set(names))
    entries = [(_ID, "id", None, ids.tobytes())]
    for position, name in ((1, "@mode"), (2, "@status")):
        found, uniques = pd.factorize(pd.Series([row[position] for row in rows], dtype=object))
        entries.append((name, "category", json.dumps(list(uniques)),
                        found.astype("<i4").tobytes()))
    for name in names:
        raw = records[name] if name in records.columns else None
        numbers = _numbers(raw, len(ids)) if _numeric(questionnaire, name) else None
        if numbers is not None:
            entries.append((name, "number", None, numbers.tobytes()))
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
    try:
        with db.transaction():
            db.execute("DELETE FROM column_cache WHERE wave_id = ?", (wave_id,))
            db.executemany(
                "INSERT INTO column_cache (wave_id, question, generation, kind, categories, "
                "data) VALUES (?, ?, ?, ?, ?, ?)",
                [(wave_id, name, generation, kind, cats, blob)
                 for name, kind, cats, blob in entries],
            )
    except ProjectFileError:
        pass  # read-only or locked: a read must still succeed; the next read rebuilds again
    return entries


def _numbers(raw: pd.Series | None, length: int) -> np.ndarray | None:
    """The answers as float64, or ``None`` if some stored answer is not a number."""
    if raw is None:
        return np.full(length, np.nan, dtype="<f8")
    numbers = pd.to_numeric(raw, errors="coerce")
    if bool((numbers.isna() & raw.notna()).any()):
        return None
    return numbers.to_numpy(dtype="<f8", na_value=np.nan)


def _ordered_categories(questionnaire: Questionnaire, name: str, found: list[str]) -> list[str]:
    """Choice-list order for select_one values, so tables list choices as the form does."""
    if name in questionnaire:
        question = questionnaire.question(name)
        if question.type is QuestionType.SELECT_ONE and question.choice_list is not None:
            order = {n: i for i, n in enumerate(question.choice_list.names)}
            return sorted(found, key=lambda v: (order.get(v, len(order)), v))
    return sorted(found)
