"""Big bodies in the window: a 1 MB paste into the composer, a 20 MB body in the inspector."""

from __future__ import annotations

import base64
import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest

from greenconsole import jsontext
from greenconsole.large_text import size_text
from tests.support import body
from tests.ui.conftest import wait_until


def with_thumbnail(size: int) -> dict:
    """A notification with a `size`-character jpegThumbnail: one long line of base64."""
    made = body(1)
    thumbnail = base64.b64encode(b"\xfb\xef" * (size * 3 // 8)).decode()
    made["messageData"] = {
        "typeMessage": "imageMessage",
        "fileMessageData": {"caption": "👩\u200d💻", "jpegThumbnail": thumbnail},
    }
    return made


def with_contacts(count: int) -> dict:
    """A contactsArrayMessage with `count` contacts: many short values on many lines."""
    made = body(1)
    vcard = "BEGIN:VCARD\nFN:Мария\nTEL;type=CELL:+79005556677\nEND:VCARD"
    contacts = [{"displayName": f"👩\u200d💻 {n}", "vcard": vcard} for n in range(count)]
    made["messageData"] = {
        "typeMessage": "contactsArrayMessage",
        "messageData": {"contacts": contacts},
    }
    return made


def keys(inspector, parent) -> list[str]:
    """The keys of a tree node's children (opening it first: a big tree adds them then)."""
    inspector.tree.expand(parent)
    model = inspector.model
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def child(inspector, parent, key: str):
    return inspector.model.index(keys(inspector, parent).index(key), 0, parent)


def test_a_1_mb_paste_leaves_the_composer_usable_with_its_check_shown(make_window, run):
    window = make_window()
    composer = window.pane.composer
    made = with_contacts(11_000)  # 1 MB on many lines; emoji count twice in Qt's positions

    async def scenario():
        text = json.dumps(made, ensure_ascii=False, indent=2)
        QGuiApplication.clipboard().setText(text)
        composer.editor.selectAll()
        composer.editor.paste()
        size = size_text(len(text))
        assert composer.error.text().startswith((f"pasting {size}: ", f"checking {size}"))
        assert not composer.send_button.isEnabled()
        assert not composer.big_note.isHidden()
        assert composer.big_note.text().startswith("Highlighting off for bodies over 256 KB")
        await wait_until(composer.send_button.isEnabled)  # checked on the worker thread
        assert composer.error.text() == "" and composer.body() == made
        composer.editor.moveCursor(QTextCursor.MoveOperation.End)
        composer.editor.insertPlainText(",")  # still an editor: a typo is found and placed
        assert not composer.send_button.isEnabled()
        await wait_until(lambda: composer.error.text().startswith("line "))
        assert "Extra data" in composer.error.text() and not composer.send_button.isEnabled()
        composer.apply_template()  # small again: checked at once
        assert composer.send_button.isEnabled() and composer.big_note.isHidden()

    run(scenario())


def test_a_20_mb_body_shows_its_note_its_first_level_and_copies_whole(make_window, run):
    window = make_window()
    inspector = window.pane.inspector
    document = {"receiptId": 7, "body": with_contacts(220_000)}
    whole = jsontext.dumps(document, indent=2)
    assert len(whole) > 20_000_000

    async def scenario():
        shown: list[bool] = []
        inspector.text_shown.connect(lambda: shown.append(True))
        inspector.show_document(document)
        inspector.copy_whole()  # asked before the text is ready: copied when it is
        await wait_until(lambda: shown, timeout=60)
        assert inspector.big_note.text().startswith(
            f"{len(whole):,} characters: highlighting off for bodies over 256 KB"
        )
        root = inspector.model.index(0, 0).parent()
        assert keys(inspector, root) == ["receiptId", "body"]
        top = inspector.model.index(1, 0)
        assert inspector.tree.isExpanded(top)  # the body opened on its own fields
        assert "typeWebhook" in keys(inspector, top)
        data = child(inspector, child(inspector, top, "messageData"), "messageData")
        contacts = child(inspector, data, "contacts")
        listed = keys(inspector, contacts)
        assert listed[:2] == ["[0]", "[1]"] and listed[-1] == "… 219,500 more"
        assert len(listed) == 501
        assert QGuiApplication.clipboard().text() == whole
        assert inspector.status.text() == f"copied JSON ({len(whole)} characters)"
        assert inspector.raw.document().lastBlock().text() == "}"  # the text view has it all
        inspector.show_document({"receiptId": 9, "body": body(9)})  # a small one: as before
        assert inspector.big_note.isHidden() and '"MSG000009"' in inspector.raw.toPlainText()
        assert inspector.raw.document().findBlockByNumber(1).layout().formats()  # highlighted

    run(scenario())


def test_a_big_tree_shows_more_when_asked_and_masks_off_the_qt_thread(make_window, run):
    window = make_window()
    inspector = window.pane.inspector
    document = {"receiptId": 8, "body": with_contacts(3_000)}  # over 256 KB

    async def scenario():
        inspector.set_masked(True)  # presentation mode
        shown: list[bool] = []
        inspector.text_shown.connect(lambda: shown.append(True))
        inspector.show_document(document)
        await wait_until(lambda: shown)
        raw = inspector.raw.toPlainText()
        assert "79005556677" not in raw and "+7900•••6677" in raw
        top = inspector.model.index(1, 0)
        data = child(inspector, child(inspector, top, "messageData"), "messageData")
        contacts = child(inspector, data, "contacts")
        more = inspector.model.index(len(keys(inspector, contacts)) - 1, 0, contacts)
        assert more.data() == "… 2,500 more"
        inspector.tree.activated.emit(more)  # a double-click or Enter
        assert keys(inspector, contacts)[-2:] == ["[999]", "… 2,000 more"]
        inspector.tree.setCurrentIndex(inspector.model.index(999, 0, contacts))
        inspector.copy_value()
        copied = json.loads(QGuiApplication.clipboard().text())
        # names are masked like phone numbers (keeping the first character)
        assert copied["displayName"] == "👩•••" and "79005556677" not in copied["vcard"]
        inspector.tree.setCurrentIndex(contacts)  # all 3,000: written on the worker thread
        inspector.copy_value()
        assert inspector.status.text() == "copying the value as soon as it is prepared…"
        await wait_until(lambda: inspector.status.text().startswith("copied value"))
        copied = json.loads(QGuiApplication.clipboard().text())
        assert len(copied) == 3_000 and copied[2_999]["vcard"].endswith("+7900•••6677\nEND:VCARD")

    run(scenario())


def test_a_pasted_body_with_a_2_mb_line_is_held_folded_and_sent_as_pasted(make_window, run):
    window = make_window()
    composer = window.pane.composer
    made = with_thumbnail(2 * 1024 * 1024)
    text = json.dumps(made, ensure_ascii=False, indent=2)

    async def scenario():
        QGuiApplication.clipboard().setText(text)
        composer.editor.selectAll()
        composer.editor.paste()
        await wait_until(composer.send_button.isEnabled)
        assert composer.body() == made and composer.error.text() == ""
        assert composer.big_note.text().startswith("A line over 65,536 characters")
        editor = composer.editor
        assert editor.isReadOnly() and editor.document().blockCount() > 500  # folded
        longest = max(len(block) for block in editor.toPlainText().split("\n"))
        assert longest == 4096
        editor.selectAll()
        editor.copy()
        assert QGuiApplication.clipboard().text() == text  # as pasted, not folded
        QGuiApplication.clipboard().setText('{"typeWebhook": "incomingCall"}')
        QTest.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert editor.toPlainText() == '{"typeWebhook": "incomingCall"}'
        assert not editor.isReadOnly() and composer.big_note.isHidden()
        assert composer.send_button.isEnabled()

    run(scenario())


def test_a_big_capture_is_read_off_the_qt_thread_and_a_later_choice_wins(make_window, run):
    from tests.ui.test_window_journal import drain_with

    first = make_window()
    big, small = with_contacts(4_000), body(2)  # about 400 KB: read and parsed on the side
    for made in (big, small):
        made["instanceData"]["idInstance"] = 1101000001  # the window's sandbox instance

    async def scenario():
        await drain_with(first, [big, small])
        first.close()
        await first.aclose()
        window = make_window()  # history rows: the bodies are in the journal only
        feed, inspector = window.pane.feed, window.pane.inspector
        shown = []
        feed.current_changed.connect(shown.append)
        feed.select_row(0)
        assert shown == [None]  # cleared at once, the body comes when read
        await wait_until(lambda: len(shown) == 2)
        assert shown[1]["body"]["messageData"]["messageData"]["contacts"][3_999]["vcard"]
        feed.select_row(1)
        feed.select_row(0)  # the big one again, then the small one before it is read
        feed.select_row(1)
        await window.pane.feed.search_thread.run(lambda: None)  # the big read has finished
        await wait_until(lambda: len(shown) == 5)
        assert shown[3] is None  # the big one's read came too late: never shown
        assert shown[-1]["body"]["idMessage"] == small["idMessage"]
        assert '"contacts"' not in inspector.raw.toPlainText()

    run(scenario())
