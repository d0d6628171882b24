"""Message status timelines in the inspector, and statuses grouped on their message's row."""

from __future__ import annotations

import httpx

from greenconsole.templates import fill, templates
from greenconsole.ui.inspector import clock_text
from tests.ui.conftest import start_on_sandbox, wait_until

T0 = 1_764_000_000
OUTGOING = templates()["outgoingAPIMessageReceived · text"]
STATUS = templates()["outgoingMessageStatus"]


def status(id_instance: int, id_message: str, name: str, at: int) -> dict:
    return {**fill(STATUS, id_instance, id_message, at), "status": name}


def notifications(id_instance: int) -> list[dict]:
    return [
        fill(OUTGOING, id_instance, "M1", T0),
        status(id_instance, "M1", "sent", T0 + 1),
        status(id_instance, "M2", "failed", T0 + 2),  # M2 itself never comes
        status(id_instance, "M1", "delivered", T0 + 3),
        fill(OUTGOING, id_instance, "M3", T0 + 4),
        status(id_instance, "M3", "noAccount", T0 + 5),
        status(id_instance, "M1", "read", T0 + 10),
    ]


def row_number(pane, type_webhook: str, id_message: str) -> int:
    for number in range(pane.model.rowCount()):
        row = pane.model.row(number)
        if row.type_webhook == type_webhook and row.id_message == id_message:
            return number
    raise AssertionError(f"no {type_webhook} row for {id_message}")


def timeline_rows(inspector) -> list[list[str]]:
    tree = inspector.timeline
    return [
        [tree.topLevelItem(n).text(c) for c in range(3)] for n in range(tree.topLevelItemCount())
    ]


def test_timeline_gaps_orphans_problems_and_grouping(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        id_instance = await start_on_sandbox(pane)
        async with httpx.AsyncClient() as http:
            for body in notifications(id_instance):
                (await http.post(window.sandbox.webhook_url, json=body)).raise_for_status()
        await wait_until(lambda: pane.model.rowCount() == 7)
        assert not any(pane.model.row(n).duplicate_of for n in range(7))  # statuses ≠ duplicates
        inspector = pane.inspector

        pane.feed.select_row(row_number(pane, "outgoingAPIMessageReceived", "M1"))
        await wait_until(lambda: len(timeline_rows(inspector)) == 3)
        steps = timeline_rows(inspector)
        assert [s[0] for s in steps] == ["sent", "delivered", "read"]
        assert [s[2] for s in steps] == ["+1.0 s", "+2.0 s", "+7.0 s"]
        assert "Status timeline of M1" in inspector.timeline_title.text()

        pane.feed.select_row(row_number(pane, "outgoingMessageStatus", "M2"))
        await wait_until(lambda: "never seen" in inspector.timeline_title.text())
        assert timeline_rows(inspector) == [["failed", clock_text(T0 + 2), ""]]
        failed = inspector.timeline.topLevelItem(0)
        assert failed.background(0).color().name() == "#ffcdd2"  # highlighted

        pane.feed.select_row(row_number(pane, "outgoingAPIMessageReceived", "M3"))
        await wait_until(lambda: "M3" in inspector.timeline_title.text())
        assert timeline_rows(inspector)[0][0] == "noAccount"
        assert inspector.timeline.topLevelItem(0).background(0).color().name() == "#ffcdd2"

        pane.feed.group_box.setChecked(True)
        await wait_until(lambda: pane.model.rowCount() == 3)
        kinds = [(pane.model.row(n).type_webhook, pane.model.row(n).id_message) for n in range(3)]
        assert kinds == [
            ("outgoingAPIMessageReceived", "M1"),
            ("outgoingMessageStatus", "M2"),  # an orphan status stays on its own row
            ("outgoingAPIMessageReceived", "M3"),
        ]
        summary = pane.model.index(0, 5).data()
        assert summary.startswith("[sent → delivered → read] ")
        assert pane.model.index(2, 5).data().startswith("[noAccount] ")
        pane.feed.group_box.setChecked(False)
        await wait_until(lambda: pane.model.rowCount() == 7)

    run(scenario())
