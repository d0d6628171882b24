"""Queue health from one consumer's view: depth, local rates, time to empty, oldest undeleted
notification, a head that blocks the queue. Plain Python (no Qt), fed by the receive session."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

WINDOW = 300.0
"""Seconds of history kept for the chart."""
BUCKET = 5.0
"""Rates are counted per bucket of this many seconds."""
RATE_SPAN = 15.0
"""Seconds over which the drain rate for the time-to-empty estimate is averaged."""
BLOCKED_AFTER = 5.0
"""A head held or coming back for this long is reported as blocking the queue."""
RETENTION = 24 * 3600.0
"""GREEN-API keeps a notification in the queue this long."""
RETENTION_WARNING = 20 * 3600.0
"""Warn when the oldest undeleted notification is this old."""


@dataclass(frozen=True, slots=True)
class Blocked:
    """A head that keeps the queue from moving."""

    receipt_id: int
    seconds: float


class QueueHealth:
    """What the Queue tab draws and warns about; `clock` is monotonic, `wall` is epoch time."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._clock = clock
        self._wall = wall
        self.depths: deque[tuple[float, int]] = deque()
        self._buckets: deque[list[float]] = deque()  # [start, received, deleted]
        self._undeleted: dict[int, float] = {}  # receipt → when the event happened (epoch)
        self._head: tuple[int, float] | None = None  # receipt, since (monotonic)
        self._head_stuck = False

    # --- events --------------------------------------------------------------------------
    def depth(self, count: int) -> None:
        """A getWebhooksCount answer."""
        self.depths.append((self._clock(), count))
        self._trim()

    def received(self, receipt_id: int, event_time: float | None = None) -> None:
        """A notification came out of the queue (`event_time`: its body's timestamp, if any)."""
        self._bucket()[1] += 1
        now = self._wall()
        # GREEN-API keeps a notification 24 h, so a body stamped longer ago than twice that was
        # replayed or composed: its age in the queue starts when it was received
        plausible = event_time is not None and now - 2 * RETENTION <= event_time <= now
        self._undeleted[receipt_id] = event_time if plausible and event_time else now
        if self._head is None or self._head[0] != receipt_id:
            self._head = (receipt_id, self._clock())
            self._head_stuck = False

    def deleted(self, receipt_id: int) -> None:
        """A delete succeeded: the notification left the queue."""
        self._bucket()[2] += 1
        self._undeleted.pop(receipt_id, None)
        if self._head is not None and self._head[0] == receipt_id:
            self._head = None
            self._head_stuck = False

    def stuck(self, receipt_id: int) -> None:
        """The head is held for the user (manual mode) or came back (skipped, delete failed)."""
        if self._head is None or self._head[0] != receipt_id:
            self._head = (receipt_id, self._clock())
        self._head_stuck = True

    def released(self) -> None:
        """Polling stopped: nobody holds or watches the head any more (no blocked alarm)."""
        self._head = None
        self._head_stuck = False

    def _bucket(self) -> list[float]:
        now = self._clock()
        start = now - now % BUCKET
        if not self._buckets or self._buckets[-1][0] != start:
            self._buckets.append([start, 0, 0])
            self._trim()
        return self._buckets[-1]

    def _trim(self) -> None:
        oldest = self._clock() - WINDOW
        while self._buckets and self._buckets[0][0] < oldest:
            self._buckets.popleft()
        while self.depths and self.depths[0][0] < oldest:
            self.depths.popleft()

    # --- figures -------------------------------------------------------------------------
    def rates(self, span: float = RATE_SPAN) -> tuple[float, float]:
        """(received, deleted) per second over the last `span` seconds."""
        since = self._clock() - span
        received = sum(b[1] for b in self._buckets if b[0] + BUCKET > since)
        deleted = sum(b[2] for b in self._buckets if b[0] + BUCKET > since)
        return received / span, deleted / span

    def series(self) -> tuple[list[tuple[float, int]], list[tuple[float, float, float]]]:
        """For the chart: depth points and (bucket, received/s, deleted/s), x = seconds ago."""
        now = self._clock()
        depths = [(now - t, count) for t, count in self.depths]
        rates = [(now - b[0], b[1] / BUCKET, b[2] / BUCKET) for b in self._buckets]
        return depths, rates

    @property
    def last_depth(self) -> int | None:
        """The latest known queue depth."""
        return self.depths[-1][1] if self.depths else None

    def eta(self) -> float | None:
        """Seconds until the queue is empty at the current delete rate; None if unknown,
        inf when nothing is being deleted."""
        depth = self.last_depth
        if depth is None:
            return None
        if depth == 0:
            return 0.0
        _, deleted = self.rates()
        return depth / deleted if deleted > 0 else math.inf

    def nearing_retention(self) -> bool:
        """True when the oldest undeleted notification nears GREEN-API's 24 h retention."""
        age = self.oldest_undeleted_age()
        return age is not None and age >= RETENTION_WARNING

    def oldest_undeleted_age(self) -> float | None:
        """Age in seconds of the oldest notification captured but not deleted."""
        if not self._undeleted:
            return None
        return self._wall() - min(self._undeleted.values())

    def blocked(self) -> Blocked | None:
        """The head that has been held or coming back for BLOCKED_AFTER seconds, if any."""
        if self._head is None or not self._head_stuck:
            return None
        seconds = self._clock() - self._head[1]
        return Blocked(self._head[0], seconds) if seconds >= BLOCKED_AFTER else None
