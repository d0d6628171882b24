"""Two small painted charts: queue health over the last minutes, and a bar histogram."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from greenconsole.health import WINDOW
from greenconsole.ui.palette import Tone, text

DEPTH_TONE, RECEIVED_TONE, DELETED_TONE = Tone.INFO, Tone.OK, Tone.WARNING
MARGIN = 4
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
    """Labelled bars (e.g. the probe latency histogram)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(110, parent)
        self.bars: list[tuple[str, int]] = []
        self.title = ""

    def set_bars(self, bars: list[tuple[str, int]], title: str = "") -> None:
        """(label, count) pairs; repaint."""
        self.bars, self.title = bars, title
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self._frame(painter).adjusted(0, 14, 0, -14)  # room for counts and labels
        painter.setPen(QPen(text(Tone.MUTED)))
        painter.drawText(
            QRectF(self.rect()).adjusted(MARGIN, 0, -MARGIN, 0),
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
            self.title,
        )
        if self.bars:
            top = max(count for _, count in self.bars) or 1
            width = area.width() / len(self.bars)
            for number, (label, count) in enumerate(self.bars):
                height = area.height() * count / top
                bar = QRectF(
                    area.left() + number * width + 2, area.bottom() - height, width - 4, height
                )
                painter.fillRect(bar, text(DEPTH_TONE))
                painter.drawText(
                    QRectF(area.left() + number * width, area.bottom(), width, 14),
                    Qt.AlignmentFlag.AlignCenter,
                    label,
                )
                if count:
                    painter.drawText(
                        bar.adjusted(0, -14, 0, 0),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                        str(count),
                    )
        painter.end()
