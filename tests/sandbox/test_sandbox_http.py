"""The sandbox speaks the GREEN-API notification protocol over real HTTP."""

from __future__ import annotations

import asyncio
import itertools
import json
import time

import httpx
import pytest

from greenconsole.sandbox.server import MAX_BODY
from tests.support import INSTANCE, TOKEN, body, post_all, queue_count


def api(sandbox, method: str, token: str = TOKEN, instance: int = INSTANCE) -> str:
    return f"{sandbox.url}/waInstance{instance}/{method}/{token}"


def test_fifo_over_1000_with_increasing_receipts_and_repeating_head(sandbox):
    post_all(sandbox, [body(n) for n in range(1000)])
    assert queue_count(sandbox) == 1000
    seen = []
    with httpx.Client() as http:
        first = http.get(api(sandbox, "receiveNotification")).json()
        again = http.get(api(sandbox, "receiveNotification")).json()
        assert again == first  # the head comes back until deleted
        for _ in range(1000):
            got = http.get(api(sandbox, "receiveNotification")).json()
            seen.append(got)
            assert http.delete(
                f"{api(sandbox, 'deleteNotification')}/{got['receiptId']}"
            ).json() == {"result": True}
    assert [s["body"]["idMessage"] for s in seen] == [f"MSG{n:06d}" for n in range(1000)]
    receipts = [s["receiptId"] for s in seen]
    assert all(a < b for a, b in itertools.pairwise(receipts))
    assert queue_count(sandbox) == 0


def test_delete_answers_false_for_unknown_or_already_deleted(sandbox):
    post_all(sandbox, [body(1)])
    receipt = httpx.get(api(sandbox, "receiveNotification")).json()["receiptId"]
    url = f"{api(sandbox, 'deleteNotification')}/{receipt}"
    assert httpx.delete(url).json() == {"result": True}
    assert httpx.delete(url).json() == {"result": False}
    assert httpx.delete(f"{api(sandbox, 'deleteNotification')}/999999").json() == {"result": False}


async def test_long_poll_wakes_the_moment_a_notification_arrives(loop_sandbox):
    async with httpx.AsyncClient(timeout=30) as http:
        poll = asyncio.ensure_future(
            http.get(api(loop_sandbox, "receiveNotification") + "?receiveTimeout=30")
        )
        await asyncio.sleep(0.5)
        assert not poll.done()
        posted_at = time.perf_counter()
        await http.post(loop_sandbox.webhook_url, json=body(7))
        answer = await poll
        latency = time.perf_counter() - posted_at
    assert answer.json()["body"]["idMessage"] == "MSG000007"
    assert latency < 0.5, f"woke after {latency:.3f} s"


async def test_empty_wait_ends_with_null_after_receive_timeout(loop_sandbox):
    async with httpx.AsyncClient(timeout=30) as http:
        started = time.perf_counter()
        answer = await http.get(api(loop_sandbox, "receiveNotification") + "?receiveTimeout=5")
    assert answer.status_code == 200 and answer.json() is None
    assert 4.9 < time.perf_counter() - started < 7


async def test_many_concurrent_long_polls_on_one_instance(loop_sandbox):
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=100)) as http:
        polls = [
            asyncio.ensure_future(
                http.get(api(loop_sandbox, "receiveNotification") + "?receiveTimeout=20")
            )
            for _ in range(50)
        ]
        await asyncio.sleep(0.5)
        await http.post(loop_sandbox.webhook_url, json=body(1))
        answers = await asyncio.wait_for(asyncio.gather(*polls), 5)
    assert {a.json()["body"]["idMessage"] for a in answers} == {"MSG000001"}


@pytest.mark.parametrize("value", ["4", "61", "abc", "5.5", ""])
def test_receive_timeout_out_of_range_is_a_json_400(sandbox, value):
    answer = httpx.get(api(sandbox, "receiveNotification") + f"?receiveTimeout={value}")
    assert answer.status_code == 400
    assert "receiveTimeout" in answer.json()["error"]


def test_wrong_token_401_unknown_instance_403_unknown_path_404(sandbox):
    assert httpx.get(api(sandbox, "receiveNotification", token="wrong")).status_code == 401
    assert httpx.get(api(sandbox, "getWebhooksCount", instance=42)).status_code == 403
    missing = httpx.get(f"{sandbox.url}/waInstance{INSTANCE}/noSuchMethod/{TOKEN}")
    assert missing.status_code == 404 and "error" in missing.json()


def test_count_and_clear(sandbox):
    post_all(sandbox, [body(n) for n in range(3)])
    assert httpx.get(api(sandbox, "getWebhooksCount")).json() == {"count": 3}
    assert httpx.delete(api(sandbox, "clearWebhooksQueue")).json() == {
        "isCleared": True,
        "reason": "",
    }
    assert queue_count(sandbox) == 0
    post_all(sandbox, [body(9)])
    again = httpx.delete(api(sandbox, "clearWebhooksQueue")).json()
    assert again["isCleared"] is False and again["reason"] == "Too many requests"
    assert 59 <= again["leftTime"] <= 60  # once a minute, like GREEN-API
    assert queue_count(sandbox) == 1


def test_more_instances_have_their_own_queues(sandbox):
    id_instance, token = sandbox.add_instance()
    assert id_instance != INSTANCE and token != TOKEN
    post_all(sandbox, [body(1)])
    other = f"{sandbox.url}/waInstance{id_instance}/getWebhooksCount/{token}"
    assert httpx.get(other).json() == {"count": 0}
    assert queue_count(sandbox) == 1


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        (b"{not json", 400, "body"),
        (b"[1, 2]", 400, "body"),
        (json.dumps({"instanceData": {"idInstance": INSTANCE}}).encode(), 400, "typeWebhook"),
        (json.dumps({"typeWebhook": "incomingMessageReceived"}).encode(), 400, "idInstance"),
        (json.dumps(body(1, instance=777)).encode(), 404, "idInstance"),
        (json.dumps(body(1, pad="x" * MAX_BODY)).encode(), 413, "body"),
    ],
)
def test_debug_webhook_rejects_bad_bodies_and_queues_nothing(sandbox, payload, status, field):
    answer = httpx.post(sandbox.webhook_url, content=payload)
    assert answer.status_code == status
    assert field in answer.json()["error"]
    assert queue_count(sandbox) == 0


def test_debug_webhook_takes_a_body_just_under_its_cap(sandbox):
    item = body(1)
    item["pad"] = "x" * (MAX_BODY - len(json.dumps(item)) - 20)
    assert httpx.post(sandbox.webhook_url, content=json.dumps(item)).status_code == 200
    got = httpx.get(api(sandbox, "receiveNotification")).json()
    assert got["body"]["pad"] == item["pad"]
