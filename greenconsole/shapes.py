"""The shape check: a notification body against the documented shape of its kind. No Qt.

The shapes below are GREEN-API's documented fields (shared/spec/green-api-facts.md and the
notifications-format pages): for each typeWebhook the fields around the payload, and for each
typeMessage the payload inside messageData. A body is compared field by field: a required field
that is absent is "missing", a field the docs do not name is "unknown", a value of another JSON
type is "expected X, got Y". Fields the docs call optional are never "missing". Payloads the docs
describe loosely (a quoted message carries the fields of whatever it quotes; the beta and legacy
button kinds) are *open*: their extra fields are not reported. An unknown typeWebhook or
typeMessage is information ("unknown kind X"), never an error: GREEN-API adds kinds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Union

MAX_DIFFERENCES = 50
"""A body differing in more places is reported with its first differences and a count."""
MAX_ITEMS = 200
"""Array items checked per array (a huge array is not walked to its end)."""
SHOWN = 60
"""Characters of an unknown key or kind shown in a difference."""
UNKNOWN_KIND = "unknown kind "
"""How a difference about a kind the docs do not name begins (information, not an error)."""


@dataclass(frozen=True, slots=True)
class Obj:
    """A JSON object: required and optional fields; `open` allows fields the docs do not list."""

    required: dict[str, Spec] = field(default_factory=dict)
    optional: dict[str, Spec] = field(default_factory=dict)
    open: bool = False


@dataclass(frozen=True, slots=True)
class Arr:
    """A JSON array whose items all have one shape."""

    items: Spec


Spec = Union[str, Obj, Arr]  # noqa: UP007 (a runtime alias: `|` cannot join a str and classes)
"""A JSON type name ("string", "number", "boolean", "object", "array", "any"), Obj or Arr."""


@dataclass(frozen=True, slots=True)
class Difference:
    """One way a body differs from its documented shape."""

    text: str
    error: bool = True
    """False for information (an unknown kind), which is not a fault of the body."""


S, N, B = "string", "number", "boolean"
FORWARDED: dict[str, Spec] = {"isForwarded": B, "forwardingScore": N}
INSTANCE_DATA = Obj({"idInstance": N, "wid": S, "typeInstance": S})
SENDER_DATA = Obj(
    {"chatId": S, "sender": S}, {"chatName": S, "senderName": S, "senderContactName": S}
)
QUOTED = Obj({"stanzaId": S}, {"participant": S, "typeMessage": S}, open=True)
FILE_DATA: dict[str, Spec] = {
    "caption": S,
    "fileName": S,
    "jpegThumbnail": S,
    "mimeType": S,
    **FORWARDED,
}
LOOSE = Obj(open=True)
"""A payload the docs describe loosely (beta and legacy kinds): only its type is checked."""


def _file(**extra: Spec) -> Obj:
    return Obj({"downloadUrl": S}, {**FILE_DATA, **extra})


PAYLOADS: dict[str, tuple[str, Spec]] = {
    "textMessage": ("textMessageData", Obj({"textMessage": S})),
    "extendedTextMessage": (
        "extendedTextMessageData",
        Obj(
            {"text": S},
            {"description": S, "title": S, "jpegThumbnail": S, "previewType": S, **FORWARDED},
        ),
    ),
    "quotedMessage": (  # deprecated: a reply as GREEN-API sent it before quotedMessage fields
        "extendedTextMessageData",
        Obj({"text": S}, {"stanzaId": S, "participant": S}, open=True),
    ),
    "imageMessage": ("fileMessageData", _file()),
    "videoMessage": ("fileMessageData", _file()),
    "documentMessage": ("fileMessageData", _file()),
    "audioMessage": ("fileMessageData", _file()),
    "stickerMessage": ("fileMessageData", _file(isAnimated=B)),
    "locationMessage": (
        "locationMessageData",
        Obj(
            {"latitude": N, "longitude": N},
            {"nameLocation": S, "address": S, "jpegThumbnail": S, **FORWARDED},
        ),
    ),
    "contactMessage": ("contactMessageData", Obj({"displayName": S, "vcard": S}, FORWARDED)),
    "contactsArrayMessage": (
        "messageData",
        Obj({"contacts": Arr(Obj({"displayName": S, "vcard": S}))}, FORWARDED),
    ),
    "reactionMessage": ("extendedTextMessageData", Obj({"text": S}, {"stanzaId": S})),
    "pollMessage": (
        "pollMessageData",
        Obj({"name": S, "options": Arr(Obj({"optionName": S}))}, {"multipleAnswers": B}),
    ),
    "pollUpdateMessage": (
        "pollMessageData",
        Obj(
            {
                "stanzaId": S,
                "name": S,
                "votes": Arr(Obj({"optionName": S, "optionVoters": Arr(S)})),
            },
            {"multipleAnswers": B},
        ),
    ),
    "groupInviteMessage": (
        "groupInviteMessageData",
        Obj(
            {"groupJid": S, "inviteCode": S},
            {"inviteExpiration": N, "groupName": S, "caption": S, "jpegThumbnail": S},
        ),
    ),
    "editedMessage": ("editedMessageData", Obj({"textMessage": S, "stanzaId": S})),
    "deletedMessage": ("deletedMessageData", Obj({"stanzaId": S})),
    "interactiveButtons": ("interactiveButtons", LOOSE),  # beta
    "interactiveButtonsReply": ("interactiveButtonsReply", LOOSE),  # beta
    "buttonsMessage": ("buttonsMessage", LOOSE),  # legacy
    "templateMessage": ("templateMessage", LOOSE),  # legacy
    "listMessage": ("listMessage", LOOSE),  # legacy
    "buttonsResponseMessage": (
        "buttonsResponseMessage",
        Obj({"stanzaId": S}, {"selectedButtonId": S, "selectedButtonText": S}, open=True),
    ),
    "templateButtonsReplyMessage": (  # GREEN-API spells the key without the "s"
        "templateButtonReplyMessage",
        Obj(
            {"stanzaId": S},
            {"selectedIndex": N, "selectedId": S, "selectedDisplayText": S},
            open=True,
        ),
    ),
    "listResponseMessage": (
        "listResponseMessage",
        Obj(
            {"stanzaId": S},
            {
                "title": S,
                "description": S,
                "listType": N,
                "singleSelectReply": Obj(optional={"selectedRowId": S}, open=True),
            },
            open=True,
        ),
    ),
}
"""typeMessage → (the key of its payload in messageData, the payload's shape)."""

MESSAGE: dict[str, Spec] = {"idMessage": S, "senderData": SENDER_DATA, "messageData": "object"}
WEBHOOKS: dict[str, Obj] = {
    "incomingMessageReceived": Obj(MESSAGE),
    "outgoingMessageReceived": Obj(MESSAGE),
    "outgoingAPIMessageReceived": Obj(MESSAGE),
    "outgoingMessageStatus": Obj(
        {"chatId": S, "idMessage": S, "status": S, "sendByApi": B}, {"description": S}
    ),
    "stateInstanceChanged": Obj({"stateInstance": S}),
    "statusInstanceChanged": Obj({"statusInstance": S}),  # deprecated
    "deviceInfo": Obj(  # deprecated
        {
            "deviceData": Obj(
                optional={
                    "platform": S,
                    "deviceManufacturer": S,
                    "deviceModel": S,
                    "osVersion": S,
                    "waVersion": S,
                    "battery": N,
                }
            )
        }
    ),
    "incomingCall": Obj({"idMessage": S, "from": S, "status": S}),
    "outgoingCall": Obj(  # beta
        {"idMessage": S, "from": S, "status": S},
        {"isVideo": B, "duration": N, "participants": Arr("any")},
    ),
    "incomingBlock": Obj({"chatId": S, "chatState": S}),  # deprecated
    "quotaExceeded": Obj(
        {"quotaData": Obj({"method": S, "used": N, "total": N, "status": S}, {"description": S})}
    ),
}
"""typeWebhook → the fields beside typeWebhook, instanceData and timestamp."""
ENVELOPE: dict[str, Spec] = {"typeWebhook": S, "instanceData": INSTANCE_DATA, "timestamp": N}
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _key_path(parent: str, key: str) -> str:
    """`parent.key`, or `parent["odd key"]` for a key that is not a plain name."""
    if IDENTIFIER.match(key) and len(key) <= SHOWN:
        return f"{parent}.{key}" if parent else key
    return f"{parent}[{_cut(json.dumps(key, ensure_ascii=True))}]"


class _Checker:
    """Collects the differences of one body (bounded in number)."""

    def __init__(self) -> None:
        self.found: list[Difference] = []
        self.dropped = 0

    def add(self, text: str, error: bool = True) -> None:
        if len(self.found) < MAX_DIFFERENCES:
            self.found.append(Difference(text, error))
        else:
            self.dropped += 1

    def value(self, value: Any, spec: Spec, path: str) -> None:
        """Check `value` against `spec`."""
        expected = spec if isinstance(spec, str) else "object" if isinstance(spec, Obj) else "array"
        actual = json_type(value)
        if expected != "any" and actual != expected:
            self.add(f"{path}: expected {expected}, got {actual}")
        elif isinstance(spec, Arr):
            for number, item in enumerate(value[:MAX_ITEMS]):
                self.value(item, spec.items, f"{path}[{number}]")
        elif isinstance(spec, Obj):
            self.fields(value, spec, path)

    def fields(self, value: dict[str, Any], spec: Obj, path: str) -> None:
        for key in spec.required:
            if key not in value:
                self.add(f"missing {_key_path(path, key)}")
        for key, child_value in value.items():
            child = spec.required.get(key) or spec.optional.get(key)
            if isinstance(child, str):  # a leaf: its path is only spelt out when it differs
                if child != "any" and json_type(child_value) != child:
                    self.value(child_value, child, _key_path(path, key))
            elif child is not None:
                self.value(child_value, child, _key_path(path, key))
            elif not spec.open:
                self.add(f"unknown field {_key_path(path, key)}")


def _full(shape: Obj) -> Obj:
    """A typeWebhook's shape with the envelope every notification has."""
    return Obj({**ENVELOPE, **shape.required}, shape.optional, shape.open)


FULL_WEBHOOKS = {kind: _full(shape) for kind, shape in WEBHOOKS.items()}
UNKNOWN_WEBHOOK = Obj(ENVELOPE, open=True)
MESSAGE_DATA = {
    kind: Obj({"typeMessage": S, key: payload}, {"quotedMessage": QUOTED})
    for kind, (key, payload) in PAYLOADS.items()
}
UNKNOWN_MESSAGE = Obj({"typeMessage": S}, {"quotedMessage": QUOTED}, open=True)


def check(body: Any) -> list[Difference]:
    """How `body` differs from the documented shape of its kind, errors first (never raises)."""
    if not isinstance(body, dict):
        return [Difference(f"body: expected object, got {json_type(body)}")]
    checker = _Checker()
    kind = body.get("typeWebhook")
    shape = FULL_WEBHOOKS.get(kind) if isinstance(kind, str) else None
    if isinstance(kind, str) and shape is None:
        checker.add(f"{UNKNOWN_KIND}{_cut(kind)} (typeWebhook)", error=False)
    checker.fields(body, shape or UNKNOWN_WEBHOOK, "")
    message_data = body.get("messageData")
    if shape is not None and "messageData" in shape.required and isinstance(message_data, dict):
        message_kind = message_data.get("typeMessage")
        data_shape = MESSAGE_DATA.get(message_kind) if isinstance(message_kind, str) else None
        if isinstance(message_kind, str) and data_shape is None:
            text = f"{UNKNOWN_KIND}{_cut(message_kind)} (messageData.typeMessage)"
            checker.add(text, error=False)
        checker.fields(message_data, data_shape or UNKNOWN_MESSAGE, "messageData")
    if not checker.found:
        return []
    found = sorted(checker.found, key=lambda difference: not difference.error)
    if checker.dropped:
        found.append(Difference(f"… and {checker.dropped} more"))
    return found


def error_count(differences: list[Difference]) -> int:
    """How many of the differences are errors (not information)."""
    return sum(difference.error for difference in differences)


def notes(differences: list[Difference]) -> str:
    """The differences as lines (what the journal keeps and a tooltip shows)."""
    return "\n".join(difference.text for difference in differences)
