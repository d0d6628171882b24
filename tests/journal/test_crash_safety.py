"""Nothing is lost: a receive killed with SIGKILL mid-stream, then restarted."""

from __future__ import annotations

import json
import signal
import sqlite3

from tests.support import INSTANCE, body, post_all, queue_count, receive_args, start_cli


def receive_process(sandbox, journal, *extra):
    return start_cli(*receive_args(sandbox.url, "--delete", "--journal", str(journal), *extra))


def journal_receipts(journal) -> list[int]:
    with sqlite3.connect(journal) as db:
        return [r for (r,) in db.execute("SELECT receipt_id FROM captures ORDER BY id")]


def test_sigkill_mid_stream_loses_nothing_and_restart_shows_nothing_twice(sandbox, tmp_path):
    journal = tmp_path / "journal.sqlite3"
    post_all(sandbox, [body(n) for n in range(2000)])
    queue = sandbox.state.instances[INSTANCE]

    first = receive_process(sandbox, journal)
    printed_first = []
    for line in first.stdout:
        printed_first.append(json.loads(line)["receiptId"])
        if len(printed_first) == 700:
            first.send_signal(signal.SIGKILL)
            break
    first.wait(10)
    printed_first += [json.loads(line)["receiptId"] for line in first.stdout.read().splitlines()]
    deleted_at_kill = list(queue.deleted)
    assert len(deleted_at_kill) >= 690
    captured = set(journal_receipts(journal))
    assert set(deleted_at_kill) <= captured  # every receipt deleted on the server was journaled

    second = receive_process(sandbox, journal, "--idle-exit", "2", "--receive-timeout", "5")
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    printed_second = [json.loads(line)["receiptId"] for line in out.splitlines()]
    everything = printed_first + printed_second
    assert len(everything) == len(set(everything)) == 2000  # nothing lost, nothing shown twice
    assert sorted(everything) == everything
    assert queue_count(sandbox) == 0
    assert sorted(journal_receipts(journal)) == sorted(queue.deleted)
    with sqlite3.connect(journal) as db:
        undeleted = db.execute("SELECT COUNT(*) FROM captures WHERE deleted IS NULL").fetchone()[0]
    assert undeleted <= 2  # at most the delete notes in flight at the kill
