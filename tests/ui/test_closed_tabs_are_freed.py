"""Closed tabs are freed: the window's GC freezing must not keep their pane, model and rows."""

from __future__ import annotations

import asyncio
import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent

from greenconsole.protocol.notification import Notification
from greenconsole.ui.feed_model import FeedRow
from greenconsole.ui.main_window import FREEZE_EVERY_ROWS
from tests.ui.conftest import wait_until
from tests.ui.test_inspector_and_feed import note


class Body(dict):
    """A notification body that can be watched with a weakref (rows have slots)."""


def test_tabs_opened_filled_and_closed_in_a_loop_leave_nothing_behind(make_window, run):
    window = make_window()
    gone: list[weakref.ref] = []

    async def scenario():
        for _ in range(3):
            pane = window.add_connection()
            first = Body(note(0).body)
            pane.model.append(FeedRow.from_notification(Notification(0, first), keep_body=True))
            for n in range(1, FREEZE_EVERY_ROWS + 100):
                pane.model.append(FeedRow.from_notification(note(n)))
            await wait_until(lambda p=pane: p.model.loaded_count >= FREEZE_EVERY_ROWS + 100)
            window.housekeeping()
            assert gc.get_freeze_count() > FREEZE_EVERY_ROWS  # the rows are frozen
            gone.extend([weakref.ref(pane), weakref.ref(pane.model), weakref.ref(first)])
            window.close_connection(window.connections.indexOf(pane))
            del pane, first
            await wait_until(lambda: not window._closing)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            await asyncio.sleep(0)
            window.housekeeping()
        gc.collect()
        assert [ref for ref in gone if ref() is not None] == []
        assert window.connections.count() == 1  # the first tab stays

    run(scenario())
