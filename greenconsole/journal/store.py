"""The capture journal: every received notification in SQLite, before anything deletes it.

One file for all profiles and instances (an `instance` column says whose a capture is), so a
search spans everything the console ever saw. WAL mode with synchronous=NORMAL: a commit survives
the process being killed at any point; an OS crash may lose the last commits. The token is never
stored (captures hold what the server answered; sessions hold the API URL, which has no token).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import platformdirs

from greenconsole import shapes
from greenconsole.journal.query import Query, sql_field_matches
from greenconsole.jsontext import escape_surrogates, utf8, valid_text
from greenconsole.links import Entry, Links, find_links, is_message, reference
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.summary import summarize
from greenconsole.timeline import OUTGOING_TYPES, STATUS_TYPE

SCHEMA_VERSION = 3
"""PRAGMA user_version of a journal this code writes; `migrate` upgrades older ones."""
SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    started_at REAL NOT NULL,
    instance INTEGER NOT NULL,
    api_url TEXT NOT NULL,
    source TEXT NOT NULL            -- 'window' or 'cli'
);
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,         -- a capture's identity (receipt ids repeat across servers)
    session INTEGER NOT NULL REFERENCES sessions(id),
    instance INTEGER NOT NULL,
    receipt_id INTEGER,             -- as the server sent it; NULL if malformed or out of range
    received_at REAL NOT NULL,
    type_webhook TEXT NOT NULL,
    id_message TEXT NOT NULL,
    chat TEXT NOT NULL,
    sender TEXT NOT NULL,
    summary TEXT NOT NULL,
    haystack TEXT NOT NULL,         -- casefolded columns, for the free-text filter
    deleted INTEGER,                -- NULL: not deleted by us; 1: result true; 0: result false
    deleted_at REAL,
    handed_at REAL,                 -- when its consumer (stdout, the feed) got it; NULL: not yet
    answer_hash TEXT,               -- sha256 of the answer as received (same receipt + body)
    answer_length INTEGER,          -- bytes of the answer (a malformed one is stored cut)
    repeats INTEGER NOT NULL DEFAULT 0,  -- a malformed answer seen again in the same session
    malformed INTEGER NOT NULL DEFAULT 0,
    ref TEXT NOT NULL DEFAULT '',   -- the idMessage it refers to (links.reference), or ''
    shape_errors INTEGER,           -- differences from its documented shape; NULL: not checked
    shape_notes TEXT NOT NULL DEFAULT ''  -- those differences (and unknown kinds), one a line
);
CREATE TABLE IF NOT EXISTS bodies (   -- apart, so that a search scans small rows only
    id INTEGER PRIMARY KEY,         -- the capture's id
    raw TEXT NOT NULL               -- the answer as received (a malformed one: its first KiBs)
);
CREATE INDEX IF NOT EXISTS captures_receipt ON captures(instance, receipt_id);
CREATE INDEX IF NOT EXISTS captures_time ON captures(received_at);
-- no index on type_webhook or id_message: searches scan the compact rows in ~20 ms per 100k,
-- while each index would cost every capture's commit ~15 µs
CREATE INDEX IF NOT EXISTS captures_session ON captures(session);
-- partial: only captures that refer to a message (statuses, replies, edits, …) pay for it
CREATE INDEX IF NOT EXISTS captures_ref ON captures(instance, ref) WHERE ref != '';
CREATE TABLE IF NOT EXISTS deliveries (  -- `greenconsole forward`: each POST to a handler
    capture INTEGER NOT NULL,       -- the capture forwarded
    attempt INTEGER NOT NULL,       -- 1, 2, … for that capture
    at REAL NOT NULL,
    target TEXT NOT NULL,           -- the handler's URL
    status INTEGER NOT NULL,        -- its HTTP status; 0: no answer
    ms REAL NOT NULL,               -- how long the attempt took
    answer TEXT NOT NULL,           -- the start of the handler's answer, or why there was none
    PRIMARY KEY (capture, attempt)
);  -- a table older code ignores: no schema version of its own
"""
MIGRATIONS = {
    # 1: the first journal (no user_version): captures were keyed by (instance, receipt_id)
    1: """
ALTER TABLE captures ADD COLUMN handed_at REAL;
ALTER TABLE captures ADD COLUMN answer_hash TEXT;
ALTER TABLE captures ADD COLUMN answer_length INTEGER;
ALTER TABLE captures ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
ALTER TABLE captures ADD COLUMN malformed INTEGER NOT NULL DEFAULT 0;
UPDATE captures SET malformed = 1 WHERE receipt_id IS NULL;
""",
    # 2: links and shape checks; the backfill calls the same Python the writer does
    2: """
ALTER TABLE captures ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE captures ADD COLUMN shape_errors INTEGER;
ALTER TABLE captures ADD COLUMN shape_notes TEXT NOT NULL DEFAULT '';
UPDATE captures SET ref = gc_ref(bodies.raw), shape_errors = gc_shape_errors(bodies.raw),
    shape_notes = gc_shape_notes(bodies.raw)
    FROM bodies WHERE bodies.id = captures.id AND captures.malformed = 0;
""",
}
"""Version N → N+1, run in one transaction after a backup copy of the file."""
ROW_COLUMNS = (
    "id, session, instance, receipt_id, received_at, type_webhook, id_message, chat, "
    "sender, summary, haystack, deleted, handed_at IS NOT NULL, repeats, malformed, ref, "
    "shape_errors, shape_notes, "
    "(SELECT COUNT(*) FROM deliveries WHERE capture = captures.id), "
    "(SELECT status FROM deliveries WHERE capture = captures.id ORDER BY attempt DESC LIMIT 1), "
    "answer_length"
)
SQLITE_MAGIC = b"SQLite format 3\x00"
INT64 = range(-(2**63), 2**63)
BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's lock before JournalBusyError."""
MMAP_BYTES = 192 * 2**20
"""How much of the journal a reader maps (the rest it reads through SQLite's page cache)."""
LINK_ROWS = 1_000
"""Captures a link lookup reads at most in each direction."""
MALFORMED_KEPT = 4096
"""Characters of a malformed answer the journal keeps (with its full length and hash)."""


SEARCH_FIRST_IDS = 16_384
"""Capture ids the first step of a search covers (a text filter scans them in ~5 ms)."""
SEARCH_STEP = 0.05
"""Seconds a search step aims at (the next ones are sized from the last one's pace)."""


class JournalError(Exception):
    """The journal cannot be used as asked; `str()` is one line naming the file and why."""


class NotAJournalError(JournalError):
    """The file exists but is not a journal (left unchanged)."""


class JournalMissingError(JournalError):
    """A read-only command was pointed at a file that does not exist (nothing created)."""


class JournalBusyError(JournalError):
    """Another process holds the journal's write lock beyond the busy timeout: try again."""


class JournalWriteError(JournalError):
    """A write failed for good (disk full, read-only file system, I/O error)."""


def default_path() -> Path:
    """journal.sqlite3 in the user data dir (platformdirs)."""
    return Path(platformdirs.user_data_dir("greenconsole", appauthor=False)) / "journal.sqlite3"


def haystack_of(*values: object) -> str:
    """What the free-text filter searches: the columns a row shows, casefolded."""
    return " ".join(str(value) for value in values if value not in (None, "")).casefold()


def answer_hash(raw: str) -> str:
    """The identity of an answer's text: equal for the same receipt with the same body."""
    return hashlib.sha256(utf8(raw)).hexdigest()


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
    handed: bool = False
    repeats: int = 0
    malformed: bool = False
    ref: str = ""
    """The idMessage this capture refers to (a status's message, a reply's original, …)."""
    shape_errors: int | None = None
    """How many ways it differs from its documented shape (None: not checked, malformed)."""
    shape_notes: str = ""
    """Those differences and any unknown kind, one a line."""
    forward_attempts: int = 0
    """POSTs of it to a webhook handler (`greenconsole forward`, the window's forwarding)."""
    forward_status: int | None = None
    """The last one's HTTP status (0: no answer); None if it was never forwarded."""
    length: int | None = None
    """Bytes of the answer as received (None: a journal from before they were counted)."""


@dataclass(frozen=True, slots=True)
class Checked:
    """What the journal derives from a body: its reference and its shape check."""

    ref: str = ""
    shape_errors: int | None = None
    shape_notes: str = ""

    @classmethod
    def of(cls, body: Any) -> Checked:
        """Reference and shape of a notification body (never raises)."""
        ref = reference(body)
        differences = shapes.check(body)
        return cls(
            valid_text(ref.target) if ref else "",
            shapes.error_count(differences),
            valid_text(shapes.notes(differences)),
        )


@functools.lru_cache(maxsize=1)
def _checked_raw(raw: str) -> Checked:
    """`Checked.of` the body of a journaled answer (the migration asks three times per row)."""
    body = body_of(raw)
    return Checked() if body is None else Checked.of(body)


def body_of(raw: str) -> dict[str, Any] | None:
    """The notification body of a journaled answer, or None if it has none."""
    try:
        answer = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    body = answer.get("body") if isinstance(answer, dict) else None
    return body if isinstance(body, dict) else None


def _add_functions(db: sqlite3.Connection) -> None:
    """The SQL functions the schema-3 migration's backfill calls."""
    db.create_function("gc_ref", 1, lambda raw: _checked_raw(raw).ref, deterministic=True)
    db.create_function(
        "gc_shape_errors", 1, lambda raw: _checked_raw(raw).shape_errors, deterministic=True
    )
    db.create_function(
        "gc_shape_notes", 1, lambda raw: _checked_raw(raw).shape_notes, deterministic=True
    )


_connected: Counter[str] = Counter()
"""Journal files this process has connections to (their number)."""
_connected_lock = threading.Lock()


class _Connected:
    """Counts a connection to a journal file in `_connected` until it is closed."""

    def __init__(self, path: Path) -> None:
        self._key: str | None = os.path.realpath(path)
        with _connected_lock:
            _connected[self._key] += 1

    def closed(self) -> None:
        """The connection is closed (again: no change)."""
        with _connected_lock:
            if self._key is not None:
                _connected[self._key] -= 1
                self._key = None


def _check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database (before anything touches it).

    Not done again for a file this process has connections to (checked when the first was
    made): closing any handle on a file drops the process's POSIX locks on it, SQLite's too —
    another process writing the journal (a CLI, the window's drain) would then take this one
    for gone, restart the WAL and write where this process no longer looks.
    """
    with _connected_lock:
        if _connected[os.path.realpath(path)] > 0:
            return
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise JournalError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if head and head != SQLITE_MAGIC:
        raise NotAJournalError(f"{path}: not a Green Console journal (not an SQLite file)")


def _check_schema(db: sqlite3.Connection, path: Path) -> int:
    """The journal's schema version; NotAJournalError for another program's database."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if version > SCHEMA_VERSION:
        raise NotAJournalError(
            f"{path}: written by a newer Green Console (journal schema {version})"
        )
    if tables and not {"captures", "sessions", "bodies"} <= tables:
        raise NotAJournalError(f"{path}: an SQLite file of another program, not a journal")
    if version == 0 and tables:
        return 1  # the first journal had no user_version
    return int(version)


def _classify(exc: sqlite3.Error, path: Path) -> JournalError:
    """The JournalError for an SQLite failure while writing."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return JournalBusyError(f"{path}: locked by another process ({text})")
    return JournalWriteError(f"{path}: cannot write ({text})")


class Journal:
    """A capture journal file; one writer (this object), any number of readers."""

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        autocheckpoint: bool = True,
        busy_timeout: float = BUSY_TIMEOUT,
    ) -> None:
        """Open (creating it owner-only) the journal at `path`, default `default_path()`.

        A file that is not a journal is refused unchanged (NotAJournalError); an older journal
        is migrated after a backup copy; a damaged one is moved aside (`notice` says where) and
        a new one started. With `autocheckpoint=False` the writer never copies the WAL back
        into the database itself (that copy ends in an fsync); call `checkpoint()` from another
        thread instead, so a GUI thread that writes is never stalled by the disk.
        """
        self.path = Path(path) if path else default_path()
        self._busy_ms = int(busy_timeout * 1000)
        self.notice = ""
        """One line for the user when opening changed something (a damaged file moved aside)."""
        if self.path.exists():
            _check_file(self.path)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            self._db = self._open_checked()
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"{self.path}: cannot open ({exc})") from None
        self._counted = _Connected(self.path)
        if not autocheckpoint:
            self._db.execute("PRAGMA wal_autocheckpoint=0")
        self._checkpointer: sqlite3.Connection | None = None
        self._pending: list[tuple[str, tuple[Any, ...]]] = []
        self._malformed_seen: dict[tuple[int, str], int] = {}

    def _open_checked(self) -> sqlite3.Connection:
        """Connect, moving a damaged file aside, and bring the schema up to date.

        Nothing is written before the file is known to be a journal (or empty).
        """
        db = _plain_connect(self.path)
        db.execute(f"PRAGMA busy_timeout={self._busy_ms}")
        try:
            version = _check_schema(db, self.path)
            damage = db.execute("PRAGMA quick_check(1)").fetchone()[0]
        except NotAJournalError:
            db.close()
            raise
        except sqlite3.OperationalError as exc:  # locked or unreadable: not proof of damage
            db.close()
            raise _classify(exc, self.path) from None
        except sqlite3.DatabaseError as exc:
            damage, version = str(exc), 0
        db.close()
        if damage != "ok":
            moved = self._move_aside()
            self.notice = (
                f"journal {self.path} was damaged ({damage}); moved to {moved.name}, "
                "a new one was started (`greenconsole export --journal` salvages the old one)"
            )
            version = 0
        db = self._connect(self.path)
        os.chmod(self.path, 0o600)
        if version and version < SCHEMA_VERSION:
            self._backup(db, version)
            _add_functions(db)
            with _transaction(db):
                for step in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[step].strip().split(";\n"):
                        if statement.strip():
                            db.execute(statement)
        db.executescript(SCHEMA)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return db

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{target}{suffix}"))
        return target

    def _backup(self, db: sqlite3.Connection, version: int) -> None:
        """A copy of the journal as it was, before migrating it (`<name>.v<N>-backup`)."""
        target = self.path.with_name(f"{self.path.name}.v{version}-backup")
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
        copy = sqlite3.connect(target)
        try:
            db.backup(copy)
        finally:
            copy.close()

    def _connect(self, path: Path) -> sqlite3.Connection:
        db = _plain_connect(path)
        db.execute(f"PRAGMA busy_timeout={self._busy_ms}")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        _add_search_functions(db)
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
        with contextlib.suppress(JournalError):
            self.flush()
        if self._checkpointer is not None:
            self._checkpointer.close()
        self._db.close()
        self._counted.closed()

    # --- writing -------------------------------------------------------------------------
    def start_session(self, instance: int, api_url: str, source: str) -> int:
        """Open a capture session; returns its id."""
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO sessions(started_at, instance, api_url, source) VALUES (?, ?, ?, ?)",
                (time.time(), instance, api_url, source),
            )
        return int(cursor.lastrowid or 0)

    def record(
        self,
        session: int,
        instance: int,
        notification: Notification,
        received_at: float | None = None,
    ) -> Capture:
        """Commit a received notification; only then may it be deleted on the server."""
        info = summarize(notification.body)
        raw = notification.answer
        receipt = notification.receipt_id if notification.receipt_id in INT64 else None
        return self._insert(
            session,
            instance,
            receipt,
            received_at or time.time(),
            (notification.type_webhook, info.id_message, info.chat, info.sender, info.text),
            raw,
            len(utf8(raw)),
            answer_hash(raw),
            malformed=False,
            checked=Checked.of(notification.body),
        )

    def record_malformed(
        self, session: int, instance: int, reason: str, raw: str, length: int, digest: str
    ) -> tuple[Capture, bool]:
        """Commit an answer that was not a notification, once per session and distinct answer.

        Keeps the first `MALFORMED_KEPT` characters, the answer's full `length` and `digest`.
        Returns (capture, new): a repeat of an answer already kept only counts up its `repeats`.
        """
        known = self._malformed_seen.get((session, digest))
        if known is not None:
            self._pending.append(
                ("UPDATE captures SET repeats = repeats + 1 WHERE id = ?", (known,))
            )
            self.flush()
            return self.captures([known])[0], False
        capture = self._insert(
            session,
            instance,
            None,
            time.time(),
            ("", "", "", "", reason),
            raw[:MALFORMED_KEPT],
            length,
            digest,
            malformed=True,
        )
        self._malformed_seen[(session, digest)] = capture.id
        return capture, True

    def _insert(
        self,
        session: int,
        instance: int,
        receipt_id: int | None,
        received_at: float,
        shown: tuple[str, str, str, str, str],
        raw: str,
        length: int,
        digest: str,
        *,
        malformed: bool,
        checked: Checked = Checked(),
    ) -> Capture:
        # text taken from a body may hold half an emoji, which SQLite cannot store: kept as its
        # escape (\ud83d), which the feed shows and the filter finds
        type_webhook, id_message, chat, sender, summary = (
            escape_surrogates(text) for text in shown
        )
        haystack = haystack_of(type_webhook, chat, sender, summary, id_message, receipt_id)
        values = (
            session, instance, receipt_id, received_at, type_webhook, id_message, chat, sender,
            summary, haystack,
        )  # fmt: skip
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO captures(session, instance, receipt_id, received_at, type_webhook, "
                "id_message, chat, sender, summary, haystack, answer_hash, answer_length, "
                "malformed, ref, shape_errors, shape_notes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, digest, length, int(malformed), *astuple(checked)),
            )
            capture_id = int(cursor.lastrowid or 0)
            self._db.execute("INSERT INTO bodies(id, raw) VALUES (?, ?)", (capture_id, raw))
        return Capture(
            capture_id,
            *values,
            None,
            malformed=malformed,
            ref=checked.ref,
            shape_errors=checked.shape_errors,
            shape_notes=checked.shape_notes,
            length=length,
        )

    def mark_handed(self, capture_id: int) -> None:
        """Note that the capture reached its consumer; written with the next commit."""
        self._pending.append(
            ("UPDATE captures SET handed_at = ? WHERE id = ?", (time.time(), capture_id))
        )

    def mark_deleted(self, capture_id: int, result: bool) -> None:
        """Note the answer to this capture's delete; written with the next commit or `flush()`.

        The capture itself was committed before the delete was sent, so a kill between the two
        can only lose this note, never the notification.
        """
        self._pending.append(
            (
                "UPDATE captures SET deleted = ?, deleted_at = ? WHERE id = ?",
                (int(result), time.time(), capture_id),
            )
        )

    def record_attempt(
        self, capture_id: int, attempt: int, target: str, status: int, ms: float, answer: str
    ) -> None:
        """Commit one POST of a capture to a webhook handler (with any pending notes)."""
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?)",
                (capture_id, attempt, time.time(), target, status, ms, valid_text(answer)),
            )

    def checkpoint(self) -> None:
        """Copy the WAL into the database (PASSIVE: never blocks the writer). Any thread."""
        if self._checkpointer is None:
            self._checkpointer = self._connect(self.path)
        self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def flush(self) -> None:
        """Write the pending notes now."""
        if self._pending:
            with self._transaction():
                pass

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One commit for the pending notes and whatever the block writes."""
        try:
            with _transaction(self._db):
                for sql, args in self._pending:
                    self._db.execute(sql, args)
                yield
        except sqlite3.Error as exc:
            raise _classify(exc, self.path) from None
        self._pending.clear()

    def clear(self) -> None:
        """Forget every capture and session (the server queues are untouched)."""
        self._pending.clear()
        self._malformed_seen.clear()
        self._db.execute("DELETE FROM captures")
        self._db.execute("DELETE FROM bodies")
        self._db.execute("DELETE FROM sessions")
        self._db.execute("VACUUM")

    # --- reading -------------------------------------------------------------------------
    def earlier_handover(self, capture: Capture) -> int | None:
        """The newest earlier capture of the same answer (same instance, receipt and body)
        that reached its consumer; None if there is none."""
        if capture.receipt_id is None:
            return None
        row = self._db.execute(
            "SELECT id FROM captures WHERE instance = ? AND receipt_id = ? AND id < ? "
            "AND handed_at IS NOT NULL "
            "AND answer_hash = (SELECT answer_hash FROM captures WHERE id = ?) "
            "ORDER BY id DESC LIMIT 1",
            (capture.instance, capture.receipt_id, capture.id, capture.id),
        ).fetchone()
        return None if row is None else int(row[0])

    def raw(self, capture_id: int) -> str:
        """The answer as received ("" for an unknown capture)."""
        return _raw(self._db, capture_id)

    def last_session_id(self, instance: int | None = None) -> int | None:
        """The newest session that captured something (for one instance, if given: the session
        of its newest capture, found from the newest capture down rather than by a scan)."""
        if instance is None:
            row = self._db.execute("SELECT MAX(session) FROM captures").fetchone()
        else:
            row = self._db.execute(
                "SELECT session FROM captures WHERE +instance = ? ORDER BY id DESC LIMIT 1",
                (instance,),
            ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def session_captures(self, session: int, limit: int = 100_000) -> list[Capture]:
        """A session's captures, oldest first."""
        return self._rows(
            f"SELECT {ROW_COLUMNS} FROM captures WHERE session = ? ORDER BY id LIMIT ?",
            (session, limit),
        )

    def capture_ids(
        self,
        instance: int,
        *,
        session: int | None = None,
        before: int | None = None,
        limit: int = 2**62,
    ) -> array[int]:
        """Ids of an instance's captures (of one session, older than `before`): the newest
        `limit` of them, oldest first."""
        if session is not None:  # a session is one instance's: its index holds every id
            sql, args = "SELECT id FROM captures WHERE session = ?", [session]
        else:  # `+`: read down from the newest id rather than walk captures_receipt
            sql, args = "SELECT id FROM captures WHERE +instance = ?", [instance]
        if before is not None:
            sql, args = sql + " AND id < ?", [*args, before]
        ids = array(
            "q",
            (row[0] for row in self._db.execute(f"{sql} ORDER BY id DESC LIMIT ?", (*args, limit))),
        )
        ids.reverse()
        return ids

    def statuses(self, instance: int, id_messages: Iterable[str]) -> dict[str, list[str]]:
        """The summaries of the outgoingMessageStatus captures of these messages, oldest first."""
        found: dict[str, list[str]] = {}
        wanted = list(id_messages)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._db.execute(
                "SELECT ref, summary FROM captures WHERE instance = ? AND ref != '' "
                f"AND ref IN ({','.join('?' * len(chunk))}) AND type_webhook = ? ORDER BY id",
                (instance, *chunk, STATUS_TYPE),
            )
            for ref, summary in rows:
                found.setdefault(ref, []).append(summary)
        return found

    def failed_deletes(self, instance: int, since: int) -> list[tuple[int, int]]:
        """(capture id, receiptId) of an instance's captures from `since` on whose delete the
        server answered false."""
        self.flush()
        return self._db.execute(
            "SELECT id, receipt_id FROM captures WHERE instance = ? AND id >= ? AND deleted = 0 "
            "AND receipt_id IS NOT NULL ORDER BY id",
            (instance, since),
        ).fetchall()

    def captures(self, ids: list[int]) -> list[Capture]:
        """The captures with these ids (any order)."""
        marks = ",".join("?" * len(ids))
        return self._rows(f"SELECT {ROW_COLUMNS} FROM captures WHERE id IN ({marks})", tuple(ids))

    def matching(self, query: Query, ids: Sequence[int]) -> set[int]:
        """Which of these captures `query` accepts (new rows of a filtered feed)."""
        found: set[int] = set()
        for start in range(0, len(ids), 500):
            found.update(matching_ids(self._db, query, among=ids[start : start + 500]))
        return found

    def export(self, instance: int | None = None) -> Iterator[tuple[int | None, float, str]]:
        """(receiptId, receivedAt, raw) of every notification (of one instance), oldest first."""
        return _export(self._db, instance)

    def count(self) -> int:
        """How many captures the journal holds."""
        return int(self._db.execute("SELECT COUNT(*) FROM captures").fetchone()[0])

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[Capture]:
        return [_capture(row) for row in self._db.execute(sql, args)]


def _raw(db: sqlite3.Connection, capture_id: int) -> str:
    row = db.execute("SELECT raw FROM bodies WHERE id = ?", (capture_id,)).fetchone()
    return row[0] if row else ""


def _plain_connect(path: Path) -> sqlite3.Connection:
    """A connection that has changed nothing yet (the file is created owner-only if missing)."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    return sqlite3.connect(path, isolation_level=None, check_same_thread=False)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # SQLite may have rolled back already (I/O error, disk full)
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _export(
    db: sqlite3.Connection, instance: int | None
) -> Iterator[tuple[int | None, float, str]]:
    for _, *item in _export_with_ids(db, instance, after=0):
        yield tuple(item)  # type: ignore[misc]


def _export_with_ids(
    db: sqlite3.Connection,
    instance: int | None,
    *,
    after: int,
    only: bool = False,
    version: int = SCHEMA_VERSION,
) -> Iterator[tuple[int, int | None, float, str]]:
    """(id, receiptId, receivedAt, raw) of notifications after capture `after` (or just the
    next one, `only`), oldest first; malformed answers are not notifications."""
    notification = "malformed = 0" if version >= 2 else "receipt_id IS NOT NULL"
    sql = (
        "SELECT id, receipt_id, received_at, raw FROM captures JOIN bodies USING (id) "
        f"WHERE {notification} AND id {'=' if only else '>'} ?"
    )
    args: tuple[int, ...] = (after + 1 if only else after,)
    if instance is not None:
        sql += " AND instance = ?"
        args += (instance,)
    yield from db.execute(sql + " ORDER BY id", args)


class JournalReader:
    """A read-only connection: searches on a worker thread, and exports."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._counted = _Connected(path)
        # scans read the file in place; capped because mapped pages count in the process's RSS
        # (a 1M-capture journal's compact rows are ~340 MB: all mapped, the window had 490 MB;
        # Qt's libraries map ~50 MB more)
        self._db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        _add_search_functions(self._db)
        self.unreadable = 0
        """Captures an export had to skip because the file is damaged there."""
        self._version = SCHEMA_VERSION

    @classmethod
    def existing(cls, path: Path | str | None = None) -> JournalReader:
        """Open an existing journal read-only (default `default_path()`), changing nothing.

        JournalMissingError if there is no such file; NotAJournalError for any other file.
        """
        path = Path(path) if path else default_path()
        if not path.is_file():
            raise JournalMissingError(f"{path}: no such journal")
        _check_file(path)
        try:
            reader = cls(path)
            reader._version = _check_schema(reader._db, path)
        except sqlite3.DatabaseError as exc:
            raise NotAJournalError(f"{path}: not a readable journal ({exc})") from None
        return reader

    def export(self, instance: int | None = None) -> Iterator[tuple[int | None, float, str]]:
        """Like `Journal.export`; in a damaged file, every capture that can still be read.

        After the iteration `unreadable` counts the captures that could not be.
        """
        last = 0
        try:
            for row_id, *item in self._export(instance, after=0):
                last = row_id
                yield tuple(item)  # type: ignore[misc]
            return
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError:
            pass  # damaged: go on capture by capture
        try:
            top = int(self._db.execute("SELECT MAX(id) FROM captures").fetchone()[0] or 0)
        except sqlite3.DatabaseError:
            top = last + 100_000
        for row_id in range(last + 1, top + 1):
            try:
                rows = list(self._export(instance, after=row_id - 1, only=True))
            except sqlite3.DatabaseError:
                self.unreadable += 1
                continue
            for _, *item in rows:
                yield tuple(item)  # type: ignore[misc]

    def _export(
        self, instance: int | None, *, after: int, only: bool = False
    ) -> Iterator[tuple[int, int | None, float, str]]:
        return _export_with_ids(self._db, instance, after=after, only=only, version=self._version)

    def search_ids(self, query: Query, limit: int = 1_000_000) -> list[int]:
        """Ids of the captures matching `query`, oldest first (cheap even for 100k matches)."""
        return matching_ids(self._db, query, limit)

    def search(
        self,
        query: Query,
        below: int | None = None,
        step: float = SEARCH_STEP,
        clock: Callable[[], float] = time.perf_counter,
        first: int = SEARCH_FIRST_IDS,
    ) -> Iterator[list[int]]:
        """The matches of `query` among the captures older than `below` (default all), newest
        first, in steps: each yields the matches (ascending) of the next range of ids down,
        sized to take about `step` seconds, so that the first ones show at once."""
        oldest, newest = self._db.execute("SELECT MIN(id), MAX(id) FROM captures").fetchone()
        if oldest is None:
            return
        top = newest + 1 if below is None else min(below, newest + 1)
        size = first
        while top > oldest:
            low = max(oldest, top - size)
            started = clock()
            found = matching_ids(self._db, query, low=low, below=top)
            size = min(max(int(size * step / max(clock() - started, 1e-4)), 1024), 2**22)
            top = low
            yield found

    def links(self, body: dict[str, Any], capture_id: int | None, instance: int) -> Links:
        """The links of a notification among this instance's captures (see links.find_links):
        the captures of the message it refers to, and those referring to it."""
        ref = reference(body)
        own = body.get("idMessage")
        candidates: list[Entry] = []
        if ref is not None:
            candidates += [
                (*row, None)
                for row in self._db.execute(
                    "SELECT id, receipt_id, type_webhook, id_message, summary FROM captures "
                    "WHERE instance = ? AND id_message = ? AND malformed = 0 ORDER BY id LIMIT ?",
                    (instance, ref.target, LINK_ROWS),
                )
            ]
        if isinstance(own, str) and own and is_message(str(body.get("typeWebhook"))):
            candidates += [
                (*row, body_of(raw))
                for *row, raw in self._db.execute(
                    "SELECT id, receipt_id, type_webhook, id_message, summary, raw "
                    "FROM captures JOIN bodies USING (id) "
                    "WHERE instance = ? AND ref = ? AND ref != '' ORDER BY id LIMIT ?",
                    (instance, own, LINK_ROWS),
                )
            ]
        return find_links(body, capture_id, candidates)

    def raw(self, capture_id: int) -> str:
        """The answer as received ("" for an unknown capture), read on this reader's thread."""
        return _raw(self._db, capture_id)

    def previous_in_chat(self, capture_id: int, instance: int, chat: str) -> int | None:
        """The newest notification of this instance and chat captured before `capture_id`."""
        row = self._db.execute(
            "SELECT id FROM captures WHERE id < ? AND +instance = ? AND chat = ? AND malformed = 0 "
            "ORDER BY id DESC LIMIT 1",
            (capture_id, instance, chat),
        ).fetchone()
        return None if row is None else int(row[0])

    def folded_statuses(self, instance: int) -> set[int]:
        """Ids of an instance's outgoingMessageStatus captures whose message it captured too
        (those "Group statuses" shows on their message's row)."""
        outgoing = ",".join("?" * len(OUTGOING_TYPES))
        return {
            row[0]
            for row in self._db.execute(
                "SELECT id FROM captures WHERE instance = ? AND type_webhook = ? AND ref != '' "
                "AND ref IN (SELECT id_message FROM captures WHERE +instance = ? "
                f"AND type_webhook IN ({outgoing}))",
                (instance, STATUS_TYPE, instance, *sorted(OUTGOING_TYPES)),
            )
        }

    def attempts(self, capture_id: int) -> list[tuple[int, float, str, int, float, str]]:
        """(attempt, at, target, status, ms, answer) of each POST of a capture to a handler."""
        try:
            return self._db.execute(
                "SELECT attempt, at, target, status, ms, answer FROM deliveries "
                "WHERE capture = ? ORDER BY attempt",
                (capture_id,),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):  # written by older code: no forward ever ran
                return []
            raise

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

    def captured_since(
        self, instance: int, since: float, kinds: tuple[str, ...]
    ) -> list[tuple[float, str]]:
        """(receivedAt, raw) of this instance's captures of these typeWebhook kinds received at
        or after `since`, oldest first."""
        marks = ",".join("?" * len(kinds))
        sql = (
            "SELECT received_at, raw FROM captures JOIN bodies USING (id) WHERE received_at >= ? "
            f"AND instance = ? AND type_webhook IN ({marks}) ORDER BY id"
        )
        return self._db.execute(sql, (since, instance, *kinds)).fetchall()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
        self._counted.closed()


def matching_ids(
    db: sqlite3.Connection,
    query: Query,
    limit: int = 2**62,
    *,
    low: int | None = None,
    below: int | None = None,
    among: Sequence[int] = (),
) -> list[int]:
    """The SQL twin of `Query.matches`: ids of the newest `limit` matches (with ids from `low`
    up to, not including, `below`; or `among` these ids), oldest first."""
    where, args = query.where()
    # CROSS JOIN: captures stays the outer loop (an id range, cheap terms before the body)
    tables = (
        "captures CROSS JOIN bodies ON bodies.id = captures.id"
        if query.reads_bodies
        else "captures"
    )
    sql = f"SELECT captures.id FROM {tables} WHERE {where}"
    if query.instance is not None:
        # `+`: scan the rows in id order rather than walk captures_receipt and sort (half the
        # time when the instance is most of the journal, as a tester's busy instance is)
        sql += " AND +captures.instance = ?"
        args.append(query.instance)
    if low is not None:
        sql += " AND captures.id >= ?"
        args.append(low)
    if below is not None:
        sql += " AND captures.id < ?"
        args.append(below)
    if among:
        sql += f" AND captures.id IN ({','.join('?' * len(among))})"
        args += among
    rows = db.execute(sql + " ORDER BY captures.id DESC LIMIT ?", (*args, limit))
    ids = [row[0] for row in rows]
    ids.reverse()
    return ids


def _add_search_functions(db: sqlite3.Connection) -> None:
    """The SQL function a filter's body terms call (`Term.sql`)."""
    db.create_function("gc_field", 3, sql_field_matches, deterministic=True)


def _capture(row: tuple[Any, ...]) -> Capture:
    """A Capture from the columns of ROW_COLUMNS."""
    (
        capture_id, session, instance, receipt_id, received_at, type_webhook, id_message, chat,
        sender, summary, haystack, deleted, handed, repeats, malformed, ref, shape_errors,
        shape_notes, forward_attempts, forward_status, length,
    ) = row  # fmt: skip
    return Capture(
        capture_id, session, instance, receipt_id, received_at, type_webhook, id_message, chat,
        sender, summary, haystack, None if deleted is None else bool(deleted), bool(handed),
        repeats, bool(malformed), ref, shape_errors, shape_notes, forward_attempts,
        forward_status, length,
    )  # fmt: skip
