"""Composer templates: notification bodies from resources/templates.json, filled in fresh."""

from __future__ import annotations

import json
import secrets
import time
from functools import cache
from typing import Any

from greenconsole import resources

DEPRECATED_TYPES = frozenset({"statusInstanceChanged", "deviceInfo", "incomingBlock"})
"""typeWebhook values GREEN-API marks "temporarily not working": still shown, said to be old."""
DEPRECATED_MESSAGES = frozenset({"quotedMessage"})
"""typeMessage values GREEN-API keeps only for backward compatibility (replies now carry a
quotedMessage field instead)."""


def deprecated_message(body: Any) -> str:
    """The typeMessage of a message notification if GREEN-API deprecated it, else ""."""
    data = body.get("messageData") if isinstance(body, dict) else None
    kind = data.get("typeMessage") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) and kind in DEPRECATED_MESSAGES else ""


@cache
def templates() -> dict[str, dict[str, Any]]:
    """Template name → body with placeholders, in file order."""
    return json.loads(resources.read_text("templates.json"))


def webhook_types() -> list[str]:
    """The typeWebhook values the templates cover, sorted (the feed's type filter)."""
    return sorted({str(body["typeWebhook"]) for body in templates().values()})


def new_id_message() -> str:
    """A fresh idMessage in GREEN-API's style (upper-case hex)."""
    return secrets.token_hex(10).upper()


def fill(
    template: Any, id_instance: int, id_message: str | None = None, timestamp: int | None = None
) -> Any:
    """A copy of `template` with the placeholders replaced by real values."""
    values = {
        "{{idInstance}}": id_instance,
        "{{idMessage}}": id_message or new_id_message(),
        "{{timestamp}}": int(time.time()) if timestamp is None else timestamp,
    }

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value) for value in node]
        return values.get(node, node) if isinstance(node, str) else node

    return walk(template)
