"""An error's one line in the window's language: the words of a protocol error translated (they
are marked in the "errors" context where they are made), its technical part — an HTTP answer, a
library's message — as it is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from greenconsole.protocol.errors import GreenApiError


def error_text(error: BaseException) -> str:
    """What to show for `error` (its English `str()` when it has no words of its own)."""
    if not isinstance(error, GreenApiError) or not error.template:
        return str(error)
    translate = QCoreApplication.translate
    params = {key: translate("errors", value) for key, value in error.params.items()}
    try:
        return translate("errors", error.template).format(**params)
    except (KeyError, IndexError, ValueError):  # a translation with other placeholders
        return str(error)
