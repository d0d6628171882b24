"""`greenconsole receive --delete` against an emulator that misbehaves on purpose."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.sandbox.helpers import start_emulator, stop
from tests.sandbox.test_faults import post_concurrently
from tests.support import INSTANCE, TOKEN, run_cli

SPEC = "receive:500=20%,delete:502=10%,receive:429=5%"


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_receive_drains_2000_through_faults_nothing_lost_nothing_twice_in_order(tmp_path):
    proc, url = start_emulator(
        *("--instance", str(INSTANCE), "--faults", SPEC, "--latency", "5", "--seed", "3"),
        token=TOKEN,
    )
    try:
        posted = asyncio.run(post_concurrently(url, 2000))
        drained = run_cli(
            "receive",
            *("--api-url", url, "--instance", str(INSTANCE), "--delete"),
            *("--idle-exit", "2", "--receive-timeout", "5"),
            *("--journal", str(tmp_path / "journal.sqlite3")),
        )
    finally:
        stop(proc)
    assert drained.returncode == 0, drained.stderr[-500:]
    printed = [
        (item["receiptId"], item["body"]["idMessage"])
        for item in map(json.loads, drained.stdout.splitlines())
    ]
    assert printed == sorted(posted)  # every one, once, in order
    faults = drained.stderr.decode()
    assert "HTTP 500" in faults and "HTTP 502" in faults and "HTTP 429" in faults
    assert TOKEN not in faults
