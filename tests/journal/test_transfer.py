"""Export → import round trip, bad import files, replay order and pace."""

from __future__ import annotations

import io
import json
import stat
import time

import pytest

from greenconsole.journal import transfer
from greenconsole.journal.transfer import Exported, ImportFileError, parse_import, read_input
from tests.support import INSTANCE, TOKEN, body, capture, drain_queue, queue_count, run_cli


def test_exports_mask_phone_numbers_unless_asked_not_to(sandbox, tmp_path):
    journal = tmp_path / "j.sqlite3"
    capture(sandbox, journal, [body(1)])
    masked = run_cli("export", "--journal", str(journal)).stdout.decode()
    assert "79001234567" not in masked and "7900•••4567@c.us" in masked
    clear = run_cli("export", "--journal", str(journal), "--no-redact").stdout.decode()
    assert "79001234567@c.us" in clear


def test_export_import_round_trip_keeps_unicode_emoji_and_big_bodies(sandbox, tmp_path):
    journal = tmp_path / "j.sqlite3"
    bodies = [body(1), body(2, note="эмодзи 🎉👍🏽 中文 \u2028 tab\t"), body(3, blob="x" * 500_000)]
    capture(sandbox, journal, bodies)
    for fmt in ("jsonl", "json"):
        target = tmp_path / f"out.{fmt}"
        proc = run_cli(
            "export", "--journal", str(journal), "--format", fmt, "-o", str(target), "--no-redact"
        )
        assert proc.returncode == 0, proc.stderr
        text = target.read_text(encoding="utf-8")
        assert "🎉👍🏽" in text and TOKEN not in text
        items = parse_import(text, str(target))
        assert [item.body for item in items] == bodies
        assert [item.receipt_id for item in items] == [1, 2, 3]
        assert all(abs(item.received_at - time.time()) < 60 for item in items)
    stdout = run_cli("export", "--journal", str(journal), "--instance", str(INSTANCE)).stdout
    assert stdout.decode().count("\n") == 3
    assert run_cli("export", "--journal", str(journal), "--instance", "999").stdout == b""


def test_export_files_are_readable_by_their_owner_only(sandbox, tmp_path):
    journal, clear, masked = tmp_path / "j.sqlite3", tmp_path / "clear.jsonl", tmp_path / "m.json"
    capture(sandbox, journal, [body(1)])
    masked.write_text("an older file, 0644", "utf-8")
    masked.chmod(0o644)
    for target, extra in ((clear, ["--no-redact"]), (masked, ["--format", "json"])):
        proc = run_cli("export", "--journal", str(journal), "-o", str(target), *extra)
        assert proc.returncode == 0, proc.stderr
        assert stat.S_IMODE(target.stat().st_mode) == 0o600, target
    assert "79001234567@c.us" in clear.read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ('{"body": {"typeWebhook": "a"}}\n{oops\n{"receiptId": 1}\n', ["line 2", "line 3"]),
        ('[{"body": {"typeWebhook": "a"}}, 5]', ["item 2"]),
        ('[{"body": {}}, ', ["line 1"]),
        ('{"receiptId": "x", "body": {}}', ["receiptId"]),
        ('{"receivedAt": "yesterday", "body": {}}', ["receivedAt"]),
        ("\n\n", ["no notification"]),
        ('{"body": {}}\n{"body": {"n": NaN}}\n', ["line 2", "NaN is not JSON"]),
        ('{"body": {}}\n\n{"body": {}, "body": {}}\n', ["line 3", 'duplicate key "body"']),
        ('[\n{"body": {}},\n{"body": {"a": Infinity}}\n]', ["Infinity is not JSON"]),
    ],
)
def test_bad_import_files_name_the_lines_and_import_nothing(text, reported):
    with pytest.raises(ImportFileError) as raised:
        parse_import(text, "f.jsonl")
    for word in reported:
        assert word in str(raised.value)


def test_import_accepts_bare_bodies_and_epoch_times():
    items = parse_import(
        '{"typeWebhook": "x", "a": 1}\n'
        '{"receiptId": 5, "receivedAt": 1700000000.5, "body": {"b": 2}}\n',
        "f",
    )
    assert items[0].body == {"typeWebhook": "x", "a": 1} and items[0].receipt_id is None
    assert items[1] == Exported(5, 1700000000.5, {"b": 2})


def test_replay_posts_in_order_and_a_bad_file_posts_nothing(sandbox, tmp_path):
    lines = [
        json.dumps({"receiptId": n, "receivedAt": 1700000000 + n, "body": body(n)})
        for n in range(20)
    ]
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(lines), encoding="utf-8")
    proc = run_cli("replay", str(good), "--webhook-url", sandbox.webhook_url)
    assert proc.returncode == 0, proc.stderr
    assert drain_queue(sandbox) == [body(n) for n in range(20)]

    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([*lines[:5], "{broken", *lines[5:]]), encoding="utf-8")
    proc = run_cli("replay", str(bad), "--webhook-url", sandbox.webhook_url)
    assert proc.returncode == 2 and "line 6" in proc.stderr.decode()
    assert queue_count(sandbox) == 0


def test_replay_refuses_a_masked_export_unless_allowed(sandbox, tmp_path):
    journal = tmp_path / "j.sqlite3"
    capture(sandbox, journal, [body(1), body(2)])
    exported = tmp_path / "masked.jsonl"
    run_cli("export", "--journal", str(journal), "-o", str(exported))  # masked by default
    proc = run_cli("replay", str(exported), "--webhook-url", sandbox.webhook_url)
    assert proc.returncode == 2
    line = proc.stderr.decode().strip()
    assert "\n" not in line and "notification 1: body.instanceData.wid is masked" in line
    assert queue_count(sandbox) == 0  # nothing half done
    proc = run_cli("replay", str(exported), "--webhook-url", sandbox.webhook_url, "--allow-masked")
    assert proc.returncode == 0 and queue_count(sandbox) == 2


def test_replay_original_pace_keeps_the_gaps(sandbox, tmp_path):
    items = [
        {"receiptId": n, "receivedAt": 1700000000 + n * 0.6, "body": body(n)} for n in range(3)
    ]
    source = tmp_path / "paced.json"
    source.write_text(json.dumps(items), encoding="utf-8")
    started = time.monotonic()
    proc = run_cli(
        "replay", str(source), "--webhook-url", sandbox.webhook_url, "--pace", "original"
    )
    assert proc.returncode == 0
    assert time.monotonic() - started >= 1.2
    assert drain_queue(sandbox) == [body(n) for n in range(3)]


def test_input_is_read_capped_and_checked_as_utf8_with_its_line(monkeypatch):
    assert read_input(io.BytesIO(b"\xef\xbb\xbf{}\n"), "f") == "{}\n"
    with pytest.raises(ImportFileError, match=r"^f: line 4: not UTF-8 \(byte 8\)$"):
        read_input(io.BytesIO(b"{}\n{}\n\n{\xff}"), "f")
    monkeypatch.setattr(transfer, "MAX_INPUT_BYTES", 1 << 20)
    with pytest.raises(ImportFileError, match=r"^f: larger than 1 MiB, nothing read$"):
        read_input(io.BytesIO(b" " * ((1 << 20) + 1)), "f")
    assert len(read_input(io.BytesIO(b" " * (1 << 20)), "f")) == 1 << 20


def test_a_single_pretty_document_and_an_array_are_read_whole():
    pretty = json.dumps({"receiptId": 4, "body": body(4)}, indent=2)
    assert [item.receipt_id for item in parse_import("\n" + pretty, "f")] == [4]
    with pytest.raises(ImportFileError, match="line 4 column"):
        parse_import('{\n  "receiptId": 4,\n  "body": {}\n  "x": 1\n}', "f")
