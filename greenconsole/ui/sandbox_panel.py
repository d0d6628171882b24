"""The Sandbox tab: the embedded sandbox's faults, latency and rate limits, changed live."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenconsole.protocol.settings import STATES
from greenconsole.sandbox.faults import KINDS, METHODS, RATE_LIMITS, Faults, parse_faults
from greenconsole.sandbox.state import InstanceQueue
from greenconsole.ui.context import AppContext
from greenconsole.ui.palette import Tone, error_field_style, text_style

MAX_LATENCY_MS = 60_000


def spec_of(faults: Faults) -> str:
    """The spec of the faults in force (what `Faults.set` would be given to get them)."""
    return ",".join(
        f"{method}:{kind}={percent:g}%"
        for method, items in faults.table.items()
        for kind, percent in items
    )


class SandboxPanel(QWidget):
    """A thin view over the window's one sandbox's `faults`: every tab's panel shows the same.

    A change applies at once; with no sandbox running yet, it starts one and applies then.
    `refresh()` (the tab calls it twice a second) follows changes made anywhere else.
    """

    summary_changed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        instance: Callable[[], int | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._instance = instance
        """The tab's idInstance (the state row acts on it when the sandbox serves it)."""
        self._pending: list[Callable[[Faults], Any]] = []
        self._starting = False
        self._seen: tuple[str, float, bool, float] | None = None
        self._summary = ""
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing())
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.spec_edit = QLineEdit()
        self.spec_edit.setAccessibleName(self.tr("Fault spec"))
        self.spec_edit.setPlaceholderText(self.tr("e.g. receive:500=10%,delete:502=5%"))
        self.spec_edit.setToolTip(
            self.tr("METHOD:KIND=P%, comma-separated. Methods: {0}. Kinds: {1}.").format(
                ", ".join(METHODS), ", ".join(KINDS)
            )
        )
        self.apply_button = QPushButton(self.tr("Apply"))
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label.setStyleSheet(text_style(Tone.ERROR, bold=True))
        presets = {
            self.tr("Flaky (5xx 10%)"): "receive:500=5%,receive:503=5%,delete:502=10%",
            self.tr("Rate limited (429 20%)"): "receive:429=20%,delete:429=20%",
            self.tr("Instance starting (400)"): "receive:starting=100%",
            self.tr("Not authorized (400)"): "receive:notAuthorized=100%",
            self.tr("Quota 466"): "receive:466=100%",
        }
        grid = QGridLayout()
        for n, (label, spec) in enumerate(presets.items()):
            button = QPushButton(label)
            button.setToolTip(self.tr("Faults: {0}").format(spec))
            button.clicked.connect(lambda _=False, spec=spec: self.use_preset(spec))
            grid.addWidget(button, n // 3, n % 3)
        self.none_button = QPushButton(self.tr("None"))
        self.none_button.setToolTip(self.tr("No faults, no latency, no rate limits"))
        self.none_button.clicked.connect(self.behave_normally)
        grid.addWidget(self.none_button, len(presets) // 3, len(presets) % 3)
        self.latency_box = QSpinBox()
        self.latency_box.setAccessibleName(self.tr("Latency"))
        self.latency_box.setRange(0, MAX_LATENCY_MS)
        self.latency_box.setSingleStep(50)
        self.latency_box.setSuffix(self.tr(" ms"))
        self.latency_box.setKeyboardTracking(False)  # applied on Enter or on leaving the box
        self.latency_box.setToolTip(self.tr("Added to every answer of the sandbox"))
        self.drop_box = QSpinBox()
        self.drop_box.setRange(0, 100)
        self.drop_box.setSuffix(" %")
        self.drop_box.setKeyboardTracking(False)
        self.drop_box.setToolTip(
            self.tr(
                "Lose this share of notifications while their messages stay in the journals "
                "(green-api/issues #1118): what greenconsole reconcile finds"
            )
        )
        self.drop_box.setAccessibleName(self.tr("Notifications lost"))
        self.state_box = QComboBox()
        self.state_box.addItems(list(STATES))
        self.state_box.setToolTip(
            self.tr("The state of this tab's sandbox instance; a change sends stateInstanceChanged")
        )
        self.state_box.setAccessibleName(self.tr("Instance state"))
        self.rate_limits_box = QCheckBox(self.tr("GREEN-API rate limits"))
        self.rate_limits_box.setToolTip(
            self.tr("Answer 429 over GREEN-API's limits per instance: {0}").format(
                ", ".join(f"{method} {limit}/s" for method, limit in RATE_LIMITS.items())
            )
        )

        spec_row = QHBoxLayout()
        spec_row.addWidget(QLabel(self.tr("Faults:")))
        spec_row.addWidget(self.spec_edit, 1)
        spec_row.addWidget(self.apply_button)
        other_row = QHBoxLayout()
        other_row.addWidget(QLabel(self.tr("Latency:")))
        other_row.addWidget(self.latency_box)
        other_row.addSpacing(16)
        other_row.addWidget(QLabel(self.tr("Lose:")))
        other_row.addWidget(self.drop_box)
        other_row.addSpacing(16)
        other_row.addWidget(self.rate_limits_box)
        other_row.addStretch()
        state_row = QHBoxLayout()
        state_row.addWidget(QLabel(self.tr("This tab's instance:")))
        state_row.addWidget(self.state_box)
        state_row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(grid)
        layout.addLayout(other_row)
        layout.addLayout(state_row)
        layout.addLayout(spec_row)
        layout.addWidget(self.reason_label)  # last but the note: nothing to click moves
        layout.addWidget(
            QLabel(self.tr("One sandbox serves the whole window: this applies to every tab."))
        )
        layout.addStretch()
        self.spec_edit.textChanged.connect(self.validate)
        self.spec_edit.returnPressed.connect(self.apply_spec)
        self.apply_button.clicked.connect(self.apply_spec)
        self.latency_box.valueChanged.connect(
            lambda ms: self.change(lambda faults: setattr(faults, "latency", ms / 1000))
        )
        self.rate_limits_box.toggled.connect(
            lambda on: self.change(lambda faults: setattr(faults, "rate_limits", on))
        )
        self.drop_box.valueChanged.connect(
            lambda percent: self.change(lambda faults: setattr(faults, "drop", float(percent)))
        )
        self.state_box.textActivated.connect(self.set_state)

    def set_state(self, state: str) -> None:
        """Put the tab's sandbox instance in `state` (it queues a stateInstanceChanged)."""
        queue = self._queue()
        if queue is not None:
            queue.set_state(state)
        self.refresh()

    def _queue(self) -> InstanceQueue | None:
        sandbox, id_instance = self.context.sandbox, self._instance()
        if sandbox is None or id_instance is None:
            return None
        return sandbox.state.instances.get(id_instance)

    # --- changes -------------------------------------------------------------------------
    def validate(self) -> bool:
        """Check the spec with the sandbox's parser: red and the reason while it is invalid."""
        try:
            parse_faults(self.spec_edit.text())
        except ValueError as error:
            reason = str(error)
        else:
            reason = ""
        self.spec_edit.setStyleSheet(error_field_style("QLineEdit") if reason else "")
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        self.apply_button.setEnabled(not reason)
        return not reason

    def apply_spec(self) -> None:
        """Put the typed spec in force (nothing happens while it is invalid)."""
        if self.validate():
            spec = self.spec_edit.text()
            self.change(lambda faults: faults.set(spec))

    def use_preset(self, spec: str) -> None:
        """One click: the preset's spec, in the box and in force."""
        self.spec_edit.setText(spec)
        self.apply_spec()

    def behave_normally(self) -> None:
        """No faults, no latency, no rate limits, nothing lost."""
        self.use_preset("")
        self.latency_box.setValue(0)
        self.rate_limits_box.setChecked(False)
        self.drop_box.setValue(0)

    def change(self, apply: Callable[[Faults], Any]) -> None:
        """`apply(faults)` now, or once the sandbox this starts is running."""
        if self.context.sandbox is not None:
            apply(self.context.sandbox.faults)
            self.refresh()
            return
        self._pending.append(apply)
        if not self._starting:
            self._starting = True
            self.context.tasks.spawn(self._start())

    async def _start(self) -> None:
        try:
            sandbox = await self.context.ensure_sandbox()
        finally:
            self._starting = False
            pending, self._pending = self._pending, []
        for apply in pending:
            apply(sandbox.faults)
        self.refresh()

    # --- what is in force ----------------------------------------------------------------
    def misbehaving(self) -> bool:
        """True while the sandbox answers with faults, latency or rate limits."""
        sandbox = self.context.sandbox
        if sandbox is None:
            return False
        faults = sandbox.faults
        return bool(faults.table or faults.latency or faults.rate_limits or faults.drop)

    def summary(self) -> str:
        """One line: what the sandbox does wrong now, or that it behaves."""
        sandbox = self.context.sandbox
        if sandbox is None:
            return self.tr("The local sandbox is not running; a change here starts it.")
        faults = sandbox.faults
        parts = []
        if faults.table:
            parts.append(self.tr("faults: {0}").format(spec_of(faults)))
        if faults.latency:
            parts.append(self.tr("latency {0:.0f} ms").format(faults.latency * 1000))
        if faults.rate_limits:
            parts.append(self.tr("rate limits on"))
        if faults.drop:
            parts.append(self.tr("{0:g} % of notifications lost").format(faults.drop))
        return " · ".join(parts) if parts else self.tr("behaving normally")

    def title(self) -> str:
        """The tab's title: ⚠ while the sandbox misbehaves on purpose."""
        return self.tr("Sandbox ⚠") if self.misbehaving() else self.tr("Sandbox")

    def refresh(self) -> None:
        """Show what is in force; the controls follow a change made in another tab."""
        sandbox = self.context.sandbox
        if sandbox is not None:
            faults = sandbox.faults
            seen = (spec_of(faults), faults.latency, faults.rate_limits, faults.drop)
            if seen != self._seen:
                self._seen = seen
                self._show(*seen)
        queue = self._queue()
        self.state_box.setEnabled(queue is not None)
        if queue is not None and not self.state_box.view().isVisible():
            self.state_box.setCurrentText(queue.account.state_now())
        summary = self.summary()
        if summary != self._summary:
            self._summary = summary
            self.summary_label.setText(self.tr("Now: {0}").format(summary))
            self.summary_label.setStyleSheet(
                text_style(Tone.ERROR, bold=True) if self.misbehaving() else ""
            )
            self.summary_changed.emit(summary)

    def _show(self, spec: str, latency: float, rate_limits: bool, drop: float) -> None:
        widgets = (self.spec_edit, self.latency_box, self.rate_limits_box, self.drop_box)
        for widget in widgets:
            widget.blockSignals(True)
        self.spec_edit.setText(spec)
        self.latency_box.setValue(round(latency * 1000))
        self.rate_limits_box.setChecked(rate_limits)
        self.drop_box.setValue(round(drop))
        for widget in widgets:
            widget.blockSignals(False)
        self.validate()
