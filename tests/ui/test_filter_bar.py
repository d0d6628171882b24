"""The filter bar: a match count of its own (live, cleared with the filter), bad terms named in
it, field filters on live rows, and saved filters that survive a restart."""

from __future__ import annotations

import json

import httpx

from greenconsole.journal.store import Journal
from greenconsole.protocol.notification import Notification
from greenconsole.templates import fill, templates
from greenconsole.ui.i18n import Translations
from tests.ui.conftest import start_on_sandbox, wait_until

KINDS = templates()
TEXT = KINDS["incomingMessageReceived · text"]
IMAGE = KINDS["incomingMessageReceived · image/file"]
CALL = KINDS["incomingCall"]


def history(journal_file, instance: int, bodies) -> None:
    with Journal(journal_file) as journal:
        session = journal.start_session(instance, "http://x", "cli")
        for n, item in enumerate(bodies, 1):
            journal.record(session, instance, Notification(n, item))


async def search(feed, text: str) -> None:
    """Type a filter, apply it at once (not after the typing pause) and wait for its end."""
    feed.filter_box.setText(text)
    feed.apply_filter()
    await wait_until(lambda: feed.last_search_ms is not None)


async def post(window, bodies) -> None:
    async with httpx.AsyncClient() as http:
        for item in bodies:
            (await http.post(window.sandbox.webhook_url, json=item)).raise_for_status()


def test_the_count_is_live_and_clears_with_the_filter(make_window, run, journal_file):
    window = make_window()
    feed = window.pane.feed
    bar = feed.filter

    async def scenario():
        instance = await start_on_sandbox(window.pane)
        window.pane.session.stop()
        old = [fill(IMAGE if n % 3 == 0 else TEXT, instance) for n in range(30)]
        with Journal(journal_file) as journal:  # an earlier session of the same instance
            session = journal.start_session(instance, "http://x", "cli")
            for n, item in enumerate(old, 1):
                journal.record(session, instance, Notification(n, item))
        await search(feed, "MessageData.typeMessage:IMAGEMESSAGE")
        assert bar.count_label.text().startswith("0 match(es)")  # JSON keys are case-sensitive
        await search(feed, "messageData.typeMessage:IMAGEMESSAGE")
        assert bar.count_label.text().startswith("10 match(es) in the journal · ")
        assert feed.model.rowCount() == 10
        # new notifications: the matching ones join the result and count up
        await post(window, [fill(IMAGE, instance), fill(TEXT, instance), fill(IMAGE, instance)])
        window.start()
        await wait_until(lambda: window.pane.session.deleted_count == 3)
        await wait_until(lambda: feed.model.rowCount() == 12)
        await wait_until(lambda: bar.count_label.text().startswith("12 match(es) in the journal"))
        feed.filter_box.clear()
        await wait_until(lambda: not feed.model.filtered)
        assert bar.count_label.text() == ""  # no stale count

    run(scenario())


def test_an_unknown_key_is_named_with_the_known_ones_and_nothing_is_searched(
    make_window, run, journal_file
):
    history(journal_file, 7, [fill(TEXT, 7), fill(CALL, 7)])
    window = make_window()
    window.pane.form.id_instance.setText("7")
    feed = window.pane.feed

    async def scenario():
        await search(feed, "Type:INCOMINGCALL")
        assert feed.model.rowCount() == 1
        assert feed.filter.count_label.text().startswith("1 match(es) in the journal")
        feed.filter_box.setText("typo:foo")
        feed.apply_filter()
        text = feed.filter.count_label.text()
        assert 'unknown key "typo"' in text and "type, chat, id, since, until, shape" in text
        assert feed.filter_box.toolTip() == text
        assert feed.model.rowCount() == 1  # the last good result stays
        feed.filter_box.setText('"typo:foo"')  # quoted: searched as text
        await wait_until(lambda: feed.last_search_ms is not None)
        assert feed.filter.count_label.text().startswith("0 match(es) in the journal")

    run(scenario())


def test_saved_filters_survive_a_restart_and_can_be_deleted(make_window, run, journal_file):
    history(journal_file, 7, [fill(TEXT, 7), fill(CALL, 7), fill(IMAGE, 7)])

    def saved_names(window) -> list[str]:
        menu = window.pane.feed.filter.saved.menu()
        menu.aboutToShow.emit()
        return [action.text() for action in menu.actions() if not action.isSeparator()]

    async def scenario():
        first = make_window()
        bar = first.pane.feed.filter
        first.pane.feed.filter_box.setText(
            "type:incomingCall OR messageData.typeMessage:imageMessage"
        )
        bar.saved.ask_name()
        bar.saved.dialog.setTextValue("calls and images")
        bar.saved.dialog.accept()
        await first.aclose()

        second = make_window()
        second.pane.form.id_instance.setText("7")
        feed = second.pane.feed
        assert saved_names(second) == ["Save current filter…", "calls and images", "Delete"]
        apply = next(
            a for a in feed.filter.saved.menu().actions() if a.text() == "calls and images"
        )
        apply.trigger()
        assert feed.filter_box.text() == "type:incomingCall OR messageData.typeMessage:imageMessage"
        await wait_until(lambda: feed.last_search_ms is not None)
        assert feed.model.rowCount() == 2
        delete = feed.filter.saved.menu().actions()[-1].menu()
        delete.actions()[0].trigger()
        await second.aclose()

        third = make_window()
        assert saved_names(third) == ["Save current filter…"]

    run(scenario())


def test_a_filter_holding_the_token_is_never_saved(make_window, run, settings_file):
    window = make_window()
    bar = window.pane.feed.filter
    said: list[str] = []
    window.pane.feed.message.connect(said.append)

    async def scenario():
        await window.use_sandbox()
        token = window.pane.form.settings().token
        bar.filter_box.setText(f"chat:7900 {token}")
        bar.saved.ask_name()
        bar.saved.dialog.setTextValue("pasted by mistake")
        bar.saved.dialog.accept()
        assert said[-1] == "filter not saved: it holds the instance's token"
        bar.saved.save_as(f"name {token}", "chat:7900")
        window.pane.context.settings.sync()
        assert not settings_file.exists() or token.encode() not in settings_file.read_bytes()
        assert [name for name, _ in bar.saved.store.items()] == []

    run(scenario())


def test_field_filters_and_the_count_cover_an_imported_file(make_window, run, tmp_path):
    window = make_window()
    feed = window.pane.feed
    exported = tmp_path / "three.jsonl"
    lines = [{"receiptId": n, "body": item} for n, item in enumerate([TEXT, IMAGE, CALL], 1)]
    exported.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")

    async def scenario():
        assert await feed.import_file(str(exported))
        await search(feed, "-messageData.typeMessage:imageMessage")
        assert feed.model.rowCount() == 2
        assert feed.filter.count_label.text().startswith("2 match(es) in the imported rows · ")
        await search(feed, "type:INCOMINGCALL OR senderData.chatName~IVA")
        assert [row.receipt_id for row in feed.model.shown_rows()] == [1, 2, 3]

    run(scenario())


def test_the_russian_window_names_a_bad_term_in_russian(make_window, run, qapp):
    translations = Translations(qapp)
    assert translations.use("ru")
    try:
        window = make_window()
        feed = window.pane.feed
        feed.filter_box.setText("typo:foo")
        feed.apply_filter()
        text = feed.filter.count_label.text()
        assert text.startswith("typo:: неизвестный ключ «typo»; известные ключи: type, chat")
        assert feed.filter.saved.text() == "Фильтры"
    finally:
        translations.use("en")
