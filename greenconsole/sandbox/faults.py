"""Misbehaving on purpose: injected faults, latency and GREEN-API's rate limits, changeable live.

A fault answers instead of the method, so it never consumes, deletes or reorders a notification.
Spec: comma-separated `METHOD:KIND=P%` items, e.g. `receive:500=10%,delete:502=5%`.
"""

from __future__ import annotations

import random
import re
import time
from collections import defaultdict, deque
from typing import Any

from greenconsole.sandbox.state import Clock

METHODS = (
    "receive",
    "delete",
    "count",
    "clear",
    "getStateInstance",
    "getSettings",
    "setSettings",
    "lastIncomingMessages",
    "lastOutgoingMessages",
    "getMessage",
    "sendMessage",
)

_QUOTA = "Monthly quota has been exceeded. You can only send or receive messages from 3 chats."
KINDS: dict[str, tuple[int, dict[str, Any]]] = {
    "500": (500, {"error": "Internal Server Error"}),
    "502": (502, {"error": "Bad Gateway"}),
    "503": (503, {"error": "Service Unavailable"}),
    "429": (429, {"error": "Too Many Requests"}),
    "499": (499, {"error": "Client Closed Request"}),
    "starting": (400, {"error": "Instance in starting process try later"}),
    "notAuthorized": (400, {"error": "instance account not authorized"}),
    "expired": (400, {"error": "Instance account is expired"}),
    "unsaved": (200, {"saveSettings": True}),  # for setSettings: says saved, keeps nothing (#1096)
    "466": (
        466,
        {
            "invokeStatus": {"used": 0, "total": 0, "status": "QUOTE_ALLOWED"},
            "correspondentsStatus": {
                "method": "correspondents",
                "used": 3,
                "total": 3,
                "status": "CORRESPONDENTS_QUOTE_EXCEEDED",
                "description": _QUOTA,
            },
        },
    ),
}
"""Fault kind → (HTTP status, body), the bodies as GREEN-API documents them."""

RATE_LIMITS = {
    "receive": 100,
    "delete": 100,
    "count": 1,
    "clear": 1,
    "getStateInstance": 1,
    "getSettings": 1,
    "setSettings": 1,
    "lastIncomingMessages": 1,
    "lastOutgoingMessages": 1,
    "getMessage": 10,
    "sendMessage": 50,
}
"""Requests per second per instance and method (GREEN-API's api/ratelimiter page)."""

_ITEM = re.compile(r"(?P<method>\w+):(?P<kind>\w+)=(?P<percent>\d+(?:\.\d+)?)%?")

FaultTable = dict[str, list[tuple[str, float]]]


def parse_faults(spec: str) -> FaultTable:
    """`METHOD:KIND=P%,...` → {method: [(kind, percent), ...]}; ValueError names a bad item."""
    table: FaultTable = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        match = _ITEM.fullmatch(item)
        if match is None:
            raise ValueError(f"{item!r}: expected METHOD:KIND=P%")
        method, kind, percent = match["method"], match["kind"], float(match["percent"])
        if method not in METHODS:
            raise ValueError(f"{item!r}: method must be one of {', '.join(METHODS)}")
        if kind not in KINDS:
            raise ValueError(f"{item!r}: kind must be one of {', '.join(KINDS)}")
        if not 0 < percent <= 100:
            raise ValueError(f"{item!r}: percent must be above 0 and at most 100")
        faults = table.setdefault(method, [])
        if any(known == kind for known, _ in faults):
            raise ValueError(f"{item!r}: {method}:{kind} given twice")
        faults.append((kind, percent))
        if sum(p for _, p in faults) > 100:
            raise ValueError(f"{item!r}: the {method} faults add up to more than 100%")
    return table


class Faults:
    """What the sandbox does wrong, on purpose; every setting can change while it serves.

    `latency` (seconds) is added to every answer; `rate_limits` turns on GREEN-API's per-method
    limits (429); `drop` (percent) loses that share of notifications while their messages stay
    in the journals (green-api/issues #1118, #601); `seed` makes the draws reproducible.
    """

    def __init__(
        self,
        spec: str = "",
        latency: float = 0.0,
        rate_limits: bool = False,
        seed: int | None = None,
        clock: Clock = time.monotonic,
        drop: float = 0.0,
    ) -> None:
        self.table = parse_faults(spec)
        self.drop = drop
        self.latency = latency
        self.rate_limits = rate_limits
        self._random = random.Random(seed)
        self._clock = clock
        self._recent: defaultdict[tuple[int, str], deque[float]] = defaultdict(deque)

    def set(self, spec: str) -> None:
        """Replace the injected faults (`""`: none); ValueError names a bad item."""
        self.table = parse_faults(spec)

    def seed(self, seed: int | None) -> None:
        """Restart the fault draws from `seed`."""
        self._random.seed(seed)

    def lose(self) -> bool:
        """True when the drop fault loses the notification being sent."""
        return self.drop > 0 and self._random.uniform(0, 100) < self.drop

    def pick(self, id_instance: int, method: str) -> tuple[int, dict[str, Any]] | None:
        """The (status, body) to answer instead of `method`, or None to serve it."""
        if self.rate_limits and self._over_limit(id_instance, method):
            return KINDS["429"]
        faults = self.table.get(method)
        if faults:
            draw = self._random.uniform(0, 100)
            for kind, percent in faults:
                draw -= percent
                if draw < 0:
                    return KINDS[kind]
        return None

    def _over_limit(self, id_instance: int, method: str) -> bool:
        """Count a request in the last second's window; True when the limit is reached."""
        now = self._clock()
        recent = self._recent[id_instance, method]
        while recent and recent[0] <= now - 1:
            recent.popleft()
        if len(recent) >= RATE_LIMITS[method]:
            return True
        recent.append(now)
        return False
