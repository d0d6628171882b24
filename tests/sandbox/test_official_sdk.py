"""The official SDK (whatsapp-api-client-python), pointed at the sandbox with host=, works."""

from __future__ import annotations

import threading

from whatsapp_api_client_python import API

from greenconsole.sandbox import SandboxThread
from tests.support import INSTANCE, TOKEN, body, post_all, queue_count


def sdk(sandbox) -> API.GreenApi:
    return API.GreenApi(str(INSTANCE), TOKEN, host=sandbox.url)


def test_sdk_receive_loop_drains_what_was_posted_in_order(sandbox):
    post_all(sandbox, [body(n) for n in range(25)])
    green = sdk(sandbox)
    seen: list[str] = []

    def on_event(type_webhook: str, data: dict) -> None:
        assert type_webhook == "incomingMessageReceived"
        seen.append(data["idMessage"])
        if len(seen) == 25:
            green.webhooks.stopReceivingNotifications()

    worker = threading.Thread(target=green.webhooks.startReceivingNotifications, args=(on_event,))
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    assert seen == [f"MSG{n:06d}" for n in range(25)]
    assert queue_count(sandbox) == 0


def test_sdk_receiving_and_queue_methods(sandbox):
    post_all(sandbox, [body(1), body(2)])
    green = sdk(sandbox)
    assert green.queues.getWebhooksCount().data == {"count": 2}
    got = green.receiving.receiveNotification(receiveTimeout=5)
    assert got.code == 200 and got.data["body"]["idMessage"] == "MSG000001"
    assert green.receiving.deleteNotification(got.data["receiptId"]).data == {"result": True}
    assert green.queues.clearWebhooksQueue().data == {"isCleared": True, "reason": ""}
    assert green.queues.getWebhooksCount().data == {"count": 0}


def test_sdk_sees_auth_errors(sandbox):
    wrong = API.GreenApi(str(INSTANCE), "not-the-token", host=sandbox.url)
    assert wrong.receiving.receiveNotification().code == 401


def test_sdk_receive_loop_drains_everything_under_greenapi_rate_limits():
    with SandboxThread(instances={INSTANCE: TOKEN}, rate_limits=True) as limited:
        limits_hit = []
        pick = limited.faults.pick

        def counting_pick(id_instance: int, method: str):
            answer = pick(id_instance, method)
            limits_hit.extend([method] if answer else [])
            return answer

        limited.faults.pick = counting_pick
        n = 250
        post_all(limited, [body(k) for k in range(n)])
        green = sdk(limited)
        seen: list[str] = []

        def on_event(type_webhook: str, data: dict) -> None:
            seen.append(data["idMessage"])
            if len(set(seen)) == n:
                green.webhooks.stopReceivingNotifications()

        worker = threading.Thread(
            target=green.webhooks.startReceivingNotifications, args=(on_event,)
        )
        worker.start()
        worker.join(60)
        assert not worker.is_alive()
        assert list(dict.fromkeys(seen)) == [f"MSG{k:06d}" for k in range(n)]
        assert "receive" in limits_hit  # the 100/s limit did bite (429), and the SDK rode it out
        limited.faults.rate_limits = False
        assert queue_count(limited) == 0
