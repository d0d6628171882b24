"""Inspector find, feed auto-follow, and the one-time dialog for unexpected errors."""

from __future__ import annotations

import asyncio

from greenconsole.protocol.notification import Notification
from greenconsole.ui.feed_model import FeedModel, FeedRow
from tests.ui.conftest import wait_until


def note(n: int, text: str = "hello") -> Notification:
    return Notification(
        n,
        {
            "typeWebhook": "incomingMessageReceived",
            "idMessage": f"I{n}",
            "messageData": {
                "typeMessage": "textMessage",
                "textMessageData": {"textMessage": f"{text} {n}"},
            },
        },
    )


def test_find_selects_the_match_in_tree_and_raw(make_window, run):
    window = make_window()

    async def scenario():
        window.pane.inspector.show_document({"receiptId": 3, "body": note(3, "needle").body})
        window.pane.inspector.find_box.setText("needle 3")
        assert window.pane.inspector.find_next()
        assert window.pane.inspector.raw.textCursor().selectedText() == "needle 3"
        current = window.pane.inspector.tree.currentIndex()
        assert current.data() == "needle 3"
        window.pane.inspector.copy_path()
        assert window.pane.inspector.status.text().startswith("copied path")
        window.pane.inspector.find_box.setText("absent text")
        assert not window.pane.inspector.find_next()
        assert "not found" in window.pane.inspector.status.text()

    run(scenario())


def test_feed_follows_the_newest_row_unless_the_user_scrolled_away(make_window, run):
    window = make_window()

    async def scenario():
        for n in range(200):
            window.pane.model.append(FeedRow.from_notification(note(n)))
        await wait_until(lambda: window.pane.model.rowCount() == 200)
        await asyncio.sleep(0.1)
        bar = window.pane.feed.table.verticalScrollBar()
        assert bar.value() == bar.maximum() > 0
        bar.setValue(0)  # the user looks at older rows
        for n in range(200, 220):
            window.pane.model.append(FeedRow.from_notification(note(n)))
        await wait_until(lambda: window.pane.model.rowCount() == 220)
        await asyncio.sleep(0.1)
        assert bar.value() == 0

    run(scenario())


def test_model_batches_inserts():
    model = FeedModel()
    inserts = []
    model.rowsInserted.connect(lambda parent, first, last: inserts.append((first, last)))
    for n in range(50):
        model.append(FeedRow.from_notification(note(n)))
    assert model.rowCount() == 0  # not yet: rows go in with the next batch
    model.flush()
    assert inserts == [(0, 49)] and model.rowCount() == 50


def test_an_unexpected_error_is_shown_once_and_logged(make_window, run):
    window = make_window()

    async def boom(n: int):
        raise RuntimeError(f"surprise {n}")

    async def scenario():
        window.tasks.spawn(boom(1))
        await wait_until(lambda: window._error_shown)
        assert "surprise 1" in window.error_dialog.text()
        first_dialog = window.error_dialog
        window.tasks.spawn(boom(2))
        await wait_until(lambda: "surprise 2" in window.pane.status.currentMessage())
        assert window.error_dialog is first_dialog
        window.error_dialog.close()
        window._error_shown = False  # expected in this test: keep the fixture's check for others

    run(scenario())
