"""Getting started: four steps through the demo project, shown beside the views.

On the very first start (no ``gettingStarted/seen`` in QSettings) the app opens the demo
project (:mod:`surveydesk.app` does that when no project is given) and this panel docks on
the right: look at the questionnaire, run an interview, look at the results, write the
report; each step has a button that takes the user there (the same actions as the menus,
so the buttons name the same shortcuts). It is not modal and closes like any panel; later
starts show it again only if it was open when the app closed, and never once "Don't show
again" is ticked. Help ▸ Getting started brings it back at any time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from surveydesk.gui.translation import fill

translate = QCoreApplication.translate

SEEN_KEY = "gettingStarted/seen"
DONT_SHOW_KEY = "gettingStarted/dontShow"


def is_first_run() -> bool:
    """Whether SurveyDesk has never been started by this user before."""
    return not QSettings().contains(SEEN_KEY)


def mark_seen() -> None:
    QSettings().setValue(SEEN_KEY, True)


def dont_show() -> bool:
    return QSettings().value(DONT_SHOW_KEY, False, type=bool)


def set_dont_show(value: bool) -> None:
    QSettings().setValue(DONT_SHOW_KEY, bool(value))


@dataclass(frozen=True)
class Step:
    """One step: its title, what the user will see, the button text and the action the
    button triggers."""

    title: Callable[[], str]
    text: Callable[[], str]
    button: Callable[[], str]
    action: QAction


def steps(overview: QAction, entry: QAction, analysis: QAction, report: QAction) -> list[Step]:
    return [
        Step(lambda: translate("GettingStarted", "Look at the questionnaire"),
             lambda: translate("GettingStarted", "The project overview names the "
                               "questionnaire, its languages and version, and counts the "
                               "interviews of every wave by mode and status."),
             lambda: translate("GettingStarted", "Show the overview"), overview),
        Step(lambda: translate("GettingStarted", "Run an interview"),
             lambda: translate("GettingStarted", "Interview entry: fill in who interviews, "
                               "how and in which wave, then start a new interview. Number "
                               "keys choose an answer, Enter goes on."),
             lambda: translate("GettingStarted", "Start interviewing"), entry),
        Step(lambda: translate("GettingStarted", "Look at the results"),
             lambda: translate("GettingStarted", "Analysis: choose a question on the left to "
                               "see its table and chart, compared with the previous wave or "
                               "broken down by a background question."),
             lambda: translate("GettingStarted", "Show the results"), analysis),
        Step(lambda: translate("GettingStarted", "Write the report"),
             lambda: translate("GettingStarted", "The client's Excel report, in Danish or "
                               "English, with the breakdowns and weighting chosen in "
                               "Analysis."),
             lambda: translate("GettingStarted", "Write the report…"), report),
    ]


def _shortcut_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class GettingStartedPanel(QDockWidget):
    """The four steps, docked on the right of the main window."""

    def __init__(self, step_list: list[Step], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gettingStartedDock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)
        self.steps = step_list
        body = QWidget()
        body.setObjectName("gettingStartedBody")
        # Compact cards: all four steps fit beside the overview at the default window size.
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 4, 10, 8)
        layout.setSpacing(5)
        self.intro_label = QLabel(wordWrap=True)
        layout.addWidget(self.intro_label)
        self.number_labels: list[QLabel] = []
        self.title_labels: list[QLabel] = []
        self.text_labels: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        self.cards: list[QFrame] = []
        for number, step in enumerate(step_list, start=1):
            frame = QFrame(frameShape=QFrame.Shape.StyledPanel)
            grid = QGridLayout(frame)
            grid.setContentsMargins(8, 5, 8, 5)
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(2)
            number_label = QLabel(str(number))
            number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number_label.setFixedSize(22, 22)
            number_label.setStyleSheet("border-radius: 11px; font-weight: bold;"
                                       "background: palette(highlight);"
                                       "color: palette(highlighted-text);")
            title = QLabel(wordWrap=True)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            text = QLabel(wordWrap=True)
            small = text.font()
            small.setPointSizeF(small.pointSizeF() * 0.92)
            text.setFont(small)
            button = QPushButton()
            button.setStyleSheet("QPushButton { padding: 1px 8px; }")
            button.clicked.connect(step.action.trigger)
            step.action.changed.connect(self._update_buttons)
            grid.addWidget(number_label, 0, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(title, 0, 1)
            grid.addWidget(text, 1, 1)
            grid.addWidget(button, 2, 1, Qt.AlignmentFlag.AlignLeft)
            grid.setColumnStretch(1, 1)
            layout.addWidget(frame)
            self.cards.append(frame)
            self.number_labels.append(number_label)
            self.title_labels.append(title)
            self.text_labels.append(text)
            self.buttons.append(button)
        layout.addStretch(1)
        self.dont_show_box = QCheckBox()
        self.dont_show_box.setChecked(dont_show())
        self.dont_show_box.toggled.connect(self._dont_show_toggled)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.dont_show_box, 1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        self.setWidget(self.scroll)
        self.setMinimumWidth(300)
        self.retranslateUi()

    def _dont_show_toggled(self, checked: bool) -> None:
        set_dont_show(checked)

    def _update_buttons(self) -> None:
        for step, button in zip(self.steps, self.buttons, strict=True):
            button.setEnabled(step.action.isEnabled())
            keys = _shortcut_text(step.action)
            button.setText(fill(translate("GettingStarted", "%1 (%2)"), step.button(), keys)
                           if keys else step.button())

    def showEvent(self, event) -> None:
        self.dont_show_box.setChecked(dont_show())
        self._update_buttons()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(translate("GettingStarted", "Getting started"))
        self.intro_label.setText(translate(
            "GettingStarted", "Welcome to SurveyDesk. The four steps below show what it "
            "does, with the open project. The first time, that is a demo: a citizen survey "
            "with answers from two waves."))
        for step, title, text in zip(self.steps, self.title_labels, self.text_labels,
                                     strict=True):
            title.setText(step.title())
            text.setText(step.text())
        self.dont_show_box.setText(translate("GettingStarted", "Don't show this again"))
        self.close_button.setText(translate("GettingStarted", "Close"))
        self._update_buttons()
