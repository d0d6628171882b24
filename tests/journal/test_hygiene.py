"""The journal file: schema upgrades, files it does not own, damage."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from greenconsole.journal.query import parse_query
from greenconsole.journal.store import SCHEMA_VERSION, Journal, NotAJournalError
from greenconsole.protocol.notification import Notification
from tests.support import INSTANCE, body, run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "journal-v1.sqlite3"
"""A journal written by the first schema (no user_version): 3 captures and a malformed answer."""


def test_a_first_schema_journal_is_upgraded_after_a_backup(tmp_path):
    path = tmp_path / "journal.sqlite3"
    shutil.copy(FIXTURE, path)
    with Journal(path) as journal:
        rows = journal.session_captures(journal.last_session_id())
        assert [(c.receipt_id, c.deleted, c.malformed) for c in rows] == [
            (1, True, False),
            (2, False, False),
            (3, True, False),
            (None, None, True),
        ]
        new = journal.record(1, INSTANCE, Notification(1, body(9), '{"receiptId": 1}'))
        journal.mark_deleted(new.id, True)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        deleted = db.execute("SELECT deleted FROM captures ORDER BY id").fetchall()
    assert deleted == [(1,), (0,), (1,), (None,), (1,)]  # history not rewritten by receipt 1
    backup = tmp_path / "journal.sqlite3.v1-backup"
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(backup) as db:
        assert db.execute("SELECT COUNT(*) FROM captures").fetchone()[0] == 4


def test_export_of_the_first_schema_journal(tmp_path):
    path = tmp_path / "journal.sqlite3"
    shutil.copy(FIXTURE, path)
    proc = run_cli("export", "--journal", str(path), "--no-redact")
    assert proc.returncode == 0, proc.stderr
    items = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [item["receiptId"] for item in items] == [1, 2, 3]


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), os.stat(path).st_mode


@pytest.mark.parametrize("kind", ["text", "other-sqlite"])
def test_export_and_receive_leave_a_file_that_is_not_a_journal_unchanged(tmp_path, kind):
    path = tmp_path / "data.db"
    if kind == "text":
        path.write_text("not a database\n")
    else:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, name TEXT)")
    os.chmod(path, 0o644)
    before = snapshot(path)
    for args in (
        ("export", "--journal", str(path)),
        ("receive", "--api-url", "http://127.0.0.1:9", "--instance", "1", "--journal", str(path)),
    ):
        proc = run_cli(*args)
        assert proc.returncode == 2, proc.stderr
        err = proc.stderr.decode()
        assert (err.count("\n") == 1 and "not a Green Console journal" in err) or "another" in err
    assert snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("data")) == ["data.db"]


def test_export_of_a_missing_journal_creates_nothing(tmp_path):
    path = tmp_path / "typo.sqlite3"
    proc = run_cli("export", "--journal", str(path))
    assert proc.returncode == 2
    assert "no such journal" in proc.stderr.decode()
    assert not path.exists()


def filled_journal(path: Path, n: int) -> None:
    with Journal(path) as journal:
        session = journal.start_session(INSTANCE, "http://x", "cli")
        for i in range(n):
            journal.record(session, INSTANCE, Notification(i + 1, body(i, pad="x" * 300)))
    with sqlite3.connect(path) as db:  # everything in the main file, no WAL left
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")


def damage(path: Path) -> None:
    """Overwrite a few pages in the middle of the file with garbage."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(b"\xa5" * 4096 * 3)


def test_a_damaged_journal_is_moved_aside_and_a_new_one_started(tmp_path):
    path = tmp_path / "journal.sqlite3"
    filled_journal(path, 2000)
    damage(path)
    with Journal(path) as journal:
        assert "damaged" in journal.notice and "moved to" in journal.notice
        assert journal.count() == 0
        journal.record(journal.start_session(INSTANCE, "x", "cli"), INSTANCE, Notification(1, {}))
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1


def test_export_salvages_what_a_damaged_journal_still_holds(tmp_path):
    path = tmp_path / "journal.sqlite3"
    filled_journal(path, 2000)
    damage(path)
    before = snapshot(path)
    proc = run_cli("export", "--journal", str(path), "--no-redact")
    assert proc.returncode == 0, proc.stderr
    items = [json.loads(line) for line in proc.stdout.splitlines()]
    assert 1000 < len(items) < 2000
    assert "damaged" in proc.stderr.decode()
    assert snapshot(path) == before


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(NotAJournalError, match="newer"):
        Journal(path)


FIXTURE_V2 = Path(__file__).parent / "fixtures" / "journal-v2.sqlite3"
"""A schema-2 journal: a message, its reply, edit, reaction and deletion; an API message and its
status; a body with a misspelt field; a malformed answer (written by the schema-2 code)."""


def test_a_schema_2_journal_gains_links_and_shape_checks_after_a_backup(tmp_path):
    path = tmp_path / "journal.sqlite3"
    shutil.copy(FIXTURE_V2, path)
    with Journal(path) as journal:
        rows = journal.session_captures(journal.last_session_id())
        assert [(c.receipt_id, c.ref) for c in rows] == [
            (1, ""),
            (2, "BAE5ORIGINAL0001"),
            (3, "BAE5ORIGINAL0001"),
            (4, "BAE5ORIGINAL0001"),
            (5, "BAE5ORIGINAL0001"),
            (6, ""),
            (7, "BAE5OUTGOING0006"),
            (8, ""),
            (None, ""),
        ]
        assert [c.shape_errors for c in rows] == [0, 0, 0, 0, 0, 0, 0, 2, None]
        assert rows[7].shape_notes == (
            "missing messageData.textMessageData.textMessage\n"
            "unknown field messageData.textMessageData.txt"
        )
        reader = journal.reader()
        assert reader.search_ids(parse_query("shape:bad")) == [rows[7].id]
        original = json.loads(journal.raw(rows[0].id))["body"]
        links = reader.links(original, rows[0].id, INSTANCE)
        assert [link.kind for link in links.referrers] == ["reply", "edit", "reaction", "deletion"]
        assert reader.links(original, rows[0].id, INSTANCE + 1).referrers == []  # per instance
        status = json.loads(journal.raw(rows[6].id))["body"]
        assert [link.receipt_id for link in reader.links(status, rows[6].id, INSTANCE).targets] == [
            6
        ]
        reader.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM captures WHERE instance = 1 AND ref = 'X' "
            "AND ref != ''"
        ).fetchall()
    assert "captures_ref" in str(plan)  # the partial index serves the back-link lookup
    with sqlite3.connect(tmp_path / "journal.sqlite3.v2-backup") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        assert db.execute("SELECT COUNT(*) FROM captures").fetchone()[0] == 9
