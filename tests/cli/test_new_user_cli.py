"""What a new user meets first on the command line: clear one-line answers, no noise."""

from __future__ import annotations

import pytest

from surveydesk.io.demo import demo_form_path
from tests.cli.test_cli import assert_user_error, cli


def test_importing_a_multi_wave_export_into_another_wave_is_one_line(tmp_path):
    demo, project = tmp_path / "demo.sdproj", tmp_path / "my.sdproj"
    assert cli("demo", demo).returncode == 0
    assert cli("export", demo, "--format", "sav", "--lang", "en", "-o",
               tmp_path / "demo.sav").returncode == 0
    assert cli("init", project, "--form", demo_form_path("citizen_service")).returncode == 0
    before = project.read_bytes()
    result = cli("import", project, tmp_path / "demo.sav", "--wave", "2025")
    assert_user_error(result, "error: demo.sav holds waves 2019 (", ") and 2022 (",
                      " rows), not 2025: import each wave with its own --wave",
                      "or remove the wave column. Nothing was imported.")
    assert len(result.stderr.strip().splitlines()) == 1
    assert project.read_bytes() == before


def test_form_demo_writes_the_bundled_questionnaire_for_init(tmp_path):
    form = tmp_path / "my form æøå.xlsx"
    result = cli("form", "demo", "jobcentre", "-o", form)
    assert result.returncode == 0, result.stderr
    assert form.read_bytes() == demo_form_path("jobcentre").read_bytes()
    assert f"surveydesk-cli init PROJECT --form {form}" in result.stdout
    result = cli("init", tmp_path / "job.sdproj", "--form", form)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("args", "fragment"), [
    (["form", "demo", "citizen_service", "-o", "{tmp}/exists.xlsx"], "already exists"),
    (["form", "demo", "citizen_service", "-o", "{tmp}/form.csv"], "ending in .xlsx"),
    (["form", "demo", "citizen_service", "-o", "{tmp}/nodir/form.xlsx"], "does not exist"),
    (["form", "demo", "nosuch", "-o", "{tmp}/form.xlsx"], "invalid choice: 'nosuch'"),
])
def test_form_demo_refuses_without_writing(tmp_path, args, fragment):
    (tmp_path / "exists.xlsx").write_bytes(b"keep me")
    before = sorted(tmp_path.rglob("*"))
    assert_user_error(cli(*[a.format(tmp=tmp_path) for a in args]), fragment)
    assert sorted(tmp_path.rglob("*")) == before
    assert (tmp_path / "exists.xlsx").read_bytes() == b"keep me"


def test_an_explicit_mode_that_no_row_uses_is_warned_about(tmp_path):
    project = tmp_path / "p.sdproj"
    assert cli("init", project, "--form", demo_form_path("citizen_service")).returncode == 0
    own = tmp_path / "own.csv"
    own.write_text("respondent_id,mode,age\nr1,web,30\nr2,web,31\n", encoding="utf-8")
    result = cli("import", project, own, "--wave", "2024", "--mode", "phone")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("warning: --mode phone was not used: every row of own.csv has "
                             "its own mode value.\n")
    some = tmp_path / "some.csv"
    some.write_text("respondent_id,mode,age\ns1,,30\ns2,web,31\ns3,,32\n", encoding="utf-8")
    result = cli("import", project, some, "--wave", "2024", "--mode", "phone")
    assert result.returncode == 0 and result.stderr == ""
    assert ("  --mode phone was used for 2 of 3 rows (the others have their own mode value)."
            in result.stdout)
    plain = tmp_path / "plain.csv"
    plain.write_text("respondent_id,mode,age\np1,web,30\n", encoding="utf-8")
    result = cli("import", project, plain, "--wave", "2024")  # no --mode: nothing to say
    assert result.returncode == 0 and result.stderr == ""
    assert "--mode" not in result.stdout
    line = next(li for li in cli("info", project).stdout.splitlines()
                if li.strip().startswith("2024"))
    assert line.split()[:5] == ["2024", "6", "4", "0", "2"]


@pytest.mark.parametrize(("name", "message"), [
    ("2022.csv", "error: 2022.csv looks like a data file, not a SurveyDesk project; to load "
                 "it: surveydesk-cli import PROJECT 2022.csv --wave LABEL\n"),
    ("svar 2024.sav", 'error: svar 2024.sav looks like a data file, not a SurveyDesk project; '
                      'to load it: surveydesk-cli import PROJECT "svar 2024.sav" --wave '
                      'LABEL\n'),
    ("form.xlsx", "error: form.xlsx looks like a data file, not a SurveyDesk project; to "
                  "load it: surveydesk-cli import PROJECT form.xlsx --wave LABEL; if it is a "
                  "questionnaire: surveydesk-cli init PROJECT --form form.xlsx\n"),
    ("laptop3.sddevice", "error: laptop3.sddevice looks like a device file, not a SurveyDesk "
                         "project; to merge it into the master: surveydesk-cli merge MASTER "
                         "laptop3.sddevice\n"),
])
def test_a_data_file_given_as_a_project_is_named_for_what_it_is(tmp_path, name, message):
    path = tmp_path / name
    path.write_bytes(b"respondent_id,age\nr1,30\n")
    result = cli("info", name, cwd=tmp_path)
    assert_user_error(result)
    assert result.stderr == message
    assert path.read_bytes() == b"respondent_id,age\nr1,30\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_project_file_with_a_data_suffix_still_opens(tmp_path):
    project = tmp_path / "odd.csv"
    assert cli("demo", tmp_path / "demo.sdproj").returncode == 0
    project.write_bytes((tmp_path / "demo.sdproj").read_bytes())
    result = cli("info", project)
    assert result.returncode == 0, result.stderr
    assert "2019" in result.stdout
