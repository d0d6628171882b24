"""`greenconsole probe` against the sandbox: latencies, lost/altered detection, blocked queues."""

from __future__ import annotations

import re

from greenconsole.protocol.probe import differences, percentile, probe_body
from tests.support import INSTANCE, body, post_all, queue_count, run_cli


def probe(sandbox, *extra):
    return run_cli(
        "probe",
        "--api-url",
        sandbox.url,
        "--instance",
        str(INSTANCE),
        "--webhook-url",
        sandbox.webhook_url,
        *extra,
    )


def test_probes_round_trip_and_report_percentiles(sandbox):
    proc = probe(sandbox, "--count", "5")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert len(re.findall(r"^probe \d: [\d.]+ ms$", out, re.M)) == 5
    assert re.search(r"^p50 [\d.]+ ms  p95 [\d.]+ ms  max [\d.]+ ms  \(5 of 5 seen\)$", out, re.M)
    assert queue_count(sandbox) == 0


def test_a_foreign_head_blocks_probes_and_is_not_deleted(sandbox):
    post_all(sandbox, [body(1)])
    proc = probe(sandbox, "--count", "1")
    assert proc.returncode == 1
    assert "queue blocked" in proc.stderr.decode() and "receipt" in proc.stderr.decode()
    assert "nothing was sent" in proc.stderr.decode()
    assert queue_count(sandbox) == 1  # the foreign head stays; no probe was left behind it


def test_differences_name_every_changed_path():
    sent = probe_body(1)
    received = {**sent, "timestamp": str(sent["timestamp"]), "extra": 1}
    del received["senderData"]
    received["messageData"] = {**sent["messageData"], "typeMessage": "extendedTextMessage"}
    assert differences(sent, received) == [
        "body.extra: added",
        "body.messageData.typeMessage: changed",
        "body.senderData: missing",
        "body.timestamp: changed",
    ]
    assert differences(sent, dict(sent)) == []


def test_percentiles_use_the_nearest_rank():
    values = [float(n) for n in range(1, 11)]
    assert percentile(values, 0.5) == 5.0 and percentile(values, 0.95) == 10.0
    assert percentile([3.0], 0.95) == 3.0
