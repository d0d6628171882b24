"""The filter bar: the filter box with its result line (the match count, or the error of a bad
term), saved filters, the type picker and *Group statuses*. Applying them searches the journal
(newest first, in steps) or the imported rows off the Qt thread and shows the result."""

from __future__ import annotations

import asyncio
from array import array
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import Enum, auto

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from greenconsole.journal.query import Query, QueryError, parse_query
from greenconsole.templates import webhook_types
from greenconsole.ui import keys
from greenconsole.ui.feed_model import FeedModel
from greenconsole.ui.feed_search import SearchScope, SearchThread
from greenconsole.ui.palette import Tone, error_field_style, text_style
from greenconsole.ui.saved_filters import SavedFiltersButton
from greenconsole.ui.tasks import TaskSet

FILTER_DELAY_MS = 200


class Counting(Enum):
    """What the count line says of the result shown."""

    NOTHING = auto()  # no filter, a bad one, or one just typed
    SEARCHING = auto()  # the journal's matches so far
    JOURNAL = auto()  # every match in the journal (and new rows that match)
    IMPORTED = auto()  # every match among the imported rows


class FeedFilter(QWidget):
    """The filter box with its match count, saved filters, the type picker and *Group
    statuses*; applying them searches in the background and shows the result in the model."""

    message = Signal(str)

    def __init__(
        self,
        model: FeedModel,
        thread: SearchThread,
        tasks: TaskSet,
        scope: Callable[[], SearchScope],
        settings: QSettings,
        token: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.search_thread = thread
        self.tasks = tasks
        self._scope = scope
        self.generation = 0
        self.last_search_ms: float | None = None
        """How long the last search took to its end (None while one runs, or no filter)."""
        self.first_rows_ms: float | None = None
        """How long the last search took to show its first step."""
        self._counting = Counting.NOTHING
        self._hint = keys.hint(self.tr("Filter the journal"), keys.FILTER)
        self.filter_box = QLineEdit(
            placeholderText=self.tr(
                "Filter the journal: text  type:…  chat:…  id:…  messageData.typeMessage:…  "
                "-term  a OR b"
            )
        )
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(self.tr("Filter the journal"))
        self.filter_box.setToolTip(self._hint)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Filter result"))
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a line of its own that is always there (nothing moves when a count shows); a long
        # error wraps onto more lines rather than be cut or widen the window
        self.count_label.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.count_label.setSizePolicy(policy)
        self.count_label.setMinimumHeight(self.count_label.fontMetrics().height())
        self.saved = SavedFiltersButton(settings, self.filter_box.text, self.use, token)
        self.saved.message.connect(self.message)
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
        # the box has a row of its own (a filter is read whole even in a narrow feed), the
        # choices theirs, and the result line the whole width under them
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.filter_box, 1)
        row.addWidget(self.saved)
        under = QHBoxLayout()
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.type_box)
        under.addWidget(self.group_box)
        under.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addLayout(under)
        layout.addWidget(self.count_label)
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.filter_box.textChanged.connect(lambda: self._timer.start())
        self.type_box.currentIndexChanged.connect(self.apply)
        self.group_box.toggled.connect(self.apply)
        model.rowsInserted.connect(self._count_changed)

    def use(self, text: str) -> None:
        """Put a (saved) filter in the box and apply it now."""
        self.filter_box.setText(text)
        self.apply()

    def apply(self) -> None:
        """Parse the filter and search (journal or imported rows) in the background."""
        self._timer.stop()
        self.generation += 1
        self._counting = Counting.NOTHING
        self.last_search_ms = self.first_rows_ms = None
        try:
            query = parse_query(self.filter_box.text(), self.type_box.currentData() or "")
        except QueryError as exc:
            error = QCoreApplication.translate("Filter", exc.template).format(**exc.params)
            self.filter_box.setStyleSheet(error_field_style("QLineEdit"))
            self.filter_box.setToolTip(error)
            self._show_count(error, error=True)
            self.message.emit(self.tr("filter: {0}").format(error))
            return
        self.filter_box.setStyleSheet("")
        self.filter_box.setToolTip(self._hint)
        self.model.grouped = self.group_box.isChecked()
        if query.empty:
            self._show_count("")  # no filter, no count (Group statuses alone has none)
        if query.empty and not self.model.grouped:
            self.model.show_result(None, None)
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
        loop = asyncio.get_running_loop()
        started = loop.time()
        thread = self.search_thread
        if keys is not None or scope.imported is not None or scope.instance is None:
            ids = await thread.run(thread.matching_ids, query, grouped, scope, keys)
            if generation != self.generation:
                return  # a newer filter was typed meanwhile
            self.model.show_result(query, ids)
        else:
            # the journal, newest first in steps; new rows join the (empty) result meanwhile
            self.model.show_result(query, array("q"))
            self._counting = Counting.SEARCHING
            steps = thread.journal_steps(replace(query, instance=scope.instance), grouped)
            while True:
                found = await thread.run(next, steps, None)
                if generation != self.generation:
                    return  # a newer filter was typed meanwhile
                if found is None:
                    break
                self.model.add_older(found)
                if self.first_rows_ms is None:
                    self.first_rows_ms = (loop.time() - started) * 1000
                self._count_changed()
        self.last_search_ms = (loop.time() - started) * 1000
        if self.first_rows_ms is None:
            self.first_rows_ms = self.last_search_ms
        if not query.empty:
            imported = scope.imported is not None
            self._counting = Counting.IMPORTED if imported else Counting.JOURNAL
        self._count_changed()

    def _count_changed(self, *_: object) -> None:
        """Say how many rows the result shown holds (rows that match join it as they come)."""
        count = self.model.match_count
        if count is None or self._counting is Counting.NOTHING:
            return
        if self._counting is Counting.SEARCHING:
            self._show_count(self.tr("%n match(es) so far · searching…", "", count))
        elif self._counting is Counting.IMPORTED:
            text = self.tr("%n match(es) in the imported rows · {0} ms", "", count)
            self._show_count(text.format(round(self.last_search_ms or 0)))
        else:
            text = self.tr("%n match(es) in the journal · {0} ms", "", count)
            self._show_count(text.format(round(self.last_search_ms or 0)))

    def _show_count(self, text: str, error: bool = False) -> None:
        self.count_label.setText(text)
        self.count_label.setToolTip(text)
        self.count_label.setStyleSheet(text_style(Tone.ERROR) if error else "")
