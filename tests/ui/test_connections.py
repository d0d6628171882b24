"""Several connections at once: each tab has its own sandbox instance, poller, feed and status."""

from __future__ import annotations

import httpx

from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import RowState
from tests.ui.conftest import start_on_sandbox, wait_until

TEXT = templates()["incomingMessageReceived · text"]


async def post(url: str, id_instance: int, tags: list[str]) -> None:
    async with httpx.AsyncClient() as http:
        for tag in tags:
            (await http.post(url, json=fill(TEXT, id_instance, tag))).raise_for_status()


def ids(pane) -> list[str]:
    return [pane.model.row(n).id_message for n in range(pane.model.rowCount())]


def test_two_tabs_poll_their_own_instances_and_stop_or_close_alone(make_window, run):
    window = make_window()

    async def scenario():
        first = window.pane
        await first.use_sandbox()
        second = window.add_connection()
        assert window.pane is second and window.connections.count() == 2
        await second.use_sandbox()
        one, two = (int(p.form.settings().id_instance) for p in (first, second))
        assert one != two  # each tab gets an instance (a queue) of its own
        for pane in (first, second):
            pane.form.ack_mode.setCurrentIndex(1)  # auto-delete
            pane.start()
        url = window.sandbox.webhook_url
        await post(url, one, ["A1", "A2", "A3"])
        await post(url, two, ["B1", "B2"])
        await wait_until(lambda: len(ids(first)) == 3 and len(ids(second)) == 2)
        assert ids(first) == ["A1", "A2", "A3"] and ids(second) == ["B1", "B2"]
        assert window.connections.tabText(0) == str(one)
        assert "polling" in window.connections.tabToolTip(0)

        first.session.stop()
        await wait_until(lambda: not first.session.running)
        await post(url, two, ["B3"])
        await wait_until(lambda: ids(second)[-1:] == ["B3"])
        assert second.session.running and "stopped" in first.state_label.text()
        assert "stopped" in window.connections.tabToolTip(0)

        window.close_connection(window.connections.indexOf(first))
        assert window.connections.count() == 1 and window.pane is second
        await post(url, two, ["B4"])
        await wait_until(lambda: ids(second)[-1:] == ["B4"])
        await wait_until(lambda: second.model.row(3).state is RowState.DELETED)
        assert window.sandbox.state.instances[two].deleted[-1] == second.model.row(3).receipt_id

        third = window.add_connection()  # the closed tab's instance is free again
        await third.use_sandbox()
        assert third.form.settings().id_instance == str(one)

    run(scenario())


def test_each_tab_searches_its_own_instance(make_window, run):
    window = make_window()

    async def scenario():
        first = window.pane
        second = window.add_connection()
        for pane, tag in ((first, "FIRST"), (second, "SECOND")):
            id_instance = await start_on_sandbox(pane)
            await post(window.sandbox.webhook_url, id_instance, [f"{tag}-1", f"{tag}-2"])
            await wait_until(lambda p=pane: len(ids(p)) == 2)
        second.feed.filter_box.setText("id:first-1")
        second.feed.apply_filter()
        await wait_until(lambda: second.feed.last_search_ms is not None)
        assert second.model.rowCount() == 0  # the other tab's capture is out of scope
        first.feed.filter_box.setText("id:first-1")
        first.feed.apply_filter()
        await wait_until(lambda: first.model.filtered and first.model.rowCount() == 1)

    run(scenario())


def test_tabs_come_back_after_a_restart(make_window, run):
    first_window = make_window()

    async def scenario():
        pane = first_window.pane
        await pane.use_sandbox()
        pane.form.save_profile("alpha")
        other = first_window.add_connection()
        await other.use_sandbox()
        other.form.save_profile("beta")
        first_window.close()
        again = make_window()
        names = [p.form.profile_box.currentText() for p in again.panes()]
        assert names == ["alpha", "beta"]
        assert again.panes()[1].form.settings().id_instance == other.form.settings().id_instance

    run(scenario())
