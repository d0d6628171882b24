"""`greenconsole receive --format events`: the window's drain protocol, as a process — one JSON
line per event, typed errors that survive the pipe, stdin's end as Stop."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from greenconsole import capture_events
from greenconsole.journal.store import Journal
from greenconsole.protocol.errors import TransientError
from tests.support import (
    INSTANCE,
    TOKEN,
    ScriptedServer,
    body,
    cli_env,
    ok,
    post_all,
    queue_count,
    receive_args,
    run_cli,
    status,
)


def start_events(url: str, journal, *extra: str) -> subprocess.Popen:
    args = receive_args(url, "--format", "events", "--journal", str(journal), *extra)
    return subprocess.Popen(
        [sys.executable, "-m", "greenconsole", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
    )


def read_until(proc: subprocess.Popen, done) -> list[dict]:
    lines: list[dict] = []
    while not done(lines):
        line = proc.stdout.readline()
        assert line, f"ended early: {proc.stderr.read()[-500:]!r}"
        lines.append(json.loads(line))
    return lines


def test_each_event_is_a_line_and_the_end_of_stdin_stops_the_run(sandbox, tmp_path):
    journal = tmp_path / "journal.sqlite3"
    post_all(sandbox, [body(n) for n in range(5)])
    proc = start_events(sandbox.url, journal, "--delete", "--receive-timeout", "60")
    lines = read_until(proc, lambda got: sum(x["event"] == "deleted" for x in got) == 5)
    started = time.monotonic()
    proc.stdin.close()  # the window closed it (or died): stop, mid long poll
    rest = [json.loads(line) for line in proc.stdout]
    assert proc.wait(10) == 0 and time.monotonic() - started < 3
    assert rest[-1]["event"] == "stopped" and "error" not in rest[-1]
    received = [line for line in lines if line["event"] == "received"]
    deleted = [line for line in lines if line["event"] == "deleted"]
    assert [line["body"]["idMessage"] for line in received] == [f"MSG{n:06d}" for n in range(5)]
    assert [line["capture"] for line in deleted] == [line["capture"]["id"] for line in received]
    assert all(line["result"] is True for line in deleted)
    assert queue_count(sandbox) == 0
    output = b"".join([json.dumps(lines).encode(), proc.stderr.read()])
    assert TOKEN.encode() not in output
    with Journal(journal) as kept:  # each capture before its line; the session is the window's
        captures = kept.captures(kept.capture_ids(INSTANCE))
        assert [c.id for c in captures] == [line["capture"]["id"] for line in received]
        assert all(c.handed and c.deleted for c in captures)
    sources = sqlite3.connect(journal).execute("SELECT source FROM sessions").fetchall()
    assert sources == [("window",)]


def test_errors_keep_their_type_across_the_pipe(tmp_path):
    answer = json.dumps({"receiptId": 1, "body": body(1)})
    with ScriptedServer([status(503, "busy"), ok(answer), ok('{"result": true}')]) as server:
        proc = start_events(server.url, tmp_path / "j.sqlite3", "--delete", "--max", "1")
        lines = read_until(proc, lambda got: got and got[-1]["event"] == "stopped")
        assert proc.wait(10) == 0
    retrying = next(line for line in lines if line["event"] == "retrying")
    event = capture_events.decode(retrying)
    assert isinstance(event.error, TransientError) and event.error.status == 503
    assert event.delay > 0 and "503" in str(event.error)
    assert [line["event"] for line in lines if line["event"] in ("received", "deleted")] == [
        "received",
        "deleted",
    ]


def test_events_name_journal_captures_so_no_journal_is_refused(sandbox):
    proc = run_cli(*receive_args(sandbox.url, "--format", "events", "--no-journal"))
    assert proc.returncode == 2
    assert b"--format events" in proc.stderr and b"--no-journal" in proc.stderr


PARENT = """
import subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
print(child.pid, flush=True)
sys.stdin.read()
"""


def test_a_drain_whose_reader_is_killed_stops_instead_of_polling_on(sandbox, tmp_path):
    args = receive_args(sandbox.url, "--delete", "--format", "events", "--receive-timeout", "60")
    command = [sys.executable, "-m", "greenconsole", *args, "--journal", str(tmp_path / "j")]
    parent = subprocess.Popen(  # the window, in short: it holds the drain's stdin
        [sys.executable, "-c", PARENT, *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=cli_env(),
    )
    child = int(parent.stdout.readline())
    time.sleep(1.0)  # the drain is up, waiting in a long poll
    parent.kill()  # kill -9: nothing closes anything on purpose
    parent.wait(10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and Path(f"/proc/{child}").exists():
        if Path(f"/proc/{child}/stat").read_text().split()[2] == "Z":
            break  # ended; only its exit status is left for nobody to read
        time.sleep(0.05)
    else:
        assert not Path(f"/proc/{child}").exists(), "the drain polls on without its reader"
