"""Typed errors of the GREEN-API protocol client, and what a caller should do about each.

Callers decide by type, never by parsing messages. Every error's `retry` says how:

| error | raised for | retry |
|---|---|---|
| `AuthError` | 401 (wrong apiTokenInstance), 403 (wrong idInstance) | FATAL |
| `QuotaError` | 466 quota exhausted (`body` keeps the server's answer) | FATAL |
| `WrongUrlError` | a 3xx redirect (`location`), a 2xx other than 200, 404 | FATAL |
| `CertificateError` | the server's TLS certificate is not trusted or not valid | FATAL |
| `RequestError` | 400 "bad request data" and any other 4xx: the request is wrong | FATAL |
| `InstanceNotReadyError` | 400 "starting", "account is expired", "not authorized" | SLOW |
| `TransientError` | 5xx, 499, network errors, timeouts, the request's overall deadline | BACKOFF |
| `RateLimitError` | 429; `retry_after` is the server's Retry-After in seconds, or None | BACKOFF |
| `ProtocolError` | a 200 that is not JSON, has no receiptId or the wrong shape | MALFORMED |
| `TooLargeError` | an answer over the size cap (a `ProtocolError`) | MALFORMED |

FATAL: stop and show the message. SLOW: the instance is not ready yet; retry after a long fixed
pause and show `reason`. BACKOFF: retry after an escalating pause (or the Retry-After).
MALFORMED: the server answered, but not the protocol; retry after a short fixed pause (escalating
would not help, and the answer is kept for inspection).
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

RAW_KEPT = 4096
"""Bytes of a malformed answer kept in `ProtocolError.raw` (its length and digest cover it all)."""


class Retry(StrEnum):
    """What a caller does after an error (see the module docstring)."""

    FATAL = "fatal"
    SLOW = "slow"
    BACKOFF = "backoff"
    MALFORMED = "malformed"


class GreenApiError(Exception):
    """Base class; `str()` is a one-line, token-free reason.

    An error made by `worded` also keeps its words apart: `template` (marked for translation in
    the "errors" context) and `params` (already redacted), so the window can say it in its own
    language; `str()` is the English.
    """

    retry: ClassVar[Retry] = Retry.FATAL

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.template = ""
        self.params: dict[str, str] = {}


E = TypeVar("E", bound=GreenApiError)


def worded(
    kind: type[E], template: str, /, *, error: dict[str, Any] | None = None, **params: object
) -> E:
    """A `kind` error saying `template` filled with `params` (redacted by the caller); `error`
    holds the constructor's own keyword arguments (status, raw, …)."""
    values = {key: str(value) for key, value in params.items()}
    made = kind(template.format(**values), **(error or {}))
    made.template, made.params = template, values
    return made


class AuthError(GreenApiError):
    """401 (wrong apiTokenInstance) or 403 (wrong idInstance): retrying will not help."""

    @property
    def field(self) -> str:
        """The form field that is most likely wrong."""
        return "idInstance" if self.status == 403 else "apiTokenInstance"


class QuotaError(GreenApiError):
    """466: the account's method quota is used up; `body` is the server's (redacted) answer."""

    def __init__(self, message: str, *, body: str, status: int = 466) -> None:
        super().__init__(message, status=status)
        self.body = body


class RequestError(GreenApiError):
    """Any other 4xx: the request itself is wrong (bad parameter, unknown method)."""


class WrongUrlError(RequestError):
    """The API URL does not lead to GREEN-API: a redirect (`location`), a non-200 2xx, a 404."""

    def __init__(self, message: str, *, status: int, location: str | None = None) -> None:
        super().__init__(message, status=status)
        self.location = location


class CertificateError(GreenApiError):
    """The server's TLS certificate failed verification (self-signed, expired, wrong host)."""


class InstanceNotReadyError(GreenApiError):
    """400 while the instance is starting, its account is new/expired or not authorized yet.

    `reason` is the server's own words; retry slowly and show it.
    """

    retry = Retry.SLOW

    def __init__(self, message: str, *, reason: str, status: int = 400) -> None:
        super().__init__(message, status=status)
        self.reason = reason


class TransientError(GreenApiError):
    """5xx, 499, connection errors, resets, timeouts, the overall deadline: retry with backoff."""

    retry = Retry.BACKOFF


class RateLimitError(GreenApiError):
    """429: too many requests; `retry_after` is the server's wait in seconds, if it gave one."""

    retry = Retry.BACKOFF

    def __init__(self, message: str, *, retry_after: float | None) -> None:
        super().__init__(message, status=429)
        self.retry_after = retry_after


class ProtocolError(GreenApiError):
    """A 200 that does not follow the protocol.

    `raw` is the first `RAW_KEPT` bytes of the answer as text; `length` (bytes) and `digest`
    (sha256, hex) describe all of it. The client redacts the answer before building this.
    """

    retry = Retry.MALFORMED

    def __init__(self, message: str, *, raw: str | bytes, status: int | None = None) -> None:
        super().__init__(message, status=status)
        data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
        self.raw = data[:RAW_KEPT].decode("utf-8", "replace")
        self.length = len(data)
        self.digest = hashlib.sha256(data).hexdigest()


class TooLargeError(ProtocolError):
    """An answer over the client's size cap; `raw`, `length` and `digest` cover the part kept."""
