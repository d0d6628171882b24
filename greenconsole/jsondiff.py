"""What differs between two JSON values, path by path. No Qt.

Objects are compared key by key, arrays index by index; a value of another JSON type (1 and
1.0, 1 and true, "1" and 1) is a change. Changes come in document order: the left value's keys
as they are, then keys only the right one has. The walk is iterative (any depth) and stops at
`MAX_CHANGES`, so two 20 MB bodies that differ everywhere still give a bounded answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from greenconsole.invisibles import escape_cut
from greenconsole.jsontext import child_path

MAX_CHANGES = 1_000
"""Changes listed at most; a diff that stopped there says so (`complete` is False)."""
PREVIEW = 120
"""Characters of a value a preview shows (then "…")."""


class Kind(StrEnum):
    """How a path differs: its value changed, or it is only on one side."""

    CHANGED = "changed"
    ADDED = "added"  # only in the right value
    REMOVED = "removed"  # only in the left value


class Missing:
    """The value on the side that does not have the path."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


@dataclass(frozen=True, slots=True)
class Change:
    """One differing path with the value on each side (MISSING where it is absent) and the
    object key it is under (an array item's is its array's)."""

    path: str
    kind: Kind
    left: Any
    right: Any
    key: str = ""


@dataclass(frozen=True, slots=True)
class Diff:
    """The changes between two values, in document order; `complete` is False when the walk
    stopped at its limit and more changes were not listed."""

    changes: tuple[Change, ...]
    complete: bool = True

    @property
    def equal(self) -> bool:
        return not self.changes

    def kinds(self) -> dict[str, Kind]:
        """Each changed path's kind."""
        return {change.path: change.kind for change in self.changes}


def same(left: Any, right: Any) -> bool:
    """Equal as JSON scalars: same type and value (True is not 1, 1 is not 1.0)."""
    return type(left) is type(right) and left == right


def children(left: Any, right: Any) -> Iterator[tuple[str | int, Any, Any]]:
    """(key, left value, right value) of two objects or two arrays, in document order; MISSING
    on the side that lacks the key."""
    if isinstance(left, dict):
        for key, value in left.items():
            yield key, value, right.get(key, MISSING)
        for key, value in right.items():
            if key not in left:
                yield key, MISSING, value
    else:
        for index in range(max(len(left), len(right))):
            yield (
                index,
                left[index] if index < len(left) else MISSING,
                right[index] if index < len(right) else MISSING,
            )


def container_pair(left: Any, right: Any) -> bool:
    """Two objects or two arrays: compared by their children."""
    return (isinstance(left, dict) and isinstance(right, dict)) or (
        isinstance(left, list) and isinstance(right, list)
    )


def diff(left: Any, right: Any, root: str = "body", limit: int = MAX_CHANGES) -> Diff:
    """The paths where `right` differs from `left` (at most `limit` of them)."""
    changes: list[Change] = []
    # a stack of child iterators keeps document order without recursion
    stack: list[tuple[str, str, Iterator[tuple[str | int, Any, Any]]]] = []
    pending: list[tuple[str, str, Any, Any]] = [(root, "", left, right)]
    while pending or stack:
        if pending:
            path, key, a, b = pending.pop()
            if container_pair(a, b):
                if a is not b:
                    stack.append((path, key, children(a, b)))
                continue
            if a is MISSING or b is MISSING or not same(a, b):
                if len(changes) == limit:
                    return Diff(tuple(changes), complete=False)
                changes.append(Change(path, _kind(a, b), a, b, key))
            continue
        path, key, items = stack[-1]
        step = next(items, None)
        if step is None:
            stack.pop()
        else:
            child, a, b = step
            pending.append(
                (child_path(path, child), child if isinstance(child, str) else key, a, b)
            )
    return Diff(tuple(changes))


def _kind(left: Any, right: Any) -> Kind:
    if left is MISSING:
        return Kind.ADDED
    return Kind.REMOVED if right is MISSING else Kind.CHANGED


def preview(value: Any, limit: int = PREVIEW) -> str:
    """A value as JSON-like text of about `limit` characters at most: odd characters escaped
    (see invisibles), strings cut between whole characters, long objects and arrays cut with
    "…" (only what is shown is walked)."""
    out: list[str] = []
    used = 0
    for piece in _pieces(value, limit):
        if not piece:
            continue
        if out and used + len(piece) > limit:
            out.append("…")
            break
        out.append(piece)
        used += len(piece)
    return "".join(out)


def _pieces(value: Any, limit: int) -> Iterator[str]:
    """The text of `value`, piece by piece, lazily and without recursion."""
    stack: list[Iterator[tuple[Any, Any]]] = [iter([(MISSING, value)])]
    closers, firsts = [""], [True]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            firsts.pop()
            yield closers.pop()
            continue
        key, child = step
        if not firsts[-1]:
            yield ", "
        firsts[-1] = False
        if key is not MISSING:
            yield scalar(key, limit) + ": "
        if isinstance(child, dict | list):
            yield "{" if isinstance(child, dict) else "["
            items = child.items() if isinstance(child, dict) else ((MISSING, c) for c in child)
            stack.append(iter(items))
            closers.append("}" if isinstance(child, dict) else "]")
            firsts.append(True)
        else:
            yield scalar(child, limit)


def scalar(value: Any, limit: int) -> str:
    """A JSON scalar as text (a string cut to `limit` characters, odd characters escaped)."""
    if isinstance(value, str):
        return '"' + escape_cut(value, limit).replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= limit else text[:limit] + "…"
    return escape_cut(str(value), limit)
