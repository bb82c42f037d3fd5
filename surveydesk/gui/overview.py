"""The project overview page: the questionnaire and, per wave, interviews by mode and status.

The page only shows a :class:`~surveydesk.store.project.ProjectOverview`; the counting is
done by ``Project.overview()``, the same function the command line uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QFont, QPalette
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

from surveydesk.core.questionnaire import Language
from surveydesk.gui.translation import fill, ui_locale
from surveydesk.store.project import MODES, STATUSES, ProjectOverview, WaveSummary

translate = QCoreApplication.translate
_HEADER_PAD_H = 6  # pixels around header texts
_HEADER_PAD_V = 5


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
            "QTableWidget::item { padding: 0px 7px; }"
            f"QHeaderView::section {{ padding: {_HEADER_PAD_V}px {_HEADER_PAD_H}px; }}"
        )
        # As tall as its rows (a summary, not a data grid); scrolls only when space runs out.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
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
        self, overview: ProjectOverview | None, languages: Sequence[Language] = ()
    ) -> None:
        """Show ``overview`` (``None``: no project open). ``languages`` name the codes."""
        self._overview = overview
        self._languages = tuple(languages)
        self._render()

    def _render(self) -> None:
        overview = self._overview
        self._stack.setCurrentIndex(0 if overview is None else 1)
        if overview is None:
            self.table.setRowCount(0)
            return
        locale = ui_locale()
        self.title_label.setText(overview.title or overview.form_id)
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
        titles = column_titles()
        self.table.setHorizontalHeaderLabels(titles)
        # Wrapping splits headers between words only: no column may be narrower than the
        # longest word ("Gennemført"), or it is clipped.
        header = self.table.horizontalHeader()
        longest = max(header.fontMetrics().horizontalAdvance(word)
                      for title in titles for word in title.split())
        header.setMinimumSectionSize(longest + 2 * _HEADER_PAD_H + 4)
        first = self.table.horizontalHeaderItem(0)
        if first is not None:
            first.setTextAlignment(
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap
            )
        self._fit_header_height()
        self._render()

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
