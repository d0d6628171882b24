"""The feed's filter: the filter bar, and the journal search on a thread of its own.

The search thread reads nothing of the window: what a search covers (the tab's instance, the
rows of an imported file, the rows to group) is taken on the Qt thread and handed over as an
immutable `SearchScope`.
"""

from __future__ import annotations

import asyncio
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from greenconsole.journal.query import Query, QueryError, parse_query
from greenconsole.journal.store import Journal, JournalReader
from greenconsole.templates import webhook_types
from greenconsole.ui import keys
from greenconsole.ui.feed_model import FeedModel, FeedRow
from greenconsole.ui.palette import error_field_style
from greenconsole.ui.tasks import TaskSet

FILTER_DELAY_MS = 200
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SearchScope:
    """What a search covers: the tab's instance (None: a tab without one, no history), or the
    rows of an imported file (built once on import, never changed after)."""

    instance: int | None
    imported: tuple[FeedRow, ...] | None = None


class SearchThread:
    """One worker thread with its own read-only journal connection; searches, timelines and
    links run there, never on the Qt thread."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-search")
        self._reader: JournalReader | None = None
        self._executor.submit(self.reader)  # the first search is not the slow one

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` on the search thread."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def reader(self) -> JournalReader:
        """The thread's read-only connection, opened on first use and warmed up (search thread
        only)."""
        if self._reader is None:
            self._reader = self.journal.reader()
            self._reader.search_ids(parse_query("id:0"))
        return self._reader

    def matching_ids(
        self, query: Query, grouped: bool, scope: SearchScope, keys: Sequence[int] | None
    ) -> Sequence[int]:
        """The keys of the rows in `scope` matching `query` (or `keys` when given); statuses
        folded into their message left out if `grouped`. Search thread only."""
        if scope.imported is not None:
            return [
                row.key
                for row in scope.imported
                if row.matches(query) and not (grouped and row.folded)
            ]
        if scope.instance is None:
            return []  # a tab without an instance has no history of its own
        if keys is None:
            keys = self.reader().search_ids(replace(query, instance=scope.instance))
        if grouped:
            folded = self.reader().folded_statuses(scope.instance)
            keys = [capture_id for capture_id in keys if capture_id not in folded]
        return array("q", keys)  # the model's form, made here rather than on the Qt thread

    def checkpoint_soon(self) -> None:
        """Fold the journal's WAL into the database on this thread (off the Qt thread)."""
        self._executor.submit(self.journal.checkpoint)

    def close(self) -> None:
        """Stop the thread and close its journal connection."""
        self._executor.shutdown(wait=True)
        if self._reader is not None:
            self._reader.close()


class FeedFilter(QWidget):
    """The filter box, the type picker and *Group statuses*; applying them searches in the
    background and shows the result in the model."""

    message = Signal(str)

    def __init__(
        self,
        model: FeedModel,
        thread: SearchThread,
        tasks: TaskSet,
        scope: Callable[[], SearchScope],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.search_thread = thread
        self.tasks = tasks
        self._scope = scope
        self.generation = 0
        self.last_search_ms: float | None = None
        self._hint = keys.hint(self.tr("Filter the journal"), keys.FILTER)
        self.filter_box = QLineEdit(
            placeholderText=self.tr(
                "Filter the journal: text  type:…  chat:…  id:…  shape:bad  since:-1h  until:…"
            )
        )
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(self.tr("Filter the journal"))
        self.filter_box.setToolTip(self._hint)
        self.group_box = QCheckBox(self.tr("Group statuses"))
        self.group_box.setToolTip(
            self.tr("Show outgoingMessageStatus notifications on their message's row")
        )
        self.type_box = QComboBox()
        self.type_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.type_box.setMinimumContentsLength(10)
        self.type_box.addItem(self.tr("all types"), "")
        for name in webhook_types():
            self.type_box.addItem(name, name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_box, 1)
        layout.addWidget(self.type_box)
        layout.addWidget(self.group_box)
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.filter_box.textChanged.connect(lambda: self._timer.start())
        self.type_box.currentIndexChanged.connect(self.apply)
        self.group_box.toggled.connect(self.apply)

    def apply(self) -> None:
        """Parse the filter and search (journal or imported rows) in the background."""
        self._timer.stop()
        self.generation += 1
        try:
            query = parse_query(self.filter_box.text(), self.type_box.currentData() or "")
        except QueryError as exc:
            self.filter_box.setStyleSheet(error_field_style("QLineEdit"))
            self.filter_box.setToolTip(str(exc))
            self.message.emit(self.tr("filter: {0}").format(exc))
            return
        self.filter_box.setStyleSheet("")
        self.filter_box.setToolTip(self._hint)
        self.model.grouped = self.group_box.isChecked()
        if query.empty and not self.model.grouped:
            self.model.show_result(None, None)
            self.last_search_ms = None
            return
        keys = self.model.keys() if query.empty else None  # grouping every row
        scope = self._scope()
        self.tasks.spawn(self._search(query, self.model.grouped, scope, keys, self.generation))

    async def _search(
        self,
        query: Query,
        grouped: bool,
        scope: SearchScope,
        keys: Sequence[int] | None,
        generation: int,
    ) -> None:
        started = asyncio.get_running_loop().time()
        thread = self.search_thread
        ids = await thread.run(thread.matching_ids, query, grouped, scope, keys)
        if generation != self.generation:
            return  # a newer filter was typed meanwhile
        self.last_search_ms = (asyncio.get_running_loop().time() - started) * 1000
        self.model.show_result(query, ids)
        if query.empty:
            return
        if scope.imported is not None:
            text = self.tr("{0} match(es) in the imported rows ({1:.0f} ms)")
        else:
            text = self.tr("{0} match(es) in the journal ({1:.0f} ms)")
        self.message.emit(text.format(len(ids), self.last_search_ms))
