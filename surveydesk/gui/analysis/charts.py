"""The analysis chart: one question or theme of the tidy results table, drawn with pyqtgraph.

The widget only shows: :func:`surveydesk.analysis.chart_data.chart_for_subject` picks the
table's rows and lays them out (the Excel report uses the same function); here they become
bars, marks, lines and labels. Three pictures:

- a scored scale: the distribution as a diverging stack around zero (negative answers left,
  positive right, "don't know" in its own column) and a small top-2 panel per wave;
- a select question: horizontal bars of every choice's share, sorted, this wave next to the
  previous one (or per breakdown group);
- a theme: the theme mean per wave with its statements or groups, a dashed target line and
  benchmark diamonds.

▲ / ▼ after a value mark a significant change from the previous wave (the table's
``significant`` column); bars whose base is low (``low_base``) are drawn light. Colours are
colour-blind safe (Okabe & Ito; Paul Tol's blue-red diverging scheme); meaning never rests on
colour alone. Hovering a bar shows value, n, confidence interval and p-value in the UI
language's number format.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QFrame, QScrollArea, QToolTip, QVBoxLayout, QWidget

from surveydesk.analysis import chart_data as cd
from surveydesk.core.errors import SurveyDeskError
from surveydesk.gui.analysis.labels import breakdown_label
from surveydesk.gui.translation import current_language, ui_locale

translate = QCoreApplication.translate

CURRENT, PREVIOUS, OLDER = "#0072B2", "#E69F00", "#999999"  # Okabe & Ito
QUALITATIVE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
               "#F0E442")
NEGATIVE = ("#B2182B", "#F4A582")  # Paul Tol's BuRd, strong to light
POSITIVE = ("#92C5DE", "#2166AC")  # light to strong
NEUTRAL, DONT_KNOW = "#D9D9D9", "#A6A6A6"
LOW_BASE_ALPHA = 0.35
TEXT, MUTED = "#202020", "#5A5A5A"
UP_MARK, DOWN_MARK = "▲", "▼"
THICKNESS = 0.78  # of a row's height taken by its bars
MIN_LABEL_PX = 13  # thinner bars get no value label (the tooltip still has it)
MIN_ROW_PX = 20  # below this the chart scrolls
MIN_BAR_PX = 6  # nor may a row's bars get thinner than this
CHROME_PX = 95  # axis, captions and margins around the rows
MAX_BAR_PX = 24  # a bar no thicker than this however few the rows
HEADER_PX = 20  # above the first row: captions of the panel, target line, don't-know column


@dataclass(frozen=True)
class BarItemInfo:
    """One drawn bar, as tests and the analysis page can inspect it."""

    panel: str  # "distribution", "dont_know", "top2" or "bars"
    category: str  # the row's label
    series: str  # the colour's meaning: a wave, a choice or an answer of the scale
    statistic: str
    wave: str
    group: str
    value: float  # the table's value
    start: float  # drawn from (x)
    end: float  # drawn to (x)
    low_base: bool
    alpha: float  # opacity of the fill actually used
    mark: str  # UP_MARK, DOWN_MARK or ""
    text: str  # the value label drawn at or in the bar ("" when none fits)
    tooltip: str


def _blend(color: str, alpha: float) -> str:
    """``color`` seen at ``alpha`` over white, for the legend's sample of a light bar."""
    c = QColor(color)
    mix = [round(255 - (255 - v) * alpha) for v in (c.red(), c.green(), c.blue())]
    return QColor(*mix).name()


def _mix(a: str, b: str, t: float) -> str:
    ca, cb = QColor(a), QColor(b)
    return QColor(*[round(x + (y - x) * t) for x, y in (
        (ca.red(), cb.red()), (ca.green(), cb.green()), (ca.blue(), cb.blue()))]).name()


def _ramp(colors: tuple[str, str], count: int) -> list[str]:
    if count == 1:
        return [_mix(*colors, 0.5)]
    return [_mix(*colors, i / (count - 1)) for i in range(count)]


def scale_colors(points: tuple[cd.ScalePoint, ...]) -> dict[str, str]:
    """Choice -> colour: negative answers red (strongest darkest), positive blue."""
    negative = [p for p in points if p.side == cd.NEGATIVE]
    positive = [p for p in points if p.side == cd.POSITIVE]
    colors = dict(zip([p.choice for p in negative], _ramp(NEGATIVE, len(negative)),
                      strict=True))
    colors.update(zip([p.choice for p in positive], _ramp(POSITIVE, len(positive)),
                      strict=True))
    colors.update({p.choice: NEUTRAL for p in points if p.side == cd.NEUTRAL})
    colors.update({p.choice: DONT_KNOW for p in points if p.side == cd.DONT_KNOW})
    return colors


def _text_color(fill: str) -> str:
    c = QColor(fill)
    luminance = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()
    return "#FFFFFF" if luminance < 0.45 else TEXT


# -- numbers in the UI language -------------------------------------------------------------
def percent(value: float, decimals: int = 1) -> str:
    """``0.794`` -> "79,4 %" in Danish, "79.4%" in English."""
    number = ui_locale().toString(float(value) * 100, "f", decimals)
    return f"{number} %" if current_language() == "da" else f"{number}%"


def number(value: float, decimals: int = 2) -> str:
    return ui_locale().toString(float(value), "f", decimals)


def p_value_text(p: float) -> str:
    return f"< {number(0.001, 3)}" if p < 0.001 else number(p, 3)


class _CategoryAxis(pg.AxisItem):
    """The left axis: one label per row, wrapped to the axis width, elided when a row is too
    low for all its lines; the total row in bold."""

    def __init__(self):
        super().__init__("left")
        self._labels: list[tuple[float, str, bool]] = []
        self.setPen(pg.mkPen("#B0B0B0"))
        self.setTextPen(pg.mkPen(TEXT))

    def set_categories(self, labels: list[tuple[float, str, bool]], max_width: float) -> None:
        self._labels = labels
        font = self.style["tickFont"] or QFont()
        bold = QFont(font)
        bold.setBold(True)
        widths = [QFontMetricsF(bold if b else font).horizontalAdvance(t)
                  for _, t, b in labels]
        self.setWidth(int(min(max(widths, default=40), max_width)) + 14)
        self.picture = None
        self.update()

    def _wrapped(self, text: str, font: QFont, width: float, lines: int) -> str:
        metrics = QFontMetricsF(font)
        words, out, line = text.split(), [], ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if metrics.horizontalAdvance(candidate) <= width or not line:
                line = candidate
            else:
                out.append(line)
                line = word
        out.append(line)
        if len(out) > lines:
            out = [*out[: lines - 1], " ".join(out[lines - 1:])]
        out[-1] = metrics.elidedText(out[-1], Qt.TextElideMode.ElideRight, width)
        return "\n".join(metrics.elidedText(part, Qt.TextElideMode.ElideRight, width)
                         for part in out)

    def generateDrawSpecs(self, p):
        view = self.linkedView()
        bounds = self.mapRectFromParent(self.geometry())
        axis = (self.pen(), QPointF(bounds.right(), bounds.top()),
                QPointF(bounds.right(), bounds.bottom()))
        if view is None:
            return axis, [], []
        font = self.style["tickFont"] or QFont()
        width = bounds.width() - 10
        specs = []
        for y, text, bold in self._labels:
            top = self.mapFromScene(view.mapViewToScene(QPointF(0, y - 0.5))).y()
            bottom = self.mapFromScene(view.mapViewToScene(QPointF(0, y + 0.5))).y()
            height = abs(bottom - top)
            face = QFont(font)
            face.setBold(bold)
            lines = max(1, int(height // QFontMetricsF(face).lineSpacing()))
            rect = QRectF(bounds.left(), min(top, bottom), width, height)
            flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            specs.append((rect, flags, self._wrapped(text, face, width, lines), face))
        return axis, [], specs

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):
        pen, p1, p2 = axisSpec
        p.setPen(pen)
        p.drawLine(p1, p2)
        p.setPen(self.textPen())
        for rect, flags, text, font in textSpecs:
            p.setFont(font)
            p.drawText(rect, int(flags), text)


class _TextPool:
    """TextItems of one plot, reused from one subject to the next."""

    def __init__(self, plot: pg.PlotItem, font: QFont):
        self.plot, self.font, self.items, self.used = plot, font, [], 0

    def put(self, text: str, x: float, y: float, anchor, color: str = TEXT,
            backed: bool = False) -> pg.TextItem:
        """``backed``: on a white ground, readable over grid, target and marker lines."""
        if self.used == len(self.items):
            item = pg.TextItem()
            item.setZValue(30)
            item.setFont(self.font)
            self.plot.addItem(item, ignoreBounds=True)
            self.items.append(item)
        item = self.items[self.used]
        self.used += 1
        item.fill = pg.mkBrush(255, 255, 255, 215) if backed else pg.mkBrush(None)
        item.border = pg.mkPen(None)
        item.setAnchor(anchor)
        item.setText(text, color=color)
        item.setPos(x, y)
        item.setVisible(True)
        return item

    def finish(self) -> None:
        for item in self.items[self.used:]:
            item.setVisible(False)
        self.used = 0


class _BarPool:
    """BarGraphItems of one plot, reused."""

    def __init__(self, plot: pg.PlotItem):
        self.plot, self.items, self.used = plot, [], 0

    def put(self, x0, width, y, height, brushes, pens) -> None:
        if self.used == len(self.items):
            item = pg.BarGraphItem(x0=[0], width=[0], y=[0], height=[0])
            self.plot.addItem(item)
            self.items.append(item)
        item = self.items[self.used]
        self.used += 1
        item.setOpts(x0=np.asarray(x0, dtype=float), width=np.asarray(width, dtype=float),
                     y=np.asarray(y, dtype=float), height=np.asarray(height, dtype=float),
                     brushes=brushes, pens=pens, brush=None, pen=None)
        item.setVisible(True)

    def finish(self) -> None:
        for item in self.items[self.used:]:
            item.setVisible(False)
        self.used = 0


class _Panel:
    """One plot with its pools, target line and benchmark markers."""

    def __init__(self, plot: pg.PlotItem, font: QFont):
        self.plot = plot
        self.bars = _BarPool(plot)
        self.texts = _TextPool(plot, font)
        self.target = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen("#000000", width=1.6,
                                                   style=Qt.PenStyle.DashLine))
        self.target.setZValue(20)
        plot.addItem(self.target, ignoreBounds=True)
        self.benchmark = pg.ScatterPlotItem(symbol="d", size=11, pen=pg.mkPen("#FFFFFF"),
                                            brush=pg.mkBrush("#000000"))
        self.benchmark.setZValue(21)
        plot.addItem(self.benchmark, ignoreBounds=True)
        self.zero = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#606060", width=1))
        plot.addItem(self.zero, ignoreBounds=True)
        self.separator = pg.InfiniteLine(pos=0.5, angle=0, movable=False,
                                         pen=pg.mkPen("#C8C8C8", width=1))
        plot.addItem(self.separator, ignoreBounds=True)
        self.hits: list[tuple[float, float, float, float, str]] = []

    def begin(self) -> None:
        self.hits = []
        self.target.setVisible(False)
        self.benchmark.setData([], [])
        self.zero.setVisible(False)
        self.separator.setVisible(False)

    def finish(self) -> None:
        self.bars.finish()
        self.texts.finish()


class ChartView(QWidget):
    """Shows one subject (question or theme) of a tidy results table.

    ``show_subject`` draws; ``bars()``, ``category_labels()``, ``legend_text()``,
    ``target_value()`` and ``benchmark_points()`` say what is drawn.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._graphics = pg.GraphicsLayoutWidget()
        self._graphics.setBackground("w")
        self._graphics.setMinimumSize(QSize(320, 200))
        # Many rows need more height than the page may have: then the chart scrolls rather
        # than squeezing its labels on top of each other.
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._graphics)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(self._font.pointSizeF(), 9.5))
        self._small = QFont(self._font)
        self._small.setPointSizeF(self._font.pointSizeF() - 1)

        ci = self._graphics.ci
        ci.setContentsMargins(12, 10, 16, 8)
        ci.setSpacing(6)
        self._title = pg.LabelItem(justify="left")
        ci.addItem(self._title, row=0, col=0, colspan=2)
        self._axis = _CategoryAxis()
        self._axis.setStyle(tickFont=self._font)
        main = pg.PlotItem(axisItems={"left": self._axis})
        side = pg.PlotItem()
        for plot in (main, side):
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            plot.invertY(True)
            plot.getAxis("bottom").setStyle(tickFont=self._small)
            plot.getAxis("bottom").setPen(pg.mkPen("#B0B0B0"))
            plot.getAxis("bottom").setTextPen(pg.mkPen(MUTED))
            plot.getAxis("bottom").enableAutoSIPrefix(False)
            plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        side.getAxis("left").setStyle(showValues=False, tickLength=0)
        side.getAxis("left").setTicks([[], []])
        side.getAxis("left").setWidth(6)
        side.setYLink(main)
        # The legend sits under the title, above the bars: when the chart scrolls (many
        # rows, a small window) which colour is which wave is still in view.
        self._legend = pg.LabelItem(justify="left")
        ci.addItem(self._legend, row=1, col=0, colspan=2)
        ci.addItem(main, row=2, col=0)
        self._main, self._side = _Panel(main, self._small), _Panel(side, self._small)
        self._side_shown = False

        self._data: cd.ChartData | None = None
        self._request: tuple | None = None
        self._cache: tuple[object, dict[str, pd.DataFrame]] | None = None
        self._bars: list[BarItemInfo] = []
        self._legend_plain = ""
        self._message = ""
        self._resize_timer = QTimer(self, singleShot=True, interval=40)
        self._resize_timer.timeout.connect(self._redraw)
        self._graphics.scene().sigMouseMoved.connect(self._hover)
        self.clear()

    # -- the interface the analysis page uses --------------------------------------------
    def show_subject(self, table: pd.DataFrame, questionnaire, subject: str, *,
                     language: str, wave: str | None = None,
                     breakdown: str | None = None) -> None:
        """Draw ``subject`` (a question or theme name) from the whole tidy ``table``."""
        self._request = (table, questionnaire, subject, language, wave, breakdown)
        self._build()

    def clear(self) -> None:
        self._request, self._data = None, None
        self._message = ""
        self._draw()

    def bars(self) -> list[BarItemInfo]:
        return list(self._bars)

    def chart_data(self) -> cd.ChartData | None:
        return self._data

    def category_labels(self) -> list[str]:
        return [text for _, text, _ in self._axis._labels]

    def legend_text(self) -> str:
        return self._legend_plain

    def title_text(self) -> str:
        return self._title.item.toPlainText()

    def target_value(self) -> float | None:
        """Where the dashed target line is drawn (None: no line)."""
        for panel in (self._main, self._side):
            if panel.target.isVisible() and panel.target.scene() is not None:
                return float(panel.target.value())
        return None

    def benchmark_points(self) -> list[tuple[float, float]]:
        points = []
        for panel in (self._main, self._side):
            x, y = panel.benchmark.getData()
            points += list(zip(np.asarray(x, dtype=float).tolist(),
                               np.asarray(y, dtype=float).tolist(), strict=True))
        return points

    def tooltip_at(self, x: float, y: float, panel: str = "main") -> str:
        """The tooltip of the bar at view coordinates (x, y) of the main or side panel."""
        chosen = self._main if panel == "main" else self._side
        for x0, x1, y0, y1, text in chosen.hits:
            if x0 <= x <= x1 and y0 <= y <= y1:
                return text
        return ""

    def export_png(self, path, width: int | None = None) -> None:
        from pyqtgraph.exporters import ImageExporter

        self._settle()
        exporter = ImageExporter(self._graphics.ci)
        if width:
            exporter.parameters()["width"] = int(width)
        exporter.export(str(path))

    def export_svg(self, path) -> None:
        # pyqtgraph's SVGExporter cannot parse the paths Qt 6.11 writes (pyqtgraph issue
        # 3485), so the scene is rendered through Qt's own SVG generator.
        from PySide6.QtSvg import QSvgGenerator

        self._settle()
        source = self._graphics.ci.sceneBoundingRect()
        target = QRectF(0, 0, source.width(), source.height())
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        # The screen's resolution: bars and axes are recorded as QPictures at it, and a
        # different one would scale them against the text when played into the SVG.
        generator.setResolution(self._graphics.logicalDpiX())
        generator.setSize(QSize(int(source.width()), int(source.height())))
        generator.setViewBox(target)
        generator.setTitle(self.title_text())
        painter = QPainter(generator)
        painter.fillRect(target, QColor("#FFFFFF"))
        self._graphics.scene().render(painter, target, source)
        painter.end()

    def _settle(self) -> None:
        """Lay the scene out now: an export right after ``show_subject`` must not catch the
        axis before it has its new width."""
        QCoreApplication.sendPostedEvents()
        self._graphics.ci.layout.activate()

    def retranslateUi(self) -> None:
        """Axis titles, legends and numbers again in the current UI language."""
        self._build()

    # -- Qt events -----------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()

    # -- building ----------------------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        return {"": translate("ChartView", "Total"),
                cd.THEME_ROW: translate("ChartView", "Theme mean"),
                "web": translate("ChartView", "Web"),
                "in_person": translate("ChartView", "In person"),
                "phone": translate("ChartView", "Phone")}

    def _subject_rows(self, table: pd.DataFrame, subject: str, questionnaire) -> pd.DataFrame:
        """The subject's rows (a theme's with its statements'), grouped once per table."""
        if self._cache is None or self._cache[0] is not table:
            groups = {name: rows for name, rows in table.groupby("question", sort=False)}
            self._cache = (table, groups)
        groups = self._cache[1]
        names = [subject]
        if cd.chart_kind(questionnaire, subject) == cd.THEME:
            from surveydesk.analysis.cells import themes

            names += [q.name for g, s in themes(questionnaire) if g.name == subject for q in s]
        parts = [groups[name] for name in names if name in groups]
        return pd.concat(parts) if len(parts) > 1 else (parts[0] if parts else table.iloc[:0])

    def _build(self) -> None:
        self._data, self._message = None, ""
        if self._request is not None:
            table, questionnaire, subject, language, wave, breakdown = self._request
            try:
                rows = self._subject_rows(table, subject, questionnaire)
                self._data = cd.chart_for_subject(rows, questionnaire, subject,
                                                  language=language, wave=wave,
                                                  breakdown=breakdown, names=self._names())
            except SurveyDeskError:
                self._message = translate("ChartView", "There is no chart for this selection.")
        self._draw()

    def _redraw(self) -> None:
        if self._data is not None:
            self._draw()

    # -- drawing -----------------------------------------------------------------------------
    def _draw(self) -> None:
        self._bars = []
        for panel in (self._main, self._side):
            panel.begin()
        data = self._data
        self._set_side(data is not None and data.kind == cd.SCALE)
        width = max(self._scroll.viewport().width(), 320)
        self._title.item.setTextWidth(width - 40)
        self._legend.item.setTextWidth(width - 40)
        if data is None:
            self._graphics.setMinimumHeight(200)
            self._title.setText(self._message or " ", color=MUTED, size="11pt")
            self._legend.setText(" ")
            self._legend_plain = ""
            self._axis.set_categories([], 60)
            self._main.plot.getAxis("bottom").setLabel("")
            self._main.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            for panel in (self._main, self._side):
                panel.finish()
            return
        self._draw_title(data)
        self._draw_legend(data)
        labels = [(float(i), c.label, c.total) for i, c in enumerate(data.categories)]
        self._axis.set_categories(labels, max_width=max(140.0, width * 0.34))
        rows = max(len(data.categories), 1)
        chrome = (CHROME_PX + self._title.item.boundingRect().height()
                  + self._legend.item.boundingRect().height())
        per_row = max((sum(s.bars[i] is not None for s in data.series)
                       for i in range(len(data.categories))), default=1)
        needed = int(chrome + rows * max(MIN_ROW_PX, per_row * MIN_BAR_PX + 6))
        self._graphics.setMinimumHeight(needed)
        row_px = (max(self._scroll.viewport().height(), needed) - chrome) / rows
        has_header = data.target is not None or data.kind == cd.SCALE
        # Room above the first row for the target's and the don't-know column's captions.
        self._top = -0.5 - (HEADER_PX / row_px if has_header else 0.0)
        self._main.plot.setRange(yRange=(self._top, rows - 0.5), padding=0)
        first = data.categories[0] if data.categories else None
        if first is not None and first.total and rows > 1:
            for panel in (self._main, self._side):
                panel.separator.setVisible(True)
        if data.kind == cd.SCALE:
            self._draw_scale(data, row_px)
        else:
            self._draw_bars(self._main, data, data.series, row_px, panel_name="bars")
        for panel in (self._main, self._side):
            panel.finish()

    def _set_side(self, shown: bool) -> None:
        ci = self._graphics.ci
        if shown and not self._side_shown:
            ci.addItem(self._side.plot, row=2, col=1)
            ci.layout.setColumnStretchFactor(0, 3)
            ci.layout.setColumnStretchFactor(1, 1)
        elif not shown and self._side_shown:
            ci.removeItem(self._side.plot)
            ci.layout.setColumnStretchFactor(1, 0)
        self._side_shown = shown

    def _draw_title(self, data: cd.ChartData) -> None:
        if data.previous_wave:
            sub = translate("ChartView", "%1 compared with %2").replace(
                "%1", data.wave).replace("%2", data.previous_wave)
        else:
            sub = data.wave
        if data.breakdown and self._request is not None:
            # Named, since with two breakdowns chosen the chart shows the first one only.
            sub += " · " + translate("ChartView", "by %1").replace(
                "%1", breakdown_label(self._request[1], data.breakdown))
        html = (f"<span style='font-size:12pt; font-weight:bold; color:{TEXT}'>"
                f"{_escape(data.title)}</span><br>"
                f"<span style='font-size:9.5pt; color:{MUTED}'>{_escape(sub)}</span>")
        self._title.setText(html)

    # scale: diverging distribution + top-2 panel
    def _draw_scale(self, data: cd.ChartData, row_px: float) -> None:
        colors = scale_colors(data.scale)
        panel = self._main
        height = min(0.62, 1.5 * MAX_BAR_PX / row_px)
        left = min(data.axis_min, 0.0)
        right = max(data.axis_max, 0.0)
        dk_total = max((sum(s.bar.value for s in r.dont_know) for r in data.stacked),
                       default=0.0)
        dk_start = right + 0.08 if dk_total > 0 else right
        by_choice: dict[str, list] = {}
        for i, row in enumerate(data.stacked):
            for segment in row.segments:
                by_choice.setdefault(segment.point.choice, []).append((i, segment, 0.0))
            for segment in row.dont_know:
                by_choice.setdefault(segment.point.choice, []).append((i, segment, dk_start))
        show_text = row_px * height >= MIN_LABEL_PX
        for point in data.scale:
            entries = by_choice.get(point.choice, [])
            if not entries:
                continue
            color = colors[point.choice]
            brushes, pens, x0, widths, ys = [], [], [], [], []
            for i, segment, offset in entries:
                bar = segment.bar
                alpha = LOW_BASE_ALPHA if bar.low_base else 1.0
                brushes.append(_brush(color, alpha))
                pens.append(pg.mkPen("#FFFFFF", width=1))
                x0.append(offset + segment.start)
                widths.append(bar.value)
                ys.append(i)
                aside = point.side == cd.DONT_KNOW
                text = ""
                if show_text and bar.value >= 0.055:
                    text = ui_locale().toString(float(bar.value) * 100, "f", 0)
                    text_color = _text_color(color) if not bar.low_base else TEXT
                    panel.texts.put(text, offset + segment.start + bar.value / 2, i,
                                    (0.5, 0.5), text_color)
                tip = self._tooltip(data, bar, data.categories[i].label, point.label)
                panel.hits.append((offset + segment.start, offset + segment.end,
                                   i - height / 2, i + height / 2, tip))
                self._bars.append(BarItemInfo(
                    "dont_know" if aside else "distribution", data.categories[i].label,
                    point.label, bar.statistic, bar.wave, bar.group, bar.value,
                    offset + segment.start, offset + segment.end, bar.low_base, alpha,
                    "", text, tip))
            panel.bars.put(x0, widths, ys, [height] * len(ys), brushes, pens)
        panel.zero.setValue(0.0)
        panel.zero.setVisible(True)
        if dk_total > 0:
            panel.texts.put(translate("ChartView", "Don't know"), dk_start + dk_total,
                            -0.5, (1, 1), MUTED)
        panel.plot.setXRange(left - 0.03, dk_start + dk_total + 0.03, padding=0)
        step = 0.25 if right - left > 0.6 else 0.1
        ticks = [(t, percent(abs(t), 0)) for t in np.arange(
            math.floor(left / step) * step, right + 1e-9, step) if left - 1e-9 <= t]
        panel.plot.getAxis("bottom").setTicks([ticks, []])
        panel.plot.getAxis("bottom").setLabel(
            translate("ChartView", "Share of answers"), color=MUTED)
        side = self._side
        # A caption inside the view, not a plot title: the two panels' views must have the
        # same height for their rows to line up.
        side.texts.put(translate("ChartView", "Positive (top 2)"), 0.0, -0.5, (0, 1), TEXT)
        self._draw_bars(side, data, data.series, row_px, panel_name="top2")
        side.plot.setXRange(0, 1.32, padding=0)
        side.plot.getAxis("bottom").setTicks([[(t, percent(t, 0)) for t in (0, 0.5, 1.0)],
                                              []])
        side.plot.getAxis("bottom").setLabel(" ")

    # bars: select, theme, numeric and the top-2 panel
    def _draw_bars(self, panel: _Panel, data: cd.ChartData, series, row_px: float,
                   panel_name: str) -> None:
        colors = self._series_colors(data)
        rows = len(data.categories)
        present = [[s for s in series if s.bars[i] is not None] for i in range(rows)]
        most = max((len(p) for p in present), default=1) or 1
        show_text = row_px * THICKNESS / most >= MIN_LABEL_PX
        full = min(THICKNESS, most * MAX_BAR_PX / row_px)
        benchmark_x, benchmark_y = [], []
        for s in series:
            brushes, pens, x0, widths, ys, heights = [], [], [], [], [], []
            for i, bar in enumerate(s.bars):
                if bar is None:
                    continue
                k = len(present[i])
                thickness = full / k if k > 1 else min(full, THICKNESS * 0.62)
                position = present[i].index(s)
                y = i - full / 2 + thickness * (position + 0.5) if k > 1 else float(i)
                alpha = LOW_BASE_ALPHA if bar.low_base else 1.0
                color = colors[s.key]
                brushes.append(_brush(color, alpha))
                pens.append(pg.mkPen(color, width=1) if bar.low_base else pg.mkPen(None))
                x0.append(0.0)
                widths.append(bar.value)
                ys.append(y)
                heights.append(thickness * 0.92)
                # Only the wave in focus is marked: the legend names the wave it compares
                # with, and an older wave's bar compares with a wave before that.
                mark = ({cd.UP: UP_MARK, cd.DOWN: DOWN_MARK}.get(bar.direction, "")
                        if bar.wave == data.wave else "")
                text = ""
                if show_text:
                    value = percent(bar.value, 0) if data.value_format == cd.PERCENT \
                        else number(bar.value, 2)
                    text = f"{value} {mark}".strip()
                    panel.texts.put(text, bar.value, y, (-0.04, 0.5),
                                    TEXT if not bar.low_base else MUTED)
                elif mark:  # no room for the value: the mark alone, still where it belongs
                    text = mark
                    panel.texts.put(mark, bar.value, y, (-0.1, 0.5), TEXT)
                if not math.isnan(bar.benchmark):
                    benchmark_x.append(bar.benchmark)
                    benchmark_y.append(y)
                category = data.categories[i].label
                tip = self._tooltip(data, bar, category, s.label)
                panel.hits.append((0.0, bar.value, y - thickness / 2, y + thickness / 2, tip))
                self._bars.append(BarItemInfo(
                    panel_name, category, s.label, bar.statistic, bar.wave, bar.group,
                    bar.value, 0.0, bar.value, bar.low_base, alpha, mark, text, tip))
            if ys:
                panel.bars.put(x0, widths, ys, heights, brushes, pens)
        panel.benchmark.setData(benchmark_x, benchmark_y)
        # A top-2 target belongs in the top-2 panel, a mean's target with the means.
        target = data.target
        if target is not None and (panel_name == "top2") == (target.statistic == "top2"):
            panel.target.setValue(target.value)
            panel.target.setVisible(True)
            panel.texts.put(self._target_caption(target), target.value, -0.5, (0.5, 1), TEXT,
                            backed=True)
        if panel_name != "bars":
            return
        axis = panel.plot.getAxis("bottom")
        if data.value_format == cd.PERCENT:
            top = max(data.axis_max, 0.05)
            step = next(s for s in (0.05, 0.1, 0.2, 0.25, 0.5) if top / s <= 6)
            end = top * 1.18 + 0.02
            axis.setTicks([[(t, percent(t, 0)) for t in np.arange(0, top + 1e-9, step)], []])
            axis.setLabel(translate("ChartView", "Share of answers"), color=MUTED)
        else:
            top = data.axis_max
            if data.target is not None:
                top = max(top, data.target.value)
            end = top * 1.2
            if data.kind == cd.THEME:
                ticks = [(t, number(t, 0)) for t in range(0, int(top) + 1)]
                axis.setTicks([ticks, []])
                axis.setLabel(translate("ChartView", "Mean score (%1–%2)").replace(
                    "%1", number(data.axis_min, 0)).replace("%2", number(data.axis_max, 0)),
                    color=MUTED)
            else:
                axis.setTicks(None)
                axis.setLabel(translate("ChartView", "Mean"), color=MUTED)
        panel.plot.setXRange(0, end, padding=0)

    @staticmethod
    def _target_value_text(target: cd.Reference) -> str:
        operator = "≥" if target.operator == ">=" else "≤"
        value = percent(target.value, 0) if target.statistic in ("top2", "bottom2",
                                                                 "dont_know") \
            else number(target.value, 1)
        return f"{operator} {value}"

    def _target_caption(self, target: cd.Reference) -> str:
        return translate("ChartView", "Target %1").replace("%1",
                                                           self._target_value_text(target))

    def _series_colors(self, data: cd.ChartData) -> dict[str, str]:
        if data.kind == cd.SELECT and data.breakdown:
            return {s.key: QUALITATIVE[i % len(QUALITATIVE)] for i, s in enumerate(data.series)}
        colors = {data.wave: CURRENT}
        if data.previous_wave:
            colors[data.previous_wave] = PREVIOUS
        return {s.key: colors.get(s.key, OLDER) for s in data.series}

    def _tooltip(self, data: cd.ChartData, bar: cd.Bar, category: str, series: str) -> str:
        is_percent = data.value_format == cd.PERCENT
        shown = percent(bar.value) if is_percent else number(bar.value)
        statistic = {
            "top2": translate("ChartView", "Positive (top 2)"),
            "theme_mean": translate("ChartView", "Theme mean"),
            "mean": translate("ChartView", "Mean"),
        }.get(bar.statistic, series)
        lines = [f"<b>{_escape(category)}</b> · {_escape(bar.wave)}",
                 f"{_escape(statistic)}: <b>{shown}</b>",
                 translate("ChartView", "Answers (n): %1").replace("%1", str(bar.n))]
        if not math.isnan(bar.ci_low):
            low = percent(bar.ci_low) if is_percent else number(bar.ci_low)
            high = percent(bar.ci_high) if is_percent else number(bar.ci_high)
            lines.append(translate("ChartView", "Confidence interval: %1 to %2").replace(
                "%1", low).replace("%2", high))
        if data.previous_wave and bar.wave == data.wave and not math.isnan(bar.previous_value):
            before = percent(bar.previous_value) if is_percent else number(bar.previous_value)
            lines.append(translate("ChartView", "In %1: %2").replace(
                "%1", data.previous_wave).replace("%2", before))
        if not math.isnan(bar.p_value):
            verdict = (translate("ChartView", "significant change") if bar.significant
                       else translate("ChartView", "no significant change"))
            lines.append(translate("ChartView", "p-value: %1 (%2)").replace(
                "%1", p_value_text(bar.p_value)).replace("%2", verdict))
        if not math.isnan(bar.benchmark):
            reference = percent(bar.benchmark) if is_percent else number(bar.benchmark)
            lines.append(translate("ChartView", "Benchmark: %1").replace("%1", reference))
        if bar.target_met is not None and data.target is not None:
            verdict = (translate("ChartView", "met") if bar.target_met
                       else translate("ChartView", "not met"))
            lines.append(f"{self._target_caption(data.target)}: {verdict}")
        if bar.low_base:
            lines.append(translate("ChartView", "Few answers: compare with caution."))
        return "<br>".join(lines)

    def _draw_legend(self, data: cd.ChartData) -> None:
        entries: list[tuple[str, str]] = []  # (symbol html, text)
        if data.kind == cd.SCALE:
            colors = scale_colors(data.scale)
            entries += [(_swatch(colors[p.choice]), p.label) for p in data.scale]
            entries.append(("", "|"))
            colors = self._series_colors(data)
            entries += [(_swatch(colors[s.key]),
                         translate("ChartView", "Positive (top 2), %1").replace("%1", s.label))
                        for s in data.series]
        else:
            colors = self._series_colors(data)
            entries += [(_swatch(colors[s.key]), s.label) for s in data.series]
        bars = [b for s in data.series for b in s.bars if b is not None]
        if any(b.direction for b in bars) or data.previous_wave:
            # With one wave chosen the table does not hold the wave before it: its marks
            # still compare with it, so say so without a label.
            entries.append((f"{UP_MARK} {DOWN_MARK}", translate(
                "ChartView", "significantly higher / lower than %1").replace(
                "%1", data.previous_wave) if data.previous_wave else translate(
                "ChartView", "significantly higher / lower than the previous wave")))
        if any(b.low_base for b in bars) or any(r.low_base for r in data.stacked):
            entries.append((_swatch(_blend(CURRENT, LOW_BASE_ALPHA)),
                            translate("ChartView", "light: few answers, compare with caution")))
        if data.target is not None:
            entries.append(("<b>- - -</b>", self._target_caption(data.target)))
        if any(not math.isnan(b.benchmark) for b in bars):
            entries.append(("◆", translate("ChartView", "benchmark")))
        parts = []
        for symbol, text in entries:
            if text == "|":
                parts.append("&nbsp;&nbsp;&nbsp;")
                continue
            parts.append(f"<span style='white-space:nowrap'>{symbol}&nbsp;{_escape(text)}"
                         "</span>")
        html = (f"<span style='font-size:9pt; color:{TEXT}'>"
                + " &nbsp;&nbsp; ".join(parts) + "</span>")
        self._legend.setText(html)
        self._legend_plain = self._legend.item.toPlainText()

    # -- hover ---------------------------------------------------------------------------------
    def _hover(self, scene_pos) -> None:
        for panel in (self._main, self._side):
            view = panel.plot.vb
            if panel.plot.scene() is None or not view.sceneBoundingRect().contains(scene_pos):
                continue
            point = view.mapSceneToView(scene_pos)
            tip = self.tooltip_at(point.x(), point.y(),
                                  "main" if panel is self._main else "side")
            if tip:
                QToolTip.showText(QCursor.pos(), tip, self._graphics)
                return
        QToolTip.hideText()


def _brush(color: str, alpha: float):
    c = QColor(color)
    c.setAlphaF(alpha)
    return pg.mkBrush(c)


def _swatch(color: str) -> str:
    return f"<span style='color:{color}; font-size:12pt'>■</span>"


def _escape(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
