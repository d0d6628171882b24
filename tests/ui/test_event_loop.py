"""The Qt-driven asyncio loop: handles run in deadline order from one heap, cancelled ones never
run, a turn costs the same with thousands of handles pending, and a callback that pumps Qt
loses no task's wake-up."""

from __future__ import annotations

import asyncio
import socket

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.errors import TransientError
from greenconsole.ui.event_loop import COMPACT_FLOOR, EventLoop, HeapTimer
from tests.support import INSTANCE, TOKEN


@pytest.fixture
def loop(qapp):
    loop = EventLoop(qapp)
    yield loop
    loop.close()


def test_call_soon_keeps_order_and_call_later_follows_deadlines(loop):
    ran = []

    async def scenario():
        running = asyncio.get_running_loop()
        done = running.create_future()
        running.call_later(0.06, ran.append, "late")
        running.call_later(0.02, ran.append, "early")
        for n in range(5):
            running.call_soon(ran.append, n)
        running.call_at(running.time() + 0.04, ran.append, "middle")
        running.call_later(0.08, done.set_result, None)
        started = running.time()
        await done
        return running.time() - started

    elapsed = loop.run_until_complete(scenario())
    assert ran == [0, 1, 2, 3, 4, "early", "middle", "late"]
    assert elapsed >= 0.08


def test_thousands_of_cancelled_timeouts_never_run_and_the_loop_goes_on(loop):
    ran = []

    async def scenario():
        running = asyncio.get_running_loop()
        # what each HTTP request leaves behind: a long timeout, cancelled when the answer comes
        handles = [running.call_later(0.05 + n * 1e-6, ran.append, n) for n in range(20_000)]
        for handle in handles[:-1]:
            handle.cancel()
        for _ in range(100):
            await asyncio.sleep(0)  # call_soon round trips stay possible meanwhile
        await asyncio.sleep(0.2)
        return await asyncio.wait_for(asyncio.sleep(0.01, "still running"), 1)

    assert loop.run_until_complete(scenario()) == "still running"
    assert ran == [19_999]


def test_an_exception_in_a_callback_goes_to_the_handler_not_the_loop(loop):
    seen = []
    loop.set_exception_handler(lambda _loop, context: seen.append(context["exception"]))

    async def scenario():
        running = asyncio.get_running_loop()
        running.call_soon(lambda: 1 / 0)
        await asyncio.sleep(0.02)
        return "alive"

    assert loop.run_until_complete(scenario()) == "alive"
    assert isinstance(seen[0], ZeroDivisionError)


class CountingHandle(asyncio.Handle):
    """A handle that counts how often the timer looks at it."""

    looks = 0

    def cancelled(self) -> bool:
        CountingHandle.looks += 1
        return super().cancelled()


def test_call_later_goes_through_the_one_timer_heap(loop):
    """qasync (pinned in pyproject) still routes its callbacks through `_timer`: a qasync that
    did not would give every handle a Qt timer of its own again."""
    handle = loop.call_later(3600, print)
    assert isinstance(loop._timer, HeapTimer)
    assert [entry[2] for entry in loop._timer._heap] == [handle]
    handle.cancel()


def test_a_turn_does_not_scan_the_pending_handles(loop):
    now = [0.0]
    timer = HeapTimer(clock=lambda: now[0])
    for _ in range(5_000):  # long HTTP timeouts, pending
        timer.add_callback(CountingHandle(print, (), loop), 3600)
    CountingHandle.looks = 0
    ran = []
    for turn in range(50):
        timer.add_callback(asyncio.Handle(ran.append, (turn,), loop))
        timer._run_due()
    assert ran == list(range(50))
    assert CountingHandle.looks <= 2 * 50  # the head only; a scan per turn made it 250,000
    timer.stop()


def test_cancelled_handles_do_not_pile_up_and_the_rest_run_once(loop):
    now = [0.0]
    timer = HeapTimer(clock=lambda: now[0])
    ran = []
    for n in range(100_000):  # each request's timeout, cancelled when the answer comes
        timer.add_callback(asyncio.Handle(ran.append, ("timeout",), loop), 60).cancel()
        if n % 100 == 0:
            timer.add_callback(asyncio.Handle(ran.append, (n,), loop), 1)
    assert len(timer._heap) <= 2 * 1_000 + COMPACT_FLOOR
    now[0] = 2.0
    while timer._heap and timer._heap[0][0] <= now[0]:
        timer._run_due()
    assert ran == list(range(0, 100_000, 100))
    timer.stop()


def run_within(loop, coro, seconds: float):
    """Run `coro` on `loop`, stopped by a Qt timer after `seconds`: a lost wake-up fails the
    test instead of hanging it (an asyncio timeout would need a wake-up of its own)."""
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(loop.stop)
    watchdog.start(int(seconds * 1000))
    try:
        return loop.run_until_complete(coro)
    except RuntimeError as exc:  # "Event loop stopped before Future completed."
        raise AssertionError(f"still waiting after {seconds} s: a wake-up was lost") from exc
    finally:
        watchdog.stop()


def test_a_task_that_pumps_qt_does_not_lose_the_wake_up_it_caused(loop):
    lost = []
    loop.set_exception_handler(lambda _loop, context: lost.append(context["message"]))

    async def wait_for(answer: asyncio.Future[int]) -> int:
        return await answer

    async def scenario():
        running = asyncio.get_running_loop()
        answers = []
        for n in range(200):
            answer = running.create_future()
            waiter = asyncio.ensure_future(wait_for(answer))
            await asyncio.sleep(0)  # the waiter now awaits the answer
            answer.set_result(n)  # its wake-up is due at once...
            QApplication.processEvents()  # ...while this task runs Qt's events (a test, exec())
            answers.append(await waiter)
        return answers

    assert run_within(loop, scenario(), 10) == list(range(200))
    assert lost == []  # was: "Cannot enter into task ... while another task ... is being executed"


def test_every_refused_connect_ends_in_its_error_while_qt_is_pumped(loop):
    """The queue pane's depth refresh against a dead URL, over and over, with the waiting
    coroutine running Qt's events meanwhile (as the window tests do): each one says why."""
    closed = socket.socket()  # bound, never listening: connecting to it is refused
    closed.bind(("127.0.0.1", 0))
    dead_url = f"http://127.0.0.1:{closed.getsockname()[1]}"

    async def scenario():
        client = GreenApiClient(dead_url, INSTANCE, TOKEN)
        errors = []
        try:
            for _ in range(200):
                request = asyncio.ensure_future(client.count())
                while not request.done():
                    QApplication.processEvents()
                    await asyncio.sleep(0)
                errors.append(request.exception())
        finally:
            await client.aclose()
        return errors

    try:
        errors = run_within(loop, scenario(), 10)
    finally:
        closed.close()
    assert len(errors) == 200
    assert all(isinstance(error, TransientError) for error in errors)
    assert all(str(error).startswith("network error") for error in errors)
