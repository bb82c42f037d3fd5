"""A damaged project file, or a path that is no project file, gives an actionable error."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from surveydesk.core.answers import answers_hash
from surveydesk.core.errors import ProjectFileError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.store.database import STORAGE_ERRORS, explain_storage_error
from surveydesk.store.project import NewInterview, Project

_MARKER = b"interview-row-"
_TABLE_LEAF = 0x0D  # SQLite b-tree page type of a table leaf page


def _interview(number: int) -> NewInterview:
    answers = {"age": str(20 + number % 60), "satisfied": "4", "comment": "ok " * 10}
    return NewInterview(uuid=f"{_MARKER.decode()}{number:05d}", mode="web", status="complete",
                        answers=answers, content_hash=answers_hash(answers, "complete"))


def _damage_an_interview_page(path) -> None:
    """Overwrite, with zeros, one table leaf page in the middle of the interview rows."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    leaves = [n for n in range(1, len(data) // page_size)
              if data[n * page_size] == _TABLE_LEAF
              and _MARKER in data[n * page_size:(n + 1) * page_size]]
    assert len(leaves) > 10, "expected the interviews to fill many pages"
    victim = leaves[len(leaves) // 2]
    data[victim * page_size:(victim + 1) * page_size] = bytes(page_size)
    path.write_bytes(data)


@pytest.fixture
def damaged_project_file(tmp_path, form_path):
    path = tmp_path / "good.sdproj"
    with Project.create(path, form_path.read_bytes(), read_xlsform(form_path)) as project:
        project.add_interviews("2024", [_interview(n) for n in range(2000)])
    damaged = tmp_path / "damaged.sdproj"
    shutil.copyfile(path, damaged)  # closing checkpointed the WAL: the file is complete
    _damage_an_interview_page(damaged)
    assert _integrity_check(damaged) != "ok"
    return damaged


def _integrity_check(path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:  # a damaged page can stop the check itself
        return str(error)
    finally:
        connection.close()


def test_reading_a_damaged_project_says_so_and_to_restore_a_backup(damaged_project_file):
    with Project.open(damaged_project_file) as project:
        with pytest.raises(ProjectFileError, match="damaged; restore it from a backup"):
            project.overview()
        with pytest.raises(ProjectFileError, match="damaged; restore it from a backup"):
            project.wave_data("2024")


def test_storage_errors_met_outside_the_store_are_explained(damaged_project_file):
    connection = sqlite3.connect(damaged_project_file)
    try:
        with pytest.raises(STORAGE_ERRORS) as caught:
            connection.execute("SELECT answers FROM interview").fetchall()
    finally:
        connection.close()
    explained = explain_storage_error(damaged_project_file, caught.value)
    assert isinstance(explained, ProjectFileError)
    assert str(explained).startswith(f"{damaged_project_file}: the project file is damaged")
    other = explain_storage_error(damaged_project_file,
                                  sqlite3.OperationalError("no such table: wave"))
    assert str(other) == (f"{damaged_project_file}: the project file could not be read or "
                          "written (no such table: wave).")


def test_a_folder_given_as_the_project_is_named_a_folder(tmp_path):
    with pytest.raises(ProjectFileError, match="is a folder, not a project file"):
        Project.open(tmp_path)


def test_creating_a_project_onto_a_folder_is_refused_as_a_folder(tmp_path, form_path):
    folder = tmp_path / "projects"
    folder.mkdir()
    with pytest.raises(ProjectFileError, match="is a folder"):
        Project.create(folder, form_path.read_bytes(), read_xlsform(form_path))
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_an_empty_file_is_named_empty_and_left_untouched(tmp_path):
    empty = tmp_path / "empty.sdproj"
    empty.touch()
    with pytest.raises(ProjectFileError, match="is empty, not a SurveyDesk project file"):
        Project.open(empty)
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sdproj"]
