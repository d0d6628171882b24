"""A tab opened with --api-url/--instance: its composer and debug webhook are on that instance
and server, so Ctrl+Enter sends straight into its queue."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from greenconsole.journal.store import Journal
from greenconsole.protocol.client import DEFAULT_WEBHOOK_URL
from greenconsole.ui.app import run_async
from tests.support import INSTANCE, TOKEN
from tests.ui.conftest import wait_until
from tests.ui.test_language_switch import ARGS, shown_window


def test_composer_sends_to_the_named_instance_on_a_local_server(
    qapp, run, sandbox, memory_keyring, monkeypatch, tmp_path
):
    """Before: the template held "idInstance": 0 (HTTP 404 "unknown instance 0") and the
    debug webhook was https://webhook.green-api.com for a 127.0.0.1 API URL."""
    monkeypatch.setenv("GREEN_API_TOKEN", TOKEN)
    args = argparse.Namespace(**{**vars(ARGS), "api_url": sandbox.url, "instance": str(INSTANCE)})
    args.start = args.auto_delete = True
    settings = QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat)
    journal = Journal(tmp_path / "journal.sqlite3")
    hook = sys.excepthook

    async def scenario():
        app = asyncio.ensure_future(run_async(qapp, args, settings, journal))
        await wait_until(lambda: shown_window() is not None)
        window = shown_window()
        pane = window.pane
        await wait_until(lambda: pane.session.running)
        assert pane.form.settings().webhook_url == sandbox.url + "/"
        composer = pane.composer
        body = json.loads(composer.editor.toPlainText())
        assert body["instanceData"]["idInstance"] == INSTANCE
        window.activateWindow()
        await wait_until(lambda: QApplication.activeWindow() is window)
        pane.show_page(composer)
        composer.editor.setFocus()
        QTest.keySequence(composer.editor, "Ctrl+Return")
        await wait_until(lambda: pane.session.deleted_count == 1)
        assert composer.answer.text().startswith("HTTP 200")
        # a typed API URL moves a debug webhook left at its default, not one the user chose
        pane.session.stop()
        pane.form.api_url.setText("https://api.green-api.com")
        assert pane.form.settings().webhook_url == DEFAULT_WEBHOOK_URL
        pane.form.api_url.setText("http://localhost:7777")
        assert pane.form.settings().webhook_url == "http://localhost:7777/"
        pane.form.webhook_url.setText("http://127.0.0.1:9000/hook")
        pane.form.api_url.setText("http://localhost:7778")
        assert pane.form.settings().webhook_url == "http://127.0.0.1:9000/hook"
        # and a template not edited since it was filled follows the idInstance typed
        pane.form.id_instance.setText("1101000077")
        assert json.loads(composer.editor.toPlainText())["instanceData"]["idInstance"] == (
            1101000077
        )
        composer.editor.insertPlainText(" ")  # an edited body keeps its idInstance
        pane.form.id_instance.setText("1101000078")
        assert "1101000077" in composer.editor.toPlainText()
        window.close_now()
        return await app

    try:
        assert run(scenario()) == 0
    finally:
        sys.excepthook = hook
        journal.close()
