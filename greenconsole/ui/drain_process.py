"""An auto-delete tab's drain in a process of its own: `greenconsole receive --delete --format
events` writing the window's journal, its event lines turned back into the capture core's
callbacks here.

Why a process: the drain then runs at the CLI's speed whatever the window paints, and the window
spends ~60 µs per notification instead of ~1 ms (bench/feed.py). The promises hold across the
pipe: the process journals each notification before its line is written and deletes it only
after the line is flushed; a window that dies takes stdin's end with it, and the process stops
as Stop does. The token goes in the environment, never on the command line.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import subprocess
import sys
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QObject, QTimer

from greenconsole import capture_events
from greenconsole.capture import Delivery, Malformed, RecentCaptures
from greenconsole.cli.common import TOKEN_ENV
from greenconsole.connection import ConnectionSettings
from greenconsole.protocol.client import RequestTiming
from greenconsole.protocol.receive_loop import EventKind, LoopEvent

KILL_AFTER_MS = 20_000
"""A process asked to stop is killed if it has not ended by then (a delete in flight answers
within the client's 15 s deadline)."""
READ_EVERY_MS = 50
"""What the process said is read this often, in one batch, from non-blocking pipes: a wake-up
per line (QProcess reads each write as it comes) cost the window ~4× the CPU of the reading
(bench/feed.py), and every wake-up takes a core from the drain or the server."""
PIPE_BYTES = 1 << 20
"""The stdout pipe's buffer (Linux's default is 64 KiB, ~60 ms of a flat-out drain's lines):
room for what the process says between two reads and a stall of the window, so it never
waits for the window to read."""
STDERR_LINES = 8
"""Lines of the process's stderr kept for the message when it ends unexpectedly."""


def command() -> list[str]:
    """How to run this program's CLI: the bundle itself, or this Python with `-m greenconsole`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "greenconsole"]


class DrainProcess(QObject):
    """Run one drain; `deliver`, `on_event` and `on_malformed` get what the process says, as
    from an in-process `CaptureCore` (`deliver` must not wait: the line is handed over)."""

    auto_delete = True

    def __init__(
        self,
        settings: ConnectionSettings,
        journal: Path,
        deliver: Callable[[Delivery], Any],
        on_event: Callable[[LoopEvent], Any],
        on_malformed: Callable[[Malformed], Any],
        hide: Callable[[str], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._journal = journal
        self._deliver = deliver
        self._on_event = on_event
        self._on_malformed = on_malformed
        self._hide = hide
        self._process: subprocess.Popen[bytes] | None = None
        self._reader = QTimer(self, interval=READ_EVERY_MS)
        self._reader.timeout.connect(self._read)
        self._stdout = _Pipe()
        self._stderr = _Pipe()
        self._stderr_lines: deque[str] = deque(maxlen=STDERR_LINES)
        self._pipes_ended: asyncio.Future[None] | None = None
        self._captures = RecentCaptures()
        self._ended: Exception | None = None
        self._said_stopped = False
        self.stopping = False
        self.last_request: RequestTiming | None = None
        """The drain's last request time (as the process measured it)."""

    @property
    def pid(self) -> int:
        """The process's id (0 when it does not run)."""
        process = self._process
        return process.pid if process is not None and process.returncode is None else 0

    def capture_of(self, receipt_id: int) -> int | None:
        """The journal id of this run's latest capture with this receipt."""
        return self._captures.get(receipt_id)

    def arguments(self) -> list[str]:
        """The process's command line (never the token)."""
        settings = self._settings
        arguments = [
            *command(),
            "receive",
            "--api-url", settings.api_url,
            "--instance", settings.id_instance,
            "--delete",
            "--format", "events",
            "--receive-timeout", str(settings.receive_timeout),
            "--journal", str(self._journal),
        ]  # fmt: skip
        return arguments if settings.overlap else [*arguments, "--no-overlap"]

    async def run(self) -> Exception | None:
        """Start the process and wait for its end; the error that ended the drain, or None."""
        if self.stopping:  # stopped before it started
            return None
        environment = {**os.environ, TOKEN_ENV: self._settings.token}
        environment.pop("PYTHONUNBUFFERED", None)  # the writer flushes what must not wait
        try:
            process = subprocess.Popen(
                self.arguments(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=environment,
            )
        except OSError as error:
            return RuntimeError(
                self.tr("the drain process did not start: {0}").format(error.strerror or error)
            )
        self._process = process
        self._stdout.open(process.stdout)
        self._stderr.open(process.stderr)
        self._pipes_ended = asyncio.get_running_loop().create_future()
        self._reader.start()
        try:
            await self._pipes_ended
        except asyncio.CancelledError:
            self.stop()
            raise
        finally:
            self._reader.stop()
        returncode = process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        return self._ended or self._unexpected_end(returncode)

    def _unexpected_end(self, returncode: int) -> Exception | None:
        if self._said_stopped:
            return None
        if returncode < 0:
            return RuntimeError(
                self.tr("the drain process was killed (signal {0})").format(-returncode)
            )
        said = self._hide(self._stderr_lines[-1]) if self._stderr_lines else ""
        return RuntimeError(
            self.tr("the drain process ended unexpectedly (exit code {0}){1}").format(
                returncode, f": {said}" if said else ""
            )
        )

    def stop(self) -> None:
        """Ask the process to stop (the delete in flight answers first); killed if it lingers."""
        if self.stopping:
            return
        self.stopping = True
        if self._say(b"stop\n", last=True):
            QTimer.singleShot(KILL_AFTER_MS, self, self._kill)

    def retry_now(self) -> None:
        """End the process's wait after an error at once."""
        if not self.stopping:
            self._say(b"retry\n")

    def _say(self, command: bytes, last: bool = False) -> bool:
        """Write a command on the process's stdin (closed after the last); False if it has ended."""
        process = self._process
        if process is None or process.poll() is not None or process.stdin is None:
            return False
        try:
            process.stdin.write(command)
            process.stdin.flush()
            if last:
                process.stdin.close()
        except OSError:  # it ended meanwhile
            return False
        return True

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()

    # --- what the process says --------------------------------------------------------------
    def _read(self) -> None:
        for line in self._stderr.lines():
            if line.strip():
                self._stderr_lines.append(line[:500].decode("utf-8", "replace"))
        for line in self._stdout.lines():
            self._handle(line)
        ended = self._pipes_ended
        if self._stdout.ended and self._stderr.ended and ended is not None and not ended.done():
            ended.set_result(None)

    def _handle(self, line: bytes) -> None:
        try:
            fields = json.loads(line)
            said = capture_events.decode(fields)
        except (ValueError, TypeError, KeyError):  # not an event line: kept for an end message
            self._stderr_lines.append(line[:500].decode("utf-8", "replace"))
            return
        self.last_request = capture_events.decode_timing(fields) or self.last_request
        if isinstance(said, Delivery):
            if said.capture is not None:
                self._captures.remember(said.notification.receipt_id, said.capture.id)
            self._deliver(said)
        elif isinstance(said, Malformed):
            self._on_malformed(said)
        elif isinstance(said, LoopEvent):
            if said.kind is EventKind.STOPPED:
                self._said_stopped = True
                self._ended = said.error
            self._on_event(said)


class _Pipe:
    """A child's output pipe read without blocking: the whole lines it gave since the last read
    (the last one unfinished at its end too)."""

    def __init__(self) -> None:
        self.fd = -1
        self.ended = False
        self._pending = b""

    def open(self, stream: IO[bytes] | None) -> None:
        assert stream is not None
        self.fd = stream.fileno()
        os.set_blocking(self.fd, False)
        with contextlib.suppress(OSError):  # more than the system allows: its default stays
            fcntl.fcntl(self.fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)

    def lines(self) -> list[bytes]:
        chunks = [self._pending]
        while not self.ended:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                break
            chunks.append(chunk)
            self.ended = not chunk
        *lines, self._pending = b"".join(chunks).split(b"\n")
        if self.ended and self._pending:
            lines.append(self._pending)
            self._pending = b""
        return lines
