"""Importing respondent data: encodings, delimiters, labels, all-or-nothing, re-import."""

from __future__ import annotations

import contextlib
import datetime as dt
import math

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from surveydesk.core.errors import DataImportError, SurveyDeskError, UsageError
from surveydesk.io.importer import import_file
from surveydesk.io.tables import detect_delimiter

GOOD_CSV = (
    "respondent_id,satisfied,channels,age,hours,comment,visited\n"
    "r1,5,phone web,34,12.5,Godt møde på rådhuset,2024-09-12\n"
    "r2,dk,in_person,71,,,\n"
    "r3,Meget utilfreds,,18,3,Ærgerligt – lang kø,12-09-2024\n"
)


def _write(tmp_path, text: str, name="data.csv", encoding="utf-8") -> object:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _answers(project, wave="2024") -> pd.DataFrame:
    return project.wave_data(wave).answers


def test_csv_import_stores_typed_answers(small_project, tmp_path):
    result = import_file(small_project, _write(tmp_path, GOOD_CSV), "2024", "phone")
    assert (result.added, result.unchanged) == (3, 0)
    data = small_project.wave_data("2024")
    answers = data.answers
    assert list(data.interviews["respondent_id"]) == ["r1", "r2", "r3"]
    assert list(data.interviews["mode"]) == ["phone"] * 3
    assert list(answers["satisfied"]) == ["5", "dk", "1"]  # label matched to choice name
    assert list(answers["channels"].astype(object).fillna("")) == ["phone web", "in_person", ""]
    assert list(answers["age"]) == [34.0, 71.0, 18.0]
    assert answers["hours"].iloc[0] == 12.5 and math.isnan(answers["hours"].iloc[1])
    assert answers["comment"].iloc[2] == "Ærgerligt – lang kø"
    assert list(answers["visited"].astype(object).fillna("")) == [
        "2024-09-12", "", "2024-09-12"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_encodings_danish_excel_writes_keep_ae_oe_aa(small_project, tmp_path, encoding):
    text = GOOD_CSV.replace("–", "-")  # the en dash is not in every code page
    import_file(small_project, _write(tmp_path, text, encoding=encoding), "2024")
    assert _answers(small_project)["comment"].iloc[0] == "Godt møde på rådhuset"


def test_semicolon_csv_with_decimal_comma(small_project, tmp_path):
    text = "respondent_id;age;hours\nr1;34;12,5\nr2;40;0,25\n"
    import_file(small_project, _write(tmp_path, text), "2024")
    assert list(_answers(small_project)["hours"]) == [12.5, 0.25]


def test_delimiter_detection_prefers_the_most_frequent_separator():
    assert detect_delimiter("a;b;c") == ";"
    assert detect_delimiter("a,b,c") == ","
    assert detect_delimiter("a\tb\tc") == "\t"
    assert detect_delimiter("single") == "\t"  # one column: a decimal comma stays whole


def test_mode_column_overrides_the_default_mode(small_project, tmp_path):
    text = "respondent_id,mode,age\nr1,phone,30\nr2,,31\nr3,Personligt,32\n"
    import_file(small_project, _write(tmp_path, text), "2024", "web")
    assert list(small_project.wave_data("2024").interviews["mode"]) == [
        "phone", "web", "in_person"]


def test_rejected_file_lists_every_problem_and_leaves_project_bytes_unchanged(
        small_project, tmp_path):
    import_file(small_project, _write(tmp_path, GOOD_CSV, "first.csv"), "2024")
    small_project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = small_project.path.read_bytes()
    bad = ("respondent_id,satisfied,channels,age\n"
           "b1,7,phone,34\n"
           "b2,5,phone web in_person,12\n"
           "b3,5,fax,abc\n")
    with pytest.raises(DataImportError) as error:
        import_file(small_project, _write(tmp_path, bad, "bad.csv"), "2024")
    where = [(p.row, p.column, p.value) for p in error.value.problems]
    assert where == [
        (2, "satisfied", "7"),
        (3, "age", "12"),
        (3, "channels", "phone web in_person"),
        (4, "age", "abc"),
        (4, "channels", "fax"),
    ]
    assert "At most two" in str(error.value) or "Højst to" in str(error.value)
    small_project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert small_project.path.read_bytes() == before
    assert len(small_project.wave_data("2024").interviews) == 3


def test_unknown_duplicate_and_note_columns_are_rejected(small_project, tmp_path):
    text = "respondent_id,age,age,colour\nr1,30,30,red\n"
    with pytest.raises(DataImportError) as error:
        import_file(small_project, _write(tmp_path, text), "2024")
    assert [(p.row, p.column) for p in error.value.problems] == [(1, "age"), (1, "colour")]
    assert small_project.waves() == []


def test_duplicate_respondent_ids_in_one_file_are_rejected(small_project, tmp_path):
    text = "respondent_id,age\nr1,30\nr1,31\n"
    with pytest.raises(DataImportError) as error:
        import_file(small_project, _write(tmp_path, text), "2024")
    assert [p.row for p in error.value.problems] == [2, 3]


def test_ragged_rows_are_rejected_with_their_line(small_project, tmp_path):
    with pytest.raises(DataImportError) as error:
        import_file(small_project, _write(tmp_path, "respondent_id,age\nr1,30,extra\n"), "2024")
    assert error.value.problems[0].row == 2


def test_many_problems_show_the_first_fifty_and_a_count(small_project, tmp_path):
    rows = "".join(f"r{i},x\n" for i in range(120))
    with pytest.raises(DataImportError) as error:
        import_file(small_project, _write(tmp_path, "respondent_id,age\n" + rows), "2024")
    assert len(error.value.problems) == 120
    assert "... and 70 more problems" in str(error.value)


def test_reimporting_the_same_file_adds_nothing_and_says_so(small_project, tmp_path):
    path = _write(tmp_path, GOOD_CSV)
    import_file(small_project, path, "2024")
    again = import_file(small_project, path, "2024")
    assert again.added == 0 and again.already_imported_at
    assert "nothing was added" in again.summary()
    assert len(small_project.wave_data("2024").interviews) == 3


def test_same_respondents_in_another_file_are_skipped_when_unchanged(small_project, tmp_path):
    import_file(small_project, _write(tmp_path, GOOD_CSV, "a.csv"), "2024")
    extended = GOOD_CSV + "r4,4,,50,,,\n"
    result = import_file(small_project, _write(tmp_path, extended, "b.csv"), "2024")
    assert (result.added, result.unchanged) == (1, 3)


def test_same_respondent_with_different_answers_is_an_error_naming_it(small_project, tmp_path):
    import_file(small_project, _write(tmp_path, GOOD_CSV, "a.csv"), "2024")
    changed = GOOD_CSV.replace("r2,dk,", "r2,4,")
    with pytest.raises(DataImportError, match="r2"):
        import_file(small_project, _write(tmp_path, changed, "b.csv"), "2024")
    assert len(small_project.wave_data("2024").interviews) == 3


def test_the_same_respondent_id_may_appear_in_another_wave(small_project, tmp_path):
    import_file(small_project, _write(tmp_path, GOOD_CSV, "a.csv"), "2023")
    import_file(small_project, _write(tmp_path, GOOD_CSV.replace(",34,", ",35,"), "b.csv"),
                "2024")
    assert [w.label for w in small_project.waves()] == ["2023", "2024"]


def test_xlsx_import_reads_numbers_dates_and_labels(small_project, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["respondent_id", "satisfied", "age", "hours", "visited"])
    sheet.append(["x1", "Tilfreds", 44, 2.5, dt.datetime(2024, 9, 12)])
    sheet.append([17, "Very satisfied", 30.0, None, None])
    workbook.save(tmp_path / "data.xlsx")
    import_file(small_project, tmp_path / "data.xlsx", "2024")
    data = small_project.wave_data("2024")
    assert list(data.interviews["respondent_id"]) == ["x1", "17"]
    assert list(data.answers["satisfied"]) == ["4", "5"]
    assert list(data.answers["age"]) == [44.0, 30.0]
    assert data.answers["visited"].iloc[0] == "2024-09-12"


def test_sav_import_maps_codes_through_value_labels(small_project, tmp_path):
    frame = pd.DataFrame({"respondent_id": ["s1", "s2"], "satisfied": [1.0, 2.0],
                          "age": [40.0, np.nan]})
    path = tmp_path / "data.sav"
    pyreadstat.write_sav(frame, str(path), variable_value_labels={
        "satisfied": {1.0: "Meget tilfreds", 2.0: "Ved ikke"}})
    import_file(small_project, path, "2024")
    assert list(small_project.wave_data("2024").answers["satisfied"]) == ["5", "dk"]


@pytest.mark.parametrize("name,content,message", [
    ("empty.csv", b"", "empty"),
    ("blank.csv", b"\n\n  \n", "empty"),
    ("binary.csv", b"\x00\x01\x02PK", "binary"),
    ("data.json", b"{}", "cannot be imported"),
    ("broken.xlsx", b"PK\x03\x04nope", "not an Excel"),
    ("broken.sav", b"$FL2 not really", "not an SPSS"),
])
def test_broken_files_give_a_clear_error(small_project, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataImportError, match=message):
        import_file(small_project, path, "2024")


def test_unknown_mode_and_missing_file_are_user_errors(small_project, tmp_path):
    with pytest.raises(UsageError):
        import_file(small_project, _write(tmp_path, GOOD_CSV), "2024", "fax")
    with pytest.raises(DataImportError, match="no such file"):
        import_file(small_project, tmp_path / "missing.csv", "2024")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_fuzzed_bytes_either_import_or_raise_a_surveydesk_error(small_project, tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    with contextlib.suppress(SurveyDeskError):
        import_file(small_project, path, "fuzz")


_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["5", "dk", "Tilfreds", "phone web", "34", "12,5", "2024-09-12", "", "  "]),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(
    ["respondent_id", "mode", "satisfied", "channels", "age", "hours", "comment", "visited",
     "bogus", ""]), min_size=1, max_size=6),
    rows=st.lists(st.lists(_cells, min_size=6, max_size=6), max_size=5),
    delimiter=st.sampled_from([",", ";"]))
def test_fuzzed_cells_either_import_or_raise_a_surveydesk_error(
        small_project, tmp_path, header, rows, delimiter):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row[: len(header)])
    path = tmp_path / "cells.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with contextlib.suppress(SurveyDeskError):
        import_file(small_project, path, "cells")


def test_export_columns_keep_the_interview_id_and_interviewer(small_project, tmp_path):
    text = ("uuid,respondent_id,wave,interviewer,started_at,age\n"
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427,r1,2024,MB,2024-09-12T10:00:00,30\n")
    import_file(small_project, _write(tmp_path, text), "2024")
    interviews = small_project.wave_data("2024").interviews
    assert interviews["uuid"].iloc[0] == "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    assert interviews["interviewer"].iloc[0] == "MB"
    assert interviews["started_at"].iloc[0] == "2024-09-12T10:00:00"


def test_rows_of_another_wave_and_malformed_ids_are_rejected(small_project, tmp_path):
    text = "uuid,wave,age\nnot-a-uuid,2024,30\n,2019,31\n"
    with pytest.raises(DataImportError) as error:
        import_file(small_project, _write(tmp_path, text), "2024")
    assert [(p.row, p.column) for p in error.value.problems] == [(None, "wave"), (2, "uuid")]
    assert str(error.value.problems[0]) == (
        "data.csv, column 'wave': the file holds waves 2019 (1 row) and 2024 (1 row), not "
        "only 2024: import each wave with its own --wave (split the file by its wave column, "
        "or export one wave at a time with 'surveydesk-cli export PROJECT --wave LABEL'), or "
        "remove the wave column.")
    assert small_project.waves() == []


def test_a_file_of_other_waves_is_one_summary_not_one_problem_per_row(small_project, tmp_path):
    rows = "".join(f"r{i},{2019 if i < 671 else 2022},30\n" for i in range(671 + 682))
    path = _write(tmp_path, "respondent_id,wave,age\n" + rows, "demo.csv")
    with pytest.raises(DataImportError) as error:
        import_file(small_project, path, "2025")
    assert str(error.value) == (
        "demo.csv holds waves 2019 (671 rows) and 2022 (682 rows), not 2025: import each "
        "wave with its own --wave (split the file by its wave column, or export one wave at "
        "a time with 'surveydesk-cli export PROJECT --wave LABEL'), or remove the wave "
        "column. Nothing was imported.")
    assert error.value.problems == ()
    assert small_project.waves() == []


def test_an_export_of_several_waves_imports_one_wave_at_a_time(small_project, tmp_path):
    from surveydesk.io.exporter import export_csv

    import_file(small_project, _write(tmp_path, "respondent_id,age\nr1,30\nr2,40\n"), "2023")
    import_file(small_project, _write(tmp_path, "respondent_id,age\nr1,31\n", "b.csv"), "2024")
    export_csv(small_project, tmp_path / "all.csv")
    with pytest.raises(DataImportError, match=r"^all.csv holds waves 2023 \(2 rows\) and "
                       r"2024 \(1 row\), not 2025: "):
        import_file(small_project, tmp_path / "all.csv", "2025")
    export_csv(small_project, tmp_path / "2024.csv", wave="2024")
    assert import_file(small_project, tmp_path / "2024.csv", "2024").unchanged == 1


def test_an_export_without_respondent_ids_imports_back_as_unchanged(small_project, tmp_path):
    from surveydesk.io.exporter import export_csv

    import_file(small_project, _write(tmp_path, "age,hours\n30,1\n40,2\n", "noid.csv"), "2024")
    export_csv(small_project, tmp_path / "export.csv", delimiter=";")
    again = import_file(small_project, tmp_path / "export.csv", "2024")
    assert (again.added, again.unchanged) == (0, 2)
    text = (tmp_path / "export.csv").read_text(encoding="utf-8-sig").replace(";2024;", ";2025;")
    (tmp_path / "other.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataImportError, match="already stored in another wave"):
        import_file(small_project, tmp_path / "other.csv", "2025")
    assert len(small_project.wave_data("2024").interviews) == 2


def test_blank_and_delimiter_only_rows_are_skipped_and_rows_keep_their_numbers(
        small_project, tmp_path):
    text = "respondent_id,age\nr1,30\n\n,\nr2,abc\n"
    with pytest.raises(DataImportError) as error:
        import_file(small_project, _write(tmp_path, text), "2024")
    assert [(p.row, p.column) for p in error.value.problems] == [(5, "age")]
    import_file(small_project, _write(tmp_path, "respondent_id,age\nr1,30\n,\n ,  \nr2,31\n",
                                      "ok.csv"), "2024")
    assert len(small_project.wave_data("2024").interviews) == 2


def test_utf16_text_and_one_column_files_with_decimal_commas(small_project, tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("respondent_id\tcomment\nu1\tÆblegrød\n".encode("utf-16"))
    import_file(small_project, path, "2024")
    assert small_project.wave_data("2024").answers["comment"].iloc[0] == "Æblegrød"
    import_file(small_project, _write(tmp_path, "hours\n12,5\n", "one.csv"), "2025")
    assert list(small_project.wave_data("2025").answers["hours"]) == [12.5]


def _rewrite_sheet(source_path, target_path, change) -> None:
    """A copy of a workbook with the first sheet's XML passed through ``change``."""
    import zipfile

    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(item, data)


def test_xlsx_with_a_stale_dimension_is_read_whole(small_project, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["respondent_id", "age", "hours"])
    for i in range(10):
        sheet.append([f"x{i}", 20 + i, i])
    workbook.save(tmp_path / "good.xlsx")
    _rewrite_sheet(tmp_path / "good.xlsx", tmp_path / "stale.xlsx", lambda data: data.replace(
        b'<dimension ref="A1:C11"/>', b'<dimension ref="A1:B3"/>'))
    import_file(small_project, tmp_path / "stale.xlsx", "2024")
    answers = small_project.wave_data("2024").answers
    assert len(answers) == 10 and answers["hours"].iloc[-1] == 9


def test_formulas_without_a_stored_result_are_rejected(small_project, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["respondent_id", "age"])
    sheet.append(["f1", "=20+10"])
    workbook.save(tmp_path / "formula.xlsx")
    with pytest.raises(DataImportError) as error:
        import_file(small_project, tmp_path / "formula.xlsx", "2024")
    assert (error.value.problems[0].row, error.value.problems[0].column) == (2, "#2")


def test_a_damaged_sheet_inside_a_valid_zip_is_a_clear_error(small_project, tmp_path):
    workbook = Workbook()
    workbook.active.append(["respondent_id", "age"])
    workbook.active.append(["r1", 30])
    workbook.save(tmp_path / "good.xlsx")
    _rewrite_sheet(tmp_path / "good.xlsx", tmp_path / "cut.xlsx",
                   lambda data: data[: len(data) // 2])
    with pytest.raises(DataImportError, match="damaged"):
        import_file(small_project, tmp_path / "cut.xlsx", "2024")


def test_calculations_missing_from_the_file_are_computed_and_usable_in_constraints(
        make_form, tmp_path):
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.store.project import Project

    form = make_form(survey=[
        {"type": "integer", "name": "age"},
        {"type": "calculate", "name": "maxkids", "calculation": "${age} div 2"},
        {"type": "integer", "name": "kids", "constraint": ". <= ${maxkids}"},
    ], choices=None)
    with Project.create(tmp_path / "c.sdproj", form.read_bytes(), read_xlsform(form)) as project:
        import_file(project, _write(tmp_path, "age,kids\n40,2\n10,1\n"), "2024")
        answers = project.wave_data("2024").answers
        assert list(answers["maxkids"]) == ["20", "5"]
        with pytest.raises(DataImportError) as error:
            import_file(project, _write(tmp_path, "age,kids\n4,3\n", "bad.csv"), "2024")
        assert [(p.row, p.column) for p in error.value.problems] == [(2, "kids")]


@pytest.mark.parametrize(("text", "used"), [
    ("respondent_id,age\nr1,30\nr2,31\n", 2),
    ("respondent_id,mode,age\nr1,phone,30\nr2,,31\n", 1),
    ("respondent_id,mode,age\nr1,phone,30\nr2,telefon,31\n", 0),
])
def test_the_result_counts_the_rows_that_took_the_given_mode(small_project, tmp_path, text,
                                                             used):
    result = import_file(small_project, _write(tmp_path, text), "2024", "in_person")
    assert result.default_mode_rows == used
    modes = list(small_project.wave_data("2024").interviews["mode"])
    assert modes.count("in_person") == used


def test_a_repeated_respondent_id_is_found_when_one_row_leaves_the_wave_empty(tmp_path):
    from surveydesk.core.errors import DataImportError
    from surveydesk.io.demo import write_demo
    from surveydesk.io.importer import import_file
    from surveydesk.store.project import Project

    path = tmp_path / "demo.sdproj"
    write_demo(path).close()
    data = tmp_path / "d.csv"
    data.write_text("respondent_id,wave,comment\nR1,2024,a\nR1,,b\n", encoding="utf-8")
    with Project.open(path) as project:
        before = project.overview().total
        with pytest.raises(DataImportError) as caught:
            import_file(project, data, "2024")
        assert "respondent_id appears more than once" in str(caught.value)
        assert "row 3" in str(caught.value)
        assert project.overview().total == before
