"""The asyncio loop on Qt's event loop: qasync, with its timers kept in one heap.

qasync gives every `call_soon`/`call_later` a Qt timer of its own on one QObject and kills it
after it fires; a cancelled handle keeps its timer until its deadline. Each HTTP request leaves
such a timeout behind (up to receiveTimeout + 15 s), so while notifications drain thousands of
dead timers pile up, and every `startTimer`/`killTimer` on that object walks the whole list
(QObject::killTimer was 9 % of the GUI thread's CPU; stalls grew to 60-90 ms within a minute).
Here the handles wait in a heap, and one single-shot QTimer is armed for the earliest deadline;
it is disarmed while handles run, so a callback that pumps Qt's events never runs others inside
itself (asyncio refuses a task step nested in another's, and that task's wake-up was lost).

This replaces qasync's `_timer` (add_callback/stop/set_debug) and runs handles with
`Handle._run()`, as qasync itself does: pyproject pins qasync to the versions read (0.27-0.28) and
tests/ui/test_event_loop.py fails if call_later stops going through the heap.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
import time
from collections.abc import Callable
from contextvars import Context

import qasync
from PySide6.QtCore import QObject, Qt, QTimer

Callback = Callable[..., object]

SLICE = 0.008
"""Seconds of callbacks run in one go before Qt gets a turn (paints, input, other timers)."""
COMPACT_FLOOR = 1024
"""The heap is never compacted below this size (a scan would cost more than it saves)."""


class HeapTimer(QObject):
    """Runs asyncio handles at their deadlines from one QTimer (qasync's timer interface)."""

    def __init__(self, clock=time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._heap: list[tuple[float, int, asyncio.Handle]] = []
        self._order = itertools.count()  # ties (e.g. call_soon) keep their order
        self._armed_for = math.inf
        """The deadline the QTimer is set for: inf when none, -inf during a turn (it arms the
        QTimer as it ends)."""
        self._compact_at = COMPACT_FLOOR
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._run_due)

    def add_callback(self, handle: asyncio.Handle, delay: float = 0) -> asyncio.Handle:
        """Run `handle` after `delay` seconds (unless it is cancelled by then)."""
        deadline = self._clock() + max(0.0, delay)
        heapq.heappush(self._heap, (deadline, next(self._order), handle))
        if len(self._heap) > self._compact_at:
            self._compact()
        if deadline < self._armed_for:
            self._arm()
        return handle

    def _compact(self) -> None:
        """Drop the cancelled handles (a cancelled Handle does not tell its loop).

        Done when the heap has doubled since the last compaction, so each handle pays O(1) of
        scanning, and the heap holds at most twice what was alive then. In place: `_run_due`
        may be iterating the list (a callback that schedules another one lands here).
        """
        self._heap[:] = [entry for entry in self._heap if not entry[2].cancelled()]
        heapq.heapify(self._heap)
        self._compact_at = max(COMPACT_FLOOR, 2 * len(self._heap))

    def _arm(self) -> None:
        heap = self._heap
        while heap and heap[0][2].cancelled():
            heapq.heappop(heap)
        if not heap or self._stopped:
            self._timer.stop()
            self._armed_for = math.inf
            return
        self._armed_for = heap[0][0]
        self._timer.start(max(0, math.ceil((self._armed_for - self._clock()) * 1000)))

    def _run_due(self) -> None:
        # The timer stays disarmed for the whole turn (no deadline is below -inf): a callback
        # that pumps Qt (processEvents, a dialog's exec()) must not run the next handles inside
        # itself. Such a nested turn ran a task's wake-up while another task was executing;
        # asyncio refused it ("Cannot enter into task ... while another task ... is being
        # executed"), and that task never resumed.
        self._armed_for = -math.inf
        started = self._clock()
        heap = self._heap
        try:
            while heap and heap[0][0] <= self._clock() and not self._stopped:
                handle = heapq.heappop(heap)[2]
                if not handle.cancelled():
                    handle._run()
                if self._clock() - started > SLICE:
                    break
        finally:
            self._arm()

    def stop(self) -> None:
        """Run nothing more (the loop is closing)."""
        self._stopped = True
        self._timer.stop()

    def set_debug(self, enabled: bool) -> None:
        """Part of qasync's timer interface; slow callbacks are not reported here."""


class EventLoop(qasync.QEventLoop):
    """qasync's QEventLoop with `HeapTimer` in place of one Qt timer per callback."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._timer = HeapTimer(self.time)

    def call_later(
        self, delay: float, callback: Callback, *args: object, context: Context | None = None
    ) -> asyncio.Handle:
        """qasync's, without its per-call checks and debug logging (a dozen calls per
        notification while draining: the checks alone were ~5 % of the window's CPU)."""
        return self._timer.add_callback(asyncio.Handle(callback, args, self, context), delay)

    def call_soon(
        self, callback: Callback, *args: object, context: Context | None = None
    ) -> asyncio.Handle:
        """Run `callback` on the next turn (qasync's, without its per-call checks)."""
        return self._timer.add_callback(asyncio.Handle(callback, args, self, context), 0)

    def call_at(
        self, when: float, callback: Callback, *args: object, context: Context | None = None
    ) -> asyncio.Handle:
        """Run `callback` at loop time `when` (qasync's, without its per-call checks)."""
        delay = when - self.time()
        return self._timer.add_callback(asyncio.Handle(callback, args, self, context), delay)
