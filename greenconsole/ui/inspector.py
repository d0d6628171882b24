"""The JSON inspector: a tree (key, value, type) and highlighted raw JSON, with copy and find.

A big body (`large_text.BIG_TEXT`) is prepared on a worker thread, shown without highlighting,
its long lines folded, its text view filled a piece per event-loop turn and its tree built as
it is expanded; a note says so. Copy JSON always copies the whole text.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from collections.abc import Callable
from itertools import islice
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QGuiApplication,
    QStandardItem,
    QStandardItemModel,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenconsole import jsontext
from greenconsole.invisibles import escape, escape_cut, escape_json, escape_lines
from greenconsole.jsontext import child_path
from greenconsole.large_text import (
    BIG_TEXT,
    CHILDREN_AT_ONCE,
    FOLD,
    VALUE_CHARS,
    Prepared,
    extent,
    json_text,
    prepare,
    size_text,
)
from greenconsole.redact import redact
from greenconsole.shapes import json_type
from greenconsole.templates import DEPRECATED_TYPES, deprecated_message
from greenconsole.timeline import Timeline
from greenconsole.ui import keys
from greenconsole.ui.flow_layout import FlowLayout
from greenconsole.ui.latest_result import LatestResult
from greenconsole.ui.links import LinksSection
from greenconsole.ui.palette import Surface, Tone, surface, text, text_style
from greenconsole.ui.shape_marks import ShapeSection


def clock_text(at: float | None) -> str:
    """Local date and time of an epoch second, e.g. 2026-11-25 10:41:07."""
    return "?" if at is None else time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at))


ROOT = QModelIndex()
OPENED_AT_ONCE = 10
"""First-level objects of a lazy tree that are opened when it is shown (a notification has 2)."""
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
"""A node's value, held in a `Held` (Qt would deep-copy a dict or list into a QVariant)."""
PENDING_ROLE = Qt.ItemDataRole.UserRole + 3
"""True on an object or array whose children are added when it is expanded."""
MORE_ROLE = Qt.ItemDataRole.UserRole + 4
"""On a "… N more" row: the index of the first child it stands for."""


class Held:
    """A value kept as is in an item's data."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def value_of(index: QModelIndex | QPersistentModelIndex) -> Any:
    """The JSON value of a tree node (any column)."""
    held = index.data(VALUE_ROLE)
    return held.value if isinstance(held, Held) else None


def pretty(document: Any) -> str:
    """Pretty-printed JSON with non-ASCII text as is (raw text stays raw)."""
    return document if isinstance(document, str) else jsontext.dumps(document, indent=2)


class JsonTreeModel(QStandardItemModel):
    """A JSON document as rows of key, value and type; each row knows its path and value.

    A lazy tree adds an object's or array's children when it is expanded, `CHILDREN_AT_ONCE`
    at a time, with a "… N more" row for the rest (`show_more` adds the next ones).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Value"), self.tr("Type")])
        self.invisibles = True
        """Show odd characters of keys and string values escaped (the items keep the real ones)."""
        self.lazy = False
        self._document: Any = None

    def load(self, document: Any, lazy: bool = False) -> None:
        """Replace the tree with `document` (a dict, list, or raw text)."""
        self.removeRows(0, self.rowCount())
        self.lazy = lazy
        self._document = document
        if isinstance(document, dict | list):
            self._add_children(self.invisibleRootItem(), document, "")
        else:
            self._add(self.invisibleRootItem(), "(raw)", document, "")

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> bool:
        return self.canFetchMore(parent) or super().hasChildren(parent)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return parent.isValid() and parent.column() == 0 and bool(parent.data(PENDING_ROLE))

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        """Add the children of an expanded object or array (the view asks)."""
        item = self.itemFromIndex(parent)
        item.setData(False, PENDING_ROLE)
        self._add_children(item, value_of(parent), parent.data(PATH_ROLE))

    def show_more(self, index: QModelIndex) -> None:
        """Replace a "… N more" row with the next children."""
        start = index.data(MORE_ROLE)
        if start is None:
            return
        parent = self.itemFromIndex(index.parent()) or self.invisibleRootItem()
        value = value_of(index.parent()) if index.parent().isValid() else self._document
        path = index.parent().data(PATH_ROLE) if index.parent().isValid() else ""
        parent.removeRow(index.row())
        self._add_children(parent, value, path, start)

    def _add_children(self, parent: QStandardItem, value: Any, path: str, start: int = 0) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        stop = min(len(value), start + CHILDREN_AT_ONCE) if self.lazy else len(value)
        for key, child in islice(items, start, stop):
            self._add(parent, key, child, child_path(path, key))
        if stop < len(value):
            more = QStandardItem(self.tr("… {0} more").format(f"{len(value) - stop:,}"))
            hint = QStandardItem(
                self.tr("double-click to show the next {0}").format(
                    min(CHILDREN_AT_ONCE, len(value) - stop)
                )
            )
            for item in (more, hint):
                item.setEditable(False)
                item.setData(stop, MORE_ROLE)
            parent.appendRow([more, hint])

    def _cell(self, text: str) -> str:
        """A key or value as the tree shows it: escaped if asked, cut to `VALUE_CHARS`."""
        if len(text) > VALUE_CHARS:
            return escape_cut(text, VALUE_CHARS) if self.invisibles else text[:VALUE_CHARS] + "…"
        return escape(text) if self.invisibles else text

    def _add(self, parent: QStandardItem, key: Any, value: Any, path: str) -> None:
        is_container = isinstance(value, dict | list)
        kind = json_type(value)
        if is_container:
            shown = f"{{{len(value)}}}" if isinstance(value, dict) else f"[{len(value)}]"
        elif isinstance(value, str):
            shown = self._cell(value)
            if len(value) > VALUE_CHARS:
                kind = self.tr("{0}, {1} characters").format(kind, f"{len(value):,}")
        else:
            shown = json.dumps(value, ensure_ascii=False)
        key_item = QStandardItem(self._cell(f"[{key}]" if isinstance(key, int) else str(key)))
        value_item = QStandardItem(shown)
        type_item = QStandardItem(kind)
        held = Held(value)
        for item in (key_item, value_item, type_item):
            item.setEditable(False)
            item.setData(path, PATH_ROLE)
            item.setData(held, VALUE_ROLE)
        parent.appendRow([key_item, value_item, type_item])
        if is_container and self.lazy:
            key_item.setData(bool(value), PENDING_ROLE)
        elif is_container:
            self._add_children(key_item, value, path)


class JsonHighlighter(QSyntaxHighlighter):
    """Colours keys, strings, numbers and literals of pretty-printed JSON."""

    RULES = [
        (re.compile(r'"(?:[^"\\]|\\.)*"(?=\s*:)'), Tone.JSON_KEY),
        (re.compile(r':\s*("(?:[^"\\]|\\.)*")'), Tone.JSON_STRING),
        (re.compile(r"-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b"), Tone.JSON_NUMBER),
        (re.compile(r"\b(?:true|false|null)\b"), Tone.JSON_LITERAL),
    ]

    def highlightBlock(self, line: str) -> None:
        if self.document().characterCount() > BIG_TEXT:
            return  # a big text undone back into an editor: its owner turns highlighting off
        for pattern, tone in self.RULES:
            fmt = QTextCharFormat()
            fmt.setForeground(text(tone))
            for match in pattern.finditer(line):
                group = 1 if pattern.groups else 0
                self.setFormat(match.start(group), match.end(group) - match.start(group), fmt)


class Inspector(QWidget):
    """The selected notification as a tree and as raw JSON."""

    text_shown = Signal()
    """The text view holds the whole of the shown document (for a big one: after its last piece)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: Any = None
        self._whole: str | None = None  # a big document's JSON text, once prepared
        self._copy_when_prepared = False
        self._preparing = LatestResult(self._prepared, self)
        self._copying = LatestResult(
            lambda text: self._copy(text, self.tr("copied value ({0} characters)")), self
        )
        self._pieces: deque[str] = deque()
        self._filler = QTimer(self, singleShot=True, interval=0)
        self._filler.timeout.connect(self._fill_next)
        self.masked = False
        self.model = JsonTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.activated.connect(self.model.show_more)
        self.raw = QPlainTextEdit(readOnly=True)
        self.raw.setAccessibleName(self.tr("Notification as JSON text"))
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.raw.setUndoRedoEnabled(False)  # a read-only view: no copy of a big text to undo
        self._highlighter = JsonHighlighter(self.raw.document())
        self.big_note = QLabel()
        self.big_note.setWordWrap(True)
        self.big_note.setStyleSheet(text_style(Tone.INFO))
        self.big_note.hide()
        self.find_box = QLineEdit(placeholderText=self.tr("Find in JSON (Enter: next)"))
        self.find_box.returnPressed.connect(self.find_next)
        self.find_box.setAccessibleName(self.tr("Find in the notification"))
        self.find_box.setToolTip(keys.hint(self.tr("Find in the notification"), keys.FIND))
        self.tree.setAccessibleName(self.tr("Notification as a tree"))
        self.status = QLabel()
        self.deprecated = QLabel()
        self.deprecated.setWordWrap(True)
        self.deprecated.setStyleSheet(text_style(Tone.WARNING))
        self.deprecated.hide()
        self.timeline_title = QLabel()
        self.timeline_title.setWordWrap(True)
        self.timeline = QTreeWidget()
        self.timeline.setAccessibleName(self.tr("Status timeline"))
        self.timeline.setHeaderLabels([self.tr("Status"), self.tr("Time"), self.tr("Gap")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setMaximumHeight(140)
        self.timeline_notes = QLabel()
        self.timeline_notes.setWordWrap(True)
        self.timeline_notes.setTextFormat(Qt.TextFormat.PlainText)  # descriptions come from bodies
        self.timeline_notes.setStyleSheet(text_style(Tone.ERROR))
        self.timeline_box = QWidget()
        box = QVBoxLayout(self.timeline_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.timeline_title)
        box.addWidget(self.timeline_notes)
        box.addWidget(self.timeline)
        self.timeline_box.hide()
        self.shape = ShapeSection()
        self.links = LinksSection()

        buttons = FlowLayout()
        for label, slot in (
            (self.tr("Expand all"), self.expand_all),
            (self.tr("Collapse all"), self.tree.collapseAll),
            (self.tr("Copy value"), self.copy_value),
            (self.tr("Copy path"), self.copy_path),
            (self.tr("Copy JSON"), self.copy_whole),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.invisibles_box = QCheckBox(self.tr("Show invisibles"))
        self.invisibles_box.setChecked(True)
        self.invisibles_box.setToolTip(
            self.tr(
                "Show control, bidi and zero-width characters as escapes (\\u200b, \\u202e); "
                "Copy value and Copy JSON copy the real text"
            )
        )
        self.invisibles_box.toggled.connect(self.set_invisibles)
        buttons.addWidget(self.invisibles_box)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.raw)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.find_box)
        layout.addWidget(self.deprecated)
        layout.addWidget(self.shape)
        layout.addWidget(self.links)
        layout.addWidget(self.timeline_box)
        layout.addWidget(self.big_note)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    def set_masked(self, masked: bool) -> None:
        """Hide (or show again) phone numbers, and redraw."""
        self.masked = masked
        self.show_document(self._document)
        self.links.set_masked(masked)

    def set_invisibles(self, shown: bool) -> None:
        """Show odd characters escaped (or as they are), and redraw."""
        self.model.invisibles = shown
        self.show_document(self._document)

    def show_document(self, document: Any) -> None:
        """Show a notification (dict) or a malformed answer (raw text); None clears."""
        self._document = document
        self._whole = None
        self._copy_when_prepared = False
        self._preparing.drop()
        self._pieces.clear()
        self._filler.stop()
        self.shape.show_document(document)
        self._show_deprecation(document)
        self.big_note.hide()
        if document is None:
            self.model.load({})
            self.raw.clear()
            self.text_shown.emit()
            return
        size = extent(document)
        if size.big:  # masking, printing and escaping it would freeze the window
            self._highlighter.setDocument(None)
            self.model.load({})
            self.raw.clear()
            self.big_note.setText(self.tr("Preparing a big body…"))
            self.big_note.show()
            masked, invisibles = self.masked, self.model.invisibles
            self._preparing.submit(lambda wanted: _prepare(document, masked, invisibles, wanted))
            return
        shown = redact(document, instance=True) if self.masked else document
        self._show_tree(shown, size.lazy)
        text = pretty(shown)
        if self.model.invisibles:  # a malformed answer is raw text, not JSON
            text = escape_lines(text) if isinstance(shown, str) else escape_json(text)
        if self._highlighter.document() is None:  # after a big one: not its text highlighted
            self.raw.clear()
            self._highlighter.setDocument(self.raw.document())
        self.raw.setPlainText(text)
        self.text_shown.emit()

    def _show_deprecation(self, document: Any) -> None:
        kind = _get_kind(document)
        old_message = deprecated_message(
            document.get("body") if isinstance(document, dict) else None
        )
        self.deprecated.setVisible(kind in DEPRECATED_TYPES or bool(old_message))
        self.deprecated.setText(
            self.tr(
                "{0} is deprecated: GREEN-API keeps it for backward compatibility "
                "(replies carry a quotedMessage field now)"
            ).format(old_message)
            if old_message
            else self.tr(
                "{0} is deprecated: GREEN-API documents it as temporarily not working"
            ).format(kind)
        )

    def _show_tree(self, document: Any, lazy: bool) -> None:
        """The whole tree expanded, or (lazy) its first level with its objects opened."""
        self.model.load(document, lazy)
        if lazy:
            for row in range(min(self.model.rowCount(), OPENED_AT_ONCE)):
                self.tree.expand(self.model.index(row, 0))
        else:
            self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def _prepared(self, result: tuple[Any, Prepared]) -> None:
        """A big document is ready: its tree's first levels, then its text piece by piece."""
        shown, prepared = result
        self._show_tree(shown, lazy=True)
        self._whole = prepared.whole
        self.big_note.setText(
            self.tr(
                "{0} characters: highlighting off for bodies over {1}; the text view folds "
                "lines longer than {2} characters and the tree shows {3} children at a time "
                "(Copy JSON copies the whole text)"
            ).format(
                f"{len(prepared.whole):,}",  # its JSON text; the row's Size: the answer's bytes
                size_text(BIG_TEXT),
                f"{FOLD:,}",
                CHILDREN_AT_ONCE,
            )
        )
        self._pieces.extend(prepared.shown)
        self._fill_next()
        if self._copy_when_prepared:
            self.copy_whole()

    def _fill_next(self) -> None:
        """Add the next piece of a big document's text; the window draws in between."""
        if not self._pieces:
            return
        cursor = QTextCursor(self.raw.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(self._pieces.popleft())
        if self._pieces:
            self._filler.start()
        else:
            self.text_shown.emit()

    def expand_all(self) -> None:
        """Expand every node (of a lazy tree: the ones already added)."""
        if not self.model.lazy:
            self.tree.expandAll()
            return
        items = [self.model.invisibleRootItem()]
        while items:
            item = items.pop()
            for row in range(item.rowCount()):
                child = item.child(row)
                if child.hasChildren():
                    self.tree.expand(child.index())
                    items.append(child)

    def show_timeline(self, timeline: Timeline | None) -> None:
        """The status timeline of the inspected message (or of the message a status is about)."""
        self.timeline.clear()
        if timeline is None:
            self.timeline_box.hide()
            return
        if timeline.orphan:
            title = self.tr(
                "⚠ Status timeline of {0}: the message itself was never seen (not in the journal)"
            ).format(escape(timeline.id_message))
            self.timeline_title.setStyleSheet(text_style(Tone.ERROR, bold=True))
        else:
            title = self.tr("Status timeline of {0}: sent {1}").format(
                escape(timeline.id_message), clock_text(timeline.sent_at)
            )
            self.timeline_title.setStyleSheet("font-weight: bold")
        if not timeline.steps:
            title += self.tr(" — no status received yet")
        self.timeline_title.setText(title)
        notes = [escape(f"{step.status}: {step.detail}") for step in timeline.steps if step.detail]
        if timeline.early:
            notes.append(
                self.tr("⚠ reached the console before the message: {0}").format(
                    ", ".join(timeline.early)
                )
            )
        if timeline.missing:
            missing = ", ".join(timeline.missing)
            notes.append(self.tr("⚠ skipped, never received: {0}").format(missing))
        self.timeline_notes.setText("\n".join(notes))
        self.timeline_notes.setVisible(bool(notes))
        for step in timeline.steps:
            gap = "" if step.gap is None else self.tr("+{0:.1f} s").format(step.gap)
            item = QTreeWidgetItem([escape(step.status), clock_text(step.at), gap])
            if step.problem:
                back, fore = surface(Surface.PROBLEM)
                for column in range(3):
                    item.setForeground(column, QBrush(fore))
                    item.setBackground(column, QBrush(back))
            self.timeline.addTopLevelItem(item)
        for column in range(3):
            self.timeline.resizeColumnToContents(column)
        self.timeline_box.show()

    def selected_item(self) -> QModelIndex:
        """The tree's current index (any column)."""
        return self.tree.currentIndex()

    def copy_value(self) -> None:
        """Copy the selected node's value (JSON for objects and arrays)."""
        index = self.selected_item()
        if not index.isValid() or index.data(MORE_ROLE) is not None:
            return
        value = value_of(index)
        if not isinstance(value, str) and extent(value).big:  # written on the worker thread
            self.status.setText(self.tr("copying the value as soon as it is prepared…"))
            self._copying.submit(lambda wanted: json_text(value, wanted))
            return
        text = value if isinstance(value, str) else jsontext.dumps(value, indent=2)
        self._copy(text, self.tr("copied value ({0} characters)"))

    def copy_path(self) -> None:
        """Copy the selected node's path, e.g. body.messageData.textMessageData.textMessage."""
        index = self.selected_item()
        if index.isValid():
            self._copy(index.data(PATH_ROLE), self.tr("copied path ({0} characters)"))

    def copy_whole(self) -> None:
        """Copy the whole notification as pretty JSON (as shown: masked in presentation mode);
        a big one's as soon as its text is prepared."""
        if self._whole is not None:
            self._copy(self._whole, self.tr("copied JSON ({0} characters)"))
        elif self._preparing.busy:
            self._copy_when_prepared = True
            self.status.setText(self.tr("copying the JSON as soon as it is prepared…"))
        elif self._document is not None:
            shown = redact(self._document, instance=True) if self.masked else self._document
            self._copy(pretty(shown), self.tr("copied JSON ({0} characters)"))

    def _copy(self, text: str, done: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.status.setText(done.format(len(text)))

    def find_next(self) -> bool:
        """Select the next match in the raw JSON and the first matching tree node."""
        needle = self.find_box.text()
        if not needle:
            return False
        found = self.raw.find(needle) or self._wrap_find(needle)
        matches = self.model.match(
            self.model.index(0, 1),
            Qt.ItemDataRole.DisplayRole,
            needle,
            1,
            Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive,
        )
        matches = matches or self.model.match(
            self.model.index(0, 0),
            Qt.ItemDataRole.DisplayRole,
            needle,
            1,
            Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive,
        )
        if matches:
            self.tree.setCurrentIndex(matches[0])
            self.tree.scrollTo(matches[0])
        self.status.setText("" if found else self.tr("{0!r} not found").format(needle))
        return found

    def _wrap_find(self, needle: str) -> bool:
        cursor = self.raw.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.raw.setTextCursor(cursor)
        return self.raw.find(needle, QTextDocument.FindFlag(0))


def _prepare(
    document: Any, masked: bool, invisibles: bool, wanted: Callable[[], bool]
) -> tuple[Any, Prepared]:
    """A big document masked if asked, and its text prepared (on the worker thread)."""
    shown = redact(document, instance=True) if masked else document
    return shown, prepare(shown, invisibles, wanted)


def _get_kind(document: Any) -> str:
    """The typeWebhook of a shown notification ("" for anything else)."""
    body = document.get("body") if isinstance(document, dict) else None
    kind = body.get("typeWebhook") if isinstance(body, dict) else None
    return kind if isinstance(kind, str) else ""
