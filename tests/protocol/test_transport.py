"""The aiohttp transport under the client: each network fault reads as what it is, sent once."""

from __future__ import annotations

import asyncio

import pytest

from greenconsole.protocol.client import GreenApiClient, http_client, tls_context
from greenconsole.protocol.errors import TransientError
from tests.support import INSTANCE, TOKEN, Reply, ScriptedServer, ok, status


async def transient(url: str) -> str:
    """The TransientError text count() raises against `url` (never the token)."""
    async with GreenApiClient(url, INSTANCE, TOKEN) as client:
        with pytest.raises(TransientError) as raised:
            await client.count()
    assert TOKEN not in str(raised.value)
    return str(raised.value)


async def test_a_hang_up_is_a_network_error_sent_once_not_a_timeout():
    with ScriptedServer([Reply(kind="reset"), ok('{"count": 3}')]) as server:
        text = await transient(server.url)
        assert text.startswith("network error") and "timed out" not in text
        assert len(server.paths()) == 1  # not silently sent again on a new connection


async def test_an_answer_that_is_not_http_is_a_network_error():
    garbled = status(200, '{"count": 1}', **{"Content-Length": "x", "X-Long": "a" * 9000})
    with ScriptedServer([garbled]) as server:
        text = await transient(server.url)
    assert text.startswith("network error: RemoteProtocolError")


async def test_refused_and_unknown_host_name_the_cause():
    with ScriptedServer([]) as server:
        port = server.url.rsplit(":", 1)[1]
    refused = await transient(f"http://127.0.0.1:{port}")
    assert "Connect call failed" in refused and "ssl:" not in refused  # plain http: no TLS talk
    assert "no-such-host.invalid" in await transient("http://no-such-host.invalid")


async def test_overlapping_requests_use_two_connections_of_one_pool():
    with ScriptedServer([Reply(body=b'{"count": 1}', delay=0.3)] * 4) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            assert await asyncio.gather(client.count(), client.count()) == [1, 1]
            assert await asyncio.gather(client.count(), client.count()) == [1, 1]
        assert len(server.connections) == 2


async def test_every_client_shares_the_process_tls_context():
    async with http_client() as first, http_client() as second:
        contexts = {id(client._transport.ssl_context) for client in (first, second)}  # type: ignore[attr-defined]
    assert contexts == {id(tls_context())}
