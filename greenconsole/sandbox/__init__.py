"""A local GREEN-API emulator (aiohttp), for offline use and for the tests. No Qt here."""

from greenconsole.sandbox.runner import DEMO_INSTANCE, Sandbox, SandboxThread

__all__ = ["DEMO_INSTANCE", "Sandbox", "SandboxThread"]
