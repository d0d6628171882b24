"""Nothing is lost: `receive --delete` killed with SIGKILL again and again while draining."""

from __future__ import annotations

import contextlib
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.support import INSTANCE, body, cli_env, post_all, queue_count, receive_args

N = 5000


@pytest.mark.slow
def test_sigkill_loop_every_deleted_notification_was_printed_and_journaled(sandbox, tmp_path):
    journal = tmp_path / "journal.sqlite3"
    post_all(sandbox, [body(n) for n in range(N)])
    queue = sandbox.state.instances[INSTANCE]
    rng = random.Random(7)
    outputs = []
    for run in range(60):  # bounded: each run drains some, then dies
        if queue_count(sandbox) == 0:
            break
        out = tmp_path / f"out-{run}.jsonl"
        outputs.append(out)
        final = run == 59 or len(queue) < 300
        extra = ("--idle-exit", "1", "--receive-timeout", "5") if final else ()
        with open(out, "wb") as handle:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "greenconsole",
                    *receive_args(sandbox.url, "--delete", "--journal", str(journal), *extra),
                ],
                stdout=handle,
                stderr=subprocess.DEVNULL,
                env=cli_env(),
            )
            if final:
                assert proc.wait(120) == 0
                continue
            deadline = time.monotonic() + 30
            while out.stat().st_size == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.4))  # die at an arbitrary point of the stream
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
    assert queue_count(sandbox) == 0
    assert len(outputs) >= 5  # it was really killed several times
    printed = set()
    for out in outputs:
        for line in out.read_bytes().splitlines():
            with contextlib.suppress(ValueError):  # a line cut by the kill (not deleted then)
                printed.add(json.loads(line)["body"]["idMessage"])
    deleted = {f"MSG{receipt - 1:06d}" for receipt in queue.deleted}  # receipts 1..N in order
    assert len(deleted) == N
    assert deleted <= printed  # every notification deleted on the server reached stdout
    with sqlite3.connect(journal) as db:
        journaled = {row[0] for row in db.execute("SELECT id_message FROM captures")}
    assert deleted <= journaled
