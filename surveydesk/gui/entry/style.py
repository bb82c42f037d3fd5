"""The look of the entry screens: large type, calm colours, strong contrast.

The interviewer reads the question aloud from an arm's length away, so sizes are in points
well above the desktop default, and colours meet WCAG AA contrast on the white background
(text #1f2933 is 14:1, hints #52606d 6.4:1, the accent #1d5c8c 7:1).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

QUESTION_PT = 22
OPTION_PT = 15
HINT_PT = 14
BODY_PT = 13
SMALL_PT = 11
CELL_PADDING_H = 8  # pixels left and right of a table cell's text

TEXT = "#1f2933"
MUTED = "#52606d"
ACCENT = "#1d5c8c"
ACCENT_SOFT = "#e6f0f8"
BORDER = "#cbd2d9"
PAPER = "#ffffff"
PAPER_ALT = "#f5f7fa"
WARNING_TEXT = "#8a1c1c"
WARNING_PAPER = "#fdeeee"
NOTICE_TEXT = "#1e5631"
NOTICE_PAPER = "#e9f5ec"

STYLE_SHEET = f"""
#entryPage, #entryPage QStackedWidget > QWidget, #entryScroll, #entryScroll > QWidget > QWidget {{
    background: {PAPER}; color: {TEXT};
}}
#entryPage QLabel {{ color: {TEXT}; }}
#entryPage QLabel[role="muted"] {{ color: {MUTED}; }}
#entryPage QLabel[role="section"] {{ color: {ACCENT}; font-weight: 600; }}
#entryPage QLabel[role="message"] {{
    color: {WARNING_TEXT}; background: {WARNING_PAPER}; border: 1px solid #f1b8b8;
    border-radius: 6px; padding: 10px 14px;
}}
#entryPage QLabel[role="notice"] {{
    color: {NOTICE_TEXT}; background: {NOTICE_PAPER}; border: 1px solid #b7dcc0;
    border-radius: 6px; padding: 10px 14px;
}}
#entryPage QPushButton {{
    color: {TEXT}; background: {PAPER_ALT}; border: 1px solid {BORDER}; border-radius: 6px;
    padding: 8px 18px; font-size: {BODY_PT}pt;
}}
#entryPage QPushButton:hover {{ border-color: {ACCENT}; }}
#entryPage QPushButton:focus {{ border: 2px solid {ACCENT}; }}
#entryPage QPushButton:disabled {{ color: #9aa5b1; }}
#entryPage QPushButton[role="primary"] {{
    color: white; background: {ACCENT}; border: 1px solid {ACCENT}; font-weight: 600;
}}
#entryPage QPushButton[role="primary"]:hover {{ background: #174c74; }}
#entryPage QLineEdit, #entryPage QPlainTextEdit, #entryPage QComboBox {{
    color: {TEXT}; background: white; border: 1px solid {BORDER}; border-radius: 6px;
    padding: 6px 10px; selection-background-color: {ACCENT};
}}
#entryPage QLineEdit:focus, #entryPage QPlainTextEdit:focus, #entryPage QComboBox:focus {{
    border: 2px solid {ACCENT};
}}
#entryPage QTableWidget {{
    color: {TEXT}; background: white; alternate-background-color: {PAPER_ALT};
    border: 1px solid {BORDER}; border-radius: 6px; gridline-color: {BORDER};
    selection-background-color: {ACCENT_SOFT}; selection-color: {TEXT};
}}
#entryPage QTableWidget:focus {{ border: 2px solid {ACCENT}; }}
#entryPage QTableWidget {{ outline: 0; }}
#entryPage QTableWidget::item {{ padding: 6px {CELL_PADDING_H}px; border: none; }}
#entryPage QTableWidget::item:selected {{ background: {ACCENT_SOFT}; color: {TEXT}; }}
#entryPage QHeaderView::section {{
    color: {MUTED}; background: {PAPER_ALT}; border: none;
    border-bottom: 1px solid {BORDER}; padding: 6px 10px;
}}
#entryPage QProgressBar {{
    background: #e4e7eb; border: none; border-radius: 3px; max-height: 6px;
}}
#entryPage QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
#entryPage QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 28px; border: none;
}}
#entryPage QComboBox::down-arrow {{ image: none; width: 0; height: 0; }}
#entryPage QScrollBar:vertical {{ background: transparent; width: 10px; margin: 0; }}
#entryPage QScrollBar::handle:vertical {{
    background: {BORDER}; border-radius: 5px; min-height: 40px;
}}
#entryPage QScrollBar::add-line, #entryPage QScrollBar::sub-line {{ height: 0; width: 0; }}
#entryPage QScrollBar::add-page, #entryPage QScrollBar::sub-page {{ background: none; }}
#abortDialog {{ background: {PAPER}; }}
#abortDialog QLabel, #abortDialog QRadioButton {{ color: {TEXT}; font-size: {BODY_PT}pt; }}
#abortDialog QRadioButton {{ padding: 3px 0; }}
#abortDialog QLineEdit {{ font-size: {BODY_PT}pt; }}
#optionRow {{ background: white; border: 1px solid {BORDER}; border-radius: 8px; }}
#optionRow[cursor="true"] {{ border: 2px solid {ACCENT}; }}
#optionRow[chosen="true"] {{ background: {ACCENT_SOFT}; border: 2px solid {ACCENT}; }}
#optionKey {{
    color: {ACCENT}; background: white; border: 2px solid {ACCENT}; border-radius: 6px;
    font-weight: 700;
}}
#optionRow[chosen="true"] #optionKey {{ color: white; background: {ACCENT}; }}
"""


class ChoiceBox(QComboBox):
    """A combo box in the entry look: the style sheet hides the platform's arrow (it clashes
    with the flat frame), so a plain chevron is drawn instead."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(MUTED), 2))
        x, y = self.width() - 20, self.height() / 2
        painter.drawPolyline([QPointF(x - 5, y - 2.5), QPointF(x, y + 2.5),
                              QPointF(x + 5, y - 2.5)])
        painter.end()


def sized(widget: QWidget, points: float, *, bold: bool = False) -> QWidget:
    """Give ``widget`` a font of ``points`` (bold if asked); returns the widget."""
    font = QFont(widget.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    widget.setFont(font)
    return widget


def label(points: float, *, role: str = "", bold: bool = False, wrap: bool = True) -> QLabel:
    """A label of the entry screens: ``role`` picks a colour from the style sheet."""
    widget = QLabel(wordWrap=wrap)
    if role:
        widget.setProperty("role", role)
    sized(widget, points, bold=bold)
    return widget


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property it depends on changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    for child in widget.findChildren(QWidget):
        style.unpolish(child)
        style.polish(child)
