"""The window end to end on the embedded sandbox: compose → feed → inspect → delete."""

from __future__ import annotations

import asyncio

import httpx
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import RowState
from tests.ui.conftest import wait_until


async def post(window, bodies) -> None:
    async with httpx.AsyncClient() as http:
        for item in bodies:
            (await http.post(window.sandbox.webhook_url, json=item)).raise_for_status()


async def depth(window) -> int:
    return await window.pane.session.client.count()


def test_compose_arrives_inspect_delete_and_queue_is_empty(make_window, run, qtbot):
    window = make_window()

    async def scenario():
        await window.use_sandbox()
        assert window.pane.form.is_valid() and window.pane.start_button.isEnabled()
        window.pane.composer.template_box.setCurrentText("incomingMessageReceived · text")
        window.pane.composer.apply_template()
        qtbot.mouseClick(window.pane.composer.send_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: "HTTP 200" in window.pane.composer.answer.text())
        qtbot.mouseClick(window.pane.start_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: window.pane.model.rowCount() == 1)
        row = window.pane.model.row(0)
        assert row.type_webhook == "incomingMessageReceived"
        assert row.summary == "Привет! Hello from Green Console"
        await wait_until(lambda: row.state is RowState.HELD)
        assert "holding receipt" in window.pane.state_label.text()

        window.pane.feed.select_row(0)
        paths = []
        model = window.pane.inspector.model

        def walk(parent):
            for r in range(model.rowCount(parent)):
                index = model.index(r, 0, parent)
                paths.append(index.data(Qt.ItemDataRole.UserRole + 1))
                walk(index)

        from PySide6.QtCore import QModelIndex

        walk(QModelIndex())
        assert "body.messageData.textMessageData.textMessage" in paths
        text_index = model.match(
            model.index(0, 0),
            Qt.ItemDataRole.UserRole + 1,
            "body.messageData.textMessageData.textMessage",
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )[0]
        window.pane.inspector.tree.setCurrentIndex(text_index)
        window.pane.inspector.copy_path()
        assert QGuiApplication.clipboard().text() == "body.messageData.textMessageData.textMessage"
        window.pane.inspector.copy_value()
        assert QGuiApplication.clipboard().text() == "Привет! Hello from Green Console"
        assert (
            '"textMessage": "Привет! Hello from Green Console"'
            in window.pane.inspector.raw.toPlainText()
        )

        window.pane.feed.table.setFocus()
        qtbot.keyClick(window.pane.feed.table, Qt.Key.Key_Delete)
        await wait_until(lambda: row.state is RowState.DELETED)
        assert row.state_text == "deleted"  # no English API literal in a translated cell
        assert await depth(window) == 0
        window.pane.refresh_depth()
        await wait_until(lambda: window.pane.queue.depth_label.text() == "queue depth: 0")

    run(scenario())


def test_manual_mode_holds_at_the_head_until_deleted_or_skipped(make_window, run):
    window = make_window()

    async def scenario():
        await window.use_sandbox()
        id_instance = window.sandbox.first_instance[0]
        template = templates()["incomingMessageReceived · text"]
        await post(window, [fill(template, id_instance, f"M{n}") for n in range(3)])
        window.start()
        await wait_until(lambda: window.pane.model.rowCount() == 1)
        await asyncio.sleep(1.5)
        assert window.pane.model.rowCount() == 1  # it holds: no poll until the user acts
        assert await depth(window) == 3
        first = window.pane.model.row(0)
        assert first.state is RowState.HELD and window.pane.feed.skip_button.isEnabled()

        window.pane.feed.select_row(0)
        window.pane.feed.delete_selected()
        await wait_until(lambda: window.pane.model.rowCount() == 2)
        second = window.pane.model.row(1)
        assert first.state is RowState.DELETED and second.id_message == "M1"
        await wait_until(lambda: second.state is RowState.HELD)

        window.pane.session.skip()  # the head stays; it comes back and is flagged, not shown twice
        await wait_until(lambda: second.repeats >= 1)
        assert second.state is RowState.SKIPPED and "came back" in second.state_text
        assert window.pane.model.rowCount() == 2
        assert await depth(window) == 2

    run(scenario())


def test_auto_delete_drains_500_in_order(make_window, run):
    window = make_window()

    async def scenario():
        await window.use_sandbox()
        id_instance = window.sandbox.first_instance[0]
        template = templates()["incomingMessageReceived · text"]
        await post(window, [fill(template, id_instance, f"N{n:04d}") for n in range(500)])
        window.pane.form.ack_mode.setCurrentIndex(1)
        window.start()
        await wait_until(lambda: window.pane.session.deleted_count == 500, timeout=60)
        window.pane.model.flush()
        rows = window.pane.model.rows()
        assert [row.id_message for row in rows] == [f"N{n:04d}" for n in range(500)]
        assert all(row.state is RowState.DELETED for row in rows)
        receipts = [row.receipt_id for row in rows]
        assert receipts == sorted(receipts)
        assert await depth(window) == 0
        # the status line catches up on its own (refresh_status returns nothing to assert on)
        await wait_until(lambda: "received 500 · deleted 500" in window.pane.counts_label.text())

    run(scenario(), timeout=90)


def test_duplicates_are_flagged_and_filters_narrow_the_feed(make_window, run):
    window = make_window()

    async def scenario():
        await window.use_sandbox()
        id_instance = window.sandbox.first_instance[0]
        text = fill(templates()["incomingMessageReceived · text"], id_instance, "SAME")
        status = fill(templates()["outgoingMessageStatus"], id_instance, "OTHER")
        await post(window, [text, text, status])
        window.pane.form.ack_mode.setCurrentIndex(1)
        window.start()
        await wait_until(lambda: window.pane.session.deleted_count == 3)
        window.pane.model.flush()
        assert not window.pane.model.row(0).duplicate_of
        assert "duplicate" in window.pane.model.row(1).state_text
        feed = window.pane.feed
        feed.type_box.setCurrentIndex(feed.type_box.findData("outgoingMessageStatus"))
        await wait_until(lambda: window.pane.model.filtered and window.pane.model.rowCount() == 1)
        assert window.pane.model.row(0).type_webhook == "outgoingMessageStatus"
        feed.type_box.setCurrentIndex(0)
        feed.filter_box.setText("привет")
        await wait_until(lambda: window.pane.model.filtered and window.pane.model.rowCount() == 2)
        feed.filter_box.setText("no such text")
        await wait_until(lambda: window.pane.model.rowCount() == 0)
        feed.filter_box.setText("id:SAME")
        await wait_until(lambda: window.pane.model.rowCount() == 2)
        feed.filter_box.setText("since:tomorrow")
        await wait_until(lambda: "tomorrow" in feed.filter_box.toolTip())
        feed.filter_box.setText("")
        await wait_until(
            lambda: not window.pane.model.filtered and window.pane.model.rowCount() == 3
        )

    run(scenario())


def test_clear_queue_asks_first_and_names_the_instance(make_window, run):
    window = make_window()

    async def scenario():
        await window.use_sandbox()
        id_instance = window.sandbox.first_instance[0]
        await post(window, [fill(templates()["deviceInfo"], id_instance)] * 2)
        window.pane.confirm_clear_queue()
        dialog = window.pane.clear_dialog
        assert str(id_instance) in dialog.text()
        dialog.button(dialog.StandardButton.Cancel).click()
        await asyncio.sleep(0.2)
        window.pane.session.configure(window.pane.form.settings())
        assert await depth(window) == 2
        window.pane.confirm_clear_queue()
        window.pane.clear_dialog.button(dialog.StandardButton.Yes).click()
        await wait_until(lambda: window.pane.status.currentMessage() == "queue cleared")
        assert await depth(window) == 0

    run(scenario())
