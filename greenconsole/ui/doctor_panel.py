"""The Doctor tab: why this instance's notifications would not arrive, in words, with the fix.

A thin view over greenconsole/doctor.py: it checks when asked and once a minute while shown,
and applies a settings fix after a confirmation that names the reboot.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenconsole.connection import ConnectionSettings
from greenconsole.doctor import (
    CONTEXT,
    READ_BACK_EVERY,
    Checkup,
    Finding,
    apply_settings,
    examine,
)
from greenconsole.invisibles import escape
from greenconsole.journal.store import JournalError, JournalReader
from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.errors import GreenApiError
from greenconsole.reconcile import KINDS, WORDS, Reconciliation, reconcile
from greenconsole.redact import mask_phones
from greenconsole.ui.dialogs import confirm
from greenconsole.ui.error_text import error_text
from greenconsole.ui.tasks import TaskSet

RECHECK_MS = 60_000
"""GREEN-API advises reading the state once a minute (stateInstanceChanged can be missed)."""


def words(finding: Finding) -> tuple[str, str]:
    """(problem, fix) in the UI's language."""
    params = dict(finding.params)
    if "sends" in params:
        params["sends"] = QCoreApplication.translate(CONTEXT, params["sends"])
    problem, fix = (QCoreApplication.translate(CONTEXT, text) for text in finding.words)
    return problem.format(**params), fix.format(**params)


class DoctorPanel(QWidget):
    """Findings for the tab's instance; `settings()` gives the form's values when valid."""

    def __init__(
        self,
        tasks: TaskSet,
        settings: Callable[[], ConnectionSettings | None],
        journal_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._settings = settings
        self._journal_path = journal_path
        self._task: asyncio.Task[None] | None = None
        self.checkup: Checkup | None = None
        self.fixing = False
        """True while a fix is being saved and read back."""
        self.read_back_every = READ_BACK_EVERY
        """Seconds between reads of the settings after a fix."""
        self.summary_label = QLabel(self.tr("Not checked yet."))
        self.summary_label.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check now"))
        self.fix_button = QPushButton(self.tr("Apply the fix…"))
        self.fix_button.setEnabled(False)
        self.findings = wrapping_list(self.tr("Findings"))
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.fix_button)
        row.addStretch()
        self.missing = MissingSection(tasks, settings, journal_path)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(row)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.missing, 1)
        self.check_button.clicked.connect(self.check)
        self.fix_button.clicked.connect(self.confirm_fix)
        self._timer = QTimer(self, interval=RECHECK_MS)
        self._timer.timeout.connect(self.check)

    def showEvent(self, event: QShowEvent) -> None:
        """Check on showing, then once a minute while shown."""
        super().showEvent(event)
        self._timer.start()
        if self._task is None:
            self.check()

    def hideEvent(self, event: QHideEvent) -> None:
        """No polling while hidden."""
        super().hideEvent(event)
        self._timer.stop()

    def check(self) -> None:
        """Read the instance now (unless a check or a fix is running)."""
        settings = self._settings()
        if settings is None:
            self.summary_label.setText(self.tr("Fill in the connection form to check."))
            return
        if self._task is None:
            self._task = self._tasks.spawn(self._run(self._check(settings)))

    def confirm_fix(self) -> None:
        """Ask before setSettings, naming the reboot and GREEN-API's delay."""
        settings = self._settings()
        if self.checkup is None or settings is None or not self.checkup.fixes:
            return
        changes = self.checkup.fixes
        listed = ", ".join(f"{name} = {json.dumps(value)}" for name, value in changes.items())
        self.fix_dialog = confirm(
            self,
            self.tr("Apply the fix"),
            self.tr(
                "Change {0} on instance {1}?\n\nsetSettings reboots the instance: it is "
                "starting for a while, GREEN-API applies new settings within 5 minutes, and "
                "notifications wait in the queue meanwhile. The settings are then read back "
                "until they hold."
            ).format(listed, settings.id_instance),
            lambda: self._start_fix(settings, changes),
        )

    def _start_fix(self, settings: ConnectionSettings, changes: dict[str, str]) -> None:
        if self._task is None:
            self.fixing = True
            self._task = self._tasks.spawn(self._run(self._fix(settings, changes)))

    async def _run(self, work: Coroutine[Any, Any, None]) -> None:
        self.check_button.setEnabled(False)
        self.fix_button.setEnabled(False)
        try:
            await work
        except GreenApiError as exc:
            self.summary_label.setText(self.tr("Could not check: {0}").format(error_text(exc)))
        finally:
            self._task = None
            self.fixing = False
            self.check_button.setEnabled(True)
            self.fix_button.setEnabled(bool(self.checkup and self.checkup.fixes))

    async def _check(self, settings: ConnectionSettings) -> None:
        async with GreenApiClient(settings.api_url, settings.id_instance, settings.token) as client:
            self.show_checkup(await examine(client))

    async def _fix(self, settings: ConnectionSettings, changes: dict[str, str]) -> None:
        started = time.monotonic()
        self.progress_label.setText(self.tr("Saving the settings, then reading them back…"))
        async with GreenApiClient(settings.api_url, settings.id_instance, settings.token) as client:
            unset = await apply_settings(client, changes, every=self.read_back_every)
            seconds = time.monotonic() - started
            if unset:
                self.progress_label.setText(
                    self.tr(
                        "GREEN-API said the settings were saved, but after {0:.0f} s {1} still "
                        "differ: apply the fix again."
                    ).format(seconds, ", ".join(unset))
                )
            else:
                self.progress_label.setText(
                    self.tr("The settings hold (read back after {0:.0f} s).").format(seconds)
                )
            self.show_checkup(await examine(client))

    def show_checkup(self, checkup: Checkup) -> None:
        """Show what was found."""
        self.checkup = checkup
        queue = (
            self.tr("webhookUrl set") if checkup.settings.get("webhookUrl") else self.tr("queue")
        )
        depth = "" if checkup.depth is None else self.tr(", {0} waiting").format(checkup.depth)
        verdict = (
            self.tr("No problem found: notifications should arrive.")
            if not checkup.findings
            else self.tr("%n problem(s) found.", "", len(checkup.findings))
        )
        self.summary_label.setText(
            self.tr("State: {0} · {1}{2} · checked at {3}. {4}").format(
                checkup.state, queue, depth, time.strftime("%H:%M:%S"), verdict
            )
        )
        self.findings.clear()
        for finding in checkup.findings:
            problem, fix = words(finding)
            self.findings.addItem(self.tr("{0}\n→ fix: {1}").format(problem, fix))

    async def aclose(self) -> None:
        """Stop checking (a fix in progress is abandoned: the server keeps what it saved)."""
        self._timer.stop()
        for task in (self._task, self.missing.task):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)


class MissingSection(QGroupBox):
    """Missing-notification detection: the journal's captures reconciled with the server's
    journals (the same as `greenconsole reconcile`)."""

    def __init__(
        self,
        tasks: TaskSet,
        settings: Callable[[], ConnectionSettings | None],
        journal_path: Path | None,
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("Missing notifications"))
        self._tasks = tasks
        self._settings = settings
        self._journal_path = journal_path
        self.task: asyncio.Task[None] | None = None
        self.masked = False
        """Presentation mode: phone numbers in the findings are masked."""
        self._found: Reconciliation | None = None
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(60)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("How far back"))
        self.find_button = QPushButton(self.tr("Find missing notifications"))
        self.find_button.setToolTip(
            self.tr(
                "Compare what this console captured with lastIncomingMessages and "
                "lastOutgoingMessages; the last 2 minutes are left unjudged (the journals lag)"
            )
        )
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.gaps = wrapping_list(self.tr("Missing notifications found"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Since:")))
        row.addWidget(self.minutes)
        row.addWidget(self.find_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addWidget(self.gaps, 1)
        self.find_button.clicked.connect(self.find_missing)

    def find_missing(self) -> None:
        """Reconcile now (the journal is read off the Qt thread)."""
        settings = self._settings()
        if settings is None or self._journal_path is None:
            self.result_label.setText(self.tr("Fill in the connection form to check."))
            return
        if self.task is None:
            self.task = self._tasks.spawn(self._find(settings, self._journal_path))

    async def _find(self, settings: ConnectionSettings, path: Path) -> None:
        self.find_button.setEnabled(False)
        seconds = self.minutes.value() * 60
        try:
            now = time.time()
            captured = await asyncio.to_thread(
                read_captures, path, int(settings.id_instance), now - seconds
            )
            async with GreenApiClient(
                settings.api_url, settings.id_instance, settings.token
            ) as client:
                incoming = await client.last_messages("incoming", self.minutes.value() + 1)
                outgoing = await client.last_messages("outgoing", self.minutes.value() + 1)
            self.show_result(
                reconcile(captured, incoming, outgoing, since=now - seconds, now=time.time())
            )
        except (GreenApiError, JournalError) as exc:
            self.result_label.setText(self.tr("Could not check: {0}").format(error_text(exc)))
        finally:
            self.task = None
            self.find_button.setEnabled(True)

    def set_masked(self, masked: bool) -> None:
        """Presentation mode on or off: the findings are shown again."""
        self.masked = masked
        if self._found is not None:
            self.show_result(self._found)

    def show_result(self, found: Reconciliation) -> None:
        """List the gaps; say what was compared."""
        self._found = found
        missing = len(found.missing)
        self.result_label.setText(
            self.tr(
                "{0} message(s) in the server's journals, {1} captured notification(s), "
                "{2} too recent to judge: {3} missing."
            ).format(found.messages, found.captures, found.pending, missing)
        )
        self.gaps.clear()
        for gap in found.gaps:
            kind = self.tr("missing") if gap.missing else self.tr("warning")
            params = {
                name: QCoreApplication.translate("Reconcile", value)
                if name == "direction"
                else value
                for name, value in gap.params.items()
            }
            words = QCoreApplication.translate("Reconcile", WORDS[gap.kind])
            text = escape(words.format(id=gap.id_message, **params))
            self.gaps.addItem(f"{kind}: {mask_phones(text) if self.masked else text}")


def wrapping_list(name: str) -> QListWidget:
    """A list whose long sentences wrap at the panel's width (never a sideways scroll)."""
    view = QListWidget()
    view.setWordWrap(True)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setAccessibleName(name)
    return view


def read_captures(path: Path, instance: int, since: float) -> list[tuple[float, str]]:
    """The captures reconciliation reads, from a read-only connection (a worker thread)."""
    reader = JournalReader.existing(path)
    try:
        return reader.captured_since(instance, since, KINDS)
    finally:
        reader.close()
