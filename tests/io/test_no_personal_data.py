"""No export, table, report or device file carries the call list's phone numbers or names.

A demo project gets a call list of recognisable fake numbers and names, phone interviews
made from it (preloaded, linked) and a changed answer; then every way data leaves the
project is run through the command line, and every output (unzipped where it is a ZIP:
xlsx, device files and the snapshot inside) is searched for the numbers (with and without
+45, grouped in pairs) and names.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from surveydesk.cli import main
from surveydesk.store import calls, entry
from surveydesk.store.project import Project
from surveydesk.store.snapshot import backup_project

PEOPLE = [("P-1", "+4529517384", "Bodil Ærtebjerg-Sørensen"),
          ("P-2", "+4561827394", "Østergaard Quirinius"),
          ("P-3", "+4571936485", "Åge Zebulonsen")]


def forms_of(phone: str) -> list[str]:
    digits = phone[3:]
    return [phone, digits, " ".join(digits[i:i + 2] for i in range(0, 8, 2)),
            f"{digits[:4]} {digits[4:]}"]


SECRETS = [form for _, phone, name in PEOPLE for form in (*forms_of(phone), name,
                                                          *name.replace("-", " ").split())]


@pytest.fixture
def project_path(demo_project_file, tmp_path) -> Path:
    path = tmp_path / "survey.sdproj"
    backup_project(demo_project_file, path)
    with Project.open(path) as project:
        calls.add_calls(project, [calls.NewCall(ref, phone, name, {"department": "borger"})
                                  for ref, phone, name in PEOPLE])
        for call_id in (1, 2):
            calls.record_attempt(project, call_id, "interview", "MB",
                                 f"2022-09-12T0{call_id}:00:00+00:00", note="ok")
            started = entry.start_interview(project, wave="2022", mode="phone",
                                            interviewer="MB", device_id="laptop",
                                            preload=calls.call(project, call_id).preload,
                                            now=f"2022-09-12T0{call_id}:01:00+00:00")
            calls.link_interview(project, call_id, started.uuid)
            entry.finish_interview(project, started.uuid, "complete", who="MB",
                                   now=f"2022-09-12T0{call_id}:09:00+00:00")
        uuid = started.uuid
        project.change_answer(uuid, "department", "job", who="MB", reason="misheard")
    return path


def run(*args: object) -> None:
    assert main([str(arg) for arg in args]) == 0


def contents(path: Path) -> bytes:
    """Every byte of ``path``; of a ZIP every member's, and of a ZIP in it (recursively)."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(path):
        return data
    parts = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            member = archive.read(name)
            if member[:2] == b"PK":
                member = b"".join(zipfile.ZipFile(io.BytesIO(member)).read(n)
                                  for n in zipfile.ZipFile(io.BytesIO(member)).namelist())
            parts.append(member)
    return b"".join(parts)


def leaks(path: Path) -> list[str]:
    data = contents(path)
    found = []
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le", "cp1252"):
            try:
                needle = secret.encode(encoding)
            except UnicodeEncodeError:
                continue
            if needle in data:
                found.append(f"{secret} ({encoding})")
    return found


def test_the_project_holds_the_contact_data_the_test_looks_for(project_path):
    assert leaks(project_path)  # the search would find them: the test can fail


def test_no_output_of_any_export_path_contains_phone_numbers_or_names(project_path, tmp_path,
                                                                      capsys):
    out = tmp_path / "out"
    out.mkdir()
    run("export", project_path, "--format", "csv", "-o", out / "data.csv")
    run("export", project_path, "--format", "csv", "--labels", "--delimiter", ";",
        "-o", out / "labels.csv")
    run("export", project_path, "--format", "sav", "--lang", "en", "-o", out / "data.sav")
    for fmt in ("csv", "json", "xlsx"):
        run("tables", project_path, "--by", "department", "--format", fmt,
            "-o", out / f"tables.{fmt}")
    for lang in ("da", "en"):
        run("report", project_path, "--lang", lang, "-o", out / f"report-{lang}.xlsx")
    run("sync", "export", project_path, "-o", out / "laptop.sddevice", "--device-id", "d1",
        "--interviewer", "MB")
    run("calllist", "show", project_path)
    run("info", project_path)
    shown = capsys.readouterr().out
    written = sorted(out.iterdir())
    assert {p.name for p in written} >= {
        "data.csv", "data_audit.csv", "labels.csv", "labels_audit.csv", "data.sav",
        "tables.csv", "tables.json", "tables.xlsx", "report-da.xlsx", "report-en.xlsx",
        "laptop.sddevice"}
    assert {p.name: leaks(p) for p in written} == {p.name: [] for p in written}
    assert [s for s in SECRETS if s in shown] == []
    # The audit log is there, with the phone interviews' change.
    with open(out / "data_audit.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any(r["question"] == "department" and r["reason"] == "misheard" for r in rows)


def test_a_device_file_with_contacts_asked_for_does_carry_them(project_path, tmp_path, capsys):
    out = tmp_path / "with.sddevice"
    run("sync", "export", project_path, "-o", out, "--include-contacts")
    assert "personal data" in capsys.readouterr().err
    assert leaks(out)


def test_after_purge_not_even_the_project_file_holds_them(project_path, capsys):
    run("privacy", "purge", project_path, "--call-list", "--yes", "--who", "analyst")
    assert leaks(project_path) == []
