"""Start the sandbox on the running asyncio loop, or on a thread of its own."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from greenconsole.sandbox.account import REBOOT_TIME
from greenconsole.sandbox.delivery import WebhookDelivery
from greenconsole.sandbox.faults import Faults
from greenconsole.sandbox.server import connection_factory, create_app
from greenconsole.sandbox.state import (
    CLEAR_INTERVAL,
    MAX_CONNECTIONS,
    RETENTION,
    SEND_STEPS,
    Clock,
    SandboxState,
)
from greenconsole.sandbox.store import StateFile, StateInUse, default_state_path

DEMO_INSTANCE = 1101000001
SHUTDOWN_TIMEOUT = 0.5
"""Seconds given to open long polls when the sandbox stops."""


class Sandbox:
    """A local GREEN-API emulator serving on `host:port` (port 0 picks a free one).

    `instances` maps idInstance to token; with none (and none in the state file), one demo
    instance with a random token is made (`add_instance` makes more). With `state_path` the
    instances, queues and receipt counter live in that file and survive restarts, and the last
    port is tried again when `port` is 0. `count_lag` (0: a live count; GREEN-API's is
    `COUNT_LAG`), `retention` and `clear_interval` are in seconds of `clock`. `faults` (a spec),
    `latency` (s), `rate_limits`, `seed` and `drop` (percent of notifications lost) set
    `self.faults`, which can be changed while serving. `reboot_time`, `journal_lag` and
    `send_steps` time the account side (sandbox/account.py); `self.delivery` POSTs to webhookUrls.
    Use `async with Sandbox() as sandbox:` or `await start()` / `await stop()`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        instances: dict[int, str] | None = None,
        clear_interval: float = CLEAR_INTERVAL,
        *,
        state_path: str | os.PathLike[str] | None = None,
        count_lag: float = 0.0,
        retention: float = RETENTION,
        clock: Clock = time.time,
        faults: str = "",
        latency: float = 0.0,
        rate_limits: bool = False,
        seed: int | None = None,
        max_connections: int = MAX_CONNECTIONS,
        drop: float = 0.0,
        reboot_time: float = REBOOT_TIME,
        journal_lag: float = 0.0,
        send_steps: tuple[float, ...] = SEND_STEPS,
    ) -> None:
        self.host = host
        self.port = port
        self.max_connections = max_connections
        self.faults = Faults(faults, latency, rate_limits, seed, drop=drop)
        self.delivery = WebhookDelivery()
        self.store = StateFile(state_path) if state_path is not None else None
        self.state = SandboxState(
            clear_interval,
            count_lag,
            retention,
            clock,
            self.store,
            reboot_time=reboot_time,
            journal_lag=journal_lag,
            send_steps=send_steps,
        )
        for id_instance, token in (instances or {}).items():
            self.state.add_instance(id_instance, token)
        if not self.state.instances:
            self.state.add_instance(DEMO_INSTANCE, secrets.token_hex(25))
        self._runner: web.AppRunner | None = None
        self.notice = self.store.notice if self.store is not None else ""
        """One line about the state file (damaged and moved aside, or in use), or empty."""

    @classmethod
    def persistent(cls, **kwargs: Any) -> Sandbox:
        """The window's sandbox: its state in `default_state_path()`, or in memory (with a
        notice) while another process's sandbox has that file."""
        try:
            return cls(state_path=default_state_path(), **kwargs)
        except StateInUse:
            sandbox = cls(**kwargs)
            sandbox.notice = (
                f"sandbox state {default_state_path()} is in use by another sandbox: "
                "this one keeps its queues in memory"
            )
            return sandbox

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
        """Bind (the remembered port first, if any) and begin serving on the running loop."""
        sock = self._bind()
        runner = web.AppRunner(
            create_app(self.state, self.faults, self.delivery),
            access_log=None,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )
        await runner.setup()
        site = CappedSite(runner, sock, self.max_connections)
        await site.start()
        self._runner = runner
        self.port = sock.getsockname()[1]
        if self.store is not None:
            self.store.set_port(self.port)

    def _bind(self) -> socket.socket:
        """A listening socket on `port`, or on the state file's last port, else a free one."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        last = self.store.load().port if self.store is not None else 0
        if self.port == 0 and last:
            try:
                return socket.create_server((self.host, last), family=family)
            except OSError:
                pass  # taken: any free port will do
        return socket.create_server((self.host, self.port), family=family)

    async def stop(self) -> None:
        """Stop serving; open long polls are ended; the state file is closed."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
        if self.store is not None:
            self.store.close()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()


class CappedSite(web.BaseSite):
    """A site on a ready socket whose connections answer bad HTTP in JSON, up to a cap."""

    def __init__(self, runner: web.AppRunner, sock: socket.socket, max_connections: int) -> None:
        super().__init__(runner)
        self._sock = sock
        self._max_connections = max_connections

    @property
    def name(self) -> str:
        """host:port, as aiohttp names its sites."""
        host, port = self._sock.getsockname()[:2]
        return f"http://{host}:{port}"

    async def start(self) -> None:
        """Serve the socket."""
        await super().start()
        assert self._runner.server is not None  # set up before its sites start
        factory = connection_factory(self._runner.server, self._max_connections)
        self._server = await asyncio.get_running_loop().create_server(factory, sock=self._sock)


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

    def call(self, action: Callable[..., Any], *args: Any) -> Any:
        """Run `action(*args)` on the sandbox's thread (its state is not thread-safe)."""

        async def run() -> Any:
            return action(*args)

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(10)

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
