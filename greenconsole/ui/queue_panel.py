"""The Queue tab: depth, Clear queue (with GREEN-API's once-a-minute countdown), the health
chart with time to empty and alarms, and the round-trip probes (histogram and diff).

Alarms are read from the trackers' current state at every refresh, so each one ends when its
condition does; what the user holds on purpose is said in neutral words, never as an alarm."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable

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

from greenconsole.health import QueueHealth
from greenconsole.protocol.probe import MISSING, ProbeResult, ProbeTracker, percentile, value_at
from greenconsole.redact import mask_phones
from greenconsole.ui.charts import DELETED_TONE, DEPTH_TONE, RECEIVED_TONE, BarChart, HealthChart
from greenconsole.ui.palette import Tone, text, text_style

CLEAR_EVERY = 60
"""GREEN-API refuses clearWebhooksQueue within this many seconds of the last clear."""


def _shown(value: object, masked: bool) -> str:
    if value is MISSING:
        return "(missing)"
    text = json.dumps(value, ensure_ascii=False)[:200]
    return mask_phones(text) if masked else text


class QueuePanel(QWidget):
    """Queue tools and figures for one connection; the pane calls `refresh()` twice a second."""

    def __init__(
        self,
        health: QueueHealth,
        probes: ProbeTracker,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(parent)
        self.health = health
        self.probes = probes
        self.clock = clock
        """Monotonic seconds for the Clear queue countdown."""
        self._clear_allowed_at: dict[str, float] = {}  # instance → when a clear is allowed
        self._instance = ""  # the one the form names ("" while the form is not valid)
        self._figures_of = ""  # the instance the depth and health figures are about
        self.held_receipt: int | None = None
        """The head the user holds on purpose (manual mode); probes wait behind it."""
        self._diff_of: ProbeResult | None = None
        self.masked = False  # presentation mode: phone numbers in probe values are masked
        self.depth_label = QLabel(self.tr("queue depth: —"))
        self.depth_label.setTextFormat(Qt.TextFormat.PlainText)
        self.depth_label.setWordWrap(True)  # an error's whole text wraps, never widens the page
        self.depth_button = QPushButton(self.tr("Refresh depth"))
        self.clear_queue_button = QPushButton(self.tr("Clear queue…"))
        self.clear_queue_button.setToolTip(self._clear_tip())
        self.clear_result = QLabel()
        self.clear_result.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_result.setWordWrap(True)
        self.clear_result.hide()
        self.chart = HealthChart()
        self.legend = QLabel(
            self.tr(
                '<span style="color:{0}">━ depth</span> &nbsp; '
                '<span style="color:{1}">━ received/s</span> &nbsp; '
                '<span style="color:{2}">━ deleted/s</span>'
            ).format(*(text(tone).name() for tone in (DEPTH_TONE, RECEIVED_TONE, DELETED_TONE)))
        )
        self.figures_label = QLabel()
        self.figures_label.setWordWrap(True)  # whole sentences: they wrap, never widen the page
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(text_style(Tone.ERROR, bold=True))
        self.warning_label.setWordWrap(True)
        self.probe_chart = BarChart()
        self.probe_label = QLabel(self.tr("Round-trip probes: none yet (Composer ▸ Send probe)"))
        self.probe_label.setTextFormat(Qt.TextFormat.PlainText)
        self.probe_label.setWordWrap(True)
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
        layout.addWidget(self.clear_result)
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

    def show_clear_result(self, words: str, failed: bool) -> None:
        """What the last Clear queue came to, under its button (red when it failed)."""
        self.clear_result.setText(words)
        self.clear_result.setStyleSheet(text_style(Tone.ERROR, bold=True) if failed else "")
        self.clear_result.show()

    def cleared(self, instance: str) -> None:
        """A clear of `instance` succeeded: GREEN-API refuses the next one for a minute, so
        wait it out here."""
        self.clear_refused(instance, CLEAR_EVERY)

    def clear_refused(self, instance: str, left_time: int) -> None:
        """GREEN-API allows one clear a minute: count down on the button instead of failing."""
        self._clear_allowed_at[instance] = self.clock() + left_time
        self._tick_clear()
        self._countdown.start()

    def set_instance(self, instance: str) -> None:
        """The instance Clear queue would clear ("" when the form is not valid); the figures of
        another instance are forgotten (a clear's question must not count someone else's, nor
        its outcome stay under the button)."""
        self._instance = instance
        if instance and instance != self._figures_of:
            if self._figures_of:
                self.health.reset()
                self.depth_label.setText(self.tr("queue depth: —"))
                self.clear_result.hide()
            self._figures_of = instance
        self._tick_clear()

    def clear_waiting(self) -> bool:
        """True while the once-a-minute limit holds Clear queue back for the form's instance."""
        return self._left() > 0

    def _left(self) -> int:
        return math.ceil(self._clear_allowed_at.get(self._instance, 0.0) - self.clock())

    def _tick_clear(self) -> None:
        now = self.clock()
        self._clear_allowed_at = {k: t for k, t in self._clear_allowed_at.items() if t > now}
        if not self._clear_allowed_at:
            self._countdown.stop()
        left = self._left()
        if left <= 0:
            self.clear_queue_button.setText(self.tr("Clear queue…"))
        else:
            self.clear_queue_button.setText(self.tr("Clear queue (in {0} s)").format(left))
        self.clear_queue_button.setToolTip(self._clear_tip(max(0, left)))
        self.clear_queue_button.setEnabled(bool(self._instance) and left <= 0)

    def _clear_tip(self, left: int = 0) -> str:
        if left:
            return self.tr(
                "GREEN-API allows one clear a minute: Clear queue is possible again in {0} s."
            ).format(left)
        return self.tr("Delete every notification waiting in the queue (once a minute).")

    def loss_estimate(self) -> str:
        """How many notifications a clear would delete, as far as the last depth tells."""
        depth, age = self.health.last_depth, self.health.depth_age()
        if depth is None or age is None:
            return self.tr(
                "How many notifications wait in the queue is not known yet (Refresh depth)."
            )
        return self.tr(
            "Notifications that will be lost: about {0} (the queue depth as of {1} ago)."
        ).format(depth, self.duration(age))

    # --- health --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the chart and the figures from the health tracker."""
        self.chart.set_series(*self.health.series())
        received, deleted = self.health.rates()
        eta = self.health.eta()
        if eta is None:
            eta_line = self.tr("time to empty: unknown (no queue depth yet)")
        elif math.isinf(eta):
            eta_line = self.tr("The queue is not emptying at this rate (nothing deleted lately).")
        else:
            eta_line = self.tr("time to empty: {0}").format(self.duration(eta))
        age = self.health.oldest_undeleted_age()
        lines = [  # whole sentences: each translates as one
            self.tr("received {0:.1f}/s · deleted {1:.1f}/s").format(received, deleted),
            eta_line,
            self.tr("oldest undeleted (age since received): {0}").format(
                self.duration(age) if age is not None else self.tr("none")
            ),
        ]
        blocked = self.health.blocked()
        if blocked is not None and blocked.on_purpose:
            lines.append(
                self.tr("Receipt {0} has been held for {1}; the queue waits behind it.").format(
                    blocked.receipt_id, self.duration(blocked.seconds)
                )
            )
        self.figures_label.setText("\n".join(lines))
        alarms = self.alarms()
        self.warning_label.setText("\n".join(alarms))
        self.warning_label.setVisible(bool(alarms))
        self.show_probes()

    def duration(self, seconds: float) -> str:
        """12 s, 3 min 5 s, 4 h 12 min."""
        seconds = max(0, int(seconds))
        if seconds < 60:
            return self.tr("{0} s").format(seconds)
        if seconds < 3600:
            return self.tr("{0} min {1} s").format(seconds // 60, seconds % 60)
        return self.tr("{0} h {1} min").format(seconds // 3600, seconds % 3600 // 60)

    def alarms(self) -> list[str]:
        """What is wrong right now (red here, the first one in the status line); each line is
        gone at the first refresh after its condition ends."""
        return [whole for _short, whole in self._alarms()]

    def status_alarm(self) -> str:
        """The first alarm in a few words for the status line (the whole ones are its tooltip
        and on this page); how many more there are."""
        words = [short for short, _whole in self._alarms()]
        if len(words) > 1:
            return self.tr("{0} (+{1} more)").format(words[0], len(words) - 1)
        return words[0] if words else ""

    def _alarms(self) -> list[tuple[str, str]]:
        """Each alarm raised now, in a few words and whole."""
        raised = []
        blocked = self.health.blocked()
        if blocked is not None and not blocked.on_purpose:
            raised.append(
                (
                    self.tr("queue blocked by receipt {0}").format(blocked.receipt_id),
                    self.tr("queue blocked by receipt {0} for {1}").format(
                        blocked.receipt_id, self.duration(blocked.seconds)
                    ),
                )
            )
        retention = self.health.retention()
        if retention is not None:
            raised.append(
                (
                    self.tr("GREEN-API drops a notification in {0}").format(
                        self.duration(retention.left)
                    ),
                    self.tr(
                        "The oldest undeleted notification was queued {0} ago; GREEN-API drops"
                        " it in {1}."
                    ).format(self.duration(retention.age), self.duration(retention.left)),
                )
            )
        lost = self.probes.alarm()
        if lost is not None:
            raised.append((self.tr("ALARM: probe lost"), self.probe_alarm(lost.id_message)))
        return raised

    def waiting_behind(self) -> int | None:
        """The receipt at the head that probes wait behind: held by the user, or skipped and
        coming back (they are waiting, not lost)."""
        return self.held_receipt if self.held_receipt is not None else self.health.head_in_the_way()

    def probe_alarm(self, id_message: str) -> str:
        """The alarm for a probe not seen in time."""
        return self.tr("ALARM: probe {0} not seen within {1:g} s").format(
            id_message, self.probes.timeout
        )

    # --- probes --------------------------------------------------------------------------
    def show_probes(self) -> None:
        """Probe figures (a lost probe's alarm is with the others, above), the latency
        histogram and the last altered probe's diff."""
        results = self.probes.results
        seen = sorted(r.latency_ms for r in results if r.latency_ms is not None)
        lines = [
            self.tr("Round-trip probes: {0} ({1} lost)").format(
                len(results), len(results) - len(seen)
            )
        ]
        late = [r for r in results if r.late]
        if late:
            lines.append(
                self.tr("Came after they were reported lost: {0} (the latest late by {1})").format(
                    len(late), self.late_by(late[-1])
                )
            )
        if seen:
            lines.append(
                f"p50 {percentile(seen, 0.5):.1f} ms  p95 {percentile(seen, 0.95):.1f} ms"
                f"  max {seen[-1]:.1f} ms"
            )
        head = self.waiting_behind()
        if head is not None and self.probes.waiting():
            lines.append(
                self.tr("Probes waiting behind receipt {0} at the head: {1}").format(
                    head, self.probes.waiting()
                )
            )
        self.probe_label.setText("\n".join(lines))
        *latencies, (_, lost_count) = self.probes.histogram()  # the last bucket: lost probes
        bars = [(label.replace(" ms", ""), count) for label, count in latencies]
        bars.append((self.tr("lost"), lost_count))
        self.probe_chart.set_bars(bars, self.tr("probe latency, ms"))
        altered = [r for r in results if r.changes]
        if altered and altered[-1] is not self._diff_of:
            self._show_diff(altered[-1])

    def set_masked(self, on: bool) -> None:
        """Presentation mode: phone numbers in the probe diff masked (redrawn at once)."""
        self.masked = on
        if self._diff_of is not None:
            self._show_diff(self._diff_of)

    def late_by(self, result: ProbeResult) -> str:
        """How much later than the probe timeout a late probe came."""
        return self.duration((result.latency_ms or 0) / 1000 - self.probes.timeout)

    def _show_diff(self, result: ProbeResult) -> None:
        self._diff_of = result
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
