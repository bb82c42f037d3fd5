"""Exports to CSV and .sav hold every answer, in the chosen language, and import back."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from surveydesk.core.errors import SurveyDeskError, UsageError
from surveydesk.core.questionnaire import Choice, ChoiceList
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.demo import demo_form_path, write_demo
from surveydesk.io.exporter import (
    META_COLUMNS,
    ExportResult,
    choice_codes,
    export_csv,
    export_frame,
    export_sav,
)
from surveydesk.io.importer import cells_from_frame, import_file, import_table
from surveydesk.store.project import Project

# Written by the exporter, not yet known to the importer, which rejects unknown columns.


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Project:
    project = write_demo(tmp_path_factory.mktemp("demo") / "demo.sdp", "citizen_service")
    yield project
    project.close()


@pytest.fixture(scope="module")
def jobcentre(tmp_path_factory) -> Project:
    project = write_demo(tmp_path_factory.mktemp("jobcentre") / "demo.sdp", "jobcentre")
    yield project
    project.close()


def fresh_project(path: Path, form: str = "citizen_service") -> Project:
    workbook = demo_form_path(form).read_bytes()
    return Project.create(path, workbook, read_xlsform(workbook, f"{form}.xlsx"))


def read_csv_text(path: Path, delimiter: str = ",") -> pd.DataFrame:
    return pd.read_csv(path, sep=delimiter, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def assert_same_answers(original: Project, copy: Project, wave: str) -> None:
    def answers(project: Project) -> pd.DataFrame:
        frame = project.wave_data(wave).answers.reset_index(drop=True)
        return frame.astype(object).where(frame.notna(), None)

    pd.testing.assert_frame_equal(answers(copy), answers(original))
    columns = ["respondent_id", "mode", "status", "uuid"]
    before = original.wave_data(wave).interviews[columns].reset_index(drop=True)
    after = copy.wave_data(wave).interviews[columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(after, before)


def small_form(tmp_path: Path, survey: list[tuple], choices: list[tuple]) -> Project:
    """A project for a tiny two-language form, with one respondent who answered 'a'."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label::Dansk (da)", "label::English (en)"])
    for row in survey:
        sheet.append(list(row))
    sheet = book.create_sheet("choices")
    sheet.append(["list_name", "name", "label::Dansk (da)", "label::English (en)"])
    for row in choices:
        sheet.append(list(row))
    sheet = book.create_sheet("settings")
    sheet.append(["form_title", "form_id", "version", "default_language"])
    sheet.append(["Lille skema", "small", "1", "da"])
    buffer = io.BytesIO()
    book.save(buffer)
    workbook = buffer.getvalue()
    project = Project.create(tmp_path / "small.sdp", workbook, read_xlsform(workbook, "s.xlsx"))
    frame = pd.DataFrame({"respondent_id": ["r1"], survey[0][1]: ["a"]})
    import_table(project, cells_from_frame(frame), "2024", "web", "digest")
    return project


# -- the frame -------------------------------------------------------------------------------
def test_frame_has_interview_columns_then_answer_questions_in_form_order(demo):
    frame = export_frame(demo, None, language=None, labels=False)

    questions = [q.name for q in demo.questionnaire.answer_questions]
    assert list(frame.columns) == [*META_COLUMNS, *questions]
    assert "intro" not in frame.columns and "thanks" not in frame.columns  # notes
    assert len(frame) == 671 + 682
    assert frame["wave"].tolist() == ["2019"] * 671 + ["2022"] * 682
    assert frame["age"].dtype == "float64"


def test_frame_with_labels_holds_select_one_labels_and_select_multiple_names(demo):
    frame = export_frame(demo, "2019", language="en", labels=True)
    stored = export_frame(demo, "2019", language="en", labels=False)

    satisfied = stored["sat_municipality"] == "5"
    assert satisfied.any()
    assert set(frame.loc[satisfied, "sat_municipality"]) == {"Very satisfied"}
    multiple = stored["important_web"].dropna()
    assert frame.loc[multiple.index, "important_web"].tolist() == multiple.tolist()
    assert any(" " in value for value in multiple)  # several names, space-separated


def test_frame_with_danish_labels_keeps_danish_letters(demo):
    frame = export_frame(demo, "2022", language="da", labels=True)

    assert "Hverken tilfreds eller utilfreds" in set(frame["sat_municipality"].dropna())
    assert any("ø" in label for label in frame["department"].dropna())


# -- CSV -------------------------------------------------------------------------------------
def test_csv_is_utf8_with_bom_and_reads_back_with_pandas(demo, tmp_path):
    result = export_csv(demo, tmp_path / "all.csv")

    data = (tmp_path / "all.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    frame = read_csv_text(tmp_path / "all.csv")
    expected = export_frame(demo, None, language=None, labels=False)
    assert list(frame.columns) == list(expected.columns)
    assert frame["respondent_id"].tolist() == expected["respondent_id"].tolist()
    assert frame["comment"].tolist() == expected["comment"].fillna("").tolist()
    assert "Venlig og hurtig betjening på rådhuset." in set(frame["comment"])
    assert result == ExportResult(tmp_path / "all.csv", 1353, 43, ("2019", "2022"), ())


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_reimports_into_a_fresh_project_with_equal_answers(demo, tmp_path, delimiter):
    export_csv(demo, tmp_path / "2019.csv", wave="2019", delimiter=delimiter)

    with fresh_project(tmp_path / "copy.sdp") as copy:
        result = import_file(copy, tmp_path / "2019.csv", "2019")
        assert result.added == 671
        assert_same_answers(demo, copy, "2019")


def test_csv_with_english_labels_reimports_with_equal_answers(demo, tmp_path):
    export_csv(demo, tmp_path / "2022.csv", wave="2022", language="en", labels=True)

    assert "Very satisfied" in set(read_csv_text(tmp_path / "2022.csv")["sat_municipality"])
    with fresh_project(tmp_path / "copy.sdp") as copy:
        import_file(copy, tmp_path / "2022.csv", "2022")
        assert_same_answers(demo, copy, "2022")


def test_csv_export_imports_back_without_changes(demo, tmp_path):
    export_csv(demo, tmp_path / "2019.csv", wave="2019")

    with fresh_project(tmp_path / "copy.sdp") as copy:
        import_file(copy, tmp_path / "2019.csv", "2019")
        assert_same_answers(demo, copy, "2019")


def test_semicolon_csv_writes_decimal_commas_and_comma_csv_decimal_points(jobcentre, tmp_path):
    export_csv(jobcentre, tmp_path / "semicolon.csv", wave="2023", delimiter=";")
    export_csv(jobcentre, tmp_path / "comma.csv", wave="2023", delimiter=",")

    stored = export_frame(jobcentre, "2023", language=None, labels=False)["hours_job_search"]
    fractional = stored[stored.notna() & (stored % 1 != 0)]
    assert len(fractional) > 10
    semicolon = read_csv_text(tmp_path / "semicolon.csv", ";")["hours_job_search"]
    comma = read_csv_text(tmp_path / "comma.csv", ",")["hours_job_search"]
    assert semicolon[fractional.index].tolist() == [repr(v).replace(".", ",") for v in fractional]
    assert comma[fractional.index].tolist() == [repr(v) for v in fractional]
    ages = read_csv_text(tmp_path / "semicolon.csv", ";")["age"]
    assert ages[ages != ""].str.fullmatch(r"\d+").all()  # whole numbers without ",0"


def test_semicolon_csv_with_decimal_commas_reimports_exactly(jobcentre, tmp_path):
    export_csv(jobcentre, tmp_path / "2021.csv", wave="2021", delimiter=";")

    with fresh_project(tmp_path / "copy.sdp", "jobcentre") as copy:
        import_file(copy, tmp_path / "2021.csv", "2021")
        assert_same_answers(jobcentre, copy, "2021")


def test_wave_option_exports_only_that_wave(demo, tmp_path):
    result = export_csv(demo, tmp_path / "2022.csv", wave="2022")

    frame = read_csv_text(tmp_path / "2022.csv")
    assert set(frame["wave"]) == {"2022"}
    assert len(frame) == 682
    assert result.waves == ("2022",) and result.rows == 682


# -- .sav ------------------------------------------------------------------------------------
def test_sav_has_danish_variable_and_value_labels_with_danish_letters(demo, tmp_path):
    export_sav(demo, tmp_path / "da.sav", language="da")

    frame, meta = pyreadstat.read_sav(tmp_path / "da.sav", dates_as_pandas_datetime=False)
    labels = meta.column_names_to_labels
    assert labels["channel_preferred"] == "Hvordan foretrækker du at kontakte kommunen?"
    assert labels["education"] == "Hvad er din højeste fuldførte uddannelse?"
    assert labels["comment"] == "Har du andre kommentarer til kommunens service?"
    assert labels["wave"] == "Bølge"
    assert meta.variable_value_labels["sat_municipality"] == {
        5: "Meget tilfreds",
        4: "Tilfreds",
        3: "Hverken tilfreds eller utilfreds",
        2: "Utilfreds",
        1: "Meget utilfreds",
        6: "Ved ikke",
    }
    assert meta.variable_value_labels["mode"] == {
        "web": "Web",
        "in_person": "Personligt fremmøde",
        "phone": "Telefon",
    }
    assert meta.file_label == demo.questionnaire.title
    assert len(frame) == 1353


def test_sav_in_english_has_english_labels(demo, tmp_path):
    result = export_sav(demo, tmp_path / "en.sav", language="en")

    _, meta = pyreadstat.read_sav(tmp_path / "en.sav", metadataonly=True)
    assert meta.column_names_to_labels["age"] == "How old are you?"
    assert meta.variable_value_labels["gender"][2] == "Man"
    assert meta.variable_value_labels["mode"]["in_person"] == "In person"
    assert meta.column_names_to_labels["mode"] == "Mode"
    assert result.warnings == ()


def test_sav_numbers_codes_and_dates_equal_the_stored_answers(demo, tmp_path):
    export_sav(demo, tmp_path / "2019.sav", wave="2019")

    frame, meta = pyreadstat.read_sav(tmp_path / "2019.sav", dates_as_pandas_datetime=False)
    stored = export_frame(demo, "2019", language=None, labels=False)
    pd.testing.assert_series_equal(frame["age"], stored["age"], check_names=False)
    assert (
        frame["department"]
        .map(
            lambda code: demo.questionnaire.question("department").choice_list.names[int(code) - 1]
        )
        .tolist()
        == stored["department"].tolist()
    )
    answered = stored["sat_latest"].notna()
    codes = stored.loc[answered, "sat_latest"].map(
        {"5": 5, "4": 4, "3": 3, "2": 2, "1": 1, "dk": 6}
    )
    assert frame.loc[answered, "sat_latest"].tolist() == codes.astype(float).tolist()
    dated = stored["contact_date"].notna()
    assert 0 < (~dated).sum() < len(dated)  # some skipped the question: missing dates too
    assert frame.loc[dated, "contact_date"].map(dt.date.isoformat).tolist() == (
        stored.loc[dated, "contact_date"].tolist()
    )
    assert frame.loc[~dated, "contact_date"].isna().all()
    assert frame["important_web"].tolist() == stored["important_web"].fillna("").tolist()
    assert meta.original_variable_types["contact_date"].startswith("DATE")
    assert meta.variable_measure["sat_latest"] == "ordinal"
    assert meta.variable_measure["department"] == "nominal"
    assert meta.variable_measure["age"] == "scale"


@pytest.mark.parametrize("language", ["da", "en"])
def test_sav_reimports_into_a_fresh_project_with_equal_answers(demo, tmp_path, language):
    export_sav(demo, tmp_path / "2022.sav", wave="2022", language=language)

    with fresh_project(tmp_path / "copy.sdp") as copy:
        result = import_file(copy, tmp_path / "2022.sav", "2022")
        assert result.added == 682
        assert_same_answers(demo, copy, "2022")


def test_sav_with_decimals_and_calculations_reimports_exactly(jobcentre, tmp_path):
    export_sav(jobcentre, tmp_path / "2023.sav", wave="2023", language="en")

    with fresh_project(tmp_path / "copy.sdp", "jobcentre") as copy:
        import_file(copy, tmp_path / "2023.sav", "2023")
        assert_same_answers(jobcentre, copy, "2023")


def test_choice_codes_keep_integer_names_and_number_the_rest_after_them():
    def codes(*names: str) -> dict[str, int]:
        return choice_codes(ChoiceList("x", tuple(Choice(name) for name in names)))

    assert codes("5", "4", "3", "2", "1", "dk") == {"5": 5, "4": 4, "3": 3, "2": 2, "1": 1, "dk": 6}
    assert codes("yes", "no", "dk") == {"yes": 1, "no": 2, "dk": 3}
    assert codes("0", "10", "99") == {"0": 0, "10": 10, "99": 99}
    assert codes("01", "1") == {"1": 1, "01": 2}  # "01" is not its own integer spelling


def test_labels_missing_in_the_language_fall_back_and_are_listed_once(tmp_path):
    project = small_form(
        tmp_path,
        [("select_one ab", "first", "Første", ""), ("select_one ab", "second", "Anden", "Second")],
        [("ab", "a", "Æble", ""), ("ab", "b", "Banan", "Banana")],
    )
    with project:
        result = export_sav(project, tmp_path / "small.sav", language="en")
        export_frame(project, None, language="en", labels=True)

    _, meta = pyreadstat.read_sav(tmp_path / "small.sav", metadataonly=True)
    assert meta.column_names_to_labels["first"] == "Første"
    assert meta.variable_value_labels["second"] == {1: "Æble", 2: "Banana"}
    assert result.warnings == (
        "Question 'first' has no label in 'en'; the 'da' label is used.",
        "Choice 'a' of list 'ab' has no label in 'en'; the 'da' label is used.",
    )


@pytest.mark.parametrize(
    ("names", "bad"),
    [(("q-1",), "q-1"), (("_q",), "_q"), (("Age", "age"), "age"), (("q", "BY"), "BY")],
)
def test_names_spss_cannot_use_raise_a_clear_error_and_write_nothing(tmp_path, names, bad):
    survey = [("select_one ab", names[0], "Spørgsmål", "Question")]
    survey += [("text", name, "Tekst", "Text") for name in names[1:]]
    with small_form(tmp_path, survey, [("ab", "a", "A", "A")]) as project:
        with pytest.raises(SurveyDeskError, match="SPSS cannot use") as caught:
            export_sav(project, tmp_path / "out.sav")
        export_csv(project, tmp_path / "out.csv")  # CSV has no such rules

    assert f"column '{bad}'" in str(caught.value)
    assert not (tmp_path / "out.sav").exists()


# -- errors ----------------------------------------------------------------------------------
@pytest.mark.parametrize("export", [export_csv, export_sav])
def test_unknown_wave_is_a_usage_error_naming_the_waves(demo, tmp_path, export):
    with pytest.raises(UsageError, match=r"no wave '2020' \(waves: 2019, 2022\)"):
        export(demo, tmp_path / "out", wave="2020")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("export", [export_csv, export_sav])
def test_unknown_language_is_a_usage_error_naming_the_languages(demo, tmp_path, export):
    with pytest.raises(UsageError, match=r"no language 'de' \(languages: da, en\)"):
        export(demo, tmp_path / "out", language="de")


def test_unknown_language_in_the_frame_is_a_usage_error(demo):
    with pytest.raises(UsageError, match="languages: da, en"):
        export_frame(demo, None, language="sv", labels=True)


@pytest.mark.parametrize("export", [export_csv, export_sav])
def test_export_to_a_missing_folder_is_an_error_naming_it_and_leaves_nothing(
    demo, tmp_path, export
):
    missing = tmp_path / "no such folder"
    with pytest.raises(SurveyDeskError, match="no such folder: the folder does not exist"):
        export(demo, missing / "out.x", wave="2019")
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_the_previous_file_and_leaves_no_temporary_file(
    demo, tmp_path, monkeypatch
):
    target = tmp_path / "out.csv"
    target.write_text("previous export", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("surveydesk.io.exporter.csv.writer", broken)
    with pytest.raises(SurveyDeskError, match="No space left on device"):
        export_csv(demo, target, replace=True)

    assert target.read_text(encoding="utf-8") == "previous export"
    assert list(tmp_path.iterdir()) == [target]


def test_export_onto_a_folder_is_an_error(demo, tmp_path):
    with pytest.raises(SurveyDeskError, match="is a folder"):
        export_sav(demo, tmp_path)


def test_unknown_delimiter_is_a_usage_error(demo, tmp_path):
    with pytest.raises(UsageError, match="delimiter"):
        export_csv(demo, tmp_path / "out.csv", delimiter="|")


def test_csv_export_guards_formulas_and_imports_them_back_exactly(tmp_path):
    with fresh_project(tmp_path / "f.sdp") as project:
        path = tmp_path / "in.csv"
        path.write_text('respondent_id,comment\nr1,"=HYPERLINK(""http://x"",""Klik"")"\n'
                        "r2,- kort kø\n", encoding="utf-8")
        import_file(project, path, "2024")
        result = export_csv(project, tmp_path / "out.csv", delimiter=";")
        text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
        assert "'=HYPERLINK" in text and "'- kort kø" in text
        assert any("formulas" in warning for warning in result.warnings)
        with fresh_project(tmp_path / "g.sdp") as copy:
            import_file(copy, tmp_path / "out.csv", "2024")
            comments = copy.wave_data("2024").answers["comment"].astype(str).tolist()
        assert comments == ['=HYPERLINK("http://x","Klik")', "- kort kø"]


def test_export_refuses_to_overwrite_the_project_file(demo, tmp_path):
    before = demo.path.read_bytes()
    with pytest.raises(SurveyDeskError, match="project file itself"):
        export_csv(demo, demo.path)
    with pytest.raises(SurveyDeskError, match="project file itself"):
        export_sav(demo, Path(f"{demo.path}-wal"))
    assert demo.path.read_bytes() == before


def test_answers_to_questions_dropped_from_the_form_are_still_exported(tmp_path):
    from openpyxl import load_workbook

    workbook = demo_form_path("citizen_service").read_bytes()
    with fresh_project(tmp_path / "v.sdp") as project:
        path = tmp_path / "in.csv"
        path.write_text("respondent_id,age,comment\nr1,40,Fin betjening på rådhuset\n",
                        encoding="utf-8")
        import_file(project, path, "2024")
        book = load_workbook(io.BytesIO(workbook))
        survey = book["survey"]
        header = [cell.value for cell in survey[1]]
        for row in survey.iter_rows(min_row=2):
            if row[header.index("name")].value == "comment":
                survey.delete_rows(row[0].row)
                break
        book["settings"].cell(2, [c.value for c in book["settings"][1]].index("version") + 1,
                              "2024.2")
        buffer = io.BytesIO()
        book.save(buffer)
        project.add_form_version(buffer.getvalue(), read_xlsform(buffer.getvalue()))
        result = export_csv(project, tmp_path / "out.csv")
        frame = read_csv_text(tmp_path / "out.csv")
        assert frame.columns[-1] == "comment"
        assert frame["comment"].tolist() == ["Fin betjening på rådhuset"]
        assert any("no longer in the form" in warning for warning in result.warnings)
        export_sav(project, tmp_path / "out.sav")
        sav, _ = pyreadstat.read_sav(tmp_path / "out.sav")
        assert sav["comment"].tolist() == ["Fin betjening på rådhuset"]
