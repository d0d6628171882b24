"""The feed panel: table, filter (a journal search off the Qt thread), deletes, history,
export, import and replay."""

from __future__ import annotations

import asyncio
import json
import time
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from greenconsole.capture import Delivery
from greenconsole.journal.query import Query, QueryError, parse_query
from greenconsole.journal.store import Journal, JournalReader, body_of
from greenconsole.journal.transfer import (
    Exported,
    ImportFileError,
    json_array,
    json_lines,
    parse_import,
    replay,
)
from greenconsole.links import Entry, Links, find_links
from greenconsole.protocol.client import REQUEST_TIMEOUT, http_client
from greenconsole.protocol.notification import Notification
from greenconsole.templates import webhook_types
from greenconsole.timeline import build_timeline, has_timeline
from greenconsole.ui import keys
from greenconsole.ui.dialogs import confirm
from greenconsole.ui.feed_model import COL_SUMMARY, ROW_ROLE, FeedModel, FeedRow, RowState
from greenconsole.ui.flow_layout import FlowLayout
from greenconsole.ui.palette import Surface, error_field_style, surface_style
from greenconsole.ui.session import ReceiveSession
from greenconsole.ui.tasks import TaskSet

FILTER_DELAY_MS = 200
OLDER_PAGE = 5_000


class FeedPanel(QWidget):
    """Everything about the rows: what is shown, what happens to them, where they go."""

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
        replay_target: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.session = session
        self.tasks = tasks
        self._replay_target = replay_target  # coroutine function → webhook URL
        self._search_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-search")
        self._reader: JournalReader | None = None
        self._generation = 0
        self._deletes_in_flight = 0
        self._imported: list[FeedRow] | None = None
        self.last_search_ms: float | None = None
        self._timeline_generation = 0
        self._links_generation = 0
        self.scope: int | None = None  # the tab's instance: history and searches stay in it
        self.dialog: QDialog | None = None  # the open non-blocking dialog, kept referenced
        self.model = FeedModel(source=journal, parent=self)
        self._build()
        self._connect()
        self.show_live()
        self._search_thread.submit(self._open_reader)  # the first search is not the slow one

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.filter_box = QLineEdit(
            placeholderText=self.tr(
                "Filter the journal: text  type:…  chat:…  id:…  shape:bad  since:-1h  until:…"
            )
        )
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(self.tr("Filter the journal"))
        self.filter_box.setToolTip(keys.hint(self.tr("Filter the journal"), keys.FILTER))
        self.group_box = QCheckBox(self.tr("Group statuses"))
        self.group_box.setToolTip(
            self.tr("Show outgoingMessageStatus notifications on their message's row")
        )
        self.type_box = QComboBox()
        self.type_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.type_box.setMinimumContentsLength(10)
        self.type_box.addItem(self.tr("all types"), "")
        for name in webhook_types():
            self.type_box.addItem(name, name)
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((90, 70, 150, 110, 80, 0, 130)):
            if width:
                self.table.setColumnWidth(column, width)
        self.banner = QLabel()
        self.banner.setStyleSheet(surface_style(Surface.CAUTION))
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
                for kind in ("JSON Lines", "JSON array")
            ],
        )
        self.unredacted_action = self.export_button.menu().addAction(
            self.tr("Export phone numbers in clear (unredacted)")
        )
        self.unredacted_action.setCheckable(True)
        self.import_button = QPushButton(self.tr("Import…"))
        self.replay_button = QPushButton(self.tr("Replay selected"))
        self.replay_button.setToolTip(
            self.tr(
                "POST the selected (or all imported) notifications, in order, to the local "
                "sandbox or the form's debug webhook"
            )
        )

        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, 1)
        filters.addWidget(self.type_box)
        filters.addWidget(self.group_box)
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
        ):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        delete_action = QAction(self.tr("Delete selected"), self)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(delete_action)
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)

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
        self.filter_box.textChanged.connect(lambda: self._filter_timer.start())
        self.type_box.currentIndexChanged.connect(self.apply_filter)
        self.group_box.toggled.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(lambda: self.current_changed.emit(None))
        self.model.rowsAboutToBeInserted.connect(self._remember_follow)
        self.model.rowsInserted.connect(self._follow)
        self.delete_button.clicked.connect(self.delete_selected)
        self.retry_button.clicked.connect(self.retry_failed)
        self.skip_button.clicked.connect(self.session.skip)
        self.back_button.clicked.connect(self.show_live)
        self.import_button.clicked.connect(self.ask_import)
        self.replay_button.clicked.connect(lambda: self.tasks.spawn(self.replay_selected()))
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

    def update_actions(self) -> None:
        """Enable what makes sense now."""
        idle_deletes = self._deletes_in_flight == 0 and self._imported is None
        self.delete_button.setEnabled(idle_deletes)
        self.retry_button.setEnabled(idle_deletes)
        self.skip_button.setEnabled(self.session.held_receipt is not None)
        self.import_button.setEnabled(not self.session.running)

    # --- rows from the session -----------------------------------------------------------
    def on_received(self, delivery: Delivery) -> None:
        if self._imported is None:
            if delivery.capture is None:
                row = FeedRow.from_notification(delivery.notification)
            else:  # summarised and shape-checked once, by the journal
                row = FeedRow.from_capture(delivery.capture, history=False)
            row.redelivery = delivery.redelivery
            self.model.append(row)

    def on_malformed(self, reason: str, capture_id: int) -> None:
        if self._imported is None:
            row = FeedRow(
                time.time(), None, "", "", "", reason, "", capture_id, state=RowState.MALFORMED
            )
            self.model.append(row)

    def on_holding(self, capture_id: int | None) -> None:
        if capture_id is not None:
            self.model.update_capture(capture_id, state=RowState.HELD)
        self.update_actions()

    def on_repeated(self, capture_id: int | None) -> None:
        row = None if capture_id is None else self.model.row_of_capture(capture_id)
        if row is not None:
            state = RowState.SKIPPED if row.state in (RowState.HELD, RowState.SHOWN) else row.state
            self.model.update_capture(capture_id, repeats=row.repeats + 1, state=state)

    def on_deleted(
        self, capture_id: int | None, _receipt_id: int, result: bool | None, detail: str
    ) -> None:
        if result:
            self.model.update_capture(capture_id, state=RowState.DELETED, detail="")
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

    def document(self, row: FeedRow) -> Any:
        """What the inspector shows for a row: the notification, or the raw answer."""
        if row.body is not None:
            return {"receiptId": row.receipt_id, "body": row.body}
        raw = self.journal.raw(row.capture_id) if row.capture_id is not None else ""
        try:
            parsed = json.loads(raw)
        except ValueError:
            return raw
        return parsed if isinstance(parsed, dict) and row.receipt_id is not None else raw

    def _current_changed(self, current: Any, _previous: Any = None) -> None:
        self.inspect(current.data(ROW_ROLE) if current.isValid() else None)

    def inspect(self, row: FeedRow | None) -> None:
        """Show a row in the inspector, with its timeline and links (looked up off the Qt
        thread); None clears it."""
        document = self.document(row) if row else None
        self.current_changed.emit(document)
        self._inspect_links(document, row.capture_id if row else None)
        self._timeline_generation += 1
        if row is not None and row.id_message and has_timeline(row.type_webhook):
            self.tasks.spawn(self._timeline(row.id_message, self._timeline_generation))
        else:
            self.timeline_ready.emit(None)

    async def _timeline(self, id_message: str, generation: int) -> None:
        """Find the message and its statuses (journal search thread, or the imported rows)."""
        if self._imported is not None:
            entries = [
                (row.receipt_id, row.received_at, row.body)
                for row in self._imported
                if row.id_message == id_message and row.body is not None
            ]
        else:
            found = await asyncio.get_running_loop().run_in_executor(
                self._search_thread,
                lambda: self._open_reader().message_entries(id_message, self.scope),
            )
            entries = [(receipt, at, body) for receipt, at, raw in found if (body := body_of(raw))]
        if generation == self._timeline_generation:
            self.timeline_ready.emit(build_timeline(id_message, entries))

    def _inspect_links(self, document: Any, capture_id: int | None) -> None:
        self._links_generation += 1
        self.links_ready.emit(None)
        body = document.get("body") if isinstance(document, dict) else None
        if isinstance(body, dict):
            self.tasks.spawn(self._links(body, capture_id, self._links_generation))

    async def _links(self, body: dict[str, Any], capture_id: int | None, generation: int) -> None:
        """Find what the body refers to and what refers to it, on the journal search thread
        (in the tab's instance), or among the imported rows."""
        loop = asyncio.get_running_loop()
        found: Links | None = None
        if self._imported is not None:
            entries: list[Entry] = [
                (r.capture_id, r.receipt_id, r.type_webhook, r.id_message, r.summary, r.body)
                for r in self._imported
                if r.capture_id is not None
            ]
            found = replace(
                await loop.run_in_executor(
                    self._search_thread, find_links, body, capture_id, entries
                ),
                imported=True,
            )
        elif (scope := self.scope) is not None:
            found = await loop.run_in_executor(
                self._search_thread, lambda: self._open_reader().links(body, capture_id, scope)
            )
        if generation == self._links_generation:
            self.links_ready.emit(found)

    def show_capture(self, capture_id: int) -> None:
        """Select a capture's row (a clicked link); when the feed does not show that row (not
        loaded, filtered out), inspect the capture anyway and say so."""
        number = self.model.number_of_capture(capture_id)
        if number is not None:
            self.select_row(number)
            self.table.scrollTo(self.model.index(number, 0))
            return
        if self._imported is not None:
            rows = [row for row in self._imported if row.capture_id == capture_id]
        else:
            rows = [
                FeedRow.from_capture(c, history=True) for c in self.journal.captures([capture_id])
            ]
        if rows:
            self.table.selectionModel().clear()
            self.inspect(rows[0])
            self.message.emit(
                self.tr(
                    "receipt {0} is not among the rows shown: its notification is in the inspector"
                ).format(rows[0].receipt_id)
            )

    def _remember_follow(self, *_: Any) -> None:
        bar = self.table.verticalScrollBar()
        self._at_bottom = bar.value() >= bar.maximum() - 2

    def _follow(self, *_: Any) -> None:
        if getattr(self, "_at_bottom", True):
            self.table.scrollToBottom()

    # --- deletes -------------------------------------------------------------------------
    def delete_selected(self) -> None:
        """Delete the selected receipts (not already deleted) in the background."""
        self._delete(
            [
                (row.capture_id, row.receipt_id)
                for row in self.selected_rows()
                if row.receipt_id is not None and row.state is not RowState.DELETED
            ]
        )

    def retry_failed(self) -> None:
        """Delete again every receipt of the feed whose delete failed (the journal knows those
        the server answered false; rows in memory those that got no answer)."""
        failed = dict.fromkeys(
            (row.capture_id, row.receipt_id)
            for row in self.model.held_rows()
            if row.state is RowState.DELETE_FAILED and row.receipt_id is not None
        )
        oldest = self.model.oldest_capture_id()
        if self._imported is None and self.scope is not None and oldest is not None:
            failed.update(dict.fromkeys(self.journal.failed_deletes(self.scope, oldest)))
        self._delete(list(failed))

    def _delete(self, receipts: list[tuple[int | None, int]]) -> None:
        if receipts and self._deletes_in_flight == 0 and self._imported is None:
            self._deletes_in_flight += 1
            self.update_actions()
            self.tasks.spawn(self._run_deletes(receipts))

    async def _run_deletes(self, receipts: list[tuple[int | None, int]]) -> None:
        try:
            await self.session.delete(receipts)
        finally:
            self._deletes_in_flight -= 1
            self.update_actions()

    # --- filter: a journal search off the Qt thread --------------------------------------
    def apply_filter(self) -> None:
        """Parse the filter box and search (journal or imported rows) in the background."""
        self._filter_timer.stop()
        self._generation += 1
        try:
            query = parse_query(self.filter_box.text(), self.type_box.currentData() or "")
        except QueryError as exc:
            self.filter_box.setStyleSheet(error_field_style("QLineEdit"))
            self.filter_box.setToolTip(str(exc))
            self.message.emit(self.tr("filter: {0}").format(exc))
            return
        self.filter_box.setStyleSheet("")
        self.filter_box.setToolTip("")
        self.model.grouped = self.group_box.isChecked()
        if query.empty and not self.model.grouped:
            self.model.show_result(None, None)
            self.last_search_ms = None
            return
        self.tasks.spawn(self._search(query, self._generation))

    async def _search(self, query: Query, generation: int) -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        rows = self.model.keys() if query.empty else None  # grouping every row
        ids = await loop.run_in_executor(
            self._search_thread, self._matching_ids, query, self.model.grouped, rows
        )
        if generation != self._generation:
            return  # a newer filter was typed meanwhile
        self.last_search_ms = (loop.time() - started) * 1000
        self.model.show_result(query, ids)
        if query.empty:
            return
        if self._imported is not None:
            text = self.tr("{0} match(es) in the imported rows ({1:.0f} ms)")
        else:
            text = self.tr("{0} match(es) in the journal ({1:.0f} ms)")
        self.message.emit(text.format(len(ids), self.last_search_ms))

    def _matching_ids(
        self, query: Query, grouped: bool, rows: Sequence[int] | None
    ) -> Sequence[int]:
        """Runs on the search thread: the journal's (or imported) rows matching `query`, or
        `rows` when given; statuses folded into their message left out if `grouped`."""
        if self._imported is not None:
            return [
                row.capture_id
                for row in self._imported
                if row.capture_id is not None
                and row.matches(query)
                and not (grouped and row.folded)
            ]
        if self.scope is None:
            return []  # a tab without an instance has no history of its own
        if rows is None:
            rows = self._open_reader().search_ids(replace(query, instance=self.scope))
        if grouped:
            folded = self._open_reader().folded_statuses(self.scope)
            rows = [capture_id for capture_id in rows if capture_id not in folded]
        return array("q", rows)  # the model's form, made here rather than on the Qt thread

    def _open_reader(self) -> JournalReader:
        """The search thread's read-only connection, opened on first use and warmed up."""
        if self._reader is None:
            self._reader = self.journal.reader()
            self._reader.search_ids(parse_query("id:0"))
        return self._reader

    # --- history -------------------------------------------------------------------------
    def set_scope(self, instance: int | None) -> None:
        """Keep this feed to one instance's captures (None: none yet, no history)."""
        if instance != self.scope:
            self.scope = instance
            if self._imported is None:
                self.show_live()

    def show_live(self) -> None:
        """The live feed, opening with the last session's captures (marked as history)."""
        self._imported = None
        self.model.clear()
        last = None if self.scope is None else self.journal.last_session_id(self.scope)
        if self.scope is not None and last is not None:
            self.model.add_history(self.journal.capture_ids(self.scope, session=last))
        self.banner.hide()
        self.back_button.hide()
        self.apply_filter()
        self.update_actions()
        self.mode_changed.emit()

    def load_older(self) -> None:
        """Put up to 5,000 older captures above the loaded ones."""
        oldest = self.model.oldest_capture_id()
        if self.scope is None:
            return
        older = self.journal.capture_ids(self.scope, before=oldest, limit=OLDER_PAGE)
        self.model.add_history(older)
        self.message.emit(self.tr("loaded {0} older capture(s)").format(len(older)))

    def confirm_clear_history(self) -> None:
        """Ask (non-blocking), then empty the local journal (not the server queue)."""
        self.dialog = confirm(
            self,
            self.tr("Clear history"),
            self.tr(
                "Delete all {0} captures from the local journal {1}?\n"
                "The server queues are not touched."
            ).format(self.journal.count(), self.journal.path),
            self._clear_history,
        )

    def _clear_history(self) -> None:
        self.journal.clear()
        self.show_live()
        self.message.emit(self.tr("history cleared"))

    # --- export / import / replay --------------------------------------------------------
    def rows_for(self, which: str) -> list[FeedRow]:
        """'all' loaded rows, the rows 'shown' by the filter, or the 'selected' ones."""
        if which == "selected":
            return self.selected_rows()
        if which == "shown":
            return list(self.model.shown_rows())
        return self._imported if self._imported is not None else self.model.rows()

    def exported(self, rows: list[FeedRow]) -> list[Exported]:
        """Export items of the rows that are notifications (malformed answers are left out)."""
        items = []
        for row in rows:
            if row.state is RowState.MALFORMED:
                continue
            document = self.document(row)
            if isinstance(document, dict) and isinstance(document.get("body"), dict):
                items.append(Exported(row.receipt_id, row.received_at, document["body"]))
        return items

    def _export_slot(self, which: str, kind: str) -> Callable[[], None]:
        """The Export menu's entry for `which` rows as `kind`."""
        return lambda: self.ask_export(which, kind)

    def ask_export(self, which: str, kind: str) -> None:
        """Pick a file (non-blocking dialog), then export."""
        suffix = ".jsonl" if kind == "JSON Lines" else ".json"
        dialog = QFileDialog(self, self.tr("Export"), f"greenconsole-export{suffix}")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        redacted = not self.unredacted_action.isChecked()
        dialog.fileSelected.connect(lambda path: self.export_to(path, which, redacted))
        self.dialog = dialog
        dialog.open()

    def export_to(self, path: str, which: str, redacted: bool = True) -> int:
        """Write rows to `path`: JSON Lines, or a pretty JSON array for a .json name.

        Phone numbers are masked unless `redacted` is False (the menu's explicit opt-out).
        """
        items = self.exported(self.rows_for(which))
        if redacted:
            items = [item.redacted() for item in items]
        with open(path, "w", encoding="utf-8") as handle:
            if path.endswith(".json"):
                handle.write(json_array(items))
            else:
                handle.writelines(json_lines(items))
        self.message.emit(self.tr("exported {0} notification(s) to {1}").format(len(items), path))
        return len(items)

    def ask_import(self) -> None:
        """Pick a file (non-blocking dialog), then import it."""
        dialog = QFileDialog(
            self,
            self.tr("Import notifications"),
            "",
            self.tr("Exports (*.jsonl *.json *.ndjson);;All files (*)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.tasks.spawn(self.import_file(path)))
        self.dialog = dialog
        dialog.open()

    async def import_file(self, path: str) -> bool:
        """Show a file's notifications as a read-only session; all or nothing."""
        loop = asyncio.get_running_loop()
        try:
            text = await loop.run_in_executor(None, Path(path).read_text, "utf-8")
            items = await loop.run_in_executor(None, parse_import, text, Path(path).name)
        except (OSError, UnicodeDecodeError, ImportFileError) as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Import failed"), str(exc), parent=self
            )
            self.dialog = box
            box.open()
            self.message.emit(self.tr("import failed: {0}").format(exc))
            return False
        rows = []
        for number, item in enumerate(items, -len(items)):  # ascending keys, not journal ids
            row = FeedRow.from_notification(
                Notification(item.receipt_id or 0, item.body), capture_id=number, keep_body=True
            )
            row.receipt_id, row.received_at = item.receipt_id, item.received_at
            row.state = RowState.IMPORTED
            row.refresh_haystack()
            rows.append(row)
        self.model.clear()
        self._imported = rows
        for row in rows:
            self.model.append(row)
        self.model.flush()
        self.banner.setText(
            self.tr("Imported {0}: {1} notification(s), read-only").format(
                Path(path).name, len(rows)
            )
        )
        self.banner.show()
        self.back_button.show()
        self.update_actions()
        self.mode_changed.emit()
        return True

    async def replay_selected(self) -> int:
        """POST the selected rows (or every imported row), in order, to the replay target."""
        rows = self.selected_rows() or (self._imported or [])
        items = self.exported(rows)
        if not items:
            self.message.emit(self.tr("replay: select the notifications to replay first"))
            return 0
        url = await self._replay_target()
        async with http_client(timeout=REQUEST_TIMEOUT) as http:
            sent = await replay(http, url, items)
        self.message.emit(
            self.tr("replayed {0} of {1} notification(s) to {2}").format(sent, len(items), url)
        )
        return sent

    def checkpoint_soon(self) -> None:
        """Fold the journal's WAL into the database on the search thread (off the Qt thread)."""
        self._search_thread.submit(self.journal.checkpoint)

    def close_search(self) -> None:
        """Stop the search thread and close its journal connection."""
        self._search_thread.shutdown(wait=True)
        if self._reader is not None:
            self._reader.close()
