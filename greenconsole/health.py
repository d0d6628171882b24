"""Queue health from one consumer's view: depth, local rates, time to empty, oldest undeleted
notification, a head that blocks the queue. Plain Python (no Qt), fed by the receive session.

Its alarms are states, not events: `blocked()` and `retention()` say what holds right now, so an
alarm ends by itself when its condition does."""

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
COUNT_REFRESH = 10.0
"""GREEN-API refreshes getWebhooksCount's figure every 10 s: a 0 may be that old."""
BLOCKED_AFTER = 5.0
"""A head held or coming back for this long is reported as blocking the queue."""
RETENTION = 24 * 3600.0
"""GREEN-API keeps a notification in the queue this long."""
RETENTION_WARNING = 20 * 3600.0
"""Warn when the oldest undeleted notification is this old."""


@dataclass(frozen=True, slots=True)
class Blocked:
    """A head that keeps the queue from moving; `on_purpose` while the user holds it (manual
    mode) and it has not come back: a fact to show, not an alarm."""

    receipt_id: int
    seconds: float
    on_purpose: bool


@dataclass(frozen=True, slots=True)
class Retention:
    """The oldest undeleted notification is `age` seconds old: GREEN-API drops it in `left`."""

    age: float

    @property
    def left(self) -> float:
        """Seconds until GREEN-API drops it."""
        return RETENTION - self.age


class QueueHealth:
    """What the Queue tab draws and warns about; `clock` is monotonic, `wall` is epoch time."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._clock = clock
        self._wall = wall
        self.reset()

    def reset(self) -> None:
        """Forget everything: the figures were about another instance."""
        self.depths: deque[tuple[float, int]] = deque()
        self._buckets: deque[list[float]] = deque()  # [start, received, deleted]
        self._undeleted: dict[int, tuple[float, float]] = {}  # receipt → received, queued (epoch)
        self._head: tuple[int, float] | None = None  # receipt, since (monotonic)
        self._head_held = False  # the user holds it (manual mode)
        self._head_back = False  # it came back undeleted (skipped, delete failed)
        self._last_depth: tuple[float, int] | None = None  # when (monotonic), count

    # --- events --------------------------------------------------------------------------
    def depth(self, count: int) -> None:
        """A getWebhooksCount answer."""
        self.depths.append((self._clock(), count))
        self._last_depth = self.depths[-1]
        self._trim()

    def empty(self, asked_at: float) -> None:
        """getWebhooksCount, asked at `asked_at` (wall time), answered 0. Its figure is up to
        COUNT_REFRESH s old, so what was received before then no longer waits on the server —
        a capture whose delete's answer died with a killed drain is not undeleted any more."""
        before = asked_at - COUNT_REFRESH
        for receipt_id, (received, _queued) in list(self._undeleted.items()):
            if received < before:
                del self._undeleted[receipt_id]

    def received(self, receipt_id: int, event_time: float | None = None) -> None:
        """A notification came out of the queue (`event_time`: its body's timestamp, if any).

        Its age is counted from now, as the feed's Age column counts it; GREEN-API's retention
        from its timestamp, when it was queued."""
        self._bucket()[1] += 1
        now = self._wall()
        if receipt_id not in self._undeleted:  # one that came back was received when it first came
            # GREEN-API keeps a notification 24 h, so a body stamped longer ago than that was
            # replayed or composed: its time in the queue starts when it was received
            plausible = event_time is not None and now - RETENTION < event_time <= now
            self._undeleted[receipt_id] = (now, event_time if plausible and event_time else now)
        self._new_head(receipt_id)

    def deleted(self, receipt_id: int) -> None:
        """A delete succeeded: the notification left the queue."""
        self._bucket()[2] += 1
        self._undeleted.pop(receipt_id, None)
        if self._head is not None and self._head[0] == receipt_id:
            self.released()

    def held(self, receipt_id: int) -> None:
        """Manual mode holds the head for the user."""
        self._new_head(receipt_id)
        self._head_held = True

    def came_back(self, receipt_id: int) -> None:
        """The head came back undeleted (skipped, delete failed): it blocks the queue."""
        self._new_head(receipt_id)
        self._head_back = True

    def released(self) -> None:
        """Polling stopped: nobody holds or watches the head any more (no blocked alarm)."""
        self._head = None
        self._head_held = self._head_back = False

    def cleared(self) -> None:
        """clearWebhooksQueue succeeded: nothing captured is waiting on the server any more."""
        self._undeleted.clear()
        self.released()

    def _new_head(self, receipt_id: int) -> None:
        if self._head is None or self._head[0] != receipt_id:
            self.released()
            self._head = (receipt_id, self._clock())

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
        counted = {round(b[0] / BUCKET): b[1:] for b in self._buckets}
        rates = []
        if counted:  # an idle bucket is a zero rate, not a line drawn across it
            for number in range(min(counted), round((now - now % BUCKET) / BUCKET) + 1):
                received, deleted = counted.get(number, (0, 0))
                rates.append((now - number * BUCKET, received / BUCKET, deleted / BUCKET))
        return depths, rates

    @property
    def last_depth(self) -> int | None:
        """The latest known queue depth."""
        return self._last_depth[1] if self._last_depth else None

    def depth_age(self) -> float | None:
        """Seconds since the latest known queue depth was answered."""
        return self._clock() - self._last_depth[0] if self._last_depth else None

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

    def retention(self) -> Retention | None:
        """The oldest undeleted notification when it nears GREEN-API's 24 h retention (counted
        from when it was queued)."""
        age = self._oldest(queued=True)
        return Retention(age) if age is not None and age >= RETENTION_WARNING else None

    def oldest_undeleted_age(self) -> float | None:
        """Seconds since the oldest notification captured but not deleted was received (the
        feed's Age column), among those still within GREEN-API's retention."""
        return self._oldest(queued=False)

    def _oldest(self, queued: bool) -> float | None:
        now = self._wall()
        for receipt_id, (_, queued_at) in list(self._undeleted.items()):
            if now - queued_at >= RETENTION:  # gone from the server: forgotten here
                del self._undeleted[receipt_id]
        if not self._undeleted:
            return None
        return now - min(times[queued] for times in self._undeleted.values())

    def head_in_the_way(self) -> int | None:
        """The receipt of a head held or coming back (skipped, delete failed): what is queued
        behind it waits, however short the while."""
        in_the_way = self._head is not None and (self._head_held or self._head_back)
        return self._head[0] if in_the_way and self._head else None

    def blocked(self) -> Blocked | None:
        """The head that has been held or coming back for BLOCKED_AFTER seconds, if any."""
        if self._head is None or self.head_in_the_way() is None:
            return None
        seconds = self._clock() - self._head[1]
        if seconds < BLOCKED_AFTER:
            return None
        return Blocked(self._head[0], seconds, on_purpose=not self._head_back)
