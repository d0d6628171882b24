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
MAX_DETAIL = 300
"""A status's description is shown cut to this many characters."""
PROGRESS = ("sent", "delivered", "read")
"""The statuses of a message that reaches its recipient, in the order they come."""


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
    detail: str = ""
    """The status's description (GREEN-API explains a failed one)."""
    early: bool = False
    """It reached the console before its message did."""

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

    @property
    def early(self) -> list[str]:
        """The statuses that reached the console before their message."""
        return [step.status for step in self.steps if step.early]

    @property
    def missing(self) -> list[str]:
        """Statuses skipped on the way to the furthest one seen (read without delivered)."""
        seen = {step.status for step in self.steps}
        reached = max((PROGRESS.index(status) for status in seen if status in PROGRESS), default=0)
        return [status for status in PROGRESS[:reached] if status not in seen]


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
    message_received_at = None
    statuses = []
    for receipt_id, received_at, body in entries:
        if body.get("idMessage") != id_message:
            continue
        kind = body.get("typeWebhook")
        if kind in OUTGOING_TYPES and timeline.message is None:
            timeline.message = body
            timeline.sent_at = event_time(body, received_at)
            message_received_at = received_at
        elif kind == STATUS_TYPE:
            statuses.append((event_time(body, received_at), receipt_id or 0, received_at, body))
    previous = timeline.sent_at
    for at, receipt_id, received_at, body in sorted(statuses, key=lambda item: item[:2]):
        gap = None if previous is None else at - previous
        early = message_received_at is not None and received_at < message_received_at
        detail = body.get("description")
        if isinstance(detail, str) and len(detail) > MAX_DETAIL:
            detail = f"{detail[:MAX_DETAIL]}…"
        timeline.steps.append(
            Step(
                str(body.get("status", "?")),
                at,
                gap,
                receipt_id or None,
                detail if isinstance(detail, str) else "",
                early,
            )
        )
        previous = at
    return timeline
