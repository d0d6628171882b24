"""Real test traffic from the composer: sendMessage to a chosen chat after a confirmation that
names it, then its notifications listed with the time after the send (on the sandbox)."""

from __future__ import annotations

from tests.ui.conftest import start_on_sandbox, wait_until
from tests.ui.test_status_timeline import row_number, timeline_rows


def test_a_real_message_is_confirmed_sent_and_followed(run, make_window):
    window = make_window()
    pane = window.pane
    panel = pane.real_message

    async def scenario():
        await start_on_sandbox(pane)
        window.context.sandbox.state.send_steps = (0.0, 0.05, 0.1, 0.15)
        panel.chat.setText("not a chat")
        panel.send_button.click()
        assert panel.result_label.text().startswith("Chat: expected a chat id")

        panel.chat.setText("79009998877@c.us")
        panel.text.setText("проверка ✅")
        panel.send_button.click()
        dialog = panel.send_dialog
        assert "to 79009998877@c.us?" in dialog.text() and "real WhatsApp message" in dialog.text()
        dialog.button(dialog.StandardButton.Yes).click()
        await wait_until(lambda: panel.steps.topLevelItemCount() == 4)
        labels = [panel.steps.topLevelItem(n).text(0) for n in range(4)]
        assert labels == [
            "outgoingAPIMessageReceived",
            "outgoingMessageStatus: sent",
            "outgoingMessageStatus: delivered",
            "outgoingMessageStatus: read",
        ]
        seconds = [float(panel.steps.topLevelItem(n).text(1).split()[0]) for n in range(4)]
        assert seconds == sorted(seconds) and seconds[-1] >= 0.1
        assert panel.current.id_message in panel.result_label.text()

        # the same steps, linked by idMessage in the inspector's status timeline
        id_message = panel.current.id_message
        await wait_until(lambda: pane.model.rowCount() >= 4)
        pane.feed.select_row(row_number(pane, "outgoingAPIMessageReceived", id_message))
        await wait_until(lambda: len(timeline_rows(pane.inspector)) == 3)
        assert [row[0] for row in timeline_rows(pane.inspector)] == ["sent", "delivered", "read"]

    run(scenario())


def test_presentation_mode_masks_the_chat_in_the_confirmation(run, make_window):
    window = make_window()
    pane = window.pane

    async def scenario():
        await pane.use_sandbox()
        pane.set_presentation(True)
        pane.real_message.chat.setText("79009998877@c.us")
        pane.real_message.send_button.click()
        text = pane.real_message.send_dialog.text()
        assert "79009998877" not in text and "7900•••8877@c.us" in text

    run(scenario())
