"""ODK metadata and what only a phone collects (issue 16): the form loads; entry fills start,
today, deviceid and username when an interview starts and end when it is completed, and
passes geopoint, image and barcode by; imported web data keeps their values as text, and the
export carries them."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from surveydesk.core.questionnaire import QuestionType
from surveydesk.core.xlsform import read_xlsform
from surveydesk.entry.recorder import InterviewRecorder, Setup, device_metadata
from surveydesk.io.exporter import export_csv
from surveydesk.io.importer import import_file
from surveydesk.store.project import Project
from tests.conftest import write_form

SURVEY = [
    {"type": "start", "name": "started"},
    {"type": "end", "name": "ended"},
    {"type": "today", "name": "day"},
    {"type": "deviceid", "name": "device"},
    {"type": "imei", "name": "imei_old"},  # pyxform's older name of deviceid
    {"type": "username", "name": "who"},
    {"type": "phonenumber", "name": "phone"},
    {"type": "audit", "name": "audit"},
    {"type": "integer", "name": "age", "label::Dansk (da)": "Alder"},
    {"type": "geopoint", "name": "where", "label::Dansk (da)": "Hvor?"},
    {"type": "photo", "name": "picture", "label::Dansk (da)": "Billede"},
    {"type": "barcode", "name": "code", "label::Dansk (da)": "Stregkode"},
    {"type": "text", "name": "comment", "label::Dansk (da)": "Kommentar"},
    {"type": "hidden", "name": "campaign"},
]
SETUP = Setup("MB", "in_person", "Borgerservice", "2025")


@pytest.fixture
def form(tmp_path):
    return write_form(tmp_path / "meta.xlsx", survey=SURVEY, choices=None,
                      settings={"form_id": "meta", "version": "1", "default_language": "da"})


@pytest.fixture
def project(tmp_path, form):
    with Project.create(tmp_path / "meta.sdproj", form.read_bytes(),
                        read_xlsform(form)) as created:
        yield created


def _imported_and_exported(project, folder, text: str) -> list[dict[str, str]]:
    """Import ``text`` as a CSV file into wave 2025, export the project; its rows."""
    data = folder / "web.csv"
    data.write_text(text, encoding="utf-8")
    import_file(project, data, "2025")
    out = folder / "out.csv"
    export_csv(project, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_form_loads_with_metadata_and_phone_only_types(form):
    questionnaire = read_xlsform(form)
    types = {q.name: q.type for q in questionnaire.questions}
    assert types["imei_old"] is QuestionType.DEVICEID
    assert types["picture"] is QuestionType.IMAGE
    assert [q.name for q in questionnaire.questions if q.type.is_asked] == ["age", "comment"]
    assert all(q.type.holds_answer for q in questionnaire.questions)


def test_metadata_of_the_start_and_the_end_as_odk_collect_writes_it(form):
    questionnaire = read_xlsform(form)
    moment = dt.datetime(2025, 3, 4, 9, 5, 7, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert device_metadata(questionnaire, "start", now=moment, interviewer=" MB ",
                           device_id="device-1") == {
        "started": "2025-03-04T09:05:07+01:00", "day": "2025-03-04", "device": "device-1",
        "imei_old": "device-1", "who": "MB"}
    assert device_metadata(questionnaire, "end", now=moment) == {
        "ended": "2025-03-04T09:05:07+01:00"}


def test_entry_fills_the_metadata_and_passes_phone_only_questions_by(project):
    recorder = InterviewRecorder.start(project, SETUP, "device-7")
    answers = recorder.session.answers
    assert answers["device"] == answers["imei_old"] == "device-7" and answers["who"] == "MB"
    started = dt.datetime.fromisoformat(answers["started"])
    assert started.tzinfo is not None and answers["day"] == started.date().isoformat()
    assert "phone" not in answers and "ended" not in answers
    assert recorder.session.current == "age"
    recorder.confirm(44)
    assert recorder.session.current == "comment"  # geopoint, photo and barcode passed by
    recorder.confirm("fint")
    assert recorder.at_review and recorder.complete() == []
    stored = project.db.row("SELECT answers, status FROM interview WHERE uuid = ?",
                            (recorder.uuid,))
    assert stored[1] == "complete" and '"ended"' in stored[0] and '"started"' in stored[0]


def test_web_data_keeps_positions_pictures_and_codes_as_text_and_exports_them(project,
                                                                            tmp_path):
    (row,) = _imported_and_exported(
        project, tmp_path,
        "respondent_id,started,ended,day,device,age,where,picture,code,comment,campaign\n"
        "w1,2025-03-04T09:05:07.000+01:00,2025-03-04T09:09:00.000+01:00,2025-03-04,"
        "collect:abc,44,55.6761 12.5683 12 4.5,1741075500.jpg,5701234567892,fint,sms\n")
    assert row["where"] == "55.6761 12.5683 12 4.5" and row["picture"] == "1741075500.jpg"
    assert row["code"] == "5701234567892" and row["device"] == "collect:abc"
    assert row["started"] == "2025-03-04T09:05:07.000+01:00" and row["age"] == "44"
    assert row["campaign"] == "sms"


def test_form_check_says_what_entry_fills_in_and_what_is_only_kept(form, capsys):
    from surveydesk.cli import main

    assert main(["form", "check", str(form)]) == 0
    out = capsys.readouterr().out
    assert ("filled in by interview entry: started (start), ended (end), day (today), "
            "device (deviceid), imei_old (deviceid), who (username), phone (phonenumber), "
            "audit (audit)") in out
    assert ("kept from imported data, not collected on a laptop: where (geopoint), "
            "picture (image), code (barcode)") in out
    assert "kept from imported data, never asked: campaign (hidden)" in out


def test_times_are_entered_imported_and_exported_as_typed_answers(tmp_path):
    path = write_form(tmp_path / "times.xlsx", choices=None, survey=[
        {"type": "time", "name": "arrived", "label::Dansk (da)": "Ankomst"},
        {"type": "dateTime", "name": "booked", "label::Dansk (da)": "Booket"},
    ], settings={"form_id": "times", "version": "1", "default_language": "da"})
    questionnaire = read_xlsform(path)
    assert [q.type for q in questionnaire.questions] == [QuestionType.TIME,
                                                         QuestionType.DATETIME]
    with Project.create(tmp_path / "times.sdproj", path.read_bytes(), questionnaire) as project:
        recorder = InterviewRecorder.start(project, SETUP, "device-7")
        assert not recorder.confirm("9.75").accepted  # not a time: asked again
        assert recorder.confirm("9.45").accepted
        assert recorder.confirm("30-09-2025 14:30").accepted and recorder.complete() == []
        exported = _imported_and_exported(
            project, tmp_path, "respondent_id,arrived,booked\n"
            "w1,14:30:00.000+01:00,2025-09-30T14:30:00.000+02:00\n")
    rows = {row["respondent_id"] or "entered": row for row in exported}
    assert (rows["entered"]["arrived"], rows["entered"]["booked"]) == (
        "09:45:00", "2025-09-30T14:30:00")
    assert (rows["w1"]["arrived"], rows["w1"]["booked"]) == (
        "14:30:00.000+01:00", "2025-09-30T14:30:00.000+02:00")
