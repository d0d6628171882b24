"""Links between notifications: what a notification refers to, by idMessage. No Qt.

A status refers to its outgoing message (same idMessage); a reply, reaction, edit, deletion,
poll vote or button/list choice refers to the message it is about by that message's idMessage,
which GREEN-API calls stanzaId. The journal keeps each capture's reference (its `ref` column), so
a message finds what refers to it, and a reference finds its message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from greenconsole.protocol.summary import MESSAGE_WEBHOOKS
from greenconsole.timeline import STATUS_TYPE

REFERENCE_PATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("edit", ("editedMessageData", "stanzaId")),
    ("deletion", ("deletedMessageData", "stanzaId")),
    ("poll vote", ("pollMessageData", "stanzaId")),
    ("choice", ("buttonsResponseMessage", "stanzaId")),
    ("choice", ("templateButtonReplyMessage", "stanzaId")),
    ("choice", ("listResponseMessage", "stanzaId")),
    ("reply", ("quotedMessage", "stanzaId")),
    ("reply", ("extendedTextMessageData", "stanzaId")),
)
"""(kind, path in messageData) of a message's reference, first match wins; a reply's kind is
"reaction" for a reactionMessage."""
MAX_ID = 200
"""A longer "id" is not an idMessage: it is not looked up (nor kept)."""


@dataclass(frozen=True, slots=True)
class Reference:
    """What a notification refers to: `kind` (status, reply, reaction, edit, deletion, poll
    vote, choice) and the idMessage of the message it is about."""

    kind: str
    target: str


def _id(value: Any) -> str:
    return value if isinstance(value, str) and 0 < len(value) <= MAX_ID else ""


def reference(body: Any) -> Reference | None:
    """The message `body` refers to, if any (never raises)."""
    if not isinstance(body, dict):
        return None
    kind = body.get("typeWebhook")
    if kind == STATUS_TYPE:
        target = _id(body.get("idMessage"))
        return Reference("status", target) if target else None
    message_data = body.get("messageData")
    if kind not in MESSAGE_WEBHOOKS or not isinstance(message_data, dict):
        return None
    for name, (key, field) in REFERENCE_PATHS:
        payload = message_data.get(key)
        target = _id(payload.get(field)) if isinstance(payload, dict) else ""
        if target:
            if name == "reply" and message_data.get("typeMessage") == "reactionMessage":
                name = "reaction"
            return Reference(name, target)
    return None


def is_message(type_webhook: str) -> bool:
    """True for the notifications other notifications refer to (messages, not statuses)."""
    return type_webhook in MESSAGE_WEBHOOKS


@dataclass(frozen=True, slots=True)
class Link:
    """One capture at the other end of a link."""

    kind: str
    """How it relates: the referrer's kind (reply, status, …), or "message" for a target."""
    capture_id: int
    receipt_id: int | None
    type_webhook: str
    summary: str


@dataclass(frozen=True, slots=True)
class Links:
    """A notification's links: the captures of the message it refers to, and the captures that
    refer to it (when it is a message)."""

    id_message: str
    reference: Reference | None
    targets: list[Link]
    referrers: list[Link]
    more_referrers: int = 0
    """Referrers beyond those listed."""
    imported: bool = False
    """Looked up among the rows of an imported file (not in the journal)."""

    @property
    def missing(self) -> bool:
        """It refers to a message this journal does not hold."""
        return self.reference is not None and not self.targets


Entry = tuple[int, int | None, str, str, str, Any]
"""A candidate capture: (capture id, receiptId, typeWebhook, idMessage, summary, body); the body
may be None where only its idMessage matters."""
LISTED = 100
"""Links of each direction listed; the rest are counted."""


def find_links(body: Any, capture_id: int | None, candidates: list[Entry]) -> Links:
    """The links of the inspected `body` (capture `capture_id`) among `candidates` (never
    raises): every message capture it refers to, and every capture referring to it."""
    ref = reference(body)
    data = body if isinstance(body, dict) else {}
    own = _id(data.get("idMessage"))
    as_message = own if is_message(str(data.get("typeWebhook"))) else ""
    targets: list[Link] = []
    referrers: list[Link] = []
    more = 0
    for other_id, receipt_id, type_webhook, id_message, summary, other in candidates:
        if other_id == capture_id:
            continue
        target = ref is not None and id_message == ref.target and is_message(type_webhook)
        if target and len(targets) < LISTED:
            targets.append(Link("message", other_id, receipt_id, type_webhook, summary))
        back = reference(other) if as_message else None
        if back is not None and back.target == as_message:
            if len(referrers) < LISTED:
                referrers.append(Link(back.kind, other_id, receipt_id, type_webhook, summary))
            else:
                more += 1
    return Links(own, ref, targets, referrers, more)
