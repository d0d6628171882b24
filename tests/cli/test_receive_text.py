"""`receive --format text` and `export --format text`: one human line per notification."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx

from greenconsole import jsontext
from greenconsole.templates import fill, templates
from tests.support import (
    INSTANCE,
    TOKEN,
    ScriptedServer,
    assert_clean,
    body,
    capture,
    cli_env,
    ok,
    post_all,
    queue_count,
    receive_args,
    run_cli,
)
from tests.test_summary import EXPECTED

T0 = 1_764_200_000


def text_receive(url: str, *extra: str):
    return run_cli(*receive_args(url, "--format", "text", *extra))


def test_every_template_is_one_line_with_time_receipt_type_chat_and_its_key_words(sandbox):
    names = list(templates())
    bodies = [
        fill(templates()[name], INSTANCE, f"ID{n:04d}", T0 + n) for n, name in enumerate(names)
    ]
    post_all(sandbox, bodies)
    proc = text_receive(sandbox.url, "--delete", "--max", str(len(bodies)), "--no-journal")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode("utf-8").split("\n")
    assert lines.pop() == "" and len(lines) == len(names)
    for n, (name, line, sent) in enumerate(zip(names, lines, bodies, strict=True)):
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(T0 + n))
        fields = line.split()
        assert line.startswith(f"{when}  {n + 1}  {sent['typeWebhook']} "), line
        assert EXPECTED[name] in line, (name, line)
        sender = sent.get("senderData") or {}
        chat = sender.get("chatId") or sent.get("chatId") or sent.get("from") or "-"
        assert fields[4] == chat, (name, line)
    assert queue_count(sandbox) == 0
    assert_clean(proc)


def post_raw(sandbox, item: dict) -> None:
    """POST a body as JSON text with lone surrogates escaped (httpx's json= would refuse them)."""
    content = jsontext.dumps(item).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    httpx.post(sandbox.webhook_url, content=content, headers=headers).raise_for_status()


def odd(n: int, text: str, chat: str = "79001112233@c.us") -> dict:
    item = body(n)
    item["senderData"]["chatId"] = chat
    item["messageData"]["textMessageData"]["textMessage"] = text
    return item


def test_odd_characters_are_escaped_and_a_line_stays_one_line(sandbox):
    for item in (
        odd(1, "\u202eevil.exe", chat="\u202e79001112233@c.us"),
        odd(2, "\u200b\u200b"),
        odd(3, "half \ud83d emoji, whole 👩\u200d💻"),
        odd(4, "two\nlines\r\u2028and a \\ backslash"),
        odd(5, f"the token {TOKEN} pasted into a chat"),
    ):
        post_raw(sandbox, item)
    proc = text_receive(sandbox.url, "--delete", "--max", "5", "--no-journal")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")  # strict: valid UTF-8, no half emoji
    lines = text.split("\n")[:-1]
    assert len(lines) == 5
    assert "\u202e" not in text and "\u200b" not in text and "\u2028" not in text
    assert "\\u202e79001112233@c.us  \\u202eevil.exe" in lines[0]
    assert lines[1].endswith("  \\u200b\\u200b")
    assert lines[2].endswith("half \\ud83d emoji, whole 👩\u200d💻")
    assert lines[3].endswith("two\\nlines\\r\\u2028and a \\\\ backslash")
    assert lines[4].endswith("the token *** pasted into a chat")
    assert_clean(proc)


def test_a_long_text_is_cut_after_the_token_is_hidden(sandbox):
    post_raw(sandbox, odd(1, "x" * 170 + f" {TOKEN}"))  # the 200th character is in the token
    proc = text_receive(sandbox.url, "--delete", "--max", "1", "--no-journal")
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.decode("utf-8").rstrip("\n")
    assert line.endswith("x ***")  # hidden whole, then short enough: nothing cut
    assert TOKEN[:10] not in line  # cut first, the token's start would be left unmasked
    assert_clean(proc)


def test_without_delete_the_head_is_printed_once_and_stays_queued(sandbox):
    post_all(sandbox, [body(1), body(2)])
    proc = text_receive(sandbox.url, "--max", "1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").count("\n") == 1 and "сообщение 1 ✅" in proc.stdout.decode()
    assert queue_count(sandbox) == 2


def test_export_as_text_masks_phone_numbers_before_cutting(sandbox, tmp_path):
    journal = tmp_path / "journal.sqlite3"
    long_text = "y" * 190 + " +79005556677"  # the number straddles the 200th character
    capture(sandbox, journal, [odd(1, "\u202ehi"), odd(2, long_text)])
    proc = run_cli("export", "--journal", str(journal), "--format", "text")
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.decode("utf-8").splitlines()
    assert "  1  incomingMessageReceived " in first
    assert first.endswith("  7900•••2233@c.us  \\u202ehi")
    assert second.endswith(" +7900•••6…") and "555" not in second  # cut first, it would leak


def test_a_line_that_could_not_be_printed_is_not_deleted():
    note = jsontext.dumps({"receiptId": 1, "body": body(1)})
    with ScriptedServer([ok(note)], only="receiveNotification") as server:
        args = receive_args(server.url, "--delete", "--format", "text", "--no-journal")
        with open("/dev/full", "wb") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "greenconsole", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                env=cli_env(),
                timeout=30,
            )
        deletes = server.paths("DELETE")
    assert proc.returncode == 74, proc.stderr
    assert deletes == []  # the line is flushed before the delete is sent: not printed, not deleted
