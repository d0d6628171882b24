"""The window's keyboard shortcuts, named once: the menus bind them, tooltips mention them."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

NEW_TAB = QKeySequence("Ctrl+T")
CLOSE_TAB = QKeySequence("Ctrl+W")
NEXT_TAB = QKeySequence("Ctrl+Tab")
PREVIOUS_TAB = QKeySequence("Ctrl+Shift+Tab")
QUIT = QKeySequence("Ctrl+Q")
START_STOP = QKeySequence("F5")
SEND = QKeySequence("Ctrl+Return")
FIND = QKeySequence("Ctrl+F")
FILTER = QKeySequence("Ctrl+L")
DELETE = QKeySequence("Ctrl+D")
COPY_PATH = QKeySequence("Ctrl+Shift+C")
FOLD_FORM = QKeySequence("Ctrl+Shift+K")
COMPARE = QKeySequence("Ctrl+K")
RESEND = QKeySequence("Ctrl+E")
SHORTCUTS = QKeySequence("F1")


def hint(text: str, *keys: QKeySequence) -> str:
    """A tooltip that names its shortcuts: "Start polling (F5)"."""
    names = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys)
    return f"{text} ({names})" if names else text
