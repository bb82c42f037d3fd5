"""The analysis chart: one question or theme of the tidy results table, drawn with pyqtgraph.

Minimal first version of the interface the analysis page embeds; the drawing is refined in
later commits. The widget only shows rows of the table: it never computes a statistic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

translate = QCoreApplication.translate


@dataclass(frozen=True)
class BarItemInfo:
    """One drawn bar as tests and the page can inspect it."""

    label: str
    statistic: str
    wave: str
    group: str
    value: float
    start: float
    end: float
    low_base: bool
    mark: str  # "▲", "▼" or ""
    tooltip: str


class ChartView(QWidget):
    """Shows one subject (question or theme) of a tidy results table."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._graphics = pg.GraphicsLayoutWidget(self)
        self._graphics.setBackground("w")
        self._plot = self._graphics.addPlot()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._graphics)
        self._bars: list[BarItemInfo] = []
        self._items: list[pg.GraphicsObject] = []

    def show_subject(self, table: pd.DataFrame, questionnaire, subject: str, *,
                     language: str, wave: str | None = None,
                     breakdown: str | None = None) -> None:
        self.clear()
        rows = table[(table["question"] == subject)
                     & (table["breakdown"] == (breakdown or ""))]
        if rows.empty:
            return
        wave = wave or str(rows["wave"].iloc[-1])
        rows = rows[rows["wave"] == wave]
        for statistic in ("theme_mean", "top2", "mean"):
            if (rows["statistic"] == statistic).any():
                rows = rows[rows["statistic"] == statistic]
                break
        else:
            rows = rows[rows["statistic"].str.startswith("share:")]
        values = rows["value"].to_numpy(dtype=float)
        y = np.arange(len(values))
        item = pg.BarGraphItem(x0=0, y=y, height=0.6, width=values, brush="#0072B2")
        self._plot.addItem(item)
        self._items.append(item)
        for (_, row), position in zip(rows.iterrows(), y, strict=True):
            self._bars.append(BarItemInfo(
                label=str(row["group"] or row["statistic"]), statistic=row["statistic"],
                wave=str(row["wave"]), group=str(row["group"]), value=float(row["value"]),
                start=0.0, end=float(row["value"]), low_base=bool(row["low_base"]),
                mark="", tooltip=f"{row['value']:.3f} (n={row['n']}), y={position}"))

    def clear(self) -> None:
        for item in self._items:
            self._plot.removeItem(item)
        self._items.clear()
        self._bars.clear()

    def bars(self) -> list[BarItemInfo]:
        return list(self._bars)

    def export_png(self, path) -> None:
        from pyqtgraph.exporters import ImageExporter

        ImageExporter(self._graphics.ci).export(str(path))

    def export_svg(self, path) -> None:
        # pyqtgraph's SVGExporter cannot parse the paths Qt 6.11 writes (pyqtgraph issue
        # 3485), so the scene is rendered through Qt's own SVG generator.
        from PySide6.QtCore import QRectF, QSize
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator

        source = self._graphics.ci.sceneBoundingRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(int(source.width()), int(source.height())))
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        painter = QPainter(generator)
        self._graphics.scene().render(painter, QRectF(0, 0, source.width(), source.height()),
                                      source)
        painter.end()

    def retranslateUi(self) -> None:
        pass
