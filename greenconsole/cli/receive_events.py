"""`greenconsole receive --format events`: a capture run for a front end in another process.

Every event of the run is one JSON line on stdout (see `capture_events`); a notification is
handed over once its `received` line is flushed, so it is journaled before that and deleted
after. stdin is the control: a line `retry` ends a wait after an error at once; a line `stop`,
or the end of stdin (the reader closed it, or died), stops the run the way the window's Stop
does — the delete in flight answers first, and is noted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import threading
from typing import Any, BinaryIO

from greenconsole import capture_events
from greenconsole.capture import Delivery, Malformed
from greenconsole.cli.receive import Run
from greenconsole.jsontext import dumps
from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.receive_loop import EventKind, LoopAbort, LoopEvent

FLUSH_SOON = 0.02
"""Seconds a frequent line (deleted, repeat) may wait in the buffer for the next flush."""
FREQUENT = (EventKind.DELETED, EventKind.REPEAT, EventKind.EMPTY)
"""Events written without a flush of their own."""


class EventsRun(Run):
    """The consumer writing event lines; the journal session is the window's (it drains this
    way)."""

    source = "window"

    def __init__(
        self, args: argparse.Namespace, client: GreenApiClient, control: BinaryIO | None = None
    ) -> None:
        super().__init__(args, client.hide)
        self.client = client
        self.control = control or sys.stdin.buffer
        self._waited = True  # a "polling" line is written first, then only after a wait
        self._flush: asyncio.TimerHandle | None = None
        self.signal = ""
        """The name of the signal that stopped the run, if one did."""

    def emit(self, line: dict[str, Any], *, now: bool = True) -> None:
        """Write one event line with the last request's time; flushed `now`, else within
        FLUSH_SOON seconds — with the next `received` line while the drain is busy: one write,
        one wake-up of the reader per notification instead of two."""
        line.update(capture_events.timing_fields(self.client.last_request))
        if now and self._flush is not None:
            self._flush.cancel()
            self._flush = None
        self.write(dumps(line), flush=now)
        if not now and self._flush is None:
            self._flush = asyncio.get_running_loop().call_later(FLUSH_SOON, self._flush_soon)

    def _flush_soon(self) -> None:
        self._flush = None
        with contextlib.suppress(OSError, LoopAbort):  # the next line's write says it
            self.write(None)

    def show(self, delivery: Delivery) -> None:
        """A notification's `received` line, flushed: only then is it handed over."""
        self.emit(capture_events.received(delivery))

    def event(self, event: LoopEvent) -> None:
        """A loop event's line (a "polling" only when it ends a wait), then the exit rules."""
        if event.kind is EventKind.STOPPED and event.error is None and self.signal:
            event = LoopEvent(EventKind.STOPPED, error=LoopAbort(f"stopped by {self.signal}"))
        if event.kind is not EventKind.POLLING or self._waited:
            receipt = event.receipt_id
            capture = self.core.capture_of(receipt) if self.core and receipt is not None else None
            self.emit(capture_events.loop_event(event, capture), now=event.kind not in FREQUENT)
        self._waited = event.kind is EventKind.RETRYING
        super().event(event)

    def malformed(self, malformed: Malformed) -> None:
        """A malformed answer's line."""
        self.emit(capture_events.malformed(malformed))

    async def watch(self) -> None:
        """Follow stdin's commands, the --idle-exit clock, and SIGINT/SIGTERM as a Stop that
        says so (the delete in flight answers first; the `stopped` line names the signal)."""
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._follow_control, args=(loop,), daemon=True).start()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):  # not on this platform
                loop.add_signal_handler(signum, self._signalled, signum)
        await super().watch()

    def _signalled(self, signum: int) -> None:
        self.signal = signal.Signals(signum).name
        self._stop()

    def _follow_control(self, loop: asyncio.AbstractEventLoop) -> None:
        """Read commands until `stop` or the end of stdin, then stop the run."""
        pending = b""
        while chunk := self._read():
            *lines, pending = (pending + chunk).split(b"\n")
            commands = {line.strip() for line in lines}
            if b"stop" in commands:
                break
            if b"retry" in commands:
                self._call(loop, self._retry_now)
        self._call(loop, self._stop)

    def _read(self) -> bytes:
        """What stdin has now (b"" at its end). Unbuffered: a daemon thread blocked in a
        buffered read would abort the interpreter's exit."""
        try:
            return os.read(self.control.fileno(), 4096)
        except (OSError, ValueError):  # not a file (a test's stdin), or closed
            return self.control.read(4096) if not self.control.closed else b""

    def _retry_now(self) -> None:
        if self.core is not None:
            self.core.loop.retry_now()

    @staticmethod
    def _call(loop: asyncio.AbstractEventLoop, callback: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the run ended meanwhile: the loop is closed
            loop.call_soon_threadsafe(callback)
