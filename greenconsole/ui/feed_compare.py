"""A tester's tools on feed rows: compare two notifications, compare one with the previous
notification of its chat, and put one in the composer to edit and send again."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from greenconsole.journal.store import body_of
from greenconsole.redact import first_masked, mask_phones, redact
from greenconsole.ui.diff_view import Side
from greenconsole.ui.feed_model import FeedRow

if TYPE_CHECKING:
    from greenconsole.ui.feed_panel import FeedPanel


class FeedCompare(QObject):
    """Works on the selected rows of a feed; what it finds goes out as signals (the tab opens
    the diff window or the composer), what it cannot do as a one-line message."""

    compare_ready = Signal(object, object)  # Side, Side
    resend_ready = Signal(object, str)  # body (dict), where it came from
    message = Signal(str)

    def __init__(self, feed: FeedPanel) -> None:
        super().__init__(feed)
        self.feed = feed

    # --- compare -------------------------------------------------------------------------
    def compare_selected(self) -> None:
        """Compare the two selected notifications (older on the left)."""
        rows = self.feed.selected_rows()
        if len(rows) != 2:
            self.message.emit(
                self.tr("Compare: select exactly two notifications ({0} selected)").format(
                    len(rows)
                )
            )
            return
        sides = [self._side(row) for row in rows]
        if sides[0] is not None and sides[1] is not None:
            self.compare_ready.emit(sides[0], sides[1])

    def compare_previous(self) -> None:
        """Compare the selected notification with the previous one of its chat (the journal
        is searched off the Qt thread; an imported file among its own rows)."""
        row = self._one_row(self.tr("Compare with previous"))
        if row is None or self._side(row) is None:
            return
        if not row.chat:
            self.message.emit(
                self.tr(
                    "receipt {0} has no chatId: it has no previous notification to compare"
                ).format(row.receipt_id)
            )
            return
        self.feed.tasks.spawn(self._compare_previous(row))

    async def _compare_previous(self, row: FeedRow) -> None:
        previous: FeedRow | None = None
        imported = self.feed.imported
        if imported is not None:
            earlier = [r for r in imported.rows if r.key < row.key and r.chat == row.chat]
            previous = earlier[-1] if earlier else None
        elif (scope := self.feed.scope) is not None and row.capture_id is not None:
            capture_id, chat = row.capture_id, row.chat
            found = await self.feed.search_thread.run(
                lambda: self.feed.search_thread.reader().previous_in_chat(capture_id, scope, chat)
            )
            captures = self.feed.journal.captures([found]) if found is not None else []
            previous = FeedRow.from_capture(captures[0], history=True) if captures else None
        if previous is None:
            self.message.emit(
                self.tr("no earlier notification of chat {0} in this journal").format(
                    self._masked(row.chat)
                )
            )
            return
        left, right = self._side(previous), self._side(row)
        if left is not None and right is not None:
            self.compare_ready.emit(left, right)

    # --- edit and resend -----------------------------------------------------------------
    def edit_and_resend(self) -> None:
        """Put the selected notification's body in the composer. A body that holds masked
        values (from a masked export) is not loaded: the real one is looked up in the journal
        (by its idMessage) and loaded instead, or the user is told why nothing was."""
        row = self._one_row(self.tr("Edit and resend"))
        body = None if row is None else self._body(row)
        if row is None or body is None:
            return
        masked = first_masked(body)
        if masked is None:
            self.resend_ready.emit(body, self._origin(row))
        else:
            self.feed.tasks.spawn(self._resend_real(row, body, masked))

    async def _resend_real(self, row: FeedRow, body: dict[str, Any], masked: str) -> None:
        id_message = row.id_message
        found = await self.feed.search_thread.run(
            lambda: self.feed.search_thread.reader().message_entries(id_message)
        )
        for _receipt, _at, raw in found if id_message else []:
            real = body_of(raw)
            if real is not None and first_masked(real) is None and redact(real) == body:
                self.resend_ready.emit(real, self._origin(row))
                return
        self.message.emit(
            self.tr(
                "Edit and resend: receipt {0} is masked ({1} holds •••) and its real body is "
                "not in this journal; a masked body is never sent"
            ).format(row.receipt_id, masked)
        )

    # --- rows ----------------------------------------------------------------------------
    def _one_row(self, action: str) -> FeedRow | None:
        rows = self.feed.selected_rows()
        if len(rows) != 1:
            self.message.emit(
                self.tr("{0}: select one notification ({1} selected)").format(action, len(rows))
            )
            return None
        return rows[0]

    def _body(self, row: FeedRow) -> dict[str, Any] | None:
        """The row's notification body; None (and a message) for a malformed answer."""
        document = self.feed.document(row)
        body = document.get("body") if isinstance(document, dict) else None
        if not isinstance(body, dict):
            self.message.emit(
                self.tr("this row is a malformed answer, not a notification: {0}").format(
                    row.summary
                )
            )
            return None
        return body

    def _side(self, row: FeedRow) -> Side | None:
        body = self._body(row)
        if body is None:
            return None
        stamp = time.strftime("%H:%M:%S", time.localtime(row.received_at))
        title = self.tr("receipt {0} · {1} · {2} · {3}").format(
            row.receipt_id, row.type_webhook, row.chat or "—", stamp
        )
        return Side(title, body)

    def _origin(self, row: FeedRow) -> str:
        stamp = time.strftime("%H:%M:%S", time.localtime(row.received_at))
        return self.tr(
            "from receipt {0} ({1}, received {2}): edit it, then Send posts it to the debug webhook"
        ).format(row.receipt_id, row.type_webhook, stamp)

    def _masked(self, text: str) -> str:
        return mask_phones(text) if self.feed.model.masked else text
