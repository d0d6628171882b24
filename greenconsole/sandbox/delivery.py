"""Webhook delivery: with a webhookUrl set, notifications are POSTed there instead of queued.

As GREEN-API does (technology-webhook-endpoint): the same body, `Authorization: Bearer TOKEN`
when webhookUrlToken is set, one notification at a time per instance in order; an answer other
than 2xx, or none within `timeout` seconds, is sent again after `pause` seconds. Pending ones live
in memory (a sandbox restart forgets them).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass

import aiohttp

from greenconsole.sandbox.state import InstanceQueue

TIMEOUT = 180.0
"""GREEN-API waits this long for the handler's answer."""
PAUSE = 60.0
"""…and then this long before sending again."""


@dataclass(frozen=True)
class Attempt:
    """One POST to a webhookUrl: the instance, the status (0: no answer), how long it took."""

    id_instance: int
    status: int
    seconds: float


class WebhookDelivery:
    """The sandbox's sender to webhook URLs; `attempts` lists every POST made."""

    def __init__(self, timeout: float = TIMEOUT, pause: float = PAUSE) -> None:
        self.timeout = timeout
        self.pause = pause
        self.attempts: list[Attempt] = []
        self._pending: dict[int, asyncio.Queue[str]] = {}
        self._workers: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None

    def put(self, queue: InstanceQueue, text: str) -> None:
        """Send `text` (a notification body) to the instance's webhookUrl, after any before it."""
        pending = self._pending.get(queue.id_instance)
        if pending is None:
            pending = self._pending[queue.id_instance] = asyncio.Queue()
            worker = asyncio.get_running_loop().create_task(self._work(queue, pending))
            self._workers.add(worker)
        pending.put_nowait(text)

    async def _work(self, queue: InstanceQueue, pending: asyncio.Queue[str]) -> None:
        while True:
            text = await pending.get()
            while not await self._post(queue, text):
                await asyncio.sleep(self.pause)

    async def _post(self, queue: InstanceQueue, text: str) -> bool:
        """One attempt; True on a 2xx answer."""
        settings = queue.account.settings
        if not settings["webhookUrl"]:  # switched back to the queue meanwhile
            queue.put(text)
            return True
        headers = {"Content-Type": "application/json"}
        if settings["webhookUrlToken"]:
            headers["Authorization"] = f"Bearer {settings['webhookUrlToken']}"
        if self._session is None:
            self._session = aiohttp.ClientSession()
        started = time.perf_counter()
        status = 0
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):
            async with self._session.post(
                settings["webhookUrl"],
                data=text.encode(),
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as response:
                await response.read()
                status = response.status
        self.attempts.append(Attempt(queue.id_instance, status, time.perf_counter() - started))
        return 200 <= status < 300

    async def close(self) -> None:
        """Stop sending (pending notifications are forgotten)."""
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers.clear()
        if self._session is not None:
            await self._session.close()
