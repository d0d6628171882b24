"""Every interactive control and view of the window has a name for screen readers."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QScrollBar,
    QTabBar,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractScrollArea,
)


def accessible_name(widget: QWidget) -> str:
    """The name Qt's accessibility tree gives the widget (its own, a label buddy's, its text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface else ""


def is_part_of_another(widget: QWidget) -> bool:
    """Qt's own pieces: a spin box's or combo box's line edit, scroll bars, tab scrollers."""
    parent = widget.parentWidget()
    return (
        widget.objectName().startswith("qt_")
        or isinstance(widget, (QScrollBar, QMenu, QHeaderView))
        or isinstance(parent, (QAbstractSpinBox, QComboBox, QTabBar, QScrollBar, QLineEdit))
        or inside(widget, QComboBox)  # a combo box's popup list
        or type(widget).__name__ == "QScrollArea"  # a page's frame: the page inside is named
        or (isinstance(parent, QAbstractScrollArea) and not isinstance(widget, INTERACTIVE))
    )


def inside(widget: QWidget, kind: type) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(window: QWidget) -> list[str]:
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or is_part_of_another(widget):
            continue
        if not accessible_name(widget):
            where = widget.parentWidget()
            found.append(f"{type(widget).__name__} in {type(where).__name__}")
    return found


def test_every_interactive_widget_has_an_accessible_name(make_window):
    window = make_window()
    window.add_connection()  # a second tab: names do not depend on being the first
    missing = unnamed(window)
    assert missing == [], "\n".join(missing)


def test_form_fields_are_named_by_their_labels(make_window):
    form = make_window().pane.form
    assert accessible_name(form.id_instance) == "idInstance"
    assert accessible_name(form.token) == "apiTokenInstance"
    assert accessible_name(form.api_url) == "API URL"
    assert accessible_name(make_window().new_tab_button) == "New connection tab"
