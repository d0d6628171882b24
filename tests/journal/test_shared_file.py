"""A journal shared with another process (a CLI run, the window's drain) stays shared: what the
other process commits is seen here while it runs, whatever this process opened meanwhile."""

from __future__ import annotations

import subprocess
import sys

from greenconsole.journal.store import Journal, JournalReader

WRITER = """
import sys
from greenconsole.journal.store import Journal
from greenconsole.protocol.notification import Notification
journal = Journal(sys.argv[1])
session = journal.start_session(7, "http://x", "cli")
for n in range(3):
    journal.record(session, 7, Notification(n, {"typeWebhook": "incomingMessageReceived"}))
print("written", flush=True)
sys.stdin.read()  # stays open (its WAL unmerged) until told to end
"""


def test_captures_of_another_process_are_seen_after_a_reader_was_opened_here(tmp_path):
    path = tmp_path / "journal.sqlite3"
    journal = Journal(path, autocheckpoint=False)  # the window's
    JournalReader.existing(path).close()  # e.g. the Doctor tab looked at it
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "written"
        assert journal.count() == 3
        with Journal(path) as again:  # a second writer here does not lose it either
            assert again.count() == 3
        assert len(journal.capture_ids(7)) == 3
    finally:
        writer.communicate("", timeout=30)
        journal.close()
