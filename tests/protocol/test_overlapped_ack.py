"""Overlapped acknowledgement: a delete and the next receive in flight together, in any order."""

from __future__ import annotations

import asyncio
import time

import pytest

from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.receive_loop import ECHO_LIMIT, EventKind, ReceiveLoop
from tests.protocol.adversarial import AdversarialQueue
from tests.support import INSTANCE, TOKEN, body, post_all, queue_count

COUNT = 60


async def drain(server: AdversarialQueue, durable: set[int], **options) -> tuple[list, list]:
    """Receive with auto-delete until the queue is empty; (numbers handed over, events)."""
    handed, events = [], []

    async def commit(notification, again):
        await asyncio.sleep(0)  # a journal write between receive and delete
        handed.append(notification.body["idMessage"])
        durable.add(notification.receipt_id)

    async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
        loop = ReceiveLoop(
            client, commit, auto_delete=True, receive_timeout=5, on_event=events.append, **options
        )
        task = asyncio.ensure_future(loop.run())
        deadline = time.monotonic() + 30
        while server.queue and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        loop.stop()
        assert await asyncio.wait_for(task, 1) is None
    return handed, events


ORDERS = {
    "delete first": lambda k: False,
    "receive first every other time": lambda k: k % 2 == 0,
    "receive first two in four": lambda k: k % 4 in (1, 2),
}


@pytest.mark.parametrize("order", ORDERS, ids=list(ORDERS))
async def test_any_processing_order_hands_each_once_in_order_deleted_once_after_commit(order):
    durable: set[int] = set()
    # each delete answers 20 ms after it took effect: a receive sent right behind it shows
    with AdversarialQueue(COUNT, ORDERS[order], slow_delete=0.02, durable=durable) as server:
        handed, events = await drain(server, durable)
    assert handed == [f"MSG{n:06d}" for n in range(1, COUNT + 1)]  # once each, in order
    assert server.deletes == list(range(1, COUNT + 1))  # each deleted once, never again
    assert server.violations == []  # never deleted before its capture was saved
    assert server.overlapped >= COUNT - 1  # the next receive was sent while a delete flew
    assert server.receives <= COUNT + server.echoes + 2  # an echo costs one receive, no more
    if order != "delete first":
        assert server.echoes >= COUNT // 4
    assert EventKind.SEQUENTIAL not in [e.kind for e in events]  # overlap still pays here


async def test_a_server_that_always_answers_the_head_being_deleted_gets_sequential_once():
    durable: set[int] = set()
    with AdversarialQueue(COUNT, lambda k: True, durable=durable) as server:
        handed, events = await drain(server, durable)
    assert handed == [f"MSG{n:06d}" for n in range(1, COUNT + 1)]
    assert server.deletes == list(range(1, COUNT + 1)) and server.violations == []
    assert [e.kind for e in events].count(EventKind.SEQUENTIAL) == 1
    assert server.echoes == ECHO_LIMIT  # none after the fallback
    assert server.overlapped == ECHO_LIMIT


async def test_a_delete_that_fails_while_the_next_receive_flies_is_retried_once_not_handed_again():
    durable: set[int] = set()
    failing = frozenset({5, 12})  # the 5th and 12th deletes answer 500
    with AdversarialQueue(20, lambda k: k % 2 == 0, durable=durable, failing=failing) as server:
        handed, events = await drain(server, durable)
    assert handed == [f"MSG{n:06d}" for n in range(1, 21)]  # nothing twice, nothing lost
    assert sorted(server.deletes) == sorted([*range(1, 21), 5, 11])  # the two again, once each
    assert server.violations == []
    retrying = [e for e in events if e.kind is EventKind.RETRYING]
    assert len(retrying) == 2 and all("HTTP 500" in str(e.error) for e in retrying)


async def test_no_overlap_sends_one_request_at_a_time():
    durable: set[int] = set()
    with AdversarialQueue(COUNT, lambda k: True, durable=durable) as server:
        handed, _ = await drain(server, durable, overlap=False)
    assert len(handed) == COUNT
    assert server.overlapped == 0 and server.echoes == 0


async def test_stop_ends_an_overlapped_long_poll_within_a_second_and_notes_the_delete(sandbox):
    post_all(sandbox, [body(1)])
    events = []
    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        loop = ReceiveLoop(
            client,
            lambda n, again: None,
            auto_delete=True,
            receive_timeout=60,
            on_event=events.append,
        )
        task = asyncio.ensure_future(loop.run())
        while EventKind.DELETED not in [e.kind for e in events]:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # the receive of the next one waits on an empty queue
        started = time.monotonic()
        loop.stop()
        assert await asyncio.wait_for(task, 1) is None
        assert time.monotonic() - started < 1
    assert [(e.receipt_id, e.result) for e in events if e.kind is EventKind.DELETED] == [(1, True)]
    assert queue_count(sandbox) == 0
