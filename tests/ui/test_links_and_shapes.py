"""Shape marks in the feed and the inspector; links between a message and what refers to it."""

from __future__ import annotations

import threading

import httpx
from PySide6.QtCore import Qt

from greenconsole.journal.store import JournalReader
from greenconsole.templates import fill, templates
from greenconsole.ui.feed_model import COL_TYPE
from greenconsole.ui.palette import Tone, text
from tests.ui.conftest import start_on_sandbox, wait_until

T0 = 1_764_000_000
TEMPLATES = templates()
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ICON = Qt.ItemDataRole.DecorationRole


def message(id_instance: int, id_message: str, at: int, kind: str = "text") -> dict:
    return fill(TEMPLATES[f"incomingMessageReceived · {kind}"], id_instance, id_message, at)


def referring(id_instance: int, kind: str, id_message: str, target: str, at: int) -> dict:
    """A reply, reaction, edit or deletion of message `target`."""
    body = message(id_instance, id_message, at, kind)
    data = body["messageData"]
    key = {"edited": "editedMessageData", "deleted": "deletedMessageData"}.get(kind)
    data[key or "quotedMessage"]["stanzaId"] = target
    return body


async def post(window, bodies: list[dict]) -> None:
    async with httpx.AsyncClient() as http:
        for body in bodies:
            (await http.post(window.sandbox.webhook_url, json=body)).raise_for_status()


def number(pane, id_message: str) -> int:
    for n in range(pane.model.rowCount()):
        if pane.model.row(n).id_message == id_message:
            return n
    raise AssertionError(f"no row for {id_message}")


def links_shown(inspector) -> list[list[str]]:
    tree = inspector.links.tree
    if inspector.links.isHidden():
        return []
    return [
        [tree.topLevelItem(n).text(c) for c in range(4)] for n in range(tree.topLevelItemCount())
    ]


def test_shape_marks_in_the_feed_the_inspector_and_the_filter(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        id_instance = await start_on_sandbox(pane)
        bad = message(id_instance, "BAD1", T0 + 1)
        bad["messageData"]["textMessageData"] = {"textMesage": "misspelt"}
        del bad["senderData"]["sender"]
        unknown = {**message(id_instance, "NEW1", T0 + 2), "typeWebhook": "incomingStoryReceived"}
        await post(window, [message(id_instance, "GOOD1", T0), bad, unknown])
        await wait_until(lambda: pane.model.rowCount() == 3)
        model = pane.model

        cell = model.index(number(pane, "BAD1"), COL_TYPE)
        assert cell.data() == "incomingMessageReceived"
        assert not cell.data(ICON).isNull()
        assert cell.data(Qt.ItemDataRole.ForegroundRole) == text(Tone.WARNING)
        assert cell.data(TOOLTIP).splitlines() == [
            "Differs from GREEN-API's documented shape (3):",
            "missing senderData.sender",
            "missing messageData.textMessageData.textMessage",
            "unknown field messageData.textMessageData.textMesage",
        ]
        good = model.index(number(pane, "GOOD1"), COL_TYPE)
        assert good.data(ICON) is None and good.data(TOOLTIP) is None
        new = model.index(number(pane, "NEW1"), COL_TYPE)
        assert new.data(TOOLTIP).splitlines() == [
            "A kind GREEN-API does not document (shown as is, not an error):",
            "unknown kind incomingStoryReceived (typeWebhook)",
        ]
        assert new.data(ICON).cacheKey() != cell.data(ICON).cacheKey()  # information, not warning
        assert new.data(Qt.ItemDataRole.ForegroundRole) != text(Tone.WARNING)

        shape = pane.inspector.shape
        pane.feed.select_row(number(pane, "BAD1"))
        assert shape.isVisible()
        assert "• unknown field messageData.textMessageData.textMesage" in shape.text()
        assert "• missing senderData.sender" in shape.text()
        pane.feed.select_row(number(pane, "NEW1"))
        assert shape.isVisible() and "not an error" in shape.text()
        assert "Differs" not in shape.text()
        pane.feed.select_row(number(pane, "GOOD1"))
        assert not shape.isVisible()

        pane.feed.filter_box.setText("shape:bad")
        pane.feed.apply_filter()
        await wait_until(lambda: model.rowCount() == 1)
        assert model.row(0).id_message == "BAD1"

    run(scenario())


def test_a_chain_links_to_its_original_and_back_off_the_qt_thread(
    make_window, run, qtbot, monkeypatch
):
    window = make_window()
    lookups: list[int] = []
    original_links = JournalReader.links

    def spy(self, *args):
        lookups.append(threading.get_ident())
        return original_links(self, *args)

    monkeypatch.setattr(JournalReader, "links", spy)

    async def scenario():
        pane = window.pane
        inspector = pane.inspector
        i = await start_on_sandbox(pane)
        await post(
            window,
            [
                message(i, "ORIG1", T0),
                referring(i, "reply", "REPLY1", "ORIG1", T0 + 1),
                referring(i, "edited", "EDIT1", "ORIG1", T0 + 2),
                referring(i, "reaction", "REACT1", "ORIG1", T0 + 3),
                referring(i, "deleted", "DEL1", "ORIG1", T0 + 4),
                fill(TEMPLATES["outgoingAPIMessageReceived · text"], i, "OUT1", T0 + 5),
                fill(TEMPLATES["outgoingMessageStatus"], i, "OUT1", T0 + 6),
                referring(i, "edited", "EDIT2", "GONE1", T0 + 7),
            ],
        )
        await wait_until(lambda: pane.model.rowCount() == 8)

        pane.feed.select_row(number(pane, "ORIG1"))
        await wait_until(lambda: len(links_shown(inspector)) == 4)
        assert [row[0] for row in links_shown(inspector)] == [
            "← reply",
            "← edit",
            "← reaction",
            "← deletion",
        ]
        assert links_shown(inspector)[1][3] == "edited ORIG1: Dinner at 8 pm instead"
        assert inspector.links.title.text() == "Links of ORIG1"

        for referrer in ("REPLY1", "EDIT1", "REACT1", "DEL1"):
            pane.feed.select_row(number(pane, referrer))
            await wait_until(lambda: [r[0] for r in links_shown(inspector)] == ["→ message"])
            assert links_shown(inspector)[0][1] == str(
                pane.model.row(number(pane, "ORIG1")).receipt_id
            )
        tree = inspector.links.tree
        rect = tree.visualItemRect(tree.topLevelItem(0))
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert pane.feed.table.currentIndex().row() == number(pane, "ORIG1")  # row selected
        await wait_until(lambda: len(links_shown(inspector)) == 4)

        pane.feed.select_row(number(pane, "OUT1"))
        await wait_until(lambda: [r[0] for r in links_shown(inspector)] == ["← status"])
        pane.feed.select_row(number(pane, "OUT1") + 1)  # its status
        await wait_until(lambda: [r[0] for r in links_shown(inspector)] == ["→ message"])
        assert links_shown(inspector)[0][2] == "outgoingAPIMessageReceived"

        pane.feed.select_row(number(pane, "EDIT2"))
        await wait_until(lambda: inspector.links.missing.isVisible())
        assert inspector.links.missing.text() == (
            "message GONE1 is not in this journal: it was not captured by this console"
        )
        assert links_shown(inspector) == []

        assert lookups and threading.main_thread().ident not in lookups

    run(scenario())


def test_a_link_to_a_row_the_filter_hides_shows_its_notification(make_window, run, qtbot):
    window = make_window()

    async def scenario():
        pane = window.pane
        inspector = pane.inspector
        i = await start_on_sandbox(pane)
        await post(
            window,
            [message(i, "ORIG1", T0), referring(i, "reply", "REPLY1", "ORIG1", T0 + 1)],
        )
        await wait_until(lambda: pane.model.rowCount() == 2)
        pane.feed.filter_box.setText("id:REPLY1")
        pane.feed.apply_filter()
        await wait_until(lambda: pane.model.rowCount() == 1)
        pane.feed.select_row(0)
        await wait_until(lambda: len(links_shown(inspector)) == 1)
        tree = inspector.links.tree
        rect = tree.visualItemRect(tree.topLevelItem(0))
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert "ORIG1" in inspector.raw.toPlainText()  # the original, though not in the feed
        assert not pane.feed.table.selectionModel().hasSelection()
        assert "is not among the rows shown" in pane.status.currentMessage()
        await wait_until(lambda: [r[0] for r in links_shown(inspector)] == ["← reply"])

    run(scenario())


def test_links_among_the_rows_of_an_imported_file(make_window, run, qtbot, tmp_path):
    window = make_window()

    async def scenario():
        pane = window.pane
        inspector = pane.inspector
        i = await start_on_sandbox(pane)
        await post(
            window,
            [
                message(i, "ORIG1", T0),
                referring(i, "deleted", "DEL1", "ORIG1", T0 + 1),
                referring(i, "reply", "REPLY2", "GONE1", T0 + 2),
            ],
        )
        await wait_until(lambda: pane.model.rowCount() == 3)
        pane.session.stop()
        path = str(tmp_path / "chain.jsonl")
        assert pane.feed.export_to(path, "all") == 3
        assert await pane.feed.import_file(path)
        # imported rows are not captures: no id anything could take for a journal row's
        assert [row.capture_id for row in pane.model.rows()] == [None, None, None]
        pane.feed.select_row(number(pane, "DEL1"))
        await wait_until(lambda: [r[0] for r in links_shown(inspector)] == ["→ message"])
        tree = inspector.links.tree
        rect = tree.visualItemRect(tree.topLevelItem(0))
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert pane.feed.table.currentIndex().row() == number(pane, "ORIG1")
        await wait_until(lambda: [r[0] for r in links_shown(inspector)] == ["← deletion"])
        pane.feed.select_row(number(pane, "REPLY2"))
        await wait_until(lambda: inspector.links.missing.isVisible())
        assert inspector.links.missing.text() == "message GONE1 is not in the imported file"

    run(scenario())
