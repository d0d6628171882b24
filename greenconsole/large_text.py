"""Big JSON bodies made cheap to show: how big a document is, and its text in bounded pieces.

Qt lays a text block out whole, and Python's regex and JSON calls hold the GIL for their whole
run, so a 20 MB body is only ever handled here in pieces of `PIECE` characters: a thread can
prepare it while the window keeps drawing, and a view can take it piece by piece. Lines longer
than `FOLD` characters are folded for display (the text itself is never cut).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from greenconsole import jsontext
from greenconsole.invisibles import escape_json, escape_lines

BIG_TEXT = 256 * 1024
"""Characters from which a body is big: no highlighting, checked off the Qt thread."""
EAGER_NODES = 2_000
"""Values of a document up to which its whole tree is built at once; beyond, on expand."""
CHILDREN_AT_ONCE = 500
"""Children of one object or array added to a tree at a time ("… N more" for the rest)."""
VALUE_CHARS = 1_000
"""Characters of a string shown in a tree cell (Copy value copies all of it)."""
FOLD = 4_096
"""Longest line shown unfolded in a big body's text view."""
PIECE = 128 * 1024
"""Characters handled in one go (one regex call, one insert into a view)."""

_SAFE_CUT = re.compile(r"\w(?=\w)| ")
"""A place to cut after: between two letters or digits, or after a space (no escape, emoji
sequence or combining mark spans it)."""


def size_text(chars: int) -> str:
    """A size for people: 900 KB, 1.0 MB, 20.0 MB (1 KB = 1,024 characters)."""
    if chars < 1024 * 1024:
        return f"{chars / 1024:.0f} KB"
    return f"{chars / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class Extent:
    """How many values a document holds and roughly how many characters its text takes,
    each counted up to a bound (`more` when a bound stopped the count)."""

    values: int
    chars: int

    @property
    def lazy(self) -> bool:
        """Too many values to build a whole tree at once."""
        return self.values > EAGER_NODES

    @property
    def big(self) -> bool:
        """Too much text to highlight or to prepare on the Qt thread."""
        return self.chars > BIG_TEXT


def extent(document: Any) -> Extent:
    """Count values and characters of `document` (raw text: its length) until both bounds pass;
    the cost is bounded whatever the size."""
    if isinstance(document, str):
        return Extent(1, len(document))
    values = chars = 0
    stack = [document]
    while stack and not (values > EAGER_NODES and chars > BIG_TEXT):
        value = stack.pop()
        values += 1
        if isinstance(value, dict):
            chars += 4 + sum(len(key) + 4 for key in value)
            stack.extend(value.values())
        elif isinstance(value, list):
            chars += 4
            stack.extend(value)
        else:
            chars += len(value) + 4 if isinstance(value, str) else 8
    return Extent(values, chars)


def pieces(text: str) -> Iterator[str]:
    """`text` in consecutive pieces of about `PIECE` characters, each ending at a line break
    or another safe place (`_SAFE_CUT`) where it can, so escaping each piece alone gives what
    escaping the whole would."""
    start = 0
    while start < len(text):
        end = start + PIECE
        if end < len(text):
            line_end = text.rfind("\n", start, end)
            if line_end > start:
                end = line_end + 1
            elif (safe := _SAFE_CUT.search(text, end)) is not None:
                end = safe.end()
            else:
                end = len(text)
        yield text[start:end]
        start = end


def has_line_over(text: str, limit: int) -> bool:
    """Whether a line of `text` is longer than `limit` characters: only windows of `limit / 2`
    with no line break in them are measured (a regex or a split takes ~1 s or 0.1 s at 20 MB)."""
    step = max(limit // 2, 1)
    for start in range(0, len(text), step):
        if text.find("\n", start, start + step) == -1:
            end = text.find("\n", start)
            line_end = len(text) if end == -1 else end
            if line_end - (text.rfind("\n", 0, start) + 1) > limit:
                return True
    return False


def fold(parts: Iterator[str], width: int = FOLD) -> Iterator[str]:
    """The same pieces with a line break after every `width` characters of a longer line."""
    column = 0  # characters of the current line in earlier pieces
    for part in parts:
        lines = part.split("\n")
        for number, line in enumerate(lines):
            if number:
                column = 0
            if column + len(line) > width:
                first = width - column
                cut = [line[:first]] + [
                    line[at : at + width] for at in range(first, len(line), width)
                ]
                line = "\n".join(cut)
                column = len(cut[-1])
            else:
                column += len(line)
            lines[number] = line
        yield "\n".join(lines)


class Stale(Exception):
    """The prepared text is no longer wanted (another document was chosen meanwhile)."""


@dataclass(frozen=True)
class Prepared:
    """A big document ready to show: `whole` is its JSON text (or the raw text), `shown` the
    pieces of what the text view shows (escaped if asked, long lines folded)."""

    whole: str
    shown: list[str]


def prepare(document: Any, invisibles: bool, wanted: Callable[[], bool] = lambda: True) -> Prepared:
    """Pretty JSON text of a dict or list (raw text stays as is) and its display pieces.

    Runs on a worker thread; raises `Stale` as soon as `wanted()` turns false.
    """
    real = _real_pieces(document, wanted)
    escape = escape_lines if isinstance(document, str) else escape_json
    shown = (escape(part) if invisibles else part for part in _while(wanted, real))
    return Prepared("".join(real), list(fold(shown)))


def json_text(value: Any, wanted: Callable[[], bool] = lambda: True) -> str:
    """`jsontext.dumps(value, indent=2)` made the way `prepare` makes it (for a worker thread)."""
    return "".join(_real_pieces(value, wanted))


def _real_pieces(document: Any, wanted: Callable[[], bool]) -> list[str]:
    """The text of a document in pieces: raw text as is, JSON pretty with lone surrogates
    escaped."""
    if isinstance(document, str):
        return list(_while(wanted, pieces(document)))
    parts = _while(wanted, _json_pieces(document))
    return [jsontext.escape_surrogates(part) for part in parts]


def _json_pieces(document: Any) -> Iterator[str]:
    """Pretty JSON text of `document` in pieces of about `PIECE` characters, made without a
    long call: the encoder's chunks joined a piece at a time, a long string cut by `pieces`."""
    joined: list[str] = []
    size = 0
    for chunk in jsontext.dump_chunks(document):
        if len(chunk) > PIECE:
            yield "".join(joined)
            joined, size = [], 0
            yield from pieces(chunk)
            continue
        joined.append(chunk)
        size += len(chunk)
        if size >= PIECE:
            yield "".join(joined)
            joined, size = [], 0
    yield "".join(joined)


def _while(wanted: Callable[[], bool], parts: Iterable[str]) -> Iterator[str]:
    """`parts` while `wanted()`; then `Stale`."""
    for part in parts:
        if not wanted():
            raise Stale
        yield part
