"""The journal file: permissions, no token, search semantics, history, clearing."""

from __future__ import annotations

import os
import stat
import time

from greenconsole.journal.query import QueryError, parse_query
from greenconsole.journal.store import Journal
from greenconsole.protocol.notification import Notification
from tests.support import INSTANCE, TOKEN, MemoryRow, body, capture, post_all, run_cli


def note(n: int, **extra) -> Notification:
    return Notification(n, body(n, **extra))


def test_journal_file_is_owner_only_and_never_holds_the_token(sandbox, tmp_path):
    journal = tmp_path / "private" / "journal.sqlite3"
    capture(sandbox, journal, [body(n) for n in range(5)])
    assert stat.S_IMODE(os.stat(journal).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(journal.parent).st_mode) == 0o700
    for path in journal.parent.iterdir():
        assert TOKEN.encode() not in path.read_bytes()
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0


def test_default_journal_lives_in_the_user_data_dir(sandbox, private_dirs):
    post_all(sandbox, [body(1)])
    run_cli(
        "receive", "--api-url", sandbox.url, "--instance", str(INSTANCE), "--delete", "--max", "1"
    )
    assert (private_dirs / "xdg_data_home" / "greenconsole" / "journal.sqlite3").exists()


def test_search_by_text_type_chat_id_and_time(tmp_path):
    journal = Journal(tmp_path / "j.sqlite3")
    session = journal.start_session(INSTANCE, "http://x", "cli")
    for n in range(30):
        journal.record(session, INSTANCE, note(n), received_at=1_700_000_000 + n)
    call = Notification(
        99, {"typeWebhook": "incomingCall", "from": "79990001122@c.us", "status": "offer"}
    )
    journal.record(session, INSTANCE, call, received_at=1_700_000_100)

    reader = journal.reader()

    def ids(text: str) -> list[int | None]:
        ids = reader.search_ids(parse_query(text))
        by_id = {c.id: c.receipt_id for c in journal.captures(ids)}
        return [by_id[i] for i in ids]

    assert ids('"СООБЩЕНИЕ 7" ') == [7]  # case-insensitive, Cyrillic too
    assert ids("type:incomingCall") == [99]
    assert ids("chat:7999") == [99]
    assert ids("id:msg000012") == [12] and ids("id:12") == [12]
    since = "since:" + time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(1_700_000_025))
    assert ids(since) == [25, 26, 27, 28, 29, 99]
    assert ids(
        f"{since} until:{time.strftime('%Y-%m-%dT%H:%M:%S', time.localtime(1_700_000_026))}"
    ) == [25, 26]
    assert ids("nothing like this") == []
    try:
        parse_query("since:yesterday")
    except QueryError as exc:
        assert "yesterday" in str(exc)
    else:
        raise AssertionError("a bad time was accepted")


def test_delete_notes_history_and_clear(tmp_path):
    journal = Journal(tmp_path / "j.sqlite3")
    first = journal.start_session(INSTANCE, "http://x", "window")
    one = journal.record(first, INSTANCE, note(1))
    journal.mark_deleted(one.id, True)
    second = journal.start_session(INSTANCE, "http://x", "window")
    journal.record(second, INSTANCE, note(2))
    journal.close()

    reopened = Journal(tmp_path / "j.sqlite3")
    assert reopened.last_session_id() == second
    assert [c.deleted for c in reopened.session_captures(first)] == [True]
    assert list(reopened.capture_ids(INSTANCE, before=10**9)) == [1, 2]  # ids, oldest first
    reopened.clear()
    assert reopened.count() == 0


def test_shape_filter_keys_find_bad_ok_and_unknown_kinds(tmp_path):
    journal = Journal(tmp_path / "j.sqlite3")
    session = journal.start_session(INSTANCE, "http://x", "cli")
    misspelt = body(2)
    misspelt["messageData"]["textMessageData"] = {"txt": "typo"}
    unknown = {**body(3), "typeWebhook": "incomingStoryReceived"}
    for n, item in ((1, body(1)), (2, misspelt), (3, unknown)):
        journal.record(session, INSTANCE, Notification(n, item))
    reader = journal.reader()
    captures = journal.session_captures(session)

    def receipts(text: str) -> list[int | None]:
        found = reader.search_ids(parse_query(text))
        in_memory = [c.id for c in captures if parse_query(text).matches(MemoryRow.of(c))]
        assert found == in_memory  # the journal's SQL and the in-memory rule agree
        return [c.receipt_id for c in captures if c.id in found]

    assert receipts("shape:bad") == [2]
    assert receipts("shape:OK") == [1, 3]  # an unknown kind is not an error
    assert receipts("shape:unknown") == [3]
    assert receipts("shape:bad typo") == []  # combined with text like any key
    try:
        parse_query("shape:weird")
    except QueryError as exc:
        assert str(exc) == "shape:weird: expected shape:bad, shape:ok or shape:unknown"
    else:
        raise AssertionError("a bad shape: value was accepted")


def test_half_an_emoji_in_shown_text_or_an_unknown_kind_is_journaled(tmp_path):
    journal = Journal(tmp_path / "j.sqlite3")
    session = journal.start_session(INSTANCE, "http://x", "cli")
    half = body(1)
    half["messageData"]["textMessageData"]["textMessage"] = "half \ud83d"
    kind = {**body(2), "typeWebhook": "new\ud83d"}
    first = journal.record(session, INSTANCE, Notification(1, half))
    second = journal.record(session, INSTANCE, Notification(2, kind))
    assert first.summary == "half \\ud83d"  # as the inspector writes it (the feed shows this)
    assert second.shape_notes == "unknown kind new\ufffd (typeWebhook)"
    summaries = [c.summary for c in journal.session_captures(session)]
    assert summaries == ["half \\ud83d", "new\\ud83d"]
