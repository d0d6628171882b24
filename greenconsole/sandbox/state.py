"""The sandbox's queues: one FIFO per instance with long-poll waiters. Plain asyncio.

Bodies are kept as JSON text (`jsontext.dumps`: always valid UTF-8), so whatever was accepted can
be served again. With a `StateFile`, every change is committed before the caller answers.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict
from collections.abc import Callable

from greenconsole.sandbox.store import StateFile

CLEAR_INTERVAL = 60.0
"""clearWebhooksQueue runs at most once a minute per instance (GREEN-API's limit)."""
COUNT_LAG = 10.0
"""GREEN-API refreshes the getWebhooksCount figure every 10 s (`greenconsole emulator`'s default;
in process the count is live unless `count_lag` is given: the window and the tests watch it)."""
RETENTION = 24 * 3600.0
"""GREEN-API keeps a notification 24 h; older ones leave the queue unread."""

Clock = Callable[[], float]

MAX_CONNECTIONS = 256
"""Open connections served at once; more get a 503 and are closed."""


class InstanceQueue:
    """The notification queue of one instance."""

    def __init__(self, state: SandboxState, id_instance: int, token: str) -> None:
        self._state = state
        self.id_instance = id_instance
        self.token = token
        self._entries: OrderedDict[int, tuple[float, str]] = OrderedDict()
        """receiptId → (queued at, body as JSON text), oldest first."""
        self.deleted: list[int] = []
        """Receipts deleted so far, in order (what a test or a probe can check against)."""
        self._cleared_at = -math.inf
        self._counted = (-math.inf, 0)
        self._arrival = asyncio.Event()
        """Set (and replaced) on every put: waiters never hold a lock, so cancelling is safe."""

    def __len__(self) -> int:
        self._expire()
        return len(self._entries)

    def load(self, receipt_id: int, queued_at: float, text: str) -> None:
        """Append an entry read back from the state file."""
        self._entries[receipt_id] = (queued_at, text)

    def put(self, text: str) -> int:
        """Append a body (JSON text); wake every waiting long poll. Returns the new receiptId."""
        state = self._state
        receipt_id, queued_at = state.next_receipt, state.clock()
        if state.store is not None:
            state.store.put(self.id_instance, receipt_id, queued_at, text)
        state.next_receipt += 1
        self._entries[receipt_id] = (queued_at, text)
        self._arrival.set()
        self._arrival = asyncio.Event()
        return receipt_id

    async def head(self, timeout: float) -> tuple[int, str] | None:
        """(receiptId, body text) of the head, waiting up to `timeout` seconds for one."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not len(self):
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            try:
                await asyncio.wait_for(self._arrival.wait(), remaining)
            except TimeoutError:
                return None
        receipt_id, (_, text) = next(iter(self._entries.items()))
        return receipt_id, text

    def delete(self, receipt_id: int) -> bool:
        """Remove a queued receipt; False when it is not queued."""
        if receipt_id not in self._entries:
            return False
        self._drop([receipt_id])
        self.deleted.append(receipt_id)
        return True

    def count(self) -> int:
        """The queue depth as getWebhooksCount reports it: refreshed every `count_lag` seconds."""
        now = self._state.clock()
        if now - self._counted[0] >= self._state.count_lag:
            self._counted = (now, len(self))
        return self._counted[1]

    def clear(self) -> int:
        """Drop every queued notification, at most once per `clear_interval` like the real API.

        Returns 0 when cleared, else the whole seconds left until a clear is allowed (leftTime).
        """
        now = self._state.clock()
        left = self._cleared_at + self._state.clear_interval - now
        if left > 0:
            return math.ceil(left)
        self._drop(list(self._entries))
        self._cleared_at = now
        return 0

    def _expire(self) -> None:
        """Drop the notifications older than the retention time."""
        cutoff = self._state.clock() - self._state.retention
        old = []
        for receipt_id, (queued_at, _) in self._entries.items():
            if queued_at > cutoff:
                break
            old.append(receipt_id)
        if old:
            self._drop(old)

    def _drop(self, receipt_ids: list[int]) -> None:
        if self._state.store is not None:
            self._state.store.delete(receipt_ids)
        for receipt_id in receipt_ids:
            del self._entries[receipt_id]


class SandboxState:
    """All instances of one sandbox; receiptIds strictly increase across all of them.

    `clock` (wall-clock seconds) times retention, the count refresh and the clear limit; tests
    pass their own. With `store`, instances, queues and the receipt counter are read from it and
    every change is written to it.
    """

    def __init__(
        self,
        clear_interval: float = CLEAR_INTERVAL,
        count_lag: float = 0.0,
        retention: float = RETENTION,
        clock: Clock = time.time,
        store: StateFile | None = None,
    ) -> None:
        self.clear_interval = clear_interval
        self.count_lag = count_lag
        self.retention = retention
        self.clock = clock
        self.store = store
        self.next_receipt = 1
        self.instances: dict[int, InstanceQueue] = {}
        if store is not None:
            saved = store.load()
            self.next_receipt = saved.next_receipt
            for id_instance, token in saved.instances.items():
                self.instances[id_instance] = InstanceQueue(self, id_instance, token)
            for receipt_id, id_instance, queued_at, text in saved.notifications:
                self.instances[id_instance].load(receipt_id, queued_at, text)

    def add_instance(self, id_instance: int, token: str) -> InstanceQueue:
        """Create an instance with an empty queue; a known one keeps its queue, takes `token`."""
        queue = self.instances.get(id_instance)
        if queue is None:
            queue = self.instances[id_instance] = InstanceQueue(self, id_instance, token)
        queue.token = token
        if self.store is not None:
            self.store.add_instance(id_instance, token)
        return queue
