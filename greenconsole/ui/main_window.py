"""The main window: connection form, live feed, inspector, composer, queue tools, status bar."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenconsole.protocol.errors import AuthError
from greenconsole.protocol.notification import Notification
from greenconsole.sandbox import Sandbox
from greenconsole.templates import templates
from greenconsole.ui.composer import Composer
from greenconsole.ui.connection_form import ConnectionForm
from greenconsole.ui.feed_model import (
    COL_SUMMARY,
    ROW_ROLE,
    FeedFilter,
    FeedModel,
    FeedRow,
    RowState,
)
from greenconsole.ui.inspector import Inspector
from greenconsole.ui.profiles import Profiles
from greenconsole.ui.session import ReceiveSession
from greenconsole.ui.tasks import TaskSet

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 500
KNOWN_TYPES = sorted({str(body["typeWebhook"]) for body in templates().values()})


class MainWindow(QMainWindow):
    """Green Console's window. `tasks` keeps its background work; `profiles` its settings."""

    closed = Signal()

    def __init__(self, profiles: Profiles, tasks: TaskSet) -> None:
        super().__init__()
        self.setWindowTitle("Green Console")
        self.tasks = tasks
        self.settings: QSettings = profiles.settings
        self.sandbox: Sandbox | None = None
        self._error_shown = False
        self.exit_code = 0
        self._deletes_in_flight = 0

        self.form = ConnectionForm(profiles)
        self.session = ReceiveSession(tasks, self)
        self.model = FeedModel(self)
        self.proxy = FeedFilter(self)
        self.proxy.setSourceModel(self.model)
        self.inspector = Inspector()
        self.composer = Composer(
            tasks,
            lambda: self.form.settings().webhook_url,
            lambda: self.form.settings().id_instance,
        )
        self._build()
        self._connect()
        self._restore()
        self.update_actions()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.start_button = QPushButton("Start")
        self.stop_button = QPushButton("Stop")
        self.sandbox_button = QPushButton("Use local sandbox")
        self.sandbox_banner = QLabel(
            "No saved profile yet: try the local sandbox — no account or network needed."
        )
        self.sandbox_banner.setStyleSheet("background: #e3f2fd; padding: 4px")
        controls = QHBoxLayout()
        for widget in (self.start_button, self.stop_button, self.sandbox_button):
            controls.addWidget(widget)
        controls.addWidget(self.sandbox_banner, 1)
        controls.addStretch()

        self.filter_box = QLineEdit(placeholderText="Filter: text in any column")
        self.filter_box.setClearButtonEnabled(True)
        self.type_box = QComboBox()
        self.type_box.addItem("all types", "")
        for name in KNOWN_TYPES:
            self.type_box.addItem(name, name)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((90, 60, 175, 125, 70, 0, 150)):
            if width:
                self.table.setColumnWidth(column, width)
        self.delete_button = QPushButton("Delete selected")
        self.retry_button = QPushButton("Retry failed deletes")
        self.skip_button = QPushButton("Skip for now")
        self.clear_feed_button = QPushButton("Clear feed")
        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, 1)
        filters.addWidget(self.type_box)
        feed_actions = QHBoxLayout()
        for widget in (self.delete_button, self.retry_button, self.skip_button):
            feed_actions.addWidget(widget)
        feed_actions.addStretch()
        feed_actions.addWidget(self.clear_feed_button)
        feed = QWidget()
        feed_layout = QVBoxLayout(feed)
        feed_layout.setContentsMargins(0, 0, 0, 0)
        feed_layout.addLayout(filters)
        feed_layout.addWidget(self.table, 1)
        feed_layout.addLayout(feed_actions)

        self.depth_label = QLabel("queue depth: —")
        self.depth_button = QPushButton("Refresh depth")
        self.clear_queue_button = QPushButton("Clear queue…")
        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.addWidget(self.depth_label)
        row = QHBoxLayout()
        row.addWidget(self.depth_button)
        row.addWidget(self.clear_queue_button)
        row.addStretch()
        queue_layout.addLayout(row)
        queue_layout.addWidget(QLabel("Depth is refreshed every 10 s while polling."))
        queue_layout.addStretch()

        self.tabs = QTabWidget()
        self.tabs.addTab(self.inspector, "Inspector")
        self.tabs.addTab(self.composer, "Composer")
        self.tabs.addTab(queue, "Queue")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(feed)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 560])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.form)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.state_label = QLabel("idle")
        self.latency_label = QLabel()
        self.counts_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.state_label, 1)
        for label in (self.latency_label, self.counts_label):
            bar.addPermanentWidget(label)
        self._status_timer = QTimer(self, interval=STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

        delete_action = QAction("Delete selected", self)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(delete_action)

    def _connect(self) -> None:
        self.form.changed.connect(self.update_actions)
        self.form.message.connect(self.statusBar().showMessage)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.session.stop)
        self.sandbox_button.clicked.connect(lambda: self.tasks.spawn(self.use_sandbox()))
        self.filter_box.textChanged.connect(self.proxy.set_text)
        self.type_box.currentIndexChanged.connect(
            lambda: self.proxy.set_type(self.type_box.currentData())
        )
        self.table.selectionModel().currentRowChanged.connect(self.inspect)
        self.delete_button.clicked.connect(self.delete_selected)
        self.retry_button.clicked.connect(self.retry_failed)
        self.skip_button.clicked.connect(self.session.skip)
        self.clear_feed_button.clicked.connect(self.clear_feed)
        self.depth_button.clicked.connect(self.refresh_depth)
        self.clear_queue_button.clicked.connect(self.confirm_clear_queue)
        self.proxy.rowsAboutToBeInserted.connect(self._remember_follow)
        self.proxy.rowsInserted.connect(self._follow)

        session = self.session
        session.received.connect(self.on_received)
        session.malformed.connect(
            lambda reason, raw: self.model.append(FeedRow.malformed(reason, raw))
        )
        session.repeated.connect(self.on_repeated)
        session.deleting.connect(
            lambda rid: self.model.update_receipt(rid, state=RowState.DELETING)
        )
        session.deleted.connect(self.on_deleted)
        session.holding.connect(self.on_holding)
        session.state_changed.connect(self.state_label.setText)
        session.stopped.connect(self.on_stopped)
        session.queue_depth.connect(self.on_depth)
        session.cleared.connect(self.on_cleared)

    # --- persistence ---------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        sizes = self.settings.value("window/splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        last = self.form.profiles.last
        if last:
            self.form.load_profile(last)
        self.sandbox_banner.setVisible(not self.form.profiles.names())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        self.session.stop()
        super().closeEvent(event)
        self.closed.emit()

    async def aclose(self) -> None:
        """Stop polling and the sandbox; close every connection pool."""
        await self.session.aclose()
        await self.composer.aclose()
        if self.sandbox is not None:
            await self.sandbox.stop()

    # --- actions -------------------------------------------------------------------------
    def update_actions(self) -> None:
        """Enable what makes sense now (Start only with a valid form)."""
        running = self.session.running
        valid = self.form.is_valid()
        self.start_button.setEnabled(valid and not running)
        self.stop_button.setEnabled(running)
        self.form.setEnabled(not running)
        self.skip_button.setEnabled(self.session.held_receipt is not None)
        self.delete_button.setEnabled(self._deletes_in_flight == 0)
        self.retry_button.setEnabled(self._deletes_in_flight == 0)
        self.depth_button.setEnabled(valid)
        self.clear_queue_button.setEnabled(valid)

    def start(self) -> None:
        """Start polling with the form's settings."""
        if not self.form.validate():
            return
        self.session.start(self.form.settings())
        self.update_actions()

    async def use_sandbox(self) -> None:
        """Start the embedded sandbox on this loop (once) and point the form at it."""
        if self.sandbox is None:
            sandbox = Sandbox()
            await sandbox.start()
            self.sandbox = sandbox
        self.session.stop()
        id_instance, token = self.sandbox.first_instance
        self.form.use_sandbox(self.sandbox.url, id_instance, token)
        self.sandbox_banner.hide()
        self.composer.apply_template()
        self.statusBar().showMessage(f"local sandbox at {self.sandbox.url}, instance {id_instance}")

    def selected_rows(self) -> list[FeedRow]:
        """Rows selected in the table, in feed order."""
        rows = {
            self.proxy.mapToSource(index).row()
            for index in self.table.selectionModel().selectedRows()
        }
        return [self.model.row(number) for number in sorted(rows)]

    def delete_selected(self) -> None:
        """Delete the selected receipts (not already deleted) in the background."""
        receipts = [
            row.receipt_id
            for row in self.selected_rows()
            if row.receipt_id is not None and row.state is not RowState.DELETED
        ]
        self._delete(receipts)

    def retry_failed(self) -> None:
        """Delete again every receipt whose delete failed."""
        self._delete(
            [
                row.receipt_id
                for row in self.model.rows()
                if row.state is RowState.DELETE_FAILED and row.receipt_id is not None
            ]
        )

    def _delete(self, receipts: list[int]) -> None:
        if not receipts or self._deletes_in_flight:
            return
        if not self.session.running:
            self.session.configure(self.form.settings())
        self._deletes_in_flight += 1
        self.update_actions()
        self.tasks.spawn(self._run_deletes(receipts))

    async def _run_deletes(self, receipts: list[int]) -> None:
        try:
            await self.session.delete(receipts)
        finally:
            self._deletes_in_flight -= 1
            self.update_actions()

    def clear_feed(self) -> None:
        """Forget the rows shown (the server queue is untouched)."""
        self.model.clear()
        self.inspector.show_document(None)

    def refresh_depth(self) -> None:
        """getWebhooksCount now."""
        if self.form.is_valid():
            if not self.session.running:
                self.session.configure(self.form.settings())
            self.session.refresh_depth()

    def confirm_clear_queue(self) -> None:
        """Ask (non-blocking) before clearWebhooksQueue, naming the instance."""
        settings = self.form.settings()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Clear queue",
            f"Delete every notification waiting in the queue of instance "
            f"{settings.id_instance} at {settings.api_url}?\nThis cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda result: self._clear_queue(result, settings))
        self.clear_dialog = box
        box.open()

    def _clear_queue(self, result: int, settings: Any) -> None:
        if result != QMessageBox.StandardButton.Yes:
            return
        if not self.session.running:
            self.session.configure(settings)
        self.tasks.spawn(self.session.clear_queue())

    # --- session signals -----------------------------------------------------------------
    def on_received(self, notification: Notification) -> None:
        row = FeedRow.from_notification(notification)
        self.model.append(row)

    def on_holding(self, receipt_id: int | None) -> None:
        if receipt_id is not None:
            self.model.update_receipt(receipt_id, state=RowState.HELD)
        self.update_actions()

    def on_repeated(self, receipt_id: int) -> None:
        row = self.model.row_of_receipt(receipt_id)
        if row is not None:
            state = RowState.SKIPPED if row.state in (RowState.HELD, RowState.SHOWN) else row.state
            self.model.update_receipt(receipt_id, repeats=row.repeats + 1, state=state)

    def on_deleted(self, receipt_id: int, result: bool | None, detail: str) -> None:
        if result:
            self.model.update_receipt(receipt_id, state=RowState.DELETED, detail="result: true")
        else:
            self.model.update_receipt(
                receipt_id, state=RowState.DELETE_FAILED, detail=detail or "result: false"
            )

    def on_stopped(self, error: Exception | None) -> None:
        if isinstance(error, AuthError):
            self.form.mark(
                error.field, f"HTTP {error.status}: the server refused this {error.field}"
            )
        self.update_actions()

    def on_depth(self, depth: int | None, error: str) -> None:
        self.depth_label.setText(
            f"queue depth: {depth}" if depth is not None else f"queue depth: ? ({error})"
        )

    def on_cleared(self, ok: bool, reason: str) -> None:
        self.statusBar().showMessage("queue cleared" if ok else f"queue not cleared: {reason}")

    def inspect(self, current: Any, _previous: Any = None) -> None:
        """Show the current row's notification in the inspector."""
        row = current.data(ROW_ROLE) if current.isValid() else None
        self.inspector.show_document(row.document if row else None)

    def refresh_status(self) -> None:
        """Latency, counts and rate in the status bar."""
        client = self.session.client
        latency = client.last_latency_ms if client else None
        self.latency_label.setText(f"last request {latency:.0f} ms" if latency is not None else "")
        self.counts_label.setText(
            f"received {self.session.received_count} · deleted {self.session.deleted_count} · "
            f"{self.session.rate():.1f}/s"
        )
        self.update_actions()

    def _remember_follow(self, *_: Any) -> None:
        bar = self.table.verticalScrollBar()
        self._at_bottom = bar.value() >= bar.maximum() - 2

    def _follow(self, *_: Any) -> None:
        if getattr(self, "_at_bottom", True):
            self.table.scrollToBottom()

    def select_row(self, number: int) -> None:
        """Select a proxy row (used by keyboard navigation and tests)."""
        index = self.proxy.index(number, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def show_error_once(self, error: BaseException) -> None:
        """An unexpected exception: logged always, shown in a dialog once per session."""
        log.error("unexpected error", exc_info=error)
        self.statusBar().showMessage(f"unexpected error: {type(error).__name__}: {error}")
        if not self._error_shown:
            self._error_shown = True
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                "Unexpected error",
                f"{type(error).__name__}: {error}\n\nDetails are in the log; "
                "further errors are shown in the status bar.",
                parent=self,
            )
            box.open()
            self.error_dialog = box
