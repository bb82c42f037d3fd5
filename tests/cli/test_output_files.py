"""Every command that writes a file follows the one output-file policy: an existing file is
refused (exit 2, the file and the project unchanged) unless --force replaces it."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from tests.cli.in_process import assert_user_error, run

# Each command that takes -o, with the name of its output.
WRITERS = [
    (["export", "{project}", "--format", "csv", "--no-audit"], "data.csv"),
    (["export", "{project}", "--format", "sav", "--no-audit"], "data.sav"),
    (["tables", "{project}", "--format", "csv"], "tables.csv"),
    (["report", "{project}", "--lang", "en"], "report.xlsx"),
    (["sync", "export", "{project}", "--device-id", "d1", "--interviewer", "AB"],
     "laptop.sddevice"),
    (["form", "demo", "jobcentre"], "form.xlsx"),
]


@pytest.fixture
def project(tmp_path, demo_project_file, monkeypatch):
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path / "config"))
    path = tmp_path / "demo.sdproj"
    shutil.copyfile(demo_project_file, path)
    return path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("command", "name"), WRITERS, ids=[name for _, name in WRITERS])
def test_an_existing_output_is_kept_unless_force_replaces_it(capsys, project, tmp_path,
                                                             command, name):
    out = tmp_path / name
    out.write_bytes(b"an earlier file")
    args = [arg.format(project=project) for arg in command]
    before = _digest(project)
    assert_user_error(run(capsys, *args, "-o", out), f"{out} already exists",
                      "add --force to replace it", "Nothing was written")
    assert out.read_bytes() == b"an earlier file"
    assert _digest(project) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    code, _, err = run(capsys, *args, "-o", out, "--force")
    assert code == 0, err
    assert out.read_bytes() != b"an earlier file" and out.stat().st_size > 100
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_audit_log_beside_an_export_follows_its_data_file(capsys, project, tmp_path):
    # data.csv and data.sav share data_audit.csv: the second export writes it anew.
    for fmt in ("csv", "sav"):
        code, out, err = run(capsys, "export", project, "--format", fmt,
                             "-o", tmp_path / f"data.{fmt}")
        assert code == 0, err
        assert f"{tmp_path / 'data_audit.csv'}" in out
    assert (tmp_path / "data_audit.csv").read_text(encoding="utf-8-sig").startswith("at,")


def test_force_never_writes_over_the_project_file(capsys, project):
    before = _digest(project)
    assert_user_error(run(capsys, "tables", project, "--format", "csv", "-o", project,
                          "--force"), "is the project file itself")
    assert _digest(project) == before
