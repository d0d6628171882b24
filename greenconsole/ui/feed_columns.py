"""The feed table's columns: sized to their content on first start, chosen and arranged by the
user (right-click on the header), remembered across restarts, and the Age column kept current."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHeaderView, QMenu, QStyle, QTableView

from greenconsole.templates import webhook_types
from greenconsole.ui.feed_model import (
    COL_AGE,
    COL_CHAT,
    COL_RECEIPT,
    COL_RECEIVED,
    COL_SENDER,
    COL_SIZE,
    COL_STATE,
    COL_SUMMARY,
    COL_TYPE,
    COLUMNS,
    FeedModel,
)
from greenconsole.ui.human_units import human_age, human_size

HEADER_KEY = "feed/header/" + ",".join(COLUMNS)
"""Where the header's state is kept: named after the columns, so that a version with other
columns starts from its own defaults instead of misapplying an old layout."""
FIRST_ORDER = (
    COL_RECEIVED, COL_RECEIPT, COL_TYPE, COL_SUMMARY, COL_CHAT, COL_SENDER, COL_STATE, COL_SIZE,
    COL_AGE,
)  # fmt: skip
"""The columns' order on first start: Summary early, on screen in a feed 500 px wide."""
SUMMARY_MIN_CHARS = 28
"""Summary takes the room the other columns leave, but never less than this many characters:
a narrower feed scrolls sideways rather than squeeze the column that says what happened."""
AGE_REFRESH_MS = 1_000
SAMPLE_RECEIPT = 12_345_678
"""A receipt id as wide as the ones a busy instance reaches."""


class FeedColumns(QObject):
    """Owns the horizontal header of the feed table."""

    def __init__(
        self,
        table: QTableView,
        model: FeedModel,
        settings: QSettings | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = table
        self.model = model
        self.settings = settings
        self.header = table.horizontalHeader()
        self.header.setSectionsMovable(True)
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.menu = QMenu(table)  # the header's right-click menu
        if not self._restore():
            self.first_layout()
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._choose)
        self.header.sectionResized.connect(self._resized)
        self.header.sectionMoved.connect(self.save)
        self._painted_at = 0.0
        """When the whole feed was last painted (its ages with it)."""
        table.viewport().installEventFilter(self)
        self._age_timer = QTimer(self, interval=AGE_REFRESH_MS)
        self._age_timer.timeout.connect(self.refresh_age)
        self._age_timer.start()

    # --- sizes ---------------------------------------------------------------------------
    def first_layout(self) -> None:
        """The columns in FIRST_ORDER, each (but Summary, which takes the rest) as wide as its
        longest usual text and its title."""
        for visual, column in enumerate(FIRST_ORDER):
            self.header.moveSection(self.header.visualIndex(column), visual)
        labels = self.model.labels
        samples = {
            COL_RECEIVED: ["00:00:00.000"],
            COL_RECEIPT: [str(SAMPLE_RECEIPT)],
            COL_TYPE: list(webhook_types()),
            COL_CHAT: ["79001234567@c.us"],
            COL_SENDER: ["Ivan Petrovich"],
            COL_STATE: [f"{labels['history']} · {labels['deleted']}"],
            COL_SIZE: [labels["MB"].format(f"999{labels['.']}9"), human_size(1023, labels)],
            COL_AGE: [human_age(seconds, labels) for seconds in (59, 59 * 60, 23 * 3600)],
        }
        metrics = self.table.fontMetrics()
        style = self.table.style()
        margins = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 6
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4  # the shape mark
        for column, texts in samples.items():
            widest = max(metrics.horizontalAdvance(text) for text in texts) + margins
            if column == COL_TYPE:
                widest += icon
            self.table.setColumnWidth(column, max(widest, self.header.sectionSizeHint(column)))

    def fit_summary(self) -> None:
        """Give Summary what the other shown columns leave of the feed's width (at least
        SUMMARY_MIN_CHARS characters)."""
        if self.header.isSectionHidden(COL_SUMMARY):
            return
        others = sum(
            self.header.sectionSize(column)
            for column in range(len(COLUMNS))
            if column != COL_SUMMARY and not self.header.isSectionHidden(column)
        )
        least = self.table.fontMetrics().averageCharWidth() * SUMMARY_MIN_CHARS
        width = max(least, self.table.viewport().width() - others)
        if width != self.header.sectionSize(COL_SUMMARY):
            self.header.resizeSection(COL_SUMMARY, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_summary()
        elif isinstance(event, QPaintEvent) and event.rect() == self.table.viewport().rect():
            self._painted_at = self.model.clock()
        return False

    # --- choosing columns ----------------------------------------------------------------
    def fill_chooser(self, menu: QMenu) -> QMenu:
        """Make `menu` a checkable list of the columns, in their order on screen (the last one
        shown cannot be hidden)."""
        menu.clear()
        shown = [c for c in range(len(COLUMNS)) if not self.header.isSectionHidden(c)]
        for visual in range(self.header.count()):
            column = self.header.logicalIndex(visual)
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(shown != [column])
            action.toggled.connect(lambda on, column=column: self.set_shown(column, on))
        return menu

    def _choose(self, position: QPoint) -> None:
        self.fill_chooser(self.menu).popup(self.header.mapToGlobal(position))

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column (never the last one shown), and remember it."""
        hidden = [c for c in range(len(COLUMNS)) if self.header.isSectionHidden(c)]
        if not shown and len(hidden) + 1 >= len(COLUMNS):
            return
        self.header.setSectionHidden(column, not shown)
        self.fit_summary()
        self.save()

    # --- remembering ---------------------------------------------------------------------
    def _resized(self, column: int, *_: int) -> None:
        if column != COL_SUMMARY:  # Summary follows the window; the others the user
            self.save()
            self.fit_summary()

    def save(self) -> None:
        """Keep widths, order and hidden columns for the next start."""
        if self.settings is not None:
            self.settings.setValue(HEADER_KEY, self.header.saveState())

    def _restore(self) -> bool:
        """The header as the user left it, if it was saved (by a version with these columns)."""
        state = None if self.settings is None else self.settings.value(HEADER_KEY)
        if not isinstance(state, QByteArray) or not self.header.restoreState(state):
            return False
        if self.header.hiddenSectionCount() == len(COLUMNS):  # nothing would be reachable
            for column in range(len(COLUMNS)):
                self.header.setSectionHidden(column, False)
        for column in range(len(COLUMNS)):  # widths kept in another language: titles whole
            self.table.setColumnWidth(
                column, max(self.header.sectionSize(column), self.header.sectionSizeHint(column))
            )
        return True

    # --- age -----------------------------------------------------------------------------
    def refresh_age(self) -> None:
        """Repaint the Age cells of the rows on screen (not the others: a million rows'
        ages change every second, and nobody sees them)."""
        if self.header.isSectionHidden(COL_AGE) or not self.table.isVisible():
            return
        if self.model.clock() - self._painted_at < AGE_REFRESH_MS / 1000:
            return  # rows pouring in: the whole feed was painted since the last refresh
        first = self.table.rowAt(0)
        if first < 0:
            return
        last = self.table.rowAt(self.table.viewport().height() - 1)
        if last < 0:
            last = self.model.rowCount() - 1
        self.model.dataChanged.emit(
            self.model.index(first, COL_AGE),
            self.model.index(last, COL_AGE),
            [Qt.ItemDataRole.DisplayRole],
        )
