"""The question and theme navigator of the analysis mode: a tree in the questionnaire's
groups, labels in the UI language, with a search box.

A group of the form is a branch; a group that is a theme (two or more scored statements, as
:func:`surveydesk.analysis.cells.themes` finds them) starts with an "All statements (theme
mean)" entry. The questions listed are those the tables hold: select_one, select_multiple,
integer and decimal. Choosing an entry emits :attr:`Navigator.subject_chosen` with the
question's or theme's name, the ``question`` of the tidy table.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.analysis.cells import themes
from surveydesk.core.questionnaire import Question, Questionnaire
from surveydesk.gui.analysis.labels import form_language
from surveydesk.gui.records_dialogs import bold

translate = QCoreApplication.translate
SUBJECT_ROLE = Qt.ItemDataRole.UserRole + 1  # question or theme name ('' on a group)
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # the group's name on a group branch
THEME_ROLE = Qt.ItemDataRole.UserRole + 3  # True on a theme entry


def is_tabulated(question: Question) -> bool:
    """Whether the results table has rows for ``question`` (the engine's rule)."""
    return (question.type.is_select and question.choice_list is not None) \
        or question.type.is_numeric


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped label: Qt measures a row for one line otherwise."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        tree: QTreeWidget = self.parent()
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = tree.viewport().width() - depth * tree.indentation() - 8
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bounds = QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 40), 10_000),
                                                 Qt.TextFlag.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), bounds.height() + 4))


class _Tree(QTreeWidget):
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()  # wrapped labels take another number of lines


class Navigator(QWidget):
    """The questions and themes of a questionnaire to choose from (see the module docstring)."""

    subject_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.questionnaire: Questionnaire | None = None
        self.search = QLineEdit(objectName="analysisSearch", clearButtonEnabled=True)
        self.search.textChanged.connect(self.apply_filter)
        self.tree = _Tree(objectName="analysisQuestions", headerHidden=True)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Long labels wrap: the channel groups of seed 000 differ only in their last words.
        self.tree.setWordWrap(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        self.retranslateUi()

    # -- content ---------------------------------------------------------------------------
    def set_questionnaire(self, questionnaire: Questionnaire | None) -> None:
        """List ``questionnaire``'s questions and themes (keeps the chosen one if any)."""
        chosen = self.current_subject()
        self.questionnaire = questionnaire
        self.tree.blockSignals(True)
        self.tree.clear()
        if questionnaire is not None:
            self._fill(questionnaire)
        self.tree.blockSignals(False)
        self.apply_filter(self.search.text())
        if chosen:
            self.select(chosen, emit=False)

    def _fill(self, questionnaire: Questionnaire) -> None:
        theme_names = {group.name for group, _ in themes(questionnaire)}
        branches: dict[str, QTreeWidgetItem] = {}
        for group in questionnaire.groups:
            parent = branches.get(group.parent or "") or self.tree.invisibleRootItem()
            branch = QTreeWidgetItem(parent)
            branch.setData(0, GROUP_ROLE, group.name)
            branch.setData(0, SUBJECT_ROLE, "")
            branch.setFlags(Qt.ItemFlag.ItemIsEnabled)
            branch.setFont(0, bold(branch.font(0)))
            branches[group.name] = branch
            if group.name in theme_names:
                theme = QTreeWidgetItem(branch)
                theme.setData(0, SUBJECT_ROLE, group.name)
                theme.setData(0, THEME_ROLE, True)
        for question in questionnaire.questions:
            if not is_tabulated(question):
                continue
            parent = branches.get(question.group or "") or self.tree.invisibleRootItem()
            item = QTreeWidgetItem(parent)
            item.setData(0, SUBJECT_ROLE, question.name)
        # Groups with nothing to tabulate (notes, texts only) are left out.
        for branch in reversed(list(branches.values())):
            if branch.childCount() == 0:
                (branch.parent() or self.tree.invisibleRootItem()).removeChild(branch)
        self._label_items()
        self.tree.expandAll()

    def _label_items(self) -> None:
        questionnaire = self.questionnaire
        if questionnaire is None:
            return
        language, fallback = form_language(questionnaire), questionnaire.fallback
        for item in self._items():
            group, subject = item.data(0, GROUP_ROLE), item.data(0, SUBJECT_ROLE)
            if group:
                text = questionnaire.group(group).label(language, fallback)
                tip = text
            elif item.data(0, THEME_ROLE):
                text = translate("Navigator", "All statements (theme mean)")
                tip = translate("Navigator", "The theme score: per respondent the mean of "
                                             "the statements answered, then the mean of those")
            else:
                text = questionnaire.question(subject).label(language, fallback)
                tip = f"{text}\n({subject})"
            item.setText(0, text)
            item.setToolTip(0, tip)

    def _items(self) -> list[QTreeWidgetItem]:
        found, stack = [], [self.tree.invisibleRootItem()]
        while stack:
            parent = stack.pop()
            for index in range(parent.childCount() - 1, -1, -1):
                stack.append(parent.child(index))
            if parent is not self.tree.invisibleRootItem():
                found.append(parent)
        return found

    # -- choosing --------------------------------------------------------------------------
    def subjects(self) -> list[str]:
        """Every question and theme listed, top to bottom."""
        return [item.data(0, SUBJECT_ROLE) for item in self._items()
                if item.data(0, SUBJECT_ROLE)]

    def visible_subjects(self) -> list[str]:
        return [item.data(0, SUBJECT_ROLE) for item in self._items()
                if item.data(0, SUBJECT_ROLE) and not item.isHidden()]

    def opening_subject(self, targeted: Collection[str] = ()) -> str:
        """What the view opens on: the first theme, else the first question with a target
        (``targeted``), else the first scored question, else the first listed; a
        background question (department, channel) is not a result to start from."""
        items = [item for item in self._items() if item.data(0, SUBJECT_ROLE)]
        questionnaire = self.questionnaire

        def scored(item: QTreeWidgetItem) -> bool:
            name = item.data(0, SUBJECT_ROLE)
            return questionnaire is not None and not item.data(0, THEME_ROLE) \
                and name in questionnaire \
                and questionnaire.question(name).is_scored

        for wanted in (lambda item: bool(item.data(0, THEME_ROLE)),
                       lambda item: item.data(0, SUBJECT_ROLE) in targeted,
                       scored):
            for item in items:
                if wanted(item):
                    return item.data(0, SUBJECT_ROLE)
        return items[0].data(0, SUBJECT_ROLE) if items else ""

    def current_subject(self) -> str:
        item = self.tree.currentItem()
        return (item.data(0, SUBJECT_ROLE) or "") if item is not None else ""

    def select(self, name: str, *, emit: bool = True) -> bool:
        """Make ``name`` the chosen question or theme; ``False`` if it is not listed."""
        for item in self._items():
            if item.data(0, SUBJECT_ROLE) == name:
                if not emit:
                    self.tree.blockSignals(True)
                self.tree.setCurrentItem(item)
                if item.parent() is not None:  # its group's heading too, when it fits
                    self.tree.scrollToItem(item.parent())
                self.tree.scrollToItem(item)
                self.tree.blockSignals(False)
                return True
        return False

    def _current_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        if item is not None and item.data(0, SUBJECT_ROLE):
            self.subject_chosen.emit(item.data(0, SUBJECT_ROLE))

    # -- searching -------------------------------------------------------------------------
    def apply_filter(self, text: str) -> None:
        """Show the entries whose label or name contains ``text`` (any case), with their
        groups; a group whose label matches shows all it holds."""
        needle = text.strip().casefold()

        def matches(item: QTreeWidgetItem) -> bool:
            return not needle or needle in item.text(0).casefold() or needle in str(
                item.data(0, SUBJECT_ROLE) or item.data(0, GROUP_ROLE) or "").casefold()

        def show(item: QTreeWidgetItem, inherited: bool) -> bool:
            own = inherited or matches(item)
            any_child = False
            for index in range(item.childCount()):
                any_child = show(item.child(index), own) or any_child
            visible = own or any_child
            item.setHidden(not visible)
            return visible

        root = self.tree.invisibleRootItem()
        for index in range(root.childCount()):
            show(root.child(index), False)

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.search.setPlaceholderText(translate("Navigator", "Search questions…"))
        self._label_items()
        self.apply_filter(self.search.text())
