"""Two JSON values as aligned rows of pretty JSON, each row marked by how it differs. No Qt.

Both sides are written as `json.dumps(indent=2)` would, but line by line in pairs: a path that
only one side has gets an empty row (a filler) on the other side, so the same path is on the
same row on both sides (the right side's own keys come after the left side's). The marks come
from a `jsondiff.Diff`. Strings are cut at `STRING_LIMIT` characters and the rows at
`MAX_ROWS`, so a 20 MB body stays a bounded view.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice, zip_longest
from typing import Any

from greenconsole.jsondiff import (
    MISSING,
    Diff,
    Kind,
    children,
    container_pair,
    diff,
    preview,
    scalar,
)
from greenconsole.jsontext import MAX_DEPTH, child_path
from greenconsole.redact import redact

STRING_LIMIT = 2_000
"""Characters of a string value a row shows (then "…")."""
MAX_ROWS = 20_000
"""Rows shown at most; a longer pair of documents is cut there (`complete` is False)."""
INDENT = "  "


@dataclass(frozen=True, slots=True)
class Row:
    """One line of each side (None: that side has no line here) and the path it belongs to."""

    left: str | None
    right: str | None
    path: str
    mark: Kind | None = None


@dataclass(slots=True)
class SideBySide:
    """The aligned rows and where each path starts."""

    rows: list[Row]
    complete: bool = True
    starts: dict[str, int] = field(default_factory=dict)

    def row_of(self, path: str) -> int | None:
        """The row where `path` starts (None when the view was cut before it)."""
        return self.starts.get(path)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a diff window shows: the changes (found on the real values), the rows and each
    change's two values as text (masked when `masked`; "" for a missing side)."""

    changes: Diff
    view: SideBySide
    values: tuple[tuple[str, str], ...]
    masked: bool


def compare(left: Any, right: Any, masked: bool = False) -> Comparison:
    """Diff two bodies and lay them out (phone numbers and names masked with `masked`).

    Seconds for two 20 MB bodies: run it off the GUI thread.
    """
    changes = diff(left, right)
    if masked:
        left, right = redact(left, instance=True), redact(right, instance=True)

    def text(value: Any, key: str) -> str:
        if value is MISSING:
            return ""
        return preview(redact(value, key, instance=True) if masked else value)

    values = tuple((text(c.left, c.key), text(c.right, c.key)) for c in changes.changes)
    return Comparison(changes, side_by_side(left, right, changes), values, masked)


def side_by_side(
    left: Any, right: Any, changes: Diff, root: str = "body", max_rows: int = MAX_ROWS
) -> SideBySide:
    """The aligned pretty rows of `left` and `right` with `changes`' marks."""
    rows = _pair(root, "", left, right, 0, "", "", None, changes.kinds())
    found = list(islice(rows, max_rows + 1))
    view = SideBySide(found[:max_rows], complete=len(found) <= max_rows)
    for number, row in enumerate(view.rows):
        view.starts.setdefault(row.path, number)
    return view


def _pair(
    path: str,
    key: str,
    a: Any,
    b: Any,
    depth: int,
    comma_a: str,
    comma_b: str,
    mark: Kind | None,
    kinds: dict[str, Kind],
) -> Iterator[Row]:
    mark = mark or kinds.get(path)
    pad = INDENT * depth
    if container_pair(a, b) and mark is None and depth < MAX_DEPTH:
        opening = "{" if isinstance(a, dict) else "["
        closing = "}" if isinstance(a, dict) else "]"
        yield Row(
            pad + key + (opening if a else opening + closing + comma_a),
            pad + key + (opening if b else opening + closing + comma_b),
            path,
        )
        if not a and not b:
            return
        last_a, last_b = _last(a), _last_in_walk(b, a)
        for child, value_a, value_b in children(a, b):
            yield from _pair(
                child_path(path, child),
                "" if isinstance(child, int) else scalar(child, STRING_LIMIT) + ": ",
                value_a,
                value_b,
                depth + 1,
                "" if child == last_a else ",",
                "" if child == last_b else ",",
                None,
                kinds,
            )
        yield Row(
            pad + closing + comma_a if a else None, pad + closing + comma_b if b else None, path
        )
        return
    lines_a = _lines(a, depth, key, comma_a) if a is not MISSING else iter(())
    lines_b = _lines(b, depth, key, comma_b) if b is not MISSING else iter(())
    for line_a, line_b in zip_longest(lines_a, lines_b):
        yield Row(line_a, line_b, path, mark)


def _last(value: Any) -> str | int | None:
    """The key of the last member of an object or array (None when it is empty)."""
    if isinstance(value, dict):
        return next(reversed(value), None)
    return len(value) - 1 if value else None


def _last_in_walk(right: Any, left: Any) -> str | int | None:
    """The right value's last member in walk order (the left's keys first, then its own)."""
    if not isinstance(right, dict):
        return _last(right)
    own = next((key for key in reversed(right) if key not in left), None)
    return own if own is not None else next((key for key in reversed(left) if key in right), None)


def _lines(value: Any, depth: int, key: str, comma: str) -> Iterator[str]:
    """One side's pretty lines of `value` (members as `key`: … at `depth`), lazily."""
    pad = INDENT * depth
    if isinstance(value, dict | list) and value and depth < MAX_DEPTH:
        yield pad + key + ("{" if isinstance(value, dict) else "[")
        last = _last(value)
        members = value.items() if isinstance(value, dict) else enumerate(value)
        for child, item in members:
            inner = "" if isinstance(child, int) else scalar(child, STRING_LIMIT) + ": "
            yield from _lines(item, depth + 1, inner, "" if child == last else ",")
        yield pad + ("}" if isinstance(value, dict) else "]") + comma
    elif isinstance(value, dict | list):
        yield pad + key + preview(value, STRING_LIMIT) + comma
    else:
        yield pad + key + scalar(value, STRING_LIMIT) + comma
