"""The option list on its own (two-digit numbers, the pause, "up to N"), and the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt

from surveydesk.core.questionnaire import Choice, ChoiceList, Question, QuestionType
from surveydesk.gui.entry.options import OptionList

LEFT = Qt.MouseButton.LeftButton


def _question(kind: QuestionType, count: int) -> Question:
    choices = tuple(Choice(f"c{i}", {"da": f"Valg {i}"}) for i in range(1, count + 1))
    return Question("q", kind, {"da": "?"}, choice_list=ChoiceList("l", choices))


def _options(qtbot, kind: QuestionType, count: int, limit=None) -> OptionList:
    widget = OptionList()
    qtbot.addWidget(widget)
    widget.show_choices(_question(kind, count), "da", ("da",), None, limit)
    widget.show()
    return widget


def test_in_a_long_multiple_choice_list_one_digit_waits_for_the_next(qtbot):
    widget = _options(qtbot, QuestionType.SELECT_MULTIPLE, 13)
    widget._timer.setInterval(50)  # the pause, shortened for the test
    qtbot.keyClicks(widget, "12")
    assert widget.value() == ("c12",)
    qtbot.keyClicks(widget, "1")
    assert widget.chosen == [11]  # not yet: "1" may become 10..13
    qtbot.waitUntil(lambda: widget.chosen == [11, 0], timeout=2000)
    qtbot.keyClicks(widget, "3")
    assert widget.value() == ("c1", "c3", "c12")


def test_enter_does_not_wait_for_the_pause(qtbot):
    widget = _options(qtbot, QuestionType.SELECT_MULTIPLE, 13)
    qtbot.keyClicks(widget, "1")
    assert widget.value() == ("c1",)  # value() settles the pending digit at once


def test_a_limit_refuses_one_more_and_says_which_selection_was_refused(qtbot):
    widget = _options(qtbot, QuestionType.SELECT_MULTIPLE, 5, limit=2)
    with qtbot.waitSignal(widget.refused) as refused:
        qtbot.keyClicks(widget, "135")
    assert refused.args == [("c1", "c3", "c5")]
    assert widget.value() == ("c1", "c3")


def test_arrows_move_the_choice_of_a_single_choice_list(qtbot):
    widget = _options(qtbot, QuestionType.SELECT_ONE, 4)
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    assert widget.value() == "c3"
    qtbot.keyClick(widget, Qt.Key.Key_Up)
    assert widget.value() == "c2"


def test_clicking_an_option_and_next_answers_with_the_mouse(window, keyboard, qtbot):
    page = window.entry_page
    keyboard.type("MB")
    qtbot.mouseClick(page.start_page.new_button, LEFT)
    interview = page.interview_page
    qtbot.mouseClick(interview.next_button, LEFT)  # the introduction
    row = interview.options.rows[1]
    qtbot.mouseClick(row, LEFT, pos=row.rect().center())
    assert interview.options.value() == "jobcenter"
    qtbot.mouseClick(interview.next_button, LEFT)
    assert page.recorder.session.current == "contact_date"
    qtbot.mouseClick(interview.back_button, LEFT)
    assert page.recorder.session.current == "department"
    assert interview.options.value() == "jobcenter"



def test_clicking_a_row_of_the_review_page_goes_to_that_question(window, keyboard, qtbot):
    page = window.entry_page
    keyboard.type("MB")
    keyboard.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    keyboard.enter()
    keyboard.answer("2")
    page.recorder.to_review()
    page._show_current()
    table = page.review_page.table
    assert table.item(0, 2).text() == "Jobcentret"
    rect = table.visualRect(table.model().index(0, 1))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    assert page.stack.currentWidget() is page.interview_page
    assert page.recorder.session.current == "department"
    keyboard.answer("1")
    # Corrections go back to the review page; unanswered questions after it are not asked.
    assert page.stack.currentWidget() is page.review_page
    (change,) = page.project.audit_log(page.recorder.uuid)
    assert (change.old_value, change.new_value) == ("jobcenter", "borgerservice")
