"""The column cache is a convenience: reads succeed without it and never lose an answer."""

from __future__ import annotations

import sqlite3

import pytest

from surveydesk.core.answers import answers_hash
from surveydesk.core.xlsform import read_xlsform
from surveydesk.store import database
from surveydesk.store.database import Database
from surveydesk.store.project import NewInterview, Project


def _interview(uuid: str, answers: dict[str, str]) -> NewInterview:
    return NewInterview(uuid=uuid, mode="web", status="complete", answers=answers,
                        content_hash=answers_hash(answers, "complete"))


def _fresh_cache_columns(project: Project) -> int:
    return project.db.scalar(
        "SELECT COUNT(*) FROM column_cache c JOIN wave w ON w.id = c.wave_id "
        "WHERE c.generation = w.generation")


@pytest.fixture
def project_with_stale_cache(tmp_path, form_path):
    """A closed project whose wave 2024 has a column cache made stale by a changed answer."""
    path = tmp_path / "stale.sdproj"
    with Project.create(path, form_path.read_bytes(), read_xlsform(form_path)) as project:
        project.add_interviews("2024", [_interview("u1", {"age": "30"}),
                                        _interview("u2", {"age": "41"})])
        assert list(project.wave_data("2024").answers["age"]) == [30.0, 41.0]
        project.change_answer("u1", "age", "31", who="AB", reason="typo")
        assert _fresh_cache_columns(project) == 0
    return path


def test_a_read_only_project_still_reads_its_waves_without_storing_the_cache(
        project_with_stale_cache):
    uri = f"{project_with_stale_cache.resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    project = Project(Database(connection, project_with_stale_cache))
    try:
        data = project.wave_data("2024")
        assert list(data.answers["age"]) == [31.0, 41.0]
        assert _fresh_cache_columns(project) == 0
    finally:
        project.close()


def test_a_project_locked_by_another_writer_still_reads_its_waves(project_with_stale_cache,
                                                                   monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(project_with_stale_cache, isolation_level=None)
    with Project.open(project_with_stale_cache) as project:
        other.execute("BEGIN IMMEDIATE")
        try:
            assert list(project.wave_data("2024").answers["age"]) == [31.0, 41.0]
            assert _fresh_cache_columns(project) == 0
        finally:
            other.execute("ROLLBACK")
            other.close()
        project.wave_data("2024")
        assert _fresh_cache_columns(project) > 0


def test_a_numeric_question_with_stored_text_is_read_as_categories_not_blanks(small_project):
    small_project.add_interviews("2024", [_interview("u1", {"age": "34"}),
                                          _interview("u2", {"age": "ca. 40"}),
                                          _interview("u3", {"comment": "no age"})])
    for _ in range(2):  # rebuilt, then read back from the stored cache
        age = small_project.wave_data("2024").answers["age"]
        assert age.dtype == "category"
        assert age.tolist()[:2] == ["34", "ca. 40"]
        assert age.isna().tolist() == [False, False, True]
    assert small_project.wave_data("2024").answers["hours"].dtype == "float64"
