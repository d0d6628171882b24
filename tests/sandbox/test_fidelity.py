"""The sandbox behaves like today's GREEN-API (shared/spec/green-api-facts.md)."""

from __future__ import annotations

import httpx
import pytest

from greenconsole.sandbox import Sandbox
from greenconsole.sandbox.state import COUNT_LAG, RETENTION, InstanceQueue
from tests.support import INSTANCE, TOKEN, body, post_all


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def api(sandbox, method: str) -> str:
    return f"{sandbox.url}/waInstance{INSTANCE}/{method}/{TOKEN}"


async def test_receive_timeout_absent_means_5_s(loop_sandbox, monkeypatch):
    waits = []
    real_head = InstanceQueue.head

    async def head(self, timeout):
        waits.append(timeout)
        return await real_head(self, timeout)

    monkeypatch.setattr(InstanceQueue, "head", head)
    async with httpx.AsyncClient() as http:
        await http.post(loop_sandbox.webhook_url, json=body(1))
        await http.get(api(loop_sandbox, "receiveNotification"))
        await http.get(api(loop_sandbox, "receiveNotification") + "?receiveTimeout=7")
    assert waits == [5, 7]


def test_method_names_in_any_case(sandbox):
    post_all(sandbox, [body(1), body(2)])
    with httpx.Client() as http:
        assert http.get(api(sandbox, "GetWebhooksCount")).json() == {"count": 2}
        for name in ("ReceiveNotification", "receivenotification", "RECEIVENOTIFICATION"):
            got = http.get(api(sandbox, name)).json()
            assert got["body"]["idMessage"] == "MSG000001"
        deleted = http.delete(f"{api(sandbox, 'DeleteNotification')}/{got['receiptId']}")
        assert deleted.json() == {"result": True}
        assert http.delete(api(sandbox, "ClearWebhooksQueue")).json()["isCleared"] is True
        wrong_verb = http.post(api(sandbox, "ReceiveNotification"))
        assert wrong_verb.status_code == 405 and "GET" in wrong_verb.json()["error"]


@pytest.mark.parametrize("receipt", ["abc", "1.5", "-3", "%C2%B2"])
def test_delete_with_a_non_numeric_id_is_400_receipt_must_be_a_number(sandbox, receipt):
    post_all(sandbox, [body(1)])
    answer = httpx.delete(f"{api(sandbox, 'deleteNotification')}/{receipt}")
    assert answer.status_code == 400
    assert answer.json() == {"error": "Parameter receiptId must be a Number"}
    assert httpx.get(api(sandbox, "getWebhooksCount")).json() == {"count": 1}


async def test_count_is_refreshed_every_count_lag_seconds():
    clock = Clock()
    async with (
        Sandbox(instances={INSTANCE: TOKEN}, count_lag=COUNT_LAG, clock=clock) as sandbox,
        httpx.AsyncClient() as http,
    ):

        async def count() -> int:
            return (await http.get(api(sandbox, "getWebhooksCount"))).json()["count"]

        assert await count() == 0
        await http.post(sandbox.webhook_url, json=body(1))
        assert await count() == 0  # the figure from 0 s ago
        clock.now += COUNT_LAG - 0.1
        assert await count() == 0
        clock.now += 0.1
        assert await count() == 1  # refreshed after 10 s
        sandbox.state.count_lag = 0
        await http.post(sandbox.webhook_url, json=body(2))
        assert await count() == 2  # 0: live


async def test_notifications_older_than_the_retention_expire():
    clock = Clock()
    async with (
        Sandbox(instances={INSTANCE: TOKEN}, clock=clock) as sandbox,
        httpx.AsyncClient() as http,
    ):
        for n in range(2):
            await http.post(sandbox.webhook_url, json=body(n))
            clock.now += 3600
        await http.post(sandbox.webhook_url, json=body(2))
        clock.now += RETENTION - 2 * 3600  # body(0) is 24 h old now
        assert (await http.get(api(sandbox, "getWebhooksCount"))).json() == {"count": 2}
        got = (await http.get(api(sandbox, "receiveNotification"))).json()
        assert got["body"]["idMessage"] == "MSG000001"
        clock.now += 7200
        assert (await http.get(api(sandbox, "getWebhooksCount"))).json() == {"count": 0}
        answer = await http.delete(f"{api(sandbox, 'deleteNotification')}/{got['receiptId']}")
        assert answer.json() == {"result": False}  # expired before it was deleted
