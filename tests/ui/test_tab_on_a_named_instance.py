"""A tab opened with --api-url/--instance: its composer and debug webhook are on that instance
and server, so Ctrl+Enter sends straight into its queue."""

from __future__ import annotations

import json

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from greenconsole.protocol.client import DEFAULT_WEBHOOK_URL
from tests.support import INSTANCE, TOKEN
from tests.ui.conftest import shown_window, wait_until


def test_composer_sends_to_the_named_instance_on_a_local_server(
    run, sandbox, memory_keyring, monkeypatch, whole_app
):
    """Before: the template held "idInstance": 0 (HTTP 404 "unknown instance 0") and the
    debug webhook was https://webhook.green-api.com for a 127.0.0.1 API URL."""
    monkeypatch.setenv("GREEN_API_TOKEN", TOKEN)

    async def scenario():
        app = whole_app.start(
            api_url=sandbox.url, instance=str(INSTANCE), start=True, auto_delete=True
        )
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

    assert run(scenario()) == 0
