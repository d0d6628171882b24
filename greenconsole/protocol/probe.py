"""Round-trip probes: POST a marked notification to the debug webhook, wait for it to come out
of the queue, and report the latency and any difference between what went in and what came out.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from greenconsole.jsondiff import Kind, diff
from greenconsole.protocol.client import GreenApiClient, http_client, post_webhook
from greenconsole.protocol.notification import Notification

PROBE_PREFIX = "PROBE-"


def probe_body(id_instance: int) -> dict[str, Any]:
    """A text notification whose idMessage marks it as a probe."""
    return {
        "typeWebhook": "incomingMessageReceived",
        "instanceData": {
            "idInstance": id_instance,
            "wid": "probe@c.us",
            "typeInstance": "whatsapp",
        },
        "timestamp": int(time.time()),
        "idMessage": f"{PROBE_PREFIX}{uuid.uuid4()}",
        "senderData": {"chatId": "probe@c.us", "sender": "probe@c.us", "senderName": "probe"},
        "messageData": {
            "typeMessage": "textMessage",
            "textMessageData": {"textMessage": "Green Console round-trip probe ✓"},
        },
    }


def is_probe(body: dict[str, Any]) -> bool:
    """True for a notification made by `probe_body`."""
    return str(body.get("idMessage", "")).startswith(PROBE_PREFIX)


def differences(sent: Any, received: Any, path: str = "body") -> list[str]:
    """Paths where `received` differs from `sent` ("body.x: missing", "…: added",
    "…: changed"), sorted."""
    words = {Kind.REMOVED: "missing", Kind.ADDED: "added", Kind.CHANGED: "changed"}
    changes = diff(sent, received, path).changes
    return sorted(f"{change.path}: {words[change.kind]}" for change in changes)


PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def value_at(document: Any, path: str) -> Any:
    """The value at a `differences` path ("body.a.b[0]", root = `document`); MISSING if none."""
    value = document
    for key, index in PATH_PART.findall(path.removeprefix("body")):
        try:
            value = value[int(index)] if index else value[key]
        except (KeyError, IndexError, TypeError):
            return MISSING
    return value


MISSING = object()
"""What `value_at` returns for a path the document does not have."""


@dataclass
class ProbeResult:
    """One probe: its latency in ms (None while lost) and what changed on the way; `late` when
    it came after it had been reported lost."""

    id_message: str
    latency_ms: float | None = None
    changes: list[str] = field(default_factory=list)
    sent: dict[str, Any] | None = None
    received: dict[str, Any] | None = None
    late: bool = False

    @property
    def ok(self) -> bool:
        """Seen in time and unchanged."""
        return self.latency_ms is not None and not self.changes and not self.late


@dataclass
class _Pending:
    sent_at: float  # perf_counter seconds
    due: float  # reported lost after this
    body: dict[str, Any]


class ProbeTracker:
    """Probes sent from the window: matched when they come out of the queue, or overdue.

    A lost probe that comes after all becomes a late result (the lost count drops); while the
    user holds the head on purpose the probes behind it are waiting, not lost."""

    def __init__(
        self,
        timeout: float = 10.0,
        keep: int = 200,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.timeout = timeout
        self.clock = clock
        """Seconds, monotonic: when probes are sent, arrive and become overdue."""
        self._pending: dict[str, _Pending] = {}
        self._lost: dict[str, _Pending] = {}
        self.results: list[ProbeResult] = []
        self._keep = keep

    def sent(self, body: dict[str, Any], at: float | None = None) -> None:
        """Remember a probe that was POSTed (at `at`, in `clock` seconds)."""
        sent_at = self.clock() if at is None else at
        self._pending[body["idMessage"]] = _Pending(sent_at, sent_at + self.timeout, body)

    def arrived(self, body: dict[str, Any], at: float | None = None) -> ProbeResult | None:
        """The result for a received probe of ours (None for anything else)."""
        key = str(body.get("idMessage", ""))
        late = key in self._lost
        entry = self._lost.pop(key, None) if late else self._pending.pop(key, None)
        if entry is None:
            return None
        now = self.clock() if at is None else at
        result = ProbeResult(
            key,
            (now - entry.sent_at) * 1000,
            differences(entry.body, body),
            entry.body,
            body,
            late,
        )
        places = [n for n, r in enumerate(self.results) if late and r.id_message == key]
        if places:  # in the place of its lost result, so the newest probe stays the newest
            self.results[places[0]] = result
        else:
            self._add(result)
        return result

    def overdue(self, now: float | None = None, holding: bool = False) -> list[str]:
        """Probes not seen in time (reported once: they become lost results). `holding`: the
        user holds the head on purpose, so every probe waits behind it and gets a whole
        `timeout` again once the head is let go."""
        now = self.clock() if now is None else now
        if holding:
            for entry in self._pending.values():
                entry.due = max(entry.due, now + self.timeout)
            return []
        late = [key for key, entry in self._pending.items() if now > entry.due]
        for key in late:
            self._lost[key] = entry = self._pending.pop(key)
            self._add(ProbeResult(key, sent=entry.body))
        while len(self._lost) > self._keep:
            del self._lost[next(iter(self._lost))]
        return late

    def waiting(self) -> int:
        """How many probes were sent and are not out of the queue yet (lost ones excluded)."""
        return len(self._pending)

    def alarm(self) -> ProbeResult | None:
        """The newest probe when it is lost: ends when it comes late or a newer one comes."""
        newest = self.results[-1] if self.results else None
        return newest if newest is not None and newest.latency_ms is None else None

    def _add(self, result: ProbeResult) -> None:
        self.results = [*self.results[-(self._keep - 1) :], result]

    def histogram(
        self, edges: tuple[float, ...] = (5, 10, 25, 50, 100, 250, 1000)
    ) -> list[tuple[str, int]]:
        """(bucket label, count) of the recent latencies; lost probes in a last bucket."""
        seen = [r.latency_ms for r in self.results if r.latency_ms is not None]
        buckets, low = [], 0.0
        for high in edges:
            buckets.append((f"{low:g}–{high:g} ms", sum(low <= v < high for v in seen)))
            low = high
        buckets.append((f"≥ {low:g} ms", sum(v >= low for v in seen)))
        buckets.append(("lost", sum(r.latency_ms is None for r in self.results)))
        return buckets


class QueueBlocked(Exception):
    """The head of the queue is not a probe; probes cannot get past it without deleting it.

    `left_behind`: a probe was already posted and stays queued behind that head."""

    def __init__(self, message: str, left_behind: bool) -> None:
        super().__init__(message)
        self.left_behind = left_behind


def _blocked(notification: Notification, left_behind: bool) -> QueueBlocked:
    kind = notification.type_webhook or "no typeWebhook"
    return QueueBlocked(f"receipt {notification.receipt_id} ({kind}) is at the head", left_behind)


async def run_probe(
    client: GreenApiClient, http: httpx.AsyncClient, webhook_url: str, timeout: float = 10.0
) -> ProbeResult:
    """Send one probe and wait for it; deletes only probes, never another notification."""
    body = probe_body(client.id_instance)
    result = ProbeResult(body["idMessage"])
    sent_at = time.perf_counter()
    answer = await post_webhook(http, webhook_url, body)
    if not answer.ok:
        result.changes.append(f"POST answered HTTP {answer.status}: {answer.text[:200]}")
        return result
    deadline = sent_at + timeout
    while (left := deadline - time.perf_counter()) > 0:
        notification = await client.receive(max(5, min(60, int(left) + 1)))
        if notification is None:
            continue
        if not is_probe(notification.body):
            raise _blocked(notification, left_behind=True)
        await client.delete(notification.receipt_id)
        if notification.body.get("idMessage") == result.id_message:
            result.latency_ms = (time.perf_counter() - sent_at) * 1000
            result.changes = differences(body, notification.body)
            return result
    return result


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values` (share in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def run_probes(
    client: GreenApiClient, webhook_url: str, count: int, timeout: float = 10.0, pause: float = 0.0
) -> list[ProbeResult]:
    """`count` probes one after another. A foreign head already queued (as far as the lagging
    getWebhooksCount tells) stops the run before anything is posted."""
    if await client.count():
        head = await client.receive(5)
        if head is not None and not is_probe(head.body):
            raise _blocked(head, left_behind=False)
    results = []
    async with http_client(timeout=15) as http:
        for number in range(count):
            if number and pause:
                await asyncio.sleep(pause)
            results.append(await run_probe(client, http, webhook_url, timeout))
    return results
