"""Typed errors of the GREEN-API protocol client.

Callers decide by type, never by parsing messages: an `AuthError` stops a loop, a
`TransientError` or `RateLimitError` is retried after a wait, a `ProtocolError` carries the raw
text the server sent.
"""

from __future__ import annotations


class GreenApiError(Exception):
    """Base class; `str()` is a one-line, token-free reason."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AuthError(GreenApiError):
    """401 (wrong apiTokenInstance) or 403 (wrong idInstance): retrying will not help."""

    @property
    def field(self) -> str:
        """The form field that is most likely wrong."""
        return "idInstance" if self.status == 403 else "apiTokenInstance"


class QuotaError(GreenApiError):
    """466: the account's method quota is used up; retrying soon will not help."""


class RateLimitError(GreenApiError):
    """429: too many requests; `retry_after` is the server's wait in seconds, if it gave one."""

    def __init__(self, message: str, *, retry_after: float | None) -> None:
        super().__init__(message, status=429)
        self.retry_after = retry_after


class TransientError(GreenApiError):
    """5xx, connection errors, resets and timeouts: retry with backoff."""


class ProtocolError(GreenApiError):
    """A response that does not follow the protocol; `raw` holds what was received."""

    def __init__(self, message: str, *, raw: str, status: int | None = None) -> None:
        super().__init__(message, status=status)
        self.raw = raw


class RequestError(GreenApiError):
    """Any other 4xx: the request itself is wrong (bad parameter, unknown method)."""


RETRYABLE = (TransientError, RateLimitError, ProtocolError)
"""Errors a receive loop waits out and retries."""
