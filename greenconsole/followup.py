"""Following a real message sent with sendMessage: each notification that comes back for it
(its outgoingAPIMessageReceived, then its statuses) and how long after the send it came. No Qt.

On a real account this is the end-to-end probe of an instance: the send's answer, then every step
GREEN-API reports, with the round-trip time of each.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

MESSAGE = "outgoingAPIMessageReceived"
STATUS = "outgoingMessageStatus"
EARLY_KEPT = 256
"""Notifications kept while no message claims them: one can arrive before sendMessage answers."""


@dataclass(frozen=True, slots=True)
class Step:
    """One notification about the sent message, `seconds` after the send."""

    label: str
    seconds: float


@dataclass
class Followed:
    """A sent message and the steps seen so far."""

    id_message: str
    chat: str
    sent_at: float
    steps: list[Step] = field(default_factory=list)


class FollowUp:
    """The messages sent from this tab, and their steps as notifications arrive."""

    def __init__(self) -> None:
        self.messages: dict[str, Followed] = {}
        self._early: deque[tuple[dict[str, Any], float]] = deque(maxlen=EARLY_KEPT)

    def sent(self, id_message: str, chat: str, at: float) -> Followed:
        """A message was sent; `at` is when the request began (the clock of `seen`). Steps
        that arrived before sendMessage answered are taken from those kept meanwhile."""
        followed = self.messages[id_message] = Followed(id_message, chat, at)
        early, self._early = self._early, deque(maxlen=EARLY_KEPT)
        for body, seen_at in early:
            self.seen(body, seen_at)
        return followed

    def seen(self, body: dict[str, Any], at: float) -> Followed | None:
        """A notification arrived at `at`: the followed message it is a step of, if any."""
        kind = body.get("typeWebhook")
        if kind not in (MESSAGE, STATUS):
            return None
        followed = self.messages.get(str(body.get("idMessage")))
        if followed is None:
            self._early.append((body, at))
            return None
        label = kind if kind == MESSAGE else f"{kind}: {body.get('status', '?')}"
        followed.steps.append(Step(label, at - followed.sent_at))
        return followed
