"""The interview route: skip logic, checks, calculations, back, review, completion."""

from __future__ import annotations

import pytest

from surveydesk.core.interview import REVIEW, InterviewSession, selection_limit
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.demo import demo_form_path


@pytest.fixture(scope="module")
def citizen():
    return read_xlsform(demo_form_path("citizen_service"))


@pytest.fixture(scope="module")
def jobcentre():
    return read_xlsform(demo_form_path("jobcentre"))


def answer_until(session, name, answers):
    while session.current != name:
        question = session.question()
        verdict = session.answer(answers.get(question.name))
        assert verdict.accepted, (question.name, verdict.message)


def test_the_route_follows_skip_logic(citizen):
    session = InterviewSession(citizen, language="en")
    assert session.current == "intro"
    session.answer(None)  # the note
    answer_until(session, "channel_preferred", {"department": "borgerservice",
                                                "contact_date": "2024-09-01",
                                                "channel_used": "phone"})
    route = [q.name for q in session.route()]
    assert "phone_understood" in route and "web_easy_use" not in route
    assert "important_phone" in route


def test_required_constraint_and_type_checks_give_messages(citizen):
    session = InterviewSession(citizen, language="en", current="age")
    age = citizen.question("age")
    assert session.check(age, None).message
    assert not session.check(age, "abc").accepted
    verdict = session.check(age, "12")
    assert not verdict.accepted and "15" in verdict.message
    assert session.check(age, "44").accepted and session.check(age, "44").value == 44
    danish = InterviewSession(citizen, language="da", current="age")
    assert danish.check(age, "12").message != verdict.message


def test_pick_up_to_three_is_a_limit_and_a_constraint(citizen):
    question = citizen.question("important_phone")
    assert selection_limit(question) == 3
    session = InterviewSession(citizen, language="en")
    names = question.choice_list.names
    assert not session.check(question, names[:4]).accepted
    assert session.check(question, (names[2], names[0])).value == (names[0], names[2])


def test_back_keeps_answers_and_changing_an_answer_changes_the_route(citizen):
    session = InterviewSession(citizen, language="en")
    session.answer(None)
    answer_until(session, "channel_preferred", {"department": "jobcenter",
                                                "contact_date": "",
                                                "channel_used": "web"})
    assert session.go_back() and session.current == "channel_used"
    assert session.answers["channel_used"] == "web"
    session.answer("phone")
    assert session.current == "channel_preferred"
    assert "web_easy_use" not in [q.name for q in session.route()]


def test_calculations_are_kept_up_to_date(jobcentre):
    session = InterviewSession(jobcentre, current="age")
    session.answer("27")
    assert session.answers["age_band"] == "under30"
    session.go_to("age")
    session.answer("55")
    assert session.answers["age_band"] == "50plus"


def test_resume_starts_at_the_stored_question_with_stored_answers(citizen):
    session = InterviewSession(citizen, {"department": "jobcenter", "channel_used": "phone"},
                               current="channel_preferred")
    assert session.current == "channel_preferred"
    assert session.answers["department"] == "jobcenter"
    lost = InterviewSession(citizen, {"department": "jobcenter"}, current=None)
    assert lost.current == "contact_date"  # the first question without an answer


def test_review_lists_answers_and_completion_needs_required_ones(citizen):
    session = InterviewSession(citizen, language="en", current="age")
    session.answer("44")
    assert session.current == "gender"
    assert any(q.name == "department" for q in session.missing())
    rows = dict((q.name, text) for q, text in session.review())
    assert rows["age"] == "44" and rows["department"] == ""
    session.go_to(REVIEW)
    assert session.position()[0] == session.position()[1]


def test_answers_no_longer_asked_are_found_for_clearing(citizen):
    session = InterviewSession(citizen, {"channel_used": "phone", "phone_understood": "5"},
                               current="channel_used")
    session.answer("web")
    assert session.no_longer_asked() == {"phone_understood": "5"}
