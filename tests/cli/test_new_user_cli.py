"""What a new user meets first on the command line: clear one-line answers, no noise."""

from __future__ import annotations

from surveydesk.demo import demo_form_path
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
