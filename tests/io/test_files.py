"""The one output-file policy (surveydesk.io.files): refuse what must not be written, write
through a temporary file and rename, never leave half a file or touch an existing one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveydesk.core.errors import Cancelled, UsageError
from surveydesk.io import files
from surveydesk.io.files import OutputRefused, check_output, temporary_name, write_atomically


def _write(text: str):
    return lambda path: path.write_text(text, encoding="utf-8")


def test_a_new_file_is_written_whole_and_no_temporary_file_is_left(tmp_path):
    out = tmp_path / "tables.csv"
    write_atomically(out, _write("a,b\n"), what="table file")
    assert out.read_text(encoding="utf-8") == "a,b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["tables.csv"]


def test_an_existing_file_is_refused_unless_replacing_is_asked_for(tmp_path):
    out = tmp_path / "report.xlsx"
    out.write_text("yesterday", encoding="utf-8")
    with pytest.raises(OutputRefused, match=r"report\.xlsx already exists") as refused:
        write_atomically(out, _write("today"), what="report")
    assert refused.value.reason == files.EXISTS and refused.value.path == out
    assert isinstance(refused.value, UsageError)  # the CLI's exit code 2
    assert out.read_text(encoding="utf-8") == "yesterday"
    write_atomically(out, _write("today"), what="report", replace=True)
    assert out.read_text(encoding="utf-8") == "today"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_a_file_made_while_writing_is_kept(tmp_path):
    out = tmp_path / "data.csv"

    def write(path: Path) -> None:
        out.write_text("someone else's", encoding="utf-8")  # e.g. another export meanwhile
        path.write_text("ours", encoding="utf-8")

    with pytest.raises(OutputRefused, match="already exists"):
        write_atomically(out, write, what="data file")
    assert out.read_text(encoding="utf-8") == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]


@pytest.mark.parametrize("name", ["p.sdproj", "p.sdproj-wal", "p.sdproj-shm"])
def test_the_project_file_and_its_wal_files_are_never_written_over(tmp_path, name):
    project = tmp_path / "p.sdproj"
    project.write_bytes(b"SQLite format 3\0")
    with pytest.raises(OutputRefused, match="is the project file itself") as refused:
        check_output(tmp_path / name, what="data file", replace=True, protect=project)
    assert refused.value.reason == files.PROJECT_FILE
    assert project.read_bytes() == b"SQLite format 3\0"


@pytest.mark.parametrize(("name", "reason", "fragment"), [
    ("", files.NO_NAME, "Give the name of the report"),
    ("sub", files.IS_FOLDER, "is a folder"),
    ("missing/report.xlsx", files.NO_FOLDER, "missing: the folder does not exist"),
    ("report.csv", files.WRONG_SUFFIX, "give a name ending in .xlsx"),
    ("bad\0name.xlsx", files.BAD_NAME, "NUL character"),
])
def test_outputs_that_cannot_be_written_are_refused_with_the_reason(tmp_path, name, reason,
                                                                    fragment):
    (tmp_path / "sub").mkdir()
    out = Path(str(tmp_path / name)) if name else Path("")
    with pytest.raises(OutputRefused) as refused:
        write_atomically(out, _write("x"), what="report", suffixes=".xlsx")
    assert refused.value.reason == reason
    assert fragment in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]


def test_the_suffix_check_ignores_case_and_names_every_allowed_ending(tmp_path):
    assert check_output(tmp_path / "DATA.CSV", suffixes=(".csv", ".txt")) == tmp_path / "DATA.CSV"
    with pytest.raises(OutputRefused, match=r"written as \.csv or \.txt; give a name ending in "
                                            r"\.csv") as refused:
        check_output(tmp_path / "data.xlsx", what="data file", suffixes=(".csv", ".txt"))
    assert refused.value.suffixes == (".csv", ".txt")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="file permissions are not enforced for this user (root)")
def test_a_read_only_folder_is_refused_before_any_work(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputRefused, match="you may not write in this folder") as refused:
            check_output(folder / "data.csv")
        assert refused.value.reason == files.READ_ONLY and refused.value.path == folder
    finally:
        folder.chmod(0o700)


def test_a_failing_or_cancelled_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    out = tmp_path / "laptop.sddevice"
    out.write_bytes(b"yesterday's device file")

    def full_disk(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    def cancelled(path: Path) -> None:
        path.write_bytes(b"half")
        raise Cancelled("The export was cancelled.")

    with pytest.raises(OutputRefused, match=r"cannot be written \(No space left on device\)"
                       ) as refused:
        write_atomically(out, full_disk, what="device file", replace=True)
    assert refused.value.reason == files.UNWRITABLE
    assert refused.value.detail == "No space left on device"
    with pytest.raises(Cancelled):
        write_atomically(out, cancelled, what="device file", replace=True)
    assert out.read_bytes() == b"yesterday's device file"
    assert [p.name for p in tmp_path.iterdir()] == ["laptop.sddevice"]


def test_the_temporary_file_is_hidden_and_named_for_what_it_becomes():
    name = temporary_name(Path("x/Rapport 2024.xlsx"), "device file")
    assert name.startswith(".device-file-") and name.endswith(".xlsx.tmp")
    assert temporary_name(Path("a.csv")) != temporary_name(Path("a.csv"))  # unique


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=0, max_size=300))
def test_any_name_is_written_or_refused_clearly_and_leaves_no_trace(tmp_path, name):
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():  # hypothesis reuses the folder between examples
        old.unlink() if old.is_file() else None
    name = name.lstrip("/")  # stay in the folder: an absolute name would leave it
    out = folder / name if name else Path(name)
    try:
        write_atomically(out, _write("æøå"), what="data file")
    except OutputRefused as refused:
        assert str(refused)  # a message to show, never a traceback
        assert not any(p.name.endswith(".tmp") for p in folder.iterdir())
        return
    assert out.read_text(encoding="utf-8") == "æøå"
    assert not any(p.name.endswith(".tmp") for p in folder.iterdir())
