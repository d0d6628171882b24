"""Marking words for translation outside the window (no Qt here)."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name Qt's lupdate looks for
    """Mark `text` for lupdate (packaging/update_translations.py lists the files that use it);
    returns it unchanged: the CLI prints English, the window translates it in `context`."""
    return text
