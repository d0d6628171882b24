"""The app reopens its window in the language picked in it, and remembers the choice."""

from __future__ import annotations

import argparse
import asyncio
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from greenconsole.journal.store import Journal
from greenconsole.ui.app import run_async
from greenconsole.ui.main_window import MainWindow
from tests.ui.conftest import wait_until

ARGS = argparse.Namespace(
    sandbox=False,
    api_url=None,
    instance=None,
    start=False,
    auto_delete=False,
    self_test=False,
    quit_after_paint=False,
)


def shown_window() -> MainWindow | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def test_picking_russian_reopens_the_window_in_russian(qapp, run, memory_keyring, tmp_path):
    settings = QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    journal = Journal(tmp_path / "journal.sqlite3")
    hook = sys.excepthook

    async def pick(window: MainWindow, language: str) -> MainWindow:
        window.language_box.setCurrentIndex(window.language_box.findData(language))
        await wait_until(lambda: shown_window() not in (None, window))
        return shown_window()

    async def scenario():
        app = asyncio.ensure_future(run_async(qapp, ARGS, settings, journal))
        await wait_until(lambda: shown_window() is not None)
        english = shown_window()
        assert english.pane.start_button.text() == "Start"
        russian = await pick(english, "ru")
        assert russian.pane.start_button.text() == "Старт"
        assert russian.language_box.currentData() == "ru"
        assert settings.value("language") == "ru"
        back = await pick(russian, "en")  # and back: the Russian translators are removed
        assert back.pane.start_button.text() == "Start"
        back.close()
        return await app

    try:
        assert run(scenario()) == 0
    finally:
        sys.excepthook = hook
        journal.close()
