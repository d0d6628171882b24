"""The Queue tab on the sandbox: chart data, time to empty, a blocking head, the clear limit."""

from __future__ import annotations

import httpx

from greenconsole import health
from greenconsole.protocol.probe import probe_body
from greenconsole.templates import fill, templates
from tests.ui.conftest import start_on_sandbox, wait_until

TEXT = templates()["incomingMessageReceived · text"]


async def post(url: str, bodies: list[dict]) -> None:
    async with httpx.AsyncClient() as http:
        for body in bodies:
            (await http.post(url, json=body)).raise_for_status()


def clear_now(pane) -> None:
    """Clear queue… and Yes in its confirmation."""
    pane.confirm_clear_queue()
    pane.clear_dialog.button(pane.clear_dialog.StandardButton.Yes).click()


def test_held_head_is_called_out_and_depth_is_charted(make_window, run, monkeypatch):
    monkeypatch.setattr(health, "BLOCKED_AFTER", 0.5)
    window = make_window()

    async def scenario():
        pane = window.pane
        await pane.use_sandbox()
        id_instance = int(pane.form.settings().id_instance)
        await post(window.sandbox.webhook_url, [fill(TEXT, id_instance, f"M{n}") for n in range(4)])
        pane.show_page(pane.queue)
        pane.start()  # manual mode: the head is held until deleted
        await wait_until(lambda: pane.model.rowCount() == 1)
        receipt = pane.model.row(0).receipt_id
        await wait_until(
            lambda: f"queue blocked by receipt {receipt} for" in pane.health_label.text()
        )
        assert f"queue blocked by receipt {receipt}" in pane.queue.warning_label.text()
        await wait_until(lambda: pane.session.health.last_depth == 4)
        await wait_until(lambda: pane.queue.chart.depths and pane.queue.chart.depths[-1][1] == 4)
        assert (
            "does not empty at this rate" in pane.queue.figures_label.text()
        )  # nothing deleted yet
        assert "oldest undeleted:" in pane.queue.figures_label.text()

        pane.form.ack_mode.setCurrentIndex(1)
        pane.session.stop()
        await wait_until(lambda: not pane.session.running)
        pane.start()  # auto-delete now: the queue drains and the alarm goes away
        await wait_until(lambda: pane.session.deleted_count >= 4)
        await wait_until(lambda: pane.health_label.text() == "")
        pane.refresh_depth()
        await wait_until(lambda: pane.session.health.last_depth == 0)
        assert pane.session.health.eta() == 0
        _, deleted = pane.session.health.rates()
        assert deleted > 0 and pane.queue.chart.rates

    run(scenario())


def test_clear_queue_counts_down_when_the_minute_is_not_over(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        await pane.use_sandbox()
        id_instance = int(pane.form.settings().id_instance)
        await post(window.sandbox.webhook_url, [fill(TEXT, id_instance, "X")])
        button = pane.queue.clear_queue_button
        clear_now(pane)
        await wait_until(lambda: pane.status.currentMessage() == "queue cleared")
        await post(window.sandbox.webhook_url, [fill(TEXT, id_instance, "Y")])
        clear_now(pane)
        await wait_until(lambda: "one clear a minute" in pane.status.currentMessage())
        assert not button.isEnabled() and "Clear queue (in " in button.text()
        seconds = int(button.text().split("in ")[1].split(" ")[0])
        assert 55 <= seconds <= 60
        assert len(window.sandbox.state.instances[id_instance]) == 1  # nothing was half-done

    run(scenario())


def test_altered_probe_shows_a_diff_and_a_histogram(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        id_instance = await start_on_sandbox(pane)
        pane.show_page(pane.queue)
        sent = probe_body(id_instance)
        pane.probes.sent(sent)
        altered = {**sent, "timestamp": 1}
        await post(window.sandbox.webhook_url, [altered])
        await wait_until(lambda: pane.queue.diff_tree.topLevelItemCount() == 1)
        item = pane.queue.diff_tree.topLevelItem(0)
        assert item.text(0) == "body.timestamp"
        assert item.text(1) == str(sent["timestamp"]) and item.text(2) == "1"
        bars = dict(pane.queue.probe_chart.bars)
        assert sum(bars.values()) == 1 and bars["lost"] == 0
        await wait_until(lambda: pane.model.rowCount() == 1)
        assert "ALTERED: body.timestamp: changed" in pane.model.row(0).summary

        window.presentation.setChecked(True)  # screen sharing: phone numbers in the diff masked
        second = probe_body(id_instance)
        pane.probes.sent(second)
        await post(
            window.sandbox.webhook_url, [{**second, "senderData": {"chatId": "79991234567@c.us"}}]
        )
        tree = pane.queue.diff_tree

        def received_values() -> dict[str, str]:
            items = [tree.topLevelItem(n) for n in range(tree.topLevelItemCount())]
            return {item.text(0): item.text(2) for item in items}

        await wait_until(lambda: "body.senderData.chatId" in received_values())
        assert received_values()["body.senderData.chatId"] == '"7999•••4567@c.us"'
        assert received_values()["body.senderData.sender"] == "(missing)"

    run(scenario())
