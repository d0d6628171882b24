"""Window fixtures: one QApplication, a qasync loop per test, a window on a temp settings file."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from greenconsole.journal.store import Journal
from greenconsole.ui.app import run_async
from greenconsole.ui.event_loop import EventLoop
from greenconsole.ui.i18n import Translations
from greenconsole.ui.main_window import MainWindow
from greenconsole.ui.profiles import Profiles, TokenStore
from greenconsole.ui.tasks import TaskSet

WAIT = 20.0
"""The shared timeout of every wait in the window tests."""
PLAIN_START = argparse.Namespace(
    sandbox=False,
    api_url=None,
    instance=None,
    start=False,
    auto_delete=False,
    self_test=False,
    quit_after_paint=False,
)
"""The command line of a plain `greenconsole` start."""


class MemoryKeyring(KeyringBackend):
    """An OS-keyring stand-in for tests (the real backends need a desktop session)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    """Install an in-memory keyring for the test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def windows():
    """Windows made by the test, with their task sets."""
    return []


@pytest.fixture
def run(qapp, windows):
    """`run(coro)`: drive a coroutine on a qasync loop (Qt events are processed meanwhile).

    The test's windows are closed inside that same run, so no request is left in flight when
    the loop stops (qasync steps leftover callbacks once more, outside any running loop). A
    background task that does not end when cancelled (a lost wake-up) fails the test.
    """
    qapp.setQuitOnLastWindowClosed(False)
    loop = EventLoop(qapp)

    async def then_close(coro: Coroutine[Any, Any, Any], timeout: float) -> Any:
        try:
            return await asyncio.wait_for(coro, timeout)
        finally:
            stuck = set()
            for window, tasks in windows:
                window.close_now()
                await window.aclose()
                stuck |= await tasks.cancel_all()
            assert not stuck, f"cancelled tasks that never ended: {stuck}"

    def runner(coro: Coroutine[Any, Any, Any], timeout: float = 60) -> Any:
        return loop.run_until_complete(then_close(coro, timeout))

    yield runner
    loop.close()


async def wait_until(condition: Callable[[], Any], timeout: float = WAIT) -> None:
    """Await until `condition()` is true (Qt and asyncio both keep running)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
        await asyncio.sleep(0.01)


async def start_on_sandbox(pane, auto_delete: bool = True) -> int:
    """Point a tab at its own instance of the embedded sandbox and start polling it."""
    await pane.use_sandbox()
    if auto_delete:
        pane.form.ack_mode.setCurrentIndex(1)
    pane.start()
    return int(pane.form.settings().id_instance)


@pytest.fixture
def settings_file(tmp_path):
    """A QSettings ini file of the test's own."""
    return tmp_path / "greenconsole.ini"


@pytest.fixture
def journal_file(tmp_path):
    """The test's journal file (windows made by one test share it, like restarts do)."""
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def make_window(qtbot, windows, memory_keyring, settings_file, journal_file):
    """`make_window()` → a shown MainWindow on the test's settings file, closed by `run`."""

    def factory() -> MainWindow:
        tasks = TaskSet()
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = MainWindow(
            Profiles(settings, TokenStore()), tasks, Journal(journal_file, autocheckpoint=False)
        )
        tasks.on_error = window.show_error_once
        qtbot.addWidget(window)
        window.show()
        windows.append((window, tasks))
        return window

    yield factory
    for window, _ in windows:
        assert not window._error_shown, "an unexpected error was shown"


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    """Each test in English and in Russian (back to English after)."""
    translations = Translations(qapp)
    assert translations.use(request.param)
    yield request.param
    translations.use("en")


def shown_window() -> MainWindow | None:
    """The app's window on screen (after a language switch: the new one)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


class WholeApp:
    """The whole app as `greenconsole` runs it (`run_async`), on the test's settings and journal."""

    def __init__(self, qapp: QApplication, settings: QSettings, journal: Journal) -> None:
        self.qapp, self.settings, self.journal = qapp, settings, journal

    def start(self, **options: Any) -> asyncio.Future[int]:
        """Run the app with these command-line options (the rest as a plain start); the
        future is its exit code."""
        args = argparse.Namespace(**{**vars(PLAIN_START), **options})
        return asyncio.ensure_future(run_async(self.qapp, args, self.settings, self.journal))


@pytest.fixture
def whole_app(qapp, settings_file, journal_file):
    """`whole_app.start(...)` runs the app (English unless the settings say otherwise);
    the excepthook it installs is undone after the test."""
    hook = sys.excepthook
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    app = WholeApp(qapp, settings, Journal(journal_file))
    yield app
    sys.excepthook = hook
    app.journal.close()
