"""Importing a call list: checked numbers and preload, every problem located, all or nothing;
the ``calllist`` commands; and contact data never leaving the project file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from surveydesk.core.errors import DataImportError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.call_list import import_call_list, normalise_phone, read_call_list
from surveydesk.io.demo import demo_form_path
from surveydesk.store import calls
from surveydesk.store.project import Project

GOOD = ("reference;Telefon;navn;target_group;age\n"
        "R-1;23 45 67 89;Åse Ørum;Dagpenge (forsikret ledig);34\n"
        "R-2;+45 87 65 43 21;;sygedagpenge;\n"
        "R-3;0045 22-33-44-55;Bjørn Æble;Social assistance, ready for work;61\n")


@pytest.fixture
def project(tmp_path):
    form = demo_form_path("jobcentre")
    project = Project.create(tmp_path / "calls.sdproj", form.read_bytes(), read_xlsform(form))
    yield project
    project.close()


def write(tmp_path: Path, text: str, name: str = "calls.csv", encoding="cp1252") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def problems_of(error: pytest.ExceptionInfo) -> set[tuple]:
    return {(p.row, p.column, p.value) for p in error.value.problems}


@pytest.mark.parametrize("text,expected", [
    ("23456789", "+4523456789"),
    ("23 45 67 89", "+4523456789"),
    ("+45 23 45 67 89", "+4523456789"),
    ("0045 2345 6789", "+4523456789"),
    ("(+45) 23-45-67-89", "+4523456789"),
    ("4523456789", "+4523456789"),  # +45 23 45 67 89 stored as a number by a spreadsheet
    ("\u00a023\u00a045\u00a067\u00a089 ", "+4523456789"),
    ("+46 70 123 45 67", "+46701234567"),
    ("0049 30 1234567", "+49301234567"),
    ("1234567", None),  # 7 digits
    ("234567899", None),  # 9 digits
    ("02345678", None),  # Danish numbers never start with 0
    ("11223344", None),  # ... nor with 1
    ("+45 2345 67899", None),
    ("+45 0234 5678", None),
    ("12 34 56 7x", None),
    ("+0 1234567", None),
    ("+2345678990123456", None),  # more than 15 digits
    ("+", None),
    ("١٢٣٤٥٦٧٨", None),  # digits, but not ones a phone can dial
])
def test_phone_numbers_are_normalised_or_refused(text, expected):
    assert normalise_phone(text) == expected


def test_a_good_file_is_imported_with_preload_by_name_or_label(project, tmp_path):
    result = import_call_list(project, write(tmp_path, GOOD))
    assert (result.rows, result.added, result.unchanged) == (3, 3, 0)
    assert result.summary() == "Added 3 numbers from calls.csv to the call list."
    stored = calls.calls(project)
    assert stored["reference"].tolist() == ["R-1", "R-2", "R-3"]
    assert stored["phone"].tolist() == ["+4523456789", "+4587654321", "+4522334455"]
    assert stored["name"].tolist() == ["Åse Ørum", "", "Bjørn Æble"]
    assert stored["preload"].tolist() == [
        {"target_group": "dagpenge", "age": "34"},
        {"target_group": "sygedagpenge"},
        {"target_group": "kth_jobparat", "age": "61"},
    ]


def test_an_xlsx_file_with_numbers_as_numbers_is_read(project, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["reference", "phone", "name", "target_group"])
    sheet.append([1001, 23456789, "Åse", "dagpenge"])
    sheet.append([1002, 4587654321, None, None])
    sheet.append([None, None, None, None])
    path = tmp_path / "calls.xlsx"
    workbook.save(path)
    rows = read_call_list(path, project.questionnaire)
    assert [(number, c.reference, c.phone, dict(c.preload)) for number, c in rows] == [
        (2, "1001", "+4523456789", {"target_group": "dagpenge"}),
        (3, "1002", "+4587654321", {}),
    ]


def test_every_problem_is_listed_with_row_column_and_value_and_nothing_is_stored(
        project, tmp_path):
    text = ("reference,phone,name,target_group,age\n"
            "R-1,23 45 67 89,Åse,dagpenge,34\n"     # good
            ",22334455,,,\n"                        # 3: reference missing
            "R-1,22334466,,,\n"                     # 4: duplicate reference
            "R-4,,,,\n"                             # 5: phone missing
            "R-5,1234 567,,,\n"                     # 6: too short
            "R-6,ring ikke,,,\n"                    # 7: not a number
            "R-7,22334477,,pensionist,\n"           # 8: not a choice
            "R-8,22334488,,,12\n"                   # 9: constraint 15-70
            "R-9,22334499,,,fyrre\n")               # 10: not a whole number
    with pytest.raises(DataImportError) as error:
        import_call_list(project, write(tmp_path, text, encoding="utf-8"))
    assert problems_of(error) == {
        (3, "reference", None), (4, "reference", "R-1"), (5, "phone", None),
        (6, "phone", "1234 567"), (7, "phone", "ring ikke"), (8, "target_group", "pensionist"),
        (9, "age", "12"), (10, "age", "fyrre"),
    }
    message = str(error.value)
    assert "8 problems found; nothing was imported" in message
    assert "calls.csv, row 4, column 'reference': the reference appears more than once in " \
           "the file (first in row 2)" in message
    assert "constraint not met" in message and "not a choice of list 'target_group'" in message
    assert calls.call_overview(project)["total"] == 0


@pytest.mark.parametrize("header,column,fragment", [
    ("reference,name", "phone", "the column 'phone' is missing"),
    ("phone,name", "reference", "the column 'reference' is missing"),
    ("reference,phone,postcode", "postcode", "not a question of the questionnaire"),
    ("reference,phone,Target_Group", "Target_Group", "did you mean 'target_group'"),
    ("reference,phone,intro", "intro", "is a note"),
    ("reference,phone,age_band", "age_band", "calculation"),
    ("reference,phone,tlf", "tlf", "appears twice"),
    ("reference,phone,age,age", "age", "appears twice"),
])
def test_a_wrong_header_is_refused_naming_the_column(project, tmp_path, header, column,
                                                     fragment):
    width = header.count(",") + 1
    path = write(tmp_path, f"{header}\n" + ",".join(["R-1", "23456789", "", ""][:width]) + "\n")
    with pytest.raises(DataImportError) as error:
        import_call_list(project, path)
    assert (1, column) in {(p.row, p.column) for p in error.value.problems}
    assert fragment in str(error.value)
    assert calls.call_overview(project)["total"] == 0


def test_files_without_rows_or_of_other_types_are_refused(project, tmp_path):
    with pytest.raises(DataImportError, match="header but no rows"):
        import_call_list(project, write(tmp_path, "reference,phone\n"))
    with pytest.raises(DataImportError, match=r"must be a \.csv or \.xlsx"):
        import_call_list(project, write(tmp_path, "x", name="calls.sav"))
    with pytest.raises(DataImportError, match="no such file"):
        import_call_list(project, tmp_path / "missing.csv")


def test_reimporting_adds_only_new_references(project, tmp_path):
    import_call_list(project, write(tmp_path, GOOD))
    again = import_call_list(project, write(tmp_path, GOOD))
    assert (again.added, again.unchanged) == (0, 3)
    more = GOOD + "R-4;29 87 65 43;Ny Borger;;\n"
    result = import_call_list(project, write(tmp_path, more, name="more.csv"))
    assert (result.added, result.unchanged) == (1, 3)
    assert "3 references were already in the call list" in result.summary()
    assert calls.calls(project)["reference"].tolist() == ["R-1", "R-2", "R-3", "R-4"]


def test_a_known_reference_with_other_data_is_a_problem_and_nothing_is_added(project, tmp_path):
    import_call_list(project, write(tmp_path, GOOD))
    changed = ("reference;phone;name;target_group;age\n"
               "R-9;29 87 65 43;Ny Borger;;\n"
               "R-1;23 45 67 89;Åse Ørum;dagpenge;35\n"
               "R-2;22 11 33 44;;sygedagpenge;\n")
    with pytest.raises(DataImportError) as error:
        import_call_list(project, write(tmp_path, changed, name="changed.csv"))
    assert {(p.row, p.column) for p in error.value.problems} == {(3, "age"), (4, "phone")}
    assert "the reference 'R-1' is already in the call list with other data (age)" in str(
        error.value)
    assert calls.calls(project)["reference"].tolist() == ["R-1", "R-2", "R-3"]
    assert calls.calls(project)["preload"][0]["age"] == "34"


def test_a_number_given_to_several_references_is_a_warning_naming_rows_not_the_number(
        project, tmp_path):
    text = "reference,phone\nA,23456789\nB,22334455\nC,+45 23 45 67 89\n"
    result = import_call_list(project, write(tmp_path, text))
    assert result.added == 3
    assert result.warnings == ("rows 2, 4 (references A, C) have the same phone number; each "
                               "is called separately",)


# -- the command line ---------------------------------------------------------------------
def cli(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "surveydesk.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project_file(tmp_path) -> Path:
    path = tmp_path / "p.sdproj"
    assert cli("init", path, "--form", demo_form_path("jobcentre")).returncode == 0
    return path


@pytest.mark.parametrize("command", [["calllist"], ["calllist", "import"],
                                     ["calllist", "show"]])
def test_the_calllist_commands_have_help(command):
    result = cli(*command, "--help")
    assert result.returncode == 0 and "usage: surveydesk-cli calllist" in result.stdout


def test_calllist_import_and_show_print_counts_but_no_phone_numbers_or_names(
        project_file, tmp_path):
    result = cli("calllist", "show", project_file)
    assert result.returncode == 0 and "The call list is empty" in result.stdout
    result = cli("calllist", "import", project_file, write(tmp_path, GOOD))
    assert result.returncode == 0, result.stderr
    assert "Added 3 numbers from calls.csv" in result.stdout
    with Project.open(project_file) as project:
        calls.record_attempt(project, 1, "interview", "AB", "2024-09-12T08:00:00+00:00")
        calls.record_attempt(project, 3, "wrong_number", "AB", "2024-09-12T08:05:00+00:00")
    result = cli("calllist", "show", project_file)
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ("Call list: 3 calls (3 with a phone number), 2 attempts made (at most 5 per "
            "call).") in result.stdout
    assert "without a phone number" not in result.stdout
    assert ["open", "1"] in lines and ["completed", "(interviewed)", "1"] in lines
    assert ["wrong", "number", "1"] in lines
    assert "Response rate so far: 50.0% (completed of all calls except wrong numbers)" in (
        result.stdout)
    for secret in ("23456789", "23 45", "87654321", "Åse", "Ørum", "Bjørn"):
        assert secret not in result.stdout + result.stderr


def test_calllist_show_on_the_master_counts_calls_that_came_without_numbers(
        project_file, tmp_path):
    laptop = tmp_path / "laptop.sdproj"
    laptop.write_bytes(project_file.read_bytes())
    assert cli("calllist", "import", laptop, write(tmp_path, GOOD)).returncode == 0
    device = tmp_path / "laptop3.sddevice"
    assert cli("sync", "export", laptop, "-o", device).returncode == 0
    result = cli("merge", project_file, device, "--backup-dir", tmp_path / "backups")
    assert result.returncode == 0, result.stderr
    result = cli("calllist", "show", project_file)
    assert result.returncode == 0, result.stderr
    assert ("Call list: 3 calls (0 with a phone number), 0 attempts made (at most 5 per "
            "call).") in result.stdout
    assert ("3 calls without a phone number here: a device file leaves numbers out unless "
            "it is written with 'sync export --include-contacts'.") in result.stdout
    assert "numbers," not in result.stdout


def test_calllist_show_after_a_purge_says_the_contact_data_was_removed(project_file,
                                                                      tmp_path):
    assert cli("calllist", "import", project_file, write(tmp_path, GOOD)).returncode == 0
    result = cli("privacy", "purge", project_file, "--call-list", "--yes", "--who", "MB")
    assert result.returncode == 0, result.stderr
    result = cli("calllist", "show", project_file)
    assert result.returncode == 0, result.stderr
    assert "Call list: 3 calls (0 with a phone number), 0 attempts made" in result.stdout
    assert ("The contact data of 3 calls was removed ('privacy purge'); those calls cannot "
            "be dialled.") in result.stdout
    assert "device file" not in result.stdout


def test_a_shared_number_is_warned_about_on_stderr(project_file, tmp_path):
    text = "reference,phone\nA,23456789\nB,23456789\n"
    result = cli("calllist", "import", project_file, write(tmp_path, text))
    assert result.returncode == 0
    assert "warning: rows 2, 3 (references A, B) have the same phone number" in result.stderr


@pytest.mark.parametrize("text,fragments", [
    ("reference,phone\nR-1,123\nR-2,\n", ("row 2, column 'phone'", "row 3, column 'phone'",
                                          "nothing was imported")),
    ("reference,telefon,hobby\nR-1,23456789,golf\n", ("row 1, column 'hobby'",)),
    ("reference;phone;target_group\nR-1;23456789;robot\n", ("row 2, column 'target_group'",
                                                             "'robot'")),
])
def test_a_bad_call_list_exits_2_and_leaves_the_project_unchanged(project_file, tmp_path,
                                                                  text, fragments):
    before = project_file.read_bytes()
    result = cli("calllist", "import", project_file, write(tmp_path, text))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr
    assert project_file.read_bytes() == before


def test_a_conflicting_reimport_exits_2_and_leaves_the_project_unchanged(project_file,
                                                                         tmp_path):
    assert cli("calllist", "import", project_file, write(tmp_path, GOOD)).returncode == 0
    before = project_file.read_bytes()
    changed = GOOD.replace("R-3;0045 22-33-44-55", "R-3;0045 22-33-44-56") + "R-4;29876543;;;\n"
    result = cli("calllist", "import", project_file, write(tmp_path, changed, name="v2.csv"))
    assert result.returncode == 2
    assert "row 4, column 'phone'" in result.stderr and "'R-3'" in result.stderr
    assert project_file.read_bytes() == before


@pytest.mark.parametrize("args,fragment", [
    (["calllist", "show", "{tmp}/missing.sdproj"], "no such project file"),
    (["calllist", "import", "{project}", "{tmp}/missing.csv"], "no such file"),
    (["calllist", "import", "{project}"], "the following arguments are required"),
])
def test_calllist_usage_errors_exit_2(project_file, tmp_path, args, fragment):
    before = project_file.read_bytes()
    result = cli(*(a.format(tmp=tmp_path, project=project_file) for a in args))
    assert result.returncode == 2 and fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert project_file.read_bytes() == before


# -- privacy ------------------------------------------------------------------------------
SECRET_NAME = "Ægir Sørensen-Blåbjerg"
SECRET_PHONES = ("29876543", "29 87 65 43", "4529876543")


def test_exports_and_tables_of_a_project_with_a_call_list_hold_no_phone_or_name(
        demo_project_file, tmp_path):
    from surveydesk.analysis.project_tables import tables_for_project
    from surveydesk.io.exporter import export_csv, export_sav
    from surveydesk.store.entry import finish_interview, start_interview

    path = tmp_path / "demo.sdproj"
    shutil.copyfile(demo_project_file, path)
    with Project.open(path) as project:
        wave = project.waves()[-1].label
        text = ("reference;phone;name;department\n"
                f"C-1;+45 29 87 65 43;{SECRET_NAME};Borgerservice\n"
                "C-2;+45 29 87 65 44;Anden Borger;jobcenter\n")
        assert import_call_list(project, write(tmp_path, text, encoding="utf-8")).added == 2
        call = calls.next_call(project, "2024-09-12T08:00:00+00:00", 5)
        calls.record_attempt(project, call.id, "interview", "AB", "2024-09-12T08:00:00+00:00")
        interview = start_interview(project, wave=wave, mode="phone", interviewer="AB",
                                    device_id="laptop-1", preload=call.preload)
        calls.link_interview(project, call.id, interview.uuid)
        finish_interview(project, interview.uuid, "complete", who="AB")
        csv_text = export_csv(project, tmp_path / "out.csv").path.read_text(encoding="utf-8-sig")
        sav_bytes = export_sav(project, tmp_path / "out.sav").path.read_bytes()
        tables = tables_for_project(project)
        table_text = tables.table.to_csv() + tables.response_rates.to_csv()
    assert interview.uuid in csv_text  # the interview itself is exported
    assert interview.uuid.encode() in sav_bytes
    for secret in (SECRET_NAME, "Sørensen", "Anden Borger", *SECRET_PHONES):
        assert secret not in csv_text
        assert secret not in table_text
        assert secret.encode() not in sav_bytes
        assert secret.encode("cp1252", errors="ignore") not in sav_bytes


def test_exports_and_analysis_never_load_the_call_list_module():
    code = ("import sys, surveydesk.io.exporter, surveydesk.analysis.project_tables, "
            "surveydesk.io.importer; print('surveydesk.store.calls' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip() == "False", result.stderr
