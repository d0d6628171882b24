"""The shape check on screen. In the feed, a row whose body differs from its documented shape
shows a warning icon in its Type column, in orange, with the differences as the tooltip; an
unknown kind shows an information icon (never a warning). The inspector lists the differences."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QWidget

from greenconsole import shapes
from greenconsole.ui.palette import Tone, text, text_style

if TYPE_CHECKING:
    from greenconsole.ui.feed_model import FeedRow


@cache
def _icon(which: QStyle.StandardPixmap) -> QIcon:
    return QApplication.style().standardIcon(which)


def shape_title(shape_errors: int | None) -> str:
    """The first line of a shape tooltip or of the inspector's shape section."""
    if shape_errors:
        return QCoreApplication.translate(
            "ShapeMarks", "Differs from GREEN-API's documented shape ({0}):"
        ).format(shape_errors)
    return QCoreApplication.translate(
        "ShapeMarks", "A kind GREEN-API does not document (shown as is, not an error):"
    )


def shape_mark(row: FeedRow, role: int) -> Any:
    """What the Type column shows of the row's shape check for `role`; None: nothing special."""
    if not row.shape_notes:
        return None
    if role == Qt.ItemDataRole.DecorationRole:
        return _icon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if row.shape_errors
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
    if role == Qt.ItemDataRole.ToolTipRole:
        return f"{shape_title(row.shape_errors)}\n{row.shape_notes}"
    if role == Qt.ItemDataRole.ForegroundRole and row.shape_errors:
        return text(Tone.WARNING)
    return None


class ShapeSection(QLabel):
    """The inspector's list of the inspected body's differences (hidden when there are none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.differences: list[shapes.Difference] = []
        self.hide()

    def show_document(self, document: Any) -> None:
        """Check the notification of a shown document (nothing for a malformed answer)."""
        body = document.get("body") if isinstance(document, dict) else None
        self.differences = shapes.check(body) if isinstance(body, dict) else []
        errors = shapes.error_count(self.differences)
        lines = [f"• {difference.text}" for difference in self.differences]
        self.setText("\n".join([shape_title(errors), *lines]))
        self.setStyleSheet(text_style(Tone.WARNING if errors else Tone.MUTED))
        self.setVisible(bool(self.differences))
