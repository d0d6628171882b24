"""A capture run's events as JSON lines, and back: `greenconsole receive --format events` writes
them, the window's drain process reads them (no Qt here).

One object a line, `event` naming it: `received` (the capture as journaled, the body with the
instance's token masked, `again`/`earlier`/`tokenMasked` as in `Delivery`, the receive's time),
`deleted` (`result`: the API's answer, null with `error` when the request failed), `repeat`,
`empty` (a long poll ended with nothing), `polling` (after a wait), `retrying` (`delay` s,
`error`), `sequential`, `malformed` (its capture, `new`, `error`) and last `stopped` (`error`:
what ended the run, or null). Each line also carries the last request's time (`ms`, `wait`,
`empty`, `status`) once there was one. Errors keep their type, words and fields, so the reader
tells an AuthError from a TransientError as the writer did. The token is never in a line.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from greenconsole.capture import Delivery, Malformed
from greenconsole.journal.store import Capture
from greenconsole.protocol import errors
from greenconsole.protocol.client import RequestTiming
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.receive_loop import EventKind, LoopAbort, LoopEvent

ERROR_FIELDS = ("status", "template", "params", "reason", "retry_after", "body", "location")
"""An error's attributes carried with its type and message (those it has)."""
_PROTOCOL_FIELDS = ("raw", "length", "digest")
_CAPTURE_FIELDS = tuple(
    field.name for field in dataclasses.fields(Capture) if field.name != "haystack"
)


def encode_error(error: BaseException | None) -> dict[str, Any] | None:
    """An error as a JSON object: its type, its one-line message and its fields."""
    if error is None:
        return None
    encoded: dict[str, Any] = {"type": type(error).__name__, "message": str(error)}
    names = ERROR_FIELDS + (_PROTOCOL_FIELDS if isinstance(error, errors.ProtocolError) else ())
    for name in names:
        if hasattr(error, name):
            encoded[name] = getattr(error, name)
    return encoded


def decode_error(encoded: dict[str, Any] | None) -> Exception | None:
    """The error `encode_error` wrote: a protocol error of the same type and fields, a LoopAbort,
    or a plain Exception with the message."""
    if not encoded:
        return None
    message = str(encoded.get("message", ""))
    kind = getattr(errors, str(encoded.get("type", "")), None)
    if encoded.get("type") == "LoopAbort":
        return LoopAbort(message)
    if not (isinstance(kind, type) and issubclass(kind, errors.GreenApiError)):
        return Exception(message)
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.status, error.template, error.params = None, "", {}
    for name in ERROR_FIELDS + _PROTOCOL_FIELDS:
        if name in encoded:
            setattr(error, name, encoded[name])
    return error


def encode_capture(capture: Capture | None) -> dict[str, Any] | None:
    """A journal capture without its search text (the reader has the journal for that)."""
    if capture is None:
        return None
    return {name: getattr(capture, name) for name in _CAPTURE_FIELDS}


def decode_capture(encoded: dict[str, Any] | None) -> Capture | None:
    """The capture `encode_capture` wrote."""
    if encoded is None:
        return None
    fields = {name: encoded[name] for name in _CAPTURE_FIELDS if name in encoded}
    return Capture(**fields, haystack="")


def received(delivery: Delivery) -> dict[str, Any]:
    """The line of a notification handed over."""
    note = delivery.notification
    return {
        "event": "received",
        "receipt": note.receipt_id,
        "body": note.body,
        "capture": encode_capture(delivery.capture),
        "again": delivery.again,
        "earlier": delivery.earlier,
        "tokenMasked": delivery.token_masked,
    }


def timing_fields(timing: RequestTiming | None) -> dict[str, Any]:
    """The last request's time (`ms`, `wait`, `empty`, `status`), if there was one."""
    if timing is None:
        return {}
    return {"ms": timing.ms, "wait": timing.wait, "empty": timing.empty, "status": timing.status}


def loop_event(event: LoopEvent, capture: int | None) -> dict[str, Any]:
    """The line of a loop event; `capture`: the journal id of its receipt's capture."""
    line: dict[str, Any] = {"event": event.kind.value}
    if event.receipt_id is not None:
        line["receipt"], line["capture"] = event.receipt_id, capture
    if event.kind is EventKind.DELETED:
        line["result"] = event.result
    if event.error is not None:
        line["error"] = encode_error(event.error)
    if event.delay:
        line["delay"] = event.delay
    return line


def malformed(found: Malformed) -> dict[str, Any]:
    """The line of a malformed answer."""
    return {
        "event": "malformed",
        "capture": encode_capture(found.capture),
        "new": found.new,
        "error": encode_error(found.error),
    }


def decode(line: dict[str, Any]) -> Delivery | Malformed | LoopEvent | None:
    """What a line says, as the capture core said it; None for an event this reader does not
    know (a newer writer's)."""
    name = line.get("event")
    if name == "received":
        notification = Notification(int(line["receipt"]), dict(line["body"]))
        return Delivery(
            notification,
            decode_capture(line.get("capture")),
            bool(line.get("again")),
            line.get("earlier"),
            bool(line.get("tokenMasked")),
        )
    if name == "malformed":
        error = decode_error(line.get("error"))
        if not isinstance(error, errors.ProtocolError):
            error = errors.ProtocolError(str(error), raw="")
        return Malformed(error, decode_capture(line.get("capture")), bool(line.get("new")))
    try:
        kind = EventKind(str(name))
    except ValueError:
        return None
    return LoopEvent(
        kind,
        line.get("receipt"),
        line.get("result"),
        decode_error(line.get("error")),
        float(line.get("delay") or 0.0),
    )


def decode_timing(line: dict[str, Any]) -> RequestTiming | None:
    """The last request's time a line carries, if any."""
    if "ms" not in line:
        return None
    return RequestTiming(
        float(line["ms"]),
        int(line.get("wait") or 0),
        bool(line.get("empty")),
        int(line.get("status") or 200),
    )
