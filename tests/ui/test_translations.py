"""Russian UI: every string the main window shows has a Russian translation."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QTabWidget,
    QToolButton,
    QWidget,
)

from greenconsole.ui.i18n import Translations, pick_language, qm_file

WORD = re.compile(r"[A-Za-z]{3,}")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
NAMES = {"Green", "Console", "English", "Lines", "Ctrl"}
"""Names and format names that stay as they are in Russian."""


def untranslated(text: str) -> bool:
    """True when `text` reads as English: a plain English word and no Cyrillic at all."""
    if CYRILLIC.search(text) or "://" in text:
        return False
    for word in WORD.findall(text):
        technical = word.isupper() or word[1:] != word[1:].lower()  # JSON, idInstance
        if not technical and word not in NAMES:
            return True
    return False


def shown_texts(window, skip: set[QWidget]) -> list[str]:
    """Every text the window's widgets show: labels, buttons, menus, tabs, headers, tips."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if widget in skip:
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(n) for n in range(widget.count())]
            texts.append(widget.placeholderText())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(n) for n in range(widget.count())]
        if isinstance(widget, QToolButton) and widget.menu() is not None:
            texts += [action.text() for action in widget.menu().actions()]
        if isinstance(widget, QMenu):  # the menu bar's menus and their entries
            texts += [widget.title(), *(action.text() for action in widget.actions())]
        has_header = not isinstance(widget, QListView)  # a list has no header texts
        if isinstance(widget, QAbstractItemView) and has_header and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount())
            ]
    return [text for text in texts if text.strip()]


@pytest.fixture
def russian(qapp):
    translations = Translations(qapp)
    assert translations.use("ru"), "the Russian translation did not load"
    yield translations
    translations.use("en")


def window_texts(make_window) -> list[str]:
    window = make_window()
    pane = window.pane
    pane.refresh_status()
    pane.queue.refresh()
    pane.queue.show_probes()
    # GREEN-API's own names (typeWebhook, scenario, stateInstance values) are not translated
    names = {pane.composer.template_box, pane.composer.scenario_box, pane.sandbox_panel.state_box}
    return shown_texts(window, names)


def test_every_string_of_the_main_window_is_translated(make_window, russian):
    texts = window_texts(make_window)
    missing = sorted({text for text in texts if untranslated(text)})
    assert not missing, f"no Russian translation for: {missing}"
    assert "Старт" in texts and "Режим презентации" in texts and "Получено" in texts


def test_the_check_sees_english_strings(make_window):
    """Without the translation the same window is full of English: the check can fail."""
    texts = window_texts(make_window)
    english = {text for text in texts if untranslated(text)}
    assert {"Start", "Presentation mode", "Received"} <= english and len(english) > 60


def test_language_follows_the_choice_then_the_system(monkeypatch):
    from PySide6.QtCore import QLocale

    assert pick_language("ru") == "ru" and pick_language("en") == "en"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("ru_RU")))
    assert pick_language("") == "ru"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert pick_language("") == "en"  # no German translation: English
    assert qm_file("ru") is not None and qm_file("de") is None


def test_choosing_a_language_asks_while_polling(make_window, run):
    window = make_window()
    chosen = []
    window.language_chosen.connect(chosen.append)

    async def scenario():
        await window.use_sandbox()
        window.start()
        window.language_box.setCurrentIndex(window.language_box.findData("ru"))
        assert chosen == [] and window.language_dialog.isVisible()
        window.language_dialog.button(window.language_dialog.StandardButton.Cancel).click()
        assert window.language_box.currentData() == "" and window.pane.session.running
        window.pane.session.stop()
        await window.pane.session.aclose()
        window.language_box.setCurrentIndex(window.language_box.findData("ru"))
        assert chosen == ["ru"]

    run(scenario())
