"""The feed: a table model over journal history, live rows and search results.

Built for a million rows: the model holds the capture ids it shows (8 bytes each, in an array)
and pages rows in from the journal as they are drawn, keeping a bounded cache of them. Only rows
that show something the journal does not have stay in memory for good: rows that are not in the
journal (imported, journal off) and live rows whose fate is still open or that carry a mark
(held, skipped, redelivery, duplicate, a probe's round trip). A filter is a journal search run
off the Qt thread whose result (capture ids) the model shows. No QSortFilterProxyModel: it would
call Python once per row on every filter change, freezing the window.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import islice
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush

from greenconsole.invisibles import escape
from greenconsole.journal.query import Query
from greenconsole.journal.store import Capture, Checked, haystack_of
from greenconsole.jsontext import unescape_surrogates, utf8
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.summary import summarize
from greenconsole.redact import mask_phones, mask_sender
from greenconsole.timeline import OUTGOING_TYPES, PROBLEM_STATUSES, STATUS_TYPE
from greenconsole.ui.human_units import UNIT_LABELS, human_age, human_size
from greenconsole.ui.palette import Surface, Tone, surface, text
from greenconsole.ui.shape_marks import shape_mark

STATEFUL_TYPES = frozenset({STATUS_TYPE, "incomingCall", "outgoingCall"})
"""Kinds that repeat their idMessage with a new status: not duplicates while it changes."""
FLUSH_MS = 250
"""New rows are inserted, and changed rows repainted, in one batch at most this often."""
BUSY_ROWS = 100
BUSY_FLUSH_MS = 1_000
"""After a batch of BUSY_ROWS rows or more (400 a second), the next one waits BUSY_FLUSH_MS:
nobody reads rows at that rate, and a repaint of the followed feed costs the window more than
the rows do (~10 ms; bench/feed.py), CPU the drain and the server need on a small machine. A
second after the flood ends, rows show within FLUSH_MS again."""
PAGE = 256
"""Rows read from the journal at a time, as they are drawn."""
CACHE_ROWS = 16 * PAGE
"""Rows paged in from the journal that the model keeps (oldest read first out)."""
RECENT = 10_000
"""How far back (captures) a live notification's idMessage is checked for duplicates, and a
live status looks for its message's row."""


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
        "forwarded": "handler {0} (attempt {1})",
        "no answer": "no answer",
    }
    | UNIT_LABELS
)


def duplicate_key(type_webhook: str, id_message: str, summary: str) -> str:
    """Notifications with the same key are the same event (a status differs from its message,
    a call's "missed" from its "offer"); "" for those without an idMessage."""
    if not id_message:
        return ""
    status = summary if type_webhook in STATEFUL_TYPES else ""
    return f"{type_webhook}|{id_message}|{status}"


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
    forward_attempts: int = 0  # POSTs to a local webhook handler (forwarding)
    forward_status: int | None = None  # the last one's HTTP status (0: no answer)
    key: int = 0  # its place in the model: the capture id, or the model's own for other rows
    pinned: bool = False  # shows what the journal does not have (a probe's round trip)
    size: int | None = None  # bytes of the notification as received; None: unknown
    earlier: int | None = None  # a redelivery's: the capture of its first hand-over

    @property
    def duplicate_key(self) -> str:
        """Rows with the same key are the same event (see `duplicate_key`)."""
        return duplicate_key(self.type_webhook, self.id_message, self.summary)

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
            size=len(utf8(notification.answer)),
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
            forward_attempts=capture.forward_attempts,
            forward_status=capture.forward_status,
            key=capture.id,
            size=capture.length,
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
        if self.forward_status is not None:
            status = self.forward_status or labels["no answer"]
            parts.append(labels["forwarded"].format(status, self.forward_attempts))
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
        return query.matches(self)


COLUMNS = ("Received", "Receipt", "Type", "Chat", "Sender", "Summary", "State", "Size", "Age")
(
    COL_RECEIVED, COL_RECEIPT, COL_TYPE, COL_CHAT, COL_SENDER, COL_SUMMARY, COL_STATE, COL_SIZE,
    COL_AGE,
) = range(len(COLUMNS))  # fmt: skip
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
        Qt.ItemDataRole.TextAlignmentRole,
    }
)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RowSource(Protocol):
    """Where rows are paged in from (the journal)."""

    def captures(self, ids: list[int]) -> list[Capture]:
        """The captures with these ids (any order)."""
        ...

    def statuses(self, instance: int, id_messages: Iterable[str]) -> dict[str, list[str]]:
        """The statuses of these outgoing messages, oldest first."""
        ...

    def matching(self, query: Query, ids: Sequence[int]) -> set[int]:
        """Which of these captures `query` accepts."""
        ...


def display(
    row: FeedRow,
    column: int,
    masked: bool = False,
    labels: dict[str, str] = ENGLISH_LABELS,
    now: float | None = None,
) -> str:
    """The text of one cell; `masked` hides phone numbers and the sender's name (presentation
    mode); the Age column counts to `now` (default: the current time)."""
    if column == COL_RECEIVED:
        stamp = datetime.fromtimestamp(row.received_at)  # to the microsecond, as exports read
        return stamp.strftime("%H:%M:%S") + f".{stamp.microsecond // 1000:03d}"
    if column == COL_RECEIPT:
        return "" if row.receipt_id is None else str(row.receipt_id)
    if column == COL_SIZE:
        return human_size(row.size, labels)
    if column == COL_AGE:
        if not row.received_at:
            return ""  # a row the journal does not have any more
        return human_age((time.time() if now is None else now) - row.received_at, labels)
    summary = f"[{' → '.join(row.statuses)}] {row.summary}" if row.statuses else row.summary
    values = (row.type_webhook, row.chat, row.sender, summary, row.describe(labels))
    text = values[column - COL_TYPE]
    if column == COL_STATE:
        return text
    if masked and column == COL_SENDER:
        text = mask_sender(text)
    elif masked and column != COL_TYPE:
        text = mask_phones(text)
    # always: a raw U+202E would reverse the row, U+200B hide itself; half an emoji the
    # journal keeps as its escape shows as that escape (\ud83d), not doubled
    return escape(unescape_surrogates(text))


def status_name(summary: str) -> str:
    """The status in an outgoingMessageStatus summary ("status: read" → "read")."""
    return summary.removeprefix("status: ")


def _remember(recent: dict[str, Any], key: str, value: Any = None) -> None:
    """Add to a bounded insertion-ordered map, forgetting its oldest entry past RECENT."""
    recent.setdefault(key, value)
    if len(recent) > RECENT:
        del recent[next(iter(recent))]


class FeedModel(QAbstractTableModel):
    """History rows, then live rows (oldest first); or, while filtered, a search result.

    Rows are known by their key (the capture id; rows not in the journal get keys of their
    own) and drawn from `_held` (kept for good), `_cache` (paged in) or the `source`.
    """

    def __init__(self, source: RowSource | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._all = array("q")  # keys of every row, oldest first
        self._ascending = True  # `_all` is sorted (a binary search finds a row)
        self._view: array[int] | None = None  # keys of a search result, ascending
        self._query: Query | None = None
        self._held: dict[int, FeedRow] = {}  # rows the journal cannot give back
        self._cache: dict[int, FeedRow] = {}  # rows paged in, the oldest read first
        self._pending: list[FeedRow] = []
        self._changed: set[int] = set()  # keys of rows to repaint with the next batch
        self._next_key = -(2**62)  # keys of rows that are not in the journal
        self._live_from: int | None = None  # the first live capture: older ones are history
        self._recent: dict[str, None] = {}  # duplicate keys of the newest rows
        self._messages: dict[str, int] = {}  # the newest outgoing messages: idMessage → key
        self.grouped = False
        self.masked = False
        self.headers = [
            self.tr("Received"),
            self.tr("Receipt"),
            self.tr("Type"),
            self.tr("Chat"),
            self.tr("Sender"),
            self.tr("Summary"),
            self.tr("State"),
            self.tr("Size"),
            self.tr("Age"),
        ]
        self.header_tips = {
            COL_RECEIPT: self.tr("Receipt id (receiptId): what deletes the notification"),
            COL_SIZE: self.tr("Bytes of the notification as received (receiptId and body)"),
            COL_AGE: self.tr("Time since the notification was received"),
        }
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
            "forwarded": self.tr("handler {0} (attempt {1})"),
            "no answer": self.tr("no answer"),
            "B": self.tr("{0} B"),
            "KB": self.tr("{0} KB"),
            "MB": self.tr("{0} MB"),
            "s": self.tr("{0} s"),
            "min": self.tr("{0} min"),
            "h": self.tr("{0} h"),
            "d": self.tr("{0} d"),
            ".": self.tr(".", "decimal point"),
        }
        self.clock: Callable[[], float] = time.time  # what the Age column counts to
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)

    # --- reading -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips.get(section)
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
            return display(row, index.column(), self.masked, self.labels, self.clock())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:  # amounts line up by their units
            return _RIGHT if index.column() in (COL_SIZE, COL_AGE) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
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

    def _tooltip(self, row: FeedRow, column: int) -> str | None:
        if column in (COL_SUMMARY, COL_STATE):
            return display(row, column, self.masked, self.labels)
        if column == COL_SIZE and row.size is not None:
            return self.labels["B"].format(row.size)
        if column == COL_AGE and row.received_at:
            return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(row.received_at))
        return None

    def _shown(self) -> array[int]:
        return self._view if self._view is not None else self._all

    def row(self, number: int) -> FeedRow:
        """The row shown at `number` (paged in from the journal with its neighbours)."""
        shown = self._shown()
        key = shown[number]
        row = self._in_memory(key)
        if row is not None:
            return row
        start = number - number % PAGE
        wanted = [k for k in shown[start : start + PAGE] if k > 0 and self._in_memory(k) is None]
        for loaded in self._load(wanted):
            self._cache[loaded.key] = loaded
        row = self._cache.get(key)
        if row is None:
            row = self._cache[key] = self._missing(key)
        self._trim()
        return row

    def rows(self) -> list[FeedRow]:
        """Every row (history and live), oldest first; the filter does not apply. Reads them
        all from the journal: for exports and tests, not for drawing."""
        self.flush()
        return list(self._rows(self._all))

    def rows_at(self, numbers: Iterable[int]) -> list[FeedRow]:
        """The rows shown at these numbers (a selection), read past the cache."""
        shown = self._shown()
        return list(self._rows([shown[number] for number in numbers]))

    def shown_rows(self) -> Iterator[FeedRow]:
        """The rows the filter shows, in order (read past the cache)."""
        self.flush()
        return self._rows(self._shown())

    def _rows(self, keys: Sequence[int]) -> Iterator[FeedRow]:
        for start in range(0, len(keys), PAGE):
            chunk = keys[start : start + PAGE]
            missing = [key for key in chunk if self._in_memory(key) is None]
            loaded = {row.key: row for row in self._load(missing)}
            for key in chunk:
                row = self._in_memory(key) or loaded.get(key)
                yield row if row is not None else self._missing(key)

    def held_rows(self) -> list[FeedRow]:
        """The rows kept in memory for good (see the module docstring)."""
        return list(self._held.values())

    def row_of_capture(self, capture_id: int) -> FeedRow | None:
        """This capture's row if it is in memory now."""
        return self._in_memory(capture_id)

    def number_of_capture(self, capture_id: int) -> int | None:
        """Where this capture's row is shown now; None if it is not (not loaded, filtered out)."""
        self.flush()
        return self._number_of(capture_id)

    @property
    def loaded_count(self) -> int:
        """How many rows are in memory now (held and paged in)."""
        return len(self._held) + len(self._cache)

    @property
    def filtered(self) -> bool:
        """True while a search result is shown."""
        return self._view is not None

    def keys(self) -> array[int]:
        """A copy of every row's key, oldest first (capture ids for journal rows)."""
        self.flush()
        return array("q", self._all)

    def oldest_capture_id(self) -> int | None:
        """The capture id of the oldest row (for "load older")."""
        return next((key for key in self._all if key > 0), None)

    def set_masked(self, masked: bool) -> None:
        """Hide (or show again) phone numbers in every cell."""
        self.masked = masked
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1)
            )

    def _in_memory(self, key: int) -> FeedRow | None:
        row = self._held.get(key)
        return row if row is not None else self._cache.get(key)

    def _load(self, keys: list[int]) -> list[FeedRow]:
        """Rows for these journal captures, with the statuses of the outgoing messages."""
        if not keys or self._source is None:
            return []
        rows: list[FeedRow] = []
        messages: dict[int, dict[str, list[FeedRow]]] = {}
        for capture in self._source.captures(keys):
            live = self._live_from is not None and capture.id >= self._live_from
            row = FeedRow.from_capture(capture, history=not live)
            rows.append(row)
            if row.type_webhook in OUTGOING_TYPES and row.id_message:
                messages.setdefault(capture.instance, {}).setdefault(row.id_message, []).append(row)
        for instance, by_id in messages.items():
            for id_message, statuses in self._source.statuses(instance, by_id).items():
                for row in by_id[id_message]:
                    row.statuses = [status_name(summary) for summary in statuses]
        return rows

    def _missing(self, key: int) -> FeedRow:
        """A row for a capture the journal does not have any more (cleared by another
        process)."""
        text = self.tr("not in the journal any more")
        return FeedRow(0.0, None, "", "", "", text, "", key, history=True, key=key)

    def _trim(self) -> None:
        excess = len(self._cache) - CACHE_ROWS
        if excess > 0:
            for key in list(islice(self._cache, excess)):
                del self._cache[key]

    def _number_of(self, key: int) -> int | None:
        shown = self._shown()
        if self._view is not None or self._ascending:
            at = bisect_left(shown, key)
            return at if at < len(shown) and shown[at] == key else None
        try:
            return shown.index(key)
        except ValueError:
            return None

    # --- live rows -----------------------------------------------------------------------
    def append(self, row: FeedRow) -> None:
        """Queue a live row; it appears with the next batch (within FLUSH_MS)."""
        if row.capture_id is None:
            row.key, self._next_key = self._next_key, self._next_key + 1
        else:
            row.key = row.capture_id
        key = row.duplicate_key
        if key:
            if key in self._recent and not row.redelivery:  # a redelivery says so itself
                row.duplicate_of = f"idMessage {row.id_message}"
            _remember(self._recent, key)
        row.refresh_haystack()
        self._pending.append(row)
        self._held[row.key] = row
        self._group(row)
        self._flush_soon()

    def _flush_soon(self) -> None:
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _group(self, row: FeedRow) -> None:
        """Attach a live status to its message's row (a recent message, seen before it)."""
        if not row.id_message:
            return
        if row.type_webhook in OUTGOING_TYPES:
            _remember(self._messages, row.id_message, row.key)
            return
        message_key = self._messages.get(row.id_message)
        if row.type_webhook != STATUS_TYPE or message_key is None:
            return
        row.folded = True
        message = self._in_memory(message_key)
        if message is not None:
            message.statuses = [*(message.statuses or []), status_name(row.summary)]
            self._changed.add(message_key)

    def _visible(self, row: FeedRow) -> bool:
        return not (self.grouped and row.folded)

    @property
    def flush_delay_ms(self) -> int:
        """How long new rows wait to be shown: FLUSH_MS, BUSY_FLUSH_MS after a big batch."""
        return self._flush_timer.interval()

    def flush(self) -> None:
        """Insert the queued live rows now, in one batch (into the view only if they match),
        and repaint the rows that changed since the last batch."""
        self._repaint_changed()
        rows, self._pending = self._pending, []
        busy = len(rows) >= BUSY_ROWS
        self._flush_timer.setInterval(BUSY_FLUSH_MS if busy else FLUSH_MS)
        if busy:  # once the flood ends, the next (smaller) batch sets FLUSH_MS back
            self._flush_timer.start()
        if not rows:
            return
        keys = [row.key for row in rows]
        if self._live_from is None and self._source is not None:
            self._live_from = next((key for key in keys if key > 0), None)
        if (self._all and keys[0] < self._all[-1]) or keys != sorted(keys):
            self._ascending = False
        if self._view is None:
            first = len(self._all)
            self.beginInsertRows(QModelIndex(), first, first + len(keys) - 1)
            self._all.extend(keys)
            self.endInsertRows()
            return
        self._all.extend(keys)
        matching = self._matching([row for row in rows if self._visible(row)])
        if matching:
            first = len(self._view)
            self.beginInsertRows(QModelIndex(), first, first + len(matching) - 1)
            self._view.extend(matching)
            self.endInsertRows()

    def _matching(self, rows: list[FeedRow]) -> list[int]:
        """Keys of the new rows the search shown accepts: the journal's rows by the journal
        (it has their bodies), the others by the same rule in Python; none it shows already."""
        query, view = self._query, self._view
        if query is None or self._source is None:
            keys = [row.key for row in rows if query is None or row.matches(query)]
        else:
            journaled = self._source.matching(query, [row.key for row in rows if row.key > 0])
            keys = [
                row.key
                for row in rows
                if row.key in journaled or (row.key < 0 and row.matches(query))
            ]
        newest = view[-1] if view else None
        # a search step may have found a row that was committed before it ran
        return [key for key in keys if key < 0 or newest is None or key > newest]

    def update_capture(self, capture_id: int | None, **changes: Any) -> FeedRow | None:
        """Change fields of a capture's row (state, detail, repeats, summary) and repaint it."""
        if capture_id is None:
            return None
        row = self._in_memory(capture_id)
        if row is None:
            row = next(iter(self._load([capture_id])), None) if capture_id > 0 else None
            if row is None:
                return None
        for name, value in changes.items():
            setattr(row, name, value)
        if "summary" in changes:  # the only one of them the free-text filter looks at
            row.pinned = True
            row.refresh_haystack()
        self._keep(row)
        self._changed.add(capture_id)
        self._flush_soon()
        return row

    def _repaint_changed(self) -> None:
        """One dataChanged over the changed rows shown: a live row changes state two or three
        times within milliseconds, and a repaint for each would cost more than the row."""
        numbers = [n for key in self._changed if (n := self._number_of(key)) is not None]
        self._changed.clear()
        if numbers:
            self.dataChanged.emit(
                self.index(min(numbers), 0), self.index(max(numbers), len(COLUMNS) - 1)
            )

    def _keep(self, row: FeedRow) -> None:
        """Hold a row for good, or cache it once the journal says all it shows."""
        if self._settled(row):
            self._held.pop(row.key, None)
            self._cache[row.key] = row
            self._trim()
        else:
            self._cache.pop(row.key, None)
            self._held[row.key] = row

    def _settled(self, row: FeedRow) -> bool:
        """True when the journal gives this row back as it is: deleted, nothing else to say."""
        return (
            self._source is not None
            and row.key > 0
            and row.state is RowState.DELETED
            and not row.detail  # deleted with result true: what the journal's row says too
            and not (row.redelivery or row.duplicate_of or row.repeats or row.pinned)
        )

    # --- history -------------------------------------------------------------------------
    def add_history(self, capture_ids: Sequence[int]) -> None:
        """Put journal captures (ids, oldest first) above every row; they are read as drawn.

        The first history also tells which idMessages live notifications repeat (duplicates)
        and which messages their statuses belong to: those of its newest RECENT captures.
        """
        if not capture_ids:
            return
        keys = array("q", capture_ids)
        if not self._all and self._source is not None:
            self._remember_history(self._source, list(keys[-RECENT:]))
        elif self._all and keys[-1] >= self._all[0]:
            self._ascending = False
        if self._view is None:
            self.beginInsertRows(QModelIndex(), 0, len(keys) - 1)
        self._all[0:0] = keys
        if self._view is None:
            self.endInsertRows()

    def _remember_history(self, source: RowSource, capture_ids: list[int]) -> None:
        for start in range(0, len(capture_ids), 1000):
            captures = source.captures(capture_ids[start : start + 1000])
            for capture in sorted(captures, key=lambda c: c.id):
                key = duplicate_key(capture.type_webhook, capture.id_message, capture.summary)
                if key:
                    _remember(self._recent, key)
                if capture.type_webhook in OUTGOING_TYPES and capture.id_message:
                    _remember(self._messages, capture.id_message, capture.id)

    # --- search view ---------------------------------------------------------------------
    def show_result(self, query: Query | None, keys: Sequence[int] | None) -> None:
        """Show a search result (keys, ascending), or every row again (None); new rows that
        `query` accepts join it as they come."""
        self.flush()
        self.beginResetModel()
        self._query = query
        self._view = keys if keys is None or isinstance(keys, array) else array("q", keys)
        self.endResetModel()

    def add_older(self, keys: Sequence[int]) -> None:
        """Put the matches of a search's next step (ascending, older than the last step's)
        above the rows of the result shown."""
        view = self._view
        if view is None:
            return
        oldest = view[0] if view and view[0] > 0 else None
        older = [key for key in keys if oldest is None or key < oldest]
        if older:
            self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
            view[0:0] = array("q", older)
            self.endInsertRows()

    @property
    def match_count(self) -> int | None:
        """How many rows the search result shown holds; None when none is shown."""
        return None if self._view is None else len(self._view)

    # --- resetting -----------------------------------------------------------------------
    def clear(self) -> None:
        """Forget every row."""
        self.beginResetModel()
        self._all = array("q")
        self._ascending = True
        self._view = None
        self._query = None
        self._pending.clear()
        self._changed.clear()
        for index in (self._held, self._cache, self._recent, self._messages):
            index.clear()
        self._live_from = None
        self.endResetModel()
