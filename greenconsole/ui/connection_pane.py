"""One connection tab: its form, poller, feed, inspector, composer, queue tools and status."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenconsole.capture import Delivery
from greenconsole.connection import ConnectionSettings
from greenconsole.forward import Attempt
from greenconsole.protocol.client import RequestTiming
from greenconsole.protocol.errors import AuthError
from greenconsole.protocol.probe import ProbeTracker
from greenconsole.ui import keys
from greenconsole.ui.composer import Composer
from greenconsole.ui.connection_form import ConnectionForm
from greenconsole.ui.context import AppContext
from greenconsole.ui.dialogs import confirm
from greenconsole.ui.diff_view import DiffView, Side
from greenconsole.ui.doctor_panel import DoctorPanel
from greenconsole.ui.feed_panel import FeedPanel
from greenconsole.ui.forward_section import ForwardSection
from greenconsole.ui.inspector import Inspector
from greenconsole.ui.palette import Surface, Tone, surface_style, text, text_style
from greenconsole.ui.queue_panel import QueuePanel
from greenconsole.ui.real_message import RealMessagePanel
from greenconsole.ui.sandbox_panel import SandboxPanel
from greenconsole.ui.session import ReceiveSession
from greenconsole.ui.session_state import Phase, SessionState, describe
from greenconsole.ui.state_icons import phase_tone


def scrolling(page: QWidget) -> QScrollArea:
    """A page that scrolls vertically when the window is short, instead of making it taller."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


FOLD_SETTING = "connection/fold_when_polling"
"""Fold the connection form when a tab starts polling (on until the user unfolds it then)."""
STATUS_REFRESH_MS = 500
NOTICE_MS = 10_000
"""How long a notice (profile saved, exported, …) stays in the status bar."""


def append(container: QWidget, section: QWidget) -> None:
    """Put `section` at the bottom of a tab that lays its widgets out in a column."""
    layout = container.layout()
    assert layout is not None  # every tab builds its layout in __init__
    layout.addWidget(section)


class ConnectionPane(QWidget):
    """Everything about one instance; starting, stopping or closing it leaves other tabs alone."""

    title_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = context.tasks
        self.journal = context.journal
        self.form = ConnectionForm(context.profiles)
        self.session = ReceiveSession(self.tasks, self.journal, self)
        self.feed = FeedPanel(
            self.journal,
            self.session,
            self.tasks,
            self.replay_target,
            context.settings,
            lambda: self.form.settings().token,  # never saved with a filter
        )
        self.model = self.feed.model
        self.inspector = Inspector()
        self.probes = ProbeTracker()
        self.composer = Composer(
            self.tasks,
            lambda: self.form.settings().webhook_url,
            lambda: self.form.settings().id_instance,
            self.probes,
        )
        self.queue = QueuePanel(self.session.health, self.probes)
        self.forward = ForwardSection(self.session)
        append(self.queue, self.forward)
        self.sandbox_panel = SandboxPanel(context, self._form_instance)
        self.doctor = DoctorPanel(self.tasks, self.valid_settings, self.journal.path)
        self.real_message = RealMessagePanel(
            self.tasks, self.valid_settings, lambda: self.session.running
        )
        append(self.composer, self.real_message)
        self.diff_view = DiffView(self.tasks, self)
        self.diff_view.setWindowFlag(Qt.WindowType.Window)
        self.diff_view.resize(1000, 700)
        self._build()
        self._connect()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(keys.hint(self.tr("Start polling"), keys.START_STOP))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(keys.hint(self.tr("Stop polling"), keys.START_STOP))
        self.retry_button = QPushButton(self.tr("Retry now"))
        self.retry_button.setToolTip(self.tr("Try the server again without waiting"))
        self.retry_button.hide()
        self.sandbox_button = QPushButton(self.tr("Use local sandbox"))
        self.sandbox_banner = QLabel(
            self.tr("No saved profile yet: try the local sandbox — no account or network needed.")
        )
        self.sandbox_banner.setStyleSheet(surface_style(Surface.NOTICE))
        self.sandbox_banner.setWordWrap(True)
        controls = QHBoxLayout()
        for widget in (self.start_button, self.stop_button, self.retry_button, self.sandbox_button):
            controls.addWidget(widget)
        controls.addWidget(self.sandbox_banner, 1)
        controls.addStretch()

        self.tabs = QTabWidget()
        self.tabs.addTab(self.inspector, self.tr("Inspector"))
        self.tabs.addTab(scrolling(self.composer), self.tr("Composer"))
        self.tabs.addTab(scrolling(self.queue), self.tr("Queue"))
        self.tabs.addTab(self.doctor, self.tr("Doctor"))
        self.tabs.addTab(self.sandbox_panel, self.sandbox_panel.title())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.feed)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 560])

        self.status = QStatusBar()
        self.status.setSizeGripEnabled(False)
        self.state_label = QLabel()
        self.latency_label = QLabel()
        self.counts_label = QLabel()
        self.health_label = QLabel()
        self.health_label.setStyleSheet(text_style(Tone.ERROR, bold=True))
        # permanent: a notice on the left never hides what the tab is doing; the state and the
        # last request's time give way (whole in their tooltips) rather than widening the
        # window, the alarm is short and always whole
        self.state_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for label in (self.state_label, self.latency_label):
            label.setMinimumWidth(120)
        self.state_label.setAccessibleName(self.tr("Connection state"))
        self.health_label.setAccessibleName(self.tr("Queue alarm"))
        # a notice is drawn over the status bar's normal widgets: this one makes room for it
        # while it shows (the permanent labels keep the rest; they take it all otherwise)
        self.notice_room = QWidget()
        self.notice_room.hide()
        self.status.addWidget(self.notice_room, 3)
        self.status.messageChanged.connect(lambda text: self.notice_room.setVisible(bool(text)))
        self.state_label.setContentsMargins(12, 0, 0, 0)  # apart from a notice beside it
        self.status.addPermanentWidget(self.state_label, 2)
        self.status.addPermanentWidget(self.health_label)
        for label in (self.latency_label, self.counts_label):
            self.status.addPermanentWidget(label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.form)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self._status_timer = QTimer(self, interval=STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

    def _connect(self) -> None:
        self.form.changed.connect(self.update_actions)
        self.form.fold_button.clicked.connect(lambda: self.fold_form(not self.form.folded()))
        self.form.changed.connect(self._follow_instance)
        self.form.changed.connect(self.composer.follow_instance)
        self.form.message.connect(self.notify)
        self.feed.message.connect(self.notify)
        self.feed.current_changed.connect(self.inspector.show_document)
        self.feed.compare.compare_ready.connect(self.compare)
        self.feed.compare.resend_ready.connect(self.edit_and_resend)
        self.feed.timeline_ready.connect(self.inspector.show_timeline)
        self.feed.links_ready.connect(self.inspector.links.show_links)
        self.inspector.links.open_capture.connect(self.feed.show_capture)
        self.feed.mode_changed.connect(self.update_actions)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.session.stop)
        self.retry_button.clicked.connect(self.session.retry_now)
        self.sandbox_button.clicked.connect(lambda: self.tasks.spawn(self.use_sandbox()))
        self.queue.depth_button.clicked.connect(self.refresh_depth)
        self.queue.clear_queue_button.clicked.connect(self.confirm_clear_queue)
        self.sandbox_panel.summary_changed.connect(self._show_sandbox_state)
        self._show_sandbox_state(self.sandbox_panel.summary())
        session = self.session
        session.holding.connect(lambda _: self.update_actions())
        session.state_changed.connect(self.on_state)
        self.on_state(session.state)
        session.received.connect(self.on_probe_candidate)
        session.received.connect(self.real_message.on_delivery)
        session.forwarded.connect(self.on_forwarded)
        session.stopped.connect(self.on_stopped)
        session.queue_depth.connect(self.queue.on_depth)
        session.cleared.connect(self.on_cleared)

    def fold_form(self, folded: bool) -> None:
        """The user folds or unfolds the form; while polling that choice is remembered as
        what happens at the next start."""
        self.form.set_folded(folded)
        if self.session.running:
            self.context.settings.setValue(FOLD_SETTING, folded)

    def show_page(self, page: QWidget) -> None:
        """Bring one of the right-hand pages (Inspector, Composer, …) to front."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if tab is page or (isinstance(tab, QScrollArea) and tab.widget() is page):
                self.tabs.setCurrentIndex(index)

    def compare(self, left: Side, right: Side) -> None:
        """Open this tab's diff window on two notifications (worked out in the background)."""
        self.tasks.spawn(self._compare(left, right))

    async def _compare(self, left: Side, right: Side) -> None:
        if not await self.diff_view.compare(left, right):
            return
        self._title_diff()
        self.diff_view.show()
        self.diff_view.raise_()
        self.diff_view.activateWindow()

    def _title_diff(self) -> None:
        self.diff_view.setWindowTitle(
            self.tr("Compare notifications — instance {0}").format(self.form.shown_instance())
        )

    def edit_and_resend(self, body: dict[str, Any], origin: str) -> None:
        """Put a notification's body in the composer (brought to front) to edit and send."""
        self.composer.load_body(body, origin)
        self.show_page(self.composer)
        self.composer.editor.setFocus()

    def notify(self, text: str) -> None:
        """A passing notice in the status bar (the tab's state stays in view beside it)."""
        self.status.showMessage(text, NOTICE_MS)

    def title(self) -> str:
        """The tab's title: the instance, masked in presentation mode (its icon shows the
        state)."""
        return self.form.shown_instance() or self.tr("new connection")

    # --- actions -------------------------------------------------------------------------
    def update_actions(self) -> None:
        """Enable what makes sense now (Start only with a valid form)."""
        running = self.session.running
        valid = self.form.is_valid()
        self.start_button.setEnabled(valid and not running and self.feed.back_button.isHidden())
        self.stop_button.setEnabled(running)
        self.form.set_editable(not running)
        self.queue.depth_button.setEnabled(valid)
        self.queue.set_instance(self._instance_key(self.form.settings()) if valid else "")
        self.feed.update_actions()
        self.title_changed.emit(self.title())

    def set_presentation(self, on: bool) -> None:
        """Mask the token, the instance id, phone numbers and names in this tab."""
        self.form.set_presentation(on)
        self.title_changed.emit(self.title())
        self.model.set_masked(on)
        self.inspector.set_masked(on)
        self.composer.set_masked(on)
        self.diff_view.set_masked(on)
        self._title_diff()
        self.queue.set_masked(on)
        self.real_message.set_masked(on)
        self.doctor.missing.set_masked(on)

    def start(self) -> None:
        """Start polling with the form's settings; the feed is scoped to that instance."""
        if not self.form.validate():
            return
        settings = self.form.settings()
        self.feed.set_scope(int(settings.id_instance))
        self.session.start(settings)
        if self.context.settings.value(FOLD_SETTING, True) in (True, "true"):
            self.form.set_folded(True)
        self.update_actions()

    def tab_state(self) -> dict[str, Any]:
        """What brings this tab back (never the token): its profile or its form, ack mode,
        whether it is on the embedded sandbox and whether it polls."""
        settings = self.form.settings()
        return {
            "profile": self.form.profile_box.currentText(),
            "api_url": settings.api_url,
            "instance": settings.id_instance,
            "auto_delete": settings.auto_delete,
            "overlap": settings.overlap,
            "receive_timeout": settings.receive_timeout,
            "webhook_url": settings.webhook_url,
            "sandbox": self.on_sandbox(),
            "polling": self.session.running,
            "folded": self.form.folded(),
        }

    def on_sandbox(self) -> bool:
        """True when the form points at the embedded sandbox."""
        sandbox = self.context.sandbox
        return sandbox is not None and self.form.settings().api_url == sandbox.url

    def restore_tab(self, state: dict[str, Any]) -> None:
        """Fill the form from a tab saved by `tab_state` (the feed follows its instance)."""
        profile = str(state.get("profile") or "")
        if profile in self.context.profiles.names():
            self.form.load_profile(profile)
            settings = self.form.settings()
        else:
            settings = replace(
                self.form.settings(),
                api_url=str(state.get("api_url") or self.form.settings().api_url),
                id_instance=str(state.get("instance") or ""),
                webhook_url=str(state.get("webhook_url") or ""),
            )
        self.form.set_settings(
            replace(
                settings,
                auto_delete=bool(state.get("auto_delete", settings.auto_delete)),
                overlap=bool(state.get("overlap", settings.overlap)),
                receive_timeout=int(state.get("receive_timeout") or settings.receive_timeout),
            )
        )
        self.form.set_folded(bool(state.get("folded")))
        self._follow_instance()

    async def resume_tab(self, state: dict[str, Any], polling: bool) -> None:
        """Back on the embedded sandbox if it was (same instance, token from the sandbox);
        with `polling`, polling again if it was."""
        if state.get("sandbox"):
            instance = str(state.get("instance") or "")
            await self.use_sandbox(int(instance) if instance.isdigit() else None)
        if polling and state.get("polling"):
            self.start()

    async def use_sandbox(self, prefer: int | None = None) -> None:
        """Point the form at this tab's own instance of the embedded sandbox (`prefer`: the
        instance it had before a restart, when the sandbox still has it)."""
        id_instance, token = await self.context.sandbox_instance(id(self), prefer)
        sandbox = await self.context.ensure_sandbox()  # started by sandbox_instance: no wait
        self.session.stop()
        ack_mode = self.form.ack_mode.currentIndex()
        self.form.use_sandbox(sandbox.url, id_instance, token)
        self.form.ack_mode.setCurrentIndex(ack_mode)
        self.sandbox_banner.hide()
        self.composer.apply_template()
        text = self.tr("local sandbox at {0}, instance {1}").format(
            sandbox.url, self.form.shown_instance()
        )
        self.notify(f"{text} — {sandbox.notice}" if sandbox.notice else text)

    async def replay_target(self) -> str:
        """Where Replay posts: the form's debug webhook when the form is on the local sandbox;
        otherwise the local sandbox (a reported sequence is replayed offline by default)."""
        form_url = self.form.settings().webhook_url
        sandbox = self.context.sandbox
        if sandbox is not None and form_url == sandbox.webhook_url:
            return form_url
        return (await self.context.ensure_sandbox()).webhook_url

    def _form_instance(self) -> int | None:
        text = self.form.settings().id_instance
        return int(text) if text.isascii() and text.isdigit() else None

    def valid_settings(self) -> ConnectionSettings | None:
        """The form's settings when every field is valid, else None."""
        return self.form.settings() if self.form.is_valid() else None

    def refresh_depth(self) -> None:
        """getWebhooksCount now."""
        if self.form.is_valid():
            if not self.session.running:
                self.session.configure(self.form.settings())
            self.session.refresh_depth()

    def confirm_clear_queue(self) -> None:
        """Ask (non-blocking) before clearWebhooksQueue, naming the instance and how many
        notifications the last known depth says will be lost."""
        settings = self.form.settings()
        question = self.tr(
            "Delete every notification waiting in the queue of instance {0} at {1}?"
        ).format(settings.id_instance, settings.api_url)
        self.clear_dialog = confirm(
            self,
            self.tr("Clear queue"),
            "\n".join([question, self.queue.loss_estimate(), self.tr("This cannot be undone.")]),
            lambda: self._clear_queue(settings),
        )

    def _clear_queue(self, settings: ConnectionSettings) -> None:
        if self.queue.clear_waiting():  # the minute started while the question was open
            self.notify(self.queue.clear_queue_button.toolTip())
            return
        if not self.session.running:
            self.session.configure(settings)
        self.tasks.spawn(self.session.clear_queue())

    # --- session signals -----------------------------------------------------------------
    def on_forwarded(self, attempt: Attempt) -> None:
        """A POST to the local handler: its row's State says the handler's answer."""
        capture = attempt.delivery.capture
        if capture is not None:
            self.model.update_capture(
                capture.id, forward_status=attempt.status, forward_attempts=attempt.number
            )

    def on_stopped(self, error: Exception | None) -> None:
        if isinstance(error, AuthError):
            self.form.mark(
                error.field,
                self.tr("HTTP {0}: the server refused this {1}").format(error.status, error.field),
            )
        self.update_actions()

    def on_cleared(self, ok: bool, reason: str, left_time: int | None) -> None:
        """Clear queue's outcome, in the status line and under the button."""
        if ok:
            self.queue.cleared(self._instance_key(self.session.settings))
            words = self.tr("queue cleared")
        elif left_time:
            self.queue.clear_refused(self._instance_key(self.session.settings), left_time)
            words = self.tr("GREEN-API allows one clear a minute: Clear queue again in {0} s")
            words = words.format(left_time)
        else:
            words = self.tr("queue not cleared: {0}").format(reason or self.tr("no reason given"))
        self.notify(words)
        self.queue.show_clear_result(words, failed=not ok)

    @staticmethod
    def _instance_key(settings: ConnectionSettings | None) -> str:
        """One instance of one server (GREEN-API's clear limit and the queue figures are its)."""
        return f"{settings.api_url} {settings.id_instance}" if settings else ""

    def _follow_instance(self) -> None:
        """The feed shows the instance the form names (while not polling another one)."""
        if not self.session.running:
            self.feed.set_scope(self.form.instance_number())

    def _show_sandbox_state(self, summary: str) -> None:
        """The Sandbox tab's title (⚠ in red while it misbehaves), what is in force as its tip."""
        index = self.tabs.indexOf(self.sandbox_panel)
        self.tabs.setTabText(index, self.sandbox_panel.title())
        warn = text(Tone.ERROR) if self.sandbox_panel.misbehaving() else QColor()
        self.tabs.tabBar().setTabTextColor(index, warn)
        self.tabs.setTabToolTip(index, summary)

    def on_probe_candidate(self, delivery: Delivery) -> None:
        """A probe of ours came out of the queue: latency and changes in the row and Queue tab."""
        result = self.probes.arrived(delivery.notification.body)
        if result is None:
            return
        verdict = (
            self.tr("ALTERED: {0}").format("; ".join(result.changes))
            if result.changes
            else self.tr("unchanged")
        )
        if result.late:
            text = self.tr("probe round trip {0:.1f} ms (late: {1}), {2}").format(
                result.latency_ms, self.queue.late_by(result), verdict
            )
        else:
            text = self.tr("probe round trip {0:.1f} ms, {1}").format(result.latency_ms, verdict)
        self.model.update_capture(delivery.capture.id if delivery.capture else None, summary=text)
        self.notify(text)
        self.queue.show_probes()

    def refresh_status(self) -> None:
        """Latency, counts and rate in the status line; queue figures; probe alarms."""
        timing = self.session.last_request
        self.latency_label.setText(self.timing_text(timing) if timing is not None else "")
        self.latency_label.setToolTip(self.latency_label.text())
        self.counts_label.setText(
            self.tr("received {0} · deleted {1} · {2:.1f}/s").format(
                self.session.received_count, self.session.deleted_count, self.session.rate()
            )
        )
        late = self.probes.overdue(holding=self.queue.waiting_behind() is not None)
        if late:
            self.notify(self.queue.probe_alarm(late[0]))
            self.queue.show_probes()
        if self.queue.isVisible():
            self.queue.refresh()
        self.sandbox_panel.refresh()
        self.health_label.setText(self.queue.status_alarm())
        self.health_label.setToolTip("\n".join(self.queue.alarms()))
        self.update_actions()

    def timing_text(self, timing: RequestTiming) -> str:
        """The last request's time; a long poll's wait on the server is not the request's own."""
        if timing.status != 200:
            return self.tr("last request answered HTTP {0} in {1:.0f} ms").format(
                timing.status, timing.ms
            )
        if not timing.wait:
            return self.tr("last request {0:.0f} ms").format(timing.ms)
        if not timing.empty:
            return self.tr("long poll answered in {0:.0f} ms with a notification").format(timing.ms)
        overhead = timing.overhead_ms
        if overhead is None:
            return self.tr("long poll answered after {0:.1f} s (empty)").format(timing.ms / 1000)
        return self.tr(
            "long poll answered after {0} s (empty); the request itself took {1:.0f} ms"
        ).format(timing.wait, overhead)

    def on_state(self, state: SessionState) -> None:
        """The tab's state in its own status field, coloured by phase; Retry now while a
        backoff wait runs; probes behind a head held on purpose are waiting, not lost."""
        words = describe(state)
        self.state_label.setText(words)
        self.state_label.setToolTip(words)
        self.state_label.setStyleSheet(text_style(phase_tone(state.phase)))
        self.retry_button.setVisible(state.phase is Phase.BACKING_OFF)
        self.queue.held_receipt = state.receipt_id if state.phase is Phase.HOLDING else None
        self.title_changed.emit(self.title())

    async def aclose(self) -> None:
        """Stop polling and close this tab's connection pools and search thread."""
        self._status_timer.stop()
        self.diff_view.discard()
        await self.session.aclose()
        await self.composer.aclose()
        await self.doctor.aclose()
        self.feed.close_search()
