"""The sandbox's state file: instances, queues, the receipt counter and the last port, in SQLite.

Durability model: every change is one SQLite transaction committed (WAL) before the sandbox
answers, so a notification answered 200 survives a kill of the process. The file holds the
instances' tokens: it is created 0600, a folder made for it 0700. A file that cannot be read is
moved aside (`NAME.damaged-TIME`) and the sandbox starts empty; `notice` says so in one line.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

SCHEMA_VERSION = 2
"""2 added the account table (1 is read as is: its instances start authorized, default settings)."""
SCHEMA = """
CREATE TABLE IF NOT EXISTS instance (id INTEGER PRIMARY KEY, token TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS account (
    id INTEGER PRIMARY KEY, state TEXT NOT NULL, settings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notification (
    receipt INTEGER PRIMARY KEY, instance INTEGER NOT NULL, queued_at REAL NOT NULL,
    body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def default_state_path() -> Path:
    """Where the window's embedded sandbox keeps its state (in the user data dir)."""
    return (
        Path(platformdirs.user_data_dir("greenconsole", appauthor=False)) / "sandbox" / "state.db"
    )


class DamagedState(Exception):
    """The state file is not a sandbox state file (or is corrupt)."""


class StateInUse(OSError):
    """Another sandbox (another process) has the state file open."""


@dataclass
class SavedState:
    """What a state file holds."""

    instances: dict[int, str] = field(default_factory=dict)
    notifications: list[tuple[int, int, float, str]] = field(default_factory=list)
    """(receiptId, idInstance, queued at, body text), in receipt order."""
    next_receipt: int = 1
    port: int = 0
    accounts: dict[int, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """idInstance → (state, settings) as last saved."""


class StateFile:
    """One sandbox state file, opened (or created) at `path`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.notice = ""
        """One line when the file was damaged and moved aside, else empty."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock: int | None = self._take_lock()
        try:
            self._db, self._saved = self._open()
        except (sqlite3.Error, DamagedState, ValueError, TypeError) as exc:
            aside = self.path.with_name(
                f"{self.path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S')}"
            )
            self.path.rename(aside)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").rename(f"{aside}{suffix}")
            self.notice = (
                f"sandbox state {self.path} was unreadable ({exc}); "
                f"moved it to {aside.name} and started empty"
            )
            self._db, self._saved = self._open()

    def _take_lock(self) -> int:
        """An exclusive lock on `PATH.lock` for as long as the file is open (one sandbox each)."""
        fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StateInUse("in use by another sandbox") from None
        return fd

    def _open(self) -> tuple[sqlite3.Connection, SavedState]:
        os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
        os.chmod(self.path, 0o600)
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, 1, SCHEMA_VERSION):
                raise DamagedState(f"schema version {version}, expected {SCHEMA_VERSION}")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise DamagedState("integrity check failed")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives a process kill
            db.executescript(SCHEMA)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            return db, self._read(db)
        except BaseException:
            db.close()
            raise

    @staticmethod
    def _read(db: sqlite3.Connection) -> SavedState:
        saved = SavedState()
        for id_instance, token in db.execute("SELECT id, token FROM instance"):
            if not isinstance(token, str):
                raise DamagedState(f"instance {id_instance}: bad token")
            saved.instances[id_instance] = token
        rows = db.execute(
            "SELECT receipt, instance, queued_at, body FROM notification ORDER BY receipt"
        )
        for receipt_id, id_instance, queued_at, text in rows:
            if id_instance not in saved.instances or not isinstance(text, str):
                raise DamagedState(f"notification {receipt_id}: bad row")
            saved.notifications.append((receipt_id, id_instance, float(queued_at), text))
        for id_instance, state, settings in db.execute("SELECT id, state, settings FROM account"):
            loaded = json.loads(settings)
            if id_instance not in saved.instances or not isinstance(loaded, dict):
                raise DamagedState(f"account {id_instance}: bad row")
            saved.accounts[id_instance] = (str(state), loaded)
        meta = dict(db.execute("SELECT key, value FROM meta"))
        last = saved.notifications[-1][0] if saved.notifications else 0
        saved.next_receipt = max(int(meta.get("next_receipt", 1)), last + 1)
        saved.port = int(meta.get("port", 0))
        return saved

    def load(self) -> SavedState:
        """The state as it was opened."""
        return self._saved

    def add_instance(self, id_instance: int, token: str) -> None:
        """Keep an instance (or its new token)."""
        self._db.execute("INSERT OR REPLACE INTO instance VALUES (?, ?)", (id_instance, token))

    def set_account(self, id_instance: int, state: str, settings: dict[str, Any]) -> None:
        """Keep an instance's state and settings."""
        self._db.execute(
            "INSERT OR REPLACE INTO account VALUES (?, ?, ?)",
            (id_instance, state, json.dumps(settings)),
        )

    def put(self, id_instance: int, receipt_id: int, queued_at: float, text: str) -> None:
        """Keep a queued notification and the receipt counter past it, in one transaction."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO notification VALUES (?, ?, ?, ?)",
                (receipt_id, id_instance, queued_at, text),
            )
            db.execute("INSERT OR REPLACE INTO meta VALUES ('next_receipt', ?)", (receipt_id + 1,))

    def delete(self, receipt_ids: list[int]) -> None:
        """Forget queued notifications."""
        with self._transaction() as db:
            db.executemany(
                "DELETE FROM notification WHERE receipt = ?", [(r,) for r in receipt_ids]
            )

    def set_port(self, port: int) -> None:
        """Remember the port listened on, to try it again next time."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('port', ?)", (port,))

    def close(self) -> None:
        """Close the file (a checkpoint folds the WAL into it) and let another sandbox open it.

        Idempotent: a second close must not close whatever file now has the lock's number.
        """
        if self._lock is None:
            return
        self._db.close()
        os.close(self._lock)
        self._lock = None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
