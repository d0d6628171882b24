"""An auto-delete tab drains in a process of its own (`receive --format events`): the window
shows what it does as if it ran here, loses nothing when it is killed, never puts the token on
its command line, and moves the run here when forwarding is turned on."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import httpx

from greenconsole.ui import drain_process
from greenconsole.ui.feed_model import RowState
from greenconsole.ui.session_state import Phase
from tests.support import ScriptedServer, body, status
from tests.ui.conftest import start_on_sandbox, wait_until


async def post(window, instance: int, numbers) -> None:
    async with httpx.AsyncClient() as http:
        for n in numbers:
            answer = await http.post(window.context.sandbox.webhook_url, json=body(n, instance))
            answer.raise_for_status()


def queued(window, instance: int) -> int:
    return len(window.context.sandbox.state.instances[instance])


async def start_drain(window) -> int:
    """Start the window's tab on its sandbox; returns the instance once its drain process runs."""
    instance = await start_on_sandbox(window.pane)
    await wait_until(lambda: window.pane.session.drain_pid is not None)
    return instance


def journaled(window, instance: int) -> list:
    journal = window.pane.journal
    return journal.captures(journal.capture_ids(instance, limit=10_000))


def test_the_drain_runs_apart_shows_every_row_and_keeps_the_token_off_its_command_line(
    make_window, run
):
    window = make_window()
    session = window.pane.session

    async def scenario():
        instance = await start_drain(window)
        pid = session.drain_pid
        assert pid != os.getpid()
        cmdline = Path(f"/proc/{pid}/cmdline")
        await wait_until(lambda: b"receive" in cmdline.read_bytes())  # exec'd (not just forked)
        command_line = cmdline.read_bytes().split(b"\0")
        assert b"events" in command_line
        token = window.pane.form.settings().token
        assert not any(token.encode() in part for part in command_line)
        await post(window, instance, range(60))
        await wait_until(lambda: session.deleted_count == 60)
        window.pane.model.flush()
        rows = window.pane.model.rows()
        assert [row.id_message for row in rows] == [f"MSG{n:06d}" for n in range(60)]
        assert all(row.state is RowState.DELETED for row in rows)
        assert queued(window, instance) == 0
        await wait_until(lambda: "received 60 · deleted 60" in window.pane.counts_label.text())
        session.stop()
        await wait_until(lambda: not session.running)
        assert session.state.phase is Phase.IDLE
        captures = journaled(window, instance)
        assert len(captures) == 60 and all(c.deleted and c.handed for c in captures)

    run(scenario())


def test_a_drain_killed_mid_way_says_so_and_nothing_is_lost(make_window, run):
    window = make_window()
    session = window.pane.session

    async def scenario():
        instance = await start_drain(window)
        await post(window, instance, range(400))
        await wait_until(lambda: session.received_count >= 40)
        os.kill(session.drain_pid, signal.SIGKILL)
        await wait_until(lambda: not session.running)
        assert session.state.phase is Phase.FAILED
        assert "drain process was killed (signal 9)" in window.pane.state_label.text()
        left = queued(window, instance)
        assert left > 0  # killed before the end: the rest is still queued
        window.pane.start()
        await wait_until(lambda: queued(window, instance) == 0, timeout=60)
        await wait_until(lambda: session.running and session.received_count >= 400)
        session.stop()
        await wait_until(lambda: not session.running)
        captured = {capture.id_message for capture in journaled(window, instance)}
        assert captured == {f"MSG{n:06d}" for n in range(400)}
        window.pane.model.flush()
        shown = {row.id_message for row in window.pane.model.rows()}
        assert shown == captured

    run(scenario(), timeout=120)


def test_turning_forwarding_on_moves_a_running_drain_here_and_off_moves_it_back(make_window, run):
    window = make_window()
    session = window.pane.session
    section = window.pane.forward

    async def scenario():
        instance = await start_on_sandbox(window.pane)
        await post(window, instance, range(5))
        await wait_until(lambda: session.deleted_count == 5)
        assert session.drain_pid is not None
        with ScriptedServer([status(200, "ok")] * 5) as hook:
            section.url.setText(f"{hook.url}/webhook")
            section.switch.setChecked(True)
            await wait_until(lambda: session.drain_pid is None)
            assert session.running and session.state.phase is Phase.POLLING
            await post(window, instance, range(5, 10))
            await wait_until(lambda: len(hook.bodies) == 5)
            await wait_until(lambda: session.deleted_count == 10)
            section.switch.setChecked(False)  # and back apart
            await wait_until(lambda: session.drain_pid is not None)
            await post(window, instance, range(10, 15))
            await wait_until(lambda: session.deleted_count == 15)
            assert len(hook.bodies) == 5 and session.running

    run(scenario())


def test_a_refused_token_stops_the_drain_and_names_the_field(make_window, run):
    window = make_window()
    session = window.pane.session

    async def scenario():
        await window.pane.use_sandbox()
        window.pane.form.token.setText("f" * 50)
        window.pane.form.ack_mode.setCurrentIndex(1)
        window.pane.start()
        await wait_until(lambda: not session.running)
        assert session.state.phase is Phase.FAILED
        assert session.drain_pid is None
        state = window.pane.state_label.text()
        assert "401" in state and "apiTokenInstance" in state  # the AuthError came through
        assert "401" in window.pane.form.errors["token"].text()

    run(scenario())


def test_a_drain_stopped_by_a_signal_says_so(make_window, run):
    window = make_window()
    session = window.pane.session

    async def scenario():
        await start_on_sandbox(window.pane)
        await wait_until(lambda: session.state.phase is Phase.POLLING and session.drain_pid)
        cmdline = Path(f"/proc/{session.drain_pid}/cmdline")
        await wait_until(lambda: b"receive" in cmdline.read_bytes())
        await asyncio.sleep(1.0)  # its signal handlers are set once it polls
        os.kill(session.drain_pid, signal.SIGTERM)  # someone's `pkill -f greenconsole`
        await wait_until(lambda: not session.running)
        assert session.state.phase is Phase.FAILED
        assert "stopped by SIGTERM" in window.pane.state_label.text()

    run(scenario())


def test_a_drain_process_that_cannot_start_says_why_and_nothing_is_taken(
    make_window, run, monkeypatch
):
    window = make_window()
    session = window.pane.session
    monkeypatch.setattr(drain_process, "command", lambda: ["/nonexistent/greenconsole"])

    async def scenario():
        instance = await start_on_sandbox(window.pane)
        await post(window, instance, range(3))
        await wait_until(lambda: not session.running)
        assert session.state.phase is Phase.FAILED
        text = window.pane.state_label.text()
        assert "the drain process did not start: No such file or directory" in text
        assert queued(window, instance) == 3

    run(scenario())


def test_the_last_notification_before_a_quiet_queue_reads_deleted_in_the_feed_and_journal(
    make_window, run
):
    window = make_window()
    session = window.pane.session

    async def scenario():
        instance = await start_drain(window)
        await post(window, instance, range(3))
        await wait_until(lambda: session.deleted_count == 3)
        await wait_until(lambda: all(c.deleted for c in journaled(window, instance)))
        assert session.running  # still polling the quiet queue
        window.pane.model.flush()
        states = [window.pane.model.row(n).state for n in range(3)]
        assert states == [RowState.DELETED] * 3
        session.stop()
        await wait_until(lambda: not session.running)
        window.pane.model.flush()
        assert [window.pane.model.row(n).state for n in range(3)] == [RowState.DELETED] * 3

    run(scenario())
