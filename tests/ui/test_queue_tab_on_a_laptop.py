"""The Queue tab and the status line at 1024×700: nothing overlaps, widens or is cut; a probe
behind a skipped head waits; a failed clear says so."""

from __future__ import annotations

import itertools
import time

import httpx
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QScrollArea

from greenconsole import health
from greenconsole.connection import ConnectionSettings
from greenconsole.protocol.probe import probe_body
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import COL_AGE
from greenconsole.ui.i18n import Translations
from greenconsole.ui.session_state import Phase
from tests.ui.conftest import start_on_sandbox, wait_until
from tests.ui.test_window_probe import Clock

TEXT = templates()["incomingMessageReceived · text"]
LAPTOP = QSize(1024, 700)
DEAD_URL = "http://127.0.0.1:9"  # nothing listens on the discard port


async def post(url: str, body: dict) -> None:
    async with httpx.AsyncClient() as http:
        (await http.post(url, json=body)).raise_for_status()


def whole(label) -> bool:
    """The label is as wide as its text (laid out, not cut)."""
    return label.width() >= label.fontMetrics().horizontalAdvance(label.text())


def on_a_laptop(window):
    """The window at 1024×700 with its Queue tab in front; the tab's scroll area."""
    window.resize(LAPTOP)
    pane = window.pane
    pane.show_page(pane.queue)
    QApplication.processEvents()
    area = pane.tabs.currentWidget()
    assert isinstance(area, QScrollArea) and area.widget() is pane.queue
    return pane, area


def test_histogram_labels_do_not_overlap_and_all_are_in_its_tooltip(make_window):
    pane, _ = on_a_laptop(make_window())
    pane.queue.refresh()
    chart = pane.queue.probe_chart
    placed = chart.labels()
    for (left, _), (right, _) in itertools.pairwise(placed):
        assert left.right() < right.left()  # no more labels run into each other
    for place, label in placed:
        assert place.width() >= chart.fontMetrics().horizontalAdvance(label)
        assert chart.rect().left() <= place.left() and place.right() <= chart.rect().right()
    assert placed[-1][1] == "lost" and placed[0][1] == "0–5"
    for label, _ in chart.bars:  # the ones thinned out are still there, with their counts
        assert f"{label}: 0" in chart.toolTip()


def test_a_dead_url_wraps_its_error_and_a_failed_clear_says_why(make_window, run):
    window = make_window()
    pane, area = on_a_laptop(window)
    pane.form.set_settings(
        ConnectionSettings(api_url=DEAD_URL, id_instance="1101000001", token="SECRET-TOKEN-123")
    )

    async def scenario():
        pane.refresh_depth()
        await wait_until(lambda: "network error" in pane.queue.depth_label.text())
        QApplication.processEvents()
        assert pane.queue.width() <= area.viewport().width()  # the page is not widened
        assert pane.queue.depth_button.geometry().right() <= area.viewport().width()

        pane.confirm_clear_queue()
        pane.clear_dialog.button(pane.clear_dialog.StandardButton.Yes).click()
        result = pane.queue.clear_result
        await wait_until(lambda: result.isVisible())
        assert result.text().startswith("queue not cleared: ")
        assert "network error" in result.text() and "SECRET-TOKEN" not in result.text()
        QApplication.processEvents()
        assert pane.queue.width() <= area.viewport().width()
        pane.form.id_instance.setText("1101000002")  # another instance: not its outcome
        assert result.isHidden()

    run(scenario())


def test_a_probe_behind_a_skipped_head_waits_and_alarms_are_whole_and_shown_once(
    make_window, run, monkeypatch
):
    monkeypatch.setattr(health, "BLOCKED_AFTER", 0.2)
    window = make_window()
    pane, _ = on_a_laptop(window)
    pane.probes.clock = clock = Clock()

    async def scenario():
        id_instance = await start_on_sandbox(pane, auto_delete=False)  # manual mode
        stamped = {**fill(TEXT, id_instance, "HEAD"), "timestamp": int(time.time()) - 49}
        await post(window.sandbox.webhook_url, stamped)  # it waited 49 s before it reached us
        await wait_until(lambda: pane.session.state.phase is Phase.HOLDING)
        receipt = pane.session.state.receipt_id
        age = pane.model.data(pane.model.index(0, COL_AGE))
        assert age in ("0 s", "1 s")
        oldest = f"oldest undeleted (age since received): {age}"  # as its row's Age says
        await wait_until(lambda: oldest in pane.queue.figures_label.text())
        probe = probe_body(id_instance)
        pane.probes.sent(probe)
        await post(window.sandbox.webhook_url, probe)
        pane.session.skip()  # the head stays first in the queue and keeps coming back
        blocked = f"queue blocked by receipt {receipt}"
        await wait_until(lambda: blocked in pane.health_label.text())
        clock.now += 60  # a minute behind the skipped head: waiting, not lost
        pane.refresh_status()
        waiting = f"Probes waiting behind receipt {receipt} at the head: 1"
        assert waiting in pane.queue.probe_label.text()
        assert "(0 lost)" in pane.queue.probe_label.text()
        assert "ALARM" not in pane.health_label.text() + pane.queue.warning_label.text()
        label = pane.health_label
        await wait_until(lambda: whole(label))
        assert f"{blocked} for" in label.toolTip()  # the whole sentence

        pane.session.stop()  # nobody holds the head any more: the probe's time runs
        await wait_until(lambda: not pane.session.running)
        clock.now += 11
        await wait_until(lambda: "ALARM: probe lost" in pane.health_label.text())
        await wait_until(lambda: whole(label))
        assert f"ALARM: probe {probe['idMessage']} not seen within 10 s" in label.toolTip()
        page = pane.queue.warning_label.text() + pane.queue.probe_label.text()
        assert page.count(probe["idMessage"]) == 1  # each alarm once on the Queue tab
        assert "(1 lost)" in pane.queue.probe_label.text()

    run(scenario())


def test_in_russian_the_status_line_alarm_is_whole_and_the_window_stays_1024_wide(
    make_window, run, qapp, monkeypatch
):
    monkeypatch.setattr(health, "BLOCKED_AFTER", 0.2)
    translations = Translations(qapp)
    assert translations.use("ru")
    window = make_window()
    pane, _ = on_a_laptop(window)

    async def scenario():
        id_instance = await start_on_sandbox(pane, auto_delete=False)
        await post(window.sandbox.webhook_url, fill(TEXT, id_instance, "HEAD"))
        await wait_until(lambda: pane.session.state.phase is Phase.HOLDING)
        pane.session.skip()  # it comes back: the queue is blocked
        await wait_until(lambda: "очередь заблокирована" in pane.health_label.text())
        await wait_until(lambda: whole(pane.health_label))
        QApplication.processEvents()
        assert window.width() == LAPTOP.width()  # the status line did not widen the window
        assert pane.latency_label.toolTip() == pane.latency_label.text()

    try:
        run(scenario())
    finally:
        translations.use("en")
