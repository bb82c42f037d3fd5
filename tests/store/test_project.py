"""The project file: SQLite settings, migrations, recognition, versions, waves, audit, cache."""

from __future__ import annotations

import sqlite3

import pytest

from surveydesk.core.answers import answers_hash
from surveydesk.core.errors import ProjectFileError, UsageError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.store import migrations
from surveydesk.store.database import APPLICATION_ID
from surveydesk.store.project import NewInterview, Project


def _interview(uuid: str, answers: dict[str, str], respondent: str | None = None,
               status: str = "complete") -> NewInterview:
    return NewInterview(uuid=uuid, mode="in_person", status=status, answers=answers,
                        content_hash=answers_hash(answers, status), respondent_id=respondent)


def test_a_new_project_uses_wal_full_sync_foreign_keys_and_the_latest_schema(small_project):
    db = small_project.db
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA synchronous") == 2  # FULL
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.scalar("PRAGMA application_id") == APPLICATION_ID
    assert migrations.schema_version(db) == migrations.LATEST


def test_reopening_keeps_the_questionnaire(small_project):
    path = small_project.path
    small_project.close()
    with Project.open(path) as project:
        assert project.questionnaire.form_id == "small"
        assert project.questionnaire.question("age").label("en") == "Age"


def test_create_refuses_to_overwrite_an_existing_file(tmp_path, form_path):
    target = tmp_path / "exists.sdproj"
    target.write_text("keep me")
    with pytest.raises(ProjectFileError, match="already exists"):
        Project.create(target, form_path.read_bytes(), read_xlsform(form_path))
    assert target.read_text() == "keep me"


def test_open_rejects_missing_other_sqlite_and_non_sqlite_files(tmp_path):
    with pytest.raises(ProjectFileError, match="no such project file"):
        Project.open(tmp_path / "missing.sdproj")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    before = other.read_bytes()
    with pytest.raises(ProjectFileError, match="not a SurveyDesk project"):
        Project.open(other)
    assert other.read_bytes() == before
    junk = tmp_path / "junk.sdproj"
    junk.write_bytes(b"hello, this is no database" * 100)
    with pytest.raises(ProjectFileError, match="not a SurveyDesk project"):
        Project.open(junk)


def test_a_file_from_a_newer_surveydesk_is_refused_unchanged(small_project):
    path = small_project.path
    small_project.db.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    small_project.close()
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match="newer SurveyDesk"):
        Project.open(path)
    assert path.read_bytes() == before


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.sdproj"
    from surveydesk.store.database import Database

    db = Database.connect(path, create=True)
    db.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", (migrations.MIGRATIONS[0],
                                                   "CREATE TABLE broken (;"))
    monkeypatch.setattr(migrations, "LATEST", 2)
    db = Database.connect(path, create=False)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(db)
    assert migrations.schema_version(db) == 0
    assert db.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'wave'") == 0
    db.close()


def test_form_versions_are_kept_and_a_foreign_form_is_refused(small_project, make_form):
    first = small_project.current_form_version()
    survey = [{"type": "integer", "name": "age", "label::Dansk (da)": "Alder"}]
    settings = {"form_title": "Lille test", "form_id": "small", "version": "2",
                "default_language": "da"}
    v2 = make_form(survey=survey, choices=None, settings=settings)
    added = small_project.add_form_version(v2.read_bytes(), read_xlsform(v2))
    assert added.version == "2"
    assert small_project.add_form_version(v2.read_bytes(), read_xlsform(v2)) is None
    assert "satisfied" in small_project.questionnaire_for(first.id)
    assert "satisfied" not in small_project.questionnaire
    other = make_form(survey=survey, choices=None, settings={**settings, "form_id": "other"})
    with pytest.raises(UsageError, match="form_id"):
        small_project.add_form_version(other.read_bytes(), read_xlsform(other))
    same_version = make_form(survey=survey + [{"type": "text", "name": "x"}], choices=None,
                             settings=settings)
    with pytest.raises(UsageError, match="version '2'"):
        small_project.add_form_version(same_version.read_bytes(), read_xlsform(same_version))


def test_waves_are_ordered_by_creation_and_labels_are_checked(small_project):
    small_project.ensure_wave("2019")
    small_project.ensure_wave("2022")
    small_project.ensure_wave("2019")
    assert [(w.label, w.position) for w in small_project.waves()] == [("2019", 1), ("2022", 2)]
    with pytest.raises(UsageError):
        small_project.ensure_wave("  ")
    with pytest.raises(UsageError, match="control characters"):
        small_project.ensure_wave("2024\n\x1b[31m")
    with pytest.raises(UsageError, match="waves: 2019, 2022"):
        small_project.wave("2030")


def test_the_audit_log_is_append_only(small_project):
    db = small_project.db
    with db.transaction():
        db.execute("INSERT INTO audit_log (at, who, interview_uuid, question, old_value, "
                   "new_value, reason) "
                   "VALUES ('2024-01-01', 'AB', 'u1', 'age', '30', '31', 'typo')")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_log SET new_value = '99'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit_log")


def test_a_failed_write_rolls_back_everything(small_project):
    good = _interview("u1", {"age": "30"}, "r1")
    duplicate = _interview("u1", {"age": "31"}, "r2")
    with pytest.raises(sqlite3.IntegrityError):
        small_project.add_interviews("2024", [good, duplicate])
    assert small_project.waves() == []
    assert small_project.db.scalar("SELECT COUNT(*) FROM interview") == 0


def test_overview_counts_by_mode_and_status(small_project):
    small_project.add_interviews("2024", [
        _interview("u1", {"age": "30"}),
        _interview("u2", {"age": "31"}, status="partial"),
    ])
    overview = small_project.overview()
    (summary,) = overview.waves
    assert summary.total == 2
    assert summary.by_mode == {"web": 0, "in_person": 2, "phone": 0}
    assert summary.by_status == {"complete": 1, "partial": 1, "aborted": 0}


def test_column_cache_is_rebuilt_after_a_write(small_project):
    small_project.add_interviews("2024", [_interview("u1", {"age": "30", "satisfied": "5"})])
    first = small_project.wave_data("2024").answers
    assert list(first["age"]) == [30.0]
    generation = small_project.db.scalar("SELECT generation FROM wave")
    assert small_project.db.scalar(
        "SELECT COUNT(*) FROM column_cache WHERE generation = ?", (generation,)) > 0
    small_project.add_interviews("2024", [_interview("u2", {"age": "40", "satisfied": "dk"})])
    second = small_project.wave_data("2024").answers
    assert list(second["age"]) == [30.0, 40.0]
    assert list(second["satisfied"]) == ["5", "dk"]
    assert list(second["satisfied"].cat.categories) == ["5", "dk"]  # choice-list order


def test_wave_data_of_the_demo_has_every_question_as_a_column(demo_project_file):
    with Project.open(demo_project_file) as project:
        data = project.wave_data("2022")
        names = [q.name for q in project.questionnaire.answer_questions]
    assert list(data.answers.columns) == names
    assert len(data.answers) == len(data.interviews) == 682
    assert data.answers["age"].dtype == "float64"
    assert data.answers["department"].dtype == "category"


def test_changing_an_answer_writes_the_audit_log_and_updates_hash_and_columns(small_project):
    small_project.add_interviews("2024", [_interview("u1", {"age": "30", "satisfied": "5"})])
    assert list(small_project.wave_data("2024").answers["age"]) == [30.0]
    change = small_project.change_answer("u1", "age", "31", who="AB", reason="typo",
                                         now="2024-09-12T10:00:00+00:00")
    assert (change.old_value, change.new_value) == ("30", "31")
    assert small_project.answers("u1") == {"age": "31", "satisfied": "5"}
    assert small_project.change_answer("u1", "age", "31", who="AB", reason="again") is None
    small_project.change_answer("u1", "satisfied", None, who="CD", reason="refused")
    log = small_project.audit_log("u1")
    assert [(c.who, c.question, c.old_value, c.new_value) for c in log] == [
        ("AB", "age", "30", "31"), ("CD", "satisfied", "5", None)]
    assert small_project.db.scalar("SELECT content_hash FROM interview") == answers_hash(
        {"age": "31"}, "complete")
    assert list(small_project.wave_data("2024").answers["age"]) == [31.0]


def test_changing_an_answer_of_an_unknown_interview_or_without_a_name_is_refused(
        small_project):
    small_project.add_interviews("2024", [_interview("u1", {"age": "30"})])
    with pytest.raises(UsageError, match="No interview"):
        small_project.change_answer("nope", "age", "1", who="AB", reason="")
    with pytest.raises(UsageError, match="who"):
        small_project.change_answer("u1", "age", "1", who=" ", reason="")
    assert small_project.audit_log() == []


def test_a_project_locked_by_another_writer_gives_a_clear_error(small_project, monkeypatch):
    from surveydesk.store import database

    other = sqlite3.connect(small_project.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    small_project.db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(ProjectFileError, match="another program"):
            small_project.ensure_wave("2024")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert small_project.waves() == []


def test_a_read_only_project_gives_a_clear_error(tmp_path, form_path):
    path = tmp_path / "ro.sdproj"
    Project.create(path, form_path.read_bytes(), read_xlsform(form_path)).close()
    uri = f"{path.resolve().as_uri()}?mode=ro"
    from surveydesk.store.database import Database

    connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    project = Project(Database(connection, path))
    with pytest.raises(ProjectFileError, match="read-only"):
        project.ensure_wave("2024")
    project.close()
