"""A local GREEN-API emulator (aiohttp), for offline use and for the tests. No Qt here.

The server side (aiohttp, ~0.2 s to import) loads on first use of `Sandbox`/`SandboxThread`, so a
CLI command that only needs the sandbox's limits or fault parser starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from greenconsole.sandbox.faults import Faults, parse_faults
from greenconsole.sandbox.store import default_state_path

if TYPE_CHECKING:
    from greenconsole.sandbox.runner import DEMO_INSTANCE, Sandbox, SandboxThread

__all__ = [
    "DEMO_INSTANCE",
    "Faults",
    "Sandbox",
    "SandboxThread",
    "default_state_path",
    "parse_faults",
]


def __getattr__(name: str) -> Any:
    if name in ("DEMO_INSTANCE", "Sandbox", "SandboxThread"):
        from greenconsole.sandbox import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
