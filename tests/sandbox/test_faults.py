"""Misbehaving on purpose: fault specs, bodies as GREEN-API sends them, and nothing ever lost."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import httpx
import pytest

from greenconsole.sandbox import Faults, parse_faults
from greenconsole.sandbox.faults import KINDS
from tests.sandbox.helpers import start_emulator, stop
from tests.support import INSTANCE, TOKEN, assert_clean, body, run_cli


def api(url: str, method: str) -> str:
    return f"{url}/waInstance{INSTANCE}/{method}/{TOKEN}"


def test_a_spec_parses_into_methods_kinds_and_percentages():
    spec = "receive:500=10%, delete:502=5%,receive:429=5,count:503=1.5%,receive:starting=2%"
    assert parse_faults(spec) == {
        "receive": [("500", 10.0), ("429", 5.0), ("starting", 2.0)],
        "delete": [("502", 5.0)],
        "count": [("503", 1.5)],
    }
    assert parse_faults("") == {}


@pytest.mark.parametrize(
    ("spec", "bad"),
    [
        ("receive:700=5%", "receive:700=5%"),
        ("send:500=5%", "send:500=5%"),
        ("receive:500=5%,receive500", "receive500"),
        ("receive:500=0%", "receive:500=0%"),
        ("receive:500=150%", "receive:500=150%"),
        ("receive:500=60%,receive:502=50%", "receive:502=50%"),
        ("delete:500=1%,delete:500=2%", "delete:500=2%"),
    ],
)
def test_a_bad_spec_is_exit_2_with_one_line_naming_the_bad_item(spec, bad):
    with pytest.raises(ValueError, match=bad):
        parse_faults(spec)
    proc = run_cli("emulator", "--faults", spec, token=None)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and bad in err and "--faults" in err
    assert_clean(proc)


def test_the_same_seed_draws_the_same_faults():
    def draws(seed: int) -> list:
        faults = Faults("receive:500=30%,receive:429=20%", seed=seed)
        return [faults.pick(INSTANCE, "receive") for _ in range(200)]

    assert draws(7) == draws(7) != draws(8)
    assert Counter(str(d) for d in draws(7))[str(None)] > 60


def test_rate_limits_per_instance_and_method_per_second():
    now = [100.0]
    faults = Faults(rate_limits=True, clock=lambda: now[0])
    assert [faults.pick(1, "receive") for _ in range(101)][-2:] == [None, KINDS["429"]]
    assert faults.pick(2, "receive") is None  # another instance has its own limit
    assert faults.pick(1, "count") is None and faults.pick(1, "count") == KINDS["429"]
    now[0] += 1.0
    assert faults.pick(1, "receive") is None and faults.pick(1, "count") is None


async def test_faults_change_at_run_time_and_never_consume_or_delete(loop_sandbox):
    faults = loop_sandbox.faults
    async with httpx.AsyncClient() as http:
        await http.post(loop_sandbox.webhook_url, json=body(1))
        faults.set("receive:starting=100%")
        answer = await http.get(api(loop_sandbox.url, "receiveNotification"))
        assert answer.status_code == 400
        assert answer.json() == {"error": "Instance in starting process try later"}
        faults.set("receive:notAuthorized=100%")
        answer = await http.get(api(loop_sandbox.url, "receiveNotification"))
        assert answer.json() == {"error": "instance account not authorized"}
        faults.set("")
        receipt = (await http.get(api(loop_sandbox.url, "receiveNotification"))).json()["receiptId"]
        faults.set("delete:466=100%,count:502=100%")
        answer = await http.delete(f"{api(loop_sandbox.url, 'deleteNotification')}/{receipt}")
        assert answer.status_code == 466
        assert set(answer.json()) == {"invokeStatus", "correspondentsStatus"}
        assert (await http.get(api(loop_sandbox.url, "getWebhooksCount"))).status_code == 502
        faults.set("")
        faults.latency = 0.2
        started = time.perf_counter()
        answer = await http.delete(f"{api(loop_sandbox.url, 'deleteNotification')}/{receipt}")
        assert answer.json() == {"result": True}  # the faulted delete had not deleted it
        assert time.perf_counter() - started >= 0.2


@pytest.mark.slow
def test_drain_2000_through_faults_and_latency_loses_and_reorders_nothing():
    spec = "receive:500=20%,delete:502=10%,receive:429=5%"
    proc, url = start_emulator(
        *("--instance", str(INSTANCE), "--faults", spec, "--latency", "5", "--seed", "1"),
        token=TOKEN,
    )
    try:
        posted = asyncio.run(post_concurrently(url, 2000))
        started = time.monotonic()
        served, statuses = drain(url, len(posted))
        took = time.monotonic() - started
    finally:
        stop(proc)
    assert len(posted) == 2000
    assert served == sorted(posted)  # every notification, once, in receipt order
    print(f"drained 2000 in {took:.1f} s through {statuses}")
    assert statuses["receive 500"] and statuses["receive 429"] and statuses["delete 502"]


async def post_concurrently(url: str, n: int) -> list[tuple[int, str]]:
    """POST body(0..n-1), 16 at a time; (receiptId, idMessage) of each."""
    gate = asyncio.Semaphore(16)
    async with httpx.AsyncClient(timeout=30) as http:

        async def post(k: int) -> tuple[int, str]:
            async with gate:
                answer = await http.post(url + "/", json=body(k))
                return answer.json()["receiptId"], f"MSG{k:06d}"

        return await asyncio.gather(*(post(k) for k in range(n)))


def drain(url: str, n: int) -> tuple[list[tuple[int, str]], Counter]:
    """Receive and delete until `n` are gone, retrying every non-200 at once."""
    served: list[tuple[int, str]] = []
    statuses: Counter = Counter()
    deadline = time.monotonic() + 90
    with httpx.Client(timeout=30) as http:
        while len(served) < n and time.monotonic() < deadline:
            got = http.get(api(url, "receiveNotification"))
            if got.status_code != 200:
                statuses[f"receive {got.status_code}"] += 1
                continue
            head = got.json()
            if not served or served[-1][0] != head["receiptId"]:
                served.append((head["receiptId"], head["body"]["idMessage"]))
            while (
                done := http.delete(f"{api(url, 'deleteNotification')}/{head['receiptId']}")
            ).status_code != 200:
                statuses[f"delete {done.status_code}"] += 1
            assert done.json() == {"result": True}
    return served, statuses
