"""Time and date-time questions in entry: what to type, and what to type instead."""

from __future__ import annotations

from surveydesk.core.interview import InterviewSession
from surveydesk.core.questionnaire import Question, Questionnaire, QuestionType
from surveydesk.gui import translation
from surveydesk.gui.entry.fields import answer_editor, placeholder, type_problem

TIME = Question("arrived", QuestionType.TIME)
WHEN = Question("booked", QuestionType.DATETIME)
SESSION = InterviewSession(Questionnaire("f", "F", "1", "da", (), (TIME, WHEN)))


def test_the_editor_says_what_to_type_and_what_instead_in_both_languages(qtbot):
    editor = answer_editor(TIME, None)
    qtbot.addWidget(editor)
    assert editor.placeholderText() == "HH:MM"
    assert placeholder(WHEN) == "DD-MM-YYYY HH:MM"
    assert type_problem(SESSION, TIME, "14:30") is None
    assert type_problem(SESSION, TIME, "25:00") == "Type a time as HH:MM, for example 14:30."
    translation.set_ui_language("da")
    try:
        assert placeholder(TIME) == "TT:MM"
        assert type_problem(SESSION, WHEN, "i morgen") == (
            "Skriv dato og klokkeslæt som DD-MM-ÅÅÅÅ TT:MM, fx 12-09-2024 14:30.")
    finally:
        translation.set_ui_language("en")
