"""The sandbox's account side, driven by the official SDK where it has the method: instance
state, settings that gate the queue and reboot the instance, message journals with their lag,
sendMessage and its statuses, the drop fault (green-api/issues #1118), webhookUrl delivery."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from aiohttp import web
from whatsapp_api_client_python import API

from greenconsole.sandbox import SandboxThread
from greenconsole.sandbox.account import REBOOT_TIME
from tests.sandbox.test_fidelity import Clock
from tests.support import INSTANCE, TOKEN, body, drain_queue, post_all, queue_count

NO_WAIT = (0.0, 0.0, 0.0, 0.0)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def account_sandbox(clock):
    with SandboxThread(instances={INSTANCE: TOKEN}, clock=clock, send_steps=NO_WAIT) as running:
        yield running


def sdk(sandbox) -> API.GreenApi:
    return API.GreenApi(str(INSTANCE), TOKEN, host=sandbox.url)


def wait_for(condition, seconds: float = 5.0):
    """Poll `condition` (work done by the sandbox's own loop) until true."""
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
    return value


def test_set_settings_reboots_and_then_a_kind_switched_off_is_not_queued(account_sandbox, clock):
    green = sdk(account_sandbox)
    assert green.account.getStateInstance().data == {"stateInstance": "authorized"}
    settings = green.account.getSettings().data
    assert settings["incomingWebhook"] == "yes" and settings["webhookUrl"] == ""

    assert green.account.setSettings({"incomingWebhook": "no"}).data == {"saveSettings": True}
    assert green.account.getStateInstance().data == {"stateInstance": "starting"}
    refused = green.receiving.receiveNotification()
    assert refused.code == 400 and "starting" in str(refused.error)
    assert green.account.getSettings().data["incomingWebhook"] == "yes"  # not yet in force

    clock.now += REBOOT_TIME
    assert green.account.getStateInstance().data == {"stateInstance": "authorized"}
    assert green.account.getSettings().data["incomingWebhook"] == "no"
    answer = httpx.post(account_sandbox.webhook_url, json=body(1)).json()
    assert answer == {"result": True, "receiptId": None, "notSent": 'incomingWebhook is "no"'}
    states = [b["stateInstance"] for b in drain_queue(account_sandbox)]
    assert states == ["starting", "authorized"]  # the reboot, told by stateInstanceChanged


def test_bad_settings_name_the_field_and_change_nothing(account_sandbox):
    url = f"{account_sandbox.url}/waInstance{INSTANCE}/setSettings/{TOKEN}"
    answer = httpx.post(url, json={"stateWebhook": "no", "incomingWebhook": True})
    assert answer.status_code == 400
    assert answer.json() == {"error": 'incomingWebhook: expected "yes" or "no"'}
    green = sdk(account_sandbox)
    assert green.account.getStateInstance().data == {"stateInstance": "authorized"}
    assert green.account.getSettings().data["stateWebhook"] == "yes"


def test_send_message_yields_its_notifications_and_journal_entry(account_sandbox):
    green = sdk(account_sandbox)
    sent = green.sending.sendMessage("79009998877@c.us", "проверка ✅")
    id_message = sent.data["idMessage"]
    wait_for(lambda: queue_count(account_sandbox) == 4)
    bodies = drain_queue(account_sandbox)
    assert [b["typeWebhook"] for b in bodies] == ["outgoingAPIMessageReceived"] + [
        "outgoingMessageStatus"
    ] * 3
    assert [b.get("status") for b in bodies[1:]] == ["sent", "delivered", "read"]
    assert {b["idMessage"] for b in bodies} == {id_message}
    last = green.journals.lastOutgoingMessages().data
    assert last[0]["idMessage"] == id_message
    assert last[0]["statusMessage"] == "read" and last[0]["textMessage"] == "проверка ✅"
    got = green.journals.getMessage("79009998877@c.us", id_message).data
    assert got["idMessage"] == id_message and got["sendByApi"] is True


def test_a_failed_send_says_why_and_a_logged_out_instance_cannot_send(clock):
    thread = SandboxThread(instances={INSTANCE: TOKEN}, clock=clock, send_steps=NO_WAIT)
    with thread as sandbox:
        sandbox.state.send_outcome = "failed"
        green = sdk(sandbox)
        green.sending.sendMessage("79009998877@c.us", "x")
        wait_for(lambda: queue_count(sandbox) == 3)
        failed = drain_queue(sandbox)[-1]
        assert failed["status"] == "failed" and failed["description"]

        thread.call(sandbox.state.instances[INSTANCE].set_state, "notAuthorized")
        refused = green.sending.sendMessage("79009998877@c.us", "x")
        assert refused.code == 400 and "not authorized" in str(refused.error)
        assert drain_queue(sandbox)[-1]["stateInstance"] == "notAuthorized"


def test_journals_lag_and_a_dropped_notification_stays_in_them(clock):
    with SandboxThread(
        instances={INSTANCE: TOKEN}, clock=clock, journal_lag=120, drop=100
    ) as sandbox:
        clock.now = 1588091580 + 10
        post_all(sandbox, [body(1)])
        assert queue_count(sandbox) == 0  # lost, as in green-api/issues #1118
        green = sdk(sandbox)
        assert green.journals.lastIncomingMessages().data == []  # not yet: the journal lags
        clock.now += 120
        last = green.journals.lastIncomingMessages(minutes=5).data
        assert [m["idMessage"] for m in last] == ["MSG000001"]
        assert last[0]["textMessage"] == "сообщение 1 ✅"


def test_settings_and_state_survive_a_restart(tmp_path, clock):
    path = tmp_path / "state.db"
    with SandboxThread(
        instances={INSTANCE: TOKEN}, clock=clock, state_path=path, reboot_time=0
    ) as sandbox:
        sdk(sandbox).account.setSettings({"outgoingWebhook": "no"})
    with SandboxThread(state_path=path, clock=clock) as again:
        assert sdk(again).account.getSettings().data["outgoingWebhook"] == "no"


async def test_with_a_webhook_url_notifications_go_to_it_until_it_answers_2xx(loop_sandbox):
    seen: list[tuple[str, bytes]] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append((request.headers.get("Authorization", ""), await request.read()))
        return web.Response(status=500 if len(seen) == 1 else 200)

    app = web.Application()
    app.router.add_post("/hook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    loop_sandbox.delivery.pause = 0.01
    queue = loop_sandbox.state.instances[INSTANCE]
    queue.account.reboot_time = 0
    queue.save_settings({"webhookUrl": f"http://127.0.0.1:{port}/hook", "webhookUrlToken": "s3"})
    queue.tick()  # the reboot ends: its "authorized" is the first notification POSTed
    queued = len(queue)
    async with httpx.AsyncClient() as http:
        for n in (1, 2):
            answer = (await http.post(loop_sandbox.webhook_url, json=body(n))).json()
            assert answer["receiptId"] is None and answer["forwarded"].endswith("/hook")
        for _ in range(500):
            if len(seen) == 4:
                break
            await asyncio.sleep(0.01)
    await runner.cleanup()
    assert [auth for auth, _ in seen] == ["Bearer s3"] * 4
    kinds = [
        "authorized" if b"stateInstanceChanged" in raw else raw.split(b'"idMessage":')[1][:11]
        for _, raw in seen
    ]
    assert kinds == ["authorized", "authorized", b'"MSG000001"', b'"MSG000002"']  # 500: again
    assert [a.status for a in loop_sandbox.delivery.attempts] == [500, 200, 200, 200]
    assert len(queue) == queued  # nothing more went to the queue
