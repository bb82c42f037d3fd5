"""``surveydesk-cli report``: writes the workbook in the chosen language, and a clear
``error:`` with exit code 2 (never a traceback) for every bad input."""

from __future__ import annotations

import openpyxl
import pytest

from surveydesk.cli import main
from tests.cli.in_process import assert_user_error, run


@pytest.mark.parametrize(("language", "front", "total"),
                         [("da", "Forside", "I alt"), ("en", "Front page", "Total")])
def test_report_writes_the_workbook_in_the_chosen_language(
        capsys, demo_project_file, tmp_path, language, front, total):
    out = tmp_path / "report.xlsx"
    code, stdout, err = run(capsys, "report", demo_project_file, "--lang", language,
                            "--by", "department", "-o", out)
    assert code == 0, err
    name = {"da": "Dansk", "en": "English"}[language]
    assert f"Wrote report {out} in {name} ({language}): " in stdout
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == front
    assert book.worksheets[3]["B2"].value == total


def test_without_lang_the_report_is_in_the_form_default_language(
        capsys, demo_project_file, tmp_path):
    out = tmp_path / "rapport.xlsx"
    code, stdout, err = run(capsys, "report", demo_project_file, "-o", out)
    assert code == 0, err
    assert f"Wrote report {out} in Dansk (da, the form's default language): " in stdout
    assert openpyxl.load_workbook(out).sheetnames[0] == "Forside"


def test_report_help_shows_the_languages_of_the_glossary(capsys):
    from surveydesk.cli.results import REPORT_LANGUAGES
    from surveydesk.export.glossary import report_languages

    assert report_languages() == REPORT_LANGUAGES
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "--lang {da,en}" in capsys.readouterr().out


def test_english_sheet_names_are_english(capsys, demo_project_file, tmp_path):
    out = tmp_path / "report.xlsx"
    assert run(capsys, "report", demo_project_file, "--lang", "en", "-o", out)[0] == 0
    names = openpyxl.load_workbook(out).sheetnames
    assert "Your satisfaction" in names and "Din tilfredshed" not in names


def test_an_unknown_language_is_refused(capsys, demo_project_file, tmp_path):
    out = tmp_path / "report.xlsx"
    assert_user_error(run(capsys, "report", demo_project_file, "--lang", "de", "-o", out),
                      "da, en", "'de'")
    assert not out.exists()


def test_an_unknown_breakdown_question_is_refused(capsys, demo_project_file, tmp_path):
    out = tmp_path / "report.xlsx"
    assert_user_error(run(capsys, "report", demo_project_file, "--lang", "da", "--by",
                          "nonesuch", "-o", out), "nonesuch")
    assert not out.exists()


def test_the_project_file_is_never_overwritten(capsys, demo_project_file):
    before = demo_project_file.read_bytes()
    assert_user_error(run(capsys, "report", demo_project_file, "--lang", "da", "-o",
                          demo_project_file), "project file itself")
    assert demo_project_file.read_bytes() == before


def test_a_missing_output_folder_is_refused(capsys, demo_project_file, tmp_path):
    assert_user_error(run(capsys, "report", demo_project_file, "--lang", "en", "-o",
                          tmp_path / "missing" / "r.xlsx"), "does not exist")


def test_weighting_without_population_counts_is_refused(capsys, demo_project_file, tmp_path):
    assert_user_error(run(capsys, "report", demo_project_file, "--lang", "en", "--weighted",
                          "-o", tmp_path / "r.xlsx"), "population")


def test_a_missing_project_is_refused(capsys, tmp_path):
    assert_user_error(run(capsys, "report", tmp_path / "nope.sdproj", "--lang", "en", "-o",
                          tmp_path / "r.xlsx"))


def test_labels_missing_in_the_report_language_are_warned_about_and_listed_in_the_workbook(
        capsys, demo_project_file, tmp_path, monkeypatch):
    import surveydesk.analysis.report as report

    seen = {}

    def missing(questionnaire, language, questions=None):
        seen["language"] = language
        return ["question 'sat_latest'", "choice 'dk' of 'sat_latest'"]

    monkeypatch.setattr(report, "missing_labels", missing)
    out = tmp_path / "report.xlsx"
    code, _, err = run(capsys, "report", demo_project_file, "--lang", "en", "-o", out)
    assert code == 0, err
    assert seen["language"] == "en"
    assert "warning: 2 label(s) have no text in 'en' and are shown in 'da'" in err
    assert "choice 'dk' of 'sat_latest'" in err
    front = openpyxl.load_workbook(out)["Front page"]
    texts = [c.value for row in front.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Notes" in texts
    assert any("question 'sat_latest'" in text for text in texts)


def _copy(demo_project_file, tmp_path):
    from surveydesk.store.snapshot import backup_project

    path = tmp_path / "copy.sdproj"
    backup_project(demo_project_file, path)
    return path


def test_a_benchmark_file_adds_the_benchmark_column(capsys, demo_project_file, tmp_path):
    bench = tmp_path / "bench.csv"
    bench.write_text("question,statistic,value,n,source\n"
                     "sat_municipality,top2,0.5,3000,Landsgennemsnit\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    code, stdout, err = run(capsys, "report", demo_project_file, "--lang", "da",
                            "--benchmark", bench, "-o", out)
    assert code == 0, err
    assert "with benchmark" in stdout
    texts = {c.value for s in openpyxl.load_workbook(out).worksheets for row in s.iter_rows()
             for c in row if isinstance(c.value, str)}
    assert "Landsgennemsnit" in texts


@pytest.mark.parametrize(("content", "fragment"), [
    ("question,statistic,value\nnonesuch,top2,0.5\n", "nonesuch"),
    ("question,statistic,value\nsat_municipality,top2,lots\n", "row 2"),
    ("", "bench.csv"),
])
def test_a_bad_benchmark_file_is_refused_naming_the_problem(capsys, demo_project_file,
                                                            tmp_path, content, fragment):
    bench = tmp_path / "bench.csv"
    bench.write_text(content, encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert_user_error(run(capsys, "report", demo_project_file, "--lang", "da",
                          "--benchmark", bench, "-o", out), fragment)
    assert not out.exists()


def test_a_chart_of_an_unknown_or_unchartable_question_is_refused(capsys, demo_project_file,
                                                                  tmp_path):
    out = tmp_path / "r.xlsx"
    assert_user_error(run(capsys, "report", demo_project_file, "--lang", "da", "--chart",
                          "nonesuch", "-o", out), "nonesuch")
    assert not out.exists()


def test_a_chart_sheet_is_added_for_a_headline_question(capsys, demo_project_file, tmp_path):
    out = tmp_path / "r.xlsx"
    code, _, err = run(capsys, "report", demo_project_file, "--lang", "en", "--chart",
                       "sat_municipality", "-o", out)
    assert code == 0, err
    assert "Charts" in openpyxl.load_workbook(out).sheetnames


def test_waves_list_and_dates(capsys, demo_project_file, tmp_path):
    path = _copy(demo_project_file, tmp_path)
    code, out, _ = run(capsys, "waves", "list", path)
    assert code == 0
    assert "2019: 2019-09-09 – 2019-10-07;" in out and "complete of" in out
    code, out, _ = run(capsys, "waves", "dates", path, "2022", "--from", "2022-09-01",
                       "--to", "")
    assert code == 0 and "2022-09-01 – ?" in out
    assert "2022: 2022-09-01 – ?" in run(capsys, "waves", "list", path)[1]


@pytest.mark.parametrize(("args", "fragment"), [
    (("2022", "--from", "2022-13-01", "--to", ""), "'2022-13-01' is not a date"),
    (("2022", "--from", "2022-10-01", "--to", "2022-09-01"), "cannot start"),
    (("1999", "--from", "", "--to", ""), "no wave '1999'"),
])
def test_bad_wave_dates_are_refused_and_change_nothing(capsys, demo_project_file, tmp_path,
                                                       args, fragment):
    path = _copy(demo_project_file, tmp_path)
    before = run(capsys, "waves", "list", path)[1]
    assert_user_error(run(capsys, "waves", "dates", path, *args), fragment)
    assert run(capsys, "waves", "list", path)[1] == before


def test_the_client_is_a_setting_shown_on_the_front_page(capsys, demo_project_file, tmp_path):
    path = _copy(demo_project_file, tmp_path)
    code, out, _ = run(capsys, "settings", "set", path, "client", "  Aarhus   Kommune ")
    assert code == 0 and "client = Aarhus Kommune" in out
    assert "client = Aarhus Kommune" in run(capsys, "settings", "list", path)[1]
    assert_user_error(run(capsys, "settings", "set", path, "client", "x" * 201),
                      "at most 200")
    out_file = tmp_path / "r.xlsx"
    assert run(capsys, "report", path, "--lang", "da", "-o", out_file)[0] == 0
    front = openpyxl.load_workbook(out_file)["Forside"]
    assert [front["A3"].value, front["B3"].value] == ["Kunde", "Aarhus Kommune"]


def test_waves_are_kept_in_year_order_and_can_be_ordered_by_hand(capsys, demo_project_file,
                                                                 tmp_path):
    from surveydesk.store.project import Project

    path = _copy(demo_project_file, tmp_path)
    with Project.open(path) as project:
        project.ensure_wave("2020")  # came in after 2022: still between 2019 and 2022
        assert [w.label for w in project.waves()] == ["2019", "2020", "2022"]
    code, out, _ = run(capsys, "waves", "order", path, "2019", "2022", "2020")
    assert code == 0 and "Waves in order: 2019, 2022, 2020" in out
    assert_user_error(run(capsys, "waves", "order", path, "2019", "2022"), "every wave once")
    assert_user_error(run(capsys, "waves", "order", path, "2019", "2019", "2022", "2020"),
                      "every wave once")
    with Project.open(path) as project:
        assert [w.label for w in project.waves()] == ["2019", "2022", "2020"]


def test_the_previous_wave_is_the_earlier_year_whatever_order_the_data_came_in(tmp_path):
    import hashlib

    from surveydesk.analysis.project_tables import tables_for_project
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.io.demo import DEMOS, demo_form_path, generate_wave
    from surveydesk.io.importer import cells_from_frame, import_table
    from surveydesk.store.project import Project

    workbook = demo_form_path("citizen_service").read_bytes()
    questionnaire = read_xlsform(workbook, "citizen_service.xlsx")
    survey = DEMOS["citizen_service"]
    with Project.create(tmp_path / "late.sdproj", workbook, questionnaire) as project:
        for wave in reversed(survey.waves):  # 2022 first, then the older 2019
            frame = generate_wave(questionnaire, survey, wave)
            import_table(project, cells_from_frame(frame), wave.label, "web",
                         hashlib.sha256(frame.to_csv().encode()).hexdigest())
        assert [w.label for w in project.waves()] == ["2019", "2022"]
        table = tables_for_project(project).table
    rows = table[(table["question"] == "sat_municipality") & (table["statistic"] == "top2")
                 & (table["breakdown"] == "")]
    latest = rows[rows["wave"] == "2022"].iloc[0]
    assert latest["previous_value"] == rows[rows["wave"] == "2019"].iloc[0]["value"]


def test_waves_of_one_year_keep_their_order_and_a_manual_order_is_never_undone(
        capsys, demo_project_file, tmp_path):
    from surveydesk.store.project import Project

    path = _copy(demo_project_file, tmp_path)
    with Project.open(path) as project:
        project.ensure_wave("2023 forår")
        project.ensure_wave("2023 efterår")  # came later: after spring, not before it
        assert [w.label for w in project.waves()][-2:] == ["2023 forår", "2023 efterår"]
        project.order_waves(["2022", "2019", "2023 forår", "2023 efterår"])
        project.ensure_wave("2024 forår")
        project.ensure_wave("2020")
        assert [w.label for w in project.waves()] == [
            "2022", "2019", "2020", "2023 forår", "2023 efterår", "2024 forår"]


def test_an_output_that_cannot_be_written_is_an_error_not_a_traceback(capsys,
                                                                      demo_project_file,
                                                                      tmp_path, monkeypatch):
    import os

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)  # e.g. the old report is open in Excel
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"yesterday's report")
    assert_user_error(run(capsys, "report", demo_project_file, "--lang", "en", "-o", out,
                          "--force"), "cannot be written", "Permission denied", "close it")
    assert out.read_bytes() == b"yesterday's report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_a_form_without_questions_to_report_is_refused(capsys, tmp_path):
    import openpyxl as xl

    form = tmp_path / "text.xlsx"
    book = xl.Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label"])
    survey.append(["text", "comment", "Comment"])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["textonly", "1"])
    book.save(form)
    project = tmp_path / "t.sdproj"
    data = tmp_path / "t.csv"
    data.write_text("comment\nhej\n", encoding="utf-8")
    assert run(capsys, "init", project, "--form", form)[0] == 0
    assert run(capsys, "import", project, data, "--wave", "2024")[0] == 0
    assert_user_error(run(capsys, "report", project, "--lang", "en", "-o",
                          tmp_path / "r.xlsx"), "no questions a report can show")
    assert not (tmp_path / "r.xlsx").exists()
