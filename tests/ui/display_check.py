"""Open the window on a real X display at 1024×700 and report what is clipped: off the screen,
outside the window, narrower than its minimum, or a combo box's choice cut (run by
tests/ui/test_real_display.py under Xvfb: `python -m tests.ui.display_check LANG PNG`)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import keyring
from PySide6.QtCore import QRect, QSettings, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from greenconsole.journal.store import Journal
from greenconsole.ui.i18n import Translations
from greenconsole.ui.main_window import MainWindow
from greenconsole.ui.profiles import Profiles, TokenStore
from greenconsole.ui.tasks import TaskSet
from tests.ui.conftest import MemoryKeyring

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)


def clipped(window: QWidget) -> list[str]:
    """Top-level widgets off the screen; controls outside the window or below their minimum."""
    problems = []
    screen = window.screen().geometry()
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and not screen.contains(top.frameGeometry()):
            problems.append(f"{type(top).__name__} {top.frameGeometry()} outside {screen}")
    inside = QRect(0, 0, window.width(), window.height())
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible():
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # their own line edits
        place = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        name = (
            f"{type(widget).__name__} {widget.accessibleName() or getattr(widget, 'text', str)()!r}"
        )
        area = scroll_area_of(widget)
        if area is not None:  # scrolled off below is fine; cut at the side is not
            view = area.viewport()
            seen = QRect(view.mapTo(window, view.rect().topLeft()), view.size())
            if place.left() < seen.left() or place.right() > seen.right():
                problems.append(f"{name} at {place} cut at the side of its page {seen}")
        elif not inside.contains(place):
            problems.append(f"{name} at {place} outside the window {inside}")
        elif widget.width() < widget.minimumSizeHint().width():
            problems.append(f"{name} {widget.width()} px < {widget.minimumSizeHint().width()}")
        elif isinstance(widget, QComboBox) and (cut := cut_choice(widget)):
            problems.append(f"{name}: its choice {cut} is cut")
    return problems


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The scroll area a widget lies in, if any."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def cut_choice(box: QComboBox) -> str:
    """A non-editable combo box's current text and width when they exceed its text field."""
    if box.isEditable() or not box.currentText():
        return ""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    width = box.fontMetrics().horizontalAdvance(box.currentText())
    return "" if width <= field.width() else f"{box.currentText()!r} ({width} > {field.width()})"


def main(language: str, png: str) -> int:
    app = QApplication([])
    Translations(app).use(language)
    keyring.set_keyring(MemoryKeyring())
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Profiles(settings, TokenStore()), TaskSet(), Journal(folder / "j.sqlite3"))
    window.setGeometry(0, 0, 1024, 700)
    window.show()
    result: list[str] = []

    def check() -> None:
        pages = window.pane.tabs
        for index in range(pages.count()):  # each right-hand page (Inspector, Composer, …)
            pages.setCurrentIndex(index)
            app.processEvents()
            result.extend(f"page {pages.tabText(index)!r}: {line}" for line in clipped(window))
        pages.setCurrentIndex(0)
        app.processEvents()
        window.screen().grabWindow(0).save(png)
        window.close_now()
        app.quit()

    QTimer.singleShot(1500, check)
    app.exec()
    print(f"window {window.width()}×{window.height()} on {window.screen().geometry()}")
    for line in result:
        print("CLIPPED", line)
    return 1 if result else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
