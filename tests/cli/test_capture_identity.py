"""Receipt ids are not identities: restarts, peeks and odd text never cost a notification."""

from __future__ import annotations

import json
import sqlite3

from greenconsole.sandbox import SandboxThread
from tests.support import (
    INSTANCE,
    TOKEN,
    ScriptedServer,
    assert_clean,
    body,
    ok,
    post_all,
    queue_count,
    receive_args,
    run_cli,
)

DRAIN = ("--delete", "--idle-exit", "1", "--receive-timeout", "5")


def receive(url: str, journal, *extra: str):
    return run_cli(*receive_args(url, "--journal", str(journal), *extra))


def printed(proc) -> list[tuple[int, str]]:
    return [
        (item["receiptId"], item["body"]["idMessage"])
        for item in map(json.loads, proc.stdout.decode("utf-8").splitlines())
    ]


def journal_rows(journal) -> list[tuple[int, str, int]]:
    with sqlite3.connect(journal) as db:
        return db.execute(
            "SELECT receipt_id, id_message, deleted FROM captures ORDER BY id"
        ).fetchall()


def test_a_restarted_server_reusing_receipt_ids_loses_nothing(tmp_path):
    journal = tmp_path / "journal.sqlite3"
    for day, first in (("monday", 0), ("tuesday", 100)):
        with SandboxThread(instances={INSTANCE: TOKEN}) as sandbox:  # receipts start at 1 again
            post_all(sandbox, [body(first + n) for n in range(3)])
            proc = receive(sandbox.url, journal, *DRAIN)
            assert proc.returncode == 0, (day, proc.stderr)
            assert printed(proc) == [(n + 1, f"MSG{first + n:06d}") for n in range(3)], day
            assert b"earlier run" not in proc.stderr
            assert queue_count(sandbox) == 0
            assert_clean(proc)
    rows = journal_rows(journal)
    assert [r[1] for r in rows] == [f"MSG{n:06d}" for n in (0, 1, 2, 100, 101, 102)]
    assert [r[0] for r in rows] == [1, 2, 3, 1, 2, 3]
    assert [r[2] for r in rows] == [1] * 6  # each capture has its own delete result


def test_a_peeked_notification_is_printed_again_by_the_run_that_deletes_it(sandbox, tmp_path):
    journal = tmp_path / "journal.sqlite3"
    post_all(sandbox, [body(n) for n in range(3)])
    peek = receive(sandbox.url, journal, "--max", "1")
    assert printed(peek) == [(1, "MSG000000")]
    drain = receive(sandbox.url, journal, *DRAIN)
    assert drain.returncode == 0, drain.stderr
    assert printed(drain) == [(1, "MSG000000"), (2, "MSG000001"), (3, "MSG000002")]
    assert b"receipt 1 was printed by an earlier run" in drain.stderr
    assert queue_count(sandbox) == 0
    assert [r[2] for r in journal_rows(journal)] == [None, 1, 1, 1]  # the peek deleted nothing


def test_half_an_emoji_is_printed_as_valid_utf8_json_and_exported(tmp_path):
    journal = tmp_path / "journal.sqlite3"
    answer = '{"receiptId": 1, "body": {"typeWebhook": "incomingMessageReceived", "t": "a\\ud83d"}}'
    with ScriptedServer([ok(answer)], only="receiveNotification") as server:
        proc = receive(server.url, journal, "--max", "1")
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.decode("utf-8")  # strict: valid UTF-8
    assert json.loads(line)["body"]["t"] == "a\ud83d"
    export = run_cli("export", "--journal", str(journal), "--no-redact")
    assert export.returncode == 0, export.stderr
    assert json.loads(export.stdout.decode("utf-8"))["body"]["t"] == "a\ud83d"


def test_half_an_emoji_survives_export_replay_and_receive_again(sandbox, tmp_path):
    journal, exported = tmp_path / "journal.sqlite3", tmp_path / "export.jsonl"
    text = "half \ud83d and whole 😀"
    answer = json.dumps({"receiptId": 7, "body": body(1, extra=text)})  # ASCII, escaped
    with ScriptedServer([ok(answer)], only="receiveNotification") as server:
        assert receive(server.url, journal, "--max", "1").returncode == 0
    export = run_cli("export", "--journal", str(journal), "--no-redact", "-o", str(exported))
    assert export.returncode == 0, export.stderr
    exported.read_bytes().decode("utf-8")  # strict: the file is valid UTF-8
    replay = run_cli("replay", str(exported), "--webhook-url", sandbox.webhook_url)
    assert replay.returncode == 0, replay.stderr
    again = receive(sandbox.url, journal, *DRAIN)
    assert [json.loads(line)["body"]["extra"] for line in again.stdout.splitlines()] == [text]


def test_a_receipt_beyond_sqlite_integers_is_printed_journaled_and_deleted(tmp_path):
    journal = tmp_path / "journal.sqlite3"
    huge = 2**70
    answer = f'{{"receiptId": {huge}, "body": {{"typeWebhook": "incomingCall"}}}}'
    with ScriptedServer([ok(answer)], only="receiveNotification") as server:
        proc = receive(server.url, journal, "--delete", "--max", "1")
        deletes = server.paths("DELETE")
    assert proc.returncode == 0, proc.stderr
    assert printed_receipts(proc) == [huge]
    assert deletes and deletes[0].endswith(f"/{huge}")
    export = run_cli("export", "--journal", str(journal))
    assert json.loads(export.stdout)["receiptId"] == huge


def printed_receipts(proc) -> list[int]:
    return [json.loads(line)["receiptId"] for line in proc.stdout.splitlines()]


def test_a_number_json_cannot_hold_is_a_malformed_answer_not_a_crash(tmp_path):
    journal = tmp_path / "journal.sqlite3"
    bad = '{"receiptId": 1, "body": {"typeWebhook": "incomingCall", "v": 1e999}}'
    with ScriptedServer([ok(bad)], only="receiveNotification") as server:
        proc = receive(server.url, journal, "--delete", "--idle-exit", "1")
        deletes = server.paths("DELETE")
    assert proc.returncode == 0, proc.stderr  # retried like any malformed answer, then idle
    assert proc.stdout == b"" and deletes == []
    assert b"out of range" in proc.stderr and b"Traceback" not in proc.stderr
    export = run_cli("export", "--journal", str(journal))
    assert export.returncode == 0 and export.stdout == b""  # a malformed answer is no export


def test_send_checks_every_body_before_posting_any(sandbox, tmp_path):
    lines = [
        json.dumps(body(1)),
        '{"typeWebhook": "incomingCall", "v": 1e999}',
        json.dumps({"instanceData": {"idInstance": INSTANCE}}),
    ]
    source = tmp_path / "bodies.jsonl"
    source.write_text("\n".join(lines) + "\n")
    proc = run_cli("send", str(source), "--webhook-url", sandbox.webhook_url)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "line 2" in err and "out of range" in err and "line 3: no typeWebhook" in err
    assert queue_count(sandbox) == 0


def test_a_token_sent_in_a_message_is_masked_before_anything_keeps_or_prints_it(sandbox, tmp_path):
    journal = tmp_path / "journal.sqlite3"
    leaked = body(1)
    leaked["messageData"]["textMessageData"]["textMessage"] = f"my token: {TOKEN} (oops)"
    post_all(sandbox, [leaked])
    got = run_cli(*receive_args(sandbox.url, "--delete", "--max", "1", "--journal", str(journal)))
    assert got.returncode == 0, got.stderr
    line = json.loads(got.stdout)
    assert line["body"]["messageData"]["textMessageData"]["textMessage"] == "my token: *** (oops)"
    # said, not done silently: the printed body is not the one received
    assert b"receipt 1: its body holds this instance's token, printed as ***" in got.stderr
    for fmt in ("jsonl", "text"):
        exported = run_cli("export", "--journal", str(journal), "--format", fmt)
        assert b"my token: ***" in exported.stdout and TOKEN.encode() not in exported.stdout
    for part in tmp_path.glob("journal.sqlite3*"):
        assert TOKEN.encode() not in part.read_bytes(), part
