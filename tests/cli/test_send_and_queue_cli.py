"""`greenconsole send`, `count` and `clear` as processes against the sandbox."""

from __future__ import annotations

import json

from tests.support import INSTANCE, assert_clean, body, drain_queue, queue_count, run_cli


def test_send_json_lines_in_order_with_count(sandbox, tmp_path):
    source = tmp_path / "bodies.jsonl"
    source.write_text(
        "\n".join(json.dumps(body(n), ensure_ascii=False) for n in range(3)) + "\n\n",
        encoding="utf-8",
    )
    proc = run_cli("send", "--webhook-url", sandbox.webhook_url, str(source), "--count", "2")
    assert proc.returncode == 0, proc.stderr
    assert drain_queue(sandbox) == [body(n) for n in range(3)] * 2


def test_send_one_object_from_stdin(sandbox):
    proc = run_cli(
        "send",
        "--webhook-url",
        sandbox.webhook_url,
        "-",
        stdin=json.dumps(body(1), indent=2).encode(),
    )
    assert proc.returncode == 0
    assert drain_queue(sandbox) == [body(1)]


def test_invalid_json_names_the_line_and_sends_nothing(sandbox, tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps(body(1)) + "\n" + '{"typeWebhook": \n', encoding="utf-8")
    proc = run_cli("send", "--webhook-url", sandbox.webhook_url, str(source))
    assert proc.returncode == 2
    assert "line 2" in proc.stderr.decode() and proc.stderr.decode().count("\n") == 1
    assert queue_count(sandbox) == 0


def test_a_refused_body_stops_the_send_and_says_how_many_went(sandbox):
    lines = [json.dumps(body(1)), json.dumps({"typeWebhook": "x"}), json.dumps(body(3))]
    proc = run_cli(
        "send", "--webhook-url", sandbox.webhook_url, "-", stdin="\n".join(lines).encode()
    )
    assert proc.returncode == 1
    assert "body 2" in proc.stderr.decode() and "sent 1 of 3" in proc.stderr.decode()
    assert drain_queue(sandbox) == [body(1)]


def test_count_and_clear(sandbox):
    run_cli(
        "send",
        "--webhook-url",
        sandbox.webhook_url,
        "-",
        stdin=json.dumps([body(1), body(2)]).encode(),
    )
    args = ("--api-url", sandbox.url, "--instance", str(INSTANCE))
    proc = run_cli("count", *args)
    assert proc.returncode == 0 and proc.stdout.strip() == b"2"
    proc = run_cli("clear", *args)
    assert proc.returncode == 0 and queue_count(sandbox) == 0
    assert_clean(proc)
    proc = run_cli("clear", *args)
    assert proc.returncode == 1
    assert "Too many requests (allowed again in " in proc.stderr.decode()
    proc = run_cli("count", *args, token="bad")
    assert proc.returncode == 1 and "apiTokenInstance" in proc.stderr.decode()
    assert_clean(proc, "bad")
