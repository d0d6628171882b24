"""The notification model and the parsing of a receiveNotification answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from greenconsole import jsontext
from greenconsole.protocol.errors import ProtocolError


@dataclass(frozen=True, slots=True)
class Notification:
    """One queue entry: the receipt to delete it with and the webhook body."""

    receipt_id: int
    body: dict[str, Any]
    raw: str = ""
    """The answer exactly as received (kept by the journal)."""

    @property
    def type_webhook(self) -> str:
        """The body's typeWebhook, or "" when it has none."""
        value = self.body.get("typeWebhook")
        return value if isinstance(value, str) else ""

    @property
    def answer(self) -> str:
        """The answer as received, or as compact JSON for one made here (an import, a test)."""
        return self.raw or jsontext.dumps({"receiptId": self.receipt_id, "body": self.body})


def parse_receive_answer(content: bytes) -> Notification | None:
    """Parse a 200 answer of receiveNotification; `None` when the wait ended empty.

    An empty body and a JSON `null` both mean "nothing". Anything that is not an object with an
    integer receiptId and an object body raises `ProtocolError` carrying the raw text.
    """
    if not content.strip():
        return None
    try:
        data = jsontext.loads(content)  # strict, and never a RecursionError on deep nesting
    except jsontext.JsonTextError as exc:
        raise _malformed(f"not JSON ({exc})", content) from None
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _malformed(f"a JSON {type(data).__name__}, not an object", content)
    receipt_id = data.get("receiptId")
    if not isinstance(receipt_id, int) or isinstance(receipt_id, bool):
        raise _malformed("no integer receiptId", content)
    body = data.get("body")
    if not isinstance(body, dict):
        raise _malformed(f"receipt {receipt_id} has no object body", content)
    return Notification(receipt_id, body, content.decode("utf-8", errors="replace"))


def _malformed(reason: str, content: bytes) -> ProtocolError:
    raw = content.decode("utf-8", errors="replace")
    return ProtocolError(f"malformed notification: {reason}", raw=raw)
