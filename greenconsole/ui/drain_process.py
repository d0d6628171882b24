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
import json
import sys
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer

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
"""What the process said is read this often, in one batch: a wake-up per line cost the window
more CPU than everything else it does per notification (QProcess buffers the pipe meanwhile)."""
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
        self._process = QProcess(self)
        self._reader = QTimer(self, interval=READ_EVERY_MS)
        self._reader.timeout.connect(self._read)
        self._pending = b""
        self._stderr: deque[str] = deque(maxlen=STDERR_LINES)
        self._captures = RecentCaptures()
        self._ended: Exception | None = None
        self._said_stopped = False
        self.stopping = False
        self.last_request: RequestTiming | None = None
        """The drain's last request time (as the process measured it)."""

    @property
    def pid(self) -> int:
        """The process's id (0 when it does not run)."""
        return int(self._process.processId())

    def capture_of(self, receipt_id: int) -> int | None:
        """The journal id of this run's latest capture with this receipt."""
        return self._captures.get(receipt_id)

    def arguments(self) -> list[str]:
        """The process's command line (never the token)."""
        settings = self._settings
        arguments = [
            *command()[1:],
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
        ended: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def done(*_: object) -> None:
            if not ended.done():
                ended.set_result(None)

        self._process.finished.connect(done)
        self._process.errorOccurred.connect(self._failed_to_start(done))
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert(TOKEN_ENV, self._settings.token)
        environment.insert("PYTHONUNBUFFERED", "1")
        self._process.setProcessEnvironment(environment)
        self._process.start(command()[0], self.arguments())
        self._reader.start()
        try:
            await ended
        finally:
            self._reader.stop()
        self._read()
        return self._ended or self._unexpected_end()

    def _failed_to_start(self, done: Callable[[], None]) -> Callable[[QProcess.ProcessError], None]:
        def failed(error: QProcess.ProcessError) -> None:
            if error is QProcess.ProcessError.FailedToStart:
                self._ended = RuntimeError(
                    self.tr("the drain process did not start: {0}").format(
                        self._process.errorString()
                    )
                )
                done()

        return failed

    def _unexpected_end(self) -> Exception | None:
        if self._said_stopped:
            return None
        if self._process.exitStatus() is QProcess.ExitStatus.CrashExit:
            return RuntimeError(
                self.tr("the drain process was killed (signal {0})").format(
                    self._process.exitCode()
                )
            )
        said = self._hide(self._stderr[-1]) if self._stderr else ""
        return RuntimeError(
            self.tr("the drain process ended unexpectedly (exit code {0}){1}").format(
                self._process.exitCode(), f": {said}" if said else ""
            )
        )

    def stop(self) -> None:
        """Ask the process to stop (the delete in flight answers first); killed if it lingers."""
        if self.stopping:
            return
        self.stopping = True
        if self._process.state() is QProcess.ProcessState.NotRunning:
            return
        self._process.write(b"stop\n")
        self._process.closeWriteChannel()
        QTimer.singleShot(KILL_AFTER_MS, self, self._process.kill)

    def retry_now(self) -> None:
        """End the process's wait after an error at once."""
        if not self.stopping and self._process.state() is QProcess.ProcessState.Running:
            self._process.write(b"retry\n")

    # --- what the process says --------------------------------------------------------------
    def _read(self) -> None:
        self._read_stderr()
        self._read_stdout()

    def _read_stdout(self) -> None:
        data = self._pending + bytes(self._process.readAllStandardOutput().data())
        *lines, self._pending = data.split(b"\n")
        for line in lines:
            self._handle(line)

    def _read_stderr(self) -> None:
        text = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
        self._stderr.extend(line[:500] for line in text.splitlines() if line.strip())

    def _handle(self, line: bytes) -> None:
        try:
            fields = json.loads(line)
            said = capture_events.decode(fields)
        except (ValueError, TypeError, KeyError):  # not an event line: kept for an end message
            self._stderr.append(line[:500].decode("utf-8", "replace"))
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
