"""The Queue tab: depth, Clear queue (with GREEN-API's once-a-minute countdown), the health
chart with time to empty and warnings, and the round-trip probes (histogram and diff)."""

from __future__ import annotations

import json
import math
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenconsole.health import RETENTION, QueueHealth
from greenconsole.protocol.probe import MISSING, ProbeResult, ProbeTracker, percentile, value_at
from greenconsole.redact import mask_phones
from greenconsole.ui.charts import DELETED_TONE, DEPTH_TONE, RECEIVED_TONE, BarChart, HealthChart
from greenconsole.ui.palette import Tone, text, text_style


def _shown(value: object, masked: bool) -> str:
    if value is MISSING:
        return "(missing)"
    text = json.dumps(value, ensure_ascii=False)[:200]
    return mask_phones(text) if masked else text


class QueuePanel(QWidget):
    """Queue tools and figures for one connection; the pane calls `refresh()` twice a second."""

    def __init__(self, health: QueueHealth, probes: ProbeTracker, parent: QWidget | None = None):
        super().__init__(parent)
        self.health = health
        self.probes = probes
        self._clear_allowed_at = 0.0
        self.masked = False  # presentation mode: phone numbers in probe values are masked
        self.depth_label = QLabel(self.tr("queue depth: —"))
        self.depth_button = QPushButton(self.tr("Refresh depth"))
        self.clear_queue_button = QPushButton(self.tr("Clear queue…"))
        self.chart = HealthChart()
        self.legend = QLabel(
            self.tr(
                '<span style="color:{0}">━ depth</span> &nbsp; '
                '<span style="color:{1}">━ received/s</span> &nbsp; '
                '<span style="color:{2}">━ deleted/s</span>'
            ).format(*(text(tone).name() for tone in (DEPTH_TONE, RECEIVED_TONE, DELETED_TONE)))
        )
        self.figures_label = QLabel()
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(text_style(Tone.ERROR, bold=True))
        self.warning_label.setWordWrap(True)
        self.probe_chart = BarChart()
        self.probe_label = QLabel(self.tr("Round-trip probes: none yet (Composer ▸ Send probe)"))
        self.probe_label.setTextFormat(Qt.TextFormat.PlainText)
        self.diff_tree = QTreeWidget()
        self.diff_tree.setAccessibleName(self.tr("Changes of the altered probe"))
        self.diff_tree.setHeaderLabels(
            [self.tr("Changed path"), self.tr("Sent"), self.tr("Received")]
        )
        self.diff_tree.setRootIsDecorated(False)
        self.diff_tree.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.depth_label)
        row = QHBoxLayout()
        row.addWidget(self.depth_button)
        row.addWidget(self.clear_queue_button)
        row.addStretch()
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Depth is refreshed every 10 s while polling.")))
        layout.addWidget(self.chart)
        layout.addWidget(self.legend)
        layout.addWidget(self.figures_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.probe_label)
        layout.addWidget(self.probe_chart)
        layout.addWidget(self.diff_tree, 1)
        layout.addStretch()
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick_clear)

    # --- depth and clear -----------------------------------------------------------------
    def on_depth(self, depth: int | None, error: str) -> None:
        """A getWebhooksCount answer (or its error)."""
        if depth is not None:
            self.health.depth(depth)
            self.depth_label.setText(self.tr("queue depth: {0}").format(depth))
        else:
            self.depth_label.setText(self.tr("queue depth: ? ({0})").format(error))
        self.refresh()

    def clear_refused(self, left_time: int) -> None:
        """GREEN-API allows one clear a minute: count down on the button instead of failing."""
        self._clear_allowed_at = time.monotonic() + left_time
        self._tick_clear()
        self._countdown.start()

    def clear_waiting(self) -> bool:
        """True while the once-a-minute limit holds Clear queue back."""
        return time.monotonic() < self._clear_allowed_at

    def _tick_clear(self) -> None:
        left = math.ceil(self._clear_allowed_at - time.monotonic())
        if left <= 0:
            self._countdown.stop()
            self.clear_queue_button.setText(self.tr("Clear queue…"))
        else:
            self.clear_queue_button.setText(self.tr("Clear queue (in {0} s)").format(left))
        self.clear_queue_button.setEnabled(left <= 0)

    # --- health --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the chart and the figures from the health tracker."""
        self.chart.set_series(*self.health.series())
        received, deleted = self.health.rates()
        eta = self.health.eta()
        if eta is None:
            eta_line = self.tr("time to empty: unknown (no queue depth yet)")
        elif math.isinf(eta):
            eta_line = self.tr("the queue does not empty at this rate (nothing deleted lately)")
        else:
            eta_line = self.tr("time to empty: {0}").format(self.duration(eta))
        age = self.health.oldest_undeleted_age()
        lines = [  # whole sentences: each translates as one
            self.tr("received {0:.1f}/s · deleted {1:.1f}/s").format(received, deleted),
            eta_line,
            self.tr("oldest undeleted: {0}").format(
                self.duration(age) if age is not None else self.tr("none")
            ),
        ]
        self.figures_label.setText("\n".join(lines))
        warnings = self.warnings()
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))

    def duration(self, seconds: float) -> str:
        """12 s, 3 min 5 s, 4 h 12 min."""
        seconds = max(0, int(seconds))
        if seconds < 60:
            return self.tr("{0} s").format(seconds)
        if seconds < 3600:
            return self.tr("{0} min {1} s").format(seconds // 60, seconds % 60)
        return self.tr("{0} h {1} min").format(seconds // 3600, seconds % 3600 // 60)

    def warnings(self) -> list[str]:
        """What is wrong with the queue right now (shown in red here and in the status line)."""
        lines = []
        blocked = self.health.blocked()
        if blocked is not None:
            lines.append(
                self.tr("queue blocked by receipt {0} for {1}").format(
                    blocked.receipt_id, self.duration(blocked.seconds)
                )
            )
        age = self.health.oldest_undeleted_age()
        if age is not None and self.health.nearing_retention():
            lines.append(
                self.tr(
                    "oldest undeleted notification is {0} old — GREEN-API drops it after 24 h"
                ).format(self.duration(age))
                + (
                    self.tr(" (in {0})").format(self.duration(RETENTION - age))
                    if age < RETENTION
                    else ""
                )
            )
        return lines

    # --- probes --------------------------------------------------------------------------
    def show_probes(self, alarm: str = "") -> None:
        """Probe figures, the latency histogram and the last altered probe's diff."""
        results = self.probes.results
        seen = sorted(r.latency_ms for r in results if r.latency_ms is not None)
        lines = [
            self.tr("Round-trip probes: {0} ({1} lost)").format(
                len(results), len(results) - len(seen)
            )
        ]
        if seen:
            lines.append(
                f"p50 {percentile(seen, 0.5):.1f} ms  p95 {percentile(seen, 0.95):.1f} ms"
                f"  max {seen[-1]:.1f} ms"
            )
        if alarm:
            lines.insert(0, alarm)
        self.probe_label.setText("\n".join(lines))
        self.probe_label.setStyleSheet(text_style(Tone.ERROR, bold=True) if alarm else "")
        bars = [(label.replace(" ms", ""), count) for label, count in self.probes.histogram()]
        self.probe_chart.set_bars(bars, self.tr("probe latency, ms"))
        altered = [r for r in results if r.changes]
        if altered:
            self._show_diff(altered[-1])

    def _show_diff(self, result: ProbeResult) -> None:
        self.diff_tree.clear()
        for change in result.changes:
            path = change.split(":", 1)[0]
            sent = _shown(value_at(result.sent, path), self.masked)
            received = _shown(value_at(result.received, path), self.masked)
            item = QTreeWidgetItem([path, sent, received])
            for column in (1, 2):
                item.setToolTip(column, item.text(column))
            self.diff_tree.addTopLevelItem(item)
        self.diff_tree.setHeaderLabels(
            [
                self.tr("Changed path ({0})").format(result.id_message),
                self.tr("Sent"),
                self.tr("Received"),
            ]
        )
        self.diff_tree.show()
