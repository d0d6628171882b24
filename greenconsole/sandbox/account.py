"""An instance's account as GREEN-API keeps it: its state, its settings, its message journals.

Plain Python (no asyncio, no aiohttp); times come from the sandbox's clock.
- The settings gate what is queued: a kind whose setting is "no" is dropped (`blocked_by`).
- setSettings reboots the instance: `starting` for `reboot_time` seconds, the new settings in
  force from its end (GREEN-API: "applies within 5 minutes").
- The journals (lastIncomingMessages, lastOutgoingMessages, getMessage) show a message only
  `journal_lag` seconds after it happened (GREEN-API's are up to 2 minutes late).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from greenconsole.protocol.settings import NOTIFICATION_SETTINGS

YES_NO_SETTINGS = (*NOTIFICATION_SETTINGS, "markIncomingMessagesReaded", "keepOnlineStatus")
GATES = {
    "outgoingMessageReceived": "outgoingMessageWebhook",
    "outgoingAPIMessageReceived": "outgoingAPIMessageWebhook",
    "outgoingMessageStatus": "outgoingWebhook",
    "stateInstanceChanged": "stateWebhook",
    "incomingCall": "incomingCallWebhook",
}
"""typeWebhook → the setting that must be "yes" for it to be sent (incoming messages: below)."""
POLL_TYPES = frozenset({"pollMessage", "pollUpdateMessage"})
REBOOT_TIME = 3.0
"""Seconds an instance stays `starting` after setSettings (GREEN-API: up to 5 minutes)."""
DELAY_RANGE = (500, 600_000)
"""delaySendMessagesMilliseconds bounds."""
_URL = re.compile(r"https?://[^\s]+")


def default_settings(id_instance: int) -> dict[str, Any]:
    """A sandbox instance's settings: every notification kind on, the queue in use."""
    return {
        "wid": f"7{id_instance % 10**10:010d}@c.us",
        "webhookUrl": "",
        "webhookUrlToken": "",
        "delaySendMessagesMilliseconds": 5000,
        **{name: "yes" for name in NOTIFICATION_SETTINGS},
        "markIncomingMessagesReaded": "no",
        "keepOnlineStatus": "no",
    }


def check_settings(changes: Any) -> dict[str, Any]:
    """setSettings' body, checked; ValueError names the first bad field (nothing is applied)."""
    if not isinstance(changes, dict) or not changes:
        raise ValueError("body: expected a JSON object with the settings to change")
    for name, value in changes.items():
        if name in YES_NO_SETTINGS:
            if value not in ("yes", "no"):
                raise ValueError(f'{name}: expected "yes" or "no"')
        elif name == "webhookUrl":
            if not isinstance(value, str) or (value and not _URL.fullmatch(value)):
                raise ValueError("webhookUrl: expected an http(s) URL or an empty string")
        elif name == "webhookUrlToken":
            if not isinstance(value, str):
                raise ValueError("webhookUrlToken: expected a string")
        elif name == "delaySendMessagesMilliseconds":
            low, high = DELAY_RANGE
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ValueError(f"{name}: expected an integer from {low} to {high}")
        else:
            raise ValueError(f"{name}: not a setting setSettings can change")
    return dict(changes)


def gate_of(body: dict[str, Any]) -> str | None:
    """The setting that switches this notification on, or None when nothing gates it."""
    kind = body.get("typeWebhook")
    if kind == "incomingMessageReceived":
        data = body.get("messageData")
        type_message = data.get("typeMessage") if isinstance(data, dict) else None
        return "pollMessageWebhook" if type_message in POLL_TYPES else "incomingWebhook"
    return GATES.get(str(kind))


def journal_entry(body: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """("incoming" | "outgoing", the journal's record) for a message notification, else None."""
    kind = body.get("typeWebhook")
    if kind == "incomingMessageReceived":
        direction = "incoming"
    elif kind in ("outgoingMessageReceived", "outgoingAPIMessageReceived"):
        direction = "outgoing"
    else:
        return None
    sender = _object(body.get("senderData"))
    data = _object(body.get("messageData"))
    entry: dict[str, Any] = {
        "type": direction,
        "idMessage": body.get("idMessage", ""),
        "timestamp": body.get("timestamp", 0),
        "typeMessage": data.get("typeMessage", ""),
        "chatId": sender.get("chatId", ""),
    }
    if direction == "incoming":
        entry["senderId"] = sender.get("sender", "")
        entry["senderName"] = sender.get("senderName", "")
    else:
        entry["statusMessage"] = "sent"
        entry["sendByApi"] = kind == "outgoingAPIMessageReceived"
    text = data.get("textMessageData")
    if isinstance(text, dict) and "textMessage" in text:
        entry["textMessage"] = text["textMessage"]
    return direction, entry


@dataclass
class Logged:
    """A message in a journal: its record, and when the journal shows it."""

    direction: str
    entry: dict[str, Any]
    visible_at: float


@dataclass
class Account:
    """The account side of one instance. `clock` is the sandbox's (wall-clock seconds)."""

    id_instance: int
    clock: Callable[[], float]
    state: str = "authorized"
    settings: dict[str, Any] = field(default_factory=dict)
    reboot_time: float = REBOOT_TIME
    journal_lag: float = 0.0
    rebooting_until: float | None = None
    pending: dict[str, Any] = field(default_factory=dict)
    """Settings saved by setSettings, in force when the reboot ends."""
    journal: list[Logged] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.settings = {**default_settings(self.id_instance), **self.settings}

    def state_now(self) -> str:
        """getStateInstance: `starting` during a reboot (its end applies the saved settings)."""
        self.finish_reboot()
        return "starting" if self.rebooting_until is not None else self.state

    def finish_reboot(self) -> bool:
        """End a reboot that is due; True when it ended just now."""
        if self.rebooting_until is None or self.clock() < self.rebooting_until:
            return False
        self.rebooting_until = None
        self.settings.update(self.pending)
        self.pending = {}
        return True

    def save_settings(self, changes: dict[str, Any]) -> None:
        """setSettings: keep `changes` (checked) and reboot to apply them."""
        self.finish_reboot()
        self.pending.update(check_settings(changes))
        self.rebooting_until = self.clock() + self.reboot_time

    def blocked_by(self, body: dict[str, Any]) -> str | None:
        """The setting ("incomingWebhook", ...) that is "no" for this notification, or None."""
        gate = gate_of(body)
        return gate if gate is not None and self.settings.get(gate) != "yes" else None

    def record(self, body: dict[str, Any]) -> None:
        """Put a message notification into the journal (a status updates its message)."""
        if body.get("typeWebhook") == "outgoingMessageStatus":
            for logged in self.journal:
                if logged.entry["idMessage"] == body.get("idMessage"):
                    logged.entry["statusMessage"] = body.get("status", "")
            return
        found = journal_entry(body)
        if found is not None:
            direction, entry = found
            self.journal.append(Logged(direction, entry, self.clock() + self.journal_lag))

    def last(self, direction: str, minutes: int) -> list[dict[str, Any]]:
        """lastIncomingMessages / lastOutgoingMessages: shown ones of the last `minutes`, newest
        first."""
        now = self.clock()
        since = now - minutes * 60
        return [
            dict(logged.entry)
            for logged in reversed(self.journal)
            if logged.direction == direction
            and logged.visible_at <= now
            and _stamp(logged.entry) >= since
        ]

    def message(self, chat_id: str, id_message: str) -> dict[str, Any] | None:
        """getMessage: the shown message with this id in this chat, or None."""
        now = self.clock()
        for logged in self.journal:
            entry = logged.entry
            if (
                entry["idMessage"] == id_message
                and entry["chatId"] == chat_id
                and logged.visible_at <= now
            ):
                return dict(entry)
        return None


def _stamp(entry: dict[str, Any]) -> float:
    value = entry.get("timestamp")
    return float(value) if isinstance(value, (int, float)) else 0.0


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
