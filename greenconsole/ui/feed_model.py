"""The live feed: a table model with batched inserts, and the filter proxy in front of it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor

from greenconsole.protocol.notification import Notification
from greenconsole.protocol.summary import summarize

FLUSH_MS = 30
"""New rows are inserted in one batch at most this often."""


class RowState(StrEnum):
    """A feed row's fate on the server."""

    SHOWN = "shown"
    HELD = "holding"
    SKIPPED = "skipped"
    DELETING = "deleting…"
    DELETED = "deleted"
    DELETE_FAILED = "delete failed"
    MALFORMED = "malformed"


@dataclass(slots=True)
class FeedRow:
    """What one row shows; `body` is parsed JSON (None for a malformed answer)."""

    received_at: float
    receipt_id: int | None
    type_webhook: str
    chat: str
    sender: str
    summary: str
    id_message: str
    body: dict[str, Any] | None
    raw: str = ""
    state: RowState = RowState.SHOWN
    detail: str = ""
    repeats: int = 0
    duplicate_of: str = ""
    haystack: str = field(default="", repr=False)

    @classmethod
    def from_notification(cls, notification: Notification) -> FeedRow:
        """A row for a received notification."""
        info = summarize(notification.body)
        return cls(
            time.time(),
            notification.receipt_id,
            notification.type_webhook,
            info.chat,
            info.sender,
            info.text,
            info.id_message,
            notification.body,
        )

    @classmethod
    def malformed(cls, reason: str, raw: str) -> FeedRow:
        """A row for an answer that did not follow the protocol."""
        return cls(
            time.time(), None, "", "", "", reason, "", None, raw=raw, state=RowState.MALFORMED
        )

    @property
    def state_text(self) -> str:
        """The State column: the fate, the delete's result, repeats and duplicates."""
        parts = [str(self.state)]
        if self.detail:
            parts.append(self.detail)
        if self.repeats:
            parts.append(f"came back ×{self.repeats}")
        if self.duplicate_of:
            parts.append(f"duplicate {self.duplicate_of}")
        return " · ".join(parts)

    @property
    def document(self) -> Any:
        """What the inspector shows: the notification as received, or the raw text."""
        if self.body is None:
            return self.raw
        return {"receiptId": self.receipt_id, "body": self.body}


COLUMNS = ("Received", "Receipt", "Type", "Chat", "Sender", "Summary", "State")
COL_RECEIVED, COL_RECEIPT, COL_TYPE, COL_CHAT, COL_SENDER, COL_SUMMARY, COL_STATE = range(7)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_STATE_COLORS = {
    RowState.DELETED: QColor("#2e7d32"),
    RowState.DELETE_FAILED: QColor("#c62828"),
    RowState.MALFORMED: QColor("#c62828"),
    RowState.HELD: QColor("#1565c0"),
    RowState.SKIPPED: QColor("#6d4c41"),
}
_DUPLICATE_BRUSH = QBrush(QColor(255, 236, 179))
_MALFORMED_BRUSH = QBrush(QColor(255, 205, 210))


class FeedModel(QAbstractTableModel):
    """All rows of the session, appended in batches (one beginInsertRows per flush)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FeedRow] = []
        self._pending: list[FeedRow] = []
        self._by_receipt: dict[int, int] = {}
        self._id_messages: dict[str, int] = {}
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)

    # --- reading -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_SUMMARY, COL_STATE):
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_STATE:
            return _STATE_COLORS.get(row.state)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.state is RowState.MALFORMED:
                return _MALFORMED_BRUSH
            if row.duplicate_of or row.repeats:
                return _DUPLICATE_BRUSH
        return None

    @staticmethod
    def _display(row: FeedRow, column: int) -> str:
        if column == COL_RECEIVED:
            stamp = time.localtime(row.received_at)
            return time.strftime("%H:%M:%S", stamp) + f".{int(row.received_at % 1 * 1000):03d}"
        if column == COL_RECEIPT:
            return "" if row.receipt_id is None else str(row.receipt_id)
        values = (row.type_webhook, row.chat, row.sender, row.summary, row.state_text)
        return values[column - COL_TYPE]

    def row(self, number: int) -> FeedRow:
        """The row object at a source row number."""
        return self._rows[number]

    def rows(self) -> list[FeedRow]:
        """Every row (flushed ones), oldest first."""
        return self._rows

    def row_of_receipt(self, receipt_id: int) -> FeedRow | None:
        """The newest row with this receipt, if it is in the feed."""
        number = self._by_receipt.get(receipt_id)
        return None if number is None else self._rows[number]

    # --- writing -------------------------------------------------------------------------
    def append(self, row: FeedRow) -> None:
        """Queue a row; it appears with the next batch (within FLUSH_MS)."""
        if row.id_message:
            first = self._id_messages.get(row.id_message)
            if first is not None:
                row.duplicate_of = f"idMessage of row {first + 1}"
            else:
                self._id_messages[row.id_message] = len(self._rows) + len(self._pending)
        if row.receipt_id is not None and row.receipt_id in self._by_receipt:
            row.duplicate_of = row.duplicate_of or f"receipt {row.receipt_id}"
        row.haystack = " ".join(self._display(row, c) for c in range(len(COLUMNS))).casefold()
        self._pending.append(row)
        if row.receipt_id is not None:
            self._by_receipt[row.receipt_id] = len(self._rows) + len(self._pending) - 1
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Insert the queued rows now, in one batch."""
        if not self._pending:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(self._pending) - 1)
        self._rows.extend(self._pending)
        self._pending.clear()
        self.endInsertRows()

    def update_receipt(self, receipt_id: int, **changes: Any) -> FeedRow | None:
        """Change fields of the receipt's row (state, detail, repeats) and repaint it."""
        number = self._by_receipt.get(receipt_id)
        if number is None:
            return None
        if number >= len(self._rows):
            self.flush()
        row = self._rows[number]
        for name, value in changes.items():
            setattr(row, name, value)
        row.haystack = " ".join(self._display(row, c) for c in range(len(COLUMNS))).casefold()
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))
        return row

    def clear(self) -> None:
        """Forget every row."""
        self.beginResetModel()
        self._rows.clear()
        self._pending.clear()
        self._by_receipt.clear()
        self._id_messages.clear()
        self.endResetModel()


class FeedFilter(QSortFilterProxyModel):
    """Text over all columns (case-insensitive) and an exact typeWebhook."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._type = ""

    def set_text(self, text: str) -> None:
        """Show rows whose columns contain `text`."""
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_type(self, type_webhook: str) -> None:
        """Show rows of this typeWebhook only ("" for all)."""
        self.beginFilterChange()
        self._type = type_webhook
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        row = self.sourceModel().row(source_row)
        if self._type and row.type_webhook != self._type:
            return False
        return not self._text or self._text in row.haystack
