"""The window under faults: auth stops, back-off countdown, malformed rows, no frozen GUI."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

from PySide6.QtCore import QTimer

from greenconsole.connection import ConnectionSettings
from greenconsole.ui.feed_model import RowState
from tests.support import INSTANCE, TOKEN, Reply, ScriptedServer, ok, status
from tests.ui.conftest import wait_until


def point_at(window, url: str, token: str = TOKEN, instance: int = INSTANCE) -> None:
    window.pane.form.set_settings(
        ConnectionSettings(
            api_url=url, id_instance=str(instance), token=token, webhook_url=url + "/"
        )
    )


def test_wrong_token_and_wrong_instance_stop_and_name_the_field(make_window, run, sandbox):
    window = make_window()

    async def scenario():
        point_at(window, sandbox.url, token="not-the-token")
        window.start()
        await wait_until(lambda: not window.pane.session.running)
        assert (
            "401" in window.pane.state_label.text()
            and "apiTokenInstance" in window.pane.state_label.text()
        )
        assert "401" in window.pane.form.errors["token"].text()
        assert window.pane.start_button.isEnabled()

        point_at(window, sandbox.url, instance=4242)
        window.start()
        await wait_until(lambda: "403" in window.pane.state_label.text())
        assert "idInstance" in window.pane.state_label.text()
        assert "403" in window.pane.form.errors["id_instance"].text()

    run(scenario())


def test_backoff_countdown_and_malformed_rows(make_window, run):
    window = make_window()
    script = [
        status(503),
        ok('{"receiptId": "x", "body": 7}'),
        status(429, "", **{"Retry-After": "3"}),
        ok(
            '{"receiptId": 41, "body": {"typeWebhook": "incomingCall", "from": "7@c.us", '
            '"status": "offer"}}'
        ),
    ]

    async def scenario():
        with ScriptedServer(script, only="receiveNotification") as server:
            point_at(window, server.url)
            window.start()
            await wait_until(
                lambda: "backing off 3 s" in window.pane.state_label.text(), timeout=30
            )
            assert "HTTP 429" in window.pane.state_label.text()
            await wait_until(lambda: window.pane.model.rowCount() == 2, timeout=15)
            malformed, call = window.pane.model.rows()
            assert malformed.state is RowState.MALFORMED and "receiptId" in malformed.summary
            window.pane.feed.select_row(0)
            assert '{"receiptId": "x", "body": 7}' in window.pane.inspector.raw.toPlainText()
            assert call.receipt_id == 41 and call.summary == "call from 7@c.us: offer"
            window.pane.session.stop()

    run(scenario())


def test_the_gui_never_stalls_during_a_long_poll_to_a_silent_server(make_window, run):
    window = make_window()

    async def scenario():
        with ScriptedServer([], idle=Reply(kind="hang"), only="receiveNotification") as server:
            point_at(window, server.url)
            window.pane.form.receive_timeout.setValue(60)
            lateness: list[float] = []
            last = [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                lateness.append(now - last[0] - 0.010)
                last[0] = now

            window.start()  # its own synchronous cost (a TLS context, ~40-120 ms on a loaded
            last[0] = time.perf_counter()  # machine) is not a stall during the long poll
            timer = QTimer(interval=10)
            timer.timeout.connect(tick)
            timer.start()
            await asyncio.sleep(3)
            assert window.pane.state_label.text() == "polling" and window.pane.session.running
            for _ in range(20):  # the user keeps working: filter, compose, select
                window.pane.feed.filter_box.setText(
                    "x" if not window.pane.feed.filter_box.text() else ""
                )
                window.pane.composer.apply_template()
                await asyncio.sleep(0.02)
            started = time.perf_counter()
            window.pane.session.stop()
            await wait_until(lambda: not window.pane.session.running, timeout=2)
            stop_time = time.perf_counter() - started
            timer.stop()
        assert len(lateness) > 100
        assert max(lateness) < 0.100, f"the Qt thread stalled {max(lateness) * 1000:.0f} ms"
        assert stop_time < 1.0
        assert window.pane.state_label.text() == "stopped"

    run(scenario())


def test_plain_http_to_a_remote_host_is_warned_and_invalid_fields_block_start(make_window, run):
    window = make_window()

    async def scenario():
        good = ConnectionSettings(
            api_url="https://7105.api.greenapi.com", id_instance="7105000001", token="abc"
        )
        window.pane.form.set_settings(good)
        assert window.pane.start_button.isEnabled()
        assert window.pane.form.token.echoMode() == window.pane.form.token.EchoMode.Password
        window.pane.form.show_token.setChecked(True)
        assert window.pane.form.token.echoMode() == window.pane.form.token.EchoMode.Normal
        window.pane.form.set_settings(replace(good, id_instance="12a"))
        assert window.pane.form.errors["id_instance"].text() == "digits only"
        assert not window.pane.start_button.isEnabled()
        window.pane.form.set_settings(replace(good, api_url="api.green-api.com"))
        assert "http" in window.pane.form.errors["api_url"].text()
        assert not window.pane.start_button.isEnabled()
        window.pane.form.set_settings(replace(good, api_url="http://api.example.com"))
        assert "in clear" in window.pane.form.errors["api_url"].text()
        assert window.pane.start_button.isEnabled()
        window.pane.form.set_settings(replace(good, api_url="http://127.0.0.1:8080"))
        assert window.pane.form.errors["api_url"].text() == ""
        window.pane.form.set_settings(replace(good, token=""))
        assert window.pane.form.errors["token"].text() == "required"
        assert not window.pane.start_button.isEnabled()

    run(scenario())


def test_the_log_file_is_owner_only():
    import logging
    import stat

    from greenconsole.ui.app import log_file, setup_logging

    path = log_file()
    path.parent.mkdir(parents=True)
    path.write_text("an older log\n")
    path.chmod(0o644)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        setup_logging()
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_delete_without_an_answer_shows_on_its_row_until_the_head_comes_back(make_window, run):
    """Before: a row whose delete got no answer (the server failed or went away) said "shown"."""
    window = make_window()
    head = ok('{"receiptId": 7, "body": {"typeWebhook": "incomingCall", "status": "offer"}}')
    script = [head, status(500, "boom"), head, ok('{"result": true}')]
    outcomes = []
    window.pane.session.deleted.connect(lambda *outcome: outcomes.append(outcome[1:]))

    async def scenario():
        with ScriptedServer(script, only="Notification") as server:  # not the queue count
            window.pane.form.set_settings(
                ConnectionSettings(server.url, str(INSTANCE), TOKEN, 5, True, False)
            )  # auto-delete, one request at a time: the script's order
            window.start()
            await wait_until(lambda: len(outcomes) == 2, timeout=15)
            window.pane.session.stop()
        failed, deleted = outcomes
        assert failed[:2] == (7, None) and "HTTP 500" in failed[2]
        assert deleted == (7, True, "")
        (row,) = window.pane.model.rows()
        assert row.state is RowState.DELETED

    run(scenario())
