"""The Qt-driven asyncio loop: handles run in deadline order, cancelled ones never run."""

from __future__ import annotations

import asyncio

import pytest

from greenconsole.ui.event_loop import EventLoop


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
