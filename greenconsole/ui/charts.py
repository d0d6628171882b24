"""Two small painted charts: queue health over the last minutes, and a bar histogram."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from greenconsole.health import WINDOW
from greenconsole.ui.palette import Tone, text

DEPTH_TONE, RECEIVED_TONE, DELETED_TONE = Tone.INFO, Tone.OK, Tone.WARNING
MARGIN = 4
LABEL_GAP = 6
"""Pixels kept clear between two bar labels."""
MIN_SPAN = 60.0
"""The chart's x axis spans at least this many seconds."""


class _Chart(QWidget):
    """A fixed-height chart area that expands horizontally."""

    def __init__(self, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._height = height

    def sizeHint(self) -> QSize:
        return QSize(320, self._height)

    def _frame(self, painter: QPainter) -> QRectF:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN + 12, -MARGIN, -MARGIN)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid)))
        painter.drawRect(area)
        return area


class HealthChart(_Chart):
    """Queue depth (line) and local receive/delete rates (lines) over the last WINDOW seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(120, parent)
        self.depths: list[tuple[float, int]] = []
        self.rates: list[tuple[float, float, float]] = []

    def set_series(
        self, depths: list[tuple[float, int]], rates: list[tuple[float, float, float]]
    ) -> None:
        """Points as (seconds ago, value); repaint."""
        self.depths, self.rates = depths, rates
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self._frame(painter)
        top_depth = max((d for _, d in self.depths), default=0) or 1
        top_rate = max((max(r, d) for _, r, d in self.rates), default=0) or 1
        oldest = max((a for a, *_ in [*self.depths, *self.rates]), default=0)
        span = min(WINDOW, max(MIN_SPAN, oldest))  # the x axis grows with the data, up to WINDOW

        def point(ago: float, value: float, top: float) -> QPointF:
            x = area.right() - area.width() * min(ago, span) / span
            return QPointF(x, area.bottom() - area.height() * value / top)

        for tone, style, points in (
            (DEPTH_TONE, Qt.PenStyle.SolidLine, [point(a, d, top_depth) for a, d in self.depths]),
            (
                RECEIVED_TONE,
                Qt.PenStyle.SolidLine,
                [point(a, r, top_rate) for a, r, _ in self.rates],
            ),
            (
                DELETED_TONE,
                Qt.PenStyle.DashLine,
                [point(a, d, top_rate) for a, _, d in self.rates],
            ),
        ):
            painter.setPen(QPen(text(tone), 2, style))
            if len(points) == 1:
                painter.drawEllipse(points[0], 2, 2)
            else:
                painter.drawPolyline(QPolygonF(points))
        painter.setPen(QPen(text(Tone.MUTED)))
        painter.drawText(
            QRectF(self.rect()).adjusted(MARGIN, 0, -MARGIN, 0),
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
            self.tr("depth ≤ {0}   rates ≤ {1:.1f}/s   last {2:.0f} s").format(
                top_depth, top_rate, span
            ),
        )
        painter.end()


class BarChart(_Chart):
    """Labelled bars (e.g. the probe latency histogram). Labels too wide for their bars are
    thinned (every second, third… one, always the last); every bar's label and count are in
    the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(110, parent)
        self.bars: list[tuple[str, int]] = []
        self.title = ""

    def set_bars(self, bars: list[tuple[str, int]], title: str = "") -> None:
        """(label, count) pairs; repaint."""
        self.bars, self.title = bars, title
        self.setToolTip("\n".join([title, *(f"{label}: {count}" for label, count in bars)]))
        self.update()

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(MARGIN, MARGIN + 12 + 14, -MARGIN, -MARGIN - 14)

    def labels(self) -> list[tuple[QRectF, str]]:
        """Where each label that is drawn goes (its text's own width, centred under its bar,
        kept inside the chart); no two overlap."""
        if not self.bars:
            return []
        area, metrics = self._area(), self.fontMetrics()
        width = area.width() / len(self.bars)
        widest = max(metrics.horizontalAdvance(label) for label, _ in self.bars) + LABEL_GAP
        step = max(1, math.ceil(widest / width)) if width > 0 else len(self.bars)
        shown = []
        for number in range(len(self.bars) - 1, -1, -step):
            label = self.bars[number][0]
            advance = metrics.horizontalAdvance(label)
            left = area.left() + (number + 0.5) * width - advance / 2
            left = max(area.left(), min(left, area.right() - advance))
            shown.append((QRectF(left, area.bottom(), advance, 14), label))
        return shown[::-1]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._frame(painter)
        area = self._area()  # room for counts above the bars and labels below
        painter.setPen(QPen(text(Tone.MUTED)))
        painter.drawText(
            QRectF(self.rect()).adjusted(MARGIN, 0, -MARGIN, 0),
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
            self.title,
        )
        if self.bars:
            top = max(count for _, count in self.bars) or 1
            width = area.width() / len(self.bars)
            for number, (_, count) in enumerate(self.bars):
                height = area.height() * count / top
                bar = QRectF(
                    area.left() + number * width + 2, area.bottom() - height, width - 4, height
                )
                painter.fillRect(bar, text(DEPTH_TONE))
                if count:
                    painter.drawText(
                        bar.adjusted(0, -14, 0, 0),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                        str(count),
                    )
            for place, label in self.labels():
                painter.drawText(place, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
