"""`--format text`: one human line per notification — local time, receipt, typeWebhook, chat and
summary — with odd characters escaped (greenconsole.invisibles) so a line is always one line."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from greenconsole.invisibles import escape_cut
from greenconsole.protocol.summary import SUMMARY_LIMIT, describe

TYPE_WIDTH = len("outgoingAPIMessageReceived")
"""typeWebhook is padded to the longest documented one, so the columns line up."""
TYPE_LIMIT = 60
CHAT_LIMIT = 100
"""Characters of an (unknown) typeWebhook and a chat id shown; longer ones end with "…"."""
NO_VALUE = "-"


def local_time(timestamp: Any) -> str:
    """A body's UNIX `timestamp` as local date and time, or "-" when it is not a usable one."""
    if isinstance(timestamp, bool) or not isinstance(timestamp, int | float):
        return NO_VALUE
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))
    except (OverflowError, OSError, ValueError):
        return NO_VALUE


def text_line(
    receipt_id: int | None, body: dict[str, Any], hide: Callable[[str], str] = str
) -> str:
    """The line of one notification (without a line break).

    `hide` masks what must not be printed (the token); it sees each field whole, before the
    field is escaped and cut.
    """
    info = describe(body)
    kind = body.get("typeWebhook")
    kind_text = escape_cut(hide(kind), TYPE_LIMIT) if isinstance(kind, str) and kind else NO_VALUE
    chat = escape_cut(hide(info.chat), CHAT_LIMIT) or NO_VALUE
    summary = escape_cut(hide(info.text), SUMMARY_LIMIT)
    receipt = NO_VALUE if receipt_id is None else str(receipt_id)
    when = local_time(body.get("timestamp"))
    line = f"{when}  {receipt}  {kind_text:<{TYPE_WIDTH}}  {chat}"
    return f"{line}  {summary}" if summary else line
