"""The receive session: adapts the shared ReceiveLoop to Qt signals (no widgets here)."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from greenconsole.connection import ConnectionSettings
from greenconsole.health import QueueHealth
from greenconsole.journal.store import Journal
from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.errors import AuthError, GreenApiError, ProtocolError
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.receive_loop import EventKind, LoopEvent, ReceiveLoop
from greenconsole.ui.tasks import TaskSet

QUEUE_DEPTH_EVERY_MS = 10_000
"""Queue depth is refreshed at most this often while connected."""
RATE_WINDOW = 5.0
"""Seconds over which notifications per second are averaged."""


class ReceiveSession(QObject):
    """Start/stop polling one instance; hold the head in manual mode; delete on request."""

    received = Signal(object, int)  # Notification, capture id in the journal
    malformed = Signal(str, int)  # reason, capture id (the raw text is in the journal)
    repeated = Signal(int)  # a receipt that came back
    deleting = Signal(int)
    deleted = Signal(int, object, str)  # receipt, result (bool | None on error), detail
    state_changed = Signal(str)  # idle / polling / holding … / backing off … / stopped: …
    holding = Signal(object)  # receipt id held, or None
    stopped = Signal(object)  # the fatal GreenApiError, or None
    queue_depth = Signal(object, str)  # int | None, error text
    cleared = Signal(bool, str, object)  # cleared, reason, leftTime (int | None)

    def __init__(self, tasks: TaskSet, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.journal = journal
        self._journal_session = 0
        self.settings: ConnectionSettings | None = None
        self.client: GreenApiClient | None = None
        self._loop: ReceiveLoop | None = None
        self._run_task: asyncio.Task[Any] | None = None
        self._running = False
        self._hold: asyncio.Future[None] | None = None
        self.held_receipt: int | None = None
        self.received_count = 0
        self.deleted_count = 0
        self._arrivals: deque[float] = deque()
        self._backoff_until = 0.0
        self._backoff_reason = ""
        self.state = "idle"
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

    def _set_state(self, text: str) -> None:
        self.state = text
        self.state_changed.emit(text)

    # --- start / stop ----------------------------------------------------------------------
    def configure(self, settings: ConnectionSettings) -> None:
        """Use these (valid) settings for the next start and for the queue tools."""
        if settings == self.settings and self.client is not None:
            return
        if self.client is not None:
            self._tasks.spawn(self.client.aclose())
        self.settings = settings
        self.client = GreenApiClient(settings.api_url, settings.id_instance, settings.token)

    def start(self, settings: ConnectionSettings) -> None:
        """Begin polling with these (valid) settings."""
        if self.running:
            return
        self.configure(settings)
        self._journal_session = self.journal.start_session(
            self.client.id_instance, self.client.api_url, "window"
        )
        self._loop = ReceiveLoop(
            self.client,
            self._on_notification,
            auto_delete=settings.auto_delete,
            receive_timeout=settings.receive_timeout,
            on_event=self._on_event,
        )
        self._running = True
        self._run_task = self._tasks.spawn(self._run(self._loop))
        self._depth_timer.start()
        self.refresh_depth()

    async def _run(self, loop: ReceiveLoop) -> None:
        try:
            error = await loop.run()
        finally:
            self._running = False
            self._release_hold()
            self._countdown.stop()
            self._depth_timer.stop()
        if error is None:
            self._set_state(self.tr("stopped"))
        elif isinstance(error, AuthError):
            self._set_state(
                self.tr("stopped: HTTP {0} — check {1}").format(error.status, error.field)
            )
        else:
            self._set_state(self.tr("stopped: {0}").format(error))
        self.stopped.emit(error)

    def stop(self) -> None:
        """Stop polling (at once, even mid long poll)."""
        if self._loop is not None:
            self._loop.stop()
        self._release_hold()

    async def aclose(self) -> None:
        """Stop and wait for the loop; close the connection pool."""
        self.stop()
        if self._run_task is not None:
            await asyncio.gather(self._run_task, return_exceptions=True)
        if self.client is not None:
            await self.client.aclose()

    # --- the loop's callbacks ------------------------------------------------------------
    async def _on_notification(self, notification: Notification) -> None:
        self.received_count += 1
        self._arrivals.append(time.monotonic())
        stamp = notification.body.get("timestamp")
        self.health.received(
            notification.receipt_id, stamp if isinstance(stamp, (int, float)) else None
        )
        capture = self.journal.record(self._journal_session, self.client.id_instance, notification)
        self.received.emit(notification, capture.id)  # committed: now it may be deleted
        if self._loop is not None and not self._loop.auto_delete:
            self.held_receipt = notification.receipt_id
            self.health.stuck(notification.receipt_id)
            self._hold = asyncio.get_running_loop().create_future()
            self.holding.emit(notification.receipt_id)
            self._set_state(
                self.tr("holding receipt {0} — delete it to continue").format(
                    notification.receipt_id
                )
            )
            try:
                await self._hold
            finally:
                self._hold = None
                self.held_receipt = None
                self.holding.emit(None)

    def _on_event(self, event: LoopEvent) -> None:
        if event.kind is EventKind.POLLING:
            self._countdown.stop()
            self._set_state(self.tr("polling"))
        elif event.kind is EventKind.DELETED:
            self._count_delete(event.receipt_id, event.result, "")
        elif event.kind is EventKind.REPEAT:
            self.health.stuck(event.receipt_id)
            self.repeated.emit(event.receipt_id)
        elif event.kind is EventKind.RETRYING:
            if isinstance(event.error, ProtocolError):
                capture = self.journal.record_malformed(
                    self._journal_session,
                    self.client.id_instance,
                    str(event.error),
                    event.error.raw,
                )
                self.malformed.emit(str(event.error), capture.id)
            self._backoff_until = time.monotonic() + event.delay
            self._backoff_reason = str(event.error)
            self._tick_backoff()
            self._countdown.start()

    def _tick_backoff(self) -> None:
        left = self._backoff_until - time.monotonic()
        if left <= 0:
            self._countdown.stop()
            return
        self._set_state(self.tr("backing off {0:.0f} s — {1}").format(left, self._backoff_reason))

    def _count_delete(self, receipt_id: int, result: bool, detail: str) -> None:
        self.journal.mark_deleted(self.client.id_instance, receipt_id, result)
        if result:
            self.deleted_count += 1
            self.health.deleted(receipt_id)
        self.deleted.emit(receipt_id, result, detail)

    # --- user actions --------------------------------------------------------------------
    def _release_hold(self) -> None:
        if self._hold is not None and not self._hold.done():
            self._hold.set_result(None)

    def skip(self) -> None:
        """Stop holding the head without deleting it (it stays first in the queue)."""
        if self.held_receipt is not None:
            self._set_state(
                self.tr("skipped receipt {0}; it stays at the head").format(self.held_receipt)
            )
        self._release_hold()

    async def delete(self, receipt_ids: list[int]) -> None:
        """Delete receipts one by one, reporting each result; releases a held head."""
        if self.client is None:
            return
        for receipt_id in receipt_ids:
            self.deleting.emit(receipt_id)
            try:
                result = await self.client.delete(receipt_id)
            except GreenApiError as exc:
                self.deleted.emit(receipt_id, None, str(exc))
                continue
            self._count_delete(receipt_id, result, "")
            if receipt_id == self.held_receipt:
                self._release_hold()

    def refresh_depth(self) -> None:
        """Ask getWebhooksCount in the background."""
        if self.client is not None:
            self._tasks.spawn(self._depth())

    async def _depth(self) -> None:
        try:
            self.queue_depth.emit(await self.client.count(), "")
        except GreenApiError as exc:
            self.queue_depth.emit(None, str(exc))

    async def clear_queue(self) -> None:
        """clearWebhooksQueue; reports through `cleared`."""
        if self.client is None:
            return
        try:
            result = await self.client.clear()
        except GreenApiError as exc:
            self.cleared.emit(False, str(exc), None)
        else:
            self.cleared.emit(result.cleared, result.reason, result.left_time)
        self.refresh_depth()
