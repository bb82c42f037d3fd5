"""The Excel report's headline charts: which questions get a chart on the charts sheet, as
``surveydesk-cli report --chart QUESTION`` chooses them.

Every question with a target is always charted (:func:`surveydesk.export.excel.charts.
headline_questions`); the user adds more. Only select questions (a choice list) can be
charted. :class:`ChartsRow` is the row of the report dialog (what is charted and a button),
:class:`ChartPicker` the small searchable, checkable list the button opens: the form's
select questions in form order under their groups, the ones with a target checked and
disabled. Nothing is remembered: each report dialog starts with the targets only.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from surveydesk.analysis.project_tables import project_targets
from surveydesk.core.questionnaire import Question, Questionnaire
from surveydesk.gui.analysis.labels import form_language, subject_label
from surveydesk.gui.records_dialogs import arrange, quiet
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.store.project import Project

translate = QCoreApplication.translate

NAME_ROLE = Qt.ItemDataRole.UserRole
TARGETED_ROLE = Qt.ItemDataRole.UserRole + 1


def chartable_questions(questionnaire: Questionnaire) -> list[Question]:
    """The questions a chart can show (select_one and select_multiple), in form order."""
    return [q for q in questionnaire.answer_questions if q.choice_list is not None]


def targeted_questions(project: Project) -> frozenset[str]:
    """The chartable questions with a target: the report charts them whatever is chosen."""
    names = {q.name for q in chartable_questions(project.questionnaire)}
    return frozenset(t.question for t in project_targets(project) if t.question in names)


def _group_label(questionnaire: Questionnaire, question: Question) -> str:
    if not question.group:
        return ""
    try:
        return questionnaire.group(question.group).label(form_language(questionnaire),
                                                          questionnaire.fallback)
    except KeyError:
        return question.group


class ChartPicker(QDialog):
    """Check the questions to chart; questions with a target are checked and disabled."""

    def __init__(self, questionnaire: Questionnaire, targeted: Collection[str],
                 chosen: Collection[str] = (), parent: QWidget | None = None):
        super().__init__(parent, objectName="chartPicker")
        self.questionnaire = questionnaire
        self.targeted = frozenset(targeted)
        self.intro = quiet(QLabel(wordWrap=True))
        self.search = QLineEdit(objectName="chartSearch", clearButtonEnabled=True)
        self.search.textChanged.connect(self.filter)
        self.list = QListWidget(objectName="chartList", wordWrap=True)
        self.list.setMinimumHeight(self.fontMetrics().height() * 18)
        self.none_button = QPushButton(objectName="chartNone")
        self.none_button.clicked.connect(self.clear)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.none_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        arrange(QVBoxLayout(self), self.intro, self.search, self.list, self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 96)
        self._fill(frozenset(chosen))
        self.retranslateUi()

    def _fill(self, chosen: frozenset[str]) -> None:
        questionnaire, group = self.questionnaire, None
        for question in chartable_questions(questionnaire):
            label = _group_label(questionnaire, question)
            if label != group and label:
                header = QListWidgetItem(label)
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not checkable
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.list.addItem(header)
            group = label
            item = QListWidgetItem()
            item.setData(NAME_ROLE, question.name)
            targeted = question.name in self.targeted
            item.setData(TARGETED_ROLE, targeted)
            flags = Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags if targeted else flags | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if targeted or question.name in chosen
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)

    def question_items(self) -> list[QListWidgetItem]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item for item in items if item.data(NAME_ROLE)]

    def item(self, name: str) -> QListWidgetItem:
        return next(item for item in self.question_items() if item.data(NAME_ROLE) == name)

    def chosen(self) -> tuple[str, ...]:
        """The checked questions without a target, in form order."""
        return tuple(item.data(NAME_ROLE) for item in self.question_items()
                     if item.checkState() == Qt.CheckState.Checked
                     and not item.data(TARGETED_ROLE))

    def clear(self) -> None:
        for item in self.question_items():
            if not item.data(TARGETED_ROLE):
                item.setCheckState(Qt.CheckState.Unchecked)

    def filter(self, text: str = "") -> None:
        """Show the questions whose label or name holds ``text``, under their groups."""
        words = text.strip().casefold()
        header: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            name = item.data(NAME_ROLE)
            if not name:
                header = item
                header.setHidden(True)
                continue
            shown = not words or words in name.casefold() or words in item.text().casefold()
            item.setHidden(not shown)
            if shown and header is not None:
                header.setHidden(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(translate("ChartPicker", "Charts in the report"))
        self.intro.setText(translate(
            "ChartPicker", "The charts sheet shows a chart of every question checked here. "
                           "Questions with a target are always charted."))
        self.search.setPlaceholderText(translate("ChartPicker", "Search the questions"))
        self.none_button.setText(translate("ChartPicker", "Clear"))
        note = translate("ChartPicker", "has a target: always charted")
        for item in self.question_items():
            label = subject_label(self.questionnaire, item.data(NAME_ROLE))
            targeted = item.data(TARGETED_ROLE)
            item.setText(f"{label}  ({note})" if targeted else label)
            item.setToolTip(f"{item.data(NAME_ROLE)}: {label}")
        self.filter(self.search.text())


class ChartsRow(QWidget):
    """The report dialog's row: what will be charted and a button to choose more."""

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent, objectName="reportCharts")
        self.questionnaire = project.questionnaire
        self.targeted = targeted_questions(project)
        self.chosen: tuple[str, ...] = ()
        self._text = ""  # the summary before it is cut to fit
        self.picker: ChartPicker | None = None
        self.summary = QLabel(objectName="reportChartsSummary")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(objectName="reportChooseCharts")
        self.button.clicked.connect(self.choose)
        row = arrange(QHBoxLayout(self), self.summary, self.button)
        row.setStretch(0, 1)
        row.setContentsMargins(0, 0, 0, 0)
        self.retranslateUi()

    def headline(self) -> tuple[str, ...]:
        """The questions to chart besides those with a target (``report_content(headline=)``)."""
        return self.chosen

    def charted(self) -> list[str]:
        """Every question the report will chart, in form order."""
        wanted = self.targeted | set(self.chosen)
        return [q.name for q in chartable_questions(self.questionnaire) if q.name in wanted]

    def set_chosen(self, names: Sequence[str]) -> None:
        wanted = set(names) - self.targeted
        self.chosen = tuple(q.name for q in chartable_questions(self.questionnaire)
                            if q.name in wanted)
        self.retranslateUi()

    def choose(self) -> ChartPicker:
        """Open the list of questions; OK keeps what is checked."""
        self.picker = picker = ChartPicker(self.questionnaire, self.targeted, self.chosen,
                                           self)
        picker.accepted.connect(lambda: self.set_chosen(picker.chosen()))
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        charted = self.charted()
        self.button.setText(fill(translate("ReportDialog", "Choose char&ts… (%1)"),
                                 ui_locale().toString(len(charted))))
        labels = [subject_label(self.questionnaire, name) for name in charted]
        self._text = "; ".join(labels) if labels else translate("ReportDialog", "None")
        self.summary.setToolTip("\n".join(labels))
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        """The summary cut to the width it has (all of it in the tooltip)."""
        width = max(self.summary.width(), self.fontMetrics().averageCharWidth() * 20)
        self.summary.setText(self.summary.fontMetrics().elidedText(
            self._text, Qt.TextElideMode.ElideRight, width))
