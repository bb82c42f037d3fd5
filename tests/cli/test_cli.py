"""``surveydesk-cli`` end to end in a subprocess: exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from surveydesk.io.demo import demo_form_path

COMMANDS = [[], ["form"], ["form", "check"], ["form", "update"], ["init"], ["import"],
            ["export"], ["info"], ["demo"]]


def cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "surveydesk.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def assert_user_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_every_command_has_help(command):
    result = cli(*command, "--help")
    assert result.returncode == 0
    assert "usage: surveydesk-cli" in result.stdout


def test_init_import_info_export_end_to_end(tmp_path):
    project = tmp_path / "p.sdproj"
    form = demo_form_path("citizen_service")
    result = cli("init", project, "--form", form)
    assert result.returncode == 0, result.stderr
    data = tmp_path / "web.csv"
    data.write_text("respondent_id;department;sat_latest;age\n"
                    "w1;Borgerservice;Meget tilfreds;34\nw2;teknik_miljoe;dk;61\n",
                    encoding="cp1252")
    result = cli("import", project, data, "--wave", "2024", "--mode", "phone")
    assert result.returncode == 0, result.stderr
    assert "Imported 2 interviews" in result.stdout
    result = cli("info", project)
    assert result.returncode == 0
    line = next(li for li in result.stdout.splitlines() if li.strip().startswith("2024"))
    assert line.split() == ["2024", "2", "0", "0", "2", "2", "0", "0"]
    out = tmp_path / "out.csv"
    result = cli("export", project, "--format", "csv", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "w1" in out.read_text(encoding="utf-8-sig")


def test_form_check_prints_a_summary_and_warnings(make_form):
    result = cli("form", "check", demo_form_path("jobcentre"))
    assert result.returncode == 0
    assert "jobcentre" in result.stdout
    assert result.stderr == ""  # a bundled form has every text in both languages
    survey = [{"type": "integer", "name": "hours", "label::Dansk (da)": "Timer",
               "label::English (en)": "Hours", "hint::Dansk (da)": "Et skøn er fint"}]
    result = cli("form", "check", make_form(survey=survey))
    assert result.returncode == 0
    assert "warning:" in result.stderr and "hint::English (en)" in result.stderr


def test_form_check_of_a_broken_form_names_sheet_row_and_column(make_form):
    form = make_form(survey=[{"type": "select_one nolist", "name": "q"}])
    assert_user_error(cli("form", "check", form), "sheet 'survey'", "row 2", "column 'type'")


def test_form_update_adds_a_version_once(tmp_path, make_form):
    project = tmp_path / "p.sdproj"
    form = make_form()
    assert cli("init", project, "--form", form).returncode == 0
    settings = {"form_title": "Lille test", "form_id": "small", "version": "2",
                "default_language": "da"}
    v2 = make_form(settings=settings)
    result = cli("form", "update", project, "--form", v2)
    assert result.returncode == 0 and "version 2" in result.stdout
    assert "already" in cli("form", "update", project, "--form", v2).stdout


def test_bad_import_exits_2_lists_problems_and_leaves_the_file_unchanged(tmp_path):
    project = tmp_path / "p.sdproj"
    assert cli("init", project, "--form", demo_form_path("citizen_service")).returncode == 0
    before = project.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("respondent_id,sat_latest,age\nb1,11,34\nb2,5,9\n", encoding="utf-8")
    result = cli("import", project, bad, "--wave", "2024")
    assert_user_error(result, "bad.csv", "row 2", "column 'sat_latest'", "row 3",
                      "column 'age'", "nothing was imported")
    assert project.read_bytes() == before


@pytest.mark.parametrize("args,fragment", [
    (["info", "{tmp}/missing.sdproj"], "no such project file"),
    (["info", "{tmp}/junk.sdproj"], "not a SurveyDesk project"),
    (["init", "{tmp}/new.sdproj", "--form", "{tmp}/missing.xlsx"], "does not exist"),
    (["import", "{project}", "{tmp}/missing.csv", "--wave", "1"], "no such file"),
    (["import", "{project}", "{tmp}/junk.sdproj", "--wave", "1"], "cannot be imported"),
    (["import", "{project}", "{tmp}/data.csv", "--wave", ""], "needs a label"),
    (["export", "{project}", "--format", "csv", "--wave", "nope", "-o", "{tmp}/x.csv"],
     "no wave 'nope'"),
    (["demo", "{project}"], "already exists"),
    (["import", "{project}", "{tmp}/data.csv", "--wave", "1", "--mode", "fax"],
     "invalid choice"),
])
def test_user_errors_exit_2_without_traceback(tmp_path, args, fragment):
    project = tmp_path / "p.sdproj"
    assert cli("init", project, "--form", demo_form_path("citizen_service")).returncode == 0
    (tmp_path / "junk.sdproj").write_bytes(b"\x00junk" * 50)
    (tmp_path / "data.csv").write_text("respondent_id,age\nr1,30\n")
    before = project.read_bytes()
    filled = [a.format(tmp=tmp_path, project=project) for a in args]
    assert_user_error(cli(*filled), fragment)
    assert project.read_bytes() == before


def test_demo_writes_a_project_with_two_waves(tmp_path):
    project = tmp_path / "demo.sdproj"
    result = cli("demo", project, "--form", "jobcentre")
    assert result.returncode == 0, result.stderr
    info = cli("info", project).stdout
    assert "2021" in info and "2023" in info


def test_a_damaged_project_file_is_a_user_error_not_a_traceback(tmp_path):
    project = tmp_path / "demo.sdproj"
    assert cli("demo", project).returncode == 0
    data = bytearray(project.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Zero every table page after the schema pages: the interview rows are among them.
    for page in range(4, len(data) // page_size, 3):
        data[page * page_size:(page + 1) * page_size] = bytes(page_size)
    project.write_bytes(bytes(data))
    for command in (["info", project], ["export", project, "--format", "csv", "-o",
                                        tmp_path / "x.csv"]):
        result = cli(*command)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "damaged" in result.stderr or "not a SurveyDesk project" in result.stderr
