"""`receive` never reads "queue drained" into a failing server."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from tests.support import (
    ScriptedServer,
    cli_env,
    ok,
    receive_args,
    run_cli,
    start_cli,
    status,
    stream,
)

NOTE = '{"receiptId": 1, "body": {"typeWebhook": "incomingMessageReceived", "idMessage": "LATE"}}'


def test_idle_exit_does_not_count_an_outage():
    script = [status(503, "down")] * 4 + [ok(NOTE)]  # ≥ 3.7 s of backoff, then a notification
    with ScriptedServer(script, only="receiveNotification") as server:
        proc = run_cli(*receive_args(server.url, "--delete", "--idle-exit", "1"))
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["body"]["idMessage"] for line in proc.stdout.splitlines()] == ["LATE"]
    assert proc.stderr.count(b"HTTP 503") == 4


def test_a_run_stopped_while_the_server_fails_exits_75():
    with ScriptedServer([], idle=status(500, "down")) as server:
        proc = start_cli(*receive_args(server.url, "--idle-exit", "1", "--no-journal"))
        first = proc.stderr.readline()  # running (however slow the start): the first fault
        time.sleep(2.5)  # the idle clock must not run out meanwhile
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=5)
    assert proc.returncode == 75
    assert b"HTTP 500" in first and b"ended while the server was failing" in err
    assert out == b""


def test_sigterm_ends_a_run_fed_endless_answers_within_2_s():
    endless = stream(b"x" * 65536, repeat=1_000_000)  # 64 GiB if read to the end
    with ScriptedServer([], idle=endless) as server:
        proc = start_cli(*receive_args(server.url, "--delete"))
        first = proc.stderr.readline()  # running: an answer was cut at the size cap (however
        time.sleep(0.5)  # slow the start on a loaded machine), and more are being read
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=5)
    assert time.monotonic() - started < 2
    assert proc.returncode == 75  # ended while the server's answers were faults
    assert b"larger than" in first and out == b""
    assert b"Traceback" not in err


def test_a_full_stdout_stops_with_74_and_deletes_nothing():
    with ScriptedServer([ok(NOTE)], only="receiveNotification") as server:
        with open("/dev/full", "wb") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "greenconsole", *receive_args(server.url, "--delete")],
                stdout=full,
                stderr=subprocess.PIPE,
                env=cli_env(),
                timeout=30,
            )
        deletes = server.paths("DELETE")
    assert proc.returncode == 74, proc.stderr
    assert b"No space left on device" in proc.stderr and b"Traceback" not in proc.stderr
    assert deletes == []  # not printed, so not deleted
