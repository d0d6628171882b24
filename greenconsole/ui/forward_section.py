"""The Queue tab's bridge to a local webhook handler: the window's `greenconsole forward`.

While on, each notification the tab receives is POSTed to the handler as GREEN-API's webhook
delivery would, and deleted (auto-delete) only after the handler answers 2xx. A thin view over
greenconsole/forward.py, driven through the tab's session.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
)

from greenconsole.forward import PAUSE, Attempt
from greenconsole.invisibles import escape
from greenconsole.protocol.client import validate_api_url
from greenconsole.ui.session import ReceiveSession


class ForwardSection(QGroupBox):
    """URL, pause, an optional webhookUrlToken (kept in memory only) and the on/off switch."""

    def __init__(self, session: ReceiveSession) -> None:
        super().__init__()
        self.setTitle(self.tr("Forward to a local webhook handler"))
        self._session = session
        self.forwarded = 0
        self.refused = 0
        self.url = QLineEdit()
        self.url.setPlaceholderText("http://localhost:8080/webhook")
        self.url.setAccessibleName(self.tr("Handler URL"))
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("optional: sent as Authorization: Bearer …"))
        self.token.setAccessibleName(self.tr("webhookUrlToken"))
        self.pause = QDoubleSpinBox()
        self.pause.setRange(0.1, 600)
        self.pause.setValue(PAUSE)
        self.pause.setSuffix(self.tr(" s"))
        self.pause.setToolTip(
            self.tr("GREEN-API sends a refused notification again after 60 s; 1 s suits local work")
        )
        self.pause.setAccessibleName(self.tr("Pause before sending again"))
        self.switch = QCheckBox(self.tr("Forward each notification before its delete"))
        self.status_label = QLabel(self.tr("Off."))
        self.status_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Handler:"), self.url)
        form.addRow(self.tr("Token:"), self.token)
        form.addRow(self.tr("Pause:"), self.pause)
        form.addRow(self.switch)
        form.addRow(self.status_label)
        self.switch.toggled.connect(self.apply)
        session.forwarded.connect(self.on_attempt)

    def apply(self) -> None:
        """Turn forwarding on (with a valid URL) or off."""
        if not self.switch.isChecked():
            self._session.forward_to(None)
            self.status_label.setText(self.tr("Off."))
            return
        try:
            target = validate_api_url(self.url.text(), self.tr("Handler"))
        except ValueError as exc:
            self.switch.setChecked(False)
            self.status_label.setText(str(exc))
            return
        self._session.forward_to(target, self.pause.value(), self.token.text().strip())
        self.forwarded = self.refused = 0
        self.status_label.setText(
            self.tr("On: notifications go to {0}, then are deleted after a 2xx.").format(target)
        )

    def on_attempt(self, attempt: Attempt) -> None:
        """Count the attempt and show the last one."""
        if attempt.ok:
            self.forwarded += 1
        else:
            self.refused += 1
        outcome = (
            self.tr("{0} in {1:.0f} ms").format(attempt.status, attempt.milliseconds)
            if attempt.status
            else self.tr("no answer ({0})").format(attempt.error)
        )
        line = self.tr("Delivered: {0}, refused: {1}. Last: receipt {2} → {3}").format(
            self.forwarded, self.refused, attempt.delivery.notification.receipt_id, outcome
        )
        self.status_label.setText(escape(line))  # a handler's error text is outside input
