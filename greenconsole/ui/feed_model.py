"""The feed: a table model over live rows, journal history and search results.

Built for 100k+ rows: rows are appended in batches; a row keeps only what it draws (the body
stays in the journal until the row is inspected); a filter is a journal search run off the Qt
thread whose result (capture ids) the model shows, paging rows in from the journal as they are
drawn. No QSortFilterProxyModel: it would call Python once per row on every filter change
(~130 ms for 100k rows on this machine), freezing the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush

from greenconsole.invisibles import escape
from greenconsole.journal.query import Query
from greenconsole.journal.store import Capture, Checked, haystack_of
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.summary import summarize
from greenconsole.redact import mask_phones
from greenconsole.timeline import OUTGOING_TYPES, PROBLEM_STATUSES, STATUS_TYPE
from greenconsole.ui.palette import Surface, Tone, surface, text
from greenconsole.ui.shape_marks import shape_mark

STATEFUL_TYPES = frozenset({STATUS_TYPE, "incomingCall", "outgoingCall"})
"""Kinds that repeat their idMessage with a new status: not duplicates while it changes."""
FLUSH_MS = 250
"""New rows are inserted in one batch at most this often."""
PAGE = 256
"""Rows of a search result read from the journal at a time, as they are drawn."""


ENGLISH_LABELS: dict[str, str] = {}  # filled below, once RowState exists


class RowState(StrEnum):
    """A feed row's fate on the server."""

    SHOWN = "shown"
    HELD = "holding"
    SKIPPED = "skipped"
    DELETING = "deleting…"
    DELETED = "deleted"
    DELETE_FAILED = "delete failed"
    MALFORMED = "malformed"
    IMPORTED = "imported"
    RELEASED = "released (still queued)"


ENGLISH_LABELS.update(
    {state: str(state) for state in RowState}
    | {
        "history": "history",
        "came back": "came back ×{0}",
        "duplicate": "duplicate {0}",
        "redelivery": "redelivery",
    }
)


@dataclass(slots=True)
class FeedRow:
    """What one row shows. `capture_id` finds its body in the journal; imported rows carry it."""

    received_at: float
    receipt_id: int | None
    type_webhook: str
    chat: str
    sender: str
    summary: str
    id_message: str
    capture_id: int | None = None
    body: dict[str, Any] | None = None
    state: RowState = RowState.SHOWN
    detail: str = ""
    repeats: int = 0
    duplicate_of: str = ""
    redelivery: bool = False  # the same receipt and body reached a consumer before
    history: bool = False
    haystack: str = field(default="", repr=False)
    statuses: list[str] | None = None  # an outgoing message's statuses, in order
    folded: bool = False  # a status shown on its message's row while statuses are grouped
    shape_errors: int | None = None  # differences from the documented shape; None: unchecked
    shape_notes: str = ""  # those differences and unknown kinds, one a line

    @property
    def duplicate_key(self) -> str:
        """Rows with the same key are the same event (a status differs from its message, a
        call's "missed" from its "offer")."""
        if not self.id_message:
            return ""
        status = self.summary if self.type_webhook in STATEFUL_TYPES else ""
        return f"{self.type_webhook}|{self.id_message}|{status}"

    @classmethod
    def from_notification(
        cls, notification: Notification, capture_id: int | None = None, keep_body: bool = False
    ) -> FeedRow:
        """A row for a received (or imported) notification."""
        info = summarize(notification.body)
        checked = Checked.of(notification.body)
        return cls(
            time.time(),
            notification.receipt_id,
            notification.type_webhook,
            info.chat,
            info.sender,
            info.text,
            info.id_message,
            capture_id,
            notification.body if keep_body else None,
            shape_errors=checked.shape_errors,
            shape_notes=checked.shape_notes,
        )

    @classmethod
    def from_capture(cls, capture: Capture, history: bool) -> FeedRow:
        """A row for a journal capture."""
        if capture.malformed:
            state = RowState.MALFORMED
        elif capture.deleted is None:
            state = RowState.SHOWN
        else:
            state = RowState.DELETED if capture.deleted else RowState.DELETE_FAILED
        # "deleted" says result: true already; a refusal quotes the API's answer
        detail = "result: false" if capture.deleted is False else ""
        return cls(
            capture.received_at,
            capture.receipt_id,
            capture.type_webhook,
            capture.chat,
            capture.sender,
            capture.summary,
            capture.id_message,
            capture.id,
            state=state,
            detail=detail,
            repeats=capture.repeats,
            history=history,
            shape_errors=capture.shape_errors,
            shape_notes=capture.shape_notes,
        )

    @property
    def state_text(self) -> str:
        """The State column in English."""
        return self.describe(ENGLISH_LABELS)

    def describe(self, labels: dict[str, str]) -> str:
        """The State column: the fate, the delete's result, repeats and duplicates."""
        parts = [labels["history"]] if self.history else []
        parts.append(labels[self.state])
        if self.detail:
            parts.append(self.detail)
        if self.repeats:
            parts.append(labels["came back"].format(self.repeats))
        if self.redelivery:
            parts.append(labels["redelivery"])
        if self.duplicate_of:
            parts.append(labels["duplicate"].format(self.duplicate_of))
        return " · ".join(parts)

    def refresh_haystack(self) -> None:
        """Recompute what the free-text filter matches."""
        self.haystack = haystack_of(
            self.type_webhook,
            self.chat,
            self.sender,
            self.summary,
            self.id_message,
            self.receipt_id,
        )

    def matches(self, query: Query) -> bool:
        """Whether `query` accepts this row (the journal search's rule)."""
        return query.matches(
            self.haystack,
            self.type_webhook,
            self.chat,
            self.id_message,
            self.receipt_id,
            self.received_at,
            self.shape_errors,
            self.shape_notes,
        )


COLUMNS = ("Received", "Receipt", "Type", "Chat", "Sender", "Summary", "State")
COL_RECEIVED, COL_RECEIPT, COL_TYPE, COL_CHAT, COL_SENDER, COL_SUMMARY, COL_STATE = range(7)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_STATE_TONES = {
    RowState.DELETED: Tone.OK,
    RowState.DELETE_FAILED: Tone.ERROR,
    RowState.MALFORMED: Tone.ERROR,
    RowState.HELD: Tone.INFO,
    RowState.SKIPPED: Tone.SKIPPED,
}


def _surface(row: FeedRow) -> Surface | None:
    """The tinted background of a malformed or repeated row (its State cell says why)."""
    if row.state is RowState.MALFORMED:
        return Surface.PROBLEM
    if row.duplicate_of or row.repeats or row.redelivery:
        return Surface.DUPLICATE
    return None


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        ROW_ROLE,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.DecorationRole,
    }
)
CaptureLoader = Callable[[list[int]], list[Capture]]


def display(
    row: FeedRow, column: int, masked: bool = False, labels: dict[str, str] = ENGLISH_LABELS
) -> str:
    """The text of one cell; `masked` hides phone numbers (presentation mode)."""
    if column == COL_RECEIVED:
        stamp = time.localtime(row.received_at)
        return time.strftime("%H:%M:%S", stamp) + f".{int(row.received_at % 1 * 1000):03d}"
    if column == COL_RECEIPT:
        return "" if row.receipt_id is None else str(row.receipt_id)
    summary = f"[{' → '.join(row.statuses)}] {row.summary}" if row.statuses else row.summary
    values = (row.type_webhook, row.chat, row.sender, summary, row.describe(labels))
    text = values[column - COL_TYPE]
    if column == COL_STATE:
        return text
    if masked and column != COL_TYPE:
        text = mask_phones(text)
    return escape(text)  # always: a raw U+202E would reverse the row, U+200B hide itself


class FeedModel(QAbstractTableModel):
    """History rows (oldest first) then live rows; or, while filtered, a search result."""

    def __init__(self, load_captures: CaptureLoader | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._load_captures = load_captures
        self._history: list[FeedRow] = []  # newest first: loading older rows appends
        self._live: list[FeedRow] = []
        self._pending: list[FeedRow] = []
        self._seq: dict[int, int] = {}  # id(row) → position: live ≥ 0, history < 0
        self._by_capture: dict[int, FeedRow] = {}
        self._id_messages: set[str] = set()  # duplicate keys seen
        self._messages: dict[str, FeedRow] = {}  # outgoing messages by idMessage
        self.grouped = False
        self._view: list[int] | None = None  # capture ids of a search result
        self._view_rows: dict[int, FeedRow] = {}  # rows paged in for the view
        self._query: Query | None = None
        self.masked = False
        self.headers = [
            self.tr("Received"),
            self.tr("Receipt"),
            self.tr("Type"),
            self.tr("Chat"),
            self.tr("Sender"),
            self.tr("Summary"),
            self.tr("State"),
        ]
        self.labels = {
            RowState.SHOWN: self.tr("shown"),
            RowState.HELD: self.tr("holding"),
            RowState.SKIPPED: self.tr("skipped"),
            RowState.DELETING: self.tr("deleting…"),
            RowState.DELETED: self.tr("deleted"),
            RowState.DELETE_FAILED: self.tr("delete failed"),
            RowState.MALFORMED: self.tr("malformed"),
            RowState.IMPORTED: self.tr("imported"),
            RowState.RELEASED: self.tr("released (still queued)"),
            "history": self.tr("history"),
            "came back": self.tr("came back ×{0}"),
            "duplicate": self.tr("duplicate {0}"),
            "redelivery": self.tr("redelivery"),
        }
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)

    # --- reading -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._view) if self._view is not None else len(self._history) + len(self._live)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        row = self.row(index.row())
        if index.column() == COL_TYPE and (mark := shape_mark(row, role)) is not None:
            return mark
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, index.column(), self.masked, self.labels)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_SUMMARY, COL_STATE):
            return display(row, index.column(), self.masked, self.labels)
        if role == Qt.ItemDataRole.ForegroundRole:
            tinted = _surface(row)
            if tinted is not None:  # the tint's own text colour (readable in a dark palette)
                return surface(tinted)[1]
            if index.column() == COL_STATE and row.state in _STATE_TONES:
                return text(_STATE_TONES[row.state])
            problem = row.statuses and not PROBLEM_STATUSES.isdisjoint(row.statuses)
            if index.column() == COL_SUMMARY and problem:
                return text(Tone.ERROR)
            return text(Tone.MUTED) if row.history else None
        if role == Qt.ItemDataRole.BackgroundRole:
            tinted = _surface(row)
            return QBrush(surface(tinted)[0]) if tinted is not None else None
        return None

    def row(self, number: int) -> FeedRow:
        """The row shown at `number`."""
        if self._view is not None:
            return self._view_row(self._view, number)
        history = len(self._history)
        return (
            self._history[history - 1 - number]
            if number < history
            else self._live[number - history]
        )

    def rows(self) -> list[FeedRow]:
        """Every loaded row (history and live), oldest first; the filter does not apply."""
        self.flush()
        return [*reversed(self._history), *self._live]

    def row_of_capture(self, capture_id: int) -> FeedRow | None:
        """The loaded row of this journal capture."""
        return self._by_capture.get(capture_id)

    def number_of_capture(self, capture_id: int) -> int | None:
        """Where this capture's row is shown now; None if it is not (not loaded, filtered out)."""
        self.flush()
        if self._view is not None:
            return self._view.index(capture_id) if capture_id in self._view else None
        row = self._by_capture.get(capture_id)
        return None if row is None else self._number_of(row)

    @property
    def loaded_count(self) -> int:
        """How many rows are held (history and live, whatever the filter shows)."""
        return len(self._history) + len(self._live)

    @property
    def filtered(self) -> bool:
        """True while a search result is shown."""
        return self._view is not None

    def oldest_capture_id(self) -> int | None:
        """The capture id of the oldest loaded history row (for "load older")."""
        if self._history:
            return self._history[-1].capture_id
        return self._live[0].capture_id if self._live else None

    def set_masked(self, masked: bool) -> None:
        """Hide (or show again) phone numbers in every cell."""
        self.masked = masked
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1)
            )

    # --- live rows -----------------------------------------------------------------------
    def append(self, row: FeedRow) -> None:
        """Queue a live row; it appears with the next batch (within FLUSH_MS)."""
        self._flag_duplicates(row)
        row.refresh_haystack()
        self._pending.append(row)
        self._index(row)
        self._group(row)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flag_duplicates(self, row: FeedRow) -> None:
        key = row.duplicate_key
        if key:
            if key in self._id_messages and not row.redelivery:  # a redelivery says so itself
                row.duplicate_of = f"idMessage {row.id_message}"
            self._id_messages.add(key)

    def _group(self, row: FeedRow) -> None:
        """Attach a status to its message's row (the message must be loaded before it)."""
        if not row.id_message:
            return
        if row.type_webhook in OUTGOING_TYPES:
            self._messages.setdefault(row.id_message, row)
            return
        message = self._messages.get(row.id_message)
        if row.type_webhook != STATUS_TYPE or message is None:
            return
        message.statuses = [*(message.statuses or []), row.summary.removeprefix("status: ")]
        row.folded = True
        number = self._number_of(message)
        if number is not None:
            self.dataChanged.emit(self.index(number, COL_SUMMARY), self.index(number, COL_SUMMARY))

    def _visible(self, row: FeedRow) -> bool:
        return not (self.grouped and row.folded)

    def grouped_ids(self) -> list[int]:
        """Capture ids of the loaded rows left when statuses are folded into their messages."""
        return [
            row.capture_id for row in self.rows() if row.capture_id is not None and not row.folded
        ]

    def _index(self, row: FeedRow) -> None:
        if row.capture_id is not None:
            self._by_capture[row.capture_id] = row

    def flush(self) -> None:
        """Insert the queued live rows now, in one batch (into the view only if they match)."""
        if not self._pending:
            return
        rows, self._pending = self._pending, []
        for row in rows:
            self._seq[id(row)] = len(self._live)
            self._live.append(row)
        if self._view is None:
            first = len(self._history) + len(self._live) - len(rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.endInsertRows()
            return
        query = self._query
        matching = [
            row.capture_id
            for row in rows
            if row.capture_id is not None
            and self._visible(row)
            and (query is None or row.matches(query))
        ]
        if matching:
            first = len(self._view)
            self.beginInsertRows(QModelIndex(), first, first + len(matching) - 1)
            self._view.extend(matching)
            self.endInsertRows()

    def update_capture(self, capture_id: int | None, **changes: Any) -> FeedRow | None:
        """Change fields of a capture's row (state, detail, repeats) and repaint it."""
        row = None if capture_id is None else self._by_capture.get(capture_id)
        if row is None:
            return None
        for name, value in changes.items():
            setattr(row, name, value)
        row.refresh_haystack()
        number = self._number_of(row)
        if number is not None:
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))
        return row

    def _number_of(self, row: FeedRow) -> int | None:
        if self._view is not None:
            if row.capture_id is None:
                return None
            return self._view_position(self._view, row.capture_id)
        seq = self._seq.get(id(row))
        return None if seq is None else len(self._history) + seq

    @staticmethod
    def _view_position(view: list[int], capture_id: int) -> int | None:
        # view ids ascend (oldest first); live updates concern the newest: search from the end
        for position in range(len(view) - 1, max(-1, len(view) - 2000), -1):
            if view[position] == capture_id:
                return position
        return None

    # --- history -------------------------------------------------------------------------
    def add_history(self, captures: list[Capture]) -> None:
        """Put journal captures (oldest first) above everything loaded."""
        if not captures:
            return
        rows = [FeedRow.from_capture(capture, history=True) for capture in captures]
        if self._view is None:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
        for row in reversed(rows):
            self._seq[id(row)] = -1 - len(self._history)
            self._history.append(row)
            row.refresh_haystack()
            self._index_history(row)
        if self._view is None:
            self.endInsertRows()
        for row in rows:
            self._group(row)

    def _index_history(self, row: FeedRow) -> None:
        if row.capture_id is not None:
            self._by_capture[row.capture_id] = row
        if row.duplicate_key:
            self._id_messages.add(row.duplicate_key)

    # --- search view ---------------------------------------------------------------------
    def show_result(self, query: Query | None, capture_ids: list[int] | None) -> None:
        """Show a search result (capture ids, oldest first), or everything again (None)."""
        self.flush()
        if capture_ids is not None and self.grouped:
            capture_ids = [
                cid
                for cid in capture_ids
                if (row := self._by_capture.get(cid)) is None or not row.folded
            ]
        self.beginResetModel()
        self._query = query
        self._view = capture_ids
        self._view_rows.clear()
        self.endResetModel()

    def _view_row(self, view: list[int], number: int) -> FeedRow:
        capture_id = view[number]
        row = self._by_capture.get(capture_id) or self._view_rows.get(capture_id)
        if row is None:
            start = number - number % PAGE
            wanted = [
                cid
                for cid in view[start : start + PAGE]
                if cid not in self._by_capture and cid not in self._view_rows
            ]
            for capture in self._load_captures(wanted) if self._load_captures else []:
                self._view_rows[capture.id] = FeedRow.from_capture(capture, history=True)
            row = self._by_capture.get(capture_id) or self._view_rows[capture_id]
        return row

    # --- resetting -----------------------------------------------------------------------
    def clear(self) -> None:
        """Forget every row."""
        self.beginResetModel()
        for store in (self._history, self._live, self._pending):
            store.clear()
        for index in (self._seq, self._by_capture, self._view_rows):
            index.clear()
        self._id_messages.clear()
        self._messages.clear()
        self._view = None
        self._query = None
        self.endResetModel()
