"""The feed panel: the table of notifications, what happens to its rows, and the inspection of
the current one. It composes the filter bar (filter_bar, searching through feed_search),
history (feed_history), deletes (feed_deletes) and files (feed_transfer)."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from greenconsole.capture import Delivery
from greenconsole.journal.store import Journal, body_of
from greenconsole.large_text import BIG_TEXT
from greenconsole.links import Entry, Links, find_links
from greenconsole.timeline import build_timeline, has_timeline
from greenconsole.ui import keys
from greenconsole.ui.feed_columns import FeedColumns
from greenconsole.ui.feed_compare import FeedCompare
from greenconsole.ui.feed_deletes import FeedDeletes
from greenconsole.ui.feed_history import FeedHistory
from greenconsole.ui.feed_model import ROW_ROLE, FeedModel, FeedRow, RowState
from greenconsole.ui.feed_search import SearchScope, SearchThread
from greenconsole.ui.feed_transfer import KINDS, FeedTransfer, ImportedFile
from greenconsole.ui.filter_bar import FeedFilter
from greenconsole.ui.flow_layout import FlowLayout
from greenconsole.ui.new_rows_chip import NewRowsChip
from greenconsole.ui.palette import Surface, surface_style
from greenconsole.ui.session import ReceiveSession
from greenconsole.ui.tasks import TaskSet


class FeedPanel(QWidget):
    """The rows of one tab: live and history, or an imported file (read-only)."""

    current_changed = Signal(object)  # the document to inspect (dict, raw text) or None
    timeline_ready = Signal(object)  # Timeline of the inspected message, or None
    links_ready = Signal(object)  # Links of the inspected notification, or None
    message = Signal(str)
    mode_changed = Signal()  # live ↔ imported (read-only)

    def __init__(
        self,
        journal: Journal,
        session: ReceiveSession,
        tasks: TaskSet,
        replay_target: Callable[[], Awaitable[str]],
        settings: QSettings,
        token: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.session = session
        self.tasks = tasks
        self.scope: int | None = None  # the tab's instance: history and searches stay in it
        self.imported: ImportedFile | None = None  # the file shown instead of the live feed
        self._timeline_generation = 0
        self._inspecting = 0  # which inspect() is current: a big row is shown when read
        self._head: int | None = None  # the capture last held in manual mode
        self._links_generation = 0
        self.model = FeedModel(source=journal, parent=self)
        self.search_thread = SearchThread(journal)
        self.filter = FeedFilter(
            self.model, self.search_thread, tasks, self.search_scope, settings, token
        )
        self.history = FeedHistory(journal, self.model, self)
        self.deletes = FeedDeletes(session, journal, self.model, tasks, self)
        self.transfer = FeedTransfer(self.document, replay_target, self)
        self.compare = FeedCompare(self)
        self.filter_box = self.filter.filter_box
        self.type_box = self.filter.type_box
        self.group_box = self.filter.group_box
        self._build(settings)
        self._connect()
        self.show_live()

    # --- layout --------------------------------------------------------------------------
    def _build(self, settings: QSettings | None) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Notifications"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        # fixed row heights: Qt never measures rows, which keeps 100k-row inserts and scrolls cheap
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        self.columns = FeedColumns(self.table, self.model, settings, self)
        self.new_rows = NewRowsChip(self.table)  # and the table follows the newest row
        self.banner = QLabel()
        self.banner.setStyleSheet(surface_style(Surface.CAUTION))
        # the last result of an export, import, replay, history or compare action, whole
        # (wrapped) and kept until the next: the status bar's notices pass and get covered
        self.result_line = QLabel()
        self.result_line.setAccessibleName(self.tr("Feed result"))
        self.result_line.setWordWrap(True)
        self.result_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_line.hide()
        self.back_button = QPushButton(self.tr("Back to live"))
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.setToolTip(
            keys.hint(
                self.tr("Delete the selected notifications"), QKeySequence("Delete"), keys.DELETE
            )
        )
        self.retry_button = QPushButton(self.tr("Retry failed deletes"))
        self.skip_button = QPushButton(self.tr("Skip for now"))
        self.history_button = self._menu_button(
            self.tr("History"),
            [
                (self.tr("Load older captures"), self.load_older),
                (self.tr("Clear history…"), self.confirm_clear_history),
            ],
        )
        kind_names = {"JSON Lines": "JSON Lines", "JSON array": self.tr("JSON array")}
        self.export_button = self._menu_button(
            self.tr("Export"),
            [
                (label.format(kind_names[kind]), self._export_slot(which, kind))
                for which, label in (
                    ("all", self.tr("All rows as {0}…")),
                    ("shown", self.tr("Shown rows as {0}…")),
                    ("selected", self.tr("Selected rows as {0}…")),
                )
                for kind in KINDS
            ],
        )
        self.import_button = QPushButton(self.tr("Import…"))
        self.replay_masked_box = QCheckBox(self.tr("replay masked bodies anyway"))
        self.replay_masked_box.setToolTip(
            self.tr(
                "Replay refuses bodies with masked phone numbers or names (•••, from a masked "
                "export) unless this is ticked"
            )
        )
        self.replay_button = QPushButton(self.tr("Replay selected"))
        self.replay_button.setToolTip(
            self.tr(
                "POST the selected (or all imported) notifications, in order, to the local "
                "sandbox or the form's debug webhook"
            )
        )

        banner = QHBoxLayout()
        banner.addWidget(self.banner, 1)
        banner.addWidget(self.back_button)
        actions = FlowLayout()
        for button in (
            self.delete_button,
            self.retry_button,
            self.skip_button,
            self.history_button,
            self.export_button,
            self.import_button,
            self.replay_button,
            self.replay_masked_box,
        ):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addLayout(banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.result_line)

        delete_action = QAction(self.tr("Delete selected"), self)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(delete_action)

    def _menu_button(self, text: str, entries: list[tuple[str, Callable[[], Any]]]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, slot in entries:
            menu.addAction(label, slot)
        button.setMenu(menu)
        return button

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(lambda: self.current_changed.emit(None))
        self.delete_button.clicked.connect(self.delete_selected)
        self.retry_button.clicked.connect(self.retry_failed)
        self.skip_button.clicked.connect(self.session.skip)
        self.back_button.clicked.connect(self.show_live)
        self.import_button.clicked.connect(
            lambda: self.transfer.ask_import(lambda path: self.tasks.spawn(self.import_file(path)))
        )
        self.replay_button.clicked.connect(lambda: self.tasks.spawn(self.replay_selected()))
        self.filter.message.connect(self.message)  # the filter has a result line of its own
        for part in (self.history, self.transfer, self.compare):
            part.message.connect(self.say)
        self.history.cleared.connect(self.show_live)
        self.deletes.busy_changed.connect(self.update_actions)
        session = self.session
        session.received.connect(self.on_received)
        session.malformed.connect(self.on_malformed)
        session.repeated.connect(self.on_repeated)
        session.deleting.connect(
            lambda capture_id: self.model.update_capture(capture_id, state=RowState.DELETING)
        )
        session.deleted.connect(self.on_deleted)
        session.holding.connect(self.on_holding)
        session.released.connect(
            lambda capture_id: self.model.update_capture(capture_id, state=RowState.RELEASED)
        )

    def say(self, text: str) -> None:
        """Show an action's result on the feed's result line, and pass it on."""
        self.result_line.setText(text)
        self.result_line.show()
        self.message.emit(text)

    def update_actions(self) -> None:
        """Enable what makes sense now."""
        idle_deletes = not self.deletes.busy and self.imported is None
        self.delete_button.setEnabled(idle_deletes)
        self.retry_button.setEnabled(idle_deletes)
        self.skip_button.setEnabled(self.session.held_receipt is not None)
        self.import_button.setEnabled(not self.session.running)
        # masked bodies come from masked exports: the override is offered with an imported
        # file, or once a replay was refused
        self.replay_masked_box.setVisible(self.imported is not None or self.transfer.refused_masked)

    # --- rows from the session -----------------------------------------------------------
    def on_received(self, delivery: Delivery) -> None:
        if self.imported is None:
            if delivery.capture is None:
                row = FeedRow.from_notification(delivery.notification)
            else:  # summarised and shape-checked once, by the journal
                row = FeedRow.from_capture(delivery.capture, history=False)
            row.redelivery = delivery.redelivery
            row.earlier = delivery.earlier
            self.model.append(row)

    def on_malformed(self, reason: str, capture_id: int) -> None:
        if self.imported is None:
            found = self.journal.captures([capture_id])  # one row: its size, as history has it
            if found:
                row = FeedRow.from_capture(found[0], history=False)
            else:  # cleared meanwhile
                row = FeedRow(
                    time.time(), None, "", "", "", reason, "", capture_id, state=RowState.MALFORMED
                )
            self.model.append(row)

    def on_holding(self, capture_id: int | None) -> None:
        if capture_id is not None:
            self.model.update_capture(capture_id, state=RowState.HELD)
            self._follow_head(capture_id)
        self.update_actions()

    def _follow_head(self, capture_id: int) -> None:
        """Manual mode: the held head becomes the current, selected row (Delete acts on it),
        unless the user is looking at a row other than the previous head."""
        previous, self._head = self._head, capture_id
        current = self.table.currentIndex()
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is not None and row.capture_id not in (previous, capture_id):
            return
        number = self.model.number_of_capture(capture_id)
        if number is not None:
            self.select_row(number)
            self.table.scrollTo(self.model.index(number, 0))

    def on_repeated(self, capture_id: int | None) -> None:
        row = None if capture_id is None else self.model.row_of_capture(capture_id)
        if row is not None:
            state = RowState.SKIPPED if row.state in (RowState.HELD, RowState.SHOWN) else row.state
            self.model.update_capture(capture_id, repeats=row.repeats + 1, state=state)

    def on_deleted(
        self, capture_id: int | None, _receipt_id: int, result: bool | None, detail: str
    ) -> None:
        if result:
            row = self.model.update_capture(capture_id, state=RowState.DELETED, detail="")
            if row is not None and row.earlier is not None:  # its first row is not queued now
                self.model.update_capture(
                    row.earlier,
                    state=RowState.DELETED,
                    detail=self.tr("deleted as its redelivery"),
                )
        else:
            self.model.update_capture(
                capture_id, state=RowState.DELETE_FAILED, detail=detail or "result: false"
            )

    # --- selection, inspection -----------------------------------------------------------
    def selected_rows(self) -> list[FeedRow]:
        """Rows selected in the table, in feed order."""
        numbers = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return self.model.rows_at(numbers)

    def select_row(self, number: int) -> None:
        """Make a row current and selected."""
        self.table.selectionModel().setCurrentIndex(
            self.model.index(number, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def document(self, row: FeedRow, raw: str | None = None) -> Any:
        """What the inspector shows for a row: the notification, or the raw answer (`raw`:
        the capture's, already read)."""
        if row.body is not None:
            return {"receiptId": row.receipt_id, "body": row.body}
        if raw is None:
            raw = self.journal.raw(row.capture_id) if row.capture_id is not None else ""
        try:
            parsed = json.loads(raw)
        except ValueError:
            return raw
        return parsed if isinstance(parsed, dict) and row.receipt_id is not None else raw

    def _current_changed(self, current: Any, _previous: Any = None) -> None:
        keyboard = QApplication.mouseButtons() == Qt.MouseButton.NoButton
        selection = self.table.selectionModel()
        if keyboard and current.isValid() and not selection.isRowSelected(current.row()):
            # Ctrl+End, Ctrl+Home, Ctrl+arrows move the current row alone: select it too, so
            # the inspector and Delete never act on different rows
            selection.select(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.inspect(current.data(ROW_ROLE) if current.isValid() else None)

    def inspect(self, row: FeedRow | None) -> None:
        """Show a row in the inspector, with its timeline and links (looked up off the Qt
        thread); None clears it. A big capture is read and parsed on the search thread."""
        self._inspecting += 1
        if row is not None and row.body is None and (row.size or 0) > BIG_TEXT:
            self.current_changed.emit(None)
            self.tasks.spawn(self._inspect_big(row, self._inspecting))
        else:
            self._inspected(row, self.document(row) if row else None)

    async def _inspect_big(self, row: FeedRow, generation: int) -> None:
        capture_id = row.capture_id
        assert capture_id is not None  # a row without a body is a journal capture
        thread = self.search_thread
        document = await thread.run(lambda: self.document(row, thread.reader().raw(capture_id)))
        if generation == self._inspecting:  # not another row meanwhile
            self._inspected(row, document)

    def _inspected(self, row: FeedRow | None, document: Any) -> None:
        self.current_changed.emit(document)
        self._inspect_links(document, row)
        self._timeline_generation += 1
        if row is not None and row.id_message and has_timeline(row.type_webhook):
            self.tasks.spawn(self._timeline(row.id_message, self._timeline_generation))
        else:
            self.timeline_ready.emit(None)

    async def _timeline(self, id_message: str, generation: int) -> None:
        """Find the message and its statuses (journal search thread, or the imported rows)."""
        if self.imported is not None:
            entries = [
                (row.receipt_id, row.received_at, row.body)
                for row in self.imported.rows
                if row.id_message == id_message and row.body is not None
            ]
        else:
            scope = self.scope
            found = await self.search_thread.run(
                lambda: self.search_thread.reader().message_entries(id_message, scope)
            )
            entries = [(receipt, at, body) for receipt, at, raw in found if (body := body_of(raw))]
        if generation == self._timeline_generation:
            self.timeline_ready.emit(build_timeline(id_message, entries))

    def _inspect_links(self, document: Any, row: FeedRow | None) -> None:
        self._links_generation += 1
        self.links_ready.emit(None)
        body = document.get("body") if isinstance(document, dict) else None
        if isinstance(body, dict) and row is not None:
            self.tasks.spawn(self._links(body, row, self._links_generation))

    async def _links(self, body: dict[str, Any], row: FeedRow, generation: int) -> None:
        """Find what the body refers to and what refers to it, on the journal search thread
        (in the tab's instance), or among the imported rows (known there by their row keys)."""
        found: Links | None = None
        if self.imported is not None:
            entries: list[Entry] = [
                (r.key, r.receipt_id, r.type_webhook, r.id_message, r.summary, r.body)
                for r in self.imported.rows
            ]
            links = await self.search_thread.run(find_links, body, row.key, entries)
            found = replace(links, imported=True)
        elif (scope := self.scope) is not None:
            capture_id = row.capture_id
            found = await self.search_thread.run(
                lambda: self.search_thread.reader().links(body, capture_id, scope)
            )
        if generation == self._links_generation:
            self.links_ready.emit(found)

    def show_capture(self, key: int) -> None:
        """Select a linked row: a capture id, or an imported row's key. When the feed does not
        show that row (not loaded, filtered out), inspect it anyway and say so."""
        number = self.model.number_of_capture(key)
        if number is not None:
            self.select_row(number)
            self.table.scrollTo(self.model.index(number, 0))
            return
        if self.imported is not None:
            rows = [row for row in self.imported.rows if row.key == key]
        else:
            rows = [FeedRow.from_capture(c, history=True) for c in self.journal.captures([key])]
        if rows:
            self.table.selectionModel().clear()
            self.inspect(rows[0])
            self.message.emit(
                self.tr(
                    "receipt {0} is not among the rows shown: its notification is in the inspector"
                ).format(rows[0].receipt_id)
            )

    # --- deletes -------------------------------------------------------------------------
    def delete_selected(self) -> None:
        """Delete the selected receipts (not already deleted) in the background."""
        if self.imported is None:
            self.deletes.delete(self.selected_rows())

    def retry_failed(self) -> None:
        """Delete again every receipt of the feed whose delete failed."""
        if self.imported is None:
            self.deletes.retry_failed(self.scope)

    # --- filter --------------------------------------------------------------------------
    def search_scope(self) -> SearchScope:
        """What a search covers now (taken on the Qt thread, read on the search thread)."""
        return SearchScope(self.scope, None if self.imported is None else self.imported.rows)

    def apply_filter(self) -> None:
        """Search with the filter bar's query (see FeedFilter.apply)."""
        self.filter.apply()

    @property
    def last_search_ms(self) -> float | None:
        """How long the last search took (None: no filter applied)."""
        return self.filter.last_search_ms

    # --- live, history, imported ---------------------------------------------------------
    def set_scope(self, instance: int | None) -> None:
        """Keep this feed to one instance's captures (None: none yet, no history)."""
        if instance != self.scope:
            self.scope = instance
            if self.imported is None:
                self.show_live()

    def show_live(self) -> None:
        """The live feed, opening with the last session's captures (marked as history)."""
        self._show(None)
        self.history.load_last_session(self.scope)
        self.banner.hide()
        self.back_button.hide()
        self._mode_shown()

    def show_imported(self, imported: ImportedFile) -> None:
        """An imported file's rows instead of the live feed, read-only."""
        self._show(imported)
        for row in imported.rows:
            self.model.append(row)
        self.model.flush()
        self.banner.setText(
            self.tr("Imported {0}: {1} notification(s), read-only").format(
                imported.name, len(imported.rows)
            )
        )
        self.banner.show()
        self.back_button.show()
        self._mode_shown()

    def _show(self, imported: ImportedFile | None) -> None:
        self.imported = imported
        self.model.clear()

    def _mode_shown(self) -> None:
        self.apply_filter()
        self.update_actions()
        self.mode_changed.emit()

    def load_older(self) -> None:
        """Put older captures above the loaded ones."""
        self.history.load_older(self.scope)

    def confirm_clear_history(self) -> None:
        """Ask (non-blocking), then empty the local journal (not the server queue)."""
        self.history.confirm_clear(self)

    # --- export / import / replay --------------------------------------------------------
    def rows_for(self, which: str) -> list[FeedRow]:
        """'all' loaded rows, the rows 'shown' by the filter, or the 'selected' ones."""
        if which == "selected":
            return self.selected_rows()
        if which == "shown":
            return list(self.model.shown_rows())
        return list(self.imported.rows) if self.imported is not None else self.model.rows()

    def _export_slot(self, which: str, kind: str) -> Callable[[], None]:
        """The Export menu's entry for `which` rows as `kind`."""
        return lambda: self.ask_export(which, kind)

    def ask_export(self, which: str, kind: str) -> None:
        """Pick a file and whether to mask (non-blocking dialog; masking is ticked in
        presentation mode), then export."""
        self.transfer.ask_export(
            kind, self.model.masked, lambda path, masked: self.export_to(path, which, masked)
        )

    def export_to(self, path: str, which: str, redacted: bool = True) -> int:
        """Write `which` rows to `path` (see FeedTransfer.export); phone numbers and names
        masked unless `redacted` is False."""
        return self.transfer.export(path, self.rows_for(which), redacted)

    async def import_file(self, path: str) -> bool:
        """Show a file's notifications as a read-only session; all or nothing."""
        imported = await self.transfer.read(path)
        if imported is not None:
            self.show_imported(imported)
        return imported is not None

    async def replay_selected(self) -> int:
        """POST the selected rows (or every imported row), in order, to the replay target."""
        rows = self.selected_rows() or (list(self.imported.rows) if self.imported else [])
        sent = await self.transfer.replay(rows, self.replay_masked_box.isChecked())
        self.update_actions()
        return sent

    def close_search(self) -> None:
        """Stop the search thread and close its journal connection."""
        self.search_thread.close()
