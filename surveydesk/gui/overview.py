"""The project overview page: the questionnaire and, per wave, interviews by mode and status.

The page only shows a :class:`~surveydesk.store.project.ProjectOverview`; the counting is
done by ``Project.overview()``, the same function the command line uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from surveydesk.core.questionnaire import Language, Questionnaire
from surveydesk.gui.translation import current_language, fill, ui_locale
from surveydesk.store.project import MODES, STATUSES, ProjectOverview, WaveSummary

translate = QCoreApplication.translate
_HEADER_PAD_H = 6  # pixels around header texts
_HEADER_PAD_V = 5
_ITEM_PAD_H = 7  # pixels left and right of a cell's text


def column_titles() -> list[str]:
    """The table's header texts in the current UI language."""
    return [
        translate("OverviewPage", "Wave"),
        translate("OverviewPage", "Total"),
        translate("OverviewPage", "Web"),
        translate("OverviewPage", "In person"),
        translate("OverviewPage", "Phone"),
        translate("OverviewPage", "Complete"),
        translate("OverviewPage", "Partial"),
        translate("OverviewPage", "Aborted"),
    ]


class OverviewPage(QWidget):
    """Shows one project's overview, or a hint when no project is open."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._overview: ProjectOverview | None = None
        self._languages: tuple[Language, ...] = ()
        self._questionnaire: Questionnaire | None = None

        self.empty_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setContentsMargins(48, 48, 48, 48)
        self.caption_label = QLabel()
        self.caption_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.title_label = QLabel(wordWrap=True)
        self.title_label.setObjectName("titleLabel")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)

        self.form_id_caption, self.form_id_value = QLabel(), _value_label()
        self.version_caption, self.version_value = QLabel(), _value_label()
        self.languages_caption, self.languages_value = QLabel(), _value_label()
        self.total_caption, self.total_value = QLabel(), _value_label()
        details = QFormLayout()
        details.setHorizontalSpacing(24)
        details.setVerticalSpacing(6)
        details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for caption, value in (
            (self.form_id_caption, self.form_id_value),
            (self.version_caption, self.version_value),
            (self.languages_caption, self.languages_value),
            (self.total_caption, self.total_value),
        ):
            details.addRow(caption, value)

        self.waves_heading = QLabel()
        heading_font = QFont(self.waves_heading.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.waves_heading.setFont(heading_font)
        self.table = QTableWidget(0, len(column_titles()))
        self.table.setObjectName("wavesTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setStyleSheet(
            f"QTableWidget::item {{ padding: 0px {_ITEM_PAD_H}px; }}"
            f"QHeaderView::section {{ padding: {_HEADER_PAD_V}px {_HEADER_PAD_H}px; }}"
        )
        # As tall as its rows (a summary, not a data grid); scrolls only when space runs out.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.table.verticalHeader().setVisible(False)
        # Every column is as wide as its longest header word and its widest number, and the
        # room left is shared out (see _fit_columns): "Alle bølger" stays on one line and no
        # column is clipped, without a scroll bar at the default window size.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setMinimumSectionSize(8)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.viewport().installEventFilter(self)
        # Long Danish headers ("Personligt fremmøde") wrap instead of being clipped.
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        self.table.horizontalHeader().sectionResized.connect(self._fit_header_height)
        self.no_waves_label = QLabel(wordWrap=True)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.title_label)
        layout.addLayout(details)
        layout.addSpacing(12)
        layout.addWidget(self.waves_heading)
        layout.addWidget(self.table)
        layout.addWidget(self.no_waves_label)
        layout.addStretch(1)

        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(content)
        self.retranslateUi()

    # -- showing ---------------------------------------------------------------------------
    def show_overview(
        self, overview: ProjectOverview | None, languages: Sequence[Language] = (), *,
        questionnaire: Questionnaire | None = None,
    ) -> None:
        """Show ``overview`` (``None``: no project open). ``languages`` name the codes;
        ``questionnaire`` (the project's form) gives the title in the UI language."""
        self._overview = overview
        self._languages = tuple(languages)
        self._questionnaire = questionnaire
        self._render()

    def title_text(self) -> str:
        """The form's title in the UI language when the form has one, else its title."""
        overview, questionnaire = self._overview, self._questionnaire
        if overview is None:
            return ""
        if questionnaire is not None:
            title = questionnaire.title_in(current_language()) or questionnaire.title
            if title:
                return title
        return overview.title or overview.form_id

    def _render(self) -> None:
        overview = self._overview
        self._stack.setCurrentIndex(0 if overview is None else 1)
        if overview is None:
            self.table.setRowCount(0)
            return
        locale = ui_locale()
        self.title_label.setText(self.title_text())
        self.form_id_value.setText(overview.form_id)
        if overview.form_versions > 1:
            self.version_value.setText(
                fill(
                    translate("OverviewPage", "%1 (the project holds %2 versions of the form)"),
                    overview.form_version,
                    locale.toString(overview.form_versions),
                )
            )
        else:
            self.version_value.setText(overview.form_version)
        self.languages_value.setText(self._language_text(overview.languages))
        self.total_value.setText(locale.toString(overview.total))
        rows = list(overview.waves)
        self.table.setRowCount(len(rows) + (1 if rows else 0))
        for row, summary in enumerate(rows):
            self._fill_row(row, summary.wave.label, _counts(summary), bold=False)
        if rows:
            totals = [sum(column) for column in zip(*(_counts(s) for s in rows), strict=True)]
            self._fill_row(len(rows), translate("OverviewPage", "All waves"), totals, bold=True)
        self.table.setVisible(bool(rows))
        self.no_waves_label.setVisible(not rows)
        self._fit_columns()

    def _fill_row(self, row: int, label: str, counts: list[int], *, bold: bool) -> None:
        locale = ui_locale()
        cells = [QTableWidgetItem(label)]
        for count in counts:
            item = QTableWidgetItem(locale.toString(count))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells.append(item)
        for column, item in enumerate(cells):
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def _language_text(self, codes: Sequence[str]) -> str:
        names = {language.code: language.name for language in self._languages}
        shown = []
        for code in codes:
            if code == "default":
                shown.append(translate("OverviewPage", "one language (no language columns)"))
            elif names.get(code) and names[code] != code:
                shown.append(f"{names[code]} ({code})")
            else:
                shown.append(code)
        return ", ".join(shown) or "–"

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.empty_label.setText(
            translate(
                "OverviewPage",
                "No project is open.\n\nUse File ▸ Open project… to open a project, "
                "or File ▸ Open demo to look around.",
            )
        )
        self.caption_label.setText(translate("OverviewPage", "Questionnaire"))
        self.form_id_caption.setText(translate("OverviewPage", "Form ID:"))
        self.version_caption.setText(translate("OverviewPage", "Version:"))
        self.languages_caption.setText(translate("OverviewPage", "Languages:"))
        self.total_caption.setText(translate("OverviewPage", "Interviews:"))
        self.waves_heading.setText(translate("OverviewPage", "Waves"))
        self.no_waves_label.setText(
            translate(
                "OverviewPage",
                "The project has no interviews yet. Import respondent data or enter "
                "interviews to see them here.",
            )
        )
        self.table.setHorizontalHeaderLabels(column_titles())
        first = self.table.horizontalHeaderItem(0)
        if first is not None:
            first.setTextAlignment(
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap
            )
        self._fit_header_height()
        self._render()

    def eventFilter(self, watched, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def column_minimum(self, column: int) -> int:
        """The narrowest ``column`` can be with nothing clipped: wrapping splits a header
        between words only, so its longest word, and the widest cell (bold totals)."""
        header = self.table.horizontalHeader()
        title = self.table.horizontalHeaderItem(column)
        words = title.text().split() if title is not None else []
        widest = max((header.fontMetrics().horizontalAdvance(word) for word in words),
                     default=0) + 2 * _HEADER_PAD_H + 4
        for row in range(self.table.rowCount()):
            item = self.table.item(row, column)
            if item is not None:
                advance = QFontMetrics(item.font()).horizontalAdvance(item.text())
                widest = max(widest, advance + 2 * _ITEM_PAD_H + 8)
        return widest

    def _fit_columns(self) -> None:
        count = self.table.columnCount()
        if not count:
            return
        widths = [self.column_minimum(column) for column in range(count)]
        spare = self.table.viewport().width() - sum(widths)
        # Room enough: headers that would wrap ("Personligt fremmøde") get one line first.
        header = self.table.horizontalHeader()
        unwrapped = []
        for column in range(count):
            title = self.table.horizontalHeaderItem(column)
            text = title.text() if title is not None else ""
            full = header.fontMetrics().horizontalAdvance(text) + 2 * _HEADER_PAD_H + 4
            unwrapped.append(max(widths[column], full))
        if 0 < sum(unwrapped) - sum(widths) <= spare:
            spare -= sum(unwrapped) - sum(widths)
            widths = unwrapped
        # The room left goes to the count columns, so the numbers sit in even columns.
        if spare > 0 and count > 1:
            share, rest = divmod(spare, count - 1)
            for column in range(1, count):
                widths[column] += share + (1 if column <= rest else 0)
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _fit_header_height(self, *_args) -> None:
        # QHeaderView does not grow by itself when a header text wraps onto a second line.
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        needed = metrics.height()
        for column in range(self.table.columnCount()):
            item = self.table.horizontalHeaderItem(column)
            width = header.sectionSize(column) - 2 * _HEADER_PAD_H - 2
            if item is None or width <= 0:
                continue
            box = metrics.boundingRect(
                QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text()
            )
            needed = max(needed, box.height())
        header.setMinimumHeight(needed + 2 * _HEADER_PAD_V + 2)


def _counts(summary: WaveSummary) -> list[int]:
    return [
        summary.total,
        *(summary.by_mode[mode] for mode in MODES),
        *(summary.by_status[status] for status in STATUSES),
    ]


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
