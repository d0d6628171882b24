"""Shared fixtures: a real sandbox on loopback for every test that needs a server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest

from greenconsole.sandbox import Sandbox, SandboxThread
from tests.support import INSTANCE, TOKEN


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Journal, settings and logs of every test (and its subprocesses) go to its tmp_path."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    return tmp_path


@pytest.fixture
def sandbox():
    """A sandbox on its own thread (usable from sync code and subprocesses)."""
    with SandboxThread(instances={INSTANCE: TOKEN}) as running:
        yield running


@pytest.fixture
async def loop_sandbox():
    """A sandbox on the test's own asyncio loop."""
    async with Sandbox(instances={INSTANCE: TOKEN}) as running:
        yield running
