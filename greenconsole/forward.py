"""The bridge to a local webhook handler: drain the queue and POST each notification to the
developer's handler as GREEN-API's webhook delivery would. No Qt.

It is the capture core with one more step before the delete: each notification is journaled,
then POSTed (the body as GREEN-API sends it, `Authorization: Bearer TOKEN` when a webhook token
is given) until the handler answers 2xx — an answer other than 2xx, or none within `timeout`
seconds, is sent again after `pause` seconds (GREEN-API: 180 s, then 60 s) — and only then
deleted from the queue. Every attempt is reported (status, latency, the start of the answer).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from greenconsole import jsontext
from greenconsole.capture import CaptureCore, Delivery
from greenconsole.journal.store import Journal, JournalError
from greenconsole.protocol.client import http_client
from greenconsole.protocol.receive_loop import LoopAbort
from greenconsole.redact import Secret

TIMEOUT = 180.0
"""GREEN-API waits this long for a handler's answer."""
PAUSE = 60.0
"""…and then this long before sending again."""
KEPT_ANSWER = 2048
"""Characters of the handler's answer kept with each attempt."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One POST of a notification to the handler. `status` 0: no answer (`error` says why)."""

    delivery: Delivery
    number: int
    status: int
    milliseconds: float
    answer: str
    error: str = ""

    @property
    def ok(self) -> bool:
        """True for a 2xx answer."""
        return 200 <= self.status < 300


class Forwarder:
    """The consumer side of a forwarding run: `hand_over` for a `CaptureCore`."""

    def __init__(
        self,
        target: str,
        *,
        journal: Journal | None = None,
        webhook_token: str = "",
        hide: Callable[[str], str] = str,
        timeout: float = TIMEOUT,
        pause: float = PAUSE,
        on_attempt: Callable[[Attempt], Any] | None = None,
    ) -> None:
        self.target = target
        self.journal = journal
        self.timeout = timeout
        self.pause = pause
        self._secret = Secret(webhook_token)
        self.hide = hide
        """Masks the instance's own token too (a handler may echo what it was sent)."""
        self._headers = {"Content-Type": "application/json"}
        if webhook_token:
            self._headers["Authorization"] = f"Bearer {webhook_token}"
        self._on_attempt = on_attempt or (lambda attempt: None)
        self._http = http_client(timeout=httpx.Timeout(timeout))
        self.core: CaptureCore | None = None
        """Set by the caller: its loop's interruptible pause waits between attempts."""
        self.retired = False
        """Set when forwarding is turned off: a notification being retried is let go."""

    async def hand_over(self, delivery: Delivery) -> None:
        """POST until the handler answers 2xx (a stop of the core ends the wait)."""
        content = jsontext.dumps(delivery.notification.body).encode()
        number = 0
        while not self.retired:
            number += 1
            attempt = await self._post(delivery, number, content)
            self._journal(attempt)
            self._on_attempt(attempt)
            if attempt.ok:
                return
            assert self.core is not None, "set forwarder.core before running"
            await self.core.loop.pause(self.pause)

    def _journal(self, attempt: Attempt) -> None:
        """Commit the attempt with its capture; a journal that cannot be written ends the run."""
        capture = attempt.delivery.capture
        if self.journal is None or capture is None:
            return
        answer = attempt.answer if attempt.status else attempt.error
        try:
            self.journal.record_attempt(
                capture.id,
                attempt.number,
                self.target,
                attempt.status,
                attempt.milliseconds,
                answer,
            )
        except JournalError as exc:
            raise LoopAbort(f"journal: {exc} — nothing unsaved was deleted") from None

    async def _post(self, delivery: Delivery, number: int, content: bytes) -> Attempt:
        """One POST within `timeout` seconds in all; only the answer's start is read."""
        started = time.perf_counter()
        kept = b""
        try:
            async with asyncio.timeout(self.timeout):
                request = self._http.stream(
                    "POST", self.target, content=content, headers=self._headers
                )
                async with request as response:
                    async for chunk in response.aiter_bytes():
                        kept += chunk
                        if len(kept) >= KEPT_ANSWER:
                            break
        except (httpx.HTTPError, TimeoutError) as exc:
            reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            elapsed = (time.perf_counter() - started) * 1000
            return Attempt(delivery, number, 0, elapsed, "", self._masked(reason))
        elapsed = (time.perf_counter() - started) * 1000
        answer = self._masked(kept.decode("utf-8", "replace"))[:KEPT_ANSWER]
        return Attempt(delivery, number, response.status_code, elapsed, answer)

    def _masked(self, text: str) -> str:
        return self.hide(self._secret.hide(text))

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()
