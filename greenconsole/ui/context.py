"""What every connection tab shares: background tasks, the journal, settings, the sandbox."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QSettings

from greenconsole.journal.store import Journal
from greenconsole.sandbox import Sandbox
from greenconsole.ui.profiles import Profiles
from greenconsole.ui.tasks import TaskSet


class AppContext:
    """The services handed to each tab (no globals); owns the embedded sandbox."""

    def __init__(
        self, profiles: Profiles, tasks: TaskSet, journal: Journal, sandbox: Sandbox | None = None
    ) -> None:
        self.profiles = profiles
        self.settings: QSettings = profiles.settings
        self.tasks = tasks
        self.journal = journal
        self.sandbox = sandbox
        """The embedded sandbox: started on first use, or handed over by the previous window."""
        self._sandbox_owners: dict[int, tuple[int, str]] = {}  # tab key → (idInstance, token)
        self._sandbox_lock = asyncio.Lock()

    async def ensure_sandbox(self) -> Sandbox:
        """The embedded sandbox, started on first use (callers that overlap share one start:
        a second sandbox would find the state file taken and start empty)."""
        async with self._sandbox_lock:
            if self.sandbox is None:
                sandbox = Sandbox.persistent()
                await sandbox.start()
                self.sandbox = sandbox
        return self.sandbox

    async def sandbox_instance(self, owner: int, prefer: int | None = None) -> tuple[int, str]:
        """The sandbox instance of one tab: `prefer` if free, else the demo instance for the
        first tab that asks, a new instance of its own for each further tab (tabs never share
        a queue)."""
        sandbox = await self.ensure_sandbox()
        if owner not in self._sandbox_owners:
            taken = set(self._sandbox_owners.values())
            free = [
                (queue.id_instance, queue.token)
                for queue in sandbox.state.instances.values()
                if (queue.id_instance, queue.token) not in taken
            ]
            free.sort(key=lambda item: item[0] != prefer)
            self._sandbox_owners[owner] = free[0] if free else sandbox.add_instance()
        return self._sandbox_owners[owner]

    def detach_sandbox(self) -> Sandbox | None:
        """Hand the running sandbox to the next window (a language switch): it keeps serving."""
        sandbox, self.sandbox = self.sandbox, None
        return sandbox

    def release_sandbox_instance(self, owner: int) -> None:
        """A tab closed: its sandbox instance may go to the next new tab."""
        self._sandbox_owners.pop(owner, None)

    async def aclose(self) -> None:
        """Stop the sandbox."""
        if self.sandbox is not None:
            await self.sandbox.stop()
