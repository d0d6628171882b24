"""The feed's files: export rows, import a file as a read-only session, replay notifications."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from greenconsole.journal.transfer import (
    Exported,
    ImportFileError,
    first_masked_item,
    json_array,
    json_lines,
    open_private,
    parse_import,
    replay,
)
from greenconsole.protocol.client import REQUEST_TIMEOUT, WebhookResponse, http_client
from greenconsole.protocol.errors import GreenApiError
from greenconsole.protocol.notification import Notification
from greenconsole.ui.export_dialog import ExportDialog
from greenconsole.ui.feed_model import FeedRow, RowState

KINDS = ("JSON Lines", "JSON array")


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """A file's notifications as feed rows. The rows are not in the journal (no capture id:
    the model keys them in its own key space) and carry their bodies; once shown they never
    change, so the search thread may read them."""

    name: str
    rows: tuple[FeedRow, ...]


def imported_rows(items: Sequence[Exported]) -> tuple[FeedRow, ...]:
    """Feed rows of imported notifications, state IMPORTED."""
    rows = []
    for item in items:
        row = FeedRow.from_notification(
            Notification(item.receipt_id or 0, item.body), keep_body=True
        )
        row.receipt_id, row.received_at = item.receipt_id, item.received_at
        row.state = RowState.IMPORTED
        row.refresh_haystack()
        rows.append(row)
    return tuple(rows)


class FeedTransfer(QObject):
    """The file dialogs (non-blocking, each kept in its own attribute), the writing and reading
    of files, and replays."""

    message = Signal(str)

    def __init__(
        self,
        document: Callable[[FeedRow], Any],
        replay_target: Callable[[], Awaitable[str]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._document = document  # a row → what the inspector shows ({"receiptId", "body"})
        self._replay_target = replay_target
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: QFileDialog | None = None
        self.import_error: QMessageBox | None = None
        self.refused_masked = False  # a replay was refused for a masked body

    def exported(self, rows: Sequence[FeedRow]) -> list[Exported]:
        """Export items of the rows that are notifications (malformed answers are left out)."""
        items = []
        for row in rows:
            if row.state is RowState.MALFORMED:
                continue
            document = self._document(row)
            if isinstance(document, dict) and isinstance(document.get("body"), dict):
                items.append(Exported(row.receipt_id, row.received_at, document["body"]))
        return items

    def ask_export(self, kind: str, masked: bool, on_path: Callable[[str, bool], Any]) -> None:
        """Pick a file to export to (`kind` names the default suffix) and whether to mask
        (`masked` ticks it at first), then `on_path(path, masked)`."""
        suffix = ".jsonl" if kind == "JSON Lines" else ".json"
        dialog = ExportDialog(self._parent, f"greenconsole-export{suffix}", masked)
        dialog.chosen.connect(on_path)
        self.export_dialog = dialog
        dialog.open()

    def export(self, path: str, rows: Sequence[FeedRow], redacted: bool = True) -> int:
        """Write rows to `path`: JSON Lines, or a pretty JSON array for a .json name.

        Phone numbers and names are masked unless `redacted` is False.
        """
        items = self.exported(rows)
        if redacted:
            items = [item.redacted() for item in items]
        with open_private(path) as handle:
            if path.endswith(".json"):
                handle.write(json_array(items))
            else:
                handle.writelines(json_lines(items))
        self.message.emit(self.tr("exported {0} notification(s) to {1}").format(len(items), path))
        return len(items)

    def ask_import(self, on_path: Callable[[str], Any]) -> None:
        """Pick a file to import, then `on_path(path)`."""
        dialog = QFileDialog(
            self._parent,
            self.tr("Import notifications"),
            "",
            self.tr("Exports (*.jsonl *.json *.ndjson);;All files (*)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(on_path)
        self.import_dialog = dialog
        dialog.open()

    async def read(self, path: str) -> ImportedFile | None:
        """A file's notifications (read and parsed off the Qt thread); all or nothing: None and
        a warning naming the line when any of it is bad."""
        loop = asyncio.get_running_loop()
        name = Path(path).name
        try:
            text = await loop.run_in_executor(None, Path(path).read_text, "utf-8")
            items = await loop.run_in_executor(None, parse_import, text, name)
        except (OSError, UnicodeDecodeError, ImportFileError) as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Import failed"), str(exc), parent=self._parent
            )
            self.import_error = box
            box.open()
            self.message.emit(self.tr("import failed: {0}").format(exc))
            return None
        return ImportedFile(name, imported_rows(items))

    async def replay(self, rows: Sequence[FeedRow], allow_masked: bool = False) -> int:
        """POST the rows' notifications, in order, to the replay target; none at all when
        one holds a masked value, unless `allow_masked`."""
        items = self.exported(rows)
        if not items:
            self.message.emit(self.tr("replay: select the notifications to replay first"))
            return 0
        masked = None if allow_masked else first_masked_item(items)
        if masked is not None:
            self.refused_masked = True
            self.message.emit(
                self.tr(
                    "replay: nothing sent — notification {0} (receipt {1}) is masked: {2} "
                    'holds •••; tick "replay masked bodies anyway" to post it'
                ).format(masked.number, masked.receipt_id, masked.path)
            )
            return 0
        accepted: list[int] = []  # the posts accepted so far, should the target go away

        def note(index: int, response: WebhookResponse) -> None:
            if response.ok:
                accepted.append(index)

        try:
            url = await self._replay_target()
            async with http_client(timeout=REQUEST_TIMEOUT) as http:
                sent = await replay(http, url, items, on_sent=note)
        except (GreenApiError, OSError) as exc:  # no sandbox, or the target went away
            self.message.emit(
                self.tr("replay stopped: posted {0} of {1} notification(s): {2}").format(
                    len(accepted), len(items), exc
                )
            )
            return len(accepted)
        self.message.emit(
            self.tr("replayed {0} of {1} notification(s) to {2}").format(sent, len(items), url)
        )
        return sent
