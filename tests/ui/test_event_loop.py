"""The Qt-driven asyncio loop: handles run in deadline order from one heap, cancelled ones never
run, and a turn costs the same with thousands of handles pending."""

from __future__ import annotations

import asyncio

import pytest

from greenconsole.ui.event_loop import COMPACT_FLOOR, EventLoop, HeapTimer


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
