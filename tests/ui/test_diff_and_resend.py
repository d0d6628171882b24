"""Compare two notifications, compare one with the previous of its chat, edit and resend, and
presentation mode in the composer, the diff window and exports; replay refuses masked bodies."""

from __future__ import annotations

import copy
import json

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from greenconsole.templates import fill, templates
from greenconsole.ui.diff_view import PATH_ROLE
from tests.ui.conftest import wait_until

TEXT = templates()["incomingMessageReceived · text"]
TEXT_PATH = "body.messageData.textMessageData.textMessage"


def message(n: int, chat: str = "79001112233@c.us", text: str = "hello") -> dict:
    body = fill(TEXT, 1101000001, f"MSG{n}")
    body["senderData"]["chatId"] = body["senderData"]["sender"] = chat
    body["messageData"]["textMessageData"]["textMessage"] = text
    return body


async def drained(window, bodies) -> None:
    """The window's first tab on its sandbox instance, `bodies` received and deleted."""
    pane = window.pane
    await pane.use_sandbox()
    id_instance = int(pane.form.settings().id_instance)
    async with httpx.AsyncClient() as http:
        for body in bodies:
            body["instanceData"]["idInstance"] = id_instance
            (await http.post(window.sandbox.webhook_url, json=body)).raise_for_status()
    pane.form.ack_mode.setCurrentIndex(1)
    pane.start()
    await wait_until(lambda: pane.session.deleted_count == len(bodies))
    await wait_until(lambda: pane.model.rowCount() == len(bodies))


def select(pane, *numbers: int) -> None:
    selection = pane.feed.table.selectionModel()
    selection.clear()
    for number in numbers:
        selection.select(
            pane.model.index(number, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )


def paths(pane) -> list[str]:
    listed = pane.diff_view.paths
    return [listed.item(n).data(PATH_ROLE) for n in range(listed.count())]


def test_two_selected_notifications_are_compared_path_by_path(make_window, run):
    window = make_window()
    pane = window.pane
    changed = message(2, text="bye")
    changed["senderData"]["chatName"] = "Ivan P."

    async def scenario():
        await drained(window, [message(1), changed])
        select(pane, 0, 1)
        window.menus.actions["compare"].trigger()
        await wait_until(lambda: pane.diff_view.isVisible())
        assert paths(pane) == ["body.idMessage", "body.senderData.chatName", TEXT_PATH]
        listed = pane.diff_view.paths
        assert '"hello" → "bye"' in listed.item(2).text()
        assert "receipt 1" in pane.diff_view.left_title.text()
        left = pane.diff_view.left.toPlainText().split("\n")
        right = pane.diff_view.right.toPlainText().split("\n")
        assert len(left) == len(right)  # aligned rows
        row = pane.diff_view.shown.view.row_of(TEXT_PATH)
        assert left[row].startswith("~") and '"hello"' in left[row]
        assert right[row].startswith("~") and '"bye"' in right[row]
        assert not left[1].startswith("~")  # an unchanged line has no sign

        listed.setCurrentRow(2)  # the user clicks the path: both sides go to its line
        for editor in (pane.diff_view.left, pane.diff_view.right):
            assert editor.textCursor().blockNumber() == row
            assert '"textMessage"' in editor.textCursor().selectedText()

        select(pane, 0)
        window.menus.actions["compare"].trigger()  # one row: told, not compared
        assert "select exactly two" in pane.status.currentMessage()

    run(scenario())


def test_a_notification_is_compared_with_the_previous_of_its_chat(make_window, run):
    window = make_window()
    pane = window.pane

    async def scenario():
        other = message(2, chat="79005550000@c.us", text="other chat")
        await drained(window, [message(1), other, message(3, text="again")])
        select(pane, 2)
        window.menus.actions["compare_previous"].trigger()
        await wait_until(lambda: pane.diff_view.isVisible())
        assert "receipt 1 " in pane.diff_view.left_title.text()  # not receipt 2: another chat
        assert "receipt 3 " in pane.diff_view.right_title.text()
        assert TEXT_PATH in paths(pane)
        select(pane, 1)
        window.menus.actions["compare_previous"].trigger()
        await wait_until(lambda: "no earlier notification" in pane.status.currentMessage())

    run(scenario())


def test_edit_and_resend_posts_the_edited_body(make_window, run):
    window = make_window()
    pane = window.pane

    async def scenario():
        await drained(window, [message(1)])
        select(pane, 0)
        window.menus.actions["resend"].trigger()
        composer = pane.composer
        assert pane.tabs.currentWidget().widget() is composer  # the composer page is in front
        assert "from receipt 1" in composer.origin.text() and composer.origin.isVisible()
        text = composer.editor.toPlainText()
        assert '\n  "idMessage": "MSG1",\n' in text  # pretty-printed
        composer.editor.setPlainText(text.replace('"hello"', '"edited by hand"'))
        composer.send_button.click()
        await wait_until(lambda: pane.session.deleted_count == 2)
        await wait_until(lambda: pane.model.rowCount() == 2)
        resent = pane.feed.document(pane.model.rows()[-1])["body"]
        assert resent["messageData"]["textMessageData"]["textMessage"] == "edited by hand"
        assert resent["idMessage"] == "MSG1"

    run(scenario())


def test_presentation_mode_masks_the_composer_diff_title_and_export(make_window, run, tmp_path):
    window = make_window()
    pane = window.pane

    async def scenario():
        await drained(window, [message(1), message(2, text="bye")])
        pane.session.stop()
        instance = pane.form.settings().id_instance
        window.presentation.setChecked(True)

        composer = pane.composer
        assert composer.bodies.currentWidget() is composer.masked_view
        shown = composer.masked_view.toPlainText()
        assert "79001112233" not in shown and "Ivan" not in shown and "7900•••2233" in shown
        assert composer.editor.toPlainText().count("79001112233")  # the real text is kept
        assert not composer.send_button.isEnabled()
        assert composer.presentation_note.isVisibleTo(composer)
        composer.send(1)  # nothing is sent while masked
        assert not composer._sending

        select(pane, 0, 1)
        window.menus.actions["compare"].trigger()
        await wait_until(lambda: pane.diff_view.isVisible())
        for text in (pane.diff_view.left.toPlainText(), pane.diff_view.right.toPlainText()):
            assert "79001112233" not in text and '"I•••"' in text
            assert instance not in text and f'"{instance[:2]}•••{instance[-2:]}"' in text
        pane.feed.select_row(0)
        await wait_until(lambda: '"I•••"' in pane.inspector.raw.toPlainText())
        assert instance not in pane.inspector.raw.toPlainText()
        assert instance not in window.connections.tabText(0)
        assert instance not in pane.diff_view.windowTitle()

        pane.feed.ask_export("all", "JSON Lines")
        dialog = pane.feed.transfer.export_dialog
        assert dialog.mask_box.isVisible() and dialog.mask_box.isChecked()
        target = tmp_path / "shared.jsonl"
        dialog.selectFile(str(target))
        dialog.accept()
        await wait_until(target.exists)
        exported = target.read_text("utf-8")
        assert "79001112233" not in exported and '"I•••"' in exported
        dialog.close()

        window.presentation.setChecked(False)  # the open compare window shows the real values
        await wait_until(lambda: "79001112233" in pane.diff_view.left.toPlainText())
        assert composer.bodies.currentWidget() is composer.editor
        assert composer.send_button.isEnabled()
        assert instance in window.connections.tabText(0)
        pane.feed.ask_export("all", "JSON Lines")
        assert not pane.feed.transfer.export_dialog.mask_box.isChecked()  # in clear by default
        pane.feed.transfer.export_dialog.close()

    run(scenario())


def test_replay_refuses_masked_bodies_unless_ticked(make_window, run, tmp_path):
    window = make_window()
    pane = window.pane

    async def scenario():
        await drained(window, [message(1)])
        pane.session.stop()
        await wait_until(lambda: not pane.session.running)
        masked = tmp_path / "masked.jsonl"
        pane.feed.export_to(str(masked), "all", redacted=True)
        box = pane.feed.replay_masked_box
        assert not box.isVisibleTo(pane.feed)  # live rows are the journal's: never masked
        assert await pane.feed.import_file(str(masked))
        assert box.isVisibleTo(pane.feed) and not box.isChecked()
        select(pane, 0)
        assert await pane.feed.replay_selected() == 0
        said = pane.status.currentMessage()
        assert "body.instanceData.wid" in said and "•••" in said and "\n" not in said

        window.menus.actions["resend"].trigger()  # the real body is found in the journal
        await wait_until(lambda: "79001112233" in pane.composer.editor.toPlainText())

        box.setChecked(True)
        assert await pane.feed.replay_selected() == 1
        pane.feed.show_live()
        pane.start()  # the same instance: the replayed body waits in its queue
        await wait_until(lambda: pane.session.deleted_count == 2)
        await wait_until(lambda: pane.model.rowCount() == 2)
        replayed = pane.feed.document(pane.model.rows()[-1])["body"]
        assert replayed["senderData"]["chatId"] == "7900•••2233@c.us"  # posted only when asked

    run(scenario())


def test_a_masked_row_is_not_loaded_when_the_journal_lacks_its_real_body(
    make_window, run, tmp_path
):
    window = make_window()
    pane = window.pane

    async def scenario():
        await drained(window, [message(1)])
        pane.session.stop()
        masked = tmp_path / "masked.jsonl"
        pane.feed.export_to(str(masked), "all", redacted=True)
        other = copy.deepcopy(json.loads(masked.read_text("utf-8")))
        other["body"]["idMessage"] = "NOT-CAPTURED"
        masked.write_text(json.dumps(other), "utf-8")
        assert await pane.feed.import_file(str(masked))
        before = pane.composer.editor.toPlainText()
        select(pane, 0)
        window.menus.actions["resend"].trigger()
        await wait_until(lambda: "is masked" in pane.status.currentMessage())
        assert "body.instanceData.wid" in pane.status.currentMessage()
        assert pane.composer.editor.toPlainText() == before
        assert QApplication.focusWidget() is not pane.composer.editor

    run(scenario())


def test_the_feed_keys_and_context_menu_reach_compare_and_resend(make_window, run, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    pane = window.pane
    shortcuts = [a.shortcut().toString() for a in window.menus.actions.values()]
    shortcuts = [key for key in shortcuts if key]
    assert len(shortcuts) == len(set(shortcuts))  # Ctrl+K and Ctrl+E are nobody else's
    table = pane.feed.table
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    offered = [action.text().replace("&", "") for action in table.actions()]
    assert {"Compare selected", "Edit and resend…"} <= set(offered)

    async def scenario():
        await drained(window, [message(1), message(2, text="bye")])
        select(pane, 0, 1)
        table.setFocus()
        QTest.keySequence(table, "Ctrl+K")
        await wait_until(lambda: pane.diff_view.isVisible())
        assert TEXT_PATH in paths(pane)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        select(pane, 1)
        table.setFocus()
        QTest.keySequence(table, "Ctrl+E")
        assert '"bye"' in pane.composer.editor.toPlainText()
        assert "from receipt 2" in pane.composer.origin.text()

    run(scenario())


def test_esc_and_ctrl_w_close_the_compare_window_and_only_it(make_window, run, qtbot):
    window = make_window()
    pane = window.pane

    async def scenario():
        await drained(window, [message(1), message(2, text="bye")])
        for key in ("Esc", "Ctrl+W"):
            select(pane, 0, 1)
            window.menus.actions["compare"].trigger()
            await wait_until(lambda: QApplication.activeWindow() is pane.diff_view)
            QTest.keySequence(QApplication.focusWidget() or pane.diff_view, key)
            assert not pane.diff_view.isVisible(), key
            assert window.connections.count() == 1  # Ctrl+W there is not the tab's Ctrl+W

    run(scenario())
