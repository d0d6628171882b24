"""The receive loop shared by the window and the CLI.

receive → hand the notification to the caller → (auto-delete) delete it → receive again.
It stops on request within a second, even mid long poll; it waits after every error (backoff, or
the server's Retry-After); it stops for good on errors that retrying cannot fix (401/403, 466,
other 4xx).

Receipt ids are not identities: a restarted server issues 1, 2, 3 again. A head that comes back
*undeleted* with the same receipt and the same answer is a repeat (not handed again); anything
else — a new answer under a known receipt, or a head back after a successful delete — is handed
over again ("when in doubt, deliver it again"), the latter after a pause, so a server that keeps
returning a deleted head costs one delete per pause, never a tight loop.

Overlapped acknowledgement (auto-delete, on by default): once notification N is handed over
(so committed), its delete and the receive of N+1 are in flight together, on two connections —
one round trip per notification instead of two. Whatever order the server takes them in: N
answered to that receive (it came first) is an *echo* — dropped once N's delete succeeded,
never handed again — and anything received is handed over only after N's delete answered (if
that failed, it is left queued and comes back), so order, "committed before deleted" and the
error policy stay those of the sequential loop. A
server that answers most overlapped receives with an echo gets the sequential loop for the rest
of the run (said once: a SEQUENTIAL event).
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from greenconsole.jsontext import dumps, utf8
from greenconsole.protocol.backoff import Backoff
from greenconsole.protocol.client import DEFAULT_RECEIVE_TIMEOUT, GreenApiClient
from greenconsole.protocol.errors import GreenApiError, RateLimitError, Retry
from greenconsole.protocol.notification import Notification

REPEAT_PAUSE = 1.0
"""Seconds between two handlings of a head that keeps coming back (held, or deleted yet back)."""
SLOW_BASE, SLOW_CAP = 5.0, 60.0
"""An instance that is not ready (starting, not authorized) is asked again every 5 s … 1 min."""
MALFORMED_PAUSE = 1.0
"""Seconds to wait after a fast malformed answer (not escalated like an overloaded server)."""
REMEMBERED_RECEIPTS = 4096
"""How many recent receipts are remembered to recognise a head that comes back."""
ECHO_WINDOW, ECHO_LIMIT = 8, 6
"""Overlap ends when 6 of the last 8 overlapped receives answered the head being deleted."""


class EventKind(StrEnum):
    """What a `LoopEvent` reports."""

    POLLING = "polling"  # a receive request is in flight
    EMPTY = "empty"  # the long poll ended with nothing queued
    DELETED = "deleted"  # a delete ended: `result` holds its answer, None if it failed (`error`)
    REPEAT = "repeat"  # an already handed receipt came back (not deleted yet)
    RETRYING = "retrying"  # an error; the loop waits `delay` seconds before going on
    SEQUENTIAL = "sequential"  # overlapped acknowledgement ended (the server echoes the head)
    STOPPED = "stopped"  # the loop ended; `error` is set when it stopped on a fatal error


@dataclass(frozen=True, slots=True)
class LoopEvent:
    """A change of the loop's state, for status bars and log lines."""

    kind: EventKind
    receipt_id: int | None = None
    result: bool | None = None
    error: Exception | None = None
    delay: float = 0.0


Handler = Callable[[Notification, bool], Awaitable[Any] | Any]
"""Called with each notification and whether this run already handed the same answer over."""
EventSink = Callable[[LoopEvent], Any]


def answer_digest(notification: Notification) -> bytes:
    """What makes two answers the same: the text as received (receipt and body)."""
    text = notification.raw or dumps(
        {"receiptId": notification.receipt_id, "body": notification.body}
    )
    return hashlib.blake2b(utf8(text), digest_size=16).digest()


@dataclass(slots=True)
class _Handed:
    """What the loop remembers of a receipt it handed over."""

    digest: bytes
    deleted_at: float | None = None  # monotonic time of its last successful delete
    answered_at: float = -1e9  # monotonic time of the last answer to its delete


class _RecentReceipts(OrderedDict[int, _Handed]):
    """The receipts handed over most recently (bounded)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size

    def remember(self, receipt_id: int, digest: bytes) -> _Handed:
        self.pop(receipt_id, None)
        entry = self[receipt_id] = _Handed(digest)
        if len(self) > self._size:
            self.popitem(last=False)
        return entry


class LoopAbort(Exception):
    """Raised by a handler to end the loop cleanly with this one-line reason."""


class _Stopped(Exception):
    """Raised inside the loop when `stop()` interrupted a request or a wait."""


class ReceiveLoop:
    """Drive `client` until stopped; see the module docstring for the contract.

    `on_notification(notification, again)` may be a coroutine function; the loop awaits it
    before deleting (so a journal write can commit first) and before polling again (so manual
    mode can hold the head). With `overlap` (and auto-delete), a delete and the next receive
    are in flight together (see the module docstring). `clock` is injectable for tests.
    """

    def __init__(
        self,
        client: GreenApiClient,
        on_notification: Handler,
        *,
        auto_delete: bool = False,
        overlap: bool = True,
        receive_timeout: int = DEFAULT_RECEIVE_TIMEOUT,
        on_event: EventSink | None = None,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.auto_delete = auto_delete
        self.receive_timeout = receive_timeout
        self._on_notification = on_notification
        self._on_event = on_event or (lambda event: None)
        self._backoff = backoff or Backoff()
        self._slow = Backoff(base=SLOW_BASE, cap=SLOW_CAP)
        self._wake = asyncio.Event()
        self._clock = clock
        self._recent = _RecentReceipts(REMEMBERED_RECEIPTS)
        self._stop = asyncio.Event()
        self._task: asyncio.Task[Any] | None = None  # the task in run()
        self._in_request = False  # a request is awaited: stop() may cancel it
        self._cancelled_by_stop = False
        self.overlapping = overlap
        """Deletes overlap the next receive (auto-delete only); False after a SEQUENTIAL event."""
        self._deleting: tuple[int, asyncio.Future[None]] | None = None  # receipt, its delete
        self._echoes: deque[bool] = deque(maxlen=ECHO_WINDOW)

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

    def deleted(self, receipt_id: int, result: bool) -> None:
        """Note a delete made outside the loop (the window's Delete), so a return is seen."""
        entry = self._recent.get(receipt_id)
        if entry is not None and result:
            entry.deleted_at = self._clock()

    async def run(self) -> GreenApiError | LoopAbort | None:
        """Run until stopped; return the fatal error that ended the loop, or None."""
        error: GreenApiError | LoopAbort | None = None
        self._task = asyncio.current_task()
        try:
            while not self._stop.is_set():
                await self._step()
        except _Stopped:
            pass
        except (GreenApiError, LoopAbort) as exc:  # not retryable: 401/403, 466, other 4xx
            error = exc
        except asyncio.CancelledError:
            if self._deleting is not None:
                self._deleting[1].cancel()
            raise
        settled = await self._settle_at_stop()  # always: the delete's answer is noted
        error = error or settled
        self._on_event(LoopEvent(EventKind.STOPPED, error=error))
        return error

    async def _step(self) -> None:
        self._on_event(LoopEvent(EventKind.POLLING))
        try:
            deleting = self._in_flight()
            notification = await self._interruptible(self.client.receive(self.receive_timeout))
            await self._settle()
            if self._stop.is_set():  # e.g. --max reached by the delete that just answered
                raise _Stopped
            if notification is None:
                self._answered()
                self._on_event(LoopEvent(EventKind.EMPTY))
                return
            if deleting is not None and self._echoed(notification, deleting):
                self._answered()
                return
            await self._handle(notification)
            self._answered()
        except GreenApiError as exc:
            if exc.retry is Retry.FATAL:
                raise
            delay = self._pause_after(exc)
            self._on_event(LoopEvent(EventKind.RETRYING, error=exc, delay=delay))
            await self._sleep(delay, wakeable=True)

    def _pause_after(self, error: GreenApiError) -> float:
        """The error policy's wait (see protocol/errors.py and the README's table)."""
        if error.retry is Retry.MALFORMED:
            return MALFORMED_PAUSE
        if error.retry is Retry.SLOW:
            return self._slow.next_delay()
        if isinstance(error, RateLimitError) and error.retry_after is not None:
            return error.retry_after
        return self._backoff.next_delay()

    def _answered(self) -> None:
        self._backoff.reset()
        self._slow.reset()

    def retry_now(self) -> None:
        """End the current wait after an error at once (the window's "Retry now")."""
        self._wake.set()

    async def _handle(self, notification: Notification) -> None:
        receipt_id = notification.receipt_id
        digest = answer_digest(notification)
        entry = self._recent.get(receipt_id)
        if entry is not None and entry.digest == digest:
            if entry.deleted_at is None:  # held, or its delete failed: not handed again
                self._on_event(LoopEvent(EventKind.REPEAT, receipt_id=receipt_id))
                if not self.auto_delete:
                    await self._sleep(REPEAT_PAUSE)
                    return
                await self._acknowledge(entry, receipt_id)
                return
            # deleted, yet back: deliver it again, at most once per pause
            await self._sleep(entry.deleted_at + REPEAT_PAUSE - self._clock())
        again = entry is not None and entry.digest == digest
        entry = self._recent.remember(receipt_id, digest)
        handled = self._on_notification(notification, again)
        if inspect.isawaitable(handled):
            await handled
        if self.auto_delete:
            await self._acknowledge(entry, receipt_id)

    def _in_flight(self) -> int | None:
        """The receipt whose overlapped delete has not answered yet, if any."""
        if self._deleting is None or self._deleting[1].done():
            return None
        return self._deleting[0]

    def _echoed(self, notification: Notification, deleting: int) -> bool:
        """True for the head whose delete was in flight as this receive went out, now deleted.

        Counts echoes; too many end the overlap (one SEQUENTIAL event).
        """
        entry = self._recent.get(deleting)
        echo = (
            notification.receipt_id == deleting
            and entry is not None
            and entry.deleted_at is not None
            and entry.digest == answer_digest(notification)
        )
        self._echoes.append(echo)
        if self.overlapping and self._echoes.count(True) >= ECHO_LIMIT:
            self.overlapping = False
            self._on_event(LoopEvent(EventKind.SEQUENTIAL, receipt_id=deleting))
        return echo

    async def _acknowledge(self, entry: _Handed, receipt_id: int) -> None:
        """Delete a handed receipt: in the background when overlapping, else now."""
        await self._settle()  # one delete in flight at most
        if self.overlapping:
            self._deleting = receipt_id, asyncio.ensure_future(self._delete(entry, receipt_id))
            await asyncio.sleep(0)  # the delete goes on the wire first, the receive right behind
        else:
            await self._delete(entry, receipt_id)

    async def _settle(self) -> None:
        """Wait for the overlapped delete's answer (raising its error, as a sequential one)."""
        if self._deleting is not None:
            deleting, self._deleting = self._deleting[1], None
            await deleting

    async def _settle_at_stop(self) -> GreenApiError | None:
        """Let an overlapped delete answer before the loop ends (its result is noted); a fatal
        error it ends with is the loop's."""
        try:
            await self._settle()
        except _Stopped:
            pass
        except GreenApiError as exc:
            return exc if exc.retry is Retry.FATAL else None
        return None

    async def _delete(self, entry: _Handed, receipt_id: int) -> None:
        """Delete a handed receipt; deleting one head again after an answer waits REPEAT_PAUSE."""
        await self._sleep(entry.answered_at + REPEAT_PAUSE - self._clock())
        # not cut short by stop(): its answer is noted on the capture (a few ms, 15 s at most)
        try:
            result = await self.client.delete(receipt_id)
        except GreenApiError as exc:  # said of this receipt, then handled as the loop's error
            self._on_event(LoopEvent(EventKind.DELETED, receipt_id=receipt_id, error=exc))
            raise
        entry.answered_at = self._clock()  # a delete that failed was backed off already
        if result:
            entry.deleted_at = self._clock()
        self._on_event(LoopEvent(EventKind.DELETED, receipt_id=receipt_id, result=result))

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

    async def pause(self, seconds: float) -> None:
        """Wait `seconds` inside a handler; a stop ends the wait and the loop at once."""
        await self._sleep(seconds)

    async def _sleep(self, seconds: float, wakeable: bool = False) -> None:
        if seconds <= 0:
            if self._stop.is_set():
                raise _Stopped
            return
        waits = [asyncio.ensure_future(self._stop.wait())]
        if wakeable:
            self._wake.clear()
            waits.append(asyncio.ensure_future(self._wake.wait()))
        try:
            await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for wait in waits:
                wait.cancel()
        if self._stop.is_set():
            raise _Stopped
