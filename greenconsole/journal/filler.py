"""A journal of many synthetic captures, written fast (benchmarks and tests of big feeds).

Each capture is a real template body (a few kinds in turn) with its own idMessage and receipt,
summarised and shape-checked as `Journal.record` would; all of them go in with `executemany` in
one transaction (a million in well under a minute), as one session of one instance.

`python -m greenconsole.journal.filler PATH INSTANCE ROWS` does it in a process of its own.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from greenconsole.journal.store import Checked, Journal, haystack_of
from greenconsole.jsontext import dumps
from greenconsole.protocol.summary import summarize
from greenconsole.templates import fill, templates

KINDS = (
    "incomingMessageReceived · text",
    "outgoingMessageStatus",
    "incomingCall",
    "outgoingAPIMessageReceived · text",
    "stateInstanceChanged",
)
MARK = "FILLMARK"
"""The placeholder idMessage each row replaces with its own."""


def id_message(number: int) -> str:
    """The idMessage of the `number`th synthetic capture (0-based)."""
    return f"FILL{number:07d}"


def fill_journal(path: Path, instance: int, rows: int, start: float = 1_764_000_000.0) -> int:
    """Add `rows` captures of `instance` (received a millisecond apart from `start`) as a new
    session of the journal at `path`; returns the session's id."""
    with Journal(path) as journal:
        session = journal.start_session(instance, "http://synthetic.invalid", "cli")
    kinds = [_kind(instance, name) for name in KINDS]
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA cache_size=-262144")  # 256 MiB: the indexes stay in memory while filling
    try:
        first = int(db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM captures").fetchone()[0])
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO captures(id, session, instance, receipt_id, received_at, type_webhook, "
            "id_message, chat, sender, summary, haystack, deleted, handed_at, answer_hash, "
            "answer_length, ref, shape_errors, shape_notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
            _captures(kinds, session, instance, first, rows, start),
        )
        db.executemany(
            "INSERT INTO bodies(id, raw) VALUES (?, ?)",
            ((first + n, _raw(kinds[n % len(kinds)], n)) for n in range(rows)),
        )
        db.execute("COMMIT")
    finally:
        db.close()
    return session


def _kind(instance: int, name: str) -> tuple[Any, ...]:
    """What every capture of one template shares (with MARK where its idMessage goes)."""
    body = fill(templates()[name], instance, MARK, 1_764_000_000)
    info = summarize(body)
    checked = Checked.of(body)
    shown = (body["typeWebhook"], info.chat, info.sender, info.text, info.id_message)
    return body["typeWebhook"], shown, haystack_of(*shown), dumps(body), checked


def _raw(kind: tuple[Any, ...], number: int) -> str:
    """The answer as `Journal.record` keeps it (compact JSON)."""
    return f'{{"receiptId":{number + 1},"body":{kind[3]}}}'.replace(MARK, id_message(number))


def _captures(
    kinds: list[tuple[Any, ...]], session: int, instance: int, first: int, rows: int, start: float
) -> Iterator[tuple[Any, ...]]:
    folded_mark = MARK.casefold()
    for n in range(rows):
        kind = kinds[n % len(kinds)]
        type_webhook, shown, haystack, _, checked = kind
        own = id_message(n)
        chat, sender, summary, id_msg = (text.replace(MARK, own) for text in shown[1:])
        raw = _raw(kind, n).encode()  # templates hold no lone surrogates
        at = start + n / 1000
        yield (
            first + n, session, instance, n + 1, at, type_webhook, id_msg, chat, sender, summary,
            f"{haystack.replace(folded_mark, own.casefold())} {n + 1}", at,
            hashlib.sha256(raw).hexdigest(), len(raw), checked.ref.replace(MARK, own),
            checked.shape_errors, checked.shape_notes,
        )  # fmt: skip


if __name__ == "__main__":
    print(fill_journal(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
