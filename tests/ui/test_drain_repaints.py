"""A drain repaints in batches: not a row repaint, nor a status line, per notification."""

from __future__ import annotations

import httpx

from greenconsole.protocol.notification import Notification
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import (
    BUSY_FLUSH_MS,
    BUSY_ROWS,
    COL_STATE,
    FLUSH_MS,
    FeedModel,
    FeedRow,
    RowState,
)
from tests.ui.conftest import start_on_sandbox, wait_until

N = 200
TEXT = templates()["incomingMessageReceived · text"]


def test_a_drain_sets_the_state_line_once_not_per_notification(make_window, run):
    window = make_window()
    pane = window.pane
    states: list[str] = []
    pane.session.state_changed.connect(states.append)

    async def scenario():
        await pane.use_sandbox()
        async with httpx.AsyncClient() as http:
            for n in range(N):
                body = fill(TEXT, 1101000001, f"R{n}")
                (await http.post(window.sandbox.webhook_url, json=body)).raise_for_status()
        await start_on_sandbox(pane)
        await wait_until(lambda: pane.session.deleted_count == N)
        await wait_until(lambda: pane.model.rowCount() == N)
        assert pane.model.index(N - 1, COL_STATE).data() == "deleted"
        assert pane.state_label.text() == "polling"
        assert states.count("polling") <= 2, states[:10]  # not once per receive

    run(scenario())


def test_rows_changing_state_are_repainted_once_per_batch(qapp):
    model = FeedModel()
    for n in range(N):
        model.append(FeedRow.from_notification(Notification(n + 1, fill(TEXT, 1, f"S{n}")), n + 1))
    model.flush()
    repaints: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: repaints.append((first.row(), last.row())))
    for n in range(N):  # what auto-delete does to each row within milliseconds
        model.update_capture(n + 1, state=RowState.DELETING)
        model.update_capture(n + 1, state=RowState.DELETED, detail="result: true")
    assert model.index(0, COL_STATE).data() == "deleted · result: true"  # the row knows at once
    model.flush()  # the next batch (FLUSH_MS)
    assert repaints == [(0, N - 1)]


def test_a_flood_of_rows_is_shown_once_a_second_and_a_trickle_at_once_again(qapp, qtbot):
    model = FeedModel()
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))

    def batch(count: int, start: int) -> None:  # rows come; the model's timer shows them
        for n in range(start, start + count):
            model.append(FeedRow.from_notification(Notification(n, fill(TEXT, 1, f"F{n}")), n))
        qtbot.waitUntil(lambda: model.rowCount() == start + count - 1, timeout=3 * BUSY_FLUSH_MS)

    assert model.flush_delay_ms == FLUSH_MS
    batch(BUSY_ROWS, 1)  # 400 rows a second: nobody reads them one by one
    assert model.flush_delay_ms == BUSY_FLUSH_MS
    # the flood ends: a second later the feed is quick again, before any new row comes
    qtbot.waitUntil(lambda: model.flush_delay_ms == FLUSH_MS, timeout=3 * BUSY_FLUSH_MS)
    batch(3, BUSY_ROWS + 1)
    assert model.flush_delay_ms == FLUSH_MS
    assert inserted == [BUSY_ROWS, 3] and model.rowCount() == BUSY_ROWS + 3
