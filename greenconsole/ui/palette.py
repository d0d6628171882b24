"""The window's colours in one place, chosen for the light or dark palette in use.

Every text colour reads at ≥ 4.5:1 (WCAG AA) on the palette's Base and Window colours, and
every tinted surface carries its own text colour at ≥ 4.5:1 (tests/ui/test_palette.py).
State is never told by colour alone: each coloured text also says it in words or a mark.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QColor, QGuiApplication, QPalette


class Tone(Enum):
    """A text colour by meaning."""

    ERROR = "error"
    WARNING = "warning"
    OK = "ok"
    INFO = "info"
    MUTED = "muted"
    SKIPPED = "skipped"
    JSON_KEY = "json key"
    JSON_STRING = "json string"
    JSON_NUMBER = "json number"
    JSON_LITERAL = "json literal"


class Surface(Enum):
    """A tinted background with the text colour drawn on it."""

    NOTICE = "notice"  # an offer or an explanation (the sandbox banner)
    CAUTION = "caution"  # a mode to keep in mind (an imported file is shown)
    PROBLEM = "problem"  # a failed step, a malformed row
    DUPLICATE = "duplicate"  # a repeated idMessage
    ADDED = "added"  # a diff's line only the right side has
    REMOVED = "removed"  # a diff's line only the left side has
    CHANGED = "changed"  # a diff's line whose value differs


_LIGHT_TEXT = {
    Tone.ERROR: "#b71c1c",
    Tone.WARNING: "#9a4300",
    Tone.OK: "#1b5e20",
    Tone.INFO: "#0d47a1",
    Tone.MUTED: "#5f6368",
    Tone.SKIPPED: "#6d4c41",
    Tone.JSON_KEY: "#6a1b9a",
    Tone.JSON_STRING: "#1b5e20",
    Tone.JSON_NUMBER: "#0d47a1",
    Tone.JSON_LITERAL: "#9a4300",
}
_DARK_TEXT = {
    Tone.ERROR: "#ff8a80",
    Tone.WARNING: "#ffb74d",
    Tone.OK: "#81c784",
    Tone.INFO: "#90caf9",
    Tone.MUTED: "#b0b4b8",
    Tone.SKIPPED: "#d7ccc8",
    Tone.JSON_KEY: "#e1bee7",
    Tone.JSON_STRING: "#a5d6a7",
    Tone.JSON_NUMBER: "#90caf9",
    Tone.JSON_LITERAL: "#ffcc80",
}
_LIGHT_SURFACE = {  # background, text
    Surface.NOTICE: ("#e3f2fd", "#0d2b4d"),
    Surface.CAUTION: ("#fff3e0", "#4a2500"),
    Surface.PROBLEM: ("#ffcdd2", "#7f0000"),
    Surface.DUPLICATE: ("#ffecb3", "#4a3300"),
    Surface.ADDED: ("#c8e6c9", "#0b3d0f"),
    Surface.REMOVED: ("#ffcdd2", "#7f0000"),
    Surface.CHANGED: ("#ffe0b2", "#4a2500"),
}
_DARK_SURFACE = {
    Surface.NOTICE: ("#0d2b4d", "#e3f2fd"),
    Surface.CAUTION: ("#4a2500", "#fff3e0"),
    Surface.PROBLEM: ("#5c0f0f", "#ffebee"),
    Surface.DUPLICATE: ("#4a3300", "#fff8e1"),
    Surface.ADDED: ("#123d1a", "#e8f5e9"),
    Surface.REMOVED: ("#5c0f0f", "#ffebee"),
    Surface.CHANGED: ("#4a2500", "#fff3e0"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the palette (the application's by default) draws light text on dark."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def text(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The text colour for `tone` on the palette's Base or Window."""
    return QColor((_DARK_TEXT if is_dark(palette) else _LIGHT_TEXT)[tone])


def surface(which: Surface, palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """(background, text) of a tinted surface."""
    back, fore = (_DARK_SURFACE if is_dark(palette) else _LIGHT_SURFACE)[which]
    return QColor(back), QColor(fore)


def text_style(tone: Tone, bold: bool = False) -> str:
    """A style sheet colouring a label's text."""
    return f"color: {text(tone).name()};" + (" font-weight: bold;" if bold else "")


def surface_style(which: Surface) -> str:
    """A style sheet for a banner on a tinted surface."""
    back, fore = surface(which)
    return f"background: {back.name()}; color: {fore.name()}; padding: 4px;"


def error_field_style(widget_class: str) -> str:
    """A red frame for an invalid field that keeps a visible focus ring (the palette's
    highlight colour) when the field has the keyboard focus; the paddings keep the field's
    size what the native frame gives it, so the form never moves."""
    error = text(Tone.ERROR).name()
    focus = QGuiApplication.palette().color(QPalette.ColorRole.Highlight).name()
    padding = "1px 0px" if widget_class == "QSpinBox" else "2px 0px"
    return (
        f"{widget_class} {{ border: 1px solid {error}; padding: {padding}; }} "
        f"{widget_class}:focus {{ border: 1px solid {focus}; }}"
    )


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
