"""GREEN-API's instance states and the settings that switch notification kinds on (api/account)."""

from __future__ import annotations

STATES = ("notAuthorized", "authorized", "blocked", "sleepMode", "starting", "yellowCard")
"""getStateInstance's values."""
NOTIFICATION_SETTINGS = {
    "incomingWebhook": "incoming messages (incomingMessageReceived)",
    "outgoingMessageWebhook": "messages sent from the phone (outgoingMessageReceived)",
    "outgoingAPIMessageWebhook": "messages sent through the API (outgoingAPIMessageReceived)",
    "outgoingWebhook": "message statuses (outgoingMessageStatus)",
    "stateWebhook": "instance state changes (stateInstanceChanged)",
    "pollMessageWebhook": "polls and votes (pollMessage, pollUpdateMessage)",
    "incomingCallWebhook": "calls (incomingCall)",
}
"""The "yes"/"no" settings that switch a kind of notification on, and what each one sends."""
