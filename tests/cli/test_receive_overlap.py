"""`receive --delete` overlaps each delete with the next receive; `--no-overlap` does not."""

from __future__ import annotations

import json

from tests.protocol.adversarial import AdversarialQueue
from tests.support import assert_clean, receive_args, run_cli

COUNT = 30


def drain(server: AdversarialQueue, *extra: str, tmp_path) -> tuple[list[str], list[str]]:
    """Run `receive --delete --max COUNT` (journal on); (idMessages printed, stderr lines)."""
    journal = str(tmp_path / "journal.sqlite3")
    proc = run_cli(
        *receive_args(server.url, "--delete", "--max", str(COUNT), "--journal", journal, *extra)
    )
    assert proc.returncode == 0, proc.stderr
    assert_clean(proc)
    printed = [json.loads(line)["body"]["idMessage"] for line in proc.stdout.splitlines()]
    return printed, proc.stderr.decode().splitlines()


def test_a_server_answering_the_head_being_deleted_is_said_once_and_drained_in_order(tmp_path):
    with AdversarialQueue(COUNT, lambda k: True) as server:
        printed, err = drain(server, tmp_path=tmp_path)
        assert server.deletes == list(range(1, COUNT + 1))
    assert printed == [f"MSG{n:06d}" for n in range(1, COUNT + 1)]
    assert len(err) == 1 and "one request at a time from now on" in err[0], err


def test_no_overlap_never_has_two_requests_in_flight(tmp_path):
    with AdversarialQueue(COUNT, lambda k: True, slow_delete=0.01) as server:
        printed, err = drain(server, "--no-overlap", tmp_path=tmp_path)
        assert server.overlapped == 0 and server.echoes == 0
    assert len(printed) == COUNT and err == []


def test_overlap_sends_the_next_receive_while_the_delete_is_answered(tmp_path):
    with AdversarialQueue(COUNT, lambda k: False, slow_delete=0.01) as server:
        printed, err = drain(server, tmp_path=tmp_path)
        assert server.overlapped >= COUNT - 1 and server.echoes == 0
    assert printed == [f"MSG{n:06d}" for n in range(1, COUNT + 1)] and err == []
