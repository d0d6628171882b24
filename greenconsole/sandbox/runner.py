"""Start the sandbox on the running asyncio loop, or on a thread of its own."""

from __future__ import annotations

import asyncio
import secrets
import threading
from typing import Any

from aiohttp import web

from greenconsole.sandbox.server import create_app
from greenconsole.sandbox.state import CLEAR_INTERVAL, SandboxState

DEMO_INSTANCE = 1101000001
SHUTDOWN_TIMEOUT = 0.5
"""Seconds given to open long polls when the sandbox stops."""


class Sandbox:
    """A local GREEN-API emulator serving on `host:port` (port 0 picks a free one).

    `instances` maps idInstance to token; with none, one demo instance with a random token is
    made (`add_instance` makes more). `clear_interval` is the clearWebhooksQueue limit in seconds.
    Use `async with Sandbox() as sandbox:` or `await start()` / `await stop()`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        instances: dict[int, str] | None = None,
        clear_interval: float = CLEAR_INTERVAL,
    ) -> None:
        self.host = host
        self.port = port
        self.state = SandboxState(clear_interval)
        for id_instance, token in (instances or {DEMO_INSTANCE: secrets.token_hex(25)}).items():
            self.state.add_instance(id_instance, token)
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """The API URL (also the debug webhook URL: POST / enqueues)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def webhook_url(self) -> str:
        """Where to POST notification bodies."""
        return f"{self.url}/"

    @property
    def first_instance(self) -> tuple[int, str]:
        """(idInstance, token) of the first instance, e.g. the demo one."""
        queue = next(iter(self.state.instances.values()))
        return queue.id_instance, queue.token

    def add_instance(self) -> tuple[int, str]:
        """One more demo instance (next free idInstance, random token): (idInstance, token)."""
        id_instance = max(self.state.instances, default=DEMO_INSTANCE - 1) + 1
        token = secrets.token_hex(25)
        self.state.add_instance(id_instance, token)
        return id_instance, token

    async def start(self) -> None:
        """Bind and begin serving on the running loop."""
        self._runner = web.AppRunner(
            create_app(self.state), access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop serving; open long polls are ended."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()


class SandboxThread:
    """A `Sandbox` on a daemon thread with its own event loop (for sync code and tests)."""

    def __init__(self, **kwargs: Any) -> None:
        self.sandbox = Sandbox(**kwargs)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, daemon=True, name="greenconsole-sandbox"
        )

    def start(self) -> Sandbox:
        """Start the thread and return once the sandbox is listening."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.sandbox.start(), self._loop).result(10)
        return self.sandbox

    def stop(self) -> None:
        """Stop the sandbox and the thread."""
        asyncio.run_coroutine_threadsafe(self.sandbox.stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
