"""What an outside tester saw in the feed at 1024×700: a replay's result stays readable on the
feed's own line, half an emoji reads as its escape, imported times keep their milliseconds,
exports are the owner's only, and columns fit their titles and widest sizes."""

from __future__ import annotations

import json
import stat

import httpx
import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication

from greenconsole.templates import fill, templates
from greenconsole.ui.feed_columns import HEADER_KEY
from greenconsole.ui.feed_model import COL_RECEIPT, COL_RECEIVED, COL_SIZE, COL_SUMMARY, COLUMNS
from greenconsole.ui.i18n import Translations
from tests.ui.conftest import wait_until
from tests.ui.test_diff_and_resend import drained, message, select

TEXT = templates()["incomingMessageReceived · text"]
LAPTOP = QSize(1024, 700)


def readable(label) -> bool:
    """The label is on screen with its whole text laid out (wrapped lines all shown)."""
    if not label.wordWrap():
        return (
            label.isVisible()
            and label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
        )
    return label.isVisible() and label.height() >= label.heightForWidth(label.width()) > 0


def test_every_replay_ends_with_a_readable_result_on_the_feed(make_window, run, tmp_path):
    window = make_window()
    window.resize(LAPTOP)
    pane = window.pane

    async def scenario():
        await drained(window, [message(1), message(2)])
        pane.session.stop()
        await wait_until(lambda: not pane.session.running)
        masked = tmp_path / "masked.jsonl"
        pane.feed.export_to(str(masked), "all", redacted=True)
        assert await pane.feed.import_file(str(masked))
        select(pane, 0, 1)
        line = pane.feed.result_line

        assert await pane.feed.replay_selected() == 0
        QApplication.processEvents()
        assert "nothing sent" in line.text() and "body.instanceData.wid" in line.text()
        assert readable(line)
        pane.notify("another notice")  # the status bar's next notice does not cover it
        assert "nothing sent" in line.text()

        pane.feed.replay_masked_box.setChecked(True)
        assert await pane.feed.replay_selected() == 2
        QApplication.processEvents()
        assert line.text().startswith("replayed 2 of 2 notification(s) to http://127.0.0.1:")
        assert readable(line)

    run(scenario())


def test_half_an_emoji_shows_as_its_escape_in_the_feed_and_is_found(make_window, run):
    window = make_window()
    pane = window.pane
    body = message(1, text="half \ud83d emoji")

    async def scenario():
        await pane.use_sandbox()
        body["instanceData"]["idInstance"] = int(pane.form.settings().id_instance)
        async with httpx.AsyncClient() as http:  # json.dumps writes the lone half as \ud83d
            posted = await http.post(window.sandbox.webhook_url, content=json.dumps(body))
            posted.raise_for_status()
        pane.form.ack_mode.setCurrentIndex(1)
        pane.start()
        await wait_until(lambda: pane.session.deleted_count == 1)
        pane.model.flush()
        assert pane.model.index(0, COL_SUMMARY).data() == "half \\ud83d emoji"
        pane.feed.filter_box.setText("half")
        await wait_until(lambda: pane.model.filtered and pane.model.match_count == 1)
        assert "\\ud83d" in pane.model.index(0, COL_SUMMARY).data()

    run(scenario())


def test_imported_times_keep_their_milliseconds(make_window, run, tmp_path):
    window = make_window()
    body = fill(TEXT, 1101000001, "T")
    path = tmp_path / "times.jsonl"
    stamps = [f"2026-11-27T10:43:32.{ms:03d}Z" for ms in range(1000)]
    path.write_text(
        "".join(json.dumps({"receiptId": 1, "receivedAt": s, "body": body}) + "\n" for s in stamps),
        "utf-8",
    )

    async def scenario():
        assert await window.pane.feed.import_file(str(path))
        model = window.pane.model
        model.flush()
        shown = [model.index(n, COL_RECEIVED).data()[-4:] for n in range(model.rowCount())]
        assert shown == [stamp[-5:-1] for stamp in stamps]  # .245 stays .245

    run(scenario())


def test_window_exports_are_the_owners_only(make_window, run, tmp_path):
    window = make_window()

    async def scenario():
        await drained(window, [message(1)])
        clear, shared = tmp_path / "clear.jsonl", tmp_path / "old.json"
        shared.write_text("", "utf-8")
        shared.chmod(0o644)
        assert window.pane.feed.export_to(str(clear), "all", redacted=False) == 1
        assert window.pane.feed.export_to(str(shared), "all") == 1
        for path in (clear, shared):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path

    run(scenario())


def test_size_fits_a_twenty_megabyte_body(make_window, run):
    window = make_window()
    window.resize(LAPTOP)

    async def scenario():
        await drained(window, [message(1)])
        model, table = window.pane.model, window.pane.feed.table
        model.row(0).size = 20 * 1024 * 1024 - 1
        QApplication.processEvents()
        assert model.index(0, COL_SIZE).data() == "20.0 MB"
        assert table.sizeHintForColumn(COL_SIZE) <= table.columnWidth(COL_SIZE)

    run(scenario())


def test_widths_kept_in_english_leave_the_russian_titles_whole(make_window, qapp, settings_file):
    first = make_window()
    header = first.pane.feed.columns.header
    header.resizeSection(COL_RECEIPT, header.sectionSizeHint(COL_RECEIPT))  # English title only
    first.close()
    assert QSettings(str(settings_file), QSettings.Format.IniFormat).value(HEADER_KEY)
    translations = Translations(qapp)
    assert translations.use("ru")
    try:
        second = make_window()
        header = second.pane.feed.columns.header
        title = second.pane.model.headerData(COL_RECEIPT, Qt.Orientation.Horizontal)
        assert title == "ID доставки"
        for column in range(len(COLUMNS)):
            assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    finally:
        translations.use("en")


@pytest.mark.usefixtures("language")
def test_a_filter_error_reads_whole_and_never_widens_a_laptop_window(make_window, run):
    window = make_window()
    window.resize(LAPTOP)
    feed = window.pane.feed

    async def scenario():
        QApplication.processEvents()
        assert window.width() == LAPTOP.width()
        feed.filter_box.setText("typo:foo")
        feed.apply_filter()
        QApplication.processEvents()
        line = feed.filter.count_label
        assert "typo" in line.text()
        await wait_until(lambda: readable(line))
        assert window.width() == LAPTOP.width()
        feed.filter_box.setText("")
        feed.apply_filter()
        QApplication.processEvents()
        assert window.width() == LAPTOP.width() and line.text() == ""

    run(scenario())
