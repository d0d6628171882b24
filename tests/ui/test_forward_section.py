"""The window's bridge to a local handler (Queue tab): each notification is POSTed to the
handler before its delete, a refusal is sent again, every attempt is journaled and shown."""

from __future__ import annotations

import json

import httpx

from greenconsole.journal.store import JournalReader
from greenconsole.ui.feed_model import COL_STATE
from tests.support import ScriptedServer, body, status
from tests.ui.conftest import start_on_sandbox, wait_until
from tests.ui.test_status_timeline import row_number


def test_the_window_forwards_to_a_local_handler_and_deletes_after_2xx(
    run, make_window, journal_file
):
    window = make_window()
    pane = window.pane
    section = pane.forward

    async def scenario():
        with ScriptedServer([status(503, "busy"), status(200, "ok"), status(200, "ok")]) as hook:
            section.url.setText("not a url")
            section.switch.setChecked(True)
            assert not section.switch.isChecked() and "Handler" in section.status_label.text()
            section.url.setText(f"{hook.url}/webhook")
            section.token.setText("hook-token")
            section.pause.setValue(0.1)
            section.switch.setChecked(True)
            instance = await start_on_sandbox(pane)
            sandbox = window.context.sandbox
            async with httpx.AsyncClient() as http:
                for n in (1, 2):
                    await http.post(sandbox.webhook_url, json=body(n, instance))
            await wait_until(lambda: len(hook.bodies) == 3)
            await wait_until(lambda: len(sandbox.state.instances[instance]) == 0)
            sent = [json.loads(raw)["idMessage"] for raw in hook.bodies]
            assert sent == ["MSG000001", "MSG000001", "MSG000002"]
            assert {h["authorization"] for h in hook.headers} == {"Bearer hook-token"}
            assert "Delivered: 2, refused: 1" in section.status_label.text()
            await wait_until(lambda: "handler 200" in state_of(pane, "MSG000002"))
            assert state_of(pane, "MSG000001") == "deleted · handler 200 (attempt 2)"
            assert state_of(pane, "MSG000002") == "deleted · handler 200 (attempt 1)"
        reader = JournalReader.existing(journal_file)
        assert [a[3] for a in reader.attempts(1)] == [503, 200]  # a new journal: capture 1
        reader.close()
        section.switch.setChecked(False)
        assert pane.session.forwarder is None

    run(scenario())


def state_of(pane, id_message: str) -> str:
    """The State column of the message's row ("" while the row is not in the feed yet)."""
    try:
        number = row_number(pane, "incomingMessageReceived", id_message)
    except AssertionError:
        return ""
    return pane.model.index(number, COL_STATE).data()


def test_the_feed_shows_forwarding_from_the_journal_too(run, make_window):
    """A row read back from the journal (history in a new window) says what the handler said."""
    first = make_window()

    async def scenario():
        with ScriptedServer([status(502, "no")], idle=status(200, "ok")) as hook:
            first.pane.forward.url.setText(hook.url)
            first.pane.forward.pause.setValue(0.1)
            first.pane.forward.switch.setChecked(True)
            instance = await start_on_sandbox(first.pane)
            async with httpx.AsyncClient() as http:
                await http.post(first.context.sandbox.webhook_url, json=body(1, instance))
            await wait_until(lambda: first.pane.session.deleted_count == 1)
        first.pane.session.stop()
        first.journal.flush()
        second = make_window()  # the same journal file: the instance's history opens
        await second.pane.use_sandbox()
        await wait_until(lambda: second.pane.model.rowCount() >= 1)
        shown = state_of(second.pane, "MSG000001")
        assert shown.endswith("deleted · handler 200 (attempt 2)"), shown

    run(scenario())
