"""One-line descriptions of notification bodies for the feed: chat, sender, summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MESSAGE_WEBHOOKS = {
    "incomingMessageReceived",
    "outgoingMessageReceived",
    "outgoingAPIMessageReceived",
}


@dataclass(frozen=True, slots=True)
class Summary:
    """What a feed row shows of a body."""

    chat: str
    sender: str
    text: str
    id_message: str


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def message_text(message_data: Any) -> str:
    """A message's text, caption or a short description of its kind."""
    kind = _text(_get(message_data, "typeMessage"))
    candidates = {
        "textMessage": [("textMessageData", "textMessage")],
        "extendedTextMessage": [("extendedTextMessageData", "text")],
        "quotedMessage": [("extendedTextMessageData", "text")],
        "reactionMessage": [("extendedTextMessageData", "text")],
        "locationMessage": [
            ("locationMessageData", "nameLocation"),
            ("locationMessageData", "address"),
        ],
        "contactMessage": [("contactMessageData", "displayName")],
        "pollMessage": [("pollMessageData", "name")],
    }.get(kind, [("fileMessageData", "caption"), ("fileMessageData", "fileName")])
    for path in candidates:
        value = _get(message_data, *path)
        if value:
            return (
                f"{kind}: {value}"
                if kind not in ("textMessage", "extendedTextMessage")
                else str(value)
            )
    return kind


def summarize(body: dict[str, Any]) -> Summary:
    """Chat, sender and a one-line summary of any notification body (never raises)."""
    kind = _text(body.get("typeWebhook"))
    sender_data = body.get("senderData")
    chat = _text(_get(sender_data, "chatId") or body.get("chatId"))
    sender = _text(_get(sender_data, "senderName") or _get(sender_data, "sender"))
    if kind in MESSAGE_WEBHOOKS:
        text = message_text(body.get("messageData"))
    elif kind == "outgoingMessageStatus":
        text = f"status: {_text(body.get('status'))}"
        if body.get("description"):
            text += f" ({body['description']})"
    elif kind == "stateInstanceChanged":
        text = f"state: {_text(body.get('stateInstance'))}"
    elif kind == "statusInstanceChanged":
        text = f"status: {_text(body.get('statusInstance'))}"
    elif kind == "deviceInfo":
        device = body.get("deviceData") or {}
        text = " ".join(
            _text(_get(device, key))
            for key in ("platform", "deviceManufacturer", "deviceModel", "osVersion")
        ).strip()
        text = f"device: {text}"
    elif kind == "incomingCall":
        chat = chat or _text(body.get("from"))
        text = f"call from {_text(body.get('from'))}: {_text(body.get('status'))}"
    elif kind == "incomingBlock":  # deprecated by GREEN-API; the body has chatState, no blockType
        chat = chat or _text(body.get("chatId"))
        text = f"{_text(body.get('chatState')) or 'block'}: {_text(body.get('chatId'))}"
    elif kind == "quotaExceeded":
        quota = body.get("quotaData") or {}
        used, total = _text(_get(quota, "used")), _text(_get(quota, "total"))
        text = f"quota exceeded: {_text(_get(quota, 'method'))} {used}/{total}"
        text += f" {_text(_get(quota, 'status'))} — {_text(_get(quota, 'description'))}"
    else:
        text = kind or "(no typeWebhook)"
    return Summary(chat, sender, " ".join(text.split())[:200], _text(body.get("idMessage")))
