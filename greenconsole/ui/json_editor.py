"""A JSON text editor that stays responsive with a body of any size.

A small text is highlighted, word-wrapped and checked on every change. A big one (over
`large_text.BIG_TEXT`) is not highlighted, wraps anywhere (wrapping a long line at word
boundaries costs Qt seconds per megabyte), is checked on a worker thread once typing pauses,
and a big paste goes in a piece per event-loop turn. A pasted body with a line over `LONG_LINE`
characters (Qt lays a line out whole: ~0.4 s per MB) is *held*: kept as pasted, shown folded
and read-only; copying all of it copies it as pasted, pasting again replaces it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMimeData, QSignalBlocker, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from greenconsole.large_text import BIG_TEXT, PIECE, fold, has_line_over, pieces
from greenconsole.ui.inspector import JsonHighlighter
from greenconsole.ui.latest_result import LatestResult

AS_PLAIN_TEXT = str.maketrans({0x2029: "\n", 0x2028: "\n", 0xFDD0: "\n", 0xFDD1: "\n", 0xA0: " "})
"""What QTextDocument.toPlainText makes of a document's own characters (block ends and the
rest), for a big text read a slice at a time."""
Verdict = tuple[Any, str]
"""What a check says of a text: (the value or None, the error or "")."""
CHECK_PAUSE_MS = 300
"""A big text is checked when it has not changed for this long."""
LONG_LINE = 64 * 1024
"""Characters of a line from which a pasted body is held (shown folded, read-only)."""


def line_pieces(text: str) -> list[str]:
    """`text` cut after line breaks into pieces of about `PIECE` characters (a long line stays
    whole: Qt lays a line out again each time it grows)."""
    result: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + PIECE) + 1 or len(text)
        result.append(text[start:end])
        start = end
    return result


class JsonEditor(QPlainTextEdit):
    """Edits JSON text; `verdict()` is `check`'s answer on the text (None while a big text is
    still pasted or checked); `checked` says a late answer has come."""

    checked = Signal()

    def __init__(self, check: Callable[[str], Verdict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._highlighter = JsonHighlighter(self.document())
        self._verdict: Verdict | None = None
        self._pasting: deque[str] = deque()
        self._paste_size = 0
        self._paste_at = QTextCursor(self.document())
        self._paste_timer = QTimer(self, singleShot=True, interval=0)
        self._paste_timer.timeout.connect(self._paste_next)
        self._pause = QTimer(self, singleShot=True, interval=CHECK_PAUSE_MS)
        self._pause.timeout.connect(self._check_big)
        self._checking = LatestResult(self._arrived, self)
        self._read: list[str] = []
        self._read_at = 0  # in the document's positions (UTF-16: an emoji counts 2)
        self._reader = QTimer(self, singleShot=True, interval=0)
        self._reader.timeout.connect(self._read_next)
        self.big = False
        self.held: str | None = None
        """A pasted body with long lines, as pasted (the editor shows it folded)."""
        self.textChanged.connect(self._changed)

    def verdict(self) -> Verdict | None:
        """(value, "") or (None, error) for the text now; None while a big text is pending."""
        if not self.big:
            return self._check(self.toPlainText())
        return None if self._pasting else self._verdict

    def paste_progress(self) -> tuple[int, int]:
        """Characters of a big paste in so far, and in all (equal when none is going on)."""
        return self._paste_size - sum(map(len, self._pasting)), self._paste_size

    def setPlainText(self, text: str) -> None:
        """Replace the text (a big one goes in without highlighting)."""
        self._pasting.clear()
        self.held = None
        self.setReadOnly(False)
        if len(text) > BIG_TEXT:
            self._set_big(True)
        super().setPlainText(text)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste or drop: a big text without highlighting, piece by piece."""
        text = source.text() if source.hasText() else ""
        if len(text) + self.document().characterCount() <= BIG_TEXT:
            super().insertFromMimeData(source)
            return
        self._set_big(True)
        self._paste_at = self.textCursor()
        whole = self._paste_at.selectionStart() == 0 and (
            self._paste_at.selectionEnd() == self.document().characterCount() - 1
        )
        if whole and has_line_over(text, LONG_LINE):
            self.held = text
            self._pasting.extend(fold(pieces(text)))
        else:
            self._pasting.extend(line_pieces(text))
        self._paste_size = sum(map(len, self._pasting))
        self._insert_piece(first=True)
        if self._pasting:
            self.setReadOnly(True)
            self._paste_timer.start()
        else:
            self.setReadOnly(self.held is not None)

    def _paste_next(self) -> None:
        self._insert_piece(first=False)
        if self._pasting:
            self._paste_timer.start()
        else:
            self.setReadOnly(self.held is not None)
            self.setTextCursor(self._paste_at)
            self.checked.emit()

    def _insert_piece(self, first: bool) -> None:
        """Put a paste's next piece in (all of them: one undo step)."""
        if first:
            self._paste_at.beginEditBlock()
        else:
            self._paste_at.joinPreviousEditBlock()
        self._paste_at.insertText(self._pasting.popleft())
        self._paste_at.endEditBlock()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Paste over a held body (read-only otherwise)."""
        if (
            self.held is not None
            and not self._pasting
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            self.held = None
            self.setReadOnly(False)
            self.selectAll()
            self.paste()
            return
        super().keyPressEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copying all of a held body copies it as pasted (not folded)."""
        cursor = self.textCursor()
        if (
            self.held is None
            or cursor.selectionStart() > 0
            or cursor.selectionEnd() < (self.document().characterCount() - 1)
        ):
            return super().createMimeDataFromSelection()
        data = QMimeData()
        data.setText(self.held)
        return data

    def _set_big(self, big: bool) -> None:
        if big == self.big:
            return
        self.big = big
        with QSignalBlocker(self):  # the formats change, not the text: no check, no re-entry
            self._highlighter.setDocument(None if big else self.document())
        self.setWordWrapMode(
            QTextOption.WrapMode.WrapAnywhere if big else QTextOption.WrapMode.WordWrap
        )

    def _changed(self) -> None:
        self._verdict = None
        self._checking.drop()
        self._reader.stop()
        size = self.document().characterCount()
        if size > BIG_TEXT:  # typed or undone into a big text
            self._set_big(True)
        elif size <= BIG_TEXT // 2:
            self._set_big(False)  # small again (half the limit: no flapping at the edge)
        if self.big:
            self._pause.start()

    def _check_big(self) -> None:
        if self._pasting:
            return  # the paste's last piece changes the text again
        if self.held is not None:
            held = self.held
            self._checking.submit(lambda _wanted: self._check(held))
            return
        self._read, self._read_at = [], 0
        self._read_next()

    def _read_next(self) -> None:
        """Read the next slice of a big text, up to a block's end (a block never splits a
        character); after the last, check the whole text on the worker thread."""
        document = self.document()
        end = document.characterCount() - 1
        block = document.findBlock(self._read_at + PIECE)  # toPlainText of 20 MB: 0.2-0.4 s
        if block.isValid():
            end = min(block.position() + block.length(), end)
        cursor = QTextCursor(document)
        cursor.setPosition(self._read_at)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._read.append(cursor.selectedText().translate(AS_PLAIN_TEXT))
        self._read_at = end
        if end < document.characterCount() - 1:
            self._reader.start()
            return
        parts, self._read = self._read, []
        self._checking.submit(lambda _wanted: self._check("".join(parts)))

    def _arrived(self, verdict: Verdict) -> None:
        self._verdict = verdict
        self.checked.emit()
