"""Linked scenarios from the composer: the feed, the status timeline and the stanzaId links."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint

from greenconsole.scenarios import SCENARIOS
from tests.ui.conftest import start_on_sandbox, wait_until
from tests.ui.test_status_timeline import timeline_rows

PROBLEM_BACKGROUND = "#ffcdd2"


def button_places(composer) -> list[QPoint]:
    """Where the composer's buttons are, once every pending layout is done."""
    for _ in range(3):  # nested layouts: each pass may post a request to its parent
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    buttons = (composer.send_button, composer.burst_button, composer.scenario_button)
    return [button.mapTo(composer, QPoint(0, 0)) for button in buttons]


async def send_scenario(pane, name: str, clicks: int = 1) -> list:
    """Send scenario `name` from the composer; its rows, once they are all in the feed."""
    composer, before = pane.composer, pane.model.rowCount()
    composer.scenario_box.setCurrentIndex(composer.scenario_box.findData(name))
    for _ in range(clicks):
        composer.scenario_button.click()
    total = len(SCENARIOS[name].steps)
    await wait_until(lambda: f"sent {total} of {total}" in composer.answer.text())
    await wait_until(lambda: pane.model.rowCount() == before + total)
    return [pane.model.row(n) for n in range(before, before + total)]


async def inspect(pane, rows, row, words: str) -> list[list[str]]:
    """Select `row` and wait for its timeline's title to say `words`; the timeline's rows."""
    pane.feed.select_row(rows.index(row) + pane.model.rowCount() - len(rows))
    inspector = pane.inspector
    await wait_until(lambda: words in inspector.timeline_title.text())
    return timeline_rows(inspector)


def test_the_status_scenario_shows_sent_delivered_read_with_its_gaps(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        await start_on_sandbox(pane)
        composer = pane.composer
        pane.show_page(composer)
        before = button_places(composer)
        rows = await send_scenario(pane, "api-message", clicks=2)  # a double click sends once
        assert "sent 4 of 4" in composer.answer.text() and "\n" in composer.answer.text()
        assert button_places(composer) == before  # a longer answer, the buttons stay put
        assert [row.summary for row in rows[1:]] == [
            "status: sent",
            "status: delivered",
            "status: read",
        ]
        assert len({row.id_message for row in rows}) == 1
        assert not any(row.duplicate_of for row in rows)
        steps = await inspect(pane, rows, rows[0], f"Status timeline of {rows[0].id_message}")
        assert [(step[0], step[2]) for step in steps] == [
            ("sent", "+1.0 s"),
            ("delivered", "+3.0 s"),
            ("read", "+27.0 s"),
        ]
        assert not pane.inspector.timeline_notes.isVisible()
        assert pane.model.rowCount() == 4 and await pane.session.client.count() == 0

    run(scenario())


def test_the_status_variants_show_as_such(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        await start_on_sandbox(pane)
        inspector = pane.inspector

        rows = await send_scenario(pane, "api-message-failed")
        (failed,) = await inspect(pane, rows, rows[1], "Status timeline of")
        assert failed[0] == "failed" and failed[2] == "+2.0 s"
        assert inspector.timeline_notes.text().startswith("failed: Message was not delivered")
        assert inspector.timeline.topLevelItem(0).background(0).color().name() == PROBLEM_BACKGROUND

        rows = await send_scenario(pane, "api-message-no-account")
        (no_account,) = await inspect(pane, rows, rows[0], rows[0].id_message)
        assert no_account[0] == "noAccount"
        assert inspector.timeline.topLevelItem(0).background(0).color().name() == PROBLEM_BACKGROUND

        rows = await send_scenario(pane, "api-status-before-message")
        assert [row.type_webhook for row in rows[:2]] == [
            "outgoingMessageStatus",  # the feed shows the status first, as it came
            "outgoingAPIMessageReceived",
        ]
        steps = await inspect(pane, rows, rows[1], rows[1].id_message)
        assert [step[0] for step in steps] == ["sent", "delivered", "read"]
        assert inspector.timeline_notes.isVisible()
        assert inspector.timeline_notes.text() == "⚠ reached the console before the message: sent"

        rows = await send_scenario(pane, "api-missing-delivered")
        steps = await inspect(pane, rows, rows[2], rows[2].id_message)
        assert [(step[0], step[2]) for step in steps] == [("sent", "+1.0 s"), ("read", "+30.0 s")]
        assert inspector.timeline_notes.text() == "⚠ skipped, never received: delivered"

        rows = await send_scenario(pane, "api-message-never-seen")
        await inspect(pane, rows, rows[0], "the message itself was never seen")
        assert len(timeline_rows(inspector)) == 3

    run(scenario())


def test_the_incoming_chain_links_back_and_a_call_is_no_duplicate(make_window, run):
    window = make_window()

    async def scenario():
        pane = window.pane
        await start_on_sandbox(pane)
        rows = await send_scenario(pane, "incoming-chain")
        original = rows[0].id_message
        bodies = [pane.feed.document(row)["body"]["messageData"] for row in rows]
        assert bodies[1]["quotedMessage"]["stanzaId"] == original  # the reply
        assert bodies[2]["editedMessageData"]["stanzaId"] == original
        assert bodies[3]["quotedMessage"]["stanzaId"] == original  # the reaction
        assert bodies[4]["deletedMessageData"]["stanzaId"] == original
        assert [row.summary for row in rows[1:]] == [
            f"reply to {original}: …or at 8, if that suits you",
            f"edited {original}: Dinner tonight at 8?",
            f"reactionMessage: 👍 to {original}",
            f"deleted {original}",
        ]
        assert len({row.id_message for row in rows}) == 5

        rows = await send_scenario(pane, "call-missed")
        assert [row.summary.rsplit(" ", 1)[1] for row in rows] == ["offer", "missed"]
        assert rows[0].id_message == rows[1].id_message
        assert not any(row.duplicate_of for row in rows)  # missed is news, not a repeat

        rows = await send_scenario(pane, "instance-authorization")
        assert [row.summary for row in rows] == [
            "state: notAuthorized",
            "state: starting",
            "state: authorized",
        ]

    run(scenario())
