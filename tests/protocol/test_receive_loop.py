"""The receive loop: ordering, ack modes, backoff, Retry-After, fatal errors, prompt stop."""

from __future__ import annotations

import asyncio
import itertools
import time

from greenconsole.protocol.backoff import Backoff
from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.errors import AuthError
from greenconsole.protocol.receive_loop import MALFORMED_PAUSE, REPEAT_PAUSE, EventKind, ReceiveLoop
from tests.support import (
    INSTANCE,
    TOKEN,
    Reply,
    ScriptedServer,
    body,
    ok,
    post_all,
    queue_count,
    status,
)

NOTE = '{"receiptId": %d, "body": {"typeWebhook": "incomingMessageReceived", "n": %d}}'


def hand(seen: list):
    """A handler that keeps each notification handed over."""
    return lambda notification, again: seen.append(notification)


async def run_until(loop: ReceiveLoop, condition, timeout: float = 30):
    """Run `loop`, stopping it once `condition()` holds; returns run()'s result."""
    task = asyncio.ensure_future(loop.run())
    deadline = time.monotonic() + timeout
    while not condition() and not task.done() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    loop.stop()
    return await asyncio.wait_for(task, 5)


async def test_auto_delete_drains_1000_in_order(sandbox):
    post_all(sandbox, [body(n) for n in range(1000)])
    seen, events = [], []
    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        loop = ReceiveLoop(
            client,
            lambda n, again: seen.append(n.body["idMessage"]),
            auto_delete=True,
            receive_timeout=5,
            on_event=events.append,
        )
        deleted = []
        events_seen = 0

        def all_deleted() -> bool:
            nonlocal events_seen
            deleted.extend(e for e in events[events_seen:] if e.kind is EventKind.DELETED)
            events_seen = len(events)
            return len(deleted) == 1000

        assert await run_until(loop, all_deleted) is None
    assert seen == [f"MSG{n:06d}" for n in range(1000)]
    assert queue_count(sandbox) == 0
    assert len(deleted) == 1000 and all(e.result for e in deleted)
    assert events[-1].kind is EventKind.STOPPED


async def test_async_handler_is_awaited_before_the_delete(sandbox):
    post_all(sandbox, [body(1)])
    depth_while_handling = []

    async def handler(notification, again):
        await asyncio.sleep(0.1)
        depth_while_handling.append(queue_count(sandbox))

    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        loop = ReceiveLoop(client, handler, auto_delete=True, receive_timeout=5)
        await run_until(loop, lambda: queue_count(sandbox) == 0)
    assert depth_while_handling == [1]


async def test_manual_mode_hands_the_head_once_and_does_not_spin():
    head = ok(NOTE % (5, 1))
    with ScriptedServer([], idle=head) as server:
        seen, events = [], []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(client, hand(seen), receive_timeout=5, on_event=events.append)
            started = time.monotonic()
            await run_until(loop, lambda: time.monotonic() - started > 2.5)
        assert [n.receipt_id for n in seen] == [5]
        assert 2 <= len(server.paths("GET")) <= 4  # one a second, not a hot loop
        assert not server.paths("DELETE")
        assert any(e.kind is EventKind.REPEAT and e.receipt_id == 5 for e in events)


async def test_a_failed_delete_is_retried_without_handing_the_receipt_again():
    script = [ok(NOTE % (9, 1)), status(500), ok(NOTE % (9, 1)), ok('{"result": true}')]
    with ScriptedServer(script) as server:
        seen = []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(
                client, hand(seen), auto_delete=True, receive_timeout=5, backoff=Backoff(base=0.05)
            )
            await run_until(loop, lambda: len(server.paths("DELETE")) == 2)
        assert [n.receipt_id for n in seen] == [9]


async def test_errors_back_off_and_then_recover():
    script = [status(500), status(503), Reply(kind="reset"), ok("garbage"), ok(NOTE % (1, 1))]
    with ScriptedServer(script) as server:
        seen, events = [], []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(
                client,
                hand(seen),
                receive_timeout=5,
                on_event=events.append,
                backoff=Backoff(base=0.2, cap=1.0),
            )
            await run_until(loop, lambda: seen)
        retries = [e for e in events if e.kind is EventKind.RETRYING]
        assert len(retries) == 4
        ceilings = [0.2, 0.4, 0.8]  # base 0.2 doubling, capped at 1.0; jitter in [c/2, c]
        assert all(c / 2 <= e.delay <= c for c, e in zip(ceilings, retries, strict=False))
        assert retries[3].delay == MALFORMED_PAUSE  # a fast malformed answer: a fixed pause
        times = [t for t, _, _ in server.requests[:5]]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert all(gap >= delay.delay * 0.9 for gap, delay in zip(gaps, retries, strict=False))
        assert seen[0].receipt_id == 1


async def test_retry_after_is_honoured():
    with ScriptedServer([status(429, "", **{"Retry-After": "1"}), ok(NOTE % (1, 1))]) as server:
        seen = []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(client, hand(seen), receive_timeout=5, backoff=Backoff(base=0.01))
            await run_until(loop, lambda: seen)
        first, second = (t for t, _, _ in server.requests[:2])
        assert second - first >= 0.95


async def test_auth_error_stops_the_loop_without_retrying():
    with ScriptedServer([status(401)]) as server:
        events = []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(client, hand([]), on_event=events.append)
            error = await asyncio.wait_for(loop.run(), 5)
        assert isinstance(error, AuthError)
        assert len(server.requests) == 1
        assert events[-1].kind is EventKind.STOPPED and events[-1].error is error


async def test_stop_ends_a_60_s_long_poll_within_a_second(sandbox):
    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        loop = ReceiveLoop(client, hand([]), receive_timeout=60)
        task = asyncio.ensure_future(loop.run())
        await asyncio.sleep(0.5)
        started = time.monotonic()
        loop.stop()
        assert await asyncio.wait_for(task, 1) is None
        assert time.monotonic() - started < 1


async def test_stop_ends_a_backoff_wait_within_a_second():
    with ScriptedServer([status(500)]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(client, hand([]), backoff=Backoff(base=30))
            task = asyncio.ensure_future(loop.run())
            await asyncio.sleep(0.3)
            loop.stop()
            assert await asyncio.wait_for(task, 1) is None


async def test_a_head_back_after_its_delete_is_handed_again_once_per_pause():
    head = ok(NOTE % (5, 1))
    with ScriptedServer([], idle=head, only="receiveNotification") as server:  # deletes: true
        seen, flags = [], []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(
                client,
                lambda n, again: (seen.append(n), flags.append(again)),
                auto_delete=True,
                receive_timeout=5,
            )
            started = time.monotonic()
            await run_until(loop, lambda: time.monotonic() - started > 3 * REPEAT_PAUSE + 0.5)
        deletes = len(server.paths("DELETE"))
    assert 3 <= deletes <= 5  # one per pause, not thousands
    assert len(seen) == deletes  # each return delivered again ("when in doubt")
    assert flags[0] is False and all(flags[1:])


async def test_a_new_answer_under_a_known_receipt_is_a_new_notification():
    script = [ok(NOTE % (1, 1)), ok(NOTE % (1, 2))]  # a restarted server reuses receipt 1
    with ScriptedServer(script, only="receiveNotification") as server:
        seen, flags = [], []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(
                client,
                lambda n, again: (seen.append(n.body["n"]), flags.append(again)),
                auto_delete=True,
                receive_timeout=5,
            )
            await run_until(loop, lambda: len(seen) == 2)
    assert seen == [1, 2] and flags == [False, False]


STARTING = '{"error": "Instance in starting process try later"}'


async def test_an_instance_starting_is_waited_for_then_received():
    script = [status(400, STARTING), status(400, STARTING), ok(NOTE % (1, 1))]
    with ScriptedServer(script, only="receiveNotification") as server:
        seen, events = [], []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(client, hand(seen), receive_timeout=5, on_event=events.append)
            task = asyncio.ensure_future(loop.run())
            for _ in range(2):  # "Retry now" instead of the 5 s slow pause
                while not any(e.kind is EventKind.RETRYING for e in events):
                    await asyncio.sleep(0.01)
                assert "starting" in str(events[-1].error) and events[-1].delay >= 2.5
                events.clear()
                loop.retry_now()
            while not seen:
                await asyncio.sleep(0.01)
            loop.stop()
            assert await asyncio.wait_for(task, 5) is None  # not stopped by the 400s
    assert seen[0].receipt_id == 1


async def test_a_burst_of_seven_faults_is_over_within_seconds():
    script = [
        status(500),
        status(502),
        status(429),
        ok('{"receiptId": 1, "bo'),
        ok('{"body": {}}'),
        ok("[]"),
        Reply(kind="reset"),
        *(ok(NOTE % (n, n)) for n in (1, 2, 3)),
    ]
    with ScriptedServer(script, only="receiveNotification") as server:
        seen = []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(client, hand(seen), auto_delete=True, receive_timeout=5)
            started = time.monotonic()
            await run_until(loop, lambda: len(seen) == 3, timeout=15)
    assert [n.receipt_id for n in seen] == [1, 2, 3]
    assert time.monotonic() - started < 15


async def test_stop_lets_an_in_flight_delete_answer_so_its_result_is_noted():
    script = [ok(NOTE % (1, 1)), Reply(body=b'{"result": true}', delay=0.5)]
    with ScriptedServer(script) as server:
        events = []
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            loop = ReceiveLoop(
                client, hand([]), auto_delete=True, receive_timeout=5, on_event=events.append
            )
            task = asyncio.ensure_future(loop.run())
            while not server.paths("DELETE"):
                await asyncio.sleep(0.01)
            loop.stop()  # the window closing while the delete is on the wire
            assert await asyncio.wait_for(task, 5) is None
    deleted = [e for e in events if e.kind is EventKind.DELETED]
    assert [(e.receipt_id, e.result) for e in deleted] == [(1, True)]
