"""Async client for one GREEN-API instance's notification queue (httpx, one keep-alive pool)."""

from __future__ import annotations

import email.utils
import functools
import json
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from greenconsole.protocol.errors import (
    AuthError,
    GreenApiError,
    ProtocolError,
    QuotaError,
    RateLimitError,
    RequestError,
    TransientError,
)
from greenconsole.protocol.notification import Notification, parse_receive_answer

DEFAULT_API_URL = "https://api.green-api.com"
DEFAULT_WEBHOOK_URL = "https://webhook.green-api.com"
DEFAULT_RECEIVE_TIMEOUT = 20
RECEIVE_TIMEOUT_RANGE = range(5, 61)
READ_MARGIN = 15.0
"""Seconds the HTTP read timeout exceeds the long-poll wait, so a slow answer is not cut off."""
REQUEST_SECONDS = 15.0
CONNECT_SECONDS = 10.0
REQUEST_TIMEOUT = httpx.Timeout(REQUEST_SECONDS, connect=CONNECT_SECONDS)


@dataclass(frozen=True, slots=True)
class WebhookResponse:
    """What the debug webhook endpoint answered."""

    status: int
    text: str
    elapsed_ms: float

    @property
    def ok(self) -> bool:
        """True for a 2xx answer."""
        return 200 <= self.status < 300


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context (certifi's CA bundle) for every HTTP client of the process.

    httpx builds a new one per client otherwise: ~20 ms each, a visible stall in the window when
    several connections start at once.
    """
    return httpx.create_ssl_context()


def http_client(**kwargs: Any) -> httpx.AsyncClient:
    """An httpx client sharing the process's TLS context."""
    return httpx.AsyncClient(verify=tls_context(), **kwargs)


@dataclass(frozen=True, slots=True)
class ClearResult:
    """clearWebhooksQueue's answer; `left_time` is set when the once-a-minute limit refused it."""

    cleared: bool
    reason: str
    left_time: int | None = None


def validate_api_url(url: str, field: str = "api_url") -> str:
    """Return the URL without a trailing slash, or raise ValueError naming `field`."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{field}: expected an http:// or https:// URL, got {url!r}")
    return url.strip().rstrip("/")


def validate_receive_timeout(value: int) -> int:
    """Return `value` if it is a whole number of seconds in 5..60, else raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in RECEIVE_TIMEOUT_RANGE:
        raise ValueError(f"receiveTimeout: expected whole seconds from 5 to 60, got {value!r}")
    return value


class GreenApiClient:
    """receive / delete / count / clear on one instance, and posts to the debug webhook.

    Errors are typed (see `greenconsole.protocol.errors`); no message ever contains the token.
    Use as an async context manager, or call `aclose()`.
    """

    def __init__(
        self,
        api_url: str,
        id_instance: int | str,
        token: str,
        *,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.api_url = validate_api_url(api_url)
        if not str(id_instance).isdigit():
            raise ValueError(f"idInstance: expected digits only, got {id_instance!r}")
        if not token or not token.strip():
            raise ValueError("apiTokenInstance: empty")
        self.id_instance = int(id_instance)
        self._token = token.strip()
        self._base = f"{self.api_url}/waInstance{self.id_instance}"
        self.last_latency_ms: float | None = None
        """How long the last answered request took (a long poll's wait included)."""
        self._http = http or http_client(
            timeout=REQUEST_TIMEOUT,
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )

    async def __aenter__(self) -> GreenApiClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    def __repr__(self) -> str:
        return f"GreenApiClient({self.api_url!r}, {self.id_instance}, token=***)"

    async def receive(self, receive_timeout: int = DEFAULT_RECEIVE_TIMEOUT) -> Notification | None:
        """Long-poll for the queue's head; `None` when the wait ended empty."""
        url, timeout = self._receive_request(validate_receive_timeout(receive_timeout))
        response = await self._request("GET", url, timeout=timeout)
        return parse_receive_answer(response.content)

    async def delete(self, receipt_id: int) -> bool:
        """Delete a receipt; the server's `result` (False: unknown or already deleted)."""
        response = await self._request(
            "DELETE", f"{self._method_url('deleteNotification')}/{receipt_id}"
        )
        return bool(_json_object(response).get("result"))

    async def count(self) -> int:
        """How many notifications wait in the queue (getWebhooksCount)."""
        data = _json_object(await self._request("GET", self._method_url("getWebhooksCount")))
        value = data.get("count")
        try:
            return int(value)  # tolerate "12" and 12.0
        except (TypeError, ValueError):
            raise ProtocolError(
                "getWebhooksCount: no numeric count", raw=json.dumps(data, ensure_ascii=False)
            ) from None

    async def clear(self) -> ClearResult:
        """Empty the queue (clearWebhooksQueue); a refusal carries the seconds left (leftTime)."""
        data = _json_object(await self._request("DELETE", self._method_url("clearWebhooksQueue")))
        left = data.get("leftTime")
        left_time = left if isinstance(left, int) and not isinstance(left, bool) else None
        return ClearResult(bool(data.get("isCleared")), str(data.get("reason") or ""), left_time)

    async def post_webhook(self, url: str, body: dict[str, Any] | bytes) -> WebhookResponse:
        """POST a notification body to a debug webhook endpoint, sharing this client's pool."""
        return await post_webhook(self._http, url, body)

    @functools.lru_cache(maxsize=8)  # noqa: B019 - a few entries, freed with the client
    def _receive_request(self, receive_timeout: int) -> tuple[str, httpx.Timeout]:
        """The receive URL and timeouts, built once per wait (the drain loop is hot)."""
        url = f"{self._method_url('receiveNotification')}?receiveTimeout={receive_timeout}"
        read = receive_timeout + READ_MARGIN
        return url, httpx.Timeout(REQUEST_SECONDS, connect=CONNECT_SECONDS, read=read)

    def _method_url(self, method: str) -> str:
        return f"{self._base}/{method}/{self._token}"

    async def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self._http.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise TransientError(self._redact(f"timed out ({type(exc).__name__})")) from None
        except httpx.TransportError as exc:
            raise TransientError(self._redact(f"network error: {_describe(exc)}")) from None
        self.last_latency_ms = (time.perf_counter() - started) * 1000
        check_status(response, self._redact)
        return response

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "***")


async def post_webhook(
    http: httpx.AsyncClient, url: str, body: dict[str, Any] | bytes
) -> WebhookResponse:
    """POST `body` (an object, or JSON already encoded) to `url`; network faults raise."""
    content = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    started = time.perf_counter()
    try:
        response = await http.post(
            url, content=content, headers={"Content-Type": "application/json"}
        )
    except httpx.TimeoutException:
        raise TransientError("webhook: timed out") from None
    except httpx.TransportError as exc:
        raise TransientError(f"webhook: network error: {_describe(exc)}") from None
    elapsed = (time.perf_counter() - started) * 1000
    return WebhookResponse(response.status_code, response.text, elapsed)


def check_status(response: httpx.Response, redact: Any = str) -> None:
    """Raise the typed error for a non-200 answer."""
    status = response.status_code
    if status == 200:
        return
    snippet = redact(response.text.strip().replace("\n", " ")[:200])
    detail = f"HTTP {status}" + (f": {snippet}" if snippet else "")
    if status == 401:
        raise AuthError(f"{detail} (wrong apiTokenInstance?)", status=status)
    if status == 403:
        raise AuthError(
            f"{detail} (wrong idInstance, or the instance is not authorised?)", status=status
        )
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        raise RateLimitError(detail, retry_after=retry_after)
    if status == 466:
        raise QuotaError(f"{detail} (quota exceeded)", status=status)
    if status >= 500:
        raise TransientError(detail, status=status)
    if 400 <= status < 500:
        raise RequestError(detail, status=status)
    raise ProtocolError(f"unexpected {detail}", raw=response.text, status=status)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        data = json.loads(response.content)
    except ValueError:
        raise ProtocolError("answer is not JSON", raw=response.text) from None
    if not isinstance(data, dict):
        raise ProtocolError("answer is not a JSON object", raw=response.text)
    return data


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_RECEIVE_TIMEOUT",
    "DEFAULT_WEBHOOK_URL",
    "GreenApiClient",
    "GreenApiError",
    "WebhookResponse",
    "post_webhook",
]
