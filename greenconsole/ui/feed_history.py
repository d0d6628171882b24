"""The feed's history: earlier sessions' captures, older pages on demand, clearing the journal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from greenconsole.journal.store import Journal
from greenconsole.ui.dialogs import confirm
from greenconsole.ui.feed_model import FeedModel

OLDER_PAGE = 5_000


class FeedHistory(QObject):
    """Puts an instance's journal captures into the feed model, above its live rows."""

    message = Signal(str)
    cleared = Signal()  # the journal was emptied

    def __init__(self, journal: Journal, model: FeedModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.model = model
        self.clear_dialog: QMessageBox | None = None  # the open confirmation, kept referenced

    def load_last_session(self, instance: int | None) -> None:
        """Add the instance's last session's captures (none for a tab without an instance)."""
        last = None if instance is None else self.journal.last_session_id(instance)
        if instance is not None and last is not None:
            self.model.add_history(self.journal.capture_ids(instance, session=last))

    def load_older(self, instance: int | None) -> None:
        """Put up to OLDER_PAGE older captures above the loaded ones."""
        if instance is None:
            return
        oldest = self.model.oldest_capture_id()
        older = self.journal.capture_ids(instance, before=oldest, limit=OLDER_PAGE)
        self.model.add_history(older)
        self.message.emit(self.tr("loaded {0} older capture(s)").format(len(older)))

    def confirm_clear(self, parent: QWidget) -> None:
        """Ask (non-blocking), then empty the local journal (not the server queue)."""
        self.clear_dialog = confirm(
            parent,
            self.tr("Clear history"),
            self.tr(
                "Delete all {0} captures from the local journal {1}?\n"
                "The server queues are not touched."
            ).format(self.journal.count(), self.journal.path),
            self._clear,
        )

    def _clear(self) -> None:
        self.journal.clear()
        self.cleared.emit()
        self.message.emit(self.tr("history cleared"))
