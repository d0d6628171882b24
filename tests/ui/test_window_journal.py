"""The window and the journal: history after a restart, search, export/import/replay, clearing."""

from __future__ import annotations

import json

import httpx

from greenconsole.journal.store import Journal
from greenconsole.journal.transfer import parse_import
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import RowState
from tests.ui.conftest import wait_until

TEXT = templates()["incomingMessageReceived · text"]


async def post(window, bodies) -> None:
    async with httpx.AsyncClient() as http:
        for item in bodies:
            (await http.post(window.sandbox.webhook_url, json=item)).raise_for_status()


async def drain_with(window, bodies) -> None:
    await window.use_sandbox()
    await post(window, bodies)
    window.pane.form.ack_mode.setCurrentIndex(1)
    window.start()
    await wait_until(lambda: window.pane.session.deleted_count == len(bodies))
    window.pane.session.stop()
    await wait_until(lambda: not window.pane.session.running)


def test_captures_survive_a_restart_and_open_as_history(make_window, run, journal_file):
    first = make_window()

    async def scenario():
        await drain_with(first, [fill(TEXT, 1101000001, f"H{n}") for n in range(5)])
        first.close()
        await first.aclose()
        second = make_window()
        assert second.pane.model.rowCount() == 5
        rows = second.pane.model.rows()
        assert [row.id_message for row in rows] == [f"H{n}" for n in range(5)]
        assert all(row.history and row.state is RowState.DELETED for row in rows)
        assert rows[0].state_text.startswith("history · deleted")
        second.pane.feed.select_row(0)
        assert (
            '"idMessage": "H0"' in second.pane.inspector.raw.toPlainText()
        )  # body from the journal

    run(scenario())
    with Journal(journal_file) as journal:
        assert journal.count() == 5


def test_filter_searches_the_whole_journal_not_just_the_loaded_rows(make_window, run, journal_file):
    journal = Journal(journal_file)
    from greenconsole.protocol.notification import Notification

    old = journal.start_session(1, "http://x", "cli")
    for n in range(300):
        journal.record(old, 1, Notification(n + 1, fill(TEXT, 1, f"OLD{n:03d}")))
    newest = journal.start_session(1, "http://x", "cli")
    journal.record(newest, 1, Notification(999, fill(TEXT, 1, "NEW")))
    journal.close()
    window = make_window()
    window.pane.form.id_instance.setText("1")  # the tab's instance: its history opens

    async def scenario():
        assert window.pane.model.rowCount() == 1  # only the last session is loaded
        window.pane.feed.filter_box.setText("id:old123")
        await wait_until(lambda: window.pane.model.filtered and window.pane.model.rowCount() == 1)
        assert window.pane.model.row(0).id_message == "OLD123"
        window.pane.feed.filter_box.setText("привет")
        await wait_until(lambda: window.pane.model.rowCount() == 301)
        assert window.pane.model.row(150).id_message == "OLD150"  # paged in from the journal
        await wait_until(lambda: window.pane.feed.last_search_ms is not None)  # the search ends
        window.pane.feed.filter_box.setText("")
        await wait_until(lambda: not window.pane.model.filtered)
        window.pane.feed.load_older()
        assert window.pane.model.rowCount() == 301
        assert window.pane.model.row(0).id_message == "OLD000"

    run(scenario())


def test_export_import_and_replay_from_the_window(make_window, run, tmp_path):
    window = make_window()
    bodies = [fill(TEXT, 1101000001, f"E{n}") for n in range(4)]
    bodies[2]["messageData"]["textMessageData"]["textMessage"] = "эмодзи 🎉"

    async def scenario():
        await drain_with(window, bodies)
        jsonl, array = tmp_path / "all.jsonl", tmp_path / "sel.json"
        assert window.pane.feed.export_to(str(jsonl), "all", redacted=False) == 4
        window.pane.feed.select_row(2)
        assert window.pane.feed.export_to(str(array), "selected", redacted=False) == 1
        assert [item.body for item in parse_import(jsonl.read_text("utf-8"), "f")] == bodies
        assert json.loads(array.read_text("utf-8"))[0]["body"] == bodies[2]

        bad = tmp_path / "bad.jsonl"
        bad.write_text(jsonl.read_text("utf-8") + "{broken\n", encoding="utf-8")
        assert not await window.pane.feed.import_file(str(bad))
        assert "line 5" in window.pane.feed.transfer.import_error.text()
        assert window.pane.model.rowCount() == 4 and window.pane.feed.back_button.isHidden()

        assert await window.pane.feed.import_file(str(jsonl))
        assert window.pane.model.rowCount() == 4 and not window.pane.start_button.isEnabled()
        assert all(row.state is RowState.IMPORTED for row in window.pane.model.rows())
        window.pane.feed.filter_box.setText("эмодзи")
        await wait_until(lambda: window.pane.model.filtered and window.pane.model.rowCount() == 1)
        window.pane.feed.filter_box.setText("")
        await wait_until(lambda: window.pane.model.rowCount() == 4)

        assert await window.pane.feed.replay_selected() == 4  # nothing selected: the whole import
        window.pane.session.configure(window.pane.form.settings())
        assert await window.pane.session.client.count() == 4
        window.pane.feed.show_live()
        assert window.pane.start_button.isEnabled() and window.pane.model.rowCount() == 4

    run(scenario())


def test_clear_history_asks_then_empties_the_journal_only(make_window, run, journal_file):
    window = make_window()

    async def scenario():
        await drain_with(window, [fill(TEXT, 1101000001, f"C{n}") for n in range(3)])
        await post(window, [fill(TEXT, 1101000001, "STAYS")])
        window.pane.feed.confirm_clear_history()
        dialog = window.pane.feed.history.clear_dialog
        assert "3 captures" in dialog.text()
        dialog.button(dialog.StandardButton.Yes).click()
        await wait_until(lambda: window.pane.model.rowCount() == 0)
        assert window.journal.count() == 0
        window.pane.session.configure(window.pane.form.settings())
        assert await window.pane.session.client.count() == 1  # the server queue is untouched

    run(scenario())
