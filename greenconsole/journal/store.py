"""The capture journal: every received notification in SQLite, before anything deletes it.

One file for all profiles and instances (an `instance` column says whose a capture is), so a
search spans everything the console ever saw. WAL mode with synchronous=NORMAL: a commit survives
the process being killed at any point; an OS crash may lose the last commits. The token is never
stored (captures hold what the server answered; sessions hold the API URL, which has no token).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from greenconsole.journal.query import Query
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.summary import summarize

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    started_at REAL NOT NULL,
    instance INTEGER NOT NULL,
    api_url TEXT NOT NULL,
    source TEXT NOT NULL            -- 'window' or 'cli'
);
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    session INTEGER NOT NULL REFERENCES sessions(id),
    instance INTEGER NOT NULL,
    receipt_id INTEGER,             -- NULL for an answer that was not a notification
    received_at REAL NOT NULL,
    type_webhook TEXT NOT NULL,
    id_message TEXT NOT NULL,
    chat TEXT NOT NULL,
    sender TEXT NOT NULL,
    summary TEXT NOT NULL,
    haystack TEXT NOT NULL,         -- casefolded columns, for the free-text filter
    deleted INTEGER,                -- NULL: not deleted by us; 1: result true; 0: result false
    deleted_at REAL
);
CREATE TABLE IF NOT EXISTS bodies (   -- apart, so that a search scans small rows only
    id INTEGER PRIMARY KEY,         -- the capture's id
    raw TEXT NOT NULL               -- the answer exactly as received
);
CREATE INDEX IF NOT EXISTS captures_receipt ON captures(instance, receipt_id);
CREATE INDEX IF NOT EXISTS captures_time ON captures(received_at);
-- no index on type_webhook or id_message: searches scan the compact rows in ~20 ms per 100k,
-- while each index would cost every capture's commit ~15 µs
CREATE INDEX IF NOT EXISTS captures_session ON captures(session);
"""
ROW_COLUMNS = (
    "id, session, instance, receipt_id, received_at, type_webhook, id_message, chat, "
    "sender, summary, haystack, deleted"
)


def default_path() -> Path:
    """journal.sqlite3 in the user data dir (platformdirs)."""
    return Path(platformdirs.user_data_dir("greenconsole", appauthor=False)) / "journal.sqlite3"


def haystack_of(*values: object) -> str:
    """What the free-text filter searches: the columns a row shows, casefolded."""
    return " ".join(str(value) for value in values if value not in (None, "")).casefold()


@dataclass(slots=True)
class Capture:
    """A journal row without its body (the body is read when a row is inspected)."""

    id: int
    session: int
    instance: int
    receipt_id: int | None
    received_at: float
    type_webhook: str
    id_message: str
    chat: str
    sender: str
    summary: str
    haystack: str
    deleted: bool | None


class Journal:
    """A capture journal file; one writer (this object), any number of readers."""

    def __init__(self, path: Path | str | None = None, *, autocheckpoint: bool = True) -> None:
        """Open (creating it owner-only) the journal at `path`, default `default_path()`.

        With `autocheckpoint=False` the writer never copies the WAL back into the database
        itself (that copy ends in an fsync); call `checkpoint()` from another thread instead,
        so a GUI thread that writes is never stalled by the disk.
        """
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self._db = self._connect(self.path)
        self._db.executescript(SCHEMA)
        if not autocheckpoint:
            self._db.execute("PRAGMA wal_autocheckpoint=0")
        self._checkpointer: sqlite3.Connection | None = None
        self._pending_deletes: list[tuple[int, float, int, int]] = []

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=5000")
        return db

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def reader(self) -> JournalReader:
        """A read-only connection for another thread (searches off the Qt thread)."""
        return JournalReader(self.path)

    def close(self) -> None:
        """Write what is pending and close the file."""
        self.flush()
        if self._checkpointer is not None:
            self._checkpointer.close()
        self._db.close()

    # --- writing -------------------------------------------------------------------------
    def start_session(self, instance: int, api_url: str, source: str) -> int:
        """Open a capture session; returns its id."""
        cursor = self._db.execute(
            "INSERT INTO sessions(started_at, instance, api_url, source) VALUES (?, ?, ?, ?)",
            (time.time(), instance, api_url, source),
        )
        return cursor.lastrowid

    def record(
        self,
        session: int,
        instance: int,
        notification: Notification,
        received_at: float | None = None,
    ) -> Capture:
        """Commit a received notification; only then may it be deleted on the server."""
        info = summarize(notification.body)
        raw = notification.raw or json.dumps(
            {"receiptId": notification.receipt_id, "body": notification.body}, ensure_ascii=False
        )
        return self._insert(
            session,
            instance,
            notification.receipt_id,
            received_at or time.time(),
            notification.type_webhook,
            info.id_message,
            info.chat,
            info.sender,
            info.text,
            raw,
        )

    def record_malformed(self, session: int, instance: int, reason: str, raw: str) -> Capture:
        """Commit an answer that was not a valid notification, with its raw text."""
        return self._insert(session, instance, None, time.time(), "", "", "", "", reason, raw)

    def _insert(
        self,
        session: int,
        instance: int,
        receipt_id: int | None,
        received_at: float,
        type_webhook: str,
        id_message: str,
        chat: str,
        sender: str,
        summary: str,
        raw: str,
    ) -> Capture:
        haystack = haystack_of(type_webhook, chat, sender, summary, id_message, receipt_id)
        values = (
            session,
            instance,
            receipt_id,
            received_at,
            type_webhook,
            id_message,
            chat,
            sender,
            summary,
            haystack,
        )
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO captures(session, instance, receipt_id, received_at, type_webhook, "
                "id_message, chat, sender, summary, haystack) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            self._db.execute("INSERT INTO bodies(id, raw) VALUES (?, ?)", (cursor.lastrowid, raw))
        return Capture(cursor.lastrowid, *values, None)

    def mark_deleted(self, instance: int, receipt_id: int, result: bool) -> None:
        """Note a delete's answer; written with the next capture or `flush()` (one commit).

        The capture itself was committed before the delete was sent, so a kill between the two
        can only lose this note, never the notification.
        """
        self._pending_deletes.append((int(result), time.time(), instance, receipt_id))

    def checkpoint(self) -> None:
        """Copy the WAL into the database (PASSIVE: never blocks the writer). Any thread."""
        if self._checkpointer is None:
            self._checkpointer = self._connect(self.path)
        self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def flush(self) -> None:
        """Write the pending delete notes now."""
        if self._pending_deletes:
            with self._transaction():
                pass

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One commit for the pending delete notes and whatever the block writes."""
        self._db.execute("BEGIN")
        try:
            if self._pending_deletes:
                self._db.executemany(
                    "UPDATE captures SET deleted = ?, deleted_at = ? "
                    "WHERE instance = ? AND receipt_id = ?",
                    self._pending_deletes,
                )
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        self._pending_deletes.clear()

    def clear(self) -> None:
        """Forget every capture and session (the server queues are untouched)."""
        self._pending_deletes.clear()
        self._db.execute("DELETE FROM captures")
        self._db.execute("DELETE FROM bodies")
        self._db.execute("DELETE FROM sessions")
        self._db.execute("VACUUM")

    # --- reading -------------------------------------------------------------------------
    def has_receipt(self, instance: int, receipt_id: int) -> bool:
        """True when this receipt of this instance was captured before."""
        return (
            self._db.execute(
                "SELECT 1 FROM captures WHERE instance = ? AND receipt_id = ? LIMIT 1",
                (instance, receipt_id),
            ).fetchone()
            is not None
        )

    def raw(self, capture_id: int) -> str:
        """The answer exactly as received."""
        row = self._db.execute("SELECT raw FROM bodies WHERE id = ?", (capture_id,)).fetchone()
        return row[0] if row else ""

    def last_session_id(self, instance: int | None = None) -> int | None:
        """The newest session that captured something (for one instance, if given)."""
        if instance is None:
            return self._db.execute("SELECT MAX(session) FROM captures").fetchone()[0]
        return self._db.execute(
            "SELECT MAX(session) FROM captures WHERE instance = ?", (instance,)
        ).fetchone()[0]

    def session_captures(self, session: int, limit: int = 100_000) -> list[Capture]:
        """A session's captures, oldest first."""
        return self._rows(
            f"SELECT {ROW_COLUMNS} FROM captures WHERE session = ? ORDER BY id LIMIT ?",
            (session, limit),
        )

    def older(
        self, before_id: int, limit: int = 5_000, instance: int | None = None
    ) -> list[Capture]:
        """Up to `limit` captures older than `before_id` (of one instance), oldest first."""
        scope = "" if instance is None else f" AND instance = {int(instance)}"
        rows = self._rows(
            f"SELECT {ROW_COLUMNS} FROM captures WHERE id < ?{scope} ORDER BY id DESC LIMIT ?",
            (before_id, limit),
        )
        rows.reverse()
        return rows

    def captures(self, ids: list[int]) -> list[Capture]:
        """The captures with these ids (any order)."""
        marks = ",".join("?" * len(ids))
        return self._rows(f"SELECT {ROW_COLUMNS} FROM captures WHERE id IN ({marks})", tuple(ids))

    def export(self, instance: int | None = None) -> Iterator[tuple[int | None, float, str]]:
        """(receiptId, receivedAt, raw) of every capture (of one instance), oldest first."""
        sql = "SELECT receipt_id, received_at, raw FROM captures JOIN bodies USING (id)"
        args: tuple[int, ...] = ()
        if instance is not None:
            sql += " WHERE instance = ?"
            args = (instance,)
        yield from self._db.execute(sql + " ORDER BY id", args)

    def count(self) -> int:
        """How many captures the journal holds."""
        return self._db.execute("SELECT COUNT(*) FROM captures").fetchone()[0]

    def _rows(self, sql: str, args: tuple) -> list[Capture]:
        return [_capture(row) for row in self._db.execute(sql, args)]


class JournalReader:
    """A read-only connection, for searches on a worker thread."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._db.execute("PRAGMA mmap_size=1073741824")  # scans read the file in place

    def search_ids(self, query: Query, limit: int = 1_000_000) -> list[int]:
        """Ids of the captures matching `query`, oldest first (cheap even for 100k matches)."""
        return matching_ids(self._db, query, limit)

    def message_entries(
        self, id_message: str, instance: int | None = None
    ) -> list[tuple[int | None, float, str]]:
        """(receiptId, receivedAt, raw) of every capture with this idMessage, oldest first."""
        sql = (
            "SELECT receipt_id, received_at, raw FROM captures JOIN bodies USING (id) "
            "WHERE id_message = ?"
        )
        args: tuple[Any, ...] = (id_message,)
        if instance is not None:
            sql += " AND instance = ?"
            args += (instance,)
        return self._db.execute(sql + " ORDER BY id", args).fetchall()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()


def matching_ids(db: sqlite3.Connection, query: Query, limit: int) -> list[int]:
    """The SQL twin of `Query.matches`: ids of the newest `limit` matches, oldest first."""
    where, args = [], []
    if query.text:
        where.append("instr(haystack, ?) > 0")
        args.append(query.text)
    if query.type_webhook:
        where.append("type_webhook = ?")
        args.append(query.type_webhook)
    if query.chat:
        where.append("instr(lower(chat), ?) > 0")
        args.append(query.chat)
    if query.ident:
        where.append("(lower(id_message) = ? OR CAST(receipt_id AS TEXT) = ?)")
        args += [query.ident, query.ident]
    if query.since is not None:
        where.append("received_at >= ?")
        args.append(query.since)
    if query.until is not None:
        where.append("received_at <= ?")
        args.append(query.until)
    if query.instance is not None:
        where.append("instance = ?")
        args.append(query.instance)
    sql = "SELECT id FROM captures"
    if where:
        sql += " WHERE " + " AND ".join(where)
    ids = [row[0] for row in db.execute(sql + " ORDER BY id DESC LIMIT ?", (*args, limit))]
    ids.reverse()
    return ids


def _capture(row: tuple) -> Capture:
    *head, deleted = row
    return Capture(*head, None if deleted is None else bool(deleted))
