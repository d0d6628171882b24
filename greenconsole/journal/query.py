"""The feed's filter language, shared by the journal search and the in-memory filter.

Free text matches any column (case-insensitive substring); `type:`, `chat:`, `id:` (idMessage or
receiptId), `since:` and `until:` (ISO date/time, or relative like -15m, -2h, -1d) narrow it;
`shape:bad` keeps the notifications that differ from their documented shape, `shape:ok` those
that do not, `shape:unknown` those of a kind the docs do not name.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime

from greenconsole.shapes import UNKNOWN_KIND

RELATIVE = re.compile(r"^-(\d+(?:\.\d+)?)([smhd])$")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
SHAPES = ("bad", "ok", "unknown")


class QueryError(ValueError):
    """A filter term that cannot be understood; the message names it."""


@dataclass(frozen=True)
class Query:
    """A parsed filter; empty fields match everything."""

    text: str = ""
    type_webhook: str = ""
    chat: str = ""
    ident: str = ""
    since: float | None = None
    until: float | None = None
    shape: str = ""
    """"bad", "ok" or "unknown" (see the module docstring)."""
    instance: int | None = None
    """Set by a connection tab (its journal scope), not by the filter language."""

    @property
    def empty(self) -> bool:
        """True when the query matches everything."""
        return self == Query(instance=self.instance)

    def matches(
        self,
        haystack: str,
        type_webhook: str,
        chat: str,
        id_message: str,
        receipt_id: int | None,
        received_at: float,
        shape_errors: int | None = None,
        shape_notes: str = "",
    ) -> bool:
        """The same test the journal's SQL makes, for rows held in memory."""
        if self.shape and not shape_matches(self.shape, shape_errors, shape_notes):
            return False
        if self.text and self.text not in haystack:
            return False
        if self.type_webhook and type_webhook != self.type_webhook:
            return False
        if self.chat and self.chat not in chat.casefold():
            return False
        if self.ident and self.ident not in (id_message.casefold(), str(receipt_id)):
            return False
        if self.since is not None and received_at < self.since:
            return False
        return self.until is None or received_at <= self.until


def shape_matches(shape: str, shape_errors: int | None, shape_notes: str) -> bool:
    """Whether a capture's shape check is what `shape:` asks for."""
    if shape == "unknown":
        return UNKNOWN_KIND in shape_notes
    if shape_errors is None:
        return False  # not checked (a malformed answer)
    return shape_errors > 0 if shape == "bad" else shape_errors == 0


def parse_time(value: str, now: float | None = None) -> float:
    """Seconds since the epoch from ISO 8601 (local time unless it says otherwise) or -15m."""
    now = time.time() if now is None else now
    relative = RELATIVE.match(value)
    if relative:
        return now - float(relative.group(1)) * UNITS[relative.group(2)]
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise QueryError(f"{value!r}: expected a date/time like 2026-11-25T08:30 or -15m") from None


def parse_query(text: str, type_webhook: str = "", now: float | None = None) -> Query:
    """Parse the filter box; raises QueryError naming a bad term."""
    words = []
    fields = {"type": type_webhook, "chat": "", "id": "", "since": "", "until": "", "shape": ""}
    for token in text.split():
        key, sep, value = token.partition(":")
        if sep and key.lower() in fields and value:
            fields[key.lower()] = value
        else:
            words.append(token)
    since = parse_time(fields["since"], now) if fields["since"] else None
    until = parse_time(fields["until"], now) if fields["until"] else None
    shape = fields["shape"].lower()
    if shape and shape not in SHAPES:
        raise QueryError(f"shape:{fields['shape']}: expected shape:bad, shape:ok or shape:unknown")
    return Query(
        " ".join(words).casefold(),
        fields["type"],
        fields["chat"].casefold(),
        fields["id"].casefold(),
        since,
        until,
        shape,
    )
