"""GREEN-API's vocabulary for an instance: its states, the settings that switch notification
kinds on (api/account), and what a chat id looks like."""

from __future__ import annotations

import re

from greenconsole.marks import QT_TRANSLATE_NOOP

STATES = ("notAuthorized", "authorized", "blocked", "sleepMode", "starting", "yellowCard")
"""getStateInstance's values."""
NOTIFICATION_SETTINGS = {
    "incomingWebhook": QT_TRANSLATE_NOOP("Doctor", "incoming messages (incomingMessageReceived)"),
    "outgoingMessageWebhook": QT_TRANSLATE_NOOP(
        "Doctor", "messages sent from the phone (outgoingMessageReceived)"
    ),
    "outgoingAPIMessageWebhook": QT_TRANSLATE_NOOP(
        "Doctor", "messages sent through the API (outgoingAPIMessageReceived)"
    ),
    "outgoingWebhook": QT_TRANSLATE_NOOP("Doctor", "message statuses (outgoingMessageStatus)"),
    "stateWebhook": QT_TRANSLATE_NOOP("Doctor", "instance state changes (stateInstanceChanged)"),
    "pollMessageWebhook": QT_TRANSLATE_NOOP(
        "Doctor", "polls and votes (pollMessage, pollUpdateMessage)"
    ),
    "incomingCallWebhook": QT_TRANSLATE_NOOP("Doctor", "calls (incomingCall)"),
}
"""The "yes"/"no" settings that switch a kind of notification on, and what each one sends
(words translated by the window in the "Doctor" context)."""

CHAT_ID = re.compile(r"\d{5,20}@(c\.us|g\.us|lid)|\d{5,20}-\d{5,20}@g\.us")
"""A chat id sendMessage takes: 79001234567@c.us, a group's …@g.us, or an @lid id."""
