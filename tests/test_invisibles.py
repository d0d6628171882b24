"""Odd characters shown escaped: bidi, zero-width, controls, half an emoji; emoji kept whole."""

from __future__ import annotations

import json

import pytest

from greenconsole.invisibles import ELLIPSIS, escape, escape_cut, escape_json, escape_lines


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\u202eevil", "\\u202eevil"),  # would reverse the rest of the line
        ("\u200b\u200b", "\\u200b\\u200b"),  # looks like ""
        ("half \ud83d", "half \\ud83d"),  # a lone surrogate: half an emoji
        ("line 1\nline 2\ttab\r", "line 1\\nline 2\\ttab\\r"),
        ("esc\x1b[31m del\x7f c1\x85", "esc\\u001b[31m del\\u007f c1\\u0085"),
        ("\u200e\u200f\u2066x\u2069\u061c", "\\u200e\\u200f\\u2066x\\u2069\\u061c"),
        ("soft\xadhyphen \u2028 \u2029", "soft\\u00adhyphen \\u2028 \\u2029"),
        ("\ufeff \u2060", "\\ufeff \\u2060"),
        ("\u3164", "\\u3164"),  # a Hangul filler: an "empty" name
        ("tag\U000e0041", "tag\\udb40\\udc41"),  # an invisible tag character, as JSON writes it
        ("a\u200db", "a\\u200db"),  # a joiner between letters
        ("x\ufe0f\ufe0f", "x\ufe0f\\ufe0f"),  # a second selector hides data
        ("C:\\new", "C:\\\\new"),  # a backslash can never pass for an escape
    ],
)
def test_odd_characters_are_escaped(text, shown):
    assert escape(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Привет, мир! Hello, world — «ok» 12:30",
        "👩\u200d💻 👨\u200d👩\u200d👧 ❤\ufe0f\u200d🔥 🏳\ufe0f\u200d🌈",  # ZWJ sequences
        "👩🏽\u200d🚀 🏴\u200d☠\ufe0f",
        "❤\ufe0f 1\ufe0f\u20e3 #\ufe0f\u20e3 ☺\ufe0e",  # variation selectors, keycaps
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f 🇷🇺",  # flags
        "e\u0301 नमस्ते 中文 عربى",  # combining marks, other scripts
        "non\xa0breaking\u202fspace",  # spaces are not escaped
    ],
)
def test_ordinary_text_and_emoji_sequences_are_kept(text):
    assert escape(text) == text


def test_json_view_stays_valid_json_of_the_same_document():
    document = {"text\u200b": "a\u200b\u202eb\\n\n\ud83d 👩\u200d💻", "n": 1}
    dumped = json.dumps(document, ensure_ascii=False, indent=2)
    shown = escape_json(dumped)
    assert "\u200b" not in shown and "\u202e" not in shown and "\ud83d" not in shown
    assert '"text\\u200b"' in shown and "\\u202e" in shown and "👩\u200d💻" in shown
    assert json.loads(shown) == document


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("abc", 3, "abc"),
        ("abcd", 3, "abc" + ELLIPSIS),
        ("ab\u200bcd", 7, "ab" + ELLIPSIS),  # never half an escape
        ("ab\u200bcd", 8, "ab\\u200b" + ELLIPSIS),
        ("👩\u200d💻👩\u200d💻", 4, "👩\u200d💻" + ELLIPSIS),  # never half a ZWJ sequence
        ("🇷🇺🇺🇸", 3, "🇷🇺" + ELLIPSIS),  # never half a flag
        ("e\u0301e\u0301", 3, "e\u0301" + ELLIPSIS),
        ("x" * 10_000 + "\u202e", 5, "xxxxx" + ELLIPSIS),
    ],
)
def test_cut_keeps_escapes_and_sequences_whole(text, limit, shown):
    assert escape_cut(text, limit) == shown


def test_raw_text_keeps_its_line_breaks():
    assert escape_lines("{bad\u202e\n\x1b json\r\n") == "{bad\\u202e\n\\u001b json\\r\n"
