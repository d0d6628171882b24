"""The instance doctor: why would notifications not arrive? Plain words, with the fix. No Qt.

It reads getStateInstance, getSettings, the queue's depth and head (the head is only looked at,
never deleted), and names each cause it finds: the instance is not authorized / starting /
blocked; a webhookUrl takes notifications away from the queue; a kind is switched off; a
quotaExceeded notification at the head blocks a consumer (green-api/issues #597); the oldest
queued notification nears GREEN-API's 24 h limit. A fix that is a setting is applied with
setSettings and read back until it holds, since a save can be lost (#1096).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from greenconsole.marks import QT_TRANSLATE_NOOP
from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.errors import InstanceNotReadyError, RateLimitError, TransientError
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.settings import NOTIFICATION_SETTINGS

RETENTION_HOURS = 24
OLD_HOURS = 20
"""A head older than this is reported: GREEN-API drops notifications after 24 h."""
SETTLE_SECONDS = 300.0
"""setSettings applies within 5 minutes; the read-back gives up after this long."""
READ_BACK_EVERY = 5.0


CONTEXT = "Doctor"
STATE_WORDS = {
    "notAuthorized": (
        QT_TRANSLATE_NOOP(
            "Doctor", "the instance is not authorized: no phone is linked, so nothing arrives"
        ),
        QT_TRANSLATE_NOOP("Doctor", "link the phone: scan the QR code in the GREEN-API console"),
    ),
    "starting": (
        QT_TRANSLATE_NOOP(
            "Doctor",
            "the instance is starting (up to 5 minutes after a start or a settings change)",
        ),
        QT_TRANSLATE_NOOP("Doctor", "wait: notifications arrive once it is authorized"),
    ),
    "blocked": (
        QT_TRANSLATE_NOOP("Doctor", "the WhatsApp account of the instance is blocked"),
        QT_TRANSLATE_NOOP(
            "Doctor", "the account must be unblocked by WhatsApp before anything arrives"
        ),
    ),
    "sleepMode": (
        QT_TRANSLATE_NOOP("Doctor", "the instance is in sleep mode: the phone is offline"),
        QT_TRANSLATE_NOOP("Doctor", "open WhatsApp on the phone and keep it online"),
    ),
    "yellowCard": (
        QT_TRANSLATE_NOOP(
            "Doctor",
            "WhatsApp restricted the account (yellow card): messages may not be delivered",
        ),
        QT_TRANSLATE_NOOP("Doctor", "pause sending for a while, then send to known contacts"),
    ),
}
UNKNOWN_STATE = (
    QT_TRANSLATE_NOOP("Doctor", "the instance reports an unknown state {state}"),
    QT_TRANSLATE_NOOP("Doctor", "ask GREEN-API's support what this state means"),
)
WEBHOOK_URL = (
    QT_TRANSLATE_NOOP(
        "Doctor",
        "webhookUrl is set ({where}): GREEN-API sends notifications there, "
        "so the queue stays empty",
    ),
    QT_TRANSLATE_NOOP("Doctor", "empty webhookUrl to use the queue"),
)
KIND_OFF = (
    QT_TRANSLATE_NOOP("Doctor", "{setting} is {value}: {sends} are not sent"),
    QT_TRANSLATE_NOOP("Doctor", "set {setting} to yes"),
)
QUOTA_HEAD = (
    QT_TRANSLATE_NOOP(
        "Doctor",
        "a quotaExceeded notification (receipt {receipt}) is at the head of the queue: "
        "a consumer that does not delete it sees nothing behind it",
    ),
    QT_TRANSLATE_NOOP(
        "Doctor", "delete it (greenconsole receive --delete --max 1, or Delete in the window)"
    ),
)
OLD_HEAD = (
    QT_TRANSLATE_NOOP(
        "Doctor",
        "the oldest queued notification is {hours} h old: GREEN-API drops notifications after 24 h",
    ),
    QT_TRANSLATE_NOOP("Doctor", "drain the queue (greenconsole receive --delete)"),
)


@dataclass(frozen=True)
class Finding:
    """One reason notifications would not arrive: its words (templates, translatable in the
    "Doctor" context, filled from `params`) and the setSettings change that fixes it, if any."""

    code: str
    words: tuple[str, str]
    params: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def problem(self) -> str:
        """The problem in English."""
        return self.words[0].format(**self.params)

    @property
    def fix(self) -> str:
        """The fix in English."""
        return self.words[1].format(**self.params)


@dataclass
class Checkup:
    """What the doctor read and found."""

    state: str
    settings: dict[str, Any]
    depth: int | None
    """Notifications waiting (None: not asked, the instance is starting)."""
    head: Notification | None
    findings: list[Finding]

    @property
    def fixes(self) -> dict[str, str]:
        """Every settings change the findings call for, as one setSettings body."""
        changes: dict[str, str] = {}
        for finding in self.findings:
            changes.update(finding.settings)
        return changes


def where(url: str) -> str:
    """A webhookUrl shown as scheme and host only: a user:password, a path or a query may
    carry a secret."""
    parts = urlsplit(url)
    try:
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number
        host, port = parts.hostname, None
    if not host:
        return "(not a URL)"
    return f"{parts.scheme}://{host}{f':{port}' if port else ''}/…"


def diagnose(
    state: str,
    settings: dict[str, Any],
    head: Notification | None,
    now: float,
) -> list[Finding]:
    """The findings for what was read (`now`: wall-clock seconds, for the head's age)."""
    findings = []
    if state in STATE_WORDS:
        findings.append(Finding("state", STATE_WORDS[state]))
    elif state != "authorized":
        findings.append(Finding("state", UNKNOWN_STATE, {"state": repr(state)}))
    url = settings.get("webhookUrl")
    if isinstance(url, str) and url:
        findings.append(
            Finding("webhookUrl", WEBHOOK_URL, {"where": where(url)}, {"webhookUrl": ""})
        )
    for name, sends in NOTIFICATION_SETTINGS.items():
        if name in settings and settings[name] != "yes":
            params = {"setting": name, "value": repr(settings[name]), "sends": sends}
            findings.append(Finding("kind-off", KIND_OFF, params, {name: "yes"}))
    if head is not None:
        findings.extend(_head_findings(head, now))
    return findings


def _head_findings(head: Notification, now: float) -> list[Finding]:
    found = []
    if head.type_webhook == "quotaExceeded":
        found.append(Finding("quota-head", QUOTA_HEAD, {"receipt": str(head.receipt_id)}))
    stamp = head.body.get("timestamp")
    if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) and stamp > 0:
        hours = (now - stamp) / 3600
        if hours >= OLD_HOURS:
            found.append(Finding("old-head", OLD_HEAD, {"hours": f"{hours:.0f}"}))
    return found


async def examine(client: GreenApiClient, now: Callable[[], float] = time.time) -> Checkup:
    """Read the instance and diagnose it; the head is received but not deleted."""
    state = await client.state()
    settings = await client.settings()
    depth, head = None, None
    if state != "starting":  # a starting instance refuses the queue methods
        depth = await client.count()
        head = await client.receive(receive_timeout=5) if depth else None
    return Checkup(state, settings, depth, head, diagnose(state, settings, head, now()))


async def apply_settings(
    client: GreenApiClient,
    changes: dict[str, str],
    *,
    within: float = SETTLE_SECONDS,
    every: float = READ_BACK_EVERY,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> list[str]:
    """setSettings, then read the settings back until they hold. The names that still do not
    hold after `within` seconds ([] when all hold); GreenApiError if the server refuses."""
    await client.set_settings(changes)
    deadline = clock() + within
    while True:
        try:
            current = await client.settings()
        except (InstanceNotReadyError, RateLimitError, TransientError):
            current = {}  # rebooting or busy: read again at the next turn
        unset = [name for name, value in changes.items() if current.get(name) != value]
        if not unset or clock() >= deadline:
            return unset
        await sleep(every)
