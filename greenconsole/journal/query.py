"""The feed's filter language: one parser, a Python test for rows in memory and its SQL twin for
the journal.

A filter is terms separated by spaces; every term must match (AND), `OR` between two terms
makes either do, and OR binds tighter than AND: `a b OR c` is a AND (b OR c). `-term` or
`NOT term` negates one term (NOT binds tightest). No parentheses.

A term is free text (a case-insensitive substring of the row's columns; `"quoted text"` is one
term, spaces and all) or `key:value`, where key is, in any case:
  type:incomingCall          the typeWebhook, exact (`type~call`: contains)
  chat:7900                  the chat contains it
  id:3EB0…  id:1234          the idMessage or the receiptId, exact (`id~3EB0`: contains)
  since:-15m  until:2026-11-25T08:30   received from / until (ISO date/time, or -30s -15m -2h -1d)
  shape:bad | ok | unknown   differs from its documented shape / does not / kind not documented
or a dotted path into the notification body (a leading `body.` is allowed; `[0]` indexes a
list; keys are case-sensitive, as in JSON):
  messageData.typeMessage:imageMessage   the value there, exactly
  body.senderData.chatName~john          the value there contains it
Values match case-insensitively; a number, true, false or null matches its JSON text; an object
or a list never matches. A term is `key:value` only when key starts it and is made of letters,
digits, `_`, dots and `[n]`, and a value follows: `12:30`, `http://…` and `status: read` are
free text. Any other `word:value` is an error naming the word (quote it to search the text).
Type, chat and id compare ASCII letters case-insensitively; free text and body values use full
Unicode case folding (both the same way in SQL and in Python).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from greenconsole.invisibles import escape_cut
from greenconsole.jsontext import valid_text
from greenconsole.marks import QT_TRANSLATE_NOOP
from greenconsole.shapes import UNKNOWN_KIND

RELATIVE = re.compile(r"^-(\d+(?:\.\d+)?)([smhd])$")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
SHAPES = ("bad", "ok", "unknown")
KEYS = ("type", "chat", "id", "since", "until", "shape")
"""The named keys (a dotted path is the other kind of key)."""
PATH = r"[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*(?:\.[A-Za-z0-9_]+(?:\[\d+\])*)*"
FIELD = re.compile(rf"^({PATH})([:~])(.*)$", re.DOTALL)
TOKEN = re.compile(r'(?:"[^"]*"?|[^\s"])+')
"""A term: a run of non-spaces, where a quoted part may hold spaces."""
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
MISSING = object()


OR_FIRST = QT_TRANSLATE_NOOP("Filter", "OR at the start: put OR between two terms")
OR_AFTER = QT_TRANSLATE_NOOP("Filter", "OR after {term}: put OR between two terms")
AT_END = QT_TRANSLATE_NOOP("Filter", "{term} at the end: a term must follow it")
UNKNOWN_KEY = QT_TRANSLATE_NOOP(
    "Filter",
    '{key}{operator}: unknown key "{key}"; known keys: {keys}, or a path into the body like '
    'body.{key} or messageData.typeMessage; to search the text, quote it: "{token}"',
)
NO_VALUE = QT_TRANSLATE_NOOP("Filter", "{key}{operator}: a value must follow it")
NO_CONTAINS = QT_TRANSLATE_NOOP("Filter", "{token}: {key} takes {key}:value, not ~")
BAD_SHAPE = QT_TRANSLATE_NOOP("Filter", "{token}: expected shape:bad, shape:ok or shape:unknown")
BAD_TIME = QT_TRANSLATE_NOOP(
    "Filter", "{value}: expected a date/time like 2026-11-25T08:30 or -15m"
)
UNCLOSED = QT_TRANSLATE_NOOP("Filter", "{token}: a quote is not closed")
HALF_CHARACTER = QT_TRANSLATE_NOOP(
    "Filter", "{token}: holds half a character (a lone surrogate), which no text contains"
)
TOO_MANY = QT_TRANSLATE_NOOP("Filter", "{count} terms: a filter takes at most {most}")
MAX_TERMS = 100
"""Terms a filter may have (the SQL of each is a level of SQLite's expression tree)."""
SHOWN_CHARS = 80
"""How much of a term an error message quotes (escaped: invisible characters show)."""


class QueryError(ValueError):
    """A filter term that cannot be understood; the message names it. `template` (marked for
    the window's "Filter" translation context) and `params` make the message."""

    def __init__(self, template: str, **params: str) -> None:
        params = {name: escape_cut(value, SHOWN_CHARS) for name, value in params.items()}
        super().__init__(template.format(**params))
        self.template = template
        self.params = params


class Row(Protocol):
    """What a filter looks at in a row held in memory (a feed row)."""

    haystack: str
    type_webhook: str
    chat: str
    id_message: str
    receipt_id: int | None
    received_at: float
    shape_errors: int | None
    shape_notes: str
    body: dict[str, Any] | None


def ascii_lower(text: str) -> str:
    """Lower case in A–Z only: what SQLite's lower() and NOCASE do."""
    return text.translate(ASCII_LOWER)


def scalar_text(value: Any) -> str | None:
    """What a body value is matched as: a string casefolded, a number, true, false or null as
    JSON writes it; None for an object, a list or a missing value."""
    if isinstance(value, str):
        return value.casefold()
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return None


def field_matches(value: Any, needle: str, contains: bool) -> bool:
    """Whether a body value is `needle` (casefolded), or contains it."""
    text = scalar_text(value)
    if text is None:
        return False
    return needle in text if contains else text == needle


def sql_field_matches(json_text: str | None, needle: str, contains: int) -> int:
    """`field_matches` for SQLite (`gc_field`): the value as `raw -> path` gives it."""
    if json_text is None or json_text[:1] in ("{", "["):
        return 0
    return int(field_matches(json.loads(json_text), needle, bool(contains)))


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
        raise QueryError(BAD_TIME, value=f"'{value}'") from None


@dataclass(frozen=True)
class Term:
    """One condition: `kind` is "text", a key of KEYS or "path"; `value` is casefolded text
    (seconds for since/until)."""

    kind: str
    value: Any
    contains: bool = False
    path: tuple[str | int, ...] = ()
    """Keys and list indexes into the body, for a "path" term."""
    negated: bool = False

    def test(self, row: Row) -> bool:
        """This term on a row in memory."""
        return self._test(row) != self.negated

    def _test(self, row: Row) -> bool:
        kind, value = self.kind, self.value
        if kind == "text":
            return bool(value in row.haystack)
        if kind == "type":
            folded = ascii_lower(row.type_webhook)
            return value in folded if self.contains else folded == value
        if kind == "chat":
            return bool(value in ascii_lower(row.chat))
        if kind == "id":
            receipt = "" if row.receipt_id is None else str(row.receipt_id)
            own = ascii_lower(row.id_message)
            if self.contains:
                return value in own or value in receipt
            return value in (own, receipt)
        if kind == "since":
            return bool(row.received_at >= value)
        if kind == "until":
            return bool(row.received_at <= value)
        if kind == "shape":
            return shape_matches(value, row.shape_errors, row.shape_notes)
        found = _walk(row.body, self.path)
        return found is not MISSING and field_matches(found, value, self.contains)

    def sql(self) -> tuple[str, list[Any]]:
        """This term as an SQL condition over captures (and `raw` of bodies, for a path)."""
        condition, args = self._sql()
        # coalesce: a NULL column must not turn NOT into "no row" (Python says True there)
        return f"{'NOT ' if self.negated else ''}coalesce({condition}, 0)", args

    def _sql(self) -> tuple[str, list[Any]]:
        kind, value = self.kind, self.value
        if kind == "text":
            return "instr(haystack, ?) > 0", [value]
        if kind == "type":
            if self.contains:
                return "instr(lower(type_webhook), ?) > 0", [value]
            return "type_webhook = ? COLLATE NOCASE", [value]
        if kind == "chat":
            return "instr(lower(chat), ?) > 0", [value]
        if kind == "id":
            if self.contains:
                return (
                    "(instr(lower(id_message), ?) > 0 OR instr(CAST(receipt_id AS TEXT), ?) > 0)",
                    [value, value],
                )
            return "(lower(id_message) = ? OR CAST(receipt_id AS TEXT) = ?)", [value, value]
        if kind == "since":
            return "received_at >= ?", [value]
        if kind == "until":
            return "received_at <= ?", [value]
        if kind == "shape":
            if value == "unknown":
                return "instr(shape_notes, ?) > 0", [UNKNOWN_KIND]
            return ("shape_errors > 0" if value == "bad" else "shape_errors = 0"), []
        json_path = "$.body" + "".join(
            f"[{key}]" if isinstance(key, int) else f".{key}" for key in self.path
        )
        # A string of printable ASCII is decided in SQL (lower() is casefold there, and SQLite
        # releases the GIL while it scans); any other value goes to the Python rule.
        test = "instr(lower(raw ->> ?), ?) > 0" if self.contains else "lower(raw ->> ?) = ?"
        return (
            "CASE WHEN malformed != 0 THEN 0 "
            "ELSE CASE coalesce(json_type(raw, ?), '') WHEN '' THEN 0 "
            f"WHEN 'text' THEN CASE WHEN (raw ->> ?) GLOB '*[^ -~]*' "
            f"THEN gc_field(raw -> ?, ?, ?) ELSE {test} END "
            "ELSE gc_field(raw -> ?, ?, ?) END END",
            [
                *(json_path, json_path, json_path, value, int(self.contains)),
                *(json_path, value),
                *(json_path, value, int(self.contains)),
            ],
        )


def _walk(body: Any, path: tuple[str | int, ...]) -> Any:
    """The value at `path` in a body, or MISSING."""
    value = body
    for key in path:
        if isinstance(key, int):
            if not isinstance(value, list) or key >= len(value):
                return MISSING
        elif not isinstance(value, dict) or key not in value:
            return MISSING
        value = value[key]
    return value


@dataclass(frozen=True)
class Query:
    """A parsed filter: every clause must hold, a clause holds when any of its terms does."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    instance: int | None = None
    """Set by a connection tab (its journal scope), not by the filter language."""

    @property
    def empty(self) -> bool:
        """True when the query matches everything."""
        return not self.clauses

    @property
    def reads_bodies(self) -> bool:
        """True when a term looks into the notification body (the journal reads `bodies`)."""
        return any(term.kind == "path" for clause in self.clauses for term in clause)

    def matches(self, row: Row) -> bool:
        """The same test the journal's SQL makes, for a row held in memory."""
        return all(any(term.test(row) for term in clause) for clause in self.clauses)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL twin of `matches`: a condition over captures joined with bodies ("1" when
        empty; the caller adds the instance)."""
        parts: list[str] = []
        args: list[Any] = []
        for clause in self.clauses:
            sqls = [term.sql() for term in clause]
            parts.append("(" + " OR ".join(sql for sql, _ in sqls) + ")")
            args += [arg for _, term_args in sqls for arg in term_args]
        return (" AND ".join(parts) or "1"), args


def parse_query(text: str, type_webhook: str = "", now: float | None = None) -> Query:
    """Parse the filter box (and the type drop-down's choice); raises QueryError naming the
    term that cannot be understood."""
    clauses: list[list[Term]] = []
    pending_or = False
    negate = False
    last = ""
    tokens = TOKEN.findall(text)
    count = sum(token not in ("OR", "NOT") for token in tokens)
    if count > MAX_TERMS:
        raise QueryError(TOO_MANY, count=str(count), most=str(MAX_TERMS))
    for token in tokens:
        if token == "OR":
            if not clauses:
                raise QueryError(OR_FIRST)
            if pending_or or negate:
                raise QueryError(OR_AFTER, term=last)
            pending_or = True
        elif token == "NOT":
            negate = not negate
        else:
            term = _term(token, negate, now)
            if pending_or:
                clauses[-1].append(term)
            else:
                clauses.append([term])
            pending_or = negate = False
        last = token
    if pending_or or negate:
        raise QueryError(AT_END, term=last)
    if type_webhook:
        clauses.append([Term("type", ascii_lower(type_webhook))])
    return Query(tuple(tuple(clause) for clause in clauses))


def _term(token: str, negated: bool, now: float | None) -> Term:
    """One term as typed (`-` and quotes included)."""
    if valid_text(token) != token:
        raise QueryError(HALF_CHARACTER, token=token)
    if token.startswith("-") and len(token) > 1:
        token, negated = token[1:], not negated
    field = FIELD.match(token)
    if field is None or field.group(3).startswith("//"):  # http://… is text
        return Term("text", _unquote(token, token).casefold(), negated=negated)
    key, operator, value = field.groups()
    named = key.lower()
    is_path = "." in key or "[" in key
    if named not in KEYS and not is_path:
        if not value:
            return Term("text", _unquote(token, token).casefold(), negated=negated)
        raise QueryError(UNKNOWN_KEY, key=key, operator=operator, keys=", ".join(KEYS), token=token)
    value = _unquote(value, token)
    if not value:
        raise QueryError(NO_VALUE, key=key, operator=operator)
    contains = operator == "~"
    if is_path:
        return Term("path", value.casefold(), contains, _path(key), negated)
    if contains and named not in ("type", "chat", "id"):
        raise QueryError(NO_CONTAINS, token=token, key=named)
    if named in ("since", "until"):
        return Term(named, parse_time(value, now), negated=negated)
    if named == "shape":
        if value.lower() not in SHAPES:
            raise QueryError(BAD_SHAPE, token=token)
        return Term(named, value.lower(), negated=negated)
    return Term(named, ascii_lower(value), contains, negated=negated)


def _unquote(value: str, token: str) -> str:
    """The text of a value or a free-text term without its quotes."""
    if value.count('"') % 2:
        raise QueryError(UNCLOSED, token=token)
    return value.replace('"', "")


def _path(key: str) -> tuple[str | int, ...]:
    """Keys and indexes of a dotted path (a leading `body.` names the body itself)."""
    parts: list[str | int] = []
    for segment in key.split("."):
        name, *indexes = segment.replace("]", "").split("[")
        parts += [name, *(int(index) for index in indexes)]
    return tuple(parts[1:] if parts[0] == "body" and len(parts) > 1 else parts)
