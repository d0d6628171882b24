"""Export, import and replay of captured notifications (JSON Lines or a JSON array)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from greenconsole.jsontext import dumps
from greenconsole.protocol.client import WebhookResponse, post_webhook
from greenconsole.redact import redact

MAX_REPLAY_GAP = 10.0
"""--pace original waits the captured gaps, but never longer than this between two posts."""
MAX_REPORTED_ERRORS = 10


@dataclass(frozen=True, slots=True)
class Exported:
    """One notification as exported: what was received, when, and its receipt."""

    receipt_id: int | None
    received_at: float
    body: dict[str, Any]

    def redacted(self) -> Exported:
        """The same item with phone numbers masked (what exports write by default)."""
        return Exported(self.receipt_id, self.received_at, redact(self.body))

    def to_json(self) -> dict[str, Any]:
        """The export object: {"receiptId", "receivedAt" (ISO 8601 UTC), "body"}."""
        return {
            "receiptId": self.receipt_id,
            "receivedAt": iso(self.received_at),
            "body": self.body,
        }


class ImportFileError(ValueError):
    """A file that cannot be imported; the message lists the bad lines. Nothing was imported."""


def iso(seconds: float) -> str:
    """2026-11-25T08:30:00.123Z"""
    stamp = datetime.fromtimestamp(seconds, UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def from_raw(receipt_id: int | None, received_at: float, raw: str) -> Exported:
    """An export item from a journal capture of a notification (its answer as received)."""
    answer = json.loads(raw)
    return Exported(answer.get("receiptId", receipt_id), received_at, answer["body"])


def json_lines(items: Iterable[Exported]) -> Iterator[str]:
    """One JSON line per item, non-ASCII text as is (lone surrogates escaped)."""
    for item in items:
        yield dumps(item.to_json(), compact=False) + "\n"


def json_array(items: Iterable[Exported]) -> str:
    """A pretty JSON array of the items."""
    return dumps([item.to_json() for item in items], indent=2) + "\n"


def _item(value: Any, where: str) -> Exported:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: not a JSON object")
    if "body" not in value and isinstance(value.get("typeWebhook"), str):
        return Exported(None, time.time(), value)  # a bare notification body
    body = value.get("body")
    if not isinstance(body, dict):
        raise ValueError(f'{where}: no "body" object')
    receipt_id = value.get("receiptId")
    if receipt_id is not None and (not isinstance(receipt_id, int) or isinstance(receipt_id, bool)):
        raise ValueError(f"{where}: receiptId is not an integer")
    received_at = value.get("receivedAt", time.time())
    if isinstance(received_at, str):
        try:
            received_at = datetime.fromisoformat(received_at.replace("Z", "+00:00")).timestamp()
        except ValueError:
            raise ValueError(f"{where}: receivedAt is not an ISO 8601 time") from None
    elif not isinstance(received_at, int | float) or isinstance(received_at, bool):
        raise ValueError(f"{where}: receivedAt is not a time")
    return Exported(receipt_id, float(received_at), body)


def parse_import(text: str, source: str) -> list[Exported]:
    """Items of an exported file (JSON array or JSON Lines; bare bodies too).

    All or nothing: any bad line raises ImportFileError naming every bad line (up to ten).
    """
    stripped = text.lstrip()
    errors: list[str] = []
    items: list[Exported] = []
    if stripped.startswith("["):
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                f"{source}: line {exc.lineno}: invalid JSON ({exc.msg})"
            ) from None
        numbered = [(f"item {n}", value) for n, value in enumerate(values, 1)]
    else:
        numbered = []
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                numbered.append((f"line {number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                errors.append(f"line {number}: invalid JSON ({exc.msg})")
    for where, value in numbered:
        try:
            items.append(_item(value, where))
        except ValueError as exc:
            errors.append(str(exc))
    if errors:
        shown = "; ".join(errors[:MAX_REPORTED_ERRORS])
        more = f" (and {len(errors) - MAX_REPORTED_ERRORS} more)" if len(errors) > 10 else ""
        raise ImportFileError(
            f"{source}: {len(errors)} bad item(s), nothing imported: {shown}{more}"
        )
    if not items:
        raise ImportFileError(f"{source}: no notification found")
    return items


async def replay(
    http: httpx.AsyncClient,
    url: str,
    items: list[Exported],
    pace: str = "fast",
    on_sent: Callable[[int, WebhookResponse], Any] | None = None,
) -> int:
    """POST the bodies in order; `pace="original"` keeps the captured gaps (capped).

    Stops at the first answer that is not 2xx; returns how many were accepted.
    """
    sent = 0
    for index, item in enumerate(items):
        if pace == "original" and index:
            gap = item.received_at - items[index - 1].received_at
            await asyncio.sleep(min(max(gap, 0.0), MAX_REPLAY_GAP))
        response = await post_webhook(http, url, item.body)
        if on_sent is not None:
            on_sent(index, response)
        if not response.ok:
            break
        sent += 1
    return sent
