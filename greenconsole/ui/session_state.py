"""A receive session's state as one typed value (phase + details); its text is derived."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from greenconsole.protocol.errors import AuthError
from greenconsole.ui.error_text import error_text


class Phase(Enum):
    """What a tab's poller is doing, as its tab icon shows it."""

    IDLE = "idle"
    POLLING = "polling"
    HOLDING = "holding"
    BACKING_OFF = "backing off"
    FAILED = "failed"  # stopped by an error


@dataclass(frozen=True, slots=True)
class SessionState:
    """The phase and what the status line says about it."""

    phase: Phase = Phase.IDLE
    receipt_id: int | None = None
    """HOLDING: the held head; POLLING: a head just skipped (it stays first in the queue)."""
    wait: int = 0
    """BACKING_OFF: whole seconds left before the next try."""
    error: Exception | None = None
    """BACKING_OFF: what failed; FAILED: what ended polling."""
    sequential: bool = False
    """POLLING: one request at a time (the server answers with the notification being deleted)."""


def describe(state: SessionState) -> str:
    """The state in words, for the status line and the tab's tooltip."""
    phase = state.phase
    if phase is Phase.HOLDING:
        return QCoreApplication.translate(
            "session_state", "holding receipt {0} — delete it to continue"
        ).format(state.receipt_id)
    if phase is Phase.BACKING_OFF:
        return QCoreApplication.translate("session_state", "backing off {0} s — {1}").format(
            state.wait, error_text(state.error) if state.error else ""
        )
    if phase is Phase.FAILED:
        if isinstance(state.error, AuthError):
            return QCoreApplication.translate(
                "session_state", "stopped: HTTP {0} — check {1}"
            ).format(state.error.status, state.error.field)
        return QCoreApplication.translate("session_state", "stopped: {0}").format(
            error_text(state.error) if state.error else ""
        )
    if phase is Phase.IDLE:
        return QCoreApplication.translate("session_state", "stopped")
    if state.receipt_id is not None:
        return QCoreApplication.translate(
            "session_state", "skipped receipt {0}; it stays at the head"
        ).format(state.receipt_id)
    if state.sequential:
        return QCoreApplication.translate(
            "session_state",
            "polling one request at a time (the server answers with the notification "
            "being deleted)",
        )
    return QCoreApplication.translate("session_state", "polling")
