"""Deleting the feed's receipts on the server, one batch at a time, in the background."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from greenconsole.journal.store import Journal
from greenconsole.ui.feed_model import FeedModel, FeedRow, RowState
from greenconsole.ui.session import ReceiveSession
from greenconsole.ui.tasks import TaskSet


class FeedDeletes(QObject):
    """Deletes of selected rows and retries of failed ones, through the tab's session."""

    busy_changed = Signal()

    def __init__(
        self,
        session: ReceiveSession,
        journal: Journal,
        model: FeedModel,
        tasks: TaskSet,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.journal = journal
        self.model = model
        self.tasks = tasks
        self._in_flight = 0

    @property
    def busy(self) -> bool:
        """True while a batch of deletes runs."""
        return self._in_flight > 0

    def delete(self, rows: list[FeedRow]) -> None:
        """Delete these rows' receipts (those not deleted already)."""
        self._start(
            [
                (row.capture_id, row.receipt_id)
                for row in rows
                if row.receipt_id is not None and row.state is not RowState.DELETED
            ]
        )

    def retry_failed(self, instance: int | None) -> None:
        """Delete again every receipt of the feed whose delete failed (the journal knows those
        the server answered false; rows in memory those that got no answer)."""
        failed = dict.fromkeys(
            (row.capture_id, row.receipt_id)
            for row in self.model.held_rows()
            if row.state is RowState.DELETE_FAILED and row.receipt_id is not None
        )
        oldest = self.model.oldest_capture_id()
        if instance is not None and oldest is not None:
            failed.update(dict.fromkeys(self.journal.failed_deletes(instance, oldest)))
        self._start(list(failed))

    def _start(self, receipts: list[tuple[int | None, int]]) -> None:
        if receipts and not self.busy:
            self._in_flight += 1
            self.busy_changed.emit()
            self.tasks.spawn(self._run(receipts))

    async def _run(self, receipts: list[tuple[int | None, int]]) -> None:
        try:
            await self.session.delete(receipts)
        finally:
            self._in_flight -= 1
            self.busy_changed.emit()
