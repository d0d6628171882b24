"""The tab icon of a connection's state: a shape per state (colour only repeats it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from greenconsole.ui.palette import Tone, text
from greenconsole.ui.session_state import Phase

SIZE = 32  # drawn large, scaled down by QIcon

_TONES = {
    Phase.IDLE: Tone.MUTED,
    Phase.POLLING: Tone.OK,
    Phase.HOLDING: Tone.INFO,
    Phase.BACKING_OFF: Tone.WARNING,
    Phase.FAILED: Tone.ERROR,
}


def phase_tone(phase: Phase) -> Tone:
    """The colour that repeats the state's shape (the state text in the status line too)."""
    return _TONES[phase]


def phase_name(phase: Phase) -> str:
    """The state in a word or two (for screen readers and tooltips)."""
    names = {
        Phase.IDLE: QCoreApplication.translate("state_icons", "stopped"),
        Phase.POLLING: QCoreApplication.translate("state_icons", "polling"),
        Phase.HOLDING: QCoreApplication.translate("state_icons", "holding a notification"),
        Phase.BACKING_OFF: QCoreApplication.translate("state_icons", "waiting to retry"),
        Phase.FAILED: QCoreApplication.translate("state_icons", "stopped by an error"),
    }
    return names[phase]


def phase_icon(phase: Phase) -> QIcon:
    """idle ○, polling ▶, holding ❚❚, backing off ⧗, failed ⊗ — each its own shape."""
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = text(_TONES[phase])
    painter.setPen(QPen(color, 3))
    box = QRectF(4, 4, SIZE - 8, SIZE - 8)
    if phase is Phase.IDLE:
        painter.drawEllipse(box)
    elif phase is Phase.POLLING:
        _fill(painter, color, [(7, 4), (28, 16), (7, 28)])
    elif phase is Phase.HOLDING:
        painter.fillRect(QRectF(7, 5, 7, 22), color)
        painter.fillRect(QRectF(18, 5, 7, 22), color)
    elif phase is Phase.BACKING_OFF:
        _fill(painter, color, [(6, 4), (26, 4), (16, 16)])
        _fill(painter, color, [(16, 16), (26, 28), (6, 28)])
    else:
        painter.drawEllipse(box)
        painter.drawLine(QPointF(11, 11), QPointF(21, 21))
        painter.drawLine(QPointF(21, 11), QPointF(11, 21))
    painter.end()
    return QIcon(pixmap)


def _fill(painter: QPainter, color: QColor, points: list[tuple[float, float]]) -> None:
    painter.setBrush(color)
    painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
