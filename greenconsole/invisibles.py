"""Odd characters made visible: controls, bidi, zero-width and the like shown as JSON escapes.

Escaped (`\\u200b`, `\\u202e`, `\\n`, …, astral ones as a JSON surrogate pair): C0/C1 controls
and DEL, bidi controls (U+200E/F, U+202A–202E, U+2066–2069, U+061C), zero-width and joiner
characters (U+200B–200D, U+2060–206F, U+FEFF, U+034F), the soft hyphen, line and paragraph
separators, Hangul fillers, variation selectors and tag characters out of place, and lone
surrogates (half an emoji); a backslash shows as `\\\\`, so an escape is never ambiguous.

Kept as they are, so ordinary text and emoji stay readable: a zero-width joiner between two
pictographs (👩‍💻), one variation selector after a letter, digit or symbol (❤️, 1️⃣), and the
tag characters of a flag sequence (🏴󠁧󠁢󠁳󠁣󠁴󠁿). Spaces of any width are not escaped.
"""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"

_C0 = (0x00, 0x1F)
_ODD_RANGES = (
    (0x7F, 0x9F),  # DEL, C1 controls
    (0xAD, 0xAD),  # soft hyphen
    (0x34F, 0x34F),  # combining grapheme joiner
    (0x61C, 0x61C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels (invisible)
    (0x180B, 0x180F),  # Mongolian variation selectors, vowel separator
    (0x200B, 0x200F),  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    (0x2028, 0x202E),  # line/paragraph separators, LRE RLE PDF LRO RLO
    (0x2060, 0x206F),  # word joiner, invisible operators, isolates 2066-2069, ...
    (0x3164, 0x3164),  # Hangul filler
    (0xD800, 0xDFFF),  # lone surrogates
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFFB),  # unassigned ignorables, interlinear annotation
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical format controls
    (0xE0000, 0xE0FFF),  # tags, variation selectors supplement
)


_CONTEXTUAL = ((0x200D, 0x200D), (0xFE00, 0xFE0F), (0xE0020, 0xE007F), (0xE0100, 0xE01EF))
"""Kept or escaped depending on their neighbours: the ZWJ, variation selectors, tags."""
_SHORT = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ZWJ = "\u200d"
_FLAG = "\U0001f3f4"
_CANCEL_TAG = "\U000e007f"
_MAX_TAGS = 32
"""Longest tag run taken for a flag sequence (real ones have about six tags)."""


def _pictograph(char: str) -> bool:
    """Roughly Unicode's Extended_Pictographic: emoji and the symbols emoji sequences join."""
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2190 <= code <= 0x2BFF or char in "©®‼⁉™ℹ〰〽㊗㊙"


def _variation(code: int) -> bool:
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _skin_tone(code: int) -> bool:
    return 0x1F3FB <= code <= 0x1F3FF


def _joins_pictographs(text: str, at: int) -> bool:
    """A ZWJ between two pictographs (a variation selector or skin tone may follow the first)."""
    before = at - 1
    while before >= max(at - 3, 0) and (
        _variation(ord(text[before])) or _skin_tone(ord(text[before]))
    ):  # at most a selector and a skin tone between them
        before -= 1
    after = at + 1
    if before < 0 or after >= len(text):
        return False
    return _pictograph(text[before]) and _pictograph(text[after])


def _varies_a_base(text: str, at: int) -> bool:
    """A variation selector right after a letter, digit, symbol or keycap base (not another
    selector)."""
    if at == 0:
        return False
    base = text[at - 1]
    return base in "#*" or unicodedata.category(base)[0] in "LNS"


def _in_flag(text: str, at: int) -> bool:
    """A tag character inside 🏴 + tags + cancel tag (a subdivision flag)."""
    start = at
    while start > 0 and at - start < _MAX_TAGS and 0xE0020 <= ord(text[start - 1]) <= 0xE007E:
        start -= 1
    if start == 0 or text[start - 1] != _FLAG:
        return False
    end = at
    while end < len(text) and end - at < _MAX_TAGS and 0xE0020 <= ord(text[end]) <= 0xE007E:
        end += 1
    return end < len(text) and text[end] == _CANCEL_TAG


def _kept(text: str, at: int) -> bool:
    """Whether the odd character at `at` is part of ordinary text or an emoji sequence."""
    code = ord(text[at])
    if code == 0x200D:
        return _joins_pictographs(text, at)
    if _variation(code):
        return _varies_a_base(text, at)
    if 0xE0020 <= code <= 0xE007F:
        return _in_flag(text, at)
    return False


def _codes(ranges: tuple[tuple[int, int], ...]) -> set[int]:
    return {code for low, high in ranges for code in range(low, high + 1)}


def _char_class(codes: set[int]) -> str:
    """A regex character class (without brackets) of these code points, as ranges."""
    parts, ordered = [], sorted(codes)
    start = previous = ordered[0]
    for code in [*ordered[1:], -1]:
        if code != previous + 1:
            parts.append(f"\\U{start:08x}-\\U{previous:08x}")
            start = code
        previous = code
    return "".join(parts)


def _pattern(codes: set[int]) -> re.Pattern[str]:
    """Runs of characters always escaped (group 1) or of contextual ones (group 2)."""
    always, contextual = codes - _codes(_CONTEXTUAL), codes & _codes(_CONTEXTUAL)
    return re.compile(f"([{_char_class(always)}]+)|([{_char_class(contextual)}]+)")


def _escaped(char: str) -> str:
    """The JSON escape of one character (astral ones as a surrogate pair)."""
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_ODD_CODES = _codes((_C0, *_ODD_RANGES)) | {ord("\\")}
_ODD = _pattern(_ODD_CODES)
"""What `escape` looks at: every odd character, and the backslash."""
_ODD_IN_JSON = _pattern(_codes(_ODD_RANGES))
"""What `escape_json` looks at: JSON text already escapes C0 controls and backslashes."""
_TABLE = {code: _escaped(chr(code)) for code in _ODD_CODES}


_JUDGED = _MAX_TAGS + 4
"""Characters of a contextual run that may be kept: beyond them none can (see `_kept`)."""


def _shown(match: re.Match[str]) -> str:
    always, contextual = match.groups()
    if always is not None:
        return str(always.translate(_TABLE))
    text, start = match.string, match.start()
    judged = (
        char if _kept(text, start + offset) else _escaped(char)
        for offset, char in enumerate(contextual[:_JUDGED])
    )
    return "".join(judged) + str(contextual[_JUDGED:].translate(_TABLE))


def escape(text: str) -> str:
    """`text` with every odd character (and the backslash) escaped; plain text is returned as is."""
    return _ODD.sub(_shown, text) if _ODD.search(text) else text


def escape_json(json_text: str) -> str:
    """JSON text (from json.dumps) with the odd characters in its strings escaped as well.

    The result is still valid JSON and means the same document.
    """
    return _ODD_IN_JSON.sub(_shown, json_text)


def escape_lines(text: str) -> str:
    """`escape` line by line: the line breaks (\\n) of raw text stay line breaks."""
    return "\n".join(escape(line) for line in text.split("\n"))


def escape_cut(text: str, limit: int) -> str:
    """`escape(text)` in at most `limit` characters (then "…" is added).

    An escape, an emoji sequence or a letter with its combining marks is never cut in two.
    """
    head = text[: limit + _MAX_TAGS + 2]  # every character shows as one or more
    pieces: list[str] = []  # (character or escape) runs that must stay together
    joined = paired = False
    for at, char in enumerate(head):
        odd = _ODD.match(char)
        shown = char if odd is None or _kept(head, at) else _escaped(char)
        code = ord(char)
        flag_half = 0x1F1E6 <= code <= 0x1F1FF  # regional indicators pair up into a flag
        extends = shown == char and (
            joined
            or (odd is not None and code != 0x5C)  # a kept ZWJ, selector or tag
            or _skin_tone(code)
            or unicodedata.category(char)[0] == "M"
            or (flag_half and paired)
        )
        paired = flag_half and not (extends and paired)
        if extends and pieces:
            pieces[-1] += shown
        else:
            pieces.append(shown)
        joined = shown == _ZWJ
    out: list[str] = []
    used = 0
    for piece in pieces:
        if used + len(piece) > limit:
            return "".join(out) + ELLIPSIS
        out.append(piece)
        used += len(piece)
    return "".join(out)
