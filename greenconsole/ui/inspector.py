"""The JSON inspector: a tree (key, value, type) and highlighted raw JSON, with copy and find."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import (
    QBrush,
    QGuiApplication,
    QStandardItem,
    QStandardItemModel,
    QSyntaxHighlighter,
    QTextCharFormat,
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
from greenconsole.invisibles import escape, escape_json, escape_lines
from greenconsole.jsontext import child_path
from greenconsole.redact import redact
from greenconsole.shapes import json_type
from greenconsole.templates import DEPRECATED_TYPES, deprecated_message
from greenconsole.timeline import Timeline
from greenconsole.ui import keys
from greenconsole.ui.flow_layout import FlowLayout
from greenconsole.ui.links import LinksSection
from greenconsole.ui.palette import Surface, Tone, surface, text, text_style
from greenconsole.ui.shape_marks import ShapeSection


def clock_text(at: float | None) -> str:
    """Local date and time of an epoch second, e.g. 2026-11-25 10:41:07."""
    return "?" if at is None else time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at))


PATH_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2


def pretty(document: Any) -> str:
    """Pretty-printed JSON with non-ASCII text as is (raw text stays raw)."""
    return document if isinstance(document, str) else jsontext.dumps(document, indent=2)


class JsonTreeModel(QStandardItemModel):
    """A JSON document as rows of key, value and type; each row knows its path and value."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Value"), self.tr("Type")])
        self.invisibles = True
        """Show odd characters of keys and string values escaped (the items keep the real ones)."""

    def load(self, document: Any) -> None:
        """Replace the tree with `document` (a dict, list, or raw text)."""
        self.removeRows(0, self.rowCount())
        if isinstance(document, dict | list):
            self._add_children(self.invisibleRootItem(), document, "")
        else:
            self._add(self.invisibleRootItem(), "(raw)", document, "")

    def _add_children(self, parent: QStandardItem, value: Any, path: str) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            self._add(parent, key, child, child_path(path, key))

    def _add(self, parent: QStandardItem, key: Any, value: Any, path: str) -> None:
        is_container = isinstance(value, dict | list)
        if is_container:
            shown = f"{{{len(value)}}}" if isinstance(value, dict) else f"[{len(value)}]"
        else:
            shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        key_text = f"[{key}]" if isinstance(key, int) else str(key)
        if self.invisibles:
            key_text, shown = escape(key_text), escape(shown) if isinstance(value, str) else shown
        key_item = QStandardItem(key_text)
        value_item = QStandardItem(shown)
        type_item = QStandardItem(json_type(value))
        for item in (key_item, value_item, type_item):
            item.setEditable(False)
            item.setData(path, PATH_ROLE)
            item.setData(value, VALUE_ROLE)
        parent.appendRow([key_item, value_item, type_item])
        if is_container:
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
        for pattern, tone in self.RULES:
            fmt = QTextCharFormat()
            fmt.setForeground(text(tone))
            for match in pattern.finditer(line):
                group = 1 if pattern.groups else 0
                self.setFormat(match.start(group), match.end(group) - match.start(group), fmt)


class Inspector(QWidget):
    """The selected notification as a tree and as raw JSON."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: Any = None
        self.masked = False
        self.model = JsonTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.raw = QPlainTextEdit(readOnly=True)
        self.raw.setAccessibleName(self.tr("Notification as JSON text"))
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._highlighter = JsonHighlighter(self.raw.document())
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
            (self.tr("Expand all"), self.tree.expandAll),
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
        self.shape.show_document(document)
        if document is not None and self.masked:
            document = redact(document)
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
        if document is None:
            self.model.load({})
            self.raw.clear()
            return
        self.model.load(document)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        text = pretty(document)
        if self.model.invisibles:  # a malformed answer is raw text, not JSON
            text = escape_lines(text) if isinstance(document, str) else escape_json(text)
        self.raw.setPlainText(text)

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
        if index.isValid():
            value = index.data(VALUE_ROLE)
            text = value if isinstance(value, str) else jsontext.dumps(value, indent=2)
            self._copy(text, self.tr("copied value ({0} characters)"))

    def copy_path(self) -> None:
        """Copy the selected node's path, e.g. body.messageData.textMessageData.textMessage."""
        index = self.selected_item()
        if index.isValid():
            self._copy(index.data(PATH_ROLE), self.tr("copied path ({0} characters)"))

    def copy_whole(self) -> None:
        """Copy the whole notification as pretty JSON (as shown: masked in presentation mode)."""
        if self._document is not None:
            shown = redact(self._document) if self.masked else self._document
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


def _get_kind(document: Any) -> str:
    """The typeWebhook of a shown notification ("" for anything else)."""
    body = document.get("body") if isinstance(document, dict) else None
    kind = body.get("typeWebhook") if isinstance(body, dict) else None
    return kind if isinstance(kind, str) else ""
