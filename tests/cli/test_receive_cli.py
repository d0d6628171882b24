"""`greenconsole receive` as a process, against the sandbox and a misbehaving server."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.support import (
    INSTANCE,
    TOKEN,
    Reply,
    ScriptedServer,
    assert_clean,
    body,
    ok,
    post_all,
    queue_count,
    receive_args,
    run_cli,
    start_cli,
    status,
)


def receive(url: str, *extra: str, token: str | None = TOKEN):
    return run_cli(*receive_args(url, *extra), token=token)


def lines(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


def test_delete_max_prints_each_notification_unchanged_and_empties_the_queue(sandbox):
    bodies = [body(n) for n in range(30)]
    post_all(sandbox, bodies)
    proc = receive(sandbox.url, "--delete", "--max", "30")
    assert proc.returncode == 0, proc.stderr
    assert [item["body"] for item in lines(proc)] == bodies
    assert "сообщение 0 ✅".encode() in proc.stdout  # non-ASCII text as is, not \u escapes
    assert queue_count(sandbox) == 0
    assert_clean(proc)


def test_without_delete_the_head_is_printed_once_and_stays_queued(sandbox):
    post_all(sandbox, [body(1), body(2)])
    proc = receive(sandbox.url, "--idle-exit", "2", "--receive-timeout", "5")
    assert proc.returncode == 0
    assert [item["body"]["idMessage"] for item in lines(proc)] == ["MSG000001"]
    assert queue_count(sandbox) == 2


def test_idle_exit_on_an_empty_queue(sandbox):
    started = time.monotonic()
    proc = receive(sandbox.url, "--idle-exit", "1", "--receive-timeout", "60")
    assert proc.returncode == 0 and proc.stdout == b""
    assert time.monotonic() - started < 5


def test_wrong_token_and_wrong_instance_exit_non_zero_with_one_line(sandbox):
    for args, token, word in (
        ((), "wrong-token", "apiTokenInstance"),
        (("--instance", "1"), TOKEN, "idInstance"),
    ):
        started = time.monotonic()
        proc = run_cli(
            "receive", "--api-url", sandbox.url, "--instance", str(INSTANCE), *args, token=token
        )
        assert proc.returncode != 0
        assert time.monotonic() - started < 5
        err = proc.stderr.decode().strip()
        assert err.count("\n") == 0 and word in err
        assert_clean(proc, token)


def test_survives_a_misbehaving_server_with_a_line_per_fault():
    script = [
        status(500, "boom"),
        status(429, "slow down", **{"Retry-After": "1"}),
        Reply(kind="truncated", body=b'{"receiptId": 1, "body": {"typeWebhook": "x'),
        Reply(kind="reset"),
        ok('{"body": {"typeWebhook": "incomingMessageReceived"}}'),
        ok('{"receiptId": 1, "body": {"typeWebhook": "incomingMessageReceived", "n": 1}}'),
        ok('{"result": true}'),
        ok('{"receiptId": 2, "body": {"typeWebhook": "incomingMessageReceived", "n": 2}}'),
        ok('{"result": true}'),
    ]
    with ScriptedServer(script) as server:
        started = time.monotonic()
        proc = receive(server.url, "--delete", "--max", "2")
        elapsed = time.monotonic() - started
        deletes = server.paths("DELETE")
    assert proc.returncode == 0, proc.stderr
    assert [item["receiptId"] for item in lines(proc)] == [1, 2]
    assert [p.rsplit("/", 1)[1] for p in deletes] == ["1", "2"]
    err = proc.stderr.decode().splitlines()
    assert len(err) == 5, err  # one short line per fault
    assert "HTTP 500" in err[0] and "HTTP 429" in err[1] and "retrying in 1.0 s" in err[1]
    assert "receiptId" in err[4]
    assert elapsed < 20
    assert_clean(proc)


def test_a_delete_without_an_answer_is_named_and_done_again_when_the_head_comes_back():
    """Before: only "HTTP 500 — retrying" was said; which receipt's delete was left undone, not."""
    head = ok('{"receiptId": 1, "body": {"typeWebhook": "incomingMessageReceived", "n": 1}}')
    script = [head, status(500, "boom"), head, ok('{"result": true}')]
    with ScriptedServer(script) as server:
        proc = receive(server.url, "--delete", "--no-overlap", "--max", "1")
        deletes = server.paths("DELETE")
    assert proc.returncode == 0, proc.stderr
    assert [item["receiptId"] for item in lines(proc)] == [1]  # handed over once
    assert [p.rsplit("/", 1)[1] for p in deletes] == ["1", "1"]
    err = proc.stderr.decode().splitlines()
    assert err[0].startswith("delete 1: no answer (") and "HTTP 500" in err[0], err
    assert "not known to be deleted; deleted again if it comes back" in err[0]
    assert_clean(proc)


def test_stops_on_401_after_transient_faults():
    with ScriptedServer([status(503), status(401, '{"error": "Unauthorized"}')]) as server:
        proc = receive(server.url, "--delete")
    assert proc.returncode == 1
    assert "apiTokenInstance" in proc.stderr.decode().splitlines()[-1]
    assert_clean(proc)


def test_missing_token_and_bad_options_are_one_line_errors(sandbox):
    cases = [
        ((), None, "GREEN_API_TOKEN"),
        (("--receive-timeout", "3"), TOKEN, "--receive-timeout"),
        (("--max", "0"), TOKEN, "--max"),
    ]
    for extra, token, field in cases:
        proc = receive(sandbox.url, *extra, token=token)
        assert proc.returncode == 2
        assert field in proc.stderr.decode() and proc.stderr.decode().count("\n") == 1
    proc = run_cli("receive", "--api-url", "nope", "--instance", "1")
    assert proc.returncode == 2 and "--api-url" in proc.stderr.decode()
    proc = run_cli("receive", "--api-url", sandbox.url, "--instance", "12x")
    assert proc.returncode == 2 and "--instance: expected digits" in proc.stderr.decode()


def test_sigterm_stops_a_running_receive_cleanly(sandbox):
    proc = start_cli(*receive_args(sandbox.url, "--receive-timeout", "60"))
    time.sleep(1.5)
    proc.terminate()
    assert proc.wait(3) == 0
    assert b"Traceback" not in proc.stderr.read()


def test_the_receive_command_imports_neither_qt_nor_the_sandbox_server(sandbox):
    code = (
        "import sys; from greenconsole.cli import main; "
        f"rc = main(['receive', '--api-url', '{sandbox.url}', '--instance', '{INSTANCE}', "
        "'--idle-exit', '0.5']); "
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'qasync'))], 'Qt'; "
        "assert 'aiohttp.web' not in sys.modules, 'the sandbox server'; "
        "sys.exit(rc)"
    )
    from tests.support import cli_env

    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=cli_env(), timeout=30
    )
    assert proc.returncode == 0, proc.stderr


def test_building_the_command_line_loads_no_network_stack():
    """`greenconsole --version` and every usage error stay fast: aiohttp (~0.15 s) and Qt load
    only when a command needs them."""
    code = (
        "import sys; from greenconsole.cli import build_parser; build_parser(); "
        "heavy = [m for m in ('aiohttp', 'PySide6', 'qasync') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
