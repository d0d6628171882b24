"""A 20 MB notification: taken by the sandbox, received and journaled whole, deleted."""

from __future__ import annotations

import json

import httpx

from greenconsole.journal.store import Journal
from tests.support import INSTANCE, body, queue_count, receive_args, run_cli


def test_a_20_mb_notification_is_received_and_journaled_whole(sandbox, tmp_path):
    made = body(1, caption="hello привет " * 1_100_000)  # 14 M characters, 21 MB of UTF-8
    posted = httpx.post(sandbox.webhook_url, content=json.dumps(made, ensure_ascii=False))
    assert posted.status_code == 200, posted.text
    journal_path = tmp_path / "journal.sqlite3"
    proc = run_cli(
        *receive_args(sandbox.url, "--delete", "--max", "1", "--journal", str(journal_path))
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["body"] == made  # printed whole
    assert queue_count(sandbox) == 0  # and deleted
    journal = Journal(journal_path)
    captures = journal.session_captures(journal.last_session_id(INSTANCE))
    assert json.loads(journal.raw(captures[0].id))["body"] == made  # the journal keeps it all
    journal.close()
