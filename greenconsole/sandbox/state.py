"""The sandbox's queues: one FIFO per instance with long-poll waiters. Plain asyncio."""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections import OrderedDict
from typing import Any

CLEAR_INTERVAL = 60.0
"""clearWebhooksQueue runs at most once a minute per instance (GREEN-API's limit)."""


class InstanceQueue:
    """The notification queue of one instance."""

    def __init__(
        self,
        id_instance: int,
        token: str,
        receipts: itertools.count[int],
        clear_interval: float = CLEAR_INTERVAL,
    ) -> None:
        self.id_instance = id_instance
        self.token = token
        self._receipts = receipts
        self.clear_interval = clear_interval
        self._cleared_at = -math.inf
        self._entries: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self.deleted: list[int] = []
        """Receipts deleted so far, in order (what a test or a probe can check against)."""
        self._changed = asyncio.Condition()

    def __len__(self) -> int:
        return len(self._entries)

    async def put(self, body: dict[str, Any]) -> int:
        """Append `body`; wake every waiting long poll at once. Returns the new receiptId."""
        receipt_id = next(self._receipts)
        self._entries[receipt_id] = body
        async with self._changed:
            self._changed.notify_all()
        return receipt_id

    async def head(self, timeout: float) -> tuple[int, dict[str, Any]] | None:
        """The head, waiting up to `timeout` seconds for one; None when the wait ends empty."""
        if not self._entries:
            async with self._changed:
                try:
                    await asyncio.wait_for(self._changed.wait_for(lambda: self._entries), timeout)
                except TimeoutError:
                    return None
        return next(iter(self._entries.items()))

    def delete(self, receipt_id: int) -> bool:
        """Remove a queued receipt; False when it is not queued."""
        if self._entries.pop(receipt_id, None) is None:
            return False
        self.deleted.append(receipt_id)
        return True

    def clear(self) -> int:
        """Drop every queued notification, at most once per `clear_interval` like the real API.

        Returns 0 when cleared, else the whole seconds left until a clear is allowed (leftTime).
        """
        left = self._cleared_at + self.clear_interval - time.monotonic()
        if left > 0:
            return math.ceil(left)
        self._entries.clear()
        self._cleared_at = time.monotonic()
        return 0


class SandboxState:
    """All instances of one sandbox; receiptIds strictly increase across all of them."""

    def __init__(self, clear_interval: float = CLEAR_INTERVAL) -> None:
        self._receipts = itertools.count(1)
        self.clear_interval = clear_interval
        self.instances: dict[int, InstanceQueue] = {}

    def add_instance(self, id_instance: int, token: str) -> InstanceQueue:
        """Create (or replace) an instance with its own empty queue."""
        queue = InstanceQueue(id_instance, token, self._receipts, self.clear_interval)
        self.instances[id_instance] = queue
        return queue
