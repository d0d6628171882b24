"""One-line descriptions of notification bodies for the feed: chat, sender, summary."""

from __future__ import annotations

from dataclasses import dataclass, replace
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


_SIMPLE_FIELDS: dict[str, list[tuple[str, ...]]] = {
    "locationMessage": [
        ("locationMessageData", "nameLocation"),
        ("locationMessageData", "address"),
    ],
    "contactMessage": [("contactMessageData", "displayName")],
    "pollMessage": [("pollMessageData", "name")],
}
_FILE_KINDS = {"imageMessage", "videoMessage", "documentMessage", "audioMessage", "stickerMessage"}
# Button and list replies: typeMessage → the keys their data may sit under (GREEN-API spells
# the template reply's key "templateButtonReplyMessage"); the fields naming the choice.
_REPLY_KEYS = {
    "buttonsResponseMessage": ("buttonsResponseMessage",),
    "templateButtonsReplyMessage": ("templateButtonReplyMessage", "templateButtonsReplyMessage"),
    "listResponseMessage": ("listResponseMessage",),
    "interactiveButtonsReply": ("interactiveButtonsReply",),
    "interactiveButtonsResponse": ("interactiveButtonsResponse",),
}
_SELECTED_FIELDS = ("selectedDisplayText", "selectedButtonText", "title", "selectedId")
# Messages with buttons (or a list) under a key named as the typeMessage.
_BUTTON_KINDS = {
    "interactiveButtons",
    "interactiveButtonsReply",
    "buttonsMessage",
    "templateMessage",
    "listMessage",
}
SUMMARY_LIMIT = 200
"""Characters of a summary the feed and the journal keep."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _quoted_prefix(message_data: Any) -> str:
    """ "reply to <stanzaId>: "; the deprecated quotedMessage kind keeps it in its text's data."""
    stanza = _text(
        _get(message_data, "quotedMessage", "stanzaId")
        or _get(message_data, "extendedTextMessageData", "stanzaId")
    )
    return f"reply to {stanza}: " if stanza else ""


def _file_text(kind: str, message_data: Any) -> str:
    data = _get(message_data, "fileMessageData")
    caption = _text(_get(data, "caption"))
    file_name = _text(_get(data, "fileName"))
    text = f"{caption} ({file_name})" if caption and file_name else caption or file_name
    if _get(data, "isAnimated"):
        text = f"{text} (animated)".strip()
    return f"{kind}: {text}" if text else kind


def _contacts_text(kind: str, message_data: Any) -> str:
    contacts = _get(message_data, "messageData", "contacts")
    if not isinstance(contacts, list):
        return kind
    names = ", ".join(_text(_get(contact, "displayName")) for contact in contacts)
    return f"{kind}: {_plural(len(contacts), 'contact')}: {names}".rstrip(": ")


def _poll_vote_text(kind: str, message_data: Any) -> str:
    poll = _get(message_data, "pollMessageData")
    votes = _get(poll, "votes")
    chosen = [
        f"{_text(_get(vote, 'optionName'))} by {_plural(len(voters), 'voter')}"
        for vote in (votes if isinstance(votes, list) else [])
        if isinstance(voters := _get(vote, "optionVoters"), list) and voters
    ]
    name = _text(_get(poll, "name"))
    text = f"vote: {', '.join(chosen)}" if chosen else "no votes"
    return f"{kind}: {name} — {text}" if name else f"{kind}: {text}"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _label(button: Any) -> str:
    """A button's text: interactive and legacy buttons, template url/call/reply buttons."""
    if text := _get(button, "buttonText"):
        return _text(text)
    for kind in ("urlButton", "callButton", "quickReplyButton"):
        if text := _get(button, kind, "displayText"):
            return _text(text)
    return ""


def _buttons_text(kind: str, data: Any) -> str:
    """Text and button labels of a message with buttons, or the rows of a list message."""
    body = _text(_get(data, "contentText") or _get(data, "body"))
    if kind == "listMessage":
        sections = _list(_get(data, "sections"))
        rows = [row for section in sections for row in _list(_get(section, "rows"))]
        labels = " | ".join(_text(_get(row, "title")) for row in rows)
    else:
        labels = " | ".join(_label(button) for button in _list(_get(data, "buttons")))
    text = f"{body} [{labels}]" if labels else body
    return f"{kind}: {text}" if text else kind


def _selection_text(kind: str, message_data: Any) -> str | None:
    """The choice of a button or list reply, if the body carries one."""
    for key in _REPLY_KEYS.get(kind, ()):
        data = _get(message_data, key)
        if not isinstance(data, dict):
            continue
        for field in _SELECTED_FIELDS:
            if data.get(field):
                return f"{kind}: {_text(data[field])}"
        row = data.get("singleSelectReply")
        row = _get(row, "selectedRowId") if isinstance(row, dict) else row
        if row:
            return f"{kind}: {_text(row)}"
    return None


def message_text(message_data: Any) -> str:
    """A message's text, caption or a short description of its kind (never raises)."""
    kind = _text(_get(message_data, "typeMessage"))
    if kind in ("textMessage", "extendedTextMessage", "quotedMessage"):
        path = (
            ("textMessageData", "textMessage")
            if kind == "textMessage"
            else ("extendedTextMessageData", "text")
        )
        return _quoted_prefix(message_data) + _text(_get(message_data, *path))
    if kind == "reactionMessage":
        text = _text(_get(message_data, "extendedTextMessageData", "text"))
        stanza = _text(_get(message_data, "quotedMessage", "stanzaId"))
        return f"{kind}: {text} to {stanza}" if stanza else f"{kind}: {text}"
    if kind in _SIMPLE_FIELDS:
        for fields in _SIMPLE_FIELDS[kind]:
            if value := _get(message_data, *fields):
                return f"{kind}: {value}"
        return kind
    if kind in _FILE_KINDS:
        return _file_text(kind, message_data)
    if kind == "contactsArrayMessage":
        return _contacts_text(kind, message_data)
    if kind == "pollUpdateMessage":
        return _poll_vote_text(kind, message_data)
    if kind == "groupInviteMessage":
        data = _get(message_data, "groupInviteMessageData")
        name, caption = _text(_get(data, "groupName")), _text(_get(data, "caption"))
        return f"{kind}: {name} — {caption}" if caption else f"{kind}: {name}"
    if kind == "editedMessage":
        data = _get(message_data, "editedMessageData")
        return f"edited {_text(_get(data, 'stanzaId'))}: {_text(_get(data, 'textMessage'))}"
    if kind == "deletedMessage":
        return f"deleted {_text(_get(message_data, 'deletedMessageData', 'stanzaId'))}"
    if selection := _selection_text(kind, message_data):
        return selection
    if kind in _BUTTON_KINDS:
        return _buttons_text(kind, _get(message_data, kind))
    if _get(message_data, "fileMessageData") is not None:
        return _file_text(kind, message_data)
    return kind


def summarize(body: dict[str, Any]) -> Summary:
    """Chat, sender and a one-line summary of any notification body, cut to SUMMARY_LIMIT
    characters: what the feed and the journal keep (never raises)."""
    full = describe(body)
    return replace(full, text=" ".join(full.text.split())[:SUMMARY_LIMIT])


def describe(body: dict[str, Any]) -> Summary:
    """Chat, sender and the summary of any notification body, whole: its text keeps every
    character as sent, line breaks included (never raises)."""
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
    elif kind == "outgoingCall":  # beta
        peer = _text(body.get("from"))
        chat = chat or peer
        text = (
            f"{'video ' if body.get('isVideo') else ''}call to {peer}: {_text(body.get('status'))}"
        )
        if body.get("duration") is not None:
            text += f", {_text(body.get('duration'))} s"
        participants = body.get("participants")
        if isinstance(participants, list) and participants:
            text += f", {_plural(len(participants), 'participant')}"
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
    return Summary(chat, sender, text, _text(body.get("idMessage")))
