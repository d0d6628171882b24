"""Two notifications side by side: pretty JSON with the changed lines marked, and the list of
changed paths (a click scrolls both sides to that path)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from greenconsole.invisibles import escape
from greenconsole.jsondiff import MAX_CHANGES, Change, Diff, Kind
from greenconsole.redact import mask_phones
from greenconsole.sidebyside import MAX_ROWS, Comparison, SideBySide, compare
from greenconsole.ui.palette import Surface, surface
from greenconsole.ui.tasks import TaskSet

MARKERS = {Kind.CHANGED: "~", Kind.ADDED: "+", Kind.REMOVED: "-", None: " "}
"""The marker column: a changed line is told by a sign, not by its colour alone."""
SURFACES = {Kind.CHANGED: Surface.CHANGED, Kind.ADDED: Surface.ADDED, Kind.REMOVED: Surface.REMOVED}
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class Side:
    """One notification to compare: a title (receipt, kind, time) and its body."""

    title: str
    body: Any


class DiffView(QWidget):
    """A side-by-side JSON diff of two notification bodies, worked out off the Qt thread (two
    20 MB bodies take seconds). In presentation mode the changes are found on the real values
    and the masked ones are shown."""

    def __init__(self, tasks: TaskSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.masked = False
        self.sides: tuple[Side, Side] | None = None
        self.shown = Comparison(Diff(()), SideBySide([]), (), False)
        self._generation = 0
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.legend = QLabel(
            self.tr("- only on the left · + only on the right · ~ changed (the first column)")
        )
        self.paths = QListWidget()
        self.paths.setAccessibleName(self.tr("Changed paths"))
        self.paths.setToolTip(self.tr("Click a path to scroll both sides to it"))
        self.paths.currentItemChanged.connect(self._path_chosen)
        self.left_title, self.right_title = QLabel(), QLabel()
        self.left, self.right = QPlainTextEdit(), QPlainTextEdit()
        for editor, name in (
            (self.left, self.tr("Left notification (JSON)")),
            (self.right, self.tr("Right notification (JSON)")),
        ):
            editor.setReadOnly(True)
            editor.setFont(QFont("monospace"))
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            editor.setAccessibleName(name)
        for title in (self.left_title, self.right_title):
            title.setTextFormat(Qt.TextFormat.PlainText)
        # the rows are aligned: both sides scroll together
        left_bar, right_bar = self.left.verticalScrollBar(), self.right.verticalScrollBar()
        left_bar.valueChanged.connect(right_bar.setValue)
        right_bar.valueChanged.connect(left_bar.setValue)

        sides = QWidget()
        grid = QGridLayout(sides)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.left_title, 0, 0)
        grid.addWidget(self.right_title, 0, 1)
        grid.addWidget(self.left, 1, 0)
        grid.addWidget(self.right, 1, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.paths)
        splitter.addWidget(sides)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([120, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)
        layout.addWidget(splitter, 1)
        # a window of its own: Esc and Ctrl+W (every binding of Close) close it, as a dialog's
        for key in (QKeySequence.StandardKey.Cancel, QKeySequence.StandardKey.Close):
            QShortcut(key, self, self.close)

    async def compare(self, left: Side, right: Side) -> bool:
        """Work out and show what differs from `left` to `right`; False when it was not shown
        (a newer comparison was asked for meanwhile, or the view was discarded)."""
        self.sides = (left, right)
        return await self._refresh()

    def discard(self) -> None:
        """Drop any comparison still being worked out (the tab is closing)."""
        self._generation += 1

    def set_masked(self, masked: bool) -> None:
        """Presentation mode: phone numbers and names masked on both sides and in the list."""
        self.masked = masked
        if self.sides is not None:
            self.tasks.spawn(self._refresh())

    async def _refresh(self) -> bool:
        assert self.sides is not None
        left, right = self.sides
        self._generation += 1
        generation, masked = self._generation, self.masked
        self.summary.setText(self.tr("Comparing…"))
        comparison = await asyncio.get_running_loop().run_in_executor(
            None, compare, left.body, right.body, masked
        )
        if generation != self._generation:
            return False
        self._show(comparison)
        return True

    def _show(self, comparison: Comparison) -> None:
        assert self.sides is not None
        self.shown = comparison
        for label, source in zip((self.left_title, self.right_title), self.sides, strict=True):
            title = source.title
            label.setText(escape(mask_phones(title) if comparison.masked else title))
        rows = comparison.view.rows
        for editor, side in ((self.left, "left"), (self.right, "right")):
            lines = (getattr(row, side) for row in rows)
            editor.setPlainText(
                "\n".join(
                    "" if line is None else f"{MARKERS[row.mark]} {line}"
                    for row, line in zip(rows, lines, strict=True)
                )
            )
            editor.setExtraSelections(self._marks(editor, side))
        self.paths.clear()
        for change, values in zip(comparison.changes.changes, comparison.values, strict=True):
            item = QListWidgetItem(f"{MARKERS[change.kind]} {self._describe(change, *values)}")
            item.setData(PATH_ROLE, change.path)
            self.paths.addItem(item)
        self.summary.setText(self._summary())

    def _summary(self) -> str:
        changes = self.shown.changes
        count = len(changes.changes)
        if not count:
            text = self.tr("The two notifications are identical.")
        elif changes.complete:
            text = self.tr("{0} changed path(s).").format(count)
        else:
            text = self.tr("More than {0} changed paths: the first {0} are listed.").format(
                MAX_CHANGES
            )
        if not self.shown.view.complete:
            text += " " + self.tr("Only the first {0} lines of each side are shown.").format(
                MAX_ROWS
            )
        if self.shown.masked:
            text += " " + self.tr("Presentation mode: phone numbers and names are masked.")
        return text

    def _describe(self, change: Change, left: str, right: str) -> str:
        path = escape(change.path)
        if change.kind is Kind.ADDED:
            return self.tr("{0}: added {1}").format(path, right)
        if change.kind is Kind.REMOVED:
            return self.tr("{0}: removed {1}").format(path, left)
        return self.tr("{0}: {1} → {2}").format(path, left, right)

    def _marks(self, editor: QPlainTextEdit, side: str) -> list[QTextEdit.ExtraSelection]:
        """A tinted background (with its own text colour) behind each marked line of a side."""
        marks = []
        document = editor.document()
        for number, row in enumerate(self.shown.view.rows):
            if row.mark is None or getattr(row, side) is None:
                continue
            back, fore = surface(SURFACES[row.mark])
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(back)
            selection.format.setForeground(fore)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(document.findBlockByNumber(number))
            marks.append(selection)
        return marks

    def _path_chosen(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.scroll_to(item.data(PATH_ROLE))

    def scroll_to(self, path: str) -> None:
        """Put the first line of `path` in view on both sides, its line selected."""
        row = self.shown.view.row_of(path)
        if row is None:
            return
        for editor in (self.left, self.right):
            cursor = QTextCursor(editor.document().findBlockByNumber(row))
            cursor.select(QTextCursor.SelectionType.LineUnderCursor)
            editor.setTextCursor(cursor)
            editor.centerCursor()
