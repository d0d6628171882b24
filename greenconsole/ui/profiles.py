"""Named connection profiles: non-secret fields in QSettings, the token in the OS keyring."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import asdict, replace
from typing import Any, SupportsInt

from PySide6.QtCore import QSettings

from greenconsole.connection import ConnectionSettings

KEYRING_SERVICE = "greenconsole"
log = logging.getLogger(__name__)


class TokenStore:
    """The OS keyring, or this session's memory when no keyring backend is available."""

    def __init__(self) -> None:
        import keyring
        from keyring.backends import fail, null

        self._keyring = keyring
        backend = keyring.get_keyring()
        self.persistent = not isinstance(backend, fail.Keyring | null.Keyring)
        self._memory: dict[str, str] = {}

    def get(self, profile: str) -> str:
        """The saved token of `profile`, or ""."""
        if not self.persistent:
            return self._memory.get(profile, "")
        try:
            return self._keyring.get_password(KEYRING_SERVICE, profile) or ""
        except self._keyring.errors.KeyringError as exc:
            log.warning("keyring: cannot read the token of %s: %s", profile, type(exc).__name__)
            return self._memory.get(profile, "")

    def set(self, profile: str, token: str) -> None:
        """Save the token of `profile`."""
        self._memory[profile] = token
        if self.persistent:
            try:
                self._keyring.set_password(KEYRING_SERVICE, profile, token)
            except self._keyring.errors.KeyringError as exc:
                log.warning("keyring: cannot save the token of %s: %s", profile, type(exc).__name__)
                self.persistent = False

    def delete(self, profile: str) -> None:
        """Forget the token of `profile`."""
        self._memory.pop(profile, None)
        if self.persistent:
            with contextlib.suppress(self._keyring.errors.KeyringError):
                self._keyring.delete_password(KEYRING_SERVICE, profile)


class Profiles:
    """Profiles saved under `profiles/<name>/` in QSettings; tokens in a `TokenStore`."""

    def __init__(self, settings: QSettings, tokens: TokenStore) -> None:
        self.settings = settings
        self.tokens = tokens

    def names(self) -> list[str]:
        """Saved profile names, sorted."""
        self.settings.beginGroup("profiles")
        try:
            return sorted(self.settings.childGroups())
        finally:
            self.settings.endGroup()

    def save(self, name: str, connection: ConnectionSettings) -> None:
        """Save `connection` as `name` (the token goes to the token store only)."""
        for key, value in asdict(connection).items():
            if key != "token":
                self.settings.setValue(f"profiles/{name}/{key}", value)
        self.tokens.set(name, connection.token)
        self.settings.setValue("last_profile", name)
        self.settings.sync()

    def load(self, name: str) -> ConnectionSettings:
        """The saved profile with its token."""
        defaults = ConnectionSettings()
        values: dict[str, Any] = {}  # ConnectionSettings' fields by name, as saved by save()
        for key, default in asdict(defaults).items():
            if key == "token":
                continue
            raw = self.settings.value(f"profiles/{name}/{key}", default)
            if isinstance(default, bool):
                raw = raw in (True, "true", "1", 1)
            elif isinstance(default, int):
                if not isinstance(raw, SupportsInt | str):
                    raise TypeError(f"profile {name!r}: {key} is not a number: {raw!r}")
                raw = int(raw)
            values[key] = raw
        return replace(ConnectionSettings(**values), token=self.tokens.get(name))

    def remove(self, name: str) -> None:
        """Delete a profile and its token."""
        self.settings.remove(f"profiles/{name}")
        self.tokens.delete(name)
        self.settings.sync()

    @property
    def last(self) -> str:
        """The profile used last, if it still exists."""
        name = str(self.settings.value("last_profile", "") or "")
        return name if name in self.names() else ""
