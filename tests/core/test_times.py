"""Times of day and date-times (issue 16): read as interviewers type them and as web tools
export them, stored as ISO 8601 with the UTC offset kept when there is one."""

from __future__ import annotations

import pytest

from surveydesk.core.answers import AnswerError, AnswerReader
from surveydesk.core.interview import InterviewSession
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType

TIME = Question("arrived", QuestionType.TIME)
WHEN = Question("booked", QuestionType.DATETIME)


@pytest.mark.parametrize(("typed", "stored"), [
    ("14:30", "14:30:00"),
    ("9.05", "09:05:00"),  # as Danes write it
    ("14:30:15", "14:30:15"),
    ("14:30:00.000+01:00", "14:30:00.000+01:00"),  # ODK Collect, Kobo
    ("14:30:00Z", "14:30:00Z"),
    ("23:59:59-0330", "23:59:59-03:30"),
    ("08:00+02", "08:00:00+02:00"),
])
def test_a_time_of_day_is_read_and_its_offset_kept(typed, stored):
    assert AnswerReader(TIME).read(typed) == stored


@pytest.mark.parametrize(("typed", "stored"), [
    ("2024-09-30 14:30", "2024-09-30T14:30:00"),
    ("30-09-2024 14.30", "2024-09-30T14:30:00"),
    ("30.09.2024 8:05", "2024-09-30T08:05:00"),
    ("2024-09-30T14:30:00.000+02:00", "2024-09-30T14:30:00.000+02:00"),
])
def test_a_date_and_time_is_read_as_iso_8601(typed, stored):
    assert AnswerReader(WHEN).read(typed) == stored


@pytest.mark.parametrize(("question", "typed"), [
    (TIME, "24:00"), (TIME, "12:60"), (TIME, "noon"), (TIME, "12:30+15:00"), (TIME, ""),
    (WHEN, "2024-02-30 10:00"), (WHEN, "2024-09-30"), (WHEN, "30-09-2024 25:00"),
])
def test_impossible_times_are_refused_with_what_to_type(question, typed):
    with pytest.raises(AnswerError, match=r"expected|offset"):
        AnswerReader(question).read(typed)


def test_entry_checks_a_typed_time_before_it_is_accepted():
    form = Questionnaire("f", "F", "1", "da", (), (TIME,))
    session = InterviewSession(form)
    refused = session.check(TIME, "25:00")
    assert not refused.accepted and refused.message.startswith("Expected a time of day")
    assert session.check(TIME, "7.45").value == "07:45:00"


# -- range (a number from start to end in steps) -------------------------------------------
SCALE = Question("likely", QuestionType.RANGE,
                 parameters={"start": "0", "end": "10", "step": "1"})
HALVES = Question("rating", QuestionType.RANGE,
                  parameters={"start": "5", "end": "1", "step": "-0.5"})


@pytest.mark.parametrize(("question", "typed", "value"), [
    (SCALE, "0", 0.0), (SCALE, "10", 10.0), (SCALE, "7", 7.0),
    (HALVES, "2,5", 2.5), (HALVES, "5", 5.0), (HALVES, "1", 1.0),
    (Question("plain", QuestionType.RANGE), "3", 3.0),  # ODK's defaults: 1 to 10 by 1
])
def test_a_range_takes_a_number_on_its_grid(question, typed, value):
    assert AnswerReader(question).read(typed) == value


@pytest.mark.parametrize(("question", "typed", "message"), [
    (SCALE, "11", "expected a number from 0 to 10 in steps of 1"),
    (SCALE, "2.5", "expected a number from 0 to 10 in steps of 1"),
    (SCALE, "mange", "expected a number from 0 to 10 in steps of 1"),
    (HALVES, "2.25", "expected a number from 1 to 5 in steps of 0.5"),
    (Question("plain", QuestionType.RANGE), "0", "expected a number from 1 to 10"),
])
def test_a_number_off_the_range_is_refused_with_the_range(question, typed, message):
    with pytest.raises(AnswerError, match=message):
        AnswerReader(question).read(typed)


def test_a_range_question_is_read_from_the_form_and_analysed_as_a_number(tmp_path):
    from surveydesk.core.errors import FormError
    from surveydesk.core.xlsform import read_xlsform
    from tests.conftest import write_form

    path = write_form(tmp_path / "range.xlsx", choices=None, survey=[
        {"type": "range", "name": "likely", "label": "How likely?",
         "parameters": "start=0 end=10 step=1"}],
        survey_header=("type", "name", "label", "parameters"))
    question = read_xlsform(path).question("likely")
    assert question.range_bounds == (0.0, 10.0, 1.0) and question.type.is_numeric
    broken = write_form(tmp_path / "broken.xlsx", choices=None, survey=[
        {"type": "range", "name": "likely", "label": "How likely?",
         "parameters": "start=0 end=ten"}],
        survey_header=("type", "name", "label", "parameters"))
    with pytest.raises(FormError) as refused:
        read_xlsform(broken)
    assert [(p.row, p.column, p.message) for p in refused.value.problems] == [
        (2, "parameters", "the range's end 'ten' is not a number")]


def test_an_acknowledged_statement_is_stored_as_ok():
    statement = Question("consent", QuestionType.ACKNOWLEDGE)
    session = InterviewSession(Questionnaire("f", "F", "1", "da", (), (statement,)))
    assert session.answer(None).accepted and session.answers == {"consent": "OK"}
    assert AnswerReader(statement).read("ok") == "OK"  # as web exports write it
    with pytest.raises(AnswerError, match="expected OK"):
        AnswerReader(statement).read("yes")
