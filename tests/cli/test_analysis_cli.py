"""``tables``, ``targets``, ``population`` and ``settings`` end to end in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from surveydesk.analysis.tables import COLUMNS


def cli(*args):
    return subprocess.run([sys.executable, "-m", "surveydesk.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=180)


@pytest.fixture
def project(tmp_path, demo_project_file):
    copy = tmp_path / "demo.sdproj"
    shutil.copy(demo_project_file, copy)
    return copy


def test_tables_csv_has_the_contract_columns_and_previous_wave_tests(project, tmp_path):
    out = tmp_path / "t.csv"
    result = cli("tables", project, "--by", "department", "--format", "csv", "-o", out)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert tuple(frame.columns[: len(COLUMNS)]) == COLUMNS
    top2 = frame[(frame.question == "sat_latest") & (frame.statistic == "top2")
                 & (frame.breakdown == "") & (frame.wave == "2022")].iloc[0]
    assert 0 < float(top2.value) < 1 and top2.p_value != ""
    assert set(frame.low_base) == {"true", "false"}


def test_tables_json_and_xlsx(project, tmp_path):
    assert cli("tables", project, "--question", "sat_latest", "--wave", "2022", "--format",
               "json", "-o", tmp_path / "t.json").returncode == 0
    rows = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert {row["wave"] for row in rows} == {"2022"}
    assert all(row["p_value"] is None or 0 <= row["p_value"] <= 1 for row in rows)
    assert cli("tables", project, "--question", "sat_latest", "--format", "xlsx", "-o",
               tmp_path / "t.xlsx").returncode == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    header = [cell.value for cell in sheet[1]]
    assert tuple(header[: len(COLUMNS)]) == COLUMNS
    assert isinstance(sheet.cell(2, header.index("value") + 1).value, float)


def test_targets_set_list_clear_and_reported_in_tables(project, tmp_path):
    assert cli("targets", "set", project, "satisfaction", "theme_mean", "--at-least",
               "4,0").returncode == 0
    assert cli("targets", "set", project, "sat_latest", "bottom2", "--at-most",
               "6%").returncode == 0
    listed = cli("targets", "list", project).stdout
    assert "satisfaction theme_mean >= 4" in listed and "sat_latest bottom2 <= 6%" in listed
    out = tmp_path / "t.csv"
    assert cli("tables", project, "--question", "satisfaction", "--format", "csv", "-o",
               out).returncode == 0
    frame = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert set(frame.target) == {"4"}
    assert set(frame.target_met) <= {"true", "false"}
    assert "Removed 2 targets" in cli("targets", "clear", project).stdout
    assert "No targets" in cli("targets", "list", project).stdout


def test_population_set_show_and_weighted_tables(project, tmp_path):
    population = tmp_path / "population.csv"
    population.write_text("variable;group;population\nmode;web;8000\nmode;in_person;1000\n"
                          "mode;phone;1000\n", encoding="cp1252")
    assert cli("population", "set", project, population).returncode == 0
    shown = cli("population", "show", project).stdout
    assert "in_person" in shown and "%" in shown
    out = tmp_path / "w.csv"
    result = cli("tables", project, "--by", "mode", "--weighted", "--question", "sat_latest",
                 "--format", "csv", "-o", out)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert set(frame.weighted) == {"true"}


def test_settings_change_the_dont_know_base(project, tmp_path):
    assert cli("settings", "set", project, "dont_know_in_base", "true").returncode == 0
    assert "dont_know_in_base = true" in cli("settings", "list", project).stdout


@pytest.mark.parametrize("args,fragment", [
    (["tables", "{p}", "--by", "nope", "--format", "csv", "-o", "{t}/x.csv"], "no question"),
    (["tables", "{p}", "--by", "age", "--format", "csv", "-o", "{t}/x.csv"], "categorical"),
    (["tables", "{p}", "--question", "nope", "--format", "csv", "-o", "{t}/x.csv"], "nope"),
    (["tables", "{p}", "--wave", "1999", "--format", "csv", "-o", "{t}/x.csv"], "no wave"),
    (["tables", "{p}", "--weighted", "--format", "csv", "-o", "{t}/x.csv"], "population"),
    (["tables", "{p}", "--alpha", "2", "--format", "csv", "-o", "{t}/x.csv"], "between 0"),
    (["tables", "{p}", "--benchmark", "{t}/bad.csv", "--format", "csv", "-o", "{t}/x.csv"],
     "row 2"),
    (["tables", "{p}", "--format", "csv", "-o", "{t}/missing/x.csv"], "does not exist"),
    (["targets", "set", "{p}", "sat_latest", "top3", "--at-least", "5"], "not a statistic"),
    (["targets", "set", "{p}", "sat_latest", "top2", "--at-least", "150%"], "between 0"),
    (["population", "set", "{p}", "{t}/bad.csv"], "column"),
    (["settings", "set", "{p}", "colour", "red"], "Unknown setting"),
])
def test_analysis_user_errors_exit_2_and_change_nothing(project, tmp_path, args, fragment):
    (tmp_path / "bad.csv").write_text("question,statistic,value\nsat_latest,top2,x\n")
    before = project.read_bytes()
    result = cli(*[a.format(p=project, t=tmp_path) for a in args])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr
    assert project.read_bytes() == before


def test_quotas_set_show_clear(project):
    assert cli("quotas", "set", project, "department", "Borgerservice", "200").returncode == 0
    assert cli("quotas", "set", project, "mode", "phone", "80").returncode == 0
    shown = cli("quotas", "show", project, "--wave", "2022").stdout
    line = next(li for li in shown.splitlines() if "borgerservice" in li)
    assert line.split()[-3:-1] == ["of", "200"]
    assert "phone" in shown
    assert "Removed 2 quotas" in cli("quotas", "clear", project).stdout


def test_max_call_attempts_is_a_setting(project):
    assert cli("settings", "set", project, "max_call_attempts", "3").returncode == 0
    assert "max_call_attempts = 3" in cli("settings", "list", project).stdout
    result = cli("settings", "set", project, "max_call_attempts", "zero")
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("args,fragment", [
    (["quotas", "set", "{p}", "age", "3", "4"], "not a select_one"),
    (["quotas", "set", "{p}", "department", "nope", "4"], "not a choice"),
    (["quotas", "set", "{p}", "mode", "fax", "4"], "not a mode"),
    (["quotas", "show", "{p}", "--wave", "1999"], "no wave"),
])
def test_quota_user_errors_exit_2_and_change_nothing(project, args, fragment):
    before = project.read_bytes()
    result = cli(*[a.format(p=project) for a in args])
    assert result.returncode == 2 and fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert project.read_bytes() == before
