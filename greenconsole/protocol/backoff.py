"""Capped exponential backoff with jitter."""

from __future__ import annotations

import random
from collections.abc import Callable

BASE = 0.1
"""The first wait: a lone 500 costs a tenth of a second; a failing server is backed off from."""
CAP = 8.0
"""The longest wait between attempts: a debugging console is back within ~10 s of a recovery."""


class Backoff:
    """Delays that double from `base` up to `cap`, each jittered into [d/2, d].

    The lower half is kept so a delay is never near zero: a loop that backs off never spins.
    """

    def __init__(
        self, base: float = BASE, cap: float = CAP, rng: Callable[[], float] = random.random
    ) -> None:
        self.base = base
        self.cap = cap
        self._rng = rng
        self.attempts = 0

    def next_delay(self) -> float:
        """The wait before the next attempt; each call doubles the following one."""
        ceiling = min(self.cap, self.base * 2**self.attempts)
        self.attempts += 1
        return float(ceiling / 2 + self._rng() * ceiling / 2)

    def reset(self) -> None:
        """Start again from `base` (after a success)."""
        self.attempts = 0
