"""Connection settings of the window and their validation (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from greenconsole.protocol.client import (
    DEFAULT_API_URL,
    DEFAULT_RECEIVE_TIMEOUT,
    DEFAULT_WEBHOOK_URL,
    is_loopback_url,
    token_problem,
    validate_api_url,
)

FIELDS = ("api_url", "id_instance", "token", "receive_timeout", "webhook_url")
# why a field is refused (the window shows them translated)
NEEDS_URL = "an http:// or https:// URL with a host, no spaces"
REQUIRED = "required"
DIGITS_ONLY = "digits only"
TOKEN_CHARS = "no spaces, /, ?, #, %, .. or control characters inside"
TIMEOUT_RANGE = "5 to 60 seconds"
CLEARTEXT = "plain http to a non-local host: the token travels in clear"


@dataclass(frozen=True)
class ConnectionSettings:
    """What the form holds; `token` is a secret and is never written to settings files."""

    api_url: str = DEFAULT_API_URL
    id_instance: str = ""
    token: str = ""
    receive_timeout: int = DEFAULT_RECEIVE_TIMEOUT
    auto_delete: bool = False
    overlap: bool = True
    """With auto-delete: each delete in flight together with the next receive."""
    webhook_url: str = DEFAULT_WEBHOOK_URL

    def __repr__(self) -> str:
        return (
            f"ConnectionSettings({self.api_url!r}, {self.id_instance!r}, token=***, "
            f"receive_timeout={self.receive_timeout}, auto_delete={self.auto_delete})"
        )

    def errors(self) -> dict[str, str]:
        """Field name → reason, for every invalid field (empty when all are valid)."""
        found: dict[str, str] = {}
        for field, url in (("api_url", self.api_url), ("webhook_url", self.webhook_url)):
            try:
                validate_api_url(url, field)
            except ValueError:
                found[field] = NEEDS_URL
        if not self.id_instance.strip():
            found["id_instance"] = REQUIRED
        elif not self.id_instance.strip().isdigit():
            found["id_instance"] = DIGITS_ONLY
        if not self.token.strip():
            found["token"] = REQUIRED
        elif token_problem(self.token):
            found["token"] = TOKEN_CHARS
        if not 5 <= self.receive_timeout <= 60:
            found["receive_timeout"] = TIMEOUT_RANGE
        return found

    def warnings(self) -> dict[str, str]:
        """Field name → warning for valid but risky values (a token sent in clear)."""
        found = {}
        if is_cleartext_remote(self.api_url):
            found["api_url"] = CLEARTEXT
        return found


def is_cleartext_remote(url: str) -> bool:
    """True for an http:// URL whose host is not loopback."""
    parts = urlsplit(url.strip())
    return parts.scheme == "http" and bool(parts.hostname) and not is_loopback_url(url)
