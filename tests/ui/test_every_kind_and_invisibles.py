"""Every template's summary in the feed; odd characters escaped in the feed and the inspector."""

from __future__ import annotations

import json

import httpx
from PySide6.QtGui import QGuiApplication

from greenconsole import jsontext
from greenconsole.protocol.notification import Notification
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import (
    COL_CHAT,
    COL_SENDER,
    COL_SUMMARY,
    COL_TYPE,
    FeedModel,
    FeedRow,
)
from greenconsole.ui.inspector import PATH_ROLE
from tests.test_summary import EXPECTED
from tests.ui.conftest import start_on_sandbox, wait_until

T0 = 1_764_200_000


def test_every_template_shows_its_key_words_in_the_feed(make_window, run):
    window = make_window()
    names = list(templates())

    async def scenario():
        pane = window.pane
        id_instance = await start_on_sandbox(pane)
        async with httpx.AsyncClient() as http:
            for n, name in enumerate(names):
                item = fill(templates()[name], id_instance, f"ID{n:04d}", T0 + n)
                (await http.post(window.sandbox.webhook_url, json=item)).raise_for_status()
        await wait_until(lambda: pane.model.rowCount() == len(names))
        for n, name in enumerate(names):
            shown = pane.model.index(n, COL_SUMMARY).data()
            assert EXPECTED[name] in shown, (name, shown)
            assert pane.model.index(n, COL_TYPE).data() == templates()[name]["typeWebhook"]

    run(scenario())


def odd_body() -> dict:
    return {
        "typeWebhook": "incomingMessageReceived",
        "idMessage": "ODD1",
        "senderData": {"chatId": "\u202e79001112233@c.us", "senderName": "\u202eIvan\u200b"},
        "messageData": {
            "typeMessage": "textMessage",
            "textMessageData": {"textMessage": "\u200b\u200b half \ud83d, whole 👩\u200d💻"},
        },
    }


def test_feed_cells_never_show_a_raw_bidi_or_zero_width_character():
    model = FeedModel()
    model.append(FeedRow.from_notification(Notification(1, odd_body())))
    model.flush()
    columns = (COL_CHAT, COL_SENDER, COL_SUMMARY)
    cells = {column: model.index(0, column).data() for column in columns}
    assert cells == {
        COL_CHAT: "\\u202e79001112233@c.us",
        COL_SENDER: "\\u202eIvan\\u200b",
        COL_SUMMARY: "\\u200b\\u200b half \\ud83d, whole 👩\u200d💻",
    }


def node(model, path: str):
    """The tree's value index at a JSON path."""
    pending = [model.index(row, 0) for row in range(model.rowCount())]
    while pending:
        index = pending.pop()
        if index.data(PATH_ROLE) == path:
            return index.siblingAtColumn(1)
        pending += [model.index(row, 0, index) for row in range(model.rowCount(index))]
    raise AssertionError(f"no node {path}")


TEXT_PATH = "body.messageData.textMessageData.textMessage"


def test_inspector_shows_invisibles_escaped_and_copies_the_real_value(make_window, run):
    window = make_window()
    document = {"receiptId": 1, "body": odd_body()}

    async def scenario():
        inspector = window.pane.inspector
        assert inspector.invisibles_box.isChecked()  # on by default
        inspector.show_document(document)
        value = node(inspector.model, TEXT_PATH)
        assert value.data() == "\\u200b\\u200b half \\ud83d, whole 👩\u200d💻"
        sender = node(inspector.model, "body.senderData.senderName")
        assert sender.data() == "\\u202eIvan\\u200b"
        raw = inspector.raw.toPlainText()
        assert "\u202e" not in raw and "\u200b" not in raw
        assert '"\\u200b\\u200b half \\ud83d, whole 👩\u200d💻"' in raw
        assert jsontext.loads(raw) == document  # the escaped view is the same JSON

        inspector.tree.setCurrentIndex(value)
        inspector.copy_value()
        assert QGuiApplication.clipboard().text().startswith("\u200b\u200b half ")  # real text

        inspector.invisibles_box.setChecked(False)
        assert node(inspector.model, TEXT_PATH).data().startswith("\u200b\u200b half ")
        assert "\u202eIvan" in inspector.raw.toPlainText()
        assert json.loads(inspector.raw.toPlainText())["body"]["idMessage"] == "ODD1"

        inspector.invisibles_box.setChecked(True)
        inspector.show_document('{"receiptId": 2, \u202e\n"body": \u200b')  # a malformed answer
        assert inspector.raw.toPlainText() == '{"receiptId": 2, \\u202e\n"body": \\u200b'

    run(scenario())


def test_the_deprecated_quoted_message_kind_says_so(make_window, run):
    window = make_window()

    async def scenario():
        composer, inspector = window.pane.composer, window.pane.inspector
        labels = [composer.template_box.itemText(i) for i in range(composer.template_box.count())]
        assert "incomingMessageReceived · quoted (deprecated)" in labels
        assert "incomingMessageReceived · reply" in labels  # today's replies: not marked
        quoted = fill(templates()["incomingMessageReceived · quoted"], 1101000001)
        inspector.show_document({"receiptId": 1, "body": quoted})
        assert inspector.deprecated.isVisible()
        assert "quotedMessage is deprecated" in inspector.deprecated.text()
        reply = fill(templates()["incomingMessageReceived · reply"], 1101000001)
        inspector.show_document({"receiptId": 2, "body": reply})
        assert not inspector.deprecated.isVisible()

    run(scenario())


def test_a_status_description_cannot_reverse_the_timeline_notes(qtbot):
    from greenconsole.timeline import build_timeline
    from greenconsole.ui.inspector import Inspector

    failed = fill(templates()["outgoingMessageStatus · failed"], 1101000001, id_message="M1")
    failed["description"] = "\u202egnp.live\u200b"
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_timeline(build_timeline("M1", [(1, 1.0, failed)]))
    assert "failed: \\u202egnp.live\\u200b" in inspector.timeline_notes.text()
    assert "\u202e" not in inspector.timeline_notes.text()
