"""Message status timelines: an outgoing message and the outgoingMessageStatus notifications
that refer to it by idMessage (sent → delivered → read, or failed / noAccount / …). No Qt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

OUTGOING_TYPES = frozenset({"outgoingMessageReceived", "outgoingAPIMessageReceived"})
STATUS_TYPE = "outgoingMessageStatus"
PROBLEM_STATUSES = frozenset({"failed", "noAccount", "notInGroup", "yellowCard"})
"""Statuses that mean the message did not reach its recipient (highlighted)."""


def has_timeline(type_webhook: str) -> bool:
    """True for the notifications a status timeline is shown for."""
    return type_webhook in OUTGOING_TYPES or type_webhook == STATUS_TYPE


@dataclass(frozen=True, slots=True)
class Step:
    """One status of the message."""

    status: str
    at: float
    gap: float | None
    """Seconds since the previous step (or since the message was sent); None if unknown."""
    receipt_id: int | None

    @property
    def problem(self) -> bool:
        """failed, noAccount, notInGroup or yellowCard."""
        return self.status in PROBLEM_STATUSES


@dataclass(slots=True)
class Timeline:
    """A message (None when it was never seen) and its statuses in time order."""

    id_message: str
    message: dict[str, Any] | None = None
    sent_at: float | None = None
    steps: list[Step] = field(default_factory=list)

    @property
    def orphan(self) -> bool:
        """True when statuses refer to a message the console never saw."""
        return self.message is None


def event_time(body: dict[str, Any], received_at: float) -> float:
    """The body's timestamp (seconds) when it has one, else when it was received."""
    stamp = body.get("timestamp")
    if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) and stamp > 0:
        return float(stamp)
    return received_at


def build_timeline(
    id_message: str, entries: Iterable[tuple[int | None, float, dict[str, Any]]]
) -> Timeline:
    """The timeline of `id_message` from (receiptId, receivedAt, body) of its notifications."""
    timeline = Timeline(id_message)
    statuses = []
    for receipt_id, received_at, body in entries:
        if body.get("idMessage") != id_message:
            continue
        kind = body.get("typeWebhook")
        if kind in OUTGOING_TYPES and timeline.message is None:
            timeline.message = body
            timeline.sent_at = event_time(body, received_at)
        elif kind == STATUS_TYPE:
            statuses.append((event_time(body, received_at), receipt_id or 0, body))
    previous = timeline.sent_at
    for at, receipt_id, body in sorted(statuses, key=lambda item: item[:2]):
        gap = None if previous is None else at - previous
        timeline.steps.append(Step(str(body.get("status", "?")), at, gap, receipt_id or None))
        previous = at
    return timeline
