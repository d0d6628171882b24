"""Saved filters: a drop-down beside the filter box to keep the current filter under a name,
apply a kept one, or delete it. Kept in the window's settings, shared by its tabs."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QInputDialog, QMenu, QToolButton, QWidget

SETTING = "filters/saved"
"""A JSON list of [name, filter] pairs, in the order they were first saved."""
NAME_CHARS = 60
"""How much of a filter a proposed name takes."""


class SavedFilters:
    """The named filters in the settings (read each time: another tab may have changed them)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def items(self) -> list[tuple[str, str]]:
        """(name, filter) pairs; an unreadable setting reads as none."""
        try:
            pairs = json.loads(str(self.settings.value(SETTING, "[]") or "[]"))
        except ValueError:
            return []
        if not isinstance(pairs, list):
            return []
        return [
            (pair[0], pair[1])
            for pair in pairs
            if isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)
        ]

    def save(self, name: str, text: str) -> None:
        """Keep `text` under `name` (replacing a filter of that name, in its place)."""
        items = dict(self.items())
        items[name] = text
        self._write(list(items.items()))

    def delete(self, name: str) -> None:
        """Forget the filter of that name."""
        self._write([(n, text) for n, text in self.items() if n != name])

    def _write(self, items: list[tuple[str, str]]) -> None:
        self.settings.setValue(SETTING, json.dumps(items, ensure_ascii=False))
        self.settings.sync()


class SavedFiltersButton(QToolButton):
    """The drop-down: *Save current filter…*, the saved filters, *Delete*. A filter holding
    the tab's token is never saved."""

    message = Signal(str)

    def __init__(
        self,
        settings: QSettings,
        current: Callable[[], str],
        apply: Callable[[str], None],
        token: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = SavedFilters(settings)
        self._current = current
        self._apply = apply
        self._token = token
        self.dialog: QInputDialog | None = None
        self.setText(self.tr("Saved"))
        self.setAccessibleName(self.tr("Saved filters"))
        self.setToolTip(self.tr("Save the filter under a name, apply or delete a saved one"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)
        self._fill_menu()

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        save = menu.addAction(self.tr("Save current filter…"), self.ask_name)
        save.setEnabled(bool(self._current().strip()))
        items = self.store.items()
        if items:
            menu.addSeparator()
        for name, text in items:
            action = menu.addAction(name, functools.partial(self._apply, text))
            action.setToolTip(text)
        menu.setToolTipsVisible(True)
        if items:
            delete = menu.addMenu(self.tr("Delete"))
            for name, _ in items:
                delete.addAction(name, functools.partial(self.store.delete, name))

    def ask_name(self) -> None:
        """Ask for a name (non-blocking), then save the current filter under it."""
        text = self._current().strip()
        if not text:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save filter"))
        dialog.setLabelText(self.tr("Name of the filter:"))
        dialog.setTextValue(text[:NAME_CHARS])
        dialog.textValueSelected.connect(lambda name: self.save_as(name, text))
        self.dialog = dialog
        dialog.open()

    def save_as(self, name: str, text: str) -> None:
        """Keep `text` under `name` (a blank name is the filter itself)."""
        token = self._token()
        if token and (token in text or token in name):
            self.message.emit(self.tr("filter not saved: it holds the instance's token"))
            return
        self.store.save(name.strip() or text, text)
