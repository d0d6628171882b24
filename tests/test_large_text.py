"""A big body's text in pieces: the same text, escaped and folded as a whole would be."""

from __future__ import annotations

from greenconsole import jsontext
from greenconsole.invisibles import escape_json, escape_lines
from greenconsole.large_text import FOLD, PIECE, extent, has_line_over, prepare

ODD = "👩\u200d💻 ❤\ufe0f 1\ufe0f\u20e3 \u202eIvan \u200b\u200b \ud83d привет "
"""Kept sequences (ZWJ, selectors, a keycap) beside escaped ones (bidi, zero-width, half an
emoji), repeated across many pieces so some fall on a cut."""


def document() -> dict:
    text = (ODD * (3 * PIECE // len(ODD))) + "x" * (2 * PIECE)  # long lines, no line break
    return {"receiptId": 1, "body": {"caption": text, "items": [ODD] * 20_000, "n": 1.5}}


def unfolded(pieces: list[str]) -> str:
    return "".join(pieces).replace("\n", "")


def test_a_big_document_shows_escaped_as_a_whole_with_long_lines_folded():
    value = document()
    prepared = prepare(value, invisibles=True)
    whole = jsontext.dumps(value, indent=2)
    assert prepared.whole == whole  # what Copy JSON copies: the real text
    assert len(prepared.shown) > 5  # several pieces, some cut inside the long caption
    assert unfolded(prepared.shown) == escape_json(whole).replace("\n", "")
    lines = "".join(prepared.shown).split("\n")
    assert max(map(len, lines)) == FOLD and len(lines) > whole.count("\n") + 1


def test_raw_text_and_invisibles_off():
    raw = "not json " + ODD * 100_000
    assert unfolded(prepare(raw, invisibles=True).shown) == escape_lines(raw).replace("\n", "")
    value = document()
    plain = prepare(value, invisibles=False)
    assert unfolded(plain.shown) == jsontext.dumps(value, indent=2).replace("\n", "")


def test_extent_tells_big_and_lazy_documents_apart():
    assert not extent({"body": {"text": "hello", "items": list(range(100))}}).lazy
    assert not extent({"body": {"text": "x" * 1000}}).big
    many = extent({"body": {"items": list(range(3000))}})
    assert many.lazy and not many.big
    huge = extent({"body": {"text": "x" * 20_000_000, "items": [{"a": "b"}] * 100_000}})
    assert huge.big and huge.lazy
    assert extent("x" * 300_000).big  # a malformed answer's raw text


def test_a_line_over_the_limit_is_found_wherever_it_is():
    short_lines = "\n".join(["x" * 80] * 5_000)
    assert not has_line_over(short_lines, 1_000)
    assert has_line_over(short_lines + "\n" + "y" * 1_001, 1_000)  # the last line
    assert has_line_over("y" * 1_001 + "\n" + short_lines, 1_000)  # the first
    assert not has_line_over("y" * 1_000 + "\n" + short_lines, 1_000)  # exactly the limit
