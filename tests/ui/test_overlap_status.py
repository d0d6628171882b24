"""The window's auto-delete overlaps deletes; when the server defeats that, the status says so."""

from __future__ import annotations

from greenconsole.connection import ConnectionSettings
from greenconsole.protocol.client import default_webhook_url
from tests.protocol.adversarial import AdversarialQueue
from tests.support import INSTANCE, TOKEN
from tests.ui.conftest import wait_until

COUNT = 20


def test_a_server_answering_heads_being_deleted_turns_the_status_to_one_at_a_time(make_window, run):
    window = make_window()
    with AdversarialQueue(COUNT, lambda k: True) as server:

        async def scenario():
            pane = window.pane
            url = server.url
            pane.form.set_settings(
                ConnectionSettings(url, str(INSTANCE), TOKEN, 5, True, default_webhook_url(url))
            )
            pane.start()
            await wait_until(lambda: pane.model.rowCount() == COUNT and not server.queue)
            await wait_until(lambda: "one request at a time" in pane.state_label.text())
            summaries = [pane.model.row(n).summary for n in range(COUNT)]
            assert summaries == [f"сообщение {n} ✅" for n in range(1, COUNT + 1)]
            assert server.deletes == list(range(1, COUNT + 1))

        run(scenario())


def test_one_request_at_a_time_is_an_ack_mode_that_survives_a_restart(make_window, run):
    window = make_window()
    with AdversarialQueue(COUNT, lambda k: True, slow_delete=0.01) as server:

        async def scenario():
            pane = window.pane
            url = server.url
            pane.form.set_settings(
                ConnectionSettings(url, str(INSTANCE), TOKEN, 5, True, default_webhook_url(url))
            )
            pane.form.ack_mode.setCurrentIndex(2)  # auto-delete, one request at a time
            pane.start()
            await wait_until(lambda: pane.model.rowCount() == COUNT and not server.queue)
            assert server.overlapped == 0 and server.echoes == 0
            assert "one request at a time" not in pane.state_label.text()  # chosen, not forced
            window.close_now()  # polling: no question asked
            again = make_window()
            settings = again.pane.form.settings()
            assert settings.auto_delete and not settings.overlap
            assert again.pane.form.ack_mode.currentText() == "auto-delete, one request at a time"

        run(scenario())
