"""Every alarm and state sentence of a tab, raised and then ended, in English and Russian."""

from __future__ import annotations

from greenconsole.health import QueueHealth
from greenconsole.protocol.errors import AuthError, TransientError
from greenconsole.protocol.probe import ProbeTracker, probe_body
from greenconsole.ui.queue_panel import QueuePanel
from greenconsole.ui.session_state import Phase, SessionState, describe
from tests.test_health import Clock
from tests.ui.test_translations import untranslated

STATES = [
    SessionState(),
    SessionState(Phase.POLLING),
    SessionState(Phase.POLLING, sequential=True),
    SessionState(Phase.POLLING, receipt_id=7),
    SessionState(Phase.HOLDING, receipt_id=7),
    SessionState(Phase.BACKING_OFF, wait=3, error=TransientError("HTTP 503")),
    SessionState(Phase.FAILED, error=AuthError("HTTP 401", status=401)),
    SessionState(Phase.FAILED, error=TransientError("HTTP 500")),
]


def test_alarms_are_whole_sentences_and_end_with_their_condition(language):
    clock, wall = Clock(), Clock(1_700_000_000)
    health, probes = QueueHealth(clock, wall), ProbeTracker(timeout=10, clock=clock)
    panel = QueuePanel(health, probes)
    health.received(7, event_time=wall.now - 21 * 3600)
    health.came_back(7)
    probe = probe_body(1)
    probes.sent(probe)
    clock.now += 11
    probes.overdue()
    health.depth(12)
    panel.refresh()
    alarms = panel.alarms()
    assert len(alarms) == 3  # blocked, nearing retention, lost probe
    texts = [*alarms, panel.status_alarm(), panel.loss_estimate(), panel.figures_label.text()]
    texts += [label for label, _ in panel.probe_chart.bars]
    texts += [describe(state) for state in STATES]
    for text in texts:
        assert "{" not in text and text.strip()
        assert language == "en" or not untranslated(text), text
    if language == "en":
        assert "queue blocked by receipt 7 for 11 s" in alarms[0]
        assert alarms[1].startswith("The oldest undeleted notification was queued 21 h 0 min ago;")
        assert "The queue is not emptying at this rate" in panel.figures_label.text()
        assert panel.status_alarm() == "queue blocked by receipt 7 (+2 more)"

    health.deleted(7)  # the head left the queue: neither blocked nor ageing
    probes.arrived(probe)  # late, but here: the probe alarm ends
    panel.refresh()
    assert panel.alarms() == [] and panel.warning_label.isHidden()
