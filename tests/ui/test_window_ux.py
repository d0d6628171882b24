"""The window a tester lives in: keyboard first, state always in view, fits a laptop."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QTextDocument, QTextTable
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from greenconsole.ui.connection_pane import FOLD_SETTING
from greenconsole.ui.i18n import Translations
from greenconsole.ui.session_state import Phase
from tests.support import ScriptedServer, status
from tests.ui.conftest import start_on_sandbox, wait_until
from tests.ui.test_window_errors import point_at

LAPTOP = QSize(1024, 700)


def test_the_whole_window_fits_1024_by_700_in_both_languages(make_window, language):
    """Before: 1180 px wide in English, 1581 px in Russian, 811 px tall."""
    window = make_window()
    window.add_connection()
    for pane in window.panes():  # every page at its widest
        for index in range(pane.tabs.count()):
            pane.tabs.setCurrentIndex(index)
    hint = window.minimumSizeHint()
    assert hint.width() <= LAPTOP.width() and hint.height() <= LAPTOP.height(), hint
    window.resize(LAPTOP)
    QApplication.processEvents()
    assert window.size() == LAPTOP


def test_field_errors_neither_move_rows_nor_widen_the_window(make_window, language):
    window = make_window()
    form = window.pane.form
    form.set_settings(form.settings())  # the defaults: some fields are required
    QApplication.processEvents()
    before = (form.ack_mode.mapTo(window, form.ack_mode.rect().topLeft()), form.sizeHint())
    form.api_url.setText("not a url at all, and a long one, " * 5)
    form.id_instance.setText("letters")
    QApplication.processEvents()
    assert form.errors["api_url"].text() and form.errors["id_instance"].text()
    after = (form.ack_mode.mapTo(window, form.ack_mode.rect().topLeft()), form.sizeHint())
    assert after[0] == before[0]
    assert after[1].width() <= before[1].width() and window.minimumSizeHint().width() <= 1024


def test_error_styled_fields_keep_a_visible_focus_ring(make_window):
    window = make_window()
    field = window.pane.form.id_instance
    field.setText("letters")  # red frame
    window.activateWindow()
    window.pane.form.api_url.setFocus()
    QApplication.processEvents()
    unfocused = field.grab().toImage()
    field.setFocus()
    QApplication.processEvents()
    assert field.hasFocus()
    focused = field.grab().toImage()
    assert ring_changed(unfocused, focused)


def ring_changed(before: QImage, after: QImage) -> bool:
    """The field's frame (its outer two pixels) differs between the two images."""
    width, height = before.width(), before.height()
    edge = [(x, y) for x in range(2, width - 2) for y in (0, 1)]
    edge += [(x, y) for y in range(2, height - 2) for x in (0, 1)]
    return any(before.pixel(x, y) != after.pixel(x, y) for x, y in edge)


def test_menu_bar_has_every_menu_with_a_mnemonic(make_window, language):
    window = make_window()
    titles = [action.text() for action in window.menuBar().actions()]
    assert len(titles) == 6 and all("&" in title for title in titles), titles
    letters = [title[title.index("&") + 1].lower() for title in titles]
    assert len(set(letters)) == 6  # no two menus share Alt+letter
    if language == "en":
        assert [title.replace("&", "") for title in titles] == [
            "File", "Edit", "View", "Queue", "Tools", "Help"
        ]  # fmt: skip
    shortcuts = {action.shortcut().toString() for action in window.menus.actions.values()}
    assert {"F5", "Ctrl+Q", "Ctrl+D", "Ctrl+F", "Ctrl+L", "Ctrl+Shift+C", "Ctrl+T", "Ctrl+W",
            "Ctrl+Tab", "Ctrl+Shift+Tab", "Ctrl+Return"} <= shortcuts  # fmt: skip


def press(window, key: str) -> None:
    """Type a shortcut into whatever has the focus (as a user would)."""
    target = QApplication.focusWidget() or window
    QTest.keySequence(target, key)  # delivered at once (no nested event loop under asyncio)


def test_keyboard_drives_the_window(make_window, run, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    async def scenario():
        pane = window.pane
        await pane.use_sandbox()
        pane.form.ack_mode.setCurrentIndex(1)
        press(window, "F5")
        assert pane.session.running
        press(window, "Ctrl+L")
        assert QApplication.focusWidget() is pane.feed.filter_box
        press(window, "Ctrl+Return")  # in the filter: nothing is sent
        press(window, "Ctrl+F")
        assert QApplication.focusWidget() is pane.inspector.find_box
        pane.show_page(pane.composer)
        pane.composer.editor.setFocus()
        press(window, "Ctrl+Return")  # in the composer: sent, received, shown
        await wait_until(lambda: pane.model.rowCount() == 1)
        press(window, "F5")
        await wait_until(lambda: not pane.session.running)
        press(window, "Ctrl+T")
        assert window.connections.count() == 2 and window.connections.currentIndex() == 1
        press(window, "Ctrl+Tab")
        assert window.connections.currentIndex() == 0
        press(window, "Ctrl+Shift+Tab")
        assert window.connections.currentIndex() == 1
        press(window, "Ctrl+W")
        assert window.connections.count() == 1

    run(scenario())


def test_tab_icon_and_state_label_show_a_failing_connection(make_window, run):
    """Pointed at a closed port: the tab says it is waiting to retry, whatever notice shows."""
    window = make_window()

    async def scenario():
        pane = window.pane
        idle = window.connections.tabIcon(0).pixmap(16).toImage()
        point_at(window, "http://127.0.0.1:9")
        pane.start()
        await wait_until(lambda: pane.session.state.phase is Phase.BACKING_OFF)
        await wait_until(lambda: "waiting to retry" in window.connections.tabToolTip(0))
        assert window.connections.tabIcon(0).pixmap(16).toImage() != idle
        pane.notify("exported 10000 notification(s) to /a/very/long/path/" + "x" * 300)
        assert pane.state_label.isVisible() and "backing off" in pane.state_label.text()
        assert pane.state_label.width() > 100
        pane.session.stop()
        await wait_until(lambda: not pane.session.running)
        assert "stopped" in window.connections.tabToolTip(0)

    run(scenario())


def test_a_backoff_wait_offers_retry_now_and_ends_when_the_server_answers(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        script = [status(429, "", **{"Retry-After": "30"})]
        with ScriptedServer(script, only="receiveNotification") as server:
            point_at(window, server.url)
            pane.start()
            await wait_until(lambda: pane.session.state.phase is Phase.BACKING_OFF)
            assert "backing off 30 s" in pane.state_label.text()
            assert pane.retry_button.isVisible()
            assert "waiting to retry" in window.connections.tabToolTip(0)
            pane.retry_button.click()  # no 30 s wait: the server answers now
            await wait_until(lambda: pane.session.state.phase is Phase.POLLING)
            assert pane.state_label.text() == "polling" and pane.retry_button.isHidden()
            assert "backing off" not in window.connections.tabToolTip(0)
            pane.session.stop()
            await wait_until(lambda: not pane.session.running)

    run(scenario())


def test_form_folds_when_polling_and_remembers_an_unfold(make_window, run, settings_file):
    window = make_window()

    async def scenario():
        pane = window.pane
        assert not pane.form.folded()  # nothing to poll yet: the fields are in view
        await start_on_sandbox(pane)
        assert pane.form.folded() and pane.form.summary.isVisible()
        assert pane.form.settings().id_instance in pane.form.summary.text()
        QTest.mouseClick(pane.form.fold_button, Qt.MouseButton.LeftButton)  # unfold on demand
        assert not pane.form.folded() and pane.form.api_url.isVisible()
        assert window.settings.value(FOLD_SETTING) in (False, "false")
        second = window.add_connection()
        await start_on_sandbox(second)
        assert not second.form.folded()  # the user's choice holds for the next start

    run(scenario())


def test_selection_follows_the_held_head_and_never_leaves_the_current_row(make_window, run):
    from greenconsole.templates import fill, templates
    from tests.ui.test_window_journal import post

    window = make_window()
    text = templates()["incomingMessageReceived · text"]

    async def scenario():
        pane = window.pane
        feed, table = pane.feed, pane.feed.table
        await pane.use_sandbox()
        await post(window, [fill(text, 1101000001, f"HEAD{n}") for n in range(3)])
        pane.form.ack_mode.setCurrentIndex(0)  # manual: hold the head until deleted
        pane.start()

        def selected() -> list[str]:
            return [row.id_message for row in feed.selected_rows()]

        await wait_until(lambda: selected() == ["HEAD0"])  # the held head, selected
        assert table.currentIndex().row() == 0
        feed.delete_selected()  # Delete (Ctrl+D): the next head is held and selected
        await wait_until(lambda: selected() == ["HEAD1"])
        assert table.currentIndex().row() == 1
        table.setFocus()
        QTest.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        assert table.currentIndex().row() == 0 and selected() == ["HEAD0"]  # moved together
        feed.delete_selected()  # HEAD0 is deleted already: nothing; the user looks at it
        await wait_until(lambda: pane.session.held_receipt is not None)
        assert selected() == ["HEAD0"]  # not yanked away from a row the user chose
        pane.session.stop()
        await wait_until(lambda: not pane.session.running)

    run(scenario())


def test_a_failing_connection_is_told_in_russian_words_in_the_russian_window(
    make_window, run, qapp
):
    translations = Translations(qapp)
    assert translations.use("ru")
    window = make_window()

    async def scenario():
        pane = window.pane
        point_at(window, "http://127.0.0.1:9")
        pane.start()
        await wait_until(lambda: pane.session.state.phase is Phase.BACKING_OFF)
        text = pane.state_label.text()
        assert "ошибка сети:" in text and "network error" not in text, text
        pane.session.stop()
        await wait_until(lambda: not pane.session.running)

    try:
        run(scenario())
    finally:
        translations.use("en")


def test_f1_lists_the_shortcuts_in_two_aligned_columns(make_window, language):
    """Before: key and text were parted by a tab; a key wider than a tab stop
    (Ctrl+Shift+Tab) pushed its text a stop further than the others'."""
    window = make_window()
    window.menus.actions["shortcuts"].trigger()
    label = next(
        label
        for label in window.menus.dialog.findChildren(QLabel)
        if "Ctrl+Shift+Tab" in label.text()
    )
    document = QTextDocument()
    document.setHtml(label.text())
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1 and tables[0].columns() == 2
    table = tables[0]

    def cell(row: int, column: int) -> str:
        return table.cellAt(row, column).firstCursorPosition().block().text()

    keys = [cell(row, 0) for row in range(table.rows())]
    assert "Ctrl+Shift+Tab" in keys and "F1" in keys
    assert cell(keys.index("Ctrl+Shift+Tab"), 1) == window.menus.actions[
        "previous_tab"
    ].text().replace("&", "")
    window.menus.dialog.close()


def test_first_start_fits_a_screen_smaller_than_the_first_size(make_window):
    """Before: a fresh start opened at 1280×860 whatever the screen; at 1024×700 the status
    bar, the bottom buttons and the right side were off-screen (offscreen's screen: 800×800)."""
    window = make_window()
    QApplication.processEvents()
    area = window.screen().availableGeometry()
    assert area.width() < 1280  # the case at hand
    assert area.contains(window.frameGeometry()), (area, window.frameGeometry())
    bar = window.statusBar()
    assert area.contains(bar.mapToGlobal(bar.rect().bottomRight()))


def test_a_notice_gets_room_in_the_status_bar_beside_the_state(make_window, run):
    """Before: every status-bar label was permanent and stretched, so a notice had no room."""
    window = make_window()
    window.resize(LAPTOP)

    async def scenario():
        pane = window.pane
        point_at(window, "http://127.0.0.1:9")
        pane.start()
        await wait_until(lambda: pane.session.state.phase is Phase.BACKING_OFF)
        pane.notify("profile saved: staging")
        QApplication.processEvents()
        assert pane.status.currentMessage() == "profile saved: staging"
        notice = pane.notice_room
        text_width = pane.status.fontMetrics().horizontalAdvance("profile saved: staging")
        assert notice.isVisible() and notice.width() >= text_width
        assert pane.state_label.isVisible() and pane.state_label.width() >= 120
        pane.status.clearMessage()
        QApplication.processEvents()
        assert not notice.isVisible()  # the state and the alarm have the bar again
        pane.session.stop()
        await wait_until(lambda: not pane.session.running)

    run(scenario())
