"""A GREEN-API queue on loopback that takes an overlapped delete and receive in a chosen order."""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable

from aiohttp import web

from tests.support import INSTANCE, TOKEN, body

HOLD_SECONDS = 0.3
"""How long a delete taken after the receive waits for that receive (it may never come)."""


class AdversarialQueue:
    """receiveNotification / deleteNotification over notifications 1..count, on its own thread.

    `receive_first(k)` says, for the k-th delete, whether a receive arriving while it is in
    flight is answered first (with the head being deleted). `slow_delete` delays every delete's
    answer after it took effect; the k-th deletes in `failing` answer 500 and delete nothing. A
    delete of a receipt not in `durable` is a violation ("deleted before its capture was
    saved"). Empty queue: `null` after 50 ms.
    """

    def __init__(
        self,
        count: int,
        receive_first: Callable[[int], bool],
        *,
        slow_delete: float = 0.0,
        durable: set[int] | None = None,
        failing: frozenset[int] = frozenset(),
    ) -> None:
        self.queue = OrderedDict((n, body(n)) for n in range(1, count + 1))
        self._receive_first = receive_first
        self._slow_delete = slow_delete
        self._failing = failing
        self.durable = durable
        self.receives = 0
        self.overlapped = 0  # receives that arrived while a delete was in flight
        self.echoes = 0  # receives answered with the head whose delete was in flight
        self.deletes: list[int] = []
        self.violations: list[int] = []
        self._deleting: set[int] = set()
        self._answered = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.url = ""

    def __enter__(self) -> AdversarialQueue:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(5)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._runner is not None
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    async def _start(self) -> None:
        app = web.Application()
        base = f"/waInstance{INSTANCE}"
        app.router.add_get(f"{base}/receiveNotification/{TOKEN}", self._receive)
        app.router.add_delete(f"{base}/deleteNotification/{TOKEN}/{{receipt}}", self._delete)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def _receive(self, request: web.Request) -> web.Response:
        self.receives += 1
        if self._deleting:
            self.overlapped += 1
        if not self.queue:
            await asyncio.sleep(0.05)
            self._answered += 1
            return web.json_response(None)
        receipt, item = next(iter(self.queue.items()))
        if receipt in self._deleting:
            self.echoes += 1
        self._answered += 1
        return web.json_response({"receiptId": receipt, "body": item})

    async def _delete(self, request: web.Request) -> web.Response:
        receipt = int(request.match_info["receipt"])
        self.deletes.append(receipt)
        if self.durable is not None and receipt not in self.durable:
            self.violations.append(receipt)
        self._deleting.add(receipt)
        try:
            if self._receive_first(len(self.deletes)):
                answered, waited = self._answered, 0.0
                while self._answered == answered and waited < HOLD_SECONDS:
                    await asyncio.sleep(0.005)
                    waited += 0.005
            if len(self.deletes) in self._failing:
                return web.json_response({"error": "scripted"}, status=500)
            result = self.queue.pop(receipt, None) is not None
            if self._slow_delete:
                await asyncio.sleep(self._slow_delete)
        finally:
            self._deleting.discard(receipt)
        return web.json_response({"result": result})
