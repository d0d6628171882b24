"""The Queue tab on the sandbox: chart data, time to empty, a blocking head, the clear limit."""

from __future__ import annotations

import time

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


def test_a_held_head_is_said_and_one_that_comes_back_is_an_alarm_until_it_goes(
    make_window, run, monkeypatch
):
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
        held = f"Receipt {receipt} has been held for"
        await wait_until(lambda: held in pane.queue.figures_label.text())
        assert pane.health_label.text() == ""  # held on purpose: said, not an alarm
        assert pane.queue.warning_label.isHidden()
        await wait_until(lambda: pane.session.health.last_depth == 4)
        await wait_until(lambda: pane.queue.chart.depths and pane.queue.chart.depths[-1][1] == 4)
        assert "The queue is not emptying at this rate" in pane.queue.figures_label.text()
        assert "oldest undeleted (age since received):" in pane.queue.figures_label.text()

        pane.session.skip()  # it stays at the head and comes back: now it blocks the queue
        blocked = f"queue blocked by receipt {receipt} for"
        await wait_until(lambda: blocked in pane.health_label.toolTip())
        assert pane.health_label.text() == f"queue blocked by receipt {receipt}"
        assert blocked in pane.queue.warning_label.text()

        pane.form.ack_mode.setCurrentIndex(1)
        pane.session.stop()
        await wait_until(lambda: not pane.session.running)
        await wait_until(lambda: pane.health_label.text() == "")  # stopped: nobody is blocked
        pane.start()  # auto-delete now: the queue drains
        await wait_until(lambda: pane.session.deleted_count >= 4)
        pane.refresh_depth()
        await wait_until(lambda: pane.session.health.last_depth == 0)
        assert pane.session.health.eta() == 0
        assert "The queue is not emptying" not in pane.queue.figures_label.text()
        assert "held for" not in pane.queue.figures_label.text()
        _, deleted = pane.session.health.rates()
        assert deleted > 0 and pane.queue.chart.rates

    run(scenario())


def test_nearing_retention_is_an_alarm_until_the_notification_is_deleted(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        await pane.use_sandbox()
        id_instance = int(pane.form.settings().id_instance)
        old = {**fill(TEXT, id_instance, "OLD"), "timestamp": int(time.time()) - 21 * 3600 + 30}
        await post(window.sandbox.webhook_url, [old])
        pane.start()  # manual mode: it stays undeleted
        await wait_until(lambda: pane.model.rowCount() == 1)
        alarm = (
            "The oldest undeleted notification was queued 20 h 59 min ago; GREEN-API drops it in"
            " 3 h 0 min."
        )
        await wait_until(lambda: alarm in pane.health_label.toolTip())
        assert pane.health_label.text() == "GREEN-API drops a notification in 3 h 0 min"
        head = pane.model.row(0)
        await pane.session.delete([(head.capture_id, head.receipt_id)])
        await wait_until(lambda: pane.session.deleted_count == 1)
        await wait_until(lambda: pane.health_label.text() == "")
        pane.show_page(pane.queue)
        await wait_until(
            lambda: "oldest undeleted (age since received): none" in pane.queue.figures_label.text()
        )
        assert pane.queue.warning_label.isHidden()

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


def test_after_a_clear_the_button_waits_out_the_minute_and_the_question_says_what_is_lost(
    make_window, run
):
    window = make_window()
    now = [1000.0]
    window.pane.queue.clock = lambda: now[0]

    async def scenario():
        pane = window.pane
        await pane.use_sandbox()
        id_instance = int(pane.form.settings().id_instance)
        await post(window.sandbox.webhook_url, [fill(TEXT, id_instance, f"X{n}") for n in range(3)])
        pane.confirm_clear_queue()
        assert "is not known yet" in pane.clear_dialog.text()  # no depth asked yet
        pane.clear_dialog.reject()
        pane.refresh_depth()
        await wait_until(lambda: pane.session.health.last_depth == 3)
        pane.confirm_clear_queue()
        assert "Notifications that will be lost: about 3 (the queue depth as of 0 s ago)." in (
            pane.clear_dialog.text()
        )
        pane.clear_dialog.button(pane.clear_dialog.StandardButton.Yes).click()
        button = pane.queue.clear_queue_button
        await wait_until(lambda: pane.status.currentMessage() == "queue cleared")
        # GREEN-API would refuse a clear now: the app knows it and says when it can
        assert not button.isEnabled() and button.text() == "Clear queue (in 60 s)"
        assert "possible again in 60 s" in button.toolTip()
        window.menus.refresh()
        assert not window.menus.actions["clear_queue"].isEnabled()
        pane.form.id_instance.setText(str(id_instance + 1))  # the limit is per instance
        assert button.isEnabled() and button.text() == "Clear queue…"
        pane.confirm_clear_queue()  # the other instance's depth is not counted here
        assert "is not known yet" in pane.clear_dialog.text()
        pane.clear_dialog.reject()
        pane.form.id_instance.setText(str(id_instance))
        assert not button.isEnabled() and button.text() == "Clear queue (in 60 s)"
        now[0] += 60
        await wait_until(lambda: button.isEnabled())
        assert button.text() == "Clear queue…" and "once a minute" in button.toolTip()

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
