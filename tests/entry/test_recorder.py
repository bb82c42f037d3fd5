"""The interview recorder (Qt-free): every confirmed step is in the project file at once."""

from __future__ import annotations

import pytest

from surveydesk.core.errors import ProjectFileError
from surveydesk.entry import recorder as recorder_module
from surveydesk.entry.recorder import InterviewRecorder, Setup, abort_reason
from surveydesk.store import entry

SETUP = Setup("MB", "in_person", "Borgerservice, foyer", "2024")



@pytest.fixture
def project(demo_project_file, tmp_path, monkeypatch):
    """A private copy of the session's demo project (per-user files in a temporary folder)."""
    import shutil

    from surveydesk.store.project import Project

    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path / "config"))
    target = tmp_path / "entry.sdproj"
    shutil.copyfile(demo_project_file, target)
    with Project.open(target) as opened:
        yield opened


def _answer_until(recorder: InterviewRecorder, name: str, answers: dict[str, object]) -> None:
    while recorder.session.current != name:
        current = recorder.session.current
        verdict = recorder.confirm(answers.get(current))
        assert verdict.accepted, (current, verdict.message)


PHONE = {"department": "jobcenter", "channel_used": "phone", "channel_preferred": "phone",
         "sat_municipality": "4", "sat_latest": "4", "clear_info": "3", "knew_where": "3",
         "next_steps": "dk", "phone_understood": "5", "phone_friendly": "5",
         "phone_purpose": "4", "phone_overall": "4", "important_phone": ("short_wait",),
         "age": "44", "gender": "female"}


def test_a_new_interview_is_stored_at_once_at_its_first_question(project):
    recorder = InterviewRecorder.start(project, SETUP, "dev-1")
    stored = entry.load_interview(project, recorder.uuid)
    assert (stored.status, stored.current_question, stored.wave, stored.language) == (
        "partial", "intro", "2024", "da")
    assert recorder.session.current == "intro"


def test_a_preloaded_interview_begins_at_the_introduction_with_the_answer_chosen(project):
    phone = Setup("MB", "phone", "", "2024")
    recorder = InterviewRecorder.start(project, phone, "dev-1", preload={"department": "pension"})
    stored = entry.load_interview(project, recorder.uuid)
    assert (stored.mode, stored.current_question, stored.answers) == (
        "phone", "intro", {"department": "pension"})
    assert recorder.session.current == "intro"
    recorder.confirm(None)  # the introduction is read out
    assert recorder.question().name == "department"
    assert recorder.session.answers["department"] == "pension"
    recorder.confirm("pension")  # the citizen confirms what the call list said
    assert recorder.session.current == "contact_date"
    assert project.audit_log(recorder.uuid) == []  # confirming is not a change


def test_every_accepted_answer_is_stored_with_the_question_that_comes_next(project):
    recorder = InterviewRecorder.start(project, SETUP, "dev-1")
    _answer_until(recorder, "channel_used", PHONE)
    stored = entry.load_interview(project, recorder.uuid)
    assert stored.answers == {"department": "jobcenter"}
    assert stored.current_question == "channel_used"
    refused = recorder.confirm(None)
    assert not refused.accepted and refused.message == "Spørgsmålet skal besvares."
    assert entry.load_interview(project, recorder.uuid).current_question == "channel_used"


def test_a_correction_on_the_review_page_is_audited_and_new_questions_are_asked(project):
    recorder = InterviewRecorder.start(project, SETUP, "dev-1")
    _answer_until(recorder, None, PHONE)
    assert recorder.at_review
    recorder.correct("channel_used")
    assert recorder.confirm("web").accepted
    # The web statements are new on the route: asked before returning to the review page.
    assert recorder.session.current == "web_easy_find"
    for answer in ("5", "4", "4", "5", "5"):
        assert recorder.confirm(answer).accepted
    assert recorder.session.current == "important_web"
    assert recorder.confirm(("clear_site",)).accepted
    assert recorder.at_review and not recorder.correcting
    (change,) = project.audit_log(recorder.uuid)
    assert (change.question, change.old_value, change.new_value, change.reason) == (
        "channel_used", "phone", "web", "corrected on the review page")
    assert recorder.complete() == []
    done = entry.load_interview(project, recorder.uuid)
    assert done.status == "complete"
    assert "phone_understood" not in done.answers and done.answers["web_overall"] == "5"
    cleared = {c.question for c in project.audit_log(recorder.uuid)
               if c.reason.startswith("no longer asked")}
    assert cleared == {"phone_understood", "phone_friendly", "phone_purpose",
                       "phone_overall", "important_phone"}


def test_complete_is_refused_while_required_questions_have_no_answer(project):
    recorder = InterviewRecorder.start(project, SETUP, "dev-1")
    _answer_until(recorder, "age", PHONE)
    recorder.to_review()
    missing = recorder.complete()
    assert [q.name for q in missing] == ["age", "gender"]
    assert entry.load_interview(project, recorder.uuid).status == "partial"


def test_a_failed_write_leaves_the_session_as_it_is_on_disk(project, monkeypatch):
    recorder = InterviewRecorder.start(project, SETUP, "dev-1")
    _answer_until(recorder, "department", PHONE)

    def fail(*_args, **_kwargs):
        raise ProjectFileError("the disk is full")

    monkeypatch.setattr(recorder_module.entry, "save_answer", fail)
    with pytest.raises(ProjectFileError):
        recorder.confirm("jobcenter")
    assert recorder.session.current == "department"
    assert "department" not in recorder.session.answers


def test_resume_continues_at_the_stored_question_with_the_stored_answers(project):
    first = InterviewRecorder.start(project, SETUP, "dev-1")
    _answer_until(first, "sat_latest", PHONE)
    again = InterviewRecorder.resume(project, first.uuid, "AK")
    assert again.session.current == "sat_latest"
    assert again.session.answers["channel_used"] == "phone"
    assert again.who == "AK"


def test_abort_keeps_the_answers_and_the_reason(project):
    recorder = InterviewRecorder.start(project, SETUP, "dev-1")
    _answer_until(recorder, "channel_used", PHONE)
    recorder.abort(abort_reason("left", "  had to catch a bus "))
    frame = entry.browse_interviews(project, status="aborted")
    row = frame[frame.uuid == recorder.uuid].iloc[0]
    assert row.end_reason == "citizen left: had to catch a bus"
    assert entry.load_interview(project, recorder.uuid).answers == {"department": "jobcenter"}


def test_abort_reasons_are_stored_in_plain_words():
    assert abort_reason("refused") == "citizen refused to continue"
    assert abort_reason("other", "fire alarm") == "fire alarm"
    assert abort_reason("language", "Arabic") == "language barrier: Arabic"


def test_the_question_language_cycles_through_the_form_languages(project):
    recorder = InterviewRecorder.start(project, SETUP, "dev-1")
    assert recorder.session.language == "da"
    assert recorder.next_language() == "en"
    assert recorder.next_language() == "da"


def _first_choice(question):
    if question.choice_list is not None:
        first = question.choice_list.names[0]
        return (first,) if question.type.value == "select_multiple" else first
    return None


def test_a_calculation_is_stored_with_the_answer_it_depends_on(tmp_path):
    from surveydesk.io.demo import write_demo

    with write_demo(tmp_path / "jobcentre.sdproj", "jobcentre") as project:
        recorder = InterviewRecorder.start(project, SETUP, "dev-1")
        while recorder.session.current != "age":
            assert recorder.confirm(_first_choice(recorder.question())).accepted
        assert recorder.confirm("34").accepted
        stored = entry.load_interview(project, recorder.uuid)
        assert (stored.answers["age"], stored.answers["age_band"]) == ("34", "30to49")
        while not recorder.at_review:
            assert recorder.confirm(None).accepted
        recorder.correct("age")
        assert recorder.confirm("61").accepted and recorder.at_review
        stored = entry.load_interview(project, recorder.uuid)
        assert (stored.answers["age"], stored.answers["age_band"]) == ("61", "50plus")
        reasons = {c.question: c.reason for c in project.audit_log(recorder.uuid)}
        assert reasons == {"age": "corrected on the review page",
                           "age_band": "recalculated after an answer changed"}


def test_the_question_language_is_stored_so_a_resume_continues_in_it(project):
    from surveydesk.store import entry

    recorder = InterviewRecorder.start(project, Setup("MB", "in_person", "Foyer", "2024"),
                                       "dev-1")
    assert recorder.next_language() == "en"
    assert entry.load_interview(project, recorder.uuid).language == "en"
    resumed = InterviewRecorder(project, entry.load_interview(project, recorder.uuid), "MB")
    assert resumed.session.language == "en"
