"""Round-trip probes: POST a marked notification to the debug webhook, wait for it to come out
of the queue, and report the latency and any difference between what went in and what came out.
"""

from __future__ import annotations

import asyncio
import math
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from greenconsole.protocol.client import GreenApiClient, post_webhook

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
    """Paths where `received` differs from `sent` (missing, added, or changed values)."""
    if isinstance(sent, dict) and isinstance(received, dict):
        found = []
        for key in sent.keys() | received.keys():
            where = f"{path}.{key}"
            if key not in received:
                found.append(f"{where}: missing")
            elif key not in sent:
                found.append(f"{where}: added")
            else:
                found += differences(sent[key], received[key], where)
        return sorted(found)
    if isinstance(sent, list) and isinstance(received, list) and len(sent) == len(received):
        return [
            d
            for n, (a, b) in enumerate(zip(sent, received, strict=True))
            for d in differences(a, b, f"{path}[{n}]")
        ]
    return [] if sent == received and type(sent) is type(received) else [f"{path}: changed"]


@dataclass
class ProbeResult:
    """One probe: its latency in ms (None when lost) and what changed on the way."""

    id_message: str
    latency_ms: float | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Seen in time and unchanged."""
        return self.latency_ms is not None and not self.changes


class QueueBlocked(Exception):
    """The head of the queue is not a probe; probes cannot get past it without deleting it."""


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
            raise QueueBlocked(
                f"receipt {notification.receipt_id} "
                f"({notification.type_webhook or 'no typeWebhook'}) is at the head"
            )
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
    """`count` probes one after another."""
    results = []
    async with httpx.AsyncClient(timeout=15) as http:
        for number in range(count):
            if number and pause:
                await asyncio.sleep(pause)
            results.append(await run_probe(client, http, webhook_url, timeout))
    return results
