"""Where the Qt thread is when it stalls: a watchdog thread samples its Python stack whenever a
5 ms heartbeat QTimer is late by more than a threshold, and counts the stacks seen.

A stall shows as the same innermost frames sampled several times in a row (each sample ~3 ms);
time in C++ (Qt painting, SQLite) shows as the Python frame that called it.
"""

from __future__ import annotations

import collections
import sys
import threading
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer

DEPTH = 12
"""Innermost frames kept per sample."""


class StallSampler:
    """Samples the Qt thread's stack while it is late, between `start()` and `stop()` (again and
    again); `report()` lists the commonest stacks."""

    def __init__(self, late_ms: float = 40.0) -> None:
        self.late = late_ms / 1000
        self.samples: collections.Counter[tuple[str, ...]] = collections.Counter()
        self._thread_id = threading.get_ident()  # made on the Qt thread
        self._beat = time.perf_counter()
        self._heartbeat = QTimer(interval=5)
        self._heartbeat.timeout.connect(self._tick)
        self._watching = threading.Event()
        threading.Thread(target=self._watch, name="stall-sampler", daemon=True).start()

    def start(self) -> None:
        self._beat = time.perf_counter()
        self._heartbeat.start()
        self._watching.set()

    def stop(self) -> None:
        self._watching.clear()
        self._heartbeat.stop()

    def _tick(self) -> None:
        self._beat = time.perf_counter()

    def _watch(self) -> None:
        while self._watching.wait():
            time.sleep(0.003)
            if not self._watching.is_set() or time.perf_counter() - self._beat <= self.late:
                continue
            frame = sys._current_frames().get(self._thread_id)
            if frame is not None:
                stack = traceback.extract_stack(frame)[-DEPTH:]
                names = (f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in stack)
                self.samples[tuple(names)] += 1

    def report(self, top: int = 5) -> str:
        """The `top` stacks sampled most often while late, innermost frame last."""
        if not self.samples:
            return f"  no stall over {self.late * 1000:.0f} ms sampled"
        lines = []
        for stack, count in self.samples.most_common(top):
            lines.append(f"  {count} samples (~{count * 3} ms):")
            lines.extend(f"      {frame}" for frame in stack)
        return "\n".join(lines)
