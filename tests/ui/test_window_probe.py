"""Round-trip probes from the window: latency, histogram, changes, and the not-seen alarm."""

from __future__ import annotations

import httpx

from greenconsole.connection import ConnectionSettings
from greenconsole.protocol.probe import ProbeTracker, probe_body
from greenconsole.templates import fill, templates
from greenconsole.ui.session_state import Phase
from tests.support import ScriptedServer, ok
from tests.ui.conftest import start_on_sandbox, wait_until

TEXT = templates()["incomingMessageReceived · text"]


def test_a_probe_sent_from_the_composer_is_timed_when_it_leaves_the_queue(make_window, run):
    window = make_window()

    async def scenario():
        await window.use_sandbox()
        window.pane.form.ack_mode.setCurrentIndex(1)
        window.start()
        for _ in range(3):
            window.pane.composer.send_probe()
            await wait_until(lambda: not window.pane.composer._sending)
        await wait_until(lambda: len(window.pane.probes.results) == 3)
        assert all(r.ok for r in window.pane.probes.results)
        text = window.pane.queue.probe_label.text()
        assert "Round-trip probes: 3 (0 lost)" in text and "p50" in text
        assert sum(count for _, count in window.pane.probes.histogram()) == 3
        row = window.pane.model.rows()[-1]
        assert row.id_message.startswith("PROBE-")
        assert row.summary.startswith("probe round trip") and row.summary.endswith("unchanged")

    run(scenario())


def test_a_probe_that_never_arrives_raises_the_alarm(make_window, run):
    window = make_window()
    window.pane.probes.timeout = 1.0

    async def scenario():
        with ScriptedServer([], idle=ok('{"result": true}')) as blackhole:  # takes, queues nothing
            window.pane.form.set_settings(
                ConnectionSettings(
                    api_url=blackhole.url,
                    id_instance="1101000001",
                    token="t",
                    webhook_url=blackhole.url + "/",
                )
            )
            window.pane.composer.send_probe()
            await wait_until(lambda: "ALARM" in window.pane.health_label.text(), timeout=5)
        assert "not seen within 1 s" in window.pane.status.currentMessage()
        assert "(1 lost)" in window.pane.queue.probe_label.text()

    run(scenario())


class Clock:
    """The probe tracker's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def post(url: str, body: dict) -> None:
    async with httpx.AsyncClient() as http:
        (await http.post(url, json=body)).raise_for_status()


def test_a_lost_probe_that_arrives_late_ends_the_alarm_and_the_lost_count(make_window, run):
    window = make_window()
    pane = window.pane
    pane.probes.clock = clock = Clock()

    async def scenario():
        id_instance = await start_on_sandbox(pane)
        pane.show_page(pane.queue)
        probe = probe_body(id_instance)
        pane.probes.sent(probe)  # posted later: it is slow on the way
        clock.now += 11
        await wait_until(lambda: "ALARM: probe" in pane.health_label.text())
        assert "(1 lost)" in pane.queue.probe_label.text()
        assert "ALARM: probe" in pane.queue.warning_label.text()

        clock.now += 1  # it comes 12 s after it was sent
        await post(window.sandbox.webhook_url, probe)
        await wait_until(lambda: pane.model.rowCount() == 1)
        await wait_until(lambda: "late: 2 s" in pane.model.row(0).summary)
        await wait_until(lambda: pane.health_label.text() == "")
        text = pane.queue.probe_label.text()
        assert "(0 lost)" in text and "ALARM" not in text
        assert "Came after they were reported lost: 1 (the latest late by 2 s)" in text
        assert dict(pane.probes.histogram())["lost"] == 0

    run(scenario())


def test_a_probe_behind_a_head_held_on_purpose_waits_without_an_alarm(make_window, run):
    window = make_window()
    pane = window.pane
    pane.probes.clock = clock = Clock()

    async def scenario():
        id_instance = await start_on_sandbox(pane, auto_delete=False)  # manual mode
        pane.show_page(pane.queue)
        await post(window.sandbox.webhook_url, fill(TEXT, id_instance, "HEAD"))
        await wait_until(lambda: pane.session.state.phase is Phase.HOLDING)
        receipt = pane.session.state.receipt_id
        probe = probe_body(id_instance)
        pane.probes.sent(probe)
        await post(window.sandbox.webhook_url, probe)
        clock.now += 60  # a minute behind the held head
        waiting = f"Probes waiting behind receipt {receipt} at the head: 1"
        await wait_until(lambda: waiting in pane.queue.probe_label.text())
        assert "ALARM" not in pane.queue.probe_label.text() + pane.health_label.text()
        assert "(0 lost)" in pane.queue.probe_label.text()

        head = pane.model.row(0)
        await pane.session.delete([(head.capture_id, head.receipt_id)])  # the queue moves on
        await wait_until(lambda: len(pane.probes.results) == 1)
        assert pane.probes.results[0].latency_ms is not None
        assert "waiting behind" not in pane.queue.probe_label.text()
        assert "ALARM" not in pane.queue.probe_label.text() + pane.health_label.text()

    run(scenario())


def test_tracker_gives_probes_a_whole_timeout_after_the_held_head_is_let_go():
    tracker = ProbeTracker(timeout=10)
    tracker.sent(probe_body(7), at=0.0)
    assert tracker.overdue(now=30.0, holding=True) == []
    assert tracker.overdue(now=39.0) == [] and tracker.waiting() == 1
    assert len(tracker.overdue(now=41.0)) == 1 and tracker.alarm() is not None


def test_tracker_reports_changed_fields():
    tracker = ProbeTracker()
    sent = probe_body(7)
    tracker.sent(sent, at=10.0)
    received = {**sent, "typeWebhook": "outgoingMessageReceived"}
    result = tracker.arrived(received, at=10.0125)
    assert round(result.latency_ms, 1) == 12.5
    assert result.changes == ["body.typeWebhook: changed"]
    assert tracker.arrived(sent) is None  # matched once
