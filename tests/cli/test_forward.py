"""`greenconsole forward --to URL`: the sandbox's queue drained into a handler we script — POSTed
as GREEN-API's webhook delivery would, deleted only after a 2xx, every attempt journaled."""

from __future__ import annotations

import json
import signal
import sqlite3
import time

from greenconsole.journal.store import JournalReader
from tests.support import (
    INSTANCE,
    TOKEN,
    Reply,
    ScriptedServer,
    body,
    post_all,
    queue_count,
    run_cli,
    start_cli,
    status,
    stream,
)

HOOK_TOKEN = "hook-s3cr3t-token"


def forward_args(url: str, hook: str, journal, *extra: str) -> tuple[str, ...]:
    return (
        "forward", "--api-url", url, "--instance", str(INSTANCE), "--to", hook,
        "--journal", str(journal), "--pause", "0.05", *extra,
    )  # fmt: skip


def test_each_notification_reaches_the_handler_and_is_deleted_after_its_2xx(
    sandbox, tmp_path, monkeypatch
):
    journal = tmp_path / "journal.sqlite3"
    post_all(sandbox, [body(1), body(2)])
    monkeypatch.setenv("GREEN_API_WEBHOOK_TOKEN", HOOK_TOKEN)
    with ScriptedServer([status(500, "boom"), status(200, "ok"), status(204, "")]) as hook:
        done = run_cli(*forward_args(sandbox.url, f"{hook.url}/webhook", journal, "--max", "2"))
        sent = [json.loads(raw) for raw in hook.bodies]
        headers = hook.headers
    assert done.returncode == 0, done.stderr
    assert [b["idMessage"] for b in sent] == ["MSG000001", "MSG000001", "MSG000002"]
    assert sent[0] == body(1)  # the body as GREEN-API sends it, nothing added
    assert {h["authorization"] for h in headers} == {f"Bearer {HOOK_TOKEN}"}
    assert {h["content-type"] for h in headers} == {"application/json"}
    assert queue_count(sandbox) == 0
    lines = done.stdout.decode().splitlines()
    assert ["→ 500 in" in lines[0], "→ 200 in" in lines[1], "→ 204 in" in lines[2]] == [True] * 3
    assert (
        lines[0].endswith("; again in 0.05 s") and "receipt 1 incomingMessageReceived" in lines[0]
    )
    reader = JournalReader.existing(journal)
    attempts = reader.attempts(1)  # a new journal: the two captures are 1 and 2
    assert [(a[0], a[3], a[5]) for a in attempts] == [(1, 500, "boom"), (2, 200, "ok")]
    assert [a[3] for a in reader.attempts(2)] == [204]
    reader.close()
    output = done.stdout + done.stderr
    assert TOKEN.encode() not in output and HOOK_TOKEN.encode() not in output


def test_a_handler_that_is_down_gets_nothing_deleted_and_a_signal_ends_the_run(sandbox, tmp_path):
    post_all(sandbox, [body(1)])
    proc = start_cli(*forward_args(sandbox.url, "http://127.0.0.1:9/webhook", tmp_path / "j"))
    first = proc.stdout.readline()  # running (however slow the start): the first attempt
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    out, _ = proc.communicate(timeout=5)
    assert time.monotonic() - started < 2
    assert queue_count(sandbox) == 1  # never delivered, so never deleted
    lines = [first.decode().rstrip("\n"), *out.decode().splitlines()]
    assert len(lines) >= 2 and all("no answer (ConnectError" in line for line in lines)
    reader = JournalReader.existing(tmp_path / "j")
    assert [a[3] for a in reader.attempts(1)] == [0] * len(reader.attempts(1))
    assert len(reader.attempts(1)) == len(lines)
    reader.close()


def test_a_slow_or_huge_answer_is_cut_short_and_sent_again(sandbox, tmp_path):
    post_all(sandbox, [body(1)])
    huge = stream(b"x" * 65536, repeat=2000)  # 125 MiB if it were read whole
    script = [Reply(kind="hang"), huge]
    with ScriptedServer(script) as hook:
        done = run_cli(
            *forward_args(sandbox.url, hook.url, tmp_path / "j", "--timeout", "0.5", "--max", "1")
        )
        posts = len(hook.bodies)
    assert done.returncode == 0, done.stderr
    assert posts == 2 and queue_count(sandbox) == 0
    lines = done.stdout.decode().splitlines()
    assert "no answer (TimeoutError)" in lines[0] and "→ 200 in" in lines[1]
    reader = JournalReader.existing(tmp_path / "j")
    kept = reader.attempts(1)[1][5]
    reader.close()
    assert 0 < len(kept) <= 2048


def test_500_then_a_timeout_then_200_deletes_only_after_the_200(sandbox, tmp_path):
    journal = tmp_path / "j"
    post_all(sandbox, [body(1)])
    script = [status(500, "boom"), Reply(kind="hang"), status(200, "ok")]
    with ScriptedServer(script) as hook:
        done = run_cli(
            *forward_args(sandbox.url, hook.url, journal, "--timeout", "0.3", "--max", "1")
        )
    assert done.returncode == 0, done.stderr
    assert queue_count(sandbox) == 0
    with sqlite3.connect(journal) as db:  # the journal file itself: the order of the facts
        deleted_at = db.execute("SELECT deleted_at FROM captures WHERE id = 1").fetchone()[0]
        tried = db.execute("SELECT attempt, status, at FROM deliveries ORDER BY attempt").fetchall()
    assert [(number, code) for number, code, _ in tried] == [(1, 500), (2, 0), (3, 200)]
    assert deleted_at > tried[-1][2]  # deleted after the 200, never before


def test_idle_exit_does_not_end_a_run_while_the_handler_refuses(sandbox, tmp_path):
    post_all(sandbox, [body(1)])
    with ScriptedServer([], idle=status(503, "busy")) as hook:
        proc = start_cli(*forward_args(sandbox.url, hook.url, tmp_path / "j", "--idle-exit", "0.5"))
        time.sleep(2.5)  # five idle-exits' worth of refusals
        assert proc.poll() is None  # still trying: a refusal is not "nothing new"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=5)
    assert proc.returncode == 75 and b"handler was failing" in err
    assert queue_count(sandbox) == 1


def test_the_instance_token_never_reaches_the_journal_from_a_handler_echo(sandbox, tmp_path):
    journal = tmp_path / "j"
    post_all(sandbox, [body(1)])
    with ScriptedServer([status(200, f"got it, your token is {TOKEN}")]) as hook:
        done = run_cli(*forward_args(sandbox.url, hook.url, journal, "--max", "1"))
    assert done.returncode == 0, done.stderr
    for part in tmp_path.glob("j*"):  # the journal and its WAL
        assert TOKEN.encode() not in part.read_bytes(), part
    reader = JournalReader.existing(journal)
    assert reader.attempts(1)[0][5] == "got it, your token is ***"
    reader.close()
