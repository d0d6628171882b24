"""Async client for one GREEN-API instance's notification queue (httpx, one keep-alive pool).

Every answer is read streaming, at most `MAX_ANSWER_BYTES` decoded bytes and within one overall
deadline per request, so a dripping, endless or decompression-bomb answer ends in a typed error.
The token is masked (as written and URL-encoded) in every text the client produces.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import functools
import ipaddress
import re
import ssl
import time
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import httpx

from greenconsole import jsontext
from greenconsole.marks import QT_TRANSLATE_NOOP
from greenconsole.protocol.errors import (
    RAW_KEPT,
    AuthError,
    CertificateError,
    GreenApiError,
    InstanceNotReadyError,
    ProtocolError,
    QuotaError,
    RateLimitError,
    RequestError,
    TooLargeError,
    TransientError,
    WrongUrlError,
    worded,
)
from greenconsole.protocol.notification import Notification, parse_receive_answer
from greenconsole.redact import NO_SECRET, Secret

DEFAULT_API_URL = "https://api.green-api.com"
DEFAULT_WEBHOOK_URL = "https://webhook.green-api.com"
DEFAULT_RECEIVE_TIMEOUT = 20
RECEIVE_TIMEOUT_RANGE = range(5, 61)
READ_MARGIN = 15.0
"""Seconds the HTTP read timeout exceeds the long-poll wait, so a slow answer is not cut off."""
REQUEST_SECONDS = 15.0
"""Overall deadline of a request, answer included (a long poll: its wait plus this)."""
CONNECT_SECONDS = 10.0
REQUEST_TIMEOUT = httpx.Timeout(REQUEST_SECONDS, connect=CONNECT_SECONDS)
POOL_LIMITS = httpx.Limits(max_connections=20, max_keepalive_connections=10)
MAX_ANSWER_BYTES = 32 * 1024 * 1024
"""Largest answer read, counted after decompression. Notifications carry links, not media, but
a text or thumbnail can make one large: a 20 MB one is received whole, not blocking the queue."""
RAW_CHUNK = 4096
"""Compressed bytes decoded at a time: deflate expands ~1000×, so ≤ ~4 MiB appear at once."""
SNIPPET = 200
"""Characters of an error page quoted in an error message (after redaction)."""
NOT_READY = {
    "starting": QT_TRANSLATE_NOOP(
        "errors", "the instance is starting: up to 5 minutes after a start or a settings change"
    ),
    "expired": QT_TRANSLATE_NOOP(
        "errors",
        "GREEN-API says this for a while after an instance is created (green-api/issues "
        "#197); if it lasts, check the instance's payment in the GREEN-API console",
    ),
    "not authorized": QT_TRANSLATE_NOOP(
        "errors", "no phone is linked: scan the QR code in the GREEN-API console"
    ),
}
"""Words of a 400 that means "the instance is not ready yet" rather than "bad request", and
what to tell the user."""
JSON_HEADERS = {"Content-Type": "application/json"}
URL_CHANGING = ("/", "?", "#", "%", "..")
"""What a token may not contain: the token is a path segment of every request URL."""


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


def warm_up() -> None:
    """Build what a first client needs (the transport's modules, the TLS context) ahead of
    time, e.g. on a worker thread while a window idles, so that a first Start does not stall
    it (~50 ms). Any failure is left for that first client to raise and word."""
    with contextlib.suppress(Exception):
        import greenconsole.protocol.transport  # noqa: F401

        tls_context()


def http_client(*, limits: httpx.Limits = POOL_LIMITS, **kwargs: Any) -> httpx.AsyncClient:
    """An httpx client over the aiohttp transport (one pool), sharing the process's TLS context.

    A proxy from the environment (HTTPS_PROXY…) is reached through httpx's own transport.
    """
    from greenconsole.protocol.transport import Transport  # aiohttp: ~0.15 s, on first use

    return httpx.AsyncClient(transport=Transport(tls_context(), limits), **kwargs)


@dataclass(frozen=True, slots=True)
class RequestTiming:
    """How long an answered request took. A long poll (`wait`: its receiveTimeout, s) spends
    most of that waiting on the server by design; `empty` when it ended with nothing queued."""

    ms: float
    wait: int = 0
    empty: bool = False
    status: int = 200
    """The answer's HTTP status (a long poll answered 500 did not bring a notification)."""

    @property
    def overhead_ms(self) -> float | None:
        """An empty long poll's time beyond the server's wait (None when it ended early)."""
        extra = self.ms - self.wait * 1000
        return extra if self.empty and extra >= 0 else None


@dataclass(frozen=True, slots=True)
class ClearResult:
    """clearWebhooksQueue's answer; `left_time` is set when the once-a-minute limit refused it."""

    cleared: bool
    reason: str
    left_time: int | None = None


def validate_api_url(url: str, field: str = "api_url") -> str:
    """Return the URL without a trailing slash, or raise ValueError naming `field`."""
    parts = urlsplit(url.strip())
    spaced = any(char.isspace() for char in url.strip())  # sent as is, it would fail as a 404
    if parts.scheme not in ("http", "https") or not parts.hostname or spaced:
        raise ValueError(f"{field}: expected an http:// or https:// URL, no spaces, got {url!r}")
    return url.strip().rstrip("/")


def validate_receive_timeout(value: int) -> int:
    """Return `value` if it is a whole number of seconds in 5..60, else raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in RECEIVE_TIMEOUT_RANGE:
        raise ValueError(f"receiveTimeout: expected whole seconds from 5 to 60, got {value!r}")
    return value


def token_problem(token: str) -> str | None:
    """Why `token` cannot be an apiTokenInstance, or None; the reason never quotes the token."""
    token = token.strip()
    if not token:
        return "empty"
    if any(char.isspace() for char in token):
        return "no spaces inside"
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in token):
        return "control characters or undecodable bytes inside"
    if any(part in token for part in URL_CHANGING):
        return "no /, ?, #, % or .. inside (they would change the request URL)"
    return None


def is_loopback_url(url: str) -> bool:
    """True when the URL's host is localhost, 127.0.0.0/8 or ::1."""
    host = urlsplit(url.strip()).hostname
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def default_webhook_url(api_url: str) -> str:
    """The debug webhook that goes with an API URL: a local sandbox's own host and port, else
    `DEFAULT_WEBHOOK_URL` (a sandbox serves its debug webhook at "/")."""
    if is_loopback_url(api_url):
        parts = urlsplit(api_url.strip())
        return f"{parts.scheme}://{parts.netloc}/"
    return DEFAULT_WEBHOOK_URL


class GreenApiClient:
    """receive / delete / count / clear on one instance, and posts to the debug webhook.

    Errors are typed (see `greenconsole.protocol.errors`); no message and no kept answer ever
    contains the token. Use as an async context manager, or call `aclose()`.
    """

    def __init__(
        self,
        api_url: str,
        id_instance: int | str,
        token: str,
        *,
        http: httpx.AsyncClient | None = None,
        request_seconds: float = REQUEST_SECONDS,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.api_url = validate_api_url(api_url)
        if not str(id_instance).isdigit():
            raise ValueError(f"idInstance: expected digits only, got {id_instance!r}")
        if problem := token_problem(token):
            raise ValueError(f"apiTokenInstance: {problem}")
        self.id_instance = int(id_instance)
        self._token = token.strip()
        self._secret = Secret(self._token)
        self._base = f"{self.api_url}/waInstance{self.id_instance}"
        self.request_seconds = request_seconds
        self.max_answer_bytes = max_answer_bytes
        self.last_request: RequestTiming | None = None
        """How long the last answered request took (a long poll's wait included)."""
        self._http = http or http_client(timeout=REQUEST_TIMEOUT)

    async def __aenter__(self) -> GreenApiClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    def __repr__(self) -> str:
        return f"GreenApiClient({self.api_url!r}, {self.id_instance}, token=***)"

    def hide(self, text: str) -> str:
        """`text` with this client's token masked wherever it occurs (for anything printed)."""
        return self._secret.hide(text)

    async def receive(self, receive_timeout: int = DEFAULT_RECEIVE_TIMEOUT) -> Notification | None:
        """Long-poll for the queue's head; `None` when the wait ended empty."""
        wait = validate_receive_timeout(receive_timeout)
        url, timeout = self._receive_request(wait)
        content = await self._request("GET", url, wait=wait, timeout=timeout)
        try:
            notification = parse_receive_answer(content)
        except ProtocolError as exc:  # rebuilt: its raw is neither redacted nor bounded
            raise self._malformed(str(exc), content) from None
        if notification is None and self.last_request is not None:
            self.last_request = replace(self.last_request, empty=True)
        return notification

    async def delete(self, receipt_id: int) -> bool:
        """Delete a receipt; the server's `result` (False: unknown or already deleted)."""
        url = f"{self._method_url('deleteNotification')}/{receipt_id}"
        return bool(self._json_object(await self._request("DELETE", url)).get("result"))

    async def count(self) -> int:
        """How many notifications wait in the queue (getWebhooksCount)."""
        content = await self._request("GET", self._method_url("getWebhooksCount"))
        value = self._json_object(content).get("count")
        try:
            return int(value)  # type: ignore[arg-type]  # tolerate "12" and 12.0; else raises
        except (TypeError, ValueError, OverflowError):
            raise self._malformed("getWebhooksCount: no numeric count", content) from None

    async def clear(self) -> ClearResult:
        """Empty the queue (clearWebhooksQueue); a refusal carries the seconds left (leftTime)."""
        content = await self._request("DELETE", self._method_url("clearWebhooksQueue"))
        data = self._json_object(content)
        left = data.get("leftTime")
        left_time = left if isinstance(left, int) and not isinstance(left, bool) else None
        return ClearResult(bool(data.get("isCleared")), str(data.get("reason") or ""), left_time)

    async def post_webhook(self, url: str, body: dict[str, Any] | bytes) -> WebhookResponse:
        """POST a notification body to a debug webhook endpoint, sharing this client's pool."""
        return await post_webhook(self._http, url, body, secret=self._secret)

    # --- account methods (api/account, api/journals, api/sending) ---------------------------

    async def state(self) -> str:
        """The instance's state (getStateInstance): authorized, notAuthorized, starting, ..."""
        content = await self._request("GET", self._method_url("getStateInstance"))
        value = self._json_object(content).get("stateInstance")
        if not isinstance(value, str) or not value:
            raise self._malformed("getStateInstance: no stateInstance", content)
        return value

    async def settings(self) -> dict[str, Any]:
        """The instance's settings (getSettings), as the server words them."""
        return self._json_object(await self._request("GET", self._method_url("getSettings")))

    async def set_settings(self, changes: dict[str, Any]) -> bool:
        """setSettings: True when the server says it saved them (it reboots the instance, and
        may still not keep them: read them back)."""
        content = await self._post_json("setSettings", changes)
        return self._json_object(content).get("saveSettings") is True

    async def last_messages(self, direction: str, minutes: int = 1440) -> list[dict[str, Any]]:
        """lastIncomingMessages or lastOutgoingMessages (`direction` "incoming"/"outgoing")
        of the last `minutes`: the server's own record, up to 2 minutes late."""
        method = {"incoming": "lastIncomingMessages", "outgoing": "lastOutgoingMessages"}[direction]
        content = await self._request("GET", f"{self._method_url(method)}?minutes={minutes}")
        try:
            data = jsontext.loads(content)
        except jsontext.JsonTextError as exc:
            raise self._malformed(f"{method}: answer is not JSON ({exc})", content) from None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise self._malformed(f"{method}: answer is not a list of messages", content)
        return data

    async def get_message(self, chat_id: str, id_message: str) -> dict[str, Any]:
        """One message from the server's journal (getMessage)."""
        content = await self._post_json("getMessage", {"chatId": chat_id, "idMessage": id_message})
        return self._json_object(content)

    async def send_message(self, chat_id: str, text: str) -> str:
        """Send a text message (sendMessage); its idMessage."""
        content = await self._post_json("sendMessage", {"chatId": chat_id, "message": text})
        value = self._json_object(content).get("idMessage")
        if not isinstance(value, str) or not value:
            raise self._malformed("sendMessage: no idMessage", content)
        return value

    async def _post_json(self, method: str, body: dict[str, Any]) -> bytes:
        url, content = self._method_url(method), jsontext.dumps(body).encode()
        return await self._request("POST", url, content=content, headers=JSON_HEADERS)

    @functools.lru_cache(maxsize=8)  # noqa: B019 - a few entries, freed with the client
    def _receive_request(self, receive_timeout: int) -> tuple[str, httpx.Timeout]:
        """The receive URL and timeouts, built once per wait (the drain loop is hot)."""
        url = f"{self._method_url('receiveNotification')}?receiveTimeout={receive_timeout}"
        read = receive_timeout + READ_MARGIN
        return url, httpx.Timeout(REQUEST_SECONDS, connect=CONNECT_SECONDS, read=read)

    def _method_url(self, method: str) -> str:
        return f"{self._base}/{method}/{self._token}"

    async def _request(self, method: str, url: str, *, wait: int = 0, **kwargs: Any) -> bytes:
        """The answer's bytes after a 200; any other outcome raises its typed error."""
        started = time.perf_counter()
        response, content = await fetch(
            self._http,
            method,
            url,
            deadline=wait + self.request_seconds,
            max_bytes=self.max_answer_bytes,
            secret=self._secret,
            **kwargs,
        )
        self.last_request = RequestTiming(
            (time.perf_counter() - started) * 1000, wait, status=response.status_code
        )
        if response.status_code != 200:
            raise self._status_error(response, content)
        return content

    def _status_error(self, response: httpx.Response, content: bytes) -> GreenApiError:
        """The typed error for a non-200 answer (see the table in `errors`)."""
        status = response.status_code
        text = self._secret.hide(content.decode("utf-8", "replace"))
        snippet = " ".join(text.split())[:SNIPPET]  # redacted first, then cut
        detail = f"HTTP {status}" + (f": {snippet}" if snippet else "")
        if status < 300:
            return worded(
                WrongUrlError,
                QT_TRANSLATE_NOOP(
                    "errors",
                    "HTTP {status} where a JSON answer was expected: is {url} a GREEN-API host?",
                ),
                status=status,
                url=self.api_url,
                error={"status": status},
            )
        if status < 400:
            target = response.headers.get("Location")
            location = self._secret.hide(str(response.url.join(target))) if target else None
            moved = {"status": status, "location": location}
            if location is None:
                template = QT_TRANSLATE_NOOP(
                    "errors", "HTTP {status}: the API URL answers with a redirect (wrong API URL?)"
                )
                return worded(WrongUrlError, template, status=status, error=moved)
            template = QT_TRANSLATE_NOOP(
                "errors", "HTTP {status}: the API URL redirects to {location} (wrong API URL?)"
            )
            return worded(WrongUrlError, template, status=status, location=location, error=moved)
        if status == 401:
            template = QT_TRANSLATE_NOOP("errors", "{detail} (wrong apiTokenInstance?)")
            return worded(AuthError, template, detail=detail, error={"status": status})
        if status == 403:
            template = QT_TRANSLATE_NOOP(
                "errors", "{detail} (wrong idInstance, or the instance is not authorised?)"
            )
            return worded(AuthError, template, detail=detail, error={"status": status})
        if status == 404:
            template = QT_TRANSLATE_NOOP("errors", "{detail} (wrong API URL or method?)")
            return worded(WrongUrlError, template, detail=detail, error={"status": status})
        if status == 429:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            return RateLimitError(detail, retry_after=retry_after)
        if status == 466:
            template = QT_TRANSLATE_NOOP("errors", "{detail} (quota exceeded)")
            return worded(QuotaError, template, detail=detail, error={"body": text[:RAW_KEPT]})
        hint = next((hint for words, hint in NOT_READY.items() if words in text.lower()), "")
        if status == 400 and hint:
            return worded(
                InstanceNotReadyError,
                "{detail} ({hint})",
                detail=detail,
                hint=hint,
                error={"reason": _server_words(text)},
            )
        if status == 499 or status >= 500:
            return TransientError(detail, status=status)
        return RequestError(detail, status=status)

    def _json_object(self, content: bytes) -> dict[str, Any]:
        try:
            data = jsontext.loads(content)
        except jsontext.JsonTextError as exc:
            template = QT_TRANSLATE_NOOP("errors", "answer is not JSON ({detail})")
            raise self._malformed(template, content, detail=str(exc)) from None
        if not isinstance(data, dict):
            raise self._malformed(
                QT_TRANSLATE_NOOP("errors", "answer is not a JSON object"), content
            )
        return data

    def _malformed(self, template: str, content: bytes, **params: str) -> ProtocolError:
        hidden = {key: self._secret.hide(value) for key, value in params.items()}
        raw = self._secret.hide_bytes(content)
        return worded(ProtocolError, template, **hidden, error={"raw": raw})


async def fetch(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    deadline: float,
    max_bytes: int = MAX_ANSWER_BYTES,
    secret: Secret = NO_SECRET,
    **kwargs: Any,
) -> tuple[httpx.Response, bytes]:
    """One request and its whole answer, read within `deadline` seconds and `max_bytes`.

    Redirects are not followed. The deadline and network faults raise TransientError, an
    untrusted certificate CertificateError, a longer answer TooLargeError, an undecodable one
    ProtocolError; their texts are redacted with `secret`.
    """
    try:
        async with asyncio.timeout(deadline):
            async with http.stream(method, url, follow_redirects=False, **kwargs) as response:
                return response, await _read_capped(response, max_bytes, secret)
    except TimeoutError:
        template = QT_TRANSLATE_NOOP("errors", "no complete answer within {seconds} s")
        raise worded(TransientError, template, seconds=f"{deadline:g}") from None
    except httpx.TimeoutException as exc:
        template = QT_TRANSLATE_NOOP("errors", "timed out ({kind})")
        raise worded(TransientError, template, kind=type(exc).__name__) from None
    except httpx.TransportError as exc:
        if (problem := _certificate_problem(exc)) is not None:
            host = urlsplit(url).hostname
            template = QT_TRANSLATE_NOOP(
                "errors", "the TLS certificate of {host} is not trusted ({problem})"
            )
            raise worded(CertificateError, template, host=host, problem=problem) from None
        template = QT_TRANSLATE_NOOP("errors", "network error: {detail}")
        raise worded(TransientError, template, detail=secret.hide(_describe(exc))) from None
    except httpx.DecodingError as exc:
        template = QT_TRANSLATE_NOOP("errors", "answer cannot be decoded ({detail})")
        raise worded(
            ProtocolError, template, detail=secret.hide(str(exc)), error={"raw": b""}
        ) from None


async def _read_capped(response: httpx.Response, max_bytes: int, secret: Secret) -> bytes:
    """The decoded answer; TooLargeError as soon as it passes `max_bytes`."""
    data = bytearray()  # grows in place: no list of chunks joined into a second copy
    async for chunk in _decoded(response):
        if len(data) + len(chunk) > max_bytes:
            size = len(data) + len(chunk)
            data += chunk[: max_bytes - len(data)]
            kept = bytes(data)
            data.clear()  # one copy at a time
            raise TooLargeError(
                f"answer larger than {_size(max_bytes)} (gave up after {size:,} bytes)",
                raw=secret.hide_bytes(kept),
                status=response.status_code,
            )
        data += chunk
    return bytes(data)


async def _decoded(response: httpx.Response) -> AsyncIterator[bytes]:
    """The answer decoded `RAW_CHUNK` compressed bytes at a time.

    httpx's `aiter_bytes` decodes a whole network read (64 KiB) at once: ~64 MiB from a gzip bomb.
    """
    decoder = response._get_content_decoder()  # httpx has no public way to do this
    async for raw in response.aiter_raw(RAW_CHUNK):
        yield decoder.decode(raw)
    yield decoder.flush()


async def post_webhook(
    http: httpx.AsyncClient,
    url: str,
    body: dict[str, Any] | bytes,
    *,
    secret: Secret = NO_SECRET,
) -> WebhookResponse:
    """POST `body` (an object, or JSON already encoded) to `url`; network faults raise."""
    content = body if isinstance(body, bytes) else jsontext.dumps(body).encode()
    started = time.perf_counter()
    try:
        response, answer = await fetch(
            http,
            "POST",
            url,
            deadline=REQUEST_SECONDS,
            secret=secret,
            content=content,
            headers=JSON_HEADERS,
        )
    except TransientError as exc:
        raise TransientError(f"webhook: {exc}") from None
    elapsed = (time.perf_counter() - started) * 1000
    return WebhookResponse(response.status_code, answer.decode("utf-8", "replace"), elapsed)


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


def _server_words(text: str) -> str:
    """The message of an error answer: its description/message field if JSON, else the text."""
    try:
        data = jsontext.loads(text)
    except jsontext.JsonTextError:
        data = None
    if isinstance(data, dict):
        for key in ("description", "message", "error", "reason"):
            if isinstance(value := data.get(key), str):
                return value[:SNIPPET]
    return " ".join(text.split())[:SNIPPET]


def _certificate_problem(exc: BaseException) -> str | None:
    """The verification failure behind a TLS handshake error, or None for other faults."""
    seen: BaseException | None = exc
    found = False
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            found = True  # aiohttp's subclass has no verify_message; the ssl error behind it has
            if message := getattr(seen, "verify_message", None):
                return str(message)
        seen = seen.__cause__ or seen.__context__ or getattr(seen, "certificate_error", None)
    return "verification failed" if found or "CERTIFICATE_VERIFY_FAILED" in str(exc) else None


def _size(count: int) -> str:
    return f"{count / 2**20:g} MiB" if count >= 2**20 else f"{count:,} bytes"


_AIOHTTP_SSL_NOTE = re.compile(r" ssl:(default|None|True|False|<[^>]*>)")
"""aiohttp's "ssl:default" in a connection error: noise, and puzzling for a plain http URL."""


def _describe(exc: Exception) -> str:
    text = _AIOHTTP_SSL_NOTE.sub("", str(exc))
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_RECEIVE_TIMEOUT",
    "DEFAULT_WEBHOOK_URL",
    "MAX_ANSWER_BYTES",
    "GreenApiClient",
    "GreenApiError",
    "WebhookResponse",
    "fetch",
    "post_webhook",
]
