"""The app reopens its window in the language picked in it, and remembers the choice."""

from __future__ import annotations

import httpx
import keyring
import pytest
from keyring.backends import null

from greenconsole.templates import fill, templates
from greenconsole.ui.main_window import MainWindow
from tests.support import INSTANCE, TOKEN
from tests.ui.conftest import shown_window, wait_until


def test_picking_russian_reopens_the_window_in_russian(run, memory_keyring, whole_app):
    settings = whole_app.settings

    async def pick(window: MainWindow, language: str) -> MainWindow:
        window.language_box.setCurrentIndex(window.language_box.findData(language))
        await wait_until(lambda: shown_window() not in (None, window))
        return shown_window()

    async def scenario():
        app = whole_app.start()
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

    assert run(scenario()) == 0


@pytest.fixture
def no_keyring():
    """No OS keyring (a bare VM, a container): tokens live in memory only."""
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    yield
    keyring.set_keyring(previous)


def test_a_polling_tab_goes_on_with_its_token_after_a_language_switch(
    run, sandbox, no_keyring, monkeypatch, whole_app, settings_file
):
    """Before: the new window's tab came back without its token ("required"), stopped, with
    Start and Stop both disabled."""
    monkeypatch.setenv("GREEN_API_TOKEN", TOKEN)

    async def switch(window: MainWindow, language: str) -> MainWindow:
        """Pick `language` and confirm; the new window's tab polls again with its token."""
        window.language_box.setCurrentIndex(window.language_box.findData(language))
        window.language_dialog.button(window.language_dialog.StandardButton.Yes).click()
        await wait_until(lambda: shown_window() not in (None, window))
        pane = shown_window().pane
        await wait_until(lambda: pane.session.running)
        assert pane.form.settings().token == TOKEN and not pane.form.errors["token"].text()
        assert pane.stop_button.isEnabled()
        return shown_window()

    async def scenario():
        app = whole_app.start(
            api_url=sandbox.url, instance=str(INSTANCE), start=True, auto_delete=True
        )
        await wait_until(lambda: shown_window() is not None and shown_window().pane.session.running)
        russian = await switch(shown_window(), "ru")
        body = fill(templates()["incomingMessageReceived · text"], INSTANCE)
        async with httpx.AsyncClient() as http:
            (await http.post(sandbox.webhook_url, json=body)).raise_for_status()
        await wait_until(lambda: russian.pane.session.deleted_count == 1)
        whole_app.settings.sync()
        assert TOKEN not in settings_file.read_text()  # carried in memory, never saved
        english = await switch(russian, "en")  # and back (the next tests run in English)
        english.close_now()
        return await app

    assert run(scenario()) == 0
