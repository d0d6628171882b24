"""The sandbox's queues: one FIFO per instance with long-poll waiters. Plain asyncio.

Bodies are kept as JSON text (`jsontext.dumps`: always valid UTF-8), so whatever was accepted can
be served again. With a `StateFile`, every change is committed before the caller answers.
"""

from __future__ import annotations

import asyncio
import math
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from greenconsole import jsontext
from greenconsole.protocol.settings import STATES
from greenconsole.sandbox.account import REBOOT_TIME, Account
from greenconsole.sandbox.store import StateFile

CLEAR_INTERVAL = 60.0
"""clearWebhooksQueue runs at most once a minute per instance (GREEN-API's limit)."""
COUNT_LAG = 10.0
"""GREEN-API refreshes the getWebhooksCount figure every 10 s (`greenconsole emulator`'s default;
in process the count is live unless `count_lag` is given: the window and the tests watch it)."""
RETENTION = 24 * 3600.0
"""GREEN-API keeps a notification 24 h; older ones leave the queue unread."""

Clock = Callable[[], float]

MAX_CONNECTIONS = 256
"""Open connections served at once; more get a 503 and are closed."""
SEND_STEPS = (0.2, 0.5, 1.5, 4.0)
"""Seconds after sendMessage of its outgoingAPIMessageReceived, then of each status."""
SEND_OUTCOMES = {
    "read": ("sent", "delivered", "read"),
    "delivered": ("sent", "delivered"),
    "failed": ("sent", "failed"),
    "noAccount": ("noAccount",),
    "notInGroup": ("notInGroup",),
    "yellowCard": ("yellowCard",),
}
"""How a sent message ends (`SandboxState.send_outcome`) → the statuses it gets."""
FAILED_DESCRIPTION = "Message was not delivered: the recipient's phone did not confirm it"


@dataclass(frozen=True)
class Notified:
    """What became of a notification: queued (its receiptId), forwarded, or not sent (why)."""

    receipt_id: int | None = None
    forwarded: bool = False
    skipped: str = ""


class InstanceQueue:
    """The notification queue of one instance."""

    def __init__(self, state: SandboxState, id_instance: int, token: str) -> None:
        self._state = state
        self.id_instance = id_instance
        self.token = token
        self._entries: OrderedDict[int, tuple[float, str]] = OrderedDict()
        """receiptId → (queued at, body as JSON text), oldest first."""
        self.deleted: list[int] = []
        """Receipts deleted so far, in order (what a test or a probe can check against)."""
        self._cleared_at = -math.inf
        self._counted = (-math.inf, 0)
        self._arrival = asyncio.Event()
        """Set (and replaced) on every put: waiters never hold a lock, so cancelling is safe."""
        self.account = Account(
            id_instance, state.clock, reboot_time=state.reboot_time, journal_lag=state.journal_lag
        )

    def __len__(self) -> int:
        self._expire()
        return len(self._entries)

    def load(self, receipt_id: int, queued_at: float, text: str) -> None:
        """Append an entry read back from the state file."""
        self._entries[receipt_id] = (queued_at, text)

    def put(self, text: str) -> int:
        """Append a body (JSON text); wake every waiting long poll. Returns the new receiptId."""
        state = self._state
        receipt_id, queued_at = state.next_receipt, state.clock()
        if state.store is not None:
            state.store.put(self.id_instance, receipt_id, queued_at, text)
        state.next_receipt += 1
        self._entries[receipt_id] = (queued_at, text)
        self._arrival.set()
        self._arrival = asyncio.Event()
        return receipt_id

    async def head(self, timeout: float) -> tuple[int, str] | None:
        """(receiptId, body text) of the head, waiting up to `timeout` seconds for one."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not len(self):
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            try:
                await asyncio.wait_for(self._arrival.wait(), remaining)
            except TimeoutError:
                return None
        receipt_id, (_, text) = next(iter(self._entries.items()))
        return receipt_id, text

    def delete(self, receipt_id: int) -> bool:
        """Remove a queued receipt; False when it is not queued."""
        if receipt_id not in self._entries:
            return False
        self._drop([receipt_id])
        self.deleted.append(receipt_id)
        return True

    def count(self) -> int:
        """The queue depth as getWebhooksCount reports it: refreshed every `count_lag` seconds."""
        now = self._state.clock()
        if now - self._counted[0] >= self._state.count_lag:
            self._counted = (now, len(self))
        return self._counted[1]

    def clear(self) -> int:
        """Drop every queued notification, at most once per `clear_interval` like the real API.

        Returns 0 when cleared, else the whole seconds left until a clear is allowed (leftTime).
        """
        now = self._state.clock()
        left = self._cleared_at + self._state.clear_interval - now
        if left > 0:
            return math.ceil(left)
        self._drop(list(self._entries))
        self._cleared_at = now
        return 0

    def notify(self, body: dict[str, Any]) -> Notified:
        """An event happened: journal it, then queue its notification (or POST it to the
        webhookUrl) unless its setting is "no" or a drop fault loses it."""
        account = self.account
        account.record(body)
        setting = account.blocked_by(body)
        if setting is not None:
            return Notified(skipped=f'{setting} is "no"')
        if self._state.lose():
            return Notified(skipped="dropped by the drop fault")
        text = jsontext.dumps(body)
        if account.settings["webhookUrl"] and self._state.forward is not None:
            self._state.forward(self, text)
            return Notified(forwarded=True)
        return Notified(receipt_id=self.put(text))

    def tick(self) -> None:
        """Let due time pass: a finished reboot brings the instance back (and says so)."""
        if self.account.finish_reboot():
            self._save_account()
            self._state_changed(self.account.state)

    def set_state(self, state: str) -> None:
        """Change the instance's state (e.g. notAuthorized) and send stateInstanceChanged."""
        if state not in STATES:
            raise ValueError(f"state: expected one of {', '.join(STATES)}")
        self.tick()
        if state != self.account.state:
            self.account.state = state
            self._save_account()
            self._state_changed(state)

    def save_settings(self, changes: dict[str, Any]) -> None:
        """setSettings: keep them (ValueError names a bad field) and reboot the instance."""
        self.tick()
        self.account.save_settings(changes)
        self._save_account()
        self._state_changed("starting")

    def send_message(self, chat_id: str, text: str) -> str:
        """sendMessage: a new idMessage; its outgoingAPIMessageReceived and statuses follow
        after `send_steps` seconds, ending as `send_outcome` says."""
        id_message = secrets.token_hex(10).upper()
        now = int(self._state.clock())
        sender = {"chatId": chat_id, "sender": self.account.settings["wid"], "chatName": ""}
        bodies: list[dict[str, Any]] = [
            {
                **self._envelope("outgoingAPIMessageReceived", now),
                "idMessage": id_message,
                "senderData": sender,
                "messageData": {
                    "typeMessage": "textMessage",
                    "textMessageData": {"textMessage": text},
                },
            }
        ]
        for step, status in enumerate(SEND_OUTCOMES[self._state.send_outcome], start=1):
            body = {
                **self._envelope("outgoingMessageStatus", now + step),
                "chatId": chat_id,
                "idMessage": id_message,
                "status": status,
                "sendByApi": True,
            }
            if status == "failed":
                body["description"] = FAILED_DESCRIPTION
            bodies.append(body)
        loop = asyncio.get_running_loop()
        for delay, body in zip(self._state.send_steps, bodies, strict=False):
            loop.call_later(delay, self.notify, body)
        return id_message

    def _envelope(self, kind: str, timestamp: int) -> dict[str, Any]:
        wid = self.account.settings["wid"]
        return {
            "typeWebhook": kind,
            "instanceData": {
                "idInstance": self.id_instance,
                "wid": wid,
                "typeInstance": "whatsapp",
            },
            "timestamp": timestamp,
        }

    def _state_changed(self, state: str) -> None:
        self.notify(
            {
                **self._envelope("stateInstanceChanged", int(self._state.clock())),
                "stateInstance": state,
            }
        )

    def _save_account(self) -> None:
        if self._state.store is not None:
            account = self.account  # a restart is a reboot: settings still pending apply then
            settings = {**account.settings, **account.pending}
            self._state.store.set_account(self.id_instance, account.state, settings)

    def _expire(self) -> None:
        """Drop the notifications older than the retention time."""
        cutoff = self._state.clock() - self._state.retention
        old = []
        for receipt_id, (queued_at, _) in self._entries.items():
            if queued_at > cutoff:
                break
            old.append(receipt_id)
        if old:
            self._drop(old)

    def _drop(self, receipt_ids: list[int]) -> None:
        if self._state.store is not None:
            self._state.store.delete(receipt_ids)
        for receipt_id in receipt_ids:
            del self._entries[receipt_id]


class SandboxState:
    """All instances of one sandbox; receiptIds strictly increase across all of them.

    `clock` (wall-clock seconds) times retention, the count refresh and the clear limit; tests
    pass their own. With `store`, instances, queues and the receipt counter are read from it and
    every change is written to it.
    """

    def __init__(
        self,
        clear_interval: float = CLEAR_INTERVAL,
        count_lag: float = 0.0,
        retention: float = RETENTION,
        clock: Clock = time.time,
        store: StateFile | None = None,
        *,
        reboot_time: float = REBOOT_TIME,
        journal_lag: float = 0.0,
        send_steps: tuple[float, ...] = SEND_STEPS,
    ) -> None:
        self.clear_interval = clear_interval
        self.count_lag = count_lag
        self.retention = retention
        self.clock = clock
        self.store = store
        self.reboot_time = reboot_time
        self.journal_lag = journal_lag
        self.send_steps = send_steps
        self.send_outcome = "read"
        """How messages sent with sendMessage end: a key of SEND_OUTCOMES."""
        self.forward: Callable[[InstanceQueue, str], None] | None = None
        """Takes a notification for an instance whose webhookUrl is set (the server's delivery)."""
        self.lose: Callable[[], bool] = lambda: False
        """True when the drop fault loses this notification (the message stays in the journal)."""
        self.next_receipt = 1
        self.instances: dict[int, InstanceQueue] = {}
        if store is not None:
            saved = store.load()
            self.next_receipt = saved.next_receipt
            for id_instance, token in saved.instances.items():
                queue = self.instances[id_instance] = InstanceQueue(self, id_instance, token)
                if id_instance in saved.accounts:
                    queue.account.state, settings = saved.accounts[id_instance]
                    queue.account.settings.update(settings)
            for receipt_id, id_instance, queued_at, text in saved.notifications:
                self.instances[id_instance].load(receipt_id, queued_at, text)

    def add_instance(self, id_instance: int, token: str) -> InstanceQueue:
        """Create an instance with an empty queue; a known one keeps its queue, takes `token`."""
        queue = self.instances.get(id_instance)
        if queue is None:
            queue = self.instances[id_instance] = InstanceQueue(self, id_instance, token)
        queue.token = token
        if self.store is not None:
            self.store.add_instance(id_instance, token)
        return queue
