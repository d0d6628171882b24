"""The receive session: adapts the shared ReceiveLoop to Qt signals (no widgets here)."""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from greenconsole.capture import CaptureCore, Delivery, Malformed
from greenconsole.connection import ConnectionSettings
from greenconsole.forward import PAUSE, Forwarder
from greenconsole.health import QueueHealth
from greenconsole.journal.store import Capture, Journal
from greenconsole.protocol.client import GreenApiClient, RequestTiming
from greenconsole.protocol.errors import GreenApiError
from greenconsole.protocol.receive_loop import EventKind, LoopEvent
from greenconsole.ui.drain_process import DrainProcess
from greenconsole.ui.error_text import error_text
from greenconsole.ui.session_state import Phase, SessionState
from greenconsole.ui.tasks import TaskSet

QUEUE_DEPTH_EVERY_MS = 10_000
"""Queue depth is refreshed at most this often while connected."""
RATE_WINDOW = 5.0
"""Seconds over which notifications per second are averaged."""


class ReceiveSession(QObject):
    """Start/stop polling one instance; hold the head in manual mode; delete on request.

    A thin adapter of the capture core to Qt signals: rows are named by their journal capture
    id (receipt ids repeat across server restarts). An auto-delete run without forwarding
    drains in a process of its own (`DrainProcess`, when `drain_apart`); manual mode and
    forwarding run the core here (turning forwarding on or off moves a running drain).
    """

    received = Signal(object)  # Delivery (its capture is in the journal)
    malformed = Signal(str, int)  # reason, capture id (the raw text is in the journal)
    repeated = Signal(object)  # capture id of a held head that came back
    deleting = Signal(object)  # capture id
    deleted = Signal(object, int, object, str)  # capture id, receipt, result (None: error), detail
    state_changed = Signal(object)  # SessionState
    holding = Signal(object)  # capture id held, or None
    released = Signal(object)  # capture id of a head let go undeleted by Stop
    stopped = Signal(object)  # the error that ended polling, or None
    queue_depth = Signal(object, str)  # int | None, error text
    cleared = Signal(bool, str, object)  # cleared, reason, leftTime (int | None)
    forwarded = Signal(object)  # forward.Attempt: one POST to the local handler

    def __init__(self, tasks: TaskSet, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.journal = journal
        self.settings: ConnectionSettings | None = None
        self.client: GreenApiClient | None = None
        self._core: CaptureCore | None = None
        self._drain: DrainProcess | None = None
        self.drain_apart = True
        """Auto-delete without forwarding drains in a process of its own."""
        self._moving = False  # the run stops to go on in a process, or in this one
        self.forwarder: Forwarder | None = None
        """While set, each notification goes to this local handler before it is deleted."""
        self._retired: list[Forwarder] = []
        self._run_task: asyncio.Task[Any] | None = None
        self._running = False
        self._hold: asyncio.Future[None] | None = None
        self.held_receipt: int | None = None
        self._held_capture: int | None = None
        self.received_count = 0
        self.deleted_count = 0
        self._arrivals: deque[float] = deque()
        self._backoff_until = 0.0
        self._backoff_error: Exception | None = None
        self.state = SessionState()
        self._sequential = False
        self.health = QueueHealth()
        self._countdown = QTimer(self, interval=250)
        self._countdown.timeout.connect(self._tick_backoff)
        self._depth_timer = QTimer(self, interval=QUEUE_DEPTH_EVERY_MS)
        self._depth_timer.timeout.connect(self.refresh_depth)

    # --- state -----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True while the receive loop runs."""
        return self._running

    def rate(self) -> float:
        """Notifications received per second over the last few seconds."""
        now = time.monotonic()
        while self._arrivals and now - self._arrivals[0] > RATE_WINDOW:
            self._arrivals.popleft()
        return len(self._arrivals) / RATE_WINDOW

    def _set_state(self, state: SessionState) -> None:
        if state != self.state:  # "polling" comes with every receive: repaint only a change
            self.state = state
            self.state_changed.emit(state)

    def _polling(self) -> SessionState:
        return SessionState(Phase.POLLING, sequential=self._sequential)

    # --- start / stop ----------------------------------------------------------------------
    def configure(self, settings: ConnectionSettings) -> GreenApiClient:
        """Use these (valid) settings for the next start and for the queue tools."""
        if settings != self.settings or self.client is None:
            if self.client is not None:
                self._tasks.spawn(self.client.aclose())
            self.settings = settings
            self.client = GreenApiClient(settings.api_url, settings.id_instance, settings.token)
        return self.client

    @property
    def last_request(self) -> RequestTiming | None:
        """The last answered request's time: the drain process's while one runs."""
        if self._drain is not None:
            return self._drain.last_request
        return self.client.last_request if self.client is not None else None

    @property
    def drain_pid(self) -> int | None:
        """The id of the process draining this tab while one does (None: the run is here)."""
        if self._drain is None or not self.running:
            return None
        return self._drain.pid or None

    def start(self, settings: ConnectionSettings) -> None:
        """Begin polling with these (valid) settings."""
        if self.running:
            return
        self._running = True
        self._sequential = False
        self._run_task = self._tasks.spawn(self._run(settings, self._runner(settings)))
        self._set_state(self._polling())  # a drain process says so itself once it has started
        self._depth_timer.start()
        self.refresh_depth()

    def _runner(self, settings: ConnectionSettings) -> CaptureCore | DrainProcess:
        """The drain process for auto-delete without forwarding, else the core here."""
        client = self.configure(settings)
        self._core = self._drain = None
        if self._apart(settings, self.forwarder):
            self._drain = DrainProcess(
                settings,
                self.journal.path,
                self._deliver,
                self._on_event,
                self._on_malformed,
                client.hide,
                self,
            )
            return self._drain
        self._core = CaptureCore(
            client,
            self.journal,
            self._hand_over,
            source="window",
            auto_delete=settings.auto_delete,
            overlap=settings.overlap,
            receive_timeout=settings.receive_timeout,
            on_event=self._on_event,
            on_malformed=self._on_malformed,
        )
        return self._core

    def _apart(self, settings: ConnectionSettings, forwarding: object) -> bool:
        """Whether a run drains in a process of its own: auto-delete without forwarding."""
        return settings.auto_delete and not forwarding and self.drain_apart

    async def _run(self, settings: ConnectionSettings, runner: CaptureCore | DrainProcess) -> None:
        try:
            while (error := await runner.run()) is None and self._moving:
                self._moving = False  # forwarding was turned on or off: go on where it runs
                runner = self._runner(settings)
        finally:
            self._running = False
            self._release_hold()
            self._countdown.stop()
            self._depth_timer.stop()
            self.health.released()
        self._set_state(SessionState(Phase.IDLE if error is None else Phase.FAILED, error=error))
        self.stopped.emit(error)

    def forward_to(self, target: str | None, pause: float = PAUSE, token: str = "") -> None:
        """Send each notification to the handler at `target` before its delete (None: stop);
        `token` is the handler's webhookUrlToken (Authorization: Bearer)."""
        if self.forwarder is not None:
            self.forwarder.retired = True  # a notification being retried goes on unforwarded
            self._retired.append(self.forwarder)
            self.forwarder = None
        settings, apart = self.settings, self._drain is not None
        if self.running and settings is not None and apart != self._apart(settings, target):
            self._moving = True  # the run stops where it is and goes on where it belongs now
            if self._drain is not None:
                self._drain.stop()
            if self._core is not None:
                self._core.stop()
        if target:
            self.forwarder = Forwarder(
                target,
                journal=self.journal,
                webhook_token=token,
                pause=pause,
                on_attempt=self.forwarded.emit,
            )

    def stop(self) -> None:
        """Stop polling (at once, even mid long poll); a held head stays queued on the server."""
        self._moving = False
        if self._core is not None:
            self._core.stop()
        if self._drain is not None:
            self._drain.stop()
        self._release_hold()

    async def aclose(self) -> None:
        """Stop and wait for the loop; close the connection pool."""
        self.stop()
        if self._run_task is not None:
            await asyncio.gather(self._run_task, return_exceptions=True)
        if self.client is not None:
            await self.client.aclose()
        for forwarder in [*self._retired, *([self.forwarder] if self.forwarder else [])]:
            await forwarder.aclose()

    # --- the core's callbacks --------------------------------------------------------------
    async def _hand_over(self, delivery: Delivery) -> None:
        self._deliver(delivery)
        if self.forwarder is not None and self.client is not None:
            self.forwarder.core, self.forwarder.hide = self._core, self.client.hide
            await self.forwarder.hand_over(delivery)  # until the handler answers 2xx
        if self._core is not None and not self._core.auto_delete:
            await self._hold_head(delivery.notification.receipt_id, delivery.capture)

    def _deliver(self, delivery: Delivery) -> None:
        """Count a notification and show it (its row exists when this returns)."""
        notification = delivery.notification
        self.received_count += 1
        self._arrivals.append(time.monotonic())
        stamp = notification.body.get("timestamp")
        self.health.received(
            notification.receipt_id, stamp if isinstance(stamp, (int, float)) else None
        )
        self.received.emit(delivery)

    async def _hold_head(self, receipt_id: int, capture: Capture | None) -> None:
        """Manual mode: wait until the user deletes or skips the head, or polling stops."""
        self.held_receipt = receipt_id
        self._held_capture = capture.id if capture is not None else None
        self.health.held(receipt_id)
        self._hold = asyncio.get_running_loop().create_future()
        self.holding.emit(self._held_capture)
        self._set_state(SessionState(Phase.HOLDING, receipt_id))
        try:
            await self._hold
        finally:
            if self._core is not None and self._core.loop.stopping:
                self.released.emit(self._held_capture)
            self._hold = None
            self.held_receipt = None
            self._held_capture = None
            self.holding.emit(None)

    def _on_event(self, event: LoopEvent) -> None:
        if event.kind is EventKind.POLLING:
            self._countdown.stop()
            self._set_state(self._polling())
        elif event.kind is EventKind.SEQUENTIAL:  # said in every "polling" from now on
            self._sequential = True
            if self.state.phase is Phase.POLLING:
                self._set_state(self._polling())
        elif event.kind is EventKind.DELETED and event.receipt_id is not None:
            capture = self._capture_of(event.receipt_id)
            if event.result is None and event.error is not None:  # no answer: the row says so
                self.deleted.emit(capture, event.receipt_id, None, error_text(event.error))
            else:
                self._count_delete(capture, event.receipt_id, bool(event.result), "")
        elif event.kind is EventKind.REPEAT and event.receipt_id is not None:
            self.health.came_back(event.receipt_id)
            self.repeated.emit(self._capture_of(event.receipt_id))
        elif event.kind is EventKind.RETRYING:
            self._backoff_until = time.monotonic() + event.delay
            self._backoff_error = event.error
            self._tick_backoff()
            self._countdown.start()

    def _capture_of(self, receipt_id: int) -> int | None:
        runner = self._core or self._drain
        return runner.capture_of(receipt_id) if runner is not None else None

    def _on_malformed(self, malformed: Malformed) -> None:
        if malformed.capture is None:
            return
        if malformed.new:
            self.malformed.emit(str(malformed.error), malformed.capture.id)
        else:
            self.repeated.emit(malformed.capture.id)

    def _tick_backoff(self) -> None:
        left = self._backoff_until - time.monotonic()
        if left <= 0:  # the loop tries again now and says so (POLLING)
            self._countdown.stop()
            return
        wait = math.ceil(left)
        self._set_state(SessionState(Phase.BACKING_OFF, wait=wait, error=self._backoff_error))

    def _count_delete(
        self, capture_id: int | None, receipt_id: int, result: bool, detail: str
    ) -> None:
        if result:
            self.deleted_count += 1
            self.health.deleted(receipt_id)
        self.deleted.emit(capture_id, receipt_id, result, detail)

    # --- user actions --------------------------------------------------------------------
    def _release_hold(self) -> None:
        if self._hold is not None and not self._hold.done():
            self._hold.set_result(None)

    def retry_now(self) -> None:
        """Cut short the wait after an error: try the server again at once."""
        if self._core is not None:
            self._core.loop.retry_now()
        if self._drain is not None:
            self._drain.retry_now()

    def skip(self) -> None:
        """Stop holding the head without deleting it (it stays first in the queue)."""
        if self.held_receipt is not None:
            self._set_state(replace(self._polling(), receipt_id=self.held_receipt))
        self._release_hold()

    async def delete(self, targets: list[tuple[int | None, int]]) -> None:
        """Delete (capture id, receipt) pairs one by one, reporting each; releases a held head."""
        if self.settings is None:
            return
        core = self._core or CaptureCore(
            self.configure(self.settings),
            self.journal,
            lambda delivery: None,
            source="window",
            auto_delete=False,
            receive_timeout=self.settings.receive_timeout,
        )
        for capture_id, receipt_id in targets:
            self.deleting.emit(capture_id)
            held = capture_id is not None and capture_id == self._held_capture
            try:
                if held:  # the head this tab holds right now
                    result: bool | None = await core.delete(capture_id, receipt_id)
                else:  # an older row: its receipt may name another notification by now
                    result = await core.delete_if_head(capture_id, receipt_id)
            except GreenApiError as exc:
                self.deleted.emit(capture_id, receipt_id, None, error_text(exc))
                continue
            if result is None:
                not_head = self.tr(
                    "not deleted: not the queue's head now — deleted already, or gone with a "
                    "server restart (its receipt id may name another notification by now)"
                )
                self.deleted.emit(capture_id, receipt_id, None, not_head)
                continue
            self._count_delete(capture_id, receipt_id, result, "")
            if held:
                self._release_hold()

    def refresh_depth(self) -> None:
        """Ask getWebhooksCount in the background."""
        if self.client is not None:
            self._tasks.spawn(self._depth(self.client))

    async def _depth(self, client: GreenApiClient) -> None:
        asked = time.time()
        try:
            count = await client.count()
        except GreenApiError as exc:
            self.queue_depth.emit(None, error_text(exc))
            return
        if count == 0:
            self.health.empty(asked)
        self.queue_depth.emit(count, "")

    async def clear_queue(self) -> None:
        """clearWebhooksQueue; reports through `cleared`."""
        if self.client is None:
            return
        try:
            result = await self.client.clear()
        except GreenApiError as exc:
            self.cleared.emit(False, error_text(exc), None)
        else:
            if result.cleared:
                self.health.cleared()
            self.cleared.emit(result.cleared, result.reason, result.left_time)
        self.refresh_depth()
