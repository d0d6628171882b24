"""The window's bridge to a local handler (Queue tab): each notification is POSTed to the
handler before its delete, a refusal is sent again, every attempt is journaled and shown."""

from __future__ import annotations

import json

import httpx

from greenconsole.journal.store import JournalReader
from tests.support import ScriptedServer, body, status
from tests.ui.conftest import start_on_sandbox, wait_until


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
        reader = JournalReader.existing(journal_file)
        assert [a[3] for a in reader.attempts(1)] == [503, 200]  # a new journal: capture 1
        reader.close()
        section.switch.setChecked(False)
        assert pane.session.forwarder is None

    run(scenario())
