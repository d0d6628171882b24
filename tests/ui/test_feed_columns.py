"""The feed's columns: Size and Age, the column chooser, widths remembered across restarts,
columns sized to their content, and the "N new ↓" chip."""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication

from greenconsole.jsontext import utf8
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_columns import AGE_REFRESH_MS, HEADER_KEY, SUMMARY_MIN_CHARS
from greenconsole.ui.feed_model import (
    COL_AGE,
    COL_CHAT,
    COL_RECEIPT,
    COL_SENDER,
    COL_SIZE,
    COL_STATE,
    COL_SUMMARY,
    COL_TYPE,
    COLUMNS,
)
from greenconsole.ui.i18n import Translations
from tests.ui.conftest import wait_until
from tests.ui.test_window_journal import drain_with, post

TEXT = templates()["incomingMessageReceived · text"]
LAPTOP = QSize(1024, 700)


def chooser_action(feed, title: str):
    """The column chooser's entry for a column, by its header text."""
    return next(a for a in chooser(feed) if a.text() == title)


def chooser(feed):
    """The entries of the header's right-click menu."""
    return feed.columns.fill_chooser(feed.columns.menu).actions()


def test_size_and_age_of_a_drained_notification(make_window, run):
    window = make_window()
    big = fill(TEXT, 1101000001, "BIG")
    big["messageData"]["textMessageData"]["textMessage"] = "привет " * 400  # 2 bytes a letter

    async def scenario():
        await drain_with(window, [fill(TEXT, 1101000001, "SMALL"), big])
        model, feed = window.pane.model, window.pane.feed
        model.flush()
        sizes = [len(utf8(window.journal.raw(model.row(n).capture_id))) for n in range(2)]
        assert sizes[0] < 1024 < sizes[1]
        assert model.index(0, COL_SIZE).data() == f"{sizes[0]} B"
        kib = f"{sizes[1] / 1024:.1f} KB"
        assert model.index(1, COL_SIZE).data() == kib and kib.startswith("5.")
        assert model.index(1, COL_SIZE).data(Qt.ItemDataRole.ToolTipRole) == f"{sizes[1]} B"

        received = model.row(1).received_at
        for elapsed, shown in ((12.7, "12 s"), (4 * 60 + 59, "4 min"), (3 * 3600 + 1, "3 h")):
            model.clock = lambda elapsed=elapsed: received + elapsed
            assert model.index(1, COL_AGE).data() == shown
        repainted = []
        model.dataChanged.connect(lambda first, last, _roles: repainted.append((first, last)))
        feed.columns.refresh_age()  # what the one-second timer does
        ((first, last),) = repainted
        assert (first.column(), last.column()) == (COL_AGE, COL_AGE)  # the Age cells only
        assert (first.row(), last.row()) == (0, 1)  # of the rows on screen

        window.close()
        await window.aclose()
        again = make_window()  # history rows read Size from the journal, not from the body
        assert again.pane.model.index(1, COL_SIZE).data() == kib

    run(scenario())


def test_sizes_and_ages_read_in_russian(make_window, qapp, run):
    translations = Translations(qapp)
    assert translations.use("ru")
    try:
        window = make_window()

        async def scenario():
            await drain_with(window, [fill(TEXT, 1101000001, "RU")])
            model = window.pane.model
            model.flush()
            model.clock = lambda: model.row(0).received_at + 2 * 86_400
            assert model.index(0, COL_AGE).data() == "2 дн."
            model.row(0).size = 1300
            assert model.index(0, COL_SIZE).data() == "1,3 КБ"
            assert model.headerData(COL_RECEIPT, Qt.Orientation.Horizontal) == "ID доставки"
            tip = model.headerData(
                COL_RECEIPT, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
            )
            assert tip.startswith("Идентификатор доставки")

        run(scenario())
    finally:
        translations.use("en")


def test_chosen_columns_widths_and_order_come_back_in_a_new_window(make_window, settings_file):
    first = make_window()
    feed = first.pane.feed
    header = feed.columns.header
    chooser_action(feed, "Sender").trigger()
    assert header.isSectionHidden(COL_SENDER)
    header.resizeSection(COL_CHAT, 222)
    header.moveSection(header.visualIndex(COL_AGE), 1)

    for title in COLUMNS:  # hide all it lets: the last column shown stays
        action = chooser_action(feed, title)
        if action.isEnabled() and action.isChecked():
            action.trigger()
    assert header.hiddenSectionCount() == len(COLUMNS) - 1
    (last,) = [a for a in chooser(feed) if a.isChecked()]
    assert not last.isEnabled()
    for title in COLUMNS:
        if title != "Sender" and not chooser_action(feed, title).isChecked():
            chooser_action(feed, title).trigger()
    first.close()

    second = make_window()
    header = second.pane.feed.columns.header
    assert [header.isSectionHidden(c) for c in range(len(COLUMNS))] == [
        c == COL_SENDER for c in range(len(COLUMNS))
    ]
    assert header.sectionSize(COL_CHAT) == 222
    assert header.visualIndex(COL_AGE) == 1


def test_a_damaged_or_foreign_header_state_falls_back_to_content_widths(make_window, settings_file):
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue(HEADER_KEY, QByteArray(b"not a header state"))
    settings.sync()
    window = make_window()
    header = window.pane.feed.columns.header
    assert header.hiddenSectionCount() == 0
    assert header.sectionSize(COL_TYPE) >= window.pane.feed.table.fontMetrics().horizontalAdvance(
        "outgoingAPIMessageReceived"
    )


def test_columns_fit_their_content_at_first_start_on_a_laptop(make_window, run, language):
    window = make_window()
    window.resize(LAPTOP)
    kinds = ["incomingMessageReceived · text", "outgoingAPIMessageReceived · text"]
    bodies = [fill(templates()[kind], 1101000001, f"FIT{n}") for n, kind in enumerate(kinds)]

    async def scenario():
        await drain_with(window, bodies)
        window.pane.model.flush()
        QApplication.processEvents()
        table, header = window.pane.feed.table, window.pane.feed.columns.header
        for column in range(len(COLUMNS)):
            if column not in (COL_SUMMARY, COL_STATE):  # Summary stretches; a State can be long
                assert table.sizeHintForColumn(column) <= header.sectionSize(column), column
            assert header.sectionSizeHint(column) <= header.sectionSize(column) + 1, column

    run(scenario())


def test_summary_takes_the_room_left_and_never_less_than_a_readable_width(make_window, run):
    window = make_window()
    table, columns = window.pane.feed.table, window.pane.feed.columns
    header = columns.header
    least = table.fontMetrics().averageCharWidth() * SUMMARY_MIN_CHARS

    def others() -> int:
        return sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c != COL_SUMMARY)

    async def scenario():
        await drain_with(window, [fill(TEXT, 1101000001, "ROOM")])
        for size in (QSize(1440, 900), LAPTOP, QSize(2400, 900)):
            window.resize(size)
            QApplication.processEvents()
            room = table.viewport().width() - others()
            assert header.sectionSize(COL_SUMMARY) == max(least, room), size
        assert header.sectionSize(COL_SUMMARY) > least  # a wide window: Summary takes the rest
        window.resize(LAPTOP)
        QApplication.processEvents()
        assert header.sectionSize(COL_SUMMARY) >= least  # a narrow feed scrolls sideways
        window.resize(QSize(2400, 900))
        QApplication.processEvents()
        before, sender = header.sectionSize(COL_SUMMARY), header.sectionSize(COL_SENDER)
        columns.set_shown(COL_SENDER, False)  # a hidden column's room goes to Summary
        assert header.sectionSize(COL_SUMMARY) == before + sender

    run(scenario())


def test_the_new_rows_chip_counts_the_rows_shown_below_and_clears(make_window, run):
    window = make_window()
    window.resize(LAPTOP)
    pane = window.pane
    table, chip = pane.feed.table, pane.feed.new_rows
    bar = table.verticalScrollBar()

    async def arrive(bodies, total):
        await post(window, bodies)
        await wait_until(lambda: pane.session.deleted_count == total)
        pane.model.flush()

    async def scenario():
        await window.use_sandbox()
        pane.form.ack_mode.setCurrentIndex(1)
        window.start()
        await arrive([fill(TEXT, 1101000001, f"KEEP{n}") for n in range(40)], 40)
        assert chip.isHidden()  # at the bottom: the table follows, nothing to count
        assert bar.value() == bar.maximum() > 0
        repainted = []
        pane.model.dataChanged.connect(lambda first, last, _: repainted.append((first, last)))
        later = time.time() + AGE_REFRESH_MS / 1000  # the last whole-feed paint is a second old
        pane.model.clock = lambda: later
        pane.feed.columns.refresh_age()
        ((first, last),) = repainted  # only the Age cells of the rows on screen repaint
        assert 0 < first.row() < last.row() == 39 and first.column() == last.column() == COL_AGE

        pane.feed.filter_box.setText("keep")
        await wait_until(lambda: pane.model.filtered and pane.model.rowCount() == 40)
        table.scrollToTop()
        others = [fill(TEXT, 1101000001, f"OTHER{n}") for n in range(5)]
        kept = [fill(TEXT, 1101000001, f"KEEP-NEW{n}") for n in range(3)]
        await arrive(others + kept, 48)
        await wait_until(lambda: pane.model.rowCount() == 43)
        assert chip.isVisible() and chip.text() == "3 new ↓"  # the filter hides the others
        area = table.viewport().geometry()
        assert area.contains(chip.geometry()) and chip.geometry().right() > area.center().x()
        chip.click()
        assert bar.value() == bar.maximum() and chip.isHidden()

        table.scrollToTop()
        await arrive([fill(TEXT, 1101000001, f"KEEP-LAST{n}") for n in range(2)], 50)
        await wait_until(lambda: chip.isVisible() and chip.text() == "2 new ↓")
        bar.setValue(bar.maximum())  # scrolling down by hand clears it too
        assert chip.isHidden()

    run(scenario())


def test_rows_pouring_in_paint_the_ages_with_them_not_again_each_second(make_window, run):
    window = make_window()
    pane = window.pane
    now = [time.time()]
    pane.model.clock = lambda: now[0]

    async def scenario():
        await drain_with(window, [fill(TEXT, 1101000001, f"AGE{n}") for n in range(30)])
        pane.model.flush()
        pane.feed.table.viewport().repaint()  # the batch's paint: the whole feed, ages too
        repainted = []
        pane.model.dataChanged.connect(lambda first, last, _: repainted.append((first, last)))
        now[0] += AGE_REFRESH_MS / 2000
        pane.feed.columns.refresh_age()
        assert repainted == []  # painted half a second ago: not again
        now[0] += AGE_REFRESH_MS / 1000
        pane.feed.columns.refresh_age()
        ((first, last),) = repainted  # a quiet second later, the ages count on
        assert first.column() == last.column() == COL_AGE

    run(scenario())
