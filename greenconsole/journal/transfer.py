"""Export, import and replay of captured notifications (JSON Lines or a JSON array)."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO, TextIO

import httpx

from greenconsole import jsontext
from greenconsole.protocol.client import WebhookResponse, post_webhook
from greenconsole.redact import first_masked, redact
from greenconsole.textline import text_line

MAX_REPLAY_GAP = 10.0
"""--pace original waits the captured gaps, but never longer than this between two posts."""
MAX_REPORTED_ERRORS = 10
MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Largest file (or standard input) read for import, replay or send: ~100,000 notifications."""


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
    answer = jsontext.loads(raw)  # strict: what cannot be written back is refused here
    return Exported(answer.get("receiptId", receipt_id), received_at, answer["body"])


def open_private(path: str) -> TextIO:
    """`path` opened for writing UTF-8 text, readable by its owner only (0600, an existing file
    too): an export holds what was received, in clear when asked."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
    except OSError:
        os.close(descriptor)
        raise
    return open(descriptor, "w", encoding="utf-8")


def json_lines(items: Iterable[Exported]) -> Iterator[str]:
    """One JSON line per item, non-ASCII text as is (lone surrogates escaped)."""
    for item in items:
        yield jsontext.dumps(item.to_json(), compact=False) + "\n"


def text_lines(items: Iterable[Exported]) -> Iterator[str]:
    """One human line per item (`receive --format text`'s), after any redaction."""
    for item in items:
        yield text_line(item.receipt_id, item.body) + "\n"


def json_array(items: Iterable[Exported]) -> str:
    """A pretty JSON array of the items."""
    return jsontext.dumps([item.to_json() for item in items], indent=2) + "\n"


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


def read_input(handle: BinaryIO, source: str) -> str:
    """A whole input as text: at most `MAX_INPUT_BYTES`, UTF-8 (a BOM in front is dropped).

    ImportFileError says when it is too large, or names the line of its first byte that is not
    UTF-8.
    """
    data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ImportFileError(f"{source}: larger than {MAX_INPUT_BYTES >> 20} MiB, nothing read")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(f"{source}: line {line}: not UTF-8 (byte {exc.start})") from None


def json_values(text: str, source: str) -> tuple[list[tuple[str, Any]], list[str]]:
    """The values of one JSON document (an array: its items) or of JSON Lines, each with where
    it was ("item 3", "line 7"), and the JSON Lines that are not strict JSON (`jsontext`).

    A single document that is not strict JSON raises ImportFileError.
    """
    if _one_document(text):
        try:
            value = jsontext.loads(text)
        except jsontext.JsonTextError as exc:
            raise ImportFileError(f"{source}: invalid JSON ({exc})") from None
        if isinstance(value, list):
            return [(f"item {number}", item) for number, item in enumerate(value, 1)], []
        first = len(text) - len(text.lstrip())
        return [(f"line {text.count(chr(10), 0, first) + 1}", value)], []
    values, errors = [], []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                values.append((f"line {number}", jsontext.loads(line)))
            except jsontext.JsonTextError as exc:
                errors.append(f"line {number}: invalid JSON ({exc})")
    return values, errors


def raise_if_bad(errors: list[str], source: str) -> None:
    """ImportFileError listing up to ten of `errors`, if there are any."""
    if errors:
        shown = "; ".join(errors[:MAX_REPORTED_ERRORS])
        more = len(errors) - MAX_REPORTED_ERRORS
        raise ImportFileError(
            f"{source}: {len(errors)} bad item(s), nothing taken: {shown}"
            + (f" (and {more} more)" if more > 0 else "")
        )


_SCANNER = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)


def _one_document(text: str) -> bool:
    """True unless `text` starts with a JSON value that is followed by more (JSON Lines), or its
    first line is broken (a broken JSON Lines file is reported line by line)."""
    stripped = text.lstrip()
    try:
        # only where it ends: numbers stay text (a huge integer is reported by jsontext)
        _, end = _SCANNER.raw_decode(stripped)
    except json.JSONDecodeError as exc:
        return exc.lineno > 1
    except RecursionError:
        return True
    return not stripped[end:].strip()


def parse_import(text: str, source: str) -> list[Exported]:
    """Items of an exported file (JSON array or JSON Lines; bare bodies too).

    All or nothing: any bad line raises ImportFileError naming every bad line (up to ten).
    """
    items: list[Exported] = []
    values, errors = json_values(text, source)
    for where, value in values:
        try:
            items.append(_item(value, where))
        except ValueError as exc:
            errors.append(str(exc))
    raise_if_bad(errors, source)
    if not items:
        raise ImportFileError(f"{source}: no notification found")
    return items


def load_import(path: str) -> list[Exported]:
    """`parse_import` of a file read with `read_input` (OSError if it cannot be opened)."""
    with open(path, "rb") as handle:
        return parse_import(read_input(handle, path), path)


@dataclass(frozen=True, slots=True)
class MaskedItem:
    """An item whose body holds a masked value: its number (from 1), receipt and the path."""

    number: int
    receipt_id: int | None
    path: str


def first_masked_item(items: Iterable[Exported]) -> MaskedItem | None:
    """The first item whose body went through masking (holds •••), or None: replaying it would
    post masked numbers as if they were real."""
    for number, item in enumerate(items, 1):
        path = first_masked(item.body)
        if path is not None:
            return MaskedItem(number, item.receipt_id, path)
    return None


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
