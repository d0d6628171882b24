"""What the window shows is true: held heads released on Stop, redeliveries, tabs that keep
their own instance across a language switch."""

from __future__ import annotations

import asyncio

import httpx
from PySide6.QtWidgets import QMessageBox

from greenconsole.connection import ConnectionSettings
from greenconsole.sandbox import Sandbox
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import RowState
from greenconsole.ui.session_state import Phase
from tests.support import INSTANCE, TOKEN
from tests.ui.conftest import shown_window, start_on_sandbox, wait_until

TEXT = templates()["incomingMessageReceived · text"]


async def post(sandbox, bodies) -> None:
    async with httpx.AsyncClient() as http:
        for item in bodies:
            (await http.post(sandbox.webhook_url, json=item)).raise_for_status()


def test_stop_releases_the_held_head_and_its_return_is_a_redelivery(make_window, run):
    window = make_window()

    async def scenario():
        instance = await start_on_sandbox(window.pane, auto_delete=False)
        await post(window.sandbox, [fill(TEXT, instance, "HELD")])
        session, model = window.pane.session, window.pane.model
        await wait_until(lambda: session.held_receipt is not None)
        session.health._head = (session.held_receipt, -1e9)  # held "for ages": the alarm is on
        assert session.health.blocked() is not None
        session.stop()
        await wait_until(lambda: not session.running)
        model.flush()
        assert model.row(0).state is RowState.RELEASED
        assert "released (still queued)" in model.row(0).state_text
        assert session.health.blocked() is None  # no alarm counting for a queue nobody holds
        window.pane.start()
        await wait_until(lambda: session.held_receipt is not None)
        model.flush()
        assert model.rowCount() == 2
        again = model.row(1)
        assert again.redelivery and "redelivery" in again.state_text
        assert not again.duplicate_of
        window.pane.feed.select_row(1)
        window.pane.feed.delete_selected()
        await wait_until(lambda: model.row(1).state is RowState.DELETED)
        first = model.row(0)  # not "released (still queued)" any more
        assert first.state is RowState.DELETED and first.detail == "deleted as its redelivery"

    run(scenario())


def test_a_new_tab_shows_no_other_instances_history(make_window, run):
    window = make_window()

    async def scenario():
        instance = await start_on_sandbox(window.pane)
        await post(window.sandbox, [fill(TEXT, instance, f"A{n}") for n in range(3)])
        await wait_until(lambda: window.pane.session.deleted_count == 3)
        first = window.pane
        second = window.add_connection()
        assert second.model.rowCount() == 0
        second.feed.filter_box.setText("A1")
        second.feed.apply_filter()
        await asyncio.sleep(0.3)
        assert second.model.rowCount() == 0  # its search does not reach another instance
        await second.use_sandbox()
        assert second.form.instance_number() != instance
        assert second.model.rowCount() == 0
        assert first.model.rowCount() == 3

    run(scenario())


def test_the_language_switch_keeps_tabs_queue_and_polling(run, memory_keyring, whole_app):
    async def scenario():
        app = whole_app.start()
        await wait_until(lambda: shown_window() is not None)
        english = shown_window()
        await english.use_sandbox()  # tab 1: manual mode, not polling, 10 queued
        first_instance = english.pane.form.instance_number()
        await post(english.sandbox, [fill(TEXT, first_instance, f"Q{n}") for n in range(10)])
        second = english.add_connection()
        await start_on_sandbox(second)  # tab 2: auto-delete, polling
        second_instance = second.form.instance_number()
        sandbox_url = english.sandbox.url
        english.language_box.setCurrentIndex(english.language_box.findData("ru"))
        await wait_until(lambda: getattr(english, "language_dialog", None) is not None)
        yes = english.language_dialog.button(QMessageBox.StandardButton.Yes)
        yes.click()  # "the window reopens and polling stops — continue?"
        await wait_until(lambda: shown_window() not in (None, english))
        russian = shown_window()
        panes = russian.panes()
        await wait_until(lambda: panes[1].session.running)
        assert [p.form.instance_number() for p in panes] == [first_instance, second_instance]
        assert [p.form.settings().auto_delete for p in panes] == [False, True]
        assert not panes[0].session.running
        assert russian.sandbox is not None and russian.sandbox.url == sandbox_url
        async with httpx.AsyncClient() as http:
            token = panes[0].form.settings().token
            url = f"{sandbox_url}/waInstance{first_instance}/getWebhooksCount/{token}"
            assert (await http.get(url)).json()["count"] == 10  # the queue survived
        russian.language_box.setCurrentIndex(russian.language_box.findData("en"))
        await wait_until(lambda: getattr(russian, "language_dialog", None) is not None)
        russian.language_dialog.button(QMessageBox.StandardButton.Yes).click()  # back: the
        await wait_until(lambda: shown_window() not in (None, russian))  # translators go
        shown_window().close_now()
        return await app

    assert run(scenario()) == 0


def test_a_window_restart_keeps_the_sandbox_queue_and_the_tab(make_window, run):
    first = make_window()

    async def scenario():
        await first.use_sandbox()  # manual mode, not polling
        instance = first.pane.form.instance_number()
        await post(first.sandbox, [fill(TEXT, instance, f"K{n}") for n in range(10)])
        first.close_now()
        await first.aclose()
        second = make_window()
        pane = second.pane
        await wait_until(lambda: pane.form.is_valid() and second.sandbox is not None)
        assert pane.form.instance_number() == instance
        assert not pane.form.settings().auto_delete
        pane.refresh_depth()
        await wait_until(lambda: second.pane.queue.health.last_depth == 10)
        pane.start()
        await wait_until(lambda: pane.session.held_receipt is not None)
        pane.model.flush()
        assert pane.model.row(pane.model.rowCount() - 1).id_message == "K0"

    run(scenario())


def test_overlapping_sandbox_starts_share_one_sandbox(make_window, run):
    window = make_window()

    async def scenario():
        context = window.context
        first, second = await asyncio.gather(context.ensure_sandbox(), context.ensure_sandbox())
        assert first is second and not first.notice  # no second sandbox on a taken state file

    run(scenario())


def test_the_tab_state_stays_in_view_beside_a_notice(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        await pane.use_sandbox()  # leaves the notice "local sandbox at …" in the status bar
        window.sandbox.faults.set("receive:503=100%")
        pane.start()
        await wait_until(lambda: "backing off" in pane.state_label.text())
        assert pane.status.currentMessage().startswith("local sandbox at")
        assert pane.state_label.isVisible()  # not hidden by the notice
        window.sandbox.faults.set("")

    run(scenario())


def test_two_sandbox_tabs_come_back_on_one_sandbox_with_their_queues(make_window, run):
    first = make_window()

    async def scenario():
        await first.use_sandbox()
        second_tab = first.add_connection()
        await second_tab.use_sandbox()
        instances = [pane.form.instance_number() for pane in first.panes()]
        await post(first.sandbox, [fill(TEXT, instances[1], f"T{n}") for n in range(3)])
        first.close_now()
        await first.aclose()
        again = make_window()
        panes = again.panes()
        await wait_until(lambda: all(p.form.is_valid() for p in panes))
        assert [p.form.instance_number() for p in panes] == instances
        assert len({p.form.settings().api_url for p in panes}) == 1  # one sandbox
        panes[1].refresh_depth()
        await wait_until(lambda: panes[1].queue.health.last_depth == 3)

    run(scenario())


def test_command_line_connection_opens_its_own_tab_beside_saved_ones(make_window, run):
    first = make_window()

    async def scenario():
        await first.use_sandbox()
        saved_instance = first.pane.form.instance_number()
        first.close_now()
        await first.aclose()
        again = make_window()
        again.front_tab_for(api_url="http://127.0.0.1:9", instance="42")
        assert len(again.panes()) == 2 and again.pane is again.panes()[1]
        again.front_tab_for(sandbox=True)
        assert again.pane is again.panes()[0]
        await wait_until(lambda: again.panes()[0].form.instance_number() == saved_instance)

    run(scenario())


def test_deleting_an_old_row_after_a_server_restart_spares_the_notification_now_on_its_receipt(
    make_window, run
):
    """Before: Delete on a row captured before the server restarted sent its receipt id, which
    the restarted server had given to a new notification — deleted unseen (an outside tester)."""
    window = make_window()
    pane = window.pane

    async def scenario():
        async with Sandbox(instances={INSTANCE: TOKEN}) as first:
            port = int(first.url.rsplit(":", 1)[1])
            pane.form.set_settings(
                ConnectionSettings(first.url, str(INSTANCE), TOKEN, 5, False)  # manual mode
            )
            await post(first, [fill(TEXT, INSTANCE, "OLD-1")])
            pane.start()
            await wait_until(lambda: pane.session.state.phase is Phase.HOLDING)
            old = pane.model.row(0)
            assert old.receipt_id == 1
            pane.session.stop()  # OLD-1 stays queued... on a server about to lose it
            await wait_until(lambda: not pane.session.running)
        # the server restarts without its state: its receipt ids start at 1 again
        async with Sandbox(port=port, instances={INSTANCE: TOKEN}) as second:
            await post(second, [fill(TEXT, INSTANCE, "NEW-1")])
            pane.feed.select_row(0)
            pane.feed.delete_selected()
            await wait_until(lambda: pane.model.row(0).state is RowState.DELETE_FAILED)
            assert "not the queue's head" in pane.model.row(0).detail
            async with httpx.AsyncClient() as http:
                url = f"{second.url}/waInstance{INSTANCE}/receiveNotification/{TOKEN}"
                head = (await http.get(url, params={"receiveTimeout": 5})).json()
            assert head["receiptId"] == 1  # still queued, unseen: not deleted in OLD-1's name
            assert head["body"]["idMessage"] == "NEW-1"
            assert pane.session.deleted_count == 0

    run(scenario())


def test_deleting_an_old_row_still_at_the_head_deletes_it(make_window, run):
    """The check does not stop a real delete: the row's notification, still the head, goes."""
    window = make_window()
    pane = window.pane

    async def scenario():
        async with Sandbox(instances={INSTANCE: TOKEN}) as server:
            pane.form.set_settings(ConnectionSettings(server.url, str(INSTANCE), TOKEN, 5, False))
            await post(server, [fill(TEXT, INSTANCE, "KEPT-1")])
            pane.start()
            await wait_until(lambda: pane.session.state.phase is Phase.HOLDING)
            pane.session.stop()  # released: no longer the head this tab holds
            await wait_until(lambda: not pane.session.running)
            pane.feed.select_row(0)
            pane.feed.delete_selected()
            await wait_until(lambda: pane.model.row(0).state is RowState.DELETED)
            assert pane.session.deleted_count == 1
            async with httpx.AsyncClient() as http:
                url = f"{server.url}/waInstance{INSTANCE}/getWebhooksCount/{TOKEN}"
                assert (await http.get(url)).json()["count"] == 0

    run(scenario())
