"""A feed over a big journal: rows are paged in as drawn, memory stays bounded, and scrolling,
the inspector, filtering and following the newest row work as on a small one."""

from __future__ import annotations

import gc

import httpx
from PySide6.QtWidgets import QAbstractItemView

from greenconsole.journal.filler import fill_journal, id_message
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import COL_RECEIPT, FeedRow, RowState
from tests.ui.conftest import start_on_sandbox, wait_until

ROWS = 200_000
INSTANCE = 1101000001  # the first tab's instance in the embedded sandbox
ROWS_HELD = 10_000
"""At most this many row objects in memory, whatever is scrolled through (5% of the feed)."""


def row_objects() -> int:
    """FeedRow objects alive in this process (the old feed held one per row)."""
    gc.collect()
    return sum(isinstance(item, FeedRow) for item in gc.get_objects())


def top_row(table) -> int:
    """The row drawn at the top of the table."""
    table.viewport().repaint()  # draw now: the cells page their rows in
    return table.rowAt(0)


def test_a_big_journal_opens_paged_scrolls_filters_and_follows(make_window, run, journal_file):
    fill_journal(journal_file, INSTANCE, ROWS)
    window = make_window()
    pane, feed = window.pane, window.pane.feed
    table, model = feed.table, window.pane.model

    async def scenario():
        await pane.use_sandbox()  # the tab's instance: its last session (200k) opens as history
        assert model.rowCount() == ROWS and not model.filtered
        assert row_objects() < ROWS_HELD

        middle = ROWS // 2
        table.scrollTo(model.index(middle, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        assert top_row(table) == middle
        assert model.index(middle, COL_RECEIPT).data() == str(middle + 1)
        assert model.row(middle).id_message == id_message(middle)
        feed.select_row(middle)
        assert f'"idMessage": "{id_message(middle)}"' in pane.inspector.raw.toPlainText()
        for number in range(0, ROWS, ROWS // 50):  # scroll through the whole feed
            table.scrollTo(model.index(number, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            assert top_row(table) == number
            assert model.row(number).receipt_id == number + 1
        assert row_objects() < ROWS_HELD

        feed.filter_box.setText(f"id:{id_message(150_000)}")
        await wait_until(lambda: model.filtered and model.rowCount() == 1)
        assert model.row(0).receipt_id == 150_001
        feed.filter_box.setText("type:incomingCall")  # every fifth capture, from the third
        await wait_until(lambda: model.rowCount() == ROWS // 5)
        assert model.index(20_000, COL_RECEIPT).data() == str(5 * 20_000 + 3)
        feed.filter_box.setText("")
        await wait_until(lambda: not model.filtered and model.rowCount() == ROWS)

        table.scrollToBottom()
        inserted: list[tuple[int, int]] = []
        model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
        id_instance = await start_on_sandbox(pane)
        async with httpx.AsyncClient() as http:
            for n in range(3):
                body = fill(templates()["incomingMessageReceived · text"], id_instance, f"LIVE{n}")
                (await http.post(window.sandbox.webhook_url, json=body)).raise_for_status()
        await wait_until(lambda: pane.session.deleted_count == 3)
        await wait_until(lambda: model.rowCount() == ROWS + 3)
        assert inserted[0][0] == ROWS  # appended at the end
        newest = model.row(ROWS + 2)
        assert newest.id_message == "LIVE2" and not newest.history
        await wait_until(lambda: model.row(ROWS + 2).state is RowState.DELETED)
        bar = table.verticalScrollBar()
        await wait_until(lambda: bar.value() == bar.maximum())  # the view followed
        table.viewport().repaint()
        last = table.visualRect(model.index(ROWS + 2, COL_RECEIPT))  # on screen at any width
        assert table.viewport().rect().contains(last.center())
        assert row_objects() < ROWS_HELD

    run(scenario())


def test_live_rows_once_deleted_leave_memory_like_history(tmp_path, qtbot):
    """A week of auto-delete: deleted live rows are settled in the journal, so the model keeps
    a bounded cache of them, not one object per notification."""
    from greenconsole.journal.store import Journal
    from greenconsole.protocol.notification import Notification
    from greenconsole.ui.feed_model import FeedModel

    live = 20_000
    journal = Journal(tmp_path / "journal.sqlite3")
    model = FeedModel(source=journal)
    session = journal.start_session(INSTANCE, "http://127.0.0.1:1", "window")
    text = templates()["incomingMessageReceived · text"]
    for n in range(live):
        capture = journal.record(session, INSTANCE, Notification(n + 1, fill(text, INSTANCE)))
        model.append(FeedRow.from_capture(capture, history=False))
        model.flush()
        journal.mark_deleted(capture.id, True)  # what the capture core notes
        model.update_capture(capture.id, state=RowState.DELETED, detail="")  # as on_deleted does
    journal.flush()
    model.flush()
    assert model.rowCount() == live
    assert row_objects() < ROWS_HELD  # half of them: 8,192 at most (two cache fills)
    assert model.row(0).state is RowState.DELETED  # paged back in from the journal
    journal.close()
