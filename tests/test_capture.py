"""The capture core's own faults: a journal that is locked, full, or refuses; nothing is lost."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

from greenconsole.capture import CaptureCore
from greenconsole.journal.store import Journal, JournalBusyError
from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.receive_loop import EventKind, LoopAbort
from tests.support import INSTANCE, TOKEN, body, post_all, queue_count


async def drain(core: CaptureCore, until, timeout: float = 20):
    task = asyncio.ensure_future(core.run())
    deadline = time.monotonic() + timeout
    while not until() and not task.done() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    core.stop()
    return await asyncio.wait_for(task, 5)


async def test_a_journal_locked_by_another_process_is_waited_for(sandbox, tmp_path):
    path = tmp_path / "journal.sqlite3"
    post_all(sandbox, [body(n) for n in range(5)])
    journal = Journal(path, busy_timeout=0.1)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock for 1.5 s
    threading.Timer(1.5, lambda: other.execute("COMMIT")).start()
    seen, events = [], []
    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        core = CaptureCore(
            client,
            journal,
            lambda d: seen.append(d.notification.body["idMessage"]),
            source="cli",
            auto_delete=True,
            receive_timeout=5,
            on_event=events.append,
        )
        assert await drain(core, lambda: queue_count(sandbox) == 0) is None
    assert seen == [f"MSG{n:06d}" for n in range(5)]
    assert any(isinstance(e.error, JournalBusyError) for e in events)
    assert journal.count() == 5
    journal.close()


async def test_a_full_journal_stops_cleanly_and_deletes_nothing_unsaved(sandbox, tmp_path):
    post_all(sandbox, [body(n, pad="x" * 2000) for n in range(200)])
    journal = Journal(tmp_path / "journal.sqlite3")
    pages = journal._db.execute("PRAGMA page_count").fetchone()[0]
    journal._db.execute(f"PRAGMA max_page_count={pages + 40}")  # the disk fills up soon
    seen, events = [], []
    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        core = CaptureCore(
            client,
            journal,
            lambda d: seen.append(d.notification.receipt_id),
            source="cli",
            auto_delete=True,
            receive_timeout=5,
            on_event=events.append,
        )
        error = await drain(core, lambda: False)
    assert isinstance(error, LoopAbort) and "full" in str(error)
    assert events[-1].kind is EventKind.STOPPED
    saved = journal.count()
    assert 0 < saved < 200
    deleted = sandbox.state.instances[INSTANCE].deleted
    assert len(deleted) == len(seen) == saved  # only what was saved was handed and deleted
    assert queue_count(sandbox) == 200 - saved


async def test_the_last_capture_before_a_quiet_queue_is_noted_deleted_while_the_poll_waits(
    sandbox, tmp_path
):
    post_all(sandbox, [body(n) for n in range(3)])
    path = tmp_path / "journal.sqlite3"
    journal = Journal(path)
    reader = sqlite3.connect(path)  # what another process (the window, `export`) reads

    def undeleted() -> int:
        return reader.execute("SELECT count(*) FROM captures WHERE deleted IS NULL").fetchone()[0]

    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        core = CaptureCore(
            client, journal, lambda d: None, source="cli", auto_delete=True, receive_timeout=30
        )
        task = asyncio.ensure_future(core.run())
        deadline = time.monotonic() + 10
        while (journal.count() < 3 or undeleted()) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert not task.done()  # still in its 30 s long poll on the empty queue
        assert journal.count() == 3 and undeleted() == 0  # not "undeleted" until something comes
        core.stop()
        await asyncio.wait_for(task, 5)
    reader.close()
    journal.close()
