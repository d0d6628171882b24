"""The Sandbox tab: faults, latency and rate limits set in the window reach the embedded sandbox
at once, every tab shows the same, and a bad spec changes nothing."""

from __future__ import annotations

import time

import httpx
import pytest

from greenconsole.sandbox.faults import parse_faults
from greenconsole.templates import fill, templates
from tests.ui.conftest import start_on_sandbox, wait_until

TEXT = templates()["incomingMessageReceived · text"]


def sandbox_tab_title(pane) -> str:
    return pane.tabs.tabText(pane.tabs.indexOf(pane.sandbox_panel))


async def count_url(pane) -> str:
    """getWebhooksCount of the tab's own sandbox instance."""
    await pane.use_sandbox()
    settings = pane.form.settings()
    return f"{settings.api_url}/waInstance{settings.id_instance}/getWebhooksCount/{settings.token}"


def test_a_fault_set_in_the_panel_reaches_polling_and_none_ends_it(make_window, run):
    window = make_window()
    pane = window.pane
    panel = pane.sandbox_panel
    pane.tabs.setCurrentWidget(panel)

    async def scenario():
        assert window.sandbox is None  # not started yet: the change starts it
        panel.spec_edit.setText("receive:503=100%")
        panel.apply_button.click()
        await wait_until(lambda: window.sandbox is not None)
        assert window.sandbox.faults.table == {"receive": [("503", 100.0)]}
        assert panel.summary_label.text() == "Now: faults: receive:503=100%"
        assert sandbox_tab_title(pane) == "Sandbox ⚠"
        other = window.add_connection()  # one sandbox per window: every tab shows the same
        assert other.sandbox_panel.summary_label.text() == "Now: faults: receive:503=100%"
        assert other.sandbox_panel.spec_edit.text() == "receive:503=100%"
        assert sandbox_tab_title(other) == "Sandbox ⚠"
        window.connections.setCurrentWidget(pane)

        instance = await start_on_sandbox(pane)
        await wait_until(lambda: "backing off" in pane.state_label.text())
        assert "HTTP 503" in pane.state_label.text()
        async with httpx.AsyncClient() as http:
            for n in range(3):
                answer = await http.post(window.sandbox.webhook_url, json=fill(TEXT, instance, n))
                answer.raise_for_status()
        assert pane.session.received_count == 0

        panel.none_button.click()
        assert window.sandbox.faults.table == {}
        assert panel.summary_label.text() == "Now: behaving normally"
        pane.retry_button.click()
        await wait_until(lambda: pane.session.deleted_count == 3)
        assert sandbox_tab_title(pane) == "Sandbox"
        other.refresh_status()
        assert sandbox_tab_title(other) == "Sandbox"
        assert other.sandbox_panel.spec_edit.text() == ""

    run(scenario())


@pytest.mark.parametrize("spec", ["receive:500=200%", "receive:teapot=5%", "get:500=5%"])
def test_an_invalid_spec_is_refused_with_the_parsers_reason(make_window, run, spec):
    window = make_window()
    panel = window.pane.sandbox_panel
    window.pane.tabs.setCurrentWidget(panel)

    async def scenario():
        panel.use_preset("delete:502=5%")
        await wait_until(lambda: window.sandbox is not None)
        before = window.sandbox.faults.table
        panel.spec_edit.setText(spec)
        with pytest.raises(ValueError) as refused:
            parse_faults(spec)
        assert panel.reason_label.text() == str(refused.value)
        assert panel.reason_label.isVisible()
        assert "border" in panel.spec_edit.styleSheet()
        assert not panel.apply_button.isEnabled()
        panel.spec_edit.returnPressed.emit()
        panel.apply_spec()
        assert window.sandbox.faults.table == before
        assert panel.summary_label.text() == "Now: faults: delete:502=5%"
        panel.spec_edit.setText("delete:502=5%,receive:500=10%")
        assert panel.apply_button.isEnabled() and not panel.reason_label.isVisible()
        assert panel.spec_edit.styleSheet() == ""

    run(scenario())


def test_latency_and_rate_limits_apply_to_the_running_sandbox(make_window, run):
    window = make_window()
    pane = window.pane
    panel = pane.sandbox_panel
    pane.tabs.setCurrentWidget(panel)

    async def scenario():
        url = await count_url(pane)
        panel.latency_box.setValue(400)
        assert window.sandbox.faults.latency == pytest.approx(0.4)
        assert panel.summary_label.text() == "Now: latency 400 ms"
        assert sandbox_tab_title(pane) == "Sandbox ⚠"
        async with httpx.AsyncClient() as http:
            began = time.monotonic()
            (await http.get(url)).raise_for_status()
            assert time.monotonic() - began >= 0.4
            panel.latency_box.setValue(0)
            panel.rate_limits_box.setChecked(True)
            assert panel.summary_label.text() == "Now: rate limits on"
            began = time.monotonic()
            statuses = [(await http.get(url)).status_code for _ in range(2)]
            assert time.monotonic() - began < 0.4
            assert statuses == [200, 429]  # getWebhooksCount: 1 per second
        panel.rate_limits_box.setChecked(False)
        assert not window.sandbox.faults.rate_limits
        assert sandbox_tab_title(pane) == "Sandbox"

    run(scenario())


def test_the_tab_instance_state_and_lost_notifications_are_set_from_the_panel(run, make_window):
    window = make_window()
    pane = window.pane
    panel = pane.sandbox_panel

    async def scenario():
        await pane.use_sandbox()
        queue = window.context.sandbox.state.instances[int(pane.form.settings().id_instance)]
        panel.refresh()
        assert panel.state_box.isEnabled() and panel.state_box.currentText() == "authorized"
        panel.state_box.textActivated.emit("notAuthorized")
        assert queue.account.state == "notAuthorized"
        assert len(queue) == 1  # its stateInstanceChanged
        panel.drop_box.setValue(100)
        assert window.context.sandbox.faults.drop == 100
        assert "100 % of notifications lost" in panel.summary_label.text()
        assert pane.tabs.tabText(pane.tabs.indexOf(panel)) == "Sandbox ⚠"
        panel.none_button.click()
        assert window.context.sandbox.faults.drop == 0

    run(scenario())
