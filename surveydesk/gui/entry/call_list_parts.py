"""Parts of the call list panel: its texts, times and fonts, and the building of its areas.

:func:`build_panel` makes the panel's widgets and layout, as a Qt Designer ``setupUi``
would: the overview counts, the next number with what is known before the call, today's
appointments, the note and the outcome buttons. :mod:`surveydesk.gui.entry.call_list`
fills them from the store and records what the interviewer chooses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.questionnaire import Questionnaire, QuestionType
from surveydesk.gui.translation import ui_locale

translate = QCoreApplication.translate
Clock = Callable[[], dt.datetime]
# Outcome -> function key, in the order of the buttons. F1 stays help and F2 is the entry
# screen's question-language switch (two widgets with one key would make it ambiguous and
# neither would fire); F10 opens the menu bar on Windows.
OUTCOME_KEYS = {
    "interview": Qt.Key.Key_F3, "no_answer": Qt.Key.Key_F4, "busy": Qt.Key.Key_F5,
    "call_back": Qt.Key.Key_F6, "refused": Qt.Key.Key_F7, "wrong_number": Qt.Key.Key_F8,
    "language_problem": Qt.Key.Key_F9,
}
OVERVIEW_KEYS = ("total", "open", "appointment", "completed", "refused", "wrong_number",
                  "language_problem", "exhausted", "attempts", "response_rate")
STYLE = """
#callListPanel QLabel#phoneLabel { color: #1d5c8c; }
#callListPanel QLabel[role="muted"] { color: #52606d; }
#callListPanel QLabel[role="message"] {
    color: #8a1c1c; background: #fdeeee; border: 1px solid #f1b8b8; border-radius: 6px;
    padding: 8px 12px;
}
#callListPanel QLabel[role="notice"] {
    color: #1e5631; background: #e9f5ec; border: 1px solid #b7dcc0; border-radius: 6px;
    padding: 8px 12px;
}
#callListPanel QFrame#nextCallFrame {
    background: #ffffff; border: 1px solid #cbd2d9; border-radius: 8px;
}
#callListPanel QPushButton { padding: 6px 8px; }
#callListPanel QPushButton#outcome_interview {
    color: white; background: #1d5c8c; border: 1px solid #1d5c8c; border-radius: 4px;
    font-weight: 600;
}
#callListPanel QPushButton#outcome_interview:disabled { background: #9aa5b1; }
"""


def utc_clock() -> dt.datetime:
    """The real clock (tests pass a fake one)."""
    return dt.datetime.now(dt.UTC)


def outcome_name(outcome: str) -> str:
    names = {
        "interview": translate("CallListPanel", "Interview"),
        "no_answer": translate("CallListPanel", "No answer"),
        "busy": translate("CallListPanel", "Busy"),
        "call_back": translate("CallListPanel", "Call back at…"),
        "refused": translate("CallListPanel", "Refused"),
        "wrong_number": translate("CallListPanel", "Wrong number"),
        "language_problem": translate("CallListPanel", "Language problem"),
    }
    return names[outcome]


def overview_caption(key: str) -> str:
    captions = {
        "total": translate("CallListPanel", "Numbers"),
        "open": translate("CallListPanel", "Open"),
        "appointment": translate("CallListPanel", "Appointments"),
        "completed": translate("CallListPanel", "Interviewed"),
        "refused": translate("CallListPanel", "Refused"),
        "wrong_number": translate("CallListPanel", "Wrong number"),
        "language_problem": translate("CallListPanel", "Language problem"),
        "exhausted": translate("CallListPanel", "No more attempts"),
        "attempts": translate("CallListPanel", "Calls made"),
        "response_rate": translate("CallListPanel", "Response rate"),
    }
    return captions[key]


def local_time(stamp: str) -> QDateTime:
    """A stored UTC instant as a local QDateTime."""
    return QDateTime.fromSecsSinceEpoch(int(dt.datetime.fromisoformat(stamp).timestamp()))


def when_text(stamp: str, today: dt.date) -> str:
    """``14:30`` today, otherwise the short date and time, in the UI locale."""
    moment = local_time(stamp)
    locale = ui_locale()
    if moment.date().toPython() == today:
        return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


def scaled_font(widget: QWidget, scale: float, bold: bool = False) -> QFont:
    """``widget``'s font, ``scale`` times as large (and bold if asked)."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


def build_panel(panel: QWidget, record: Callable[[str], None]) -> None:
    """Make the widgets of ``panel`` (the call list panel; they become its attributes) and
    lay them out; an outcome button calls ``record(outcome)``. Nothing here needs the
    panel's class, so this module stays below :mod:`surveydesk.gui.entry.call_list`."""
    # -- how fieldwork stands ----------------------------------------------------------
    panel.overview_captions, panel.overview_values = {}, {}
    overview = QGridLayout()
    overview.setHorizontalSpacing(18)
    overview.setVerticalSpacing(2)
    for column, key in enumerate(OVERVIEW_KEYS):
        caption, value = QLabel(), QLabel()
        caption.setProperty("role", "muted")
        value.setObjectName(f"overview_{key}")
        value.setFont(scaled_font(value, 1.25, bold=True))
        overview.addWidget(caption, 0, column)
        overview.addWidget(value, 1, column)
        panel.overview_captions[key], panel.overview_values[key] = caption, value
    overview.setColumnStretch(len(OVERVIEW_KEYS), 1)

    # -- the next number ---------------------------------------------------------------
    panel.next_heading = QLabel()
    panel.next_heading.setFont(scaled_font(panel.next_heading, 1.1, bold=True))
    panel.next_heading.setProperty("role", "muted")
    panel.phone_label = QLabel(objectName="phoneLabel")
    panel.phone_label.setFont(scaled_font(panel.phone_label, 3.0, bold=True))
    panel.name_label = QLabel(objectName="nameLabel", wordWrap=True)
    panel.name_label.setFont(scaled_font(panel.name_label, 1.8, bold=True))
    panel.details_label = QLabel(objectName="detailsLabel", wordWrap=True)
    panel.details_label.setFont(scaled_font(panel.details_label, 1.15))
    panel.appointment_label = QLabel(objectName="appointmentLabel", wordWrap=True)
    panel.appointment_label.setFont(scaled_font(panel.appointment_label, 1.25, bold=True))
    panel.appointment_label.setProperty("role", "notice")
    for label in (panel.phone_label, panel.name_label, panel.details_label):
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    panel.preload_heading = QLabel()
    panel.preload_heading.setProperty("role", "muted")
    panel.preload_form = QFormLayout()
    panel.preload_form.setHorizontalSpacing(16)
    panel.preload_form.setVerticalSpacing(4)
    panel.preload_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    panel.empty_label = QLabel(objectName="emptyLabel", wordWrap=True)
    panel.empty_label.setFont(scaled_font(panel.empty_label, 1.4))
    frame = QFrame(objectName="nextCallFrame")
    inside = QVBoxLayout(frame)
    inside.setContentsMargins(20, 14, 20, 14)
    inside.setSpacing(6)
    inside.addWidget(panel.next_heading)
    inside.addWidget(panel.phone_label)
    inside.addWidget(panel.name_label)
    inside.addWidget(panel.details_label)
    inside.addWidget(panel.appointment_label)
    inside.addSpacing(6)
    inside.addWidget(panel.preload_heading)
    inside.addLayout(panel.preload_form)
    inside.addWidget(panel.empty_label)
    inside.addStretch(1)

    # -- today's appointments ----------------------------------------------------------
    panel.appointments_heading = QLabel()
    panel.appointments_heading.setFont(scaled_font(panel.appointments_heading, 1.1, bold=True))
    panel.appointments_table = QTableWidget(0, 3, objectName="appointmentsTable")
    panel.appointments_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    panel.appointments_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    panel.appointments_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    panel.appointments_table.verticalHeader().setVisible(False)
    panel.appointments_table.setShowGrid(False)
    panel.appointments_table.setAlternatingRowColors(True)
    header = panel.appointments_table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    panel.no_appointments_label = QLabel(wordWrap=True)
    panel.no_appointments_label.setProperty("role", "muted")
    side = QVBoxLayout()
    side.addWidget(panel.appointments_heading)
    side.addWidget(panel.appointments_table, 1)
    side.addWidget(panel.no_appointments_label)
    side.addStretch(0)  # keeps heading and "no appointments" at the top
    side_widget = QWidget()
    side_widget.setLayout(side)
    side_widget.setMinimumWidth(300)
    side.setContentsMargins(0, 0, 0, 0)

    middle = QHBoxLayout()
    middle.setSpacing(16)
    middle.addWidget(frame, 3)
    middle.addWidget(side_widget, 2)

    # -- outcomes ----------------------------------------------------------------------
    panel.note_caption = QLabel()
    panel.note_edit = QLineEdit(objectName="noteEdit")
    panel.note_edit.setMaxLength(500)
    panel.note_caption.setBuddy(panel.note_edit)
    note_row = QHBoxLayout()
    note_row.addWidget(panel.note_caption)
    note_row.addWidget(panel.note_edit, 1)
    panel.outcome_buttons = {}
    buttons = QHBoxLayout()
    buttons.setSpacing(8)
    for outcome in OUTCOME_KEYS:
        button = QPushButton(objectName=f"outcome_{outcome}")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setMinimumHeight(52)
        button.clicked.connect(lambda _checked=False, o=outcome: record(o))
        panel.outcome_buttons[outcome] = button
    panel.call_back_edit = QDateTimeEdit(objectName="callBackEdit")
    panel.call_back_edit.setCalendarPopup(True)
    panel.call_back_edit.setMinimumHeight(52)
    call_back_box = QHBoxLayout()
    call_back_box.setSpacing(4)
    call_back_box.addWidget(panel.outcome_buttons["call_back"], 1)
    call_back_box.addWidget(panel.call_back_edit)
    for outcome in ("interview", "no_answer", "busy"):
        buttons.addWidget(panel.outcome_buttons[outcome], 2 if outcome == "interview" else 1)
    buttons.addLayout(call_back_box, 2)
    for outcome in ("refused", "wrong_number", "language_problem"):
        buttons.addWidget(panel.outcome_buttons[outcome], 1)
    panel.message_label = QLabel(objectName="messageLabel", wordWrap=True)
    panel.message_label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse)

    layout = QVBoxLayout(panel)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(12)
    layout.addLayout(overview)
    layout.addLayout(middle, 1)
    layout.addLayout(note_row)
    layout.addLayout(buttons)
    layout.addWidget(panel.message_label)


def preload_rows(questionnaire: Questionnaire | None, preload: Mapping[str, str],
                 language: str) -> list[tuple[str, str]]:
    """``(question label, answer label)`` of each preloaded answer, in form order, in
    ``language`` if the form has it (question names and stored text without a form)."""
    if questionnaire is None:
        return sorted(preload.items())
    if language not in questionnaire.language_codes:
        language = questionnaire.default_language
    rows = []
    for question in questionnaire.questions:
        stored = preload.get(question.name)
        if stored is None:
            continue
        shown = stored
        if question.type.is_select and question.choice_list is not None:
            names = stored.split() if question.type is QuestionType.SELECT_MULTIPLE else [
                stored]
            known = {c.name: c for c in question.choice_list.choices}
            shown = ", ".join(known[n].label(language, questionnaire.fallback)
                              if n in known else n for n in names)
        rows.append((question.label(language, questionnaire.fallback), shown))
    for name in sorted(set(preload) - {q.name for q in questionnaire.questions}):
        rows.append((name, preload[name]))  # a question of an older form version
    return rows
