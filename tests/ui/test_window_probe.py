"""Round-trip probes from the window: latency, histogram, changes, and the not-seen alarm."""

from __future__ import annotations

from greenconsole.connection import ConnectionSettings
from greenconsole.protocol.probe import ProbeTracker, probe_body
from tests.support import ScriptedServer, ok
from tests.ui.conftest import wait_until


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
            await wait_until(lambda: "ALARM" in window.pane.queue.probe_label.text(), timeout=5)
        assert "not seen within 1 s" in window.pane.status.currentMessage()
        assert "(1 lost)" in window.pane.queue.probe_label.text()

    run(scenario())


def test_tracker_reports_changed_fields():
    tracker = ProbeTracker()
    sent = probe_body(7)
    tracker.sent(sent, at=10.0)
    received = {**sent, "typeWebhook": "outgoingMessageReceived"}
    result = tracker.arrived(received, at=10.0125)
    assert round(result.latency_ms, 1) == 12.5
    assert result.changes == ["body.typeWebhook: changed"]
    assert tracker.arrived(sent) is None  # matched once
