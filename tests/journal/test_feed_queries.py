"""What the paged feed asks the journal: a session's ids, a message's statuses, the statuses
"Group statuses" folds, the deletes to retry, all within one instance."""

from __future__ import annotations

from greenconsole.journal.store import Journal
from greenconsole.protocol.notification import Notification
from greenconsole.templates import fill, templates

A, B = 1101000001, 1101000002
OUTGOING = templates()["outgoingAPIMessageReceived · text"]
STATUS = templates()["outgoingMessageStatus"]


def status(instance: int, id_message: str, name: str) -> dict:
    return {**fill(STATUS, instance, id_message), "status": name}


def test_ids_statuses_folding_and_failed_deletes_stay_in_their_instance(tmp_path):
    journal = Journal(tmp_path / "j.sqlite3")
    a, b = (journal.start_session(i, "http://x", "window") for i in (A, B))
    bodies = [
        (a, A, fill(OUTGOING, A, "M1")),
        (a, A, status(A, "M1", "sent")),
        (b, B, status(B, "M1", "read")),  # the same idMessage on another instance
        (a, A, status(A, "M2", "failed")),  # its message was never captured
        (a, A, status(A, "M1", "delivered")),
    ]
    ids = [
        journal.record(s, i, Notification(n + 1, body)).id for n, (s, i, body) in enumerate(bodies)
    ]
    journal.mark_deleted(ids[3], False)

    assert list(journal.capture_ids(A, session=a)) == [ids[0], ids[1], ids[3], ids[4]]
    assert list(journal.capture_ids(A, before=ids[3])) == [ids[0], ids[1]]
    assert journal.last_session_id(B) == b
    assert journal.statuses(A, ["M1", "M9"]) == {"M1": ["status: sent", "status: delivered"]}
    assert journal.failed_deletes(A, ids[0]) == [(ids[3], 4)]
    journal.flush()
    reader = journal.reader()
    assert reader.folded_statuses(A) == {ids[1], ids[4]}  # M2's status stays on its own row
    assert reader.folded_statuses(B) == set()
    reader.close()
    journal.close()
