"""Missing-notification detection: what was captured, reconciled with the server's own journals
(lastIncomingMessages / lastOutgoingMessages), and the status sequences checked. No Qt.

GREEN-API's journals are up to 2 minutes late, and a notification can still wait in the queue, so
anything younger than `lag` seconds is left unjudged (counted as `pending`), never called missing.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from greenconsole import jsontext
from greenconsole.invisibles import escape_cut
from greenconsole.marks import QT_TRANSLATE_NOOP

JOURNAL_LAG = 120.0
"""GREEN-API's journals show a message up to this many seconds late."""
DELIVERED_WITHIN = 600.0
"""An outgoing message with no delivered/read/problem status after this long is reported."""
INCOMING = "incomingMessageReceived"
OUTGOING = ("outgoingMessageReceived", "outgoingAPIMessageReceived")
STATUS = "outgoingMessageStatus"
KINDS = (INCOMING, *OUTGOING, STATUS)
"""The captures reconciliation reads."""
REACHED = frozenset({"delivered", "read", "played"})
ENDED = frozenset({"failed", "noAccount", "notInGroup", "yellowCard"})


DIRECTIONS = (
    QT_TRANSLATE_NOOP("Reconcile", "incoming"),
    QT_TRANSLATE_NOOP("Reconcile", "outgoing"),
)
"""The `direction` parameter's values (the window translates them)."""
WORDS = {
    "no-notification": QT_TRANSLATE_NOOP(
        "Reconcile",
        "{direction} message {id} in {chat} at {at}{text}: in the server's journal, but no "
        "notification brought it",
    ),
    "not-in-journal": QT_TRANSLATE_NOOP(
        "Reconcile",
        "{direction} message {id} in {chat} was notified at {at}, but the server's journal does "
        "not list it",
    ),
    "status-without-message": QT_TRANSLATE_NOOP(
        "Reconcile",
        "status {status} of message {id} came, the message's own notification did not "
        "(green-api/issues #980)",
    ),
    "status-before-message": QT_TRANSLATE_NOOP(
        "Reconcile",
        "status {status} of message {id} came before the message (green-api/issues #656)",
    ),
    "never-delivered": QT_TRANSLATE_NOOP(
        "Reconcile",
        "message {id} to {chat}, sent at {at}, has no delivered or read status after {minutes} "
        "min (green-api/issues #976)",
    ),
}
"""Each kind of gap in words (translatable in the "Reconcile" context, filled from params)."""


@dataclass(frozen=True)
class Gap:
    """One thing that does not add up. `missing` gaps are lost notifications."""

    kind: str
    """A key of WORDS."""
    id_message: str
    params: dict[str, str]

    @property
    def words(self) -> str:
        """The gap in English."""
        return WORDS[self.kind].format(id=self.id_message, **self.params)

    @property
    def missing(self) -> bool:
        """True for a message the server has and no notification brought."""
        return self.kind == "no-notification"


@dataclass
class Reconciliation:
    """The gaps found, and what was looked at."""

    gaps: list[Gap] = field(default_factory=list)
    messages: int = 0
    """Messages in the server's journals since the start of the window."""
    captures: int = 0
    """Message and status notifications captured since the start of the window."""
    pending: int = 0
    """Too young to judge (the journals' lag)."""

    @property
    def missing(self) -> list[Gap]:
        """The lost notifications."""
        return [gap for gap in self.gaps if gap.missing]


@dataclass
class _Seen:
    at: float
    chat: str


def _clock(at: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(at))


def reconcile(
    captured: Iterable[tuple[float, str]],
    incoming: list[dict[str, Any]],
    outgoing: list[dict[str, Any]],
    *,
    since: float,
    now: float,
    lag: float = JOURNAL_LAG,
    delivered_within: float = DELIVERED_WITHIN,
) -> Reconciliation:
    """Compare captures ((receivedAt, the receive answer as received) of KINDS, oldest first)
    with the server's journals (lastIncomingMessages, lastOutgoingMessages) over `since`..`now`
    (wall-clock seconds)."""
    result = Reconciliation()
    messages: dict[str, dict[str, _Seen]] = {direction: {} for direction in DIRECTIONS}
    statuses: defaultdict[str, list[tuple[float, str]]] = defaultdict(list)
    for at, raw in captured:
        result.captures += 1
        try:
            answer = jsontext.loads(raw)
        except jsontext.JsonTextError:
            continue
        body = answer.get("body") if isinstance(answer, dict) else None
        if not isinstance(body, dict) or not isinstance(body.get("idMessage"), str):
            continue
        kind, id_message = body.get("typeWebhook"), body["idMessage"]
        if kind == STATUS:
            statuses[id_message].append((at, str(body.get("status", ""))))
        else:
            sender = body.get("senderData")
            chat = sender.get("chatId", "") if isinstance(sender, dict) else ""
            direction = DIRECTIONS[0] if kind == INCOMING else DIRECTIONS[1]
            messages[direction].setdefault(id_message, _Seen(at, str(chat)))
    settled = now - lag
    for direction, entries in zip(DIRECTIONS, (incoming, outgoing), strict=True):
        listed = {entry.get("idMessage") for entry in entries}
        for entry in entries:
            stamp = entry.get("timestamp")
            id_message = entry.get("idMessage")
            if not isinstance(stamp, (int, float)) or not isinstance(id_message, str):
                continue
            if stamp < since:
                continue
            result.messages += 1
            if id_message in messages[direction]:
                continue
            if stamp > settled:
                result.pending += 1
                continue
            text = entry.get("textMessage")
            params = {
                "direction": direction,
                "chat": str(entry.get("chatId") or "?"),
                "at": _clock(stamp),
                "text": f" «{escape_cut(text, 40)}»" if isinstance(text, str) and text else "",
            }
            result.gaps.append(Gap("no-notification", id_message, params))
        for id_message, seen in messages[direction].items():
            if id_message in listed:
                continue
            if seen.at > settled:
                result.pending += 1
                continue
            params = {"direction": direction, "chat": seen.chat or "?", "at": _clock(seen.at)}
            result.gaps.append(Gap("not-in-journal", id_message, params))
    result.gaps.extend(_status_gaps(messages[DIRECTIONS[1]], statuses, now, delivered_within))
    return result


def _status_gaps(
    sent: dict[str, _Seen],
    statuses: dict[str, list[tuple[float, str]]],
    now: float,
    delivered_within: float,
) -> list[Gap]:
    gaps = []
    for id_message, steps in statuses.items():
        message = sent.get(id_message)
        status = {"status": repr(steps[0][1])}
        if message is None:
            gaps.append(Gap("status-without-message", id_message, status))
        elif steps[0][0] < message.at:
            gaps.append(Gap("status-before-message", id_message, status))
    for id_message, message in sent.items():
        seen = {status for _, status in statuses.get(id_message, [])}
        if seen & (REACHED | ENDED) or now - message.at < delivered_within:
            continue
        params = {
            "chat": message.chat or "?",
            "at": _clock(message.at),
            "minutes": f"{delivered_within / 60:.0f}",
        }
        gaps.append(Gap("never-delivered", id_message, params))
    return gaps
