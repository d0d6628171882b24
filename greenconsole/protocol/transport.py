"""The HTTP transport under every client: httpx's API over aiohttp's connection pool.

httpx's own async transport (httpcore over anyio) spends about twice the CPU per request of
aiohttp's C parser; `httpx-aiohttp` (by an httpx maintainer) puts aiohttp under
`httpx.AsyncClient`, so requests, streaming answers and timeouts keep httpx's API. Its error
mapping is coarse (a server hanging up becomes `ConnectTimeout`, an answer that is not HTTP
escapes as an aiohttp error), so here every aiohttp error becomes the httpx error that means the
same, its aiohttp cause kept (the client reads certificate problems from it).
"""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import AsyncIterator, Iterator

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

KEEPALIVE_SECONDS = 5.0
"""How long an idle connection is kept when the limits say "forever" (httpx's default)."""

_BY_CAUSE: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
    (aiohttp.ClientConnectorError, httpx.ConnectError),  # refused, DNS, TLS (certificate)
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    (aiohttp.ClientPayloadError, httpx.RemoteProtocolError),  # cut short, bad chunking
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # not an HTTP answer
    (aiohttp.ClientOSError, httpx.ReadError),  # reset mid answer
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    (aiohttp.NonHttpUrlClientError, httpx.UnsupportedProtocol),
    (aiohttp.ClientError, httpx.NetworkError),
)


@contextlib.contextmanager
def _mapped() -> Iterator[None]:
    """Raise aiohttp's errors (bare, or as httpx-aiohttp mapped them) as the right httpx error."""
    try:
        yield
    except (aiohttp.ClientError, httpx.TransportError) as exc:
        cause = exc if isinstance(exc, aiohttp.ClientError) else exc.__cause__
        if not isinstance(cause, aiohttp.ClientError):
            raise
        kind = next(to for source, to in _BY_CAUSE if isinstance(cause, source))
        raise kind(str(cause) or type(cause).__name__) from cause


class _Stream(httpx.AsyncByteStream):
    """An answer's body with its errors mapped."""

    def __init__(self, inner: httpx.AsyncByteStream) -> None:
        self._inner = inner

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _mapped():
            async for chunk in self._inner:
                yield chunk

    async def aclose(self) -> None:
        with _mapped():
            await self._inner.aclose()


class Transport(AiohttpTransport):
    """One aiohttp pool (at most `limits.max_connections`) using the process's TLS context.

    No cookies are kept (GREEN-API sets none; a proxy's would follow the token around), and no
    request is sent twice: a reset is the caller's to retry.
    """

    def __init__(self, tls: ssl.SSLContext, limits: httpx.Limits) -> None:
        super().__init__(verify=tls, limits=limits, client=self._session)

    def _session(self) -> aiohttp.ClientSession:
        """The pool, made on the first request (inside the running loop, as aiohttp wants)."""
        connector = aiohttp.TCPConnector(
            ssl=self.ssl_context,
            limit=self.limits.max_connections or 0,
            keepalive_timeout=self.limits.keepalive_expiry or KEEPALIVE_SECONDS,
        )
        session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
        # One attempt per request, as with httpx's own transport: aiohttp would silently send a
        # GET or DELETE again after a reset (as aiohttp's own test client, turn that off).
        session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request`; the answer's body streams, with aiohttp's errors mapped."""
        with _mapped():
            response = await super().handle_async_request(request)
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Stream(response.stream)
        return response
