"""Linked scenarios: notification bodies that belong together (a message and its statuses, a
message and its reply, edit, reaction and deletion, a call, an instance's states), sharing their
ids as GREEN-API sends them, with realistic gaps written as the bodies' timestamps. No Qt.

Bodies are the composer's templates (`templates.fill`) with a few fields changed. Descriptions
are English here and in the CLI; the window translates them (context "scenarios")."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from greenconsole.marks import QT_TRANSLATE_NOOP
from greenconsole.templates import fill, new_id_message, templates

ORIGINAL = "{{original}}"
"""A change's value that stands for the scenario's own idMessage (a stanzaId pointing back)."""


@dataclass(frozen=True, slots=True)
class Step:
    """One notification of a scenario."""

    template: str
    at: int
    """Its timestamp, in seconds after the scenario's first event."""
    changes: Mapping[str, Any] = field(default_factory=dict)
    """Dotted path of a template field → its value here (ORIGINAL: the scenario's idMessage)."""
    own_id: bool = False
    """True for a message of its own (a reply, an edit…); else it carries the scenario's id."""
    arrives: int | None = None
    """When it reaches the queue, in seconds after the first event (default: `at`)."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named sequence of steps, in the order they reach the queue."""

    name: str
    description: str
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Posting:
    """A built body and when it reaches the queue (seconds after the scenario's first post)."""

    body: dict[str, Any]
    arrives: int


def _status(name: str, at: int) -> Step:
    return Step("outgoingMessageStatus", at, {"status": name})


_API_MESSAGE = Step("outgoingAPIMessageReceived · text", 0)
_IVAN = "79001112233@c.us"
_QUOTE = {
    "messageData.quotedMessage.stanzaId": ORIGINAL,
    "messageData.quotedMessage.participant": _IVAN,
}

SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (
        Scenario(
            "api-message",
            QT_TRANSLATE_NOOP(
                "scenarios",
                "an API message and its statuses: sent +1 s → delivered +3 s → read +27 s",
            ),
            (_API_MESSAGE, _status("sent", 1), _status("delivered", 4), _status("read", 31)),
        ),
        Scenario(
            "api-message-failed",
            QT_TRANSLATE_NOOP(
                "scenarios", "an API message that fails: status failed with a description"
            ),
            (_API_MESSAGE, Step("outgoingMessageStatus · failed", 2)),
        ),
        Scenario(
            "api-message-no-account",
            QT_TRANSLATE_NOOP(
                "scenarios", "an API message to a number without WhatsApp: status noAccount"
            ),
            (_API_MESSAGE, Step("outgoingMessageStatus · noAccount", 1)),
        ),
        Scenario(
            "api-status-before-message",
            QT_TRANSLATE_NOOP(
                "scenarios",
                "the sent status reaches the queue before its message (green-api/issues #656)",
            ),
            (
                _status("sent", 1),
                Step(_API_MESSAGE.template, 0, arrives=2),
                _status("delivered", 4),
                _status("read", 31),
            ),
        ),
        Scenario(
            "api-missing-delivered",
            QT_TRANSLATE_NOOP(
                "scenarios",
                "an API message read without a delivered status (green-api/issues #976)",
            ),
            (_API_MESSAGE, _status("sent", 1), _status("read", 31)),
        ),
        Scenario(
            "api-message-never-seen",
            QT_TRANSLATE_NOOP(
                "scenarios", "statuses of a message that never comes (green-api/issues #980)"
            ),
            (_status("sent", 1), _status("delivered", 4), _status("read", 31)),
        ),
        Scenario(
            "incoming-chain",
            QT_TRANSLATE_NOOP(
                "scenarios",
                "an incoming message, then a reply, an edit, a reaction and a deletion of it "
                "(stanzaId = its idMessage)",
            ),
            (
                Step(
                    "incomingMessageReceived · text",
                    0,
                    {"messageData.textMessageData.textMessage": "Dinner tonight at 7?"},
                ),
                Step(
                    "incomingMessageReceived · reply",
                    20,
                    {
                        **_QUOTE,
                        "messageData.textMessageData.textMessage": "…or at 8, if that suits you",
                        "messageData.quotedMessage.textMessage": "Dinner tonight at 7?",
                    },
                    own_id=True,
                ),
                Step(
                    "incomingMessageReceived · edited",
                    45,
                    {
                        "messageData.editedMessageData.stanzaId": ORIGINAL,
                        "messageData.editedMessageData.textMessage": "Dinner tonight at 8?",
                    },
                    own_id=True,
                ),
                Step("incomingMessageReceived · reaction", 60, _QUOTE, own_id=True),
                Step(
                    "incomingMessageReceived · deleted",
                    120,
                    {"messageData.deletedMessageData.stanzaId": ORIGINAL},
                    own_id=True,
                ),
            ),
        ),
        Scenario(
            "call-missed",
            QT_TRANSLATE_NOOP(
                "scenarios", "an incoming call: offer, then missed 30 s later (one idMessage)"
            ),
            (
                Step("incomingCall", 0, {"status": "offer"}),
                Step("incomingCall", 30, {"status": "missed"}),
            ),
        ),
        Scenario(
            "instance-authorization",
            QT_TRANSLATE_NOOP(
                "scenarios", "an instance linked again: notAuthorized → starting → authorized"
            ),
            (
                Step("stateInstanceChanged", 0, {"stateInstance": "notAuthorized"}),
                Step("stateInstanceChanged", 60, {"stateInstance": "starting"}),
                Step("stateInstanceChanged", 75, {"stateInstance": "authorized"}),
            ),
        ),
    )
}


class UnknownScenario(KeyError):
    """A scenario name that is not in SCENARIOS; str() names the valid ones."""

    def __str__(self) -> str:
        name = str(self.args[0])
        shown = name if len(name) <= 40 else f"{name[:40]}…"
        return f"unknown scenario {shown!r} (one of: {', '.join(SCENARIOS)})"


def scenario(name: str) -> Scenario:
    """The scenario called `name`; UnknownScenario otherwise."""
    try:
        return SCENARIOS[name]
    except KeyError:
        raise UnknownScenario(name) from None


def _set(body: dict[str, Any], path: str, value: Any) -> None:
    """Change the field at a dotted path of `body` (KeyError if the template has no such field:
    a scenario changes values, never the documented shape)."""
    *parents, last = path.split(".")
    node = body
    for key in parents:
        node = node[key]
    if last not in node:
        raise KeyError(path)
    node[last] = value


def build(
    name: str,
    id_instance: int,
    end: float | None = None,
    new_id: Callable[[], str] = new_id_message,
) -> list[Posting]:
    """The bodies of scenario `name` for `id_instance`, in queue order, with fresh ids.

    Their timestamps span the scenario's real gaps and end at `end` (default: now).
    """
    chosen = scenario(name)
    span = max(step.at for step in chosen.steps)
    start = int(time.time() if end is None else end) - span
    original = new_id()
    postings = []
    for step in chosen.steps:
        body = fill(
            templates()[step.template],
            id_instance,
            new_id() if step.own_id else original,
            start + step.at,
        )
        for path, value in step.changes.items():
            _set(body, path, original if value == ORIGINAL else value)
        postings.append(Posting(body, step.at if step.arrives is None else step.arrives))
    return postings


def paced(postings: list[Posting], scale: float) -> list[tuple[float, dict[str, Any]]]:
    """(seconds to wait first, body) for each posting: the real gaps multiplied by `scale`."""
    waits, previous = [], None
    for posting in postings:
        gap = 0 if previous is None else max(0, posting.arrives - previous)
        waits.append((gap * scale, posting.body))
        previous = posting.arrives
    return waits
