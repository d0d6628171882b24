"""Start the window: QApplication, the qasync loop, logging, the error hook, clean quit."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from greenconsole import __version__
from greenconsole.connection import ConnectionSettings
from greenconsole.journal.store import Journal
from greenconsole.protocol.client import default_webhook_url, tls_context
from greenconsole.resources import resources_dir
from greenconsole.sandbox import Sandbox
from greenconsole.ui.event_loop import EventLoop
from greenconsole.ui.i18n import Translations, pick_language
from greenconsole.ui.main_window import MainWindow
from greenconsole.ui.profiles import Profiles, TokenStore
from greenconsole.ui.session_state import describe
from greenconsole.ui.tasks import TaskSet

APP_NAME = "greenconsole"
ORG_NAME = "GreenConsole"
log = logging.getLogger(__name__)


def log_file() -> Path:
    """Where the window logs (never a token: requests are logged without URLs)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "greenconsole.log"


def setup_logging() -> None:
    """Log warnings and errors to the log file; httpx's URL lines (with tokens) are dropped."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # owner-only from the start
    os.chmod(path, 0o600)  # and a log made by an older version too
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    logging.getLogger("httpx").setLevel(logging.WARNING)


def initial_settings(args: argparse.Namespace) -> ConnectionSettings | None:
    """Form values from --api-url/--instance/--auto-delete and $GREEN_API_TOKEN, if given."""
    if not (args.api_url or args.instance):
        return None
    settings = ConnectionSettings(
        id_instance=args.instance or "", token=os.environ.get("GREEN_API_TOKEN", "")
    )
    if args.api_url:
        settings = replace(
            settings, api_url=args.api_url, webhook_url=default_webhook_url(args.api_url)
        )
    return settings


async def run_async(
    app: QApplication, args: argparse.Namespace, settings: QSettings, journal: Journal
) -> int:
    """Show the window and live until it is closed; then stop everything cleanly.

    Choosing another language reopens the window in it (tabs come back from the settings).
    """
    tasks = TaskSet()
    # the shared TLS context takes ~20 ms to build: do it now, off the Qt thread
    tls_warmup = asyncio.get_running_loop().run_in_executor(None, tls_context)
    translations = Translations(app)
    choice = str(settings.value("language", "") or "")
    translations.use(pick_language(choice))
    quitting = asyncio.Event()
    app.aboutToQuit.connect(quitting.set)
    window = await open_window(args, settings, journal, tasks, choice)
    while (switch := await next_language(window, quitting)) is not None:
        settings.setValue("language", switch)
        translations.use(pick_language(switch))
        geometry = window.saveGeometry()
        # the tokens go across in memory (never into the settings file), with the token store
        # that holds the profiles' tokens when there is no OS keyring
        tokens = [pane.form.settings().token for pane in window.panes()]
        profiles = window.context.profiles
        window.close_now()  # saves every tab, polling ones included, to come back
        sandbox = window.context.detach_sandbox()  # keeps serving: its queues stay as they are
        await window.aclose()
        window.deleteLater()
        window = show_window(
            settings,
            journal,
            tasks,
            switch,
            geometry,
            sandbox,
            resume=True,
            tokens=tokens,
            token_store=profiles.tokens,
        )
    await window.aclose()
    await tasks.cancel_all()
    await tls_warmup
    return window.exit_code


async def next_language(window: MainWindow, quitting: asyncio.Event) -> str | None:
    """Wait until the window closes or the app quits (None), or another language is chosen."""
    ended = asyncio.Event()
    chosen: list[str] = []

    def choose(language: str) -> None:
        chosen.append(language)
        ended.set()

    window.closed.connect(ended.set)
    window.language_chosen.connect(choose)
    waiters = [asyncio.ensure_future(event.wait()) for event in (ended, quitting)]
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for waiter in waiters:
        waiter.cancel()
    return chosen[-1] if chosen and not quitting.is_set() else None


def show_window(
    settings: QSettings,
    journal: Journal,
    tasks: TaskSet,
    language: str,
    geometry: QByteArray | None = None,
    sandbox: Sandbox | None = None,
    resume: bool = False,
    tokens: Sequence[str] = (),
    token_store: TokenStore | None = None,
) -> MainWindow:
    """A new main window, shown; unexpected errors of background tasks go to it.

    After a language switch: `sandbox` is the previous window's, with `resume` the tabs that
    were polling start again, `tokens` are the previous window's tokens tab by tab and
    `token_store` its store."""
    profiles = Profiles(settings, token_store or TokenStore())
    window = MainWindow(profiles, tasks, journal, language, sandbox, resume=resume, tokens=tokens)
    if geometry is not None:
        window.restoreGeometry(geometry)
    tasks.on_error = window.show_error_once
    window.show()
    return window


async def open_window(
    args: argparse.Namespace,
    settings: QSettings,
    journal: Journal,
    tasks: TaskSet,
    language: str,
) -> MainWindow:
    """The first window, set up as the command line asks."""
    window = show_window(settings, journal, tasks, language)

    def excepthook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        # tasks.on_error is looked up now: after a language switch it is the new window's
        if tasks.on_error is not None:
            tasks.on_error(value)
        else:
            sys.__excepthook__(kind, value, tb)

    sys.excepthook = excepthook
    preset = initial_settings(args)
    if args.sandbox or preset is not None:
        window.front_tab_for(
            sandbox=args.sandbox,
            api_url=preset.api_url if preset else "",
            instance=preset.id_instance if preset else "",
        )
    if args.sandbox:
        await window.use_sandbox()
    elif preset is not None:
        form = window.pane.form
        current = form.settings()
        token = preset.token or (current.token if current.id_instance == preset.id_instance else "")
        form.set_settings(replace(preset, token=token))
    if args.auto_delete:
        window.pane.form.ack_mode.setCurrentIndex(1)
    if args.start:
        window.start()
    if args.self_test:
        tasks.spawn(self_test(window))
    if args.quit_after_paint:
        window.installEventFilter(FirstPaint(window))
    return window


class FirstPaint(QObject):
    """--quit-after-paint: print "first paint" and close at the window's first paint event."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("first paint", flush=True)
            if isinstance(watched, QWidget):  # the window it is installed on
                QTimer.singleShot(0, watched.close)
        return False


async def self_test(window: MainWindow, timeout: float = 20.0) -> None:
    """Sandbox → compose → receive → delete, then quit; exit code 0 only if it all worked."""
    started = asyncio.get_running_loop().time()
    try:
        async with asyncio.timeout(timeout):
            pane = window.pane
            await pane.use_sandbox()
            pane.form.ack_mode.setCurrentIndex(1)
            pane.start()
            pane.composer.send(1)
            while pane.session.deleted_count < 1:
                await asyncio.sleep(0.02)
        elapsed = asyncio.get_running_loop().time() - started
        app = QApplication.instance()
        language = app.property("language") if app is not None else None
        print(
            f"self-test ok: one notification composed, received and deleted in "
            f"{elapsed * 1000:.0f} ms (UI language: {language})",
            flush=True,
        )
        window.exit_code = 0
    except TimeoutError:
        print(
            f"self-test failed: nothing received within {timeout:.0f} s "
            f"(state: {describe(window.pane.session.state)})",
            file=sys.stderr,
            flush=True,
        )
        window.exit_code = 1
    window.close_now()


def run_window(args: argparse.Namespace) -> int:
    """The window's entry point (called by the CLI when no subcommand is given)."""
    if not args.self_test:
        return _run_window(args)
    with tempfile.TemporaryDirectory(prefix="greenconsole-self-test-") as scratch:
        # a smoke check leaves no tab, history, sandbox state or log behind in the user's own
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = os.path.join(scratch, name.lower())
        return _run_window(args)


def _run_window(args: argparse.Namespace) -> int:
    setup_logging()
    existing = QApplication.instance()  # a QApplication when one exists (tests), typed as its base
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("greenconsole")
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("greenconsole-*.png")):
        icon.addFile(str(png))
    app.setWindowIcon(icon)
    app.setQuitOnLastWindowClosed(False)  # we quit ourselves, after the async cleanup
    try:
        journal = Journal(args.journal, autocheckpoint=False)
    except (OSError, sqlite3.Error) as exc:
        print(
            f"greenconsole: --journal: cannot open {args.journal or 'the journal'} ({exc})",
            file=sys.stderr,
        )
        return 2
    try:
        with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
            return runner.run(run_async(app, args, QSettings(), journal))
    finally:
        journal.close()
