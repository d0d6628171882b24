"""JSON text in and out, strictly: what every layer accepts and how it writes it back.

Accepted: standard JSON (RFC 8259) only — no NaN/Infinity, no number beyond a float's range
(1e999), no integer over Python's 4,300 digits, no duplicate keys, nesting at most `MAX_DEPTH`
levels; a UTF-8 BOM in front is allowed (Windows editors write one). A lone UTF-16 surrogate
escape (`"\\ud83d"`, half an emoji) is valid JSON text and is kept; `dumps` writes it back
escaped, so its output always encodes as UTF-8.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterator
from typing import Any

MAX_DEPTH = 64
"""Deepest nesting of arrays/objects accepted; a notification needs fewer than ten levels."""

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u(d[89a-f][0-9a-f]{2})")


class JsonTextError(ValueError):
    """Text that is not strict JSON; the message says why in a few words, and `where` is
    "line L, column C" when the parser knows the place ("" otherwise)."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where


def _no_constants(name: str) -> Any:
    raise JsonTextError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999: valid JSON text, but no number can hold it
        raise JsonTextError(f"number {text[:20]} is out of range")
    return value


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > sys.get_int_max_str_digits():  # Python would refuse it in words of its own
        raise JsonTextError(f"an integer of {digits} digits is too long")
    return int(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonTextError(f"duplicate key {dumps(key)}")
            seen.add(key)
    return result


def depth(value: Any) -> int:
    """How deeply arrays/objects nest in `value` (a scalar: 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        )
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def loads(text: str | bytes) -> Any:
    """Parse strict JSON text (see the module docstring); JsonTextError says what is wrong."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JsonTextError(f"not UTF-8 (byte {exc.start})") from None
    text = text.removeprefix("\ufeff")
    try:
        value = json.loads(
            text,
            parse_constant=_no_constants,
            parse_float=_finite,
            parse_int=_integer,
            object_pairs_hook=_unique_keys,
        )
    except RecursionError:
        raise JsonTextError(f"nested deeper than {MAX_DEPTH} levels") from None
    except JsonTextError:
        raise
    except json.JSONDecodeError as exc:
        raise JsonTextError(str(exc), f"line {exc.lineno}, column {exc.colno}") from None
    except ValueError as exc:
        raise JsonTextError(str(exc)) from None
    if depth(value) > MAX_DEPTH:
        raise JsonTextError(f"nested deeper than {MAX_DEPTH} levels")
    return value


def _encoder(compact: bool, indent: int | None) -> json.JSONEncoder:
    return json.JSONEncoder(
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=(",", ":") if compact and indent is None else None,
    )


def dumps(value: Any, *, compact: bool = True, indent: int | None = None) -> str:
    """JSON text with non-ASCII kept as is and lone surrogates escaped (always valid UTF-8)."""
    return escape_surrogates(_encoder(compact, indent).encode(value))


def dump_chunks(value: Any, indent: int = 2) -> Iterator[str]:
    """`dumps(value, indent=indent)` in the encoder's own chunks (a string is one), its lone
    surrogates still raw: `escape_surrogates` them a piece at a time. No call runs long, so
    other threads keep running while a big document is written."""
    return _encoder(False, indent).iterencode(value)


def escape_surrogates(text: str) -> str:
    """`text` with each lone surrogate written as its JSON escape (`\\ud83d`)."""
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def unescape_surrogates(text: str) -> str:
    """`escape_surrogates` undone: each `\\ud800`–`\\udfff` escape back to its character."""
    return _SURROGATE_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def child_path(parent: str, key: str | int) -> str:
    """`body.messageData` style paths; `[0]` for array items."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def valid_text(text: str) -> str:
    """`text` with each lone surrogate (half an emoji) replaced by U+FFFD: storable anywhere."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def utf8(text: str) -> bytes:
    """`text` as UTF-8, a lone surrogate written as U+FFFD rather than failing."""
    return valid_text(text).encode("utf-8")
