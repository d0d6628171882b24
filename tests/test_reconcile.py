"""Missing-notification detection against the sandbox: a notification lost by the drop fault
(green-api/issues #1118) is found by `greenconsole reconcile`; young ones are left unjudged;
status sequences are checked (#656, #980, #976)."""

from __future__ import annotations

import json
import time

from greenconsole import templates
from greenconsole.reconcile import reconcile
from greenconsole.sandbox import SandboxThread
from tests.support import INSTANCE, TOKEN, body, post_all, receive_args, run_cli


def reconcile_args(url: str, journal, *extra: str) -> tuple[str, ...]:
    return (
        "reconcile", "--api-url", url, "--instance", str(INSTANCE), "--journal", str(journal),
        *extra,
    )  # fmt: skip


def test_a_dropped_notification_is_found_missing(tmp_path):
    journal = tmp_path / "journal.sqlite3"
    stamp = int(time.time())
    with SandboxThread(instances={INSTANCE: TOKEN}) as sandbox:
        post_all(sandbox, [body(1, timestamp=stamp), body(2, timestamp=stamp)])
        sandbox.faults.drop = 100
        post_all(sandbox, [body(3, timestamp=stamp)])  # lost; the journal keeps the message
        sandbox.faults.drop = 0
        post_all(sandbox, [body(4, timestamp=stamp)])
        drained = run_cli(
            *receive_args(sandbox.url, "--delete", "--max", "3", "--journal", str(journal))
        )
        assert drained.returncode == 0, drained.stderr

        young = run_cli(*reconcile_args(sandbox.url, journal))  # default lag: 120 s
        assert young.returncode == 0, young.stderr
        assert b"4 message(s) in the server's journals, 3 captured" in young.stdout
        assert b"1 too recent to judge" in young.stdout  # MSG000003, not yet missing

        found = run_cli(*reconcile_args(sandbox.url, journal, "--lag", "0s"))
    assert found.returncode == 1
    missing = [line for line in found.stdout.decode().splitlines() if line.startswith("missing:")]
    assert len(missing) == 1 and "MSG000003" in missing[0] and "сообщение 3 ✅" in missing[0]
    assert TOKEN.encode() not in found.stdout + found.stderr


def test_nothing_missing_exits_0_and_says_what_it_compared(tmp_path):
    journal = tmp_path / "journal.sqlite3"
    with SandboxThread(instances={INSTANCE: TOKEN}) as sandbox:
        post_all(sandbox, [body(n, timestamp=int(time.time())) for n in (1, 2)])
        run_cli(*receive_args(sandbox.url, "--delete", "--max", "2", "--journal", str(journal)))
        done = run_cli(*reconcile_args(sandbox.url, journal, "--lag", "0s"))
    assert done.returncode == 0, done.stdout
    assert b"2 message(s) in the server's journals, 2 captured notification(s)" in done.stdout
    assert b"missing" not in done.stdout


def answer(n: int, notification: dict) -> str:
    return json.dumps({"receiptId": n, "body": notification})


def test_status_sequences_are_checked():
    fill = templates.fill
    sent = templates.templates()["outgoingAPIMessageReceived · text"]
    status = templates.templates()["outgoingMessageStatus"]
    now = 1_800_000_000.0
    early = fill(status, INSTANCE, id_message="EARLY", timestamp=int(now - 900))
    captured = [
        (now - 900, answer(1, early)),  # its status before the message (#656)
        (now - 890, answer(2, fill(sent, INSTANCE, id_message="EARLY", timestamp=int(now - 900)))),
        (now - 880, answer(3, fill(status, INSTANCE, id_message="ORPHAN"))),  # #980
        (now - 870, answer(4, fill(sent, INSTANCE, id_message="STUCK"))),  # never delivered
    ]
    outgoing = [
        {"idMessage": "EARLY", "timestamp": now - 900},
        {"idMessage": "STUCK", "timestamp": now - 870},
    ]
    found = reconcile(captured, [], outgoing, since=now - 3600, now=now)
    kinds = sorted((gap.kind, gap.id_message) for gap in found.gaps)
    assert kinds == [
        ("never-delivered", "STUCK"),
        ("status-before-message", "EARLY"),
        ("status-without-message", "ORPHAN"),
    ]
    assert found.missing == []
