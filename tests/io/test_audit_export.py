"""The audit log goes with the analyst's export: <out stem>_audit.csv beside the data."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import surveydesk
from surveydesk.cli import main
from surveydesk.io.audit_export import audit_path, write_audit_log
from surveydesk.store import calls, entry
from surveydesk.store.audit import AUDIT_COLUMNS
from surveydesk.store.contacts import remove_contact_data


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == AUDIT_COLUMNS
        return list(reader)


@pytest.fixture
def project(fieldwork):
    with fieldwork.master() as master:
        first = fieldwork.interview(master, {"satisfied": "5", "comment": "fint"}, wave="2023")
        second = fieldwork.interview(master, {"satisfied": "2"}, wave="2024")
        master.change_answer(second, "satisfied", "3", who="AB", reason="misheard",
                             now="2024-09-19T10:00:00+00:00")
        master.change_answer(first, "comment", "=HYPERLINK(\"x\")", who="Åse",
                             reason="retyped", now="2024-09-20T10:00:00+00:00")
        calls.add_calls(master, [calls.NewCall("R1", "+4523456781", "Bo")])
        remove_contact_data(master, who="analyst", now="2024-10-01T10:00:00+00:00")
        master.db.execute("UPDATE interview SET respondent_id = 'resp-1' WHERE uuid = ?",
                          (first,))
        yield master, first


def test_every_change_and_project_event_in_time_order(project, tmp_path):
    master, first = project
    written = write_audit_log(master, tmp_path / "a_audit.csv")
    rows = read(written.path)
    assert written.entries == len(rows) == len(master.audit_log()) + 1
    change = next(r for r in rows if r["reason"] == "retyped")
    assert change == {"at": "2024-09-20T10:00:00+00:00", "who": "Åse", "interview_uuid": first,
                      "respondent_id": "resp-1", "wave": "2023", "question": "comment",
                      "old_value": "fint", "new_value": "'=HYPERLINK(\"x\")",
                      "reason": "retyped"}
    assert rows[-1]["at"] == "2024-10-01T10:00:00+00:00"
    assert rows[-1]["reason"].startswith("contact data removed: removed 1 phone number and "
                                         "1 name of 1 call")
    assert (rows[-1]["interview_uuid"], rows[-1]["who"]) == ("", "analyst")
    assert [r["at"] for r in rows] == sorted(r["at"] for r in rows)


def test_one_wave_has_its_interviews_entries_and_the_project_events(project, tmp_path):
    master, _ = project
    rows = read(write_audit_log(master, tmp_path / "a.csv", wave="2024").path)
    assert (rows[0]["wave"], rows[0]["reason"]) == ("2024", "misheard")
    assert {r["wave"] for r in rows} == {"2024", ""}
    assert any(r["reason"].startswith("contact data removed") for r in rows)


def test_the_cli_export_writes_the_audit_log_beside_the_data_unless_told_not_to(
        project, tmp_path, capsys):
    master, _ = project
    out = tmp_path / "result.sav"
    assert main(["export", str(master.path), "--format", "sav", "-o", str(out)]) == 0
    assert audit_path(out) == tmp_path / "result_audit.csv"
    stdout = capsys.readouterr().out
    entries = len(read(audit_path(out)))
    assert f"Wrote the audit log ({entries} entries) to {audit_path(out)}." in stdout
    other = tmp_path / "plain.csv"
    assert main(["export", str(master.path), "--format", "csv", "--no-audit",
                 "-o", str(other)]) == 0
    assert not audit_path(other).exists()


def test_no_code_path_updates_or_deletes_the_audit_log():
    package = Path(surveydesk.__file__).parent
    pattern = re.compile(r"(UPDATE|DELETE\s+FROM)\s+(audit_log|project_event)\b", re.I)
    offenders = [str(path.relative_to(package)) for path in package.rglob("*.py")
                 if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_a_partial_interview_change_is_in_the_export_too(fieldwork, tmp_path):
    with fieldwork.master() as master:
        uuid = fieldwork.interview(master, {"satisfied": "5"}, finish=False)
        entry.save_answer(master, uuid, "satisfied", "4", next_question=None, who="AB",
                          now=fieldwork.now())
        rows = read(write_audit_log(master, tmp_path / "x.csv").path)
    assert [(r["question"], r["old_value"], r["new_value"]) for r in rows] == [
        ("satisfied", "5", "4")]
