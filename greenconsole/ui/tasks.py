"""Fire-and-forget coroutines with a strong reference until done, and errors reported once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)
CANCEL_GRACE = 2.0
"""Seconds cancelled tasks get to end; one that does not is logged and left behind rather than
hang closing a tab. Cheap safety: the one known cause, a wake-up lost when a callback pumped
Qt's events (seen on a refused connection), is fixed in `event_loop.HeapTimer`."""


class TaskSet:
    """Keeps every background task alive until it ends; `cancel_all()` on quit."""

    def __init__(self, on_error: Callable[[BaseException], Any] | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self.on_error = on_error

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run `coro` in the background; an unexpected exception is logged and reported."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        log.error("background task failed", exc_info=error)
        if self.on_error is not None:
            self.on_error(error)

    async def cancel_all(self) -> set[asyncio.Task[Any]]:
        """Cancel every task and wait for them to end (at most CANCEL_GRACE seconds); return
        the ones that did not."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if not tasks:
            return set()
        _done, stuck = await asyncio.wait(tasks, timeout=CANCEL_GRACE)
        for task in stuck:
            log.warning("a cancelled task did not end within %g s: %s", CANCEL_GRACE, task)
        return stuck
