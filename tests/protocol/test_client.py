"""The protocol client against the sandbox and a scripted misbehaving server."""

from __future__ import annotations

import email.utils
import time

import pytest

from greenconsole.protocol.client import ClearResult, GreenApiClient, parse_retry_after
from greenconsole.protocol.errors import (
    AuthError,
    ProtocolError,
    QuotaError,
    RateLimitError,
    RequestError,
    TransientError,
)
from tests.support import INSTANCE, TOKEN, Reply, ScriptedServer, body, ok, post_all, status


async def test_receive_delete_count_clear_against_the_sandbox(sandbox):
    post_all(sandbox, [body(1), body(2)])
    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        assert await client.count() == 2
        first = await client.receive(5)
        assert first.receipt_id > 0 and first.body["idMessage"] == "MSG000001"
        assert first.type_webhook == "incomingMessageReceived"
        assert await client.delete(first.receipt_id) is True
        assert await client.delete(first.receipt_id) is False
        assert (await client.receive(5)).body["idMessage"] == "MSG000002"
        assert await client.clear() == ClearResult(True, "")
        assert await client.count() == 0
        answer = await client.post_webhook(sandbox.webhook_url, body(3))
        assert answer.ok and answer.elapsed_ms > 0
        assert (await client.receive(5)).body == body(3)


async def test_auth_errors_name_the_field(sandbox):
    async with GreenApiClient(sandbox.url, INSTANCE, "wrong") as client:
        with pytest.raises(AuthError) as wrong_token:
            await client.receive()
    async with GreenApiClient(sandbox.url, 4242, TOKEN) as client:
        with pytest.raises(AuthError) as wrong_instance:
            await client.count()
    assert wrong_token.value.field == "apiTokenInstance" and wrong_token.value.status == 401
    assert wrong_instance.value.field == "idInstance" and wrong_instance.value.status == 403


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("ftp://x", 1, "t"), "api_url"),
        (("http://h", "12a", "t"), "idInstance"),
        (("http://h", 1, " "), "apiTokenInstance"),
    ],
)
def test_bad_settings_name_the_field(args, field):
    with pytest.raises(ValueError, match=field):
        GreenApiClient(*args)


@pytest.mark.parametrize("value", [4, 61, True, 20.5])
async def test_receive_timeout_must_be_5_to_60(value):
    async with GreenApiClient("http://127.0.0.1:9", 1, "t") as client:
        with pytest.raises(ValueError, match="receiveTimeout"):
            await client.receive(value)


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (status(500), TransientError),
        (status(502, "<html>bad gateway</html>"), TransientError),
        (status(466, '{"error": "quota"}'), QuotaError),
        (status(400, '{"error": "bad"}'), RequestError),
        (Reply(kind="reset"), TransientError),
        (Reply(kind="truncated", body=b'{"receiptId": 1, "body": {"typeWe'), TransientError),
        (ok('{"receiptId": 1, "body": {"typeWe'), ProtocolError),
        (ok('{"body": {"typeWebhook": "x"}}'), ProtocolError),
        (ok('{"receiptId": "7", "body": {}}'), ProtocolError),
        (ok('{"receiptId": 7, "body": "text"}'), ProtocolError),
        (ok("[1, 2]"), ProtocolError),
        (ok("<html>login</html>"), ProtocolError),
    ],
)
async def test_faults_raise_typed_errors_without_the_token(reply, error):
    with ScriptedServer([reply]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            with pytest.raises(error) as raised:
                await client.receive(5)
    assert TOKEN not in str(raised.value)


async def test_malformed_answer_keeps_the_raw_text():
    with ScriptedServer([ok('{"receiptId": null, "body": {"a": "тест"}}')]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            with pytest.raises(ProtocolError) as raised:
                await client.receive(5)
    assert raised.value.raw == '{"receiptId": null, "body": {"a": "тест"}}'


async def test_empty_body_and_null_both_mean_nothing():
    with ScriptedServer([ok(""), ok("null")]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            assert await client.receive(5) is None
            assert await client.receive(5) is None
        assert (
            server.paths("GET")[0]
            == f"/waInstance{INSTANCE}/receiveNotification/{TOKEN}?receiveTimeout=5"
        )


async def test_error_bodies_that_echo_the_url_are_redacted():
    echo = f'{{"error": "no such path /waInstance{INSTANCE}/x/{TOKEN}"}}'
    with ScriptedServer([status(404, echo), status(500, echo)]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            for _ in range(2):
                with pytest.raises((RequestError, TransientError)) as raised:
                    await client.count()
                assert TOKEN not in str(raised.value) and "***" in str(raised.value)


async def test_rate_limit_carries_retry_after():
    with ScriptedServer([status(429, "", **{"Retry-After": "3"}), status(429)]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            with pytest.raises(RateLimitError) as with_header:
                await client.receive()
            with pytest.raises(RateLimitError) as without:
                await client.receive()
    assert with_header.value.retry_after == 3.0
    assert without.value.retry_after is None


def test_retry_after_as_http_date():
    now = time.time()
    assert parse_retry_after(email.utils.formatdate(now + 10, usegmt=True), now) == pytest.approx(
        10, abs=1
    )
    assert parse_retry_after("soon") is None


async def test_tolerant_parsing_of_count_and_delete():
    replies = [ok('{"count": "12"}'), ok('{"result": true, "reason": "ok"}'), ok('{"total": 1}')]
    with ScriptedServer(replies) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            assert await client.count() == 12
            assert await client.delete(5) is True
            with pytest.raises(ProtocolError):
                await client.count()
        assert server.paths("DELETE") == [f"/waInstance{INSTANCE}/deleteNotification/{TOKEN}/5"]


async def test_one_keep_alive_connection_is_reused():
    with ScriptedServer([ok('{"count": 1}')] * 20) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            for _ in range(20):
                await client.count()
        assert len(server.connections) == 1


async def test_the_last_request_tells_a_long_poll_wait_from_a_request(sandbox):
    post_all(sandbox, [body(1)])
    async with GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        first = await client.receive(5)
        assert client.last_request.wait == 5 and not client.last_request.empty
        await client.delete(first.receipt_id)
        assert client.last_request.wait == 0 and client.last_request.ms < 5000
    with ScriptedServer([], idle=ok("null")) as server:  # answered empty before the wait ends
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            assert await client.receive(5) is None
            assert client.last_request.empty and client.last_request.overhead_ms is None
