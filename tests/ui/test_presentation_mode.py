"""Presentation mode: phone numbers masked in the feed and inspector, the token kept hidden."""

from __future__ import annotations

import httpx

from greenconsole.redact import mask_phones, mask_token
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import COL_CHAT, COL_SENDER, COL_SUMMARY
from tests.ui.conftest import wait_until


def test_masking_rules():
    assert mask_phones("79001234567@c.us") == "7900•••4567@c.us"
    assert mask_phones("group 120363043968066561@g.us") == "group 1203•••6561@g.us"
    assert mask_phones("TEL;type=CELL:+79005556677") == "TEL;type=CELL:+7900•••6677"
    assert mask_phones("receipt 1101000001, idMessage BAE5F4886F2FB5C1") == (
        "receipt 1101000001, idMessage BAE5F4886F2FB5C1"
    )
    assert mask_token("9f2c6e1d0b8a47f3a5e4") == "9f•••e4"


def test_presentation_mode_masks_feed_inspector_export_and_token(make_window, run, tmp_path):
    window = make_window()

    async def scenario():
        await window.use_sandbox()
        call = fill(templates()["incomingCall"], window.sandbox.first_instance[0])
        async with httpx.AsyncClient() as http:
            await http.post(window.sandbox.webhook_url, json=call)
        window.pane.form.ack_mode.setCurrentIndex(1)
        window.start()
        await wait_until(
            lambda: window.pane.session.deleted_count == 1 and window.pane.model.rowCount()
        )
        window.pane.feed.select_row(0)
        window.pane.form.show_token.setChecked(True)

        window.presentation.setChecked(True)
        cells = [window.pane.model.index(0, c).data() for c in (COL_CHAT, COL_SUMMARY)]
        assert cells == ["7900•••2233@c.us", "call from 7900•••2233@c.us: offer"]
        assert window.pane.model.index(0, COL_SENDER).data() == ""
        raw = window.pane.inspector.raw.toPlainText()
        assert "79001112233" not in raw and "7900•••2233@c.us" in raw
        assert window.pane.form.token.echoMode() == window.pane.form.token.EchoMode.Password
        assert not window.pane.form.show_token.isEnabledTo(window.pane.form.body)
        target = tmp_path / "shared.jsonl"
        window.pane.feed.export_to(str(target), "all")
        assert "79001112233" not in target.read_text("utf-8")

        window.presentation.setChecked(False)
        assert window.pane.model.index(0, COL_CHAT).data() == "79001112233@c.us"
        assert "79001112233@c.us" in window.pane.inspector.raw.toPlainText()
        assert window.pane.form.show_token.isEnabledTo(window.pane.form.body)

    run(scenario())


def test_save_profile_offers_a_masked_name_in_presentation_mode(make_window):
    from PySide6.QtWidgets import QInputDialog

    window = make_window()
    form = window.pane.form
    form.id_instance.setText("1101000001")
    window.presentation.setChecked(True)
    form.ask_profile_name()
    dialog = form.findChild(QInputDialog)
    assert "1101000001" not in dialog.textValue() and "11•••01" in dialog.textValue()
    dialog.reject()
