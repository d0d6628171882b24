"""Profiles (token in the keyring, never in the settings file) and the composer's editor."""

from __future__ import annotations

import json

import keyring
from keyring.backends import fail

from greenconsole.connection import ConnectionSettings
from greenconsole.ui.profiles import KEYRING_SERVICE
from tests.ui.conftest import wait_until

SECRET = "f00dfeedcafebabe0123456789abcdef0123456789abcdef01"


def test_profile_token_goes_to_the_keyring_and_comes_back(
    make_window, run, memory_keyring, settings_file
):
    first = make_window()
    settings = ConnectionSettings(
        api_url="https://1101.api.green-api.com",
        id_instance="1101000005",
        token=SECRET,
        receive_timeout=30,
        auto_delete=True,
    )

    async def scenario():
        first.pane.form.set_settings(settings)
        first.pane.form.save_profile("staging")
        assert memory_keyring.get_password(KEYRING_SERVICE, "staging") == SECRET
        first.close()
        assert SECRET not in settings_file.read_text()
        second = make_window()
        assert second.pane.form.settings() == settings  # the last profile, token from the keyring
        assert not second.pane.sandbox_banner.isVisible()
        second.pane.form.remove_profile()
        assert memory_keyring.get_password(KEYRING_SERVICE, "staging") is None

    run(scenario())


def test_without_a_keyring_the_token_is_kept_for_the_session_and_the_user_is_told(make_window, run):
    keyring.set_keyring(fail.Keyring())
    window = make_window()

    async def scenario():
        assert "this session only" in window.pane.form.keyring_note.text()
        window.pane.form.set_settings(ConnectionSettings(id_instance="1", token=SECRET))
        window.pane.form.save_profile("p")
        window.pane.form.set_settings(ConnectionSettings())
        window.pane.form.load_profile("p")
        assert window.pane.form.settings().token == SECRET

    run(scenario())


def test_first_start_without_profiles_offers_the_sandbox(make_window, run):
    window = make_window()

    async def scenario():
        assert window.pane.sandbox_banner.isVisible()
        await window.use_sandbox()
        assert not window.pane.sandbox_banner.isVisible()
        assert window.pane.form.settings().webhook_url == window.sandbox.webhook_url

    run(scenario())


def test_composer_validates_as_you_type_and_fills_templates(make_window, run):
    window = make_window()
    composer = window.pane.composer

    async def scenario():
        await window.use_sandbox()
        id_instance = window.sandbox.first_instance[0]
        seen_ids = set()
        for name in [
            composer.template_box.itemText(i) for i in range(composer.template_box.count())
        ]:
            composer.template_box.setCurrentText(name)
            composer.apply_template()
            body = json.loads(composer.editor.toPlainText())
            assert body["instanceData"]["idInstance"] == id_instance
            assert isinstance(body["timestamp"], int)
            seen_ids.add(body.get("idMessage"))
        assert composer.template_box.count() >= 16
        composer.editor.setPlainText('{\n  "typeWebhook": "x",\n  oops\n}')
        assert composer.error.text().startswith("line 3")
        assert not composer.send_button.isEnabled() and not composer.burst_button.isEnabled()
        composer.editor.setPlainText("[1]")
        assert "object" in composer.error.text() and not composer.send_button.isEnabled()
        composer.template_box.setCurrentText("outgoingMessageStatus")
        composer.apply_template()
        assert composer.send_button.isEnabled() and composer.error.text() == ""
        composer.times.setValue(5)
        composer.burst_button.click()
        await wait_until(lambda: "sent 5 of 5" in composer.answer.text())
        window.pane.session.configure(window.pane.form.settings())
        assert await window.pane.session.client.count() == 5

    run(scenario())


def test_the_composer_refuses_what_the_sandbox_and_the_cli_refuse():
    from greenconsole.ui.composer import check_json

    for text, word in (
        ('{"typeWebhook": "x", "v": NaN}', "NaN"),
        ('{"typeWebhook": "x", "typeWebhook": "y"}', "duplicate"),
        ('{"typeWebhook": "x", "v": 1e999}', "range"),
    ):
        body, error = check_json(text)
        assert body is None and word in error


def test_deprecated_kinds_say_so_in_the_composer_and_the_inspector(make_window, run):
    window = make_window()

    async def scenario():
        composer, inspector = window.pane.composer, window.pane.inspector
        labels = [composer.template_box.itemText(i) for i in range(composer.template_box.count())]
        assert "incomingBlock (deprecated)" in labels
        assert "incomingMessageReceived · text" in labels  # current kinds unmarked
        composer.template_box.setCurrentText("deviceInfo (deprecated)")
        composer.apply_template()
        assert json.loads(composer.editor.toPlainText())["typeWebhook"] == "deviceInfo"
        inspector.show_document({"receiptId": 1, "body": {"typeWebhook": "incomingBlock"}})
        assert inspector.deprecated.isVisible() and "incomingBlock" in inspector.deprecated.text()
        inspector.show_document({"receiptId": 2, "body": {"typeWebhook": "incomingCall"}})
        assert not inspector.deprecated.isVisible()

    run(scenario())
