"""Following the newest row, and the "N new ↓" chip for a user who scrolled away from it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QTableView, QToolButton

from greenconsole.ui.palette import Surface, surface_style

MARGIN = 8
"""Pixels between the chip and the corner of the rows' area."""


class NewRowsChip(QToolButton):
    """Rows appended while the table shows its newest row keep it in view; rows appended while
    the user looks at older ones are counted instead, on a small button floating over the
    bottom-right corner ("12 new ↓"). A click on it, or scrolling to the bottom, goes to the
    newest row and hides it. Only rows the table shows count (a filter's view inserts only the
    rows that match); a new view (filter changed, feed reloaded) starts from nothing."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.count = 0
        self._at_bottom = True  # the table showed its newest row when rows began to arrive
        self.setAccessibleName(self.tr("New notifications below"))
        self.setToolTip(self.tr("Go to the newest notification"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps the keyboard
        self.setStyleSheet(
            surface_style(Surface.NOTICE) + " border-radius: 6px; padding: 4px 10px;"
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()
        model = table.model()
        model.rowsAboutToBeInserted.connect(self._remember_bottom)
        model.rowsInserted.connect(self._inserted)
        model.modelReset.connect(self._clear)
        table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.clicked.connect(self.go_newest)
        self._area = table.viewport()  # the rows' area, whose corner the chip sits in
        self._area.installEventFilter(self)

    def _bottom_shown(self) -> bool:
        bar = self.table.verticalScrollBar()
        return bar.value() >= bar.maximum() - 2

    def _remember_bottom(self, *_: Any) -> None:
        self._at_bottom = self._bottom_shown()

    def _inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if self._at_bottom:
            self.table.scrollToBottom()
        elif last == self.table.model().rowCount() - 1:  # appended: history goes on top
            self.count += last - first + 1
            self.setText(self.tr("{0} new ↓").format(self.count))
            self.adjustSize()
            self._place()
            self.show()
            self.raise_()

    def _scrolled(self, *_: Any) -> None:
        if self.count and self._bottom_shown():
            self._clear()

    def _clear(self) -> None:
        self.count = 0
        self.hide()

    def go_newest(self) -> None:
        """Scroll to the newest row and forget the count."""
        self.table.scrollToBottom()
        self._clear()

    def _place(self) -> None:
        area = self._area.geometry()
        self.move(
            area.right() - self.width() - MARGIN + 1, area.bottom() - self.height() - MARGIN + 1
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._area and event.type() == QEvent.Type.Resize:
            self._place()
        return False
