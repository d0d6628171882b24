"""The receive loop shared by the window and the CLI.

receive → hand the notification to the caller → (auto-delete) delete it → receive again.
It stops on request within a second, even mid long poll; it waits after every error (backoff, or
the server's Retry-After); it stops for good on errors that retrying cannot fix (401/403, 466,
other 4xx); it never hands the same receipt to the caller twice in one run.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from greenconsole.protocol.backoff import Backoff
from greenconsole.protocol.client import DEFAULT_RECEIVE_TIMEOUT, GreenApiClient
from greenconsole.protocol.errors import RETRYABLE, GreenApiError, RateLimitError
from greenconsole.protocol.notification import Notification

REPEAT_PAUSE = 1.0
"""Seconds to wait when the head that was already handed over comes back undeleted."""
REMEMBERED_RECEIPTS = 4096
"""How many recent receipts are remembered to recognise a head that comes back."""


class EventKind(StrEnum):
    """What a `LoopEvent` reports."""

    POLLING = "polling"  # a receive request is in flight
    DELETED = "deleted"  # a delete answered; `result` holds its answer
    REPEAT = "repeat"  # an already handed receipt came back (not deleted yet)
    RETRYING = "retrying"  # an error; the loop waits `delay` seconds before going on
    STOPPED = "stopped"  # the loop ended; `error` is set when it stopped on a fatal error


@dataclass(frozen=True, slots=True)
class LoopEvent:
    """A change of the loop's state, for status bars and log lines."""

    kind: EventKind
    receipt_id: int | None = None
    result: bool | None = None
    error: GreenApiError | None = None
    delay: float = 0.0


Handler = Callable[[Notification], Awaitable[Any] | Any]
EventSink = Callable[[LoopEvent], Any]


class _RecentReceipts:
    """A bounded set of the receipts handed over most recently."""

    def __init__(self, size: int) -> None:
        self._order: deque[int] = deque()
        self._members: set[int] = set()
        self._size = size

    def __contains__(self, receipt_id: int) -> bool:
        return receipt_id in self._members

    def add(self, receipt_id: int) -> None:
        self._order.append(receipt_id)
        self._members.add(receipt_id)
        if len(self._order) > self._size:
            self._members.discard(self._order.popleft())


class _Stopped(Exception):
    """Raised inside the loop when `stop()` interrupted a request or a wait."""


class ReceiveLoop:
    """Drive `client` until stopped; see the module docstring for the contract.

    `on_notification` may be a coroutine function; the loop awaits it before deleting (so a
    journal write can commit first) and before polling again (so manual mode can hold the head).
    """

    def __init__(
        self,
        client: GreenApiClient,
        on_notification: Handler,
        *,
        auto_delete: bool = False,
        receive_timeout: int = DEFAULT_RECEIVE_TIMEOUT,
        on_event: EventSink | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self.client = client
        self.auto_delete = auto_delete
        self.receive_timeout = receive_timeout
        self._on_notification = on_notification
        self._on_event = on_event or (lambda event: None)
        self._backoff = backoff or Backoff()
        self._recent = _RecentReceipts(REMEMBERED_RECEIPTS)
        self._stop = asyncio.Event()
        self._task: asyncio.Task[Any] | None = None  # the task in run()
        self._in_request = False  # a request is awaited: stop() may cancel it
        self._cancelled_by_stop = False

    @property
    def stopping(self) -> bool:
        """True once `stop()` was called."""
        return self._stop.is_set()

    def stop(self) -> None:
        """Ask the loop to end; an in-flight request is cancelled at once."""
        self._stop.set()
        if self._in_request and self._task is not None and not self._cancelled_by_stop:
            self._cancelled_by_stop = True
            self._task.cancel()

    async def run(self) -> GreenApiError | None:
        """Run until stopped; return the fatal error that ended the loop, or None."""
        error: GreenApiError | None = None
        self._task = asyncio.current_task()
        try:
            while not self._stop.is_set():
                await self._step()
        except _Stopped:
            pass
        except GreenApiError as exc:  # not retryable: 401/403, 466, other 4xx
            error = exc
        self._on_event(LoopEvent(EventKind.STOPPED, error=error))
        return error

    async def _step(self) -> None:
        self._on_event(LoopEvent(EventKind.POLLING))
        try:
            notification = await self._interruptible(self.client.receive(self.receive_timeout))
            if notification is None:
                self._backoff.reset()
                return
            receipt_id = notification.receipt_id
            if receipt_id in self._recent:
                self._on_event(LoopEvent(EventKind.REPEAT, receipt_id=receipt_id))
                if not self.auto_delete:
                    await self._sleep(REPEAT_PAUSE)
                    return
            else:
                self._recent.add(receipt_id)
                handled = self._on_notification(notification)
                if inspect.isawaitable(handled):
                    await handled
            if self.auto_delete:
                result = await self._interruptible(self.client.delete(receipt_id))
                self._on_event(LoopEvent(EventKind.DELETED, receipt_id=receipt_id, result=result))
            self._backoff.reset()
        except RETRYABLE as exc:
            delay = self._backoff.next_delay()
            if isinstance(exc, RateLimitError) and exc.retry_after is not None:
                delay = exc.retry_after
            self._on_event(LoopEvent(EventKind.RETRYING, error=exc, delay=delay))
            await self._sleep(delay)

    async def _interruptible(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Await a request that `stop()` may cancel (no extra task per request: this is hot)."""
        if self._stop.is_set():
            coro.close()
            raise _Stopped
        self._in_request = True
        try:
            return await coro
        except asyncio.CancelledError:
            if self._cancelled_by_stop and self._task is not None and self._task.uncancel() == 0:
                raise _Stopped from None
            raise
        finally:
            self._in_request = False

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), seconds)
        except TimeoutError:
            return
        raise _Stopped
