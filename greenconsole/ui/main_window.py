"""The main window: connection form, feed panel, inspector, composer, queue tools, status bar."""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenconsole.connection import ConnectionSettings
from greenconsole.journal.store import Journal
from greenconsole.protocol.errors import AuthError
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.probe import ProbeTracker, percentile
from greenconsole.sandbox import Sandbox
from greenconsole.ui.composer import Composer
from greenconsole.ui.connection_form import ConnectionForm
from greenconsole.ui.dialogs import confirm
from greenconsole.ui.feed_panel import FeedPanel
from greenconsole.ui.inspector import Inspector
from greenconsole.ui.profiles import Profiles
from greenconsole.ui.session import ReceiveSession
from greenconsole.ui.tasks import TaskSet

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 500
FREEZE_EVERY_ROWS = 5_000
"""After this many new rows the long-lived objects are moved out of the cyclic GC's reach."""


class MainWindow(QMainWindow):
    """Green Console's window over one journal; `tasks` keeps its background work."""

    closed = Signal()

    def __init__(self, profiles: Profiles, tasks: TaskSet, journal: Journal) -> None:
        super().__init__()
        self.setWindowTitle("Green Console")
        self.tasks = tasks
        self.journal = journal
        self.settings: QSettings = profiles.settings
        self.sandbox: Sandbox | None = None
        self._error_shown = False
        self.exit_code = 0
        self._rows_at_freeze = 0

        self.form = ConnectionForm(profiles)
        self.session = ReceiveSession(tasks, journal, self)
        self.feed = FeedPanel(journal, self.session, tasks, self.replay_target)
        self.model = self.feed.model
        self.inspector = Inspector()
        self.probes = ProbeTracker()
        self.composer = Composer(
            tasks,
            lambda: self.form.settings().webhook_url,
            lambda: self.form.settings().id_instance,
            self.probes,
        )
        self._build()
        self._connect()
        self._restore()
        self.update_actions()
        self._freeze_long_lived(force=True)  # the app's modules and widgets live as long as it

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.start_button = QPushButton("Start")
        self.stop_button = QPushButton("Stop")
        self.sandbox_button = QPushButton("Use local sandbox")
        self.presentation = QCheckBox("Presentation mode")
        self.presentation.setToolTip(
            "Screen sharing: the token stays hidden and phone numbers "
            "are masked (7900•••4567) in the feed and the inspector"
        )
        self.sandbox_banner = QLabel(
            "No saved profile yet: try the local sandbox — no account or network needed."
        )
        self.sandbox_banner.setStyleSheet("background: #e3f2fd; padding: 4px")
        controls = QHBoxLayout()
        for widget in (self.start_button, self.stop_button, self.sandbox_button):
            controls.addWidget(widget)
        controls.addWidget(self.sandbox_banner, 1)
        controls.addStretch()
        controls.addWidget(self.presentation)

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
        self.probe_label = QLabel("Round-trip probes: none yet (Composer ▸ Send probe)")
        self.probe_label.setTextFormat(Qt.TextFormat.PlainText)
        self.probe_label.setStyleSheet("font-family: monospace")
        queue_layout.addWidget(self.probe_label)
        queue_layout.addStretch()

        self.tabs = QTabWidget()
        self.tabs.addTab(self.inspector, "Inspector")
        self.tabs.addTab(self.composer, "Composer")
        self.tabs.addTab(queue, "Queue")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.feed)
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

    def _connect(self) -> None:
        self.form.changed.connect(self.update_actions)
        self.form.message.connect(self.statusBar().showMessage)
        self.feed.message.connect(self.statusBar().showMessage)
        self.feed.current_changed.connect(self.inspector.show_document)
        self.feed.mode_changed.connect(self.update_actions)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.session.stop)
        self.sandbox_button.clicked.connect(lambda: self.tasks.spawn(self.use_sandbox()))
        self.depth_button.clicked.connect(self.refresh_depth)
        self.presentation.toggled.connect(self.set_presentation)
        self.clear_queue_button.clicked.connect(self.confirm_clear_queue)
        session = self.session
        session.holding.connect(lambda _: self.update_actions())
        session.state_changed.connect(self.state_label.setText)
        session.received.connect(self.on_probe_candidate)
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
        self.presentation.setChecked(self.settings.value("presentation", False) in (True, "true"))
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
        """Stop polling and the sandbox; close every connection pool; write the journal."""
        self._status_timer.stop()
        await self.session.aclose()
        await self.composer.aclose()
        self.feed.close_search()
        self.journal.flush()
        if self.sandbox is not None:
            await self.sandbox.stop()

    # --- actions -------------------------------------------------------------------------
    def update_actions(self) -> None:
        """Enable what makes sense now (Start only with a valid form)."""
        running = self.session.running
        valid = self.form.is_valid()
        self.start_button.setEnabled(valid and not running and self.feed.back_button.isHidden())
        self.stop_button.setEnabled(running)
        self.form.setEnabled(not running)
        self.depth_button.setEnabled(valid)
        self.clear_queue_button.setEnabled(valid)
        self.feed.update_actions()

    def set_presentation(self, on: bool) -> None:
        """Mask the token and phone numbers everywhere they show (remembered across starts)."""
        self.form.set_presentation(on)
        self.model.set_masked(on)
        self.inspector.set_masked(on)
        self.settings.setValue("presentation", on)

    def start(self) -> None:
        """Start polling with the form's settings."""
        if not self.form.validate():
            return
        self.session.start(self.form.settings())
        self.update_actions()

    async def use_sandbox(self) -> None:
        """Start the embedded sandbox on this loop (once) and point the form at it."""
        await self.ensure_sandbox()
        self.session.stop()
        id_instance, token = self.sandbox.first_instance
        self.form.use_sandbox(self.sandbox.url, id_instance, token)
        self.sandbox_banner.hide()
        self.composer.apply_template()
        self.statusBar().showMessage(f"local sandbox at {self.sandbox.url}, instance {id_instance}")

    async def ensure_sandbox(self) -> Sandbox:
        """The embedded sandbox, started on first use."""
        if self.sandbox is None:
            sandbox = Sandbox()
            await sandbox.start()
            self.sandbox = sandbox
        return self.sandbox

    async def replay_target(self) -> str:
        """Where Replay posts: the form's debug webhook when the form is on the local sandbox or
        the sandbox is not running; otherwise the local sandbox (a reported sequence is replayed
        offline by default)."""
        form_url = self.form.settings().webhook_url
        if self.sandbox is not None and form_url == self.sandbox.webhook_url:
            return form_url
        return (await self.ensure_sandbox()).webhook_url

    def refresh_depth(self) -> None:
        """getWebhooksCount now."""
        if self.form.is_valid():
            if not self.session.running:
                self.session.configure(self.form.settings())
            self.session.refresh_depth()

    def confirm_clear_queue(self) -> None:
        """Ask (non-blocking) before clearWebhooksQueue, naming the instance."""
        settings = self.form.settings()
        self.clear_dialog = confirm(
            self,
            "Clear queue",
            f"Delete every notification waiting in the queue of instance {settings.id_instance} "
            f"at {settings.api_url}?\nThis cannot be undone.",
            lambda: self._clear_queue(settings),
        )

    def _clear_queue(self, settings: ConnectionSettings) -> None:
        if not self.session.running:
            self.session.configure(settings)
        self.tasks.spawn(self.session.clear_queue())

    # --- session signals -----------------------------------------------------------------
    def on_stopped(self, error: Exception | None) -> None:
        if isinstance(error, AuthError):
            self.form.mark(
                error.field, f"HTTP {error.status}: the server refused this {error.field}"
            )
        self.update_actions()

    def on_probe_candidate(self, notification: Notification, _capture_id: int) -> None:
        """A probe of ours came out of the queue: latency and changes in the row and Queue tab."""
        result = self.probes.arrived(notification.body)
        if result is None:
            return
        verdict = f"ALTERED: {'; '.join(result.changes)}" if result.changes else "unchanged"
        self.model.update_receipt(
            notification.receipt_id,
            summary=f"probe round trip {result.latency_ms:.1f} ms, {verdict}",
        )
        self.statusBar().showMessage(f"probe round trip {result.latency_ms:.1f} ms, {verdict}")
        self.show_probes()

    def show_probes(self, alarm: str = "") -> None:
        """The Queue tab's probe figures: last results and a latency histogram."""
        results = self.probes.results
        seen = sorted(r.latency_ms for r in results if r.latency_ms is not None)
        lines = [f"Round-trip probes: {len(results)} ({len(results) - len(seen)} lost)"]
        if seen:
            lines.append(
                f"p50 {percentile(seen, 0.5):.1f} ms  p95 {percentile(seen, 0.95):.1f} ms"
                f"  max {seen[-1]:.1f} ms"
            )
        top = max((count for _, count in self.probes.histogram()), default=0) or 1
        for label, count in self.probes.histogram():
            lines.append(f"{label:>14} {'█' * round(20 * count / top):<20} {count}")
        if alarm:
            lines.insert(0, alarm)
        self.probe_label.setText("\n".join(lines))
        self.probe_label.setStyleSheet(
            "font-family: monospace" + ("; color: #c62828" if alarm else "")
        )

    def on_depth(self, depth: int | None, error: str) -> None:
        text = f"queue depth: {depth}" if depth is not None else f"queue depth: ? ({error})"
        self.depth_label.setText(text)

    def on_cleared(self, ok: bool, reason: str) -> None:
        self.statusBar().showMessage("queue cleared" if ok else f"queue not cleared: {reason}")

    def refresh_status(self) -> None:
        """Latency, counts and rate in the status bar; pending journal notes written."""
        client = self.session.client
        latency = client.last_latency_ms if client else None
        self.latency_label.setText(f"last request {latency:.0f} ms" if latency is not None else "")
        self.counts_label.setText(
            f"received {self.session.received_count} · deleted {self.session.deleted_count} · "
            f"{self.session.rate():.1f}/s"
        )
        self.journal.flush()
        self.feed.checkpoint_soon()
        late = self.probes.overdue()
        if late:
            alarm = f"ALARM: probe {late[0]} not seen within {self.probes.timeout:g} s"
            self.statusBar().showMessage(alarm)
            self.show_probes(alarm)
        self._freeze_long_lived()
        self.update_actions()

    def _freeze_long_lived(self, force: bool = False) -> None:
        """Keep full GC passes short as the feed grows.

        Python's full collection walks every tracked object; with 100k rows that is a stall of
        50-150 ms on the Qt thread. Rows live as long as the feed, so after each few thousand
        new ones the young generations are collected (cheap) and everything left is frozen.
        """
        rows = self.model.loaded_count
        if force or rows - self._rows_at_freeze >= FREEZE_EVERY_ROWS:
            gc.collect(1)
            gc.freeze()
            self._rows_at_freeze = rows

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
