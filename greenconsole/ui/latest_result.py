"""Work on a thread of its own, with only the newest call's result coming back to the Qt thread."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="big-text")
"""One thread for every big body's preparation and check: they never compete for the GIL."""


def _uncollected(work: Callable[[Callable[[], bool]], Any], wanted: Callable[[], bool]) -> Any:
    """`work(wanted)` with the cyclic collector paused: a full pass over the objects of a big
    document holds the GIL for 50-100 ms, and the work makes no cycles to collect."""
    gc.disable()
    try:
        return work(wanted)
    finally:
        gc.enable()


class LatestResult(QObject):
    """`submit(work)` runs `work(wanted)` on the worker thread and hands its result to
    `deliver` on the Qt thread, unless a newer `submit` (or `drop`) came meanwhile; `wanted()`
    tells the work whether it is still wanted, so a stale one can stop early."""

    _finished = Signal(int, object)

    def __init__(self, deliver: Callable[[Any], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._generation = 0
        self.busy = False
        self._finished.connect(self._arrived)

    def submit(self, work: Callable[[Callable[[], bool]], Any]) -> None:
        """Start `work` (a previous call's result will be dropped)."""
        self._generation += 1
        generation = self._generation
        self.busy = True
        future = _WORKER.submit(_uncollected, work, lambda: generation == self._generation)
        future.add_done_callback(lambda done: self._hand_over(generation, done))

    def drop(self) -> None:
        """Forget the call in flight: its result will not be delivered."""
        self._generation += 1
        self.busy = False

    def _hand_over(self, generation: int, done: Future[Any]) -> None:
        """On the worker thread: pass the result to the Qt thread (unless the object is gone
        with its closed tab)."""
        with contextlib.suppress(RuntimeError):
            self._finished.emit(generation, done)

    def _arrived(self, generation: int, done: Future[Any]) -> None:
        if generation != self._generation or done.cancelled():
            return
        self.busy = False
        self._deliver(done.result())  # stale work raised Stale, but its generation is old
