"""A local GREEN-API emulator (aiohttp), for offline use and for the tests. No Qt here."""

from greenconsole.sandbox.faults import Faults, parse_faults
from greenconsole.sandbox.runner import DEMO_INSTANCE, Sandbox, SandboxThread
from greenconsole.sandbox.store import default_state_path

__all__ = [
    "DEMO_INSTANCE",
    "Faults",
    "Sandbox",
    "SandboxThread",
    "default_state_path",
    "parse_faults",
]
