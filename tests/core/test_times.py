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
