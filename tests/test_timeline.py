"""Status timelines built from journal entries."""

from __future__ import annotations

from greenconsole.timeline import build_timeline


def status(name: str, at: int, id_message: str = "M") -> dict:
    return {
        "typeWebhook": "outgoingMessageStatus",
        "idMessage": id_message,
        "status": name,
        "timestamp": at,
    }


def test_statuses_are_ordered_by_their_time_with_gaps_from_the_message():
    message = {"typeWebhook": "outgoingMessageReceived", "idMessage": "M", "timestamp": 100}
    entries = [
        (4, 5.0, status("read", 130)),  # arrived before "delivered": the queue is not ordered
        (1, 1.0, message),
        (2, 2.0, status("sent", 101)),
        (3, 3.0, status("delivered", 110)),
        (5, 6.0, status("sent", 999, "OTHER")),
    ]
    timeline = build_timeline("M", entries)
    assert not timeline.orphan and timeline.sent_at == 100
    assert [(s.status, s.gap) for s in timeline.steps] == [
        ("sent", 1.0),
        ("delivered", 9.0),
        ("read", 20.0),
    ]


def test_a_status_without_its_message_is_an_orphan_and_failures_are_problems():
    timeline = build_timeline("M", [(1, 50.0, {**status("failed", 0), "timestamp": None})])
    assert timeline.orphan
    (step,) = timeline.steps
    assert step.problem and step.at == 50.0 and step.gap is None  # no timestamp: received time


def test_early_and_skipped_statuses_and_a_failure_description_are_told():
    message = {"typeWebhook": "outgoingAPIMessageReceived", "idMessage": "M", "timestamp": 100}
    failed = {**status("failed", 102), "description": "phone unreachable"}
    timeline = build_timeline("M", [(1, 1.0, status("sent", 101)), (2, 2.0, message)])
    assert timeline.early == ["sent"] and timeline.missing == []
    timeline = build_timeline("M", [(1, 1.0, message), (2, 2.0, status("read", 130))])
    assert timeline.early == [] and timeline.missing == ["sent", "delivered"]
    timeline = build_timeline("M", [(1, 1.0, message), (2, 2.0, failed)])
    assert timeline.missing == [] and timeline.steps[0].detail == "phone unreachable"
    huge = {**failed, "description": "<b>x</b>" * 100_000}
    assert len(build_timeline("M", [(1, 1.0, huge)]).steps[0].detail) == 301
