"""The one capture path of every front end: receive → commit → hand over → delete → record.

No Qt here: `greenconsole receive` and the window's session are thin adapters over
`CaptureCore`. The order is the promise: a notification is committed to the journal before its
consumer sees it, handed over before it is deleted, and the journal notes the handover only after
the consumer took it (after the stdout flush, after the row reached the feed) — so a kill at any
point loses nothing, and the worst case is a notification delivered twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from greenconsole.journal.store import (
    Capture,
    Journal,
    JournalBusyError,
    JournalError,
    answer_hash,
)
from greenconsole.jsontext import dumps
from greenconsole.protocol.backoff import Backoff
from greenconsole.protocol.client import RECEIVE_TIMEOUT_RANGE, GreenApiClient
from greenconsole.protocol.errors import ProtocolError
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.receive_loop import (
    EventKind,
    LoopAbort,
    LoopEvent,
    ReceiveLoop,
)
from greenconsole.redact import hide_strings

NOTES_WITHIN = 1.0
"""A note on a capture (handed, deleted) is written with the next capture's commit, or this many
seconds after it at the latest: the last capture before a queue goes quiet is not left
"undeleted" in the journal (nor after a kill) while nothing else comes."""
JOURNAL_BUSY_PAUSE = 1.0
"""Seconds to wait before writing again to a journal another process holds locked."""
REMEMBERED_CAPTURES = 4096
"""Receipts of this run whose capture ids are kept, to note each delete on its own capture."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """A notification for the consumer, with what is known of its history."""

    notification: Notification
    capture: Capture | None
    """Its journal row (None when running without a journal)."""
    again: bool
    """This run handed the same answer over before (it came back after its delete)."""
    earlier: int | None
    """An earlier run's capture of the same answer that reached its consumer, if any."""
    token_masked: bool = False
    """Its body held this instance's token, masked (`***`) in what is handed over."""

    @property
    def redelivery(self) -> bool:
        """Seen before, by this run or an earlier one: shown again, marked as such."""
        return self.again or self.earlier is not None


@dataclass(frozen=True, slots=True)
class Malformed:
    """An answer that was not a notification, as journaled (once per distinct answer)."""

    error: ProtocolError
    capture: Capture | None
    new: bool
    """False when the same answer was already journaled in this session (only counted)."""


HandOver = Callable[[Delivery], Awaitable[Any] | Any]


class RecentCaptures(OrderedDict[int, int]):
    """Receipt → the journal id of its latest capture, for the most recent receipts."""

    def remember(self, receipt_id: int, capture_id: int) -> None:
        """Note a capture (forgetting the oldest beyond REMEMBERED_CAPTURES)."""
        self.pop(receipt_id, None)
        self[receipt_id] = capture_id
        if len(self) > REMEMBERED_CAPTURES:
            self.popitem(last=False)


class CaptureCore:
    """Drive one instance's queue through the journal to a consumer (see the module docstring).

    `hand_over(delivery)` gives the notification to the consumer and returns (or awaits) once
    the consumer has it; with `overlap` a delete and the next receive are in flight together
    (see `ReceiveLoop`). `on_event` gets the loop's events; `on_malformed` every malformed
    answer. A journal write that fails for good ends the run cleanly (nothing is deleted that
    was not journaled); a journal locked by another process is waited for.
    """

    def __init__(
        self,
        client: GreenApiClient,
        journal: Journal | None,
        hand_over: HandOver,
        *,
        source: str,
        auto_delete: bool,
        receive_timeout: int,
        overlap: bool = True,
        on_event: Callable[[LoopEvent], Any] | None = None,
        on_malformed: Callable[[Malformed], Any] | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self.client = client
        self.journal = journal
        self._hand_over = hand_over
        self._source = source
        self._on_event = on_event or (lambda event: None)
        self._on_malformed = on_malformed or (lambda malformed: None)
        self._session = 0
        self._captures = RecentCaptures()
        self._notes_timer: asyncio.TimerHandle | None = None
        self.loop = ReceiveLoop(
            client,
            self._received,
            auto_delete=auto_delete,
            overlap=overlap,
            receive_timeout=receive_timeout,
            on_event=self._event,
            backoff=backoff,
        )

    @property
    def auto_delete(self) -> bool:
        """Delete each notification once its consumer has it."""
        return self.loop.auto_delete

    def capture_of(self, receipt_id: int) -> int | None:
        """The journal id of this run's latest capture with this receipt."""
        return self._captures.get(receipt_id)

    def stop(self) -> None:
        """End the run (at once, even mid long poll)."""
        self.loop.stop()

    async def run(self) -> Exception | None:
        """Capture until stopped; returns the error that ended the run, or None."""
        try:
            return await self.loop.run()
        finally:
            if self._notes_timer is not None:
                self._notes_timer.cancel()
                self._notes_timer = None
            if self.journal is not None:
                # only notes (handed, deleted) can be lost here, never a capture
                with contextlib.suppress(JournalError):
                    self.journal.flush()

    async def delete(self, capture_id: int | None, receipt_id: int) -> bool:
        """Delete one receipt on the server (a user's Delete of the head held now) and note the
        answer on its capture.

        Raises the client's GreenApiError when the request fails.
        """
        result = await self.client.delete(receipt_id)
        self.loop.deleted(receipt_id, result)
        self._note_deleted(capture_id, result)
        return result

    async def delete_if_head(self, capture_id: int | None, receipt_id: int) -> bool | None:
        """Delete a capture's receipt only if the queue's head is that capture now; None when
        it is not (nothing deleted).

        Receipt ids repeat — a restarted server numbers from 1 again — so an old row's receipt
        may name another notification now, one nobody has seen. A notification not deleted
        stays the head (GREEN-API returns the head until it is deleted), so the head is looked
        at (waiting at most 5 s when the queue is empty) and compared with the capture as
        received, receipt and body. Raises the client's GreenApiError when a request fails.
        """
        if capture_id is None or self.journal is None:
            return None  # no capture to compare the head with
        head = await self.client.receive(RECEIVE_TIMEOUT_RANGE.start)
        if head is None or head.receipt_id != receipt_id:
            return None
        if answer_hash(self._token_hidden(head).answer) != answer_hash(
            self.journal.raw(capture_id)
        ):
            return None
        return await self.delete(capture_id, receipt_id)

    # --- the loop's callbacks ----------------------------------------------------------------
    async def _received(self, notification: Notification, again: bool) -> None:
        received, notification = notification, self._token_hidden(notification)
        capture = await self._commit(notification)
        earlier = None
        if capture is not None:
            self._captures.remember(notification.receipt_id, capture.id)
            if not again:
                earlier = self._journal().earlier_handover(capture)
        masked = notification is not received
        handed = self._hand_over(Delivery(notification, capture, again, earlier, masked))
        if inspect.isawaitable(handed):
            await handed
        if capture is not None:
            self._journal().mark_handed(capture.id)
            self._write_notes_soon()

    def _token_hidden(self, notification: Notification) -> Notification:
        """The notification with this instance's token masked in its body (someone may have
        sent it in a message): no journal, feed or stdout ever holds it."""
        raw = notification.raw or dumps(notification.body)
        if self.client.hide(raw) == raw:
            return notification
        body = hide_strings(notification.body, self.client.hide)
        return Notification(notification.receipt_id, body, self.client.hide(notification.raw))

    async def _commit(self, notification: Notification) -> Capture | None:
        """Journal the notification, waiting out a lock; a lasting failure ends the run."""
        if self.journal is None:
            return None
        while True:
            try:
                session = self._session_id(self.journal)
                return self.journal.record(session, self.client.id_instance, notification)
            except JournalBusyError as exc:
                self._on_event(LoopEvent(EventKind.RETRYING, error=exc, delay=JOURNAL_BUSY_PAUSE))
                await self.loop.pause(JOURNAL_BUSY_PAUSE)
            except JournalError as exc:
                raise LoopAbort(
                    f"journal: {exc} — nothing was deleted that was not saved"
                ) from None

    def _event(self, event: LoopEvent) -> None:
        if event.kind is EventKind.DELETED and event.receipt_id is not None:
            if event.result is not None:  # a failed request leaves the capture undecided
                self._note_deleted(self.capture_of(event.receipt_id), event.result)
        elif event.kind is EventKind.RETRYING and isinstance(event.error, ProtocolError):
            self._malformed(event.error)
        self._on_event(event)

    def _malformed(self, error: ProtocolError) -> None:
        capture, new = None, True
        if self.journal is not None:
            raw, length, digest = error.raw, error.length, error.digest
            # not a notification: if it cannot be journaled, nothing is lost
            with contextlib.suppress(JournalError):
                capture, new = self.journal.record_malformed(
                    self._session_id(self.journal),
                    self.client.id_instance,
                    str(error),
                    raw,
                    length,
                    digest,
                )
        self._on_malformed(Malformed(error, capture, new))

    def _session_id(self, journal: Journal) -> int:
        """The run's journal session, opened with its first capture."""
        if not self._session:
            self._session = journal.start_session(
                self.client.id_instance, self.client.api_url, self._source
            )
        return self._session

    def _note_deleted(self, capture_id: int | None, result: bool) -> None:
        if self.journal is not None and capture_id is not None:
            self.journal.mark_deleted(capture_id, result)
            self._write_notes_soon()

    def _write_notes_soon(self) -> None:
        if self._notes_timer is None:
            loop = asyncio.get_running_loop()
            self._notes_timer = loop.call_later(NOTES_WITHIN, self._write_notes)

    def _write_notes(self) -> None:
        self._notes_timer = None
        if self.journal is not None:
            with contextlib.suppress(JournalError):  # locked or failing: the next commit has them
                self.journal.flush()

    def _journal(self) -> Journal:
        assert self.journal is not None
        return self.journal
