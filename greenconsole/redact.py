"""Masking: phone numbers and names in notifications (screen sharing) and secrets in any text
we produce."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from greenconsole.jsontext import child_path

MASK = "•••"
SECRET_MASK = "***"
# 79001234567@c.us → 7900•••4567@c.us (also @g.us group ids and bare +7900… numbers)
_WHATSAPP_ID = re.compile(r"(?<!\d)(\+?\d{4})\d{2,}(\d{4})(?=(?:-\d+)?@[cg]\.us\b)")
_BARE_PHONE = re.compile(r"(?<![\w@])(\+\d{4})\d{3,}(\d{4})(?!\d)")
NAME_KEYS = frozenset({"senderName", "senderContactName", "chatName", "displayName", "groupName"})
"""Keys whose string values are people's (or groups') names."""
# FN:Maria / N:Petrova;Maria in a contact's vCard
_VCARD_NAME = re.compile(r"(?m)^((?:FN|N)(?:;[^:\n]*)?:)([^\n])[^\n]*")
# what the masks above leave: 7900•••4567, a name's I•••, a vCard's FN:M•••
_MASKED = re.compile(rf"\d{{4}}{MASK}\d{{4}}|^.{MASK}$|^(?:FN|N)(?:;[^:\n]*)?:.{MASK}$", re.M)


def mask_phones(text: str) -> str:
    """`text` with every phone number in it shortened to its first and last four digits."""
    return _BARE_PHONE.sub(rf"\1{MASK}\2", _WHATSAPP_ID.sub(rf"\1{MASK}\2", text))


def mask_name(name: str) -> str:
    """A name as it may be shown: its first character ("Ivan" → "I•••"; "" stays "")."""
    return f"{name[0]}{MASK}" if name else ""


def mask_sender(text: str) -> str:
    """A sender as the feed shows it (an id or a name): the phone number or the name masked."""
    masked = mask_phones(text)
    return masked if masked != text else mask_name(text)


def mask_instance(id_instance: str) -> str:
    """An instance id as it may be shown: its first and last two digits (1101•••01)."""
    return f"{id_instance[:2]}{MASK}{id_instance[-2:]}" if len(id_instance) > 4 else id_instance


def mask_token(token: str) -> str:
    """A token as it may be shown: its first and last two characters."""
    return f"{token[:2]}{MASK}{token[-2:]}" if len(token) > 8 else MASK


def redact(value: Any, key: str = "", instance: bool = False) -> Any:
    """A copy of a JSON document with phone numbers masked in every string and the names in
    `NAME_KEYS` values and vCards (keys kept); with `instance`, idInstance too (as the string
    11•••01: what presentation mode shows, as the tab's title does; a masked export keeps it,
    for a replay needs it)."""
    if instance and key == "idInstance" and isinstance(value, int | str):
        return mask_instance(str(value))
    if isinstance(value, dict):
        return {name: redact(item, name, instance) for name, item in value.items()}
    if isinstance(value, list):
        return [redact(item, key, instance) for item in value]
    if not isinstance(value, str):
        return value
    if key in NAME_KEYS:
        return mask_name(value)
    return mask_phones(_VCARD_NAME.sub(rf"\1\2{MASK}", value) if key == "vcard" else value)


def first_masked(value: Any, path: str = "body") -> str | None:
    """The path of the first string value masked by `redact` (7900•••4567, I•••), in document
    order, or None: such a body must not be posted as if it were real. A text that merely has
    "•••" in it is not taken for a mask."""
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if MASK in item and _MASKED.search(item):
                return where
        elif isinstance(item, dict | list):
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend(reversed([(child_path(where, name), child) for name, child in pairs]))
    return None


def hide_strings(value: Any, hide: Callable[[str], str], keys: bool = True) -> Any:
    """A copy of a JSON document with `hide` applied to every string (and key, with `keys`)."""
    if isinstance(value, dict):
        return {
            (hide(key) if keys else key): hide_strings(item, hide, keys)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [hide_strings(item, hide, keys) for item in value]
    return hide(value) if isinstance(value, str) else value


class Secret:
    """A secret and the forms it takes in text we produce: as written and URL-encoded."""

    def __init__(self, value: str) -> None:
        parts = []
        for char in value:
            encoded = "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
            parts.append(f"(?:{re.escape(char)}|(?i:{re.escape(encoded)}))")
        self._pattern = re.compile("".join(parts)) if parts else None

    def __repr__(self) -> str:
        return "Secret(***)"

    def hide(self, text: str) -> str:
        """`text` with the secret masked wherever it occurs, in any mix of its forms."""
        return self._pattern.sub(SECRET_MASK, text) if self._pattern else text

    def hide_bytes(self, data: bytes) -> bytes:
        """`hide` for bytes; bytes that are not UTF-8 are kept as they are."""
        if self._pattern is None:
            return data
        text = data.decode("utf-8", "surrogateescape")
        return self.hide(text).encode("utf-8", "surrogateescape")


NO_SECRET = Secret("")
