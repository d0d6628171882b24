"""The composer: templates for every typeWebhook, a validating JSON editor, Send, Send ×N and
linked scenarios."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from greenconsole import jsontext, scenarios
from greenconsole.large_text import BIG_TEXT, size_text
from greenconsole.protocol.client import REQUEST_TIMEOUT, http_client, post_webhook
from greenconsole.protocol.errors import GreenApiError
from greenconsole.protocol.probe import ProbeTracker, probe_body
from greenconsole.redact import redact
from greenconsole.templates import DEPRECATED_TYPES, deprecated_message, fill, templates
from greenconsole.ui import keys
from greenconsole.ui.flow_layout import FlowLayout
from greenconsole.ui.inspector import JsonHighlighter
from greenconsole.ui.json_editor import LONG_LINE, JsonEditor
from greenconsole.ui.palette import Tone, text_style
from greenconsole.ui.tasks import TaskSet

NOT_AN_OBJECT = "a notification body must be a JSON object"
SEND_KEYS = {
    (Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Return).toCombined(),
    (Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Enter).toCombined(),
}
ANSWER_LINES = 3
"""The answer line's fixed height in lines: the buttons above it never move after a send."""
COMBO_CHARS = 14
"""Characters a template or scenario choice shows at least: longer names elide, so the page
fits a laptop (the whole name is in the list and the tooltip)."""


def check_json(text: str) -> tuple[dict[str, Any] | None, str]:
    """(body, "") for a JSON object, else (None, a one-line error with line and column)."""
    try:
        value = jsontext.loads(text)  # the same rules as the sandbox and the CLI
    except jsontext.JsonTextError as exc:
        message = str(exc).split(": line ")[0]  # the place goes first, in the editor's terms
        return None, f"{exc.where}: {message}" if exc.where else message
    if not isinstance(value, dict):
        return None, NOT_AN_OBJECT
    return value, ""


class Composer(QWidget):
    """Compose a notification body and POST it to the debug webhook URL of the form."""

    sent = Signal(int, float, str)  # status, elapsed ms, response text

    def __init__(
        self,
        tasks: TaskSet,
        webhook_url: Callable[[], str],
        id_instance: Callable[[], str],
        probes: ProbeTracker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._probes = probes
        self._webhook_url = webhook_url
        self._id_instance = id_instance
        self._http: httpx.AsyncClient | None = None
        self._sending = False
        self._template_for: int | None = None  # the idInstance of the untouched template shown
        self.template_box = QComboBox()
        for name, body in templates().items():
            old = body["typeWebhook"] in DEPRECATED_TYPES or deprecated_message(body)
            label = self.tr("{0} (deprecated)").format(name) if old else name
            self.template_box.addItem(label, name)
        self.template_box.activated.connect(self.apply_template)
        fresh = QPushButton(self.tr("New from template"))
        fresh.clicked.connect(self.apply_template)
        self.editor = JsonEditor(check_json)
        self.editor.setAccessibleName(self.tr("Notification body (JSON)"))
        self.editor.setAccessibleDescription(
            self.tr("Checked as you type; Ctrl+Enter sends it to the debug webhook")
        )
        self.editor.setFont(QFont("monospace"))
        self.editor.textChanged.connect(self.validate)
        self.editor.checked.connect(self.validate)
        for changed in (self.editor.textChanged, self.editor.checked):
            changed.connect(self._show_masked)
        self.editor.installEventFilter(self)
        # presentation mode: a read-only masked copy stands in for the editor (the editor's
        # text is never masked, so what is sent is never a masked number)
        self.masked = False
        self.masked_view = QPlainTextEdit(readOnly=True)
        self.masked_view.setFont(QFont("monospace"))
        self.masked_view.setAccessibleName(self.tr("Notification body, masked (read-only)"))
        self._masked_highlighter = JsonHighlighter(self.masked_view.document())
        self.bodies = QStackedWidget()
        self.bodies.addWidget(self.editor)
        self.bodies.addWidget(self.masked_view)
        self.presentation_note = QLabel(
            self.tr(
                "Presentation mode: the body is shown masked and read-only; turn presentation "
                "mode off to edit and send it."
            )
        )
        self.origin = QLabel()
        for note in (self.presentation_note, self.origin):
            note.setWordWrap(True)
            note.hide()
        self.error = QLabel()
        self.error.setStyleSheet(text_style(Tone.ERROR))
        self._big_note = self.tr(
            "Highlighting off for bodies over {0}; a big body is checked when you pause"
        ).format(size_text(BIG_TEXT))
        self._held_note = self.tr(
            "A line over {0} characters: the body is shown folded and read-only, Send posts it "
            "as pasted (paste again or pick a template to replace it)"
        ).format(f"{LONG_LINE:,}")
        self.big_note = QLabel()
        self.big_note.setWordWrap(True)
        self.big_note.setStyleSheet(text_style(Tone.INFO))
        self.big_note.hide()
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setToolTip(
            keys.hint(self.tr("POST the body to the form's debug webhook"), keys.SEND)
        )
        self.send_button.clicked.connect(lambda: self.send(1))
        self.times = QSpinBox(minimum=2, maximum=10_000, value=10)
        self.probe_button = QPushButton(self.tr("Send probe"))
        self.probe_button.setToolTip(
            self.tr(
                "POST a marked notification (idMessage PROBE-…) and time its way out of the "
                "queue; the Queue tab shows the figures"
            )
        )
        self.probe_button.clicked.connect(self.send_probe)
        self.burst_button = QPushButton(self.tr("Send ×N"))
        self.burst_button.clicked.connect(lambda: self.send(self.times.value()))
        self.scenario_box = QComboBox()
        for name, chosen in scenarios.SCENARIOS.items():
            self.scenario_box.addItem(name, name)
            description = QCoreApplication.translate("scenarios", chosen.description)
            index = self.scenario_box.count() - 1
            self.scenario_box.setItemData(index, description, Qt.ItemDataRole.ToolTipRole)
        self.scenario_button = QPushButton(self.tr("Send scenario"))
        self.scenario_button.setToolTip(
            self.tr(
                "POST the scenario's notifications at once, linked by their ids; their "
                "timestamps keep the real gaps"
            )
        )
        self.scenario_button.clicked.connect(self.send_scenario)
        self.scenario_note = QLabel()
        self.scenario_note.setWordWrap(True)
        self.scenario_note.setFixedHeight(self.scenario_note.fontMetrics().lineSpacing() * 2 + 4)
        self.scenario_box.currentIndexChanged.connect(self._describe_scenario)
        self._describe_scenario()
        self.answer = QLabel("—")
        self.answer.setWordWrap(True)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.answer.setFixedHeight(self.answer.fontMetrics().lineSpacing() * ANSWER_LINES + 4)

        for box in (self.template_box, self.scenario_box):  # long names elide: the page fits
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(COMBO_CHARS)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Template")))
        top.addWidget(self.template_box, 1)
        top.addWidget(fresh)
        actions = FlowLayout()
        actions.addWidget(self.send_button)
        actions.addWidget(self.burst_button)
        times_label = QLabel("N =")
        times_label.setBuddy(self.times)
        self.times.setAccessibleName(self.tr("Copies to send (N)"))
        actions.addWidget(times_label)
        actions.addWidget(self.times)
        actions.addWidget(self.probe_button)
        scenario = QHBoxLayout()
        scenario.addWidget(QLabel(self.tr("Scenario")))
        scenario.addWidget(self.scenario_box, 1)
        scenario.addWidget(self.scenario_button)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.origin)
        layout.addWidget(self.presentation_note)
        layout.addWidget(self.bodies, 1)
        layout.addWidget(self.big_note)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addLayout(scenario)
        layout.addWidget(self.scenario_note)
        layout.addWidget(self.answer)
        self.apply_template()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let Ctrl+Enter reach the window's Send action: the editor would take it as typing."""
        if (
            watched is self.editor
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination().toCombined() in SEND_KEYS
        ):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def add_section(self, widget: QWidget) -> None:
        """Another part below the composer's own (e.g. the real-message sender)."""
        self._layout.addWidget(widget)

    def apply_template(self) -> None:
        """Fill the editor with the chosen template: the form's idInstance, a fresh idMessage."""
        template = templates()[self.template_box.currentData()]
        id_text = self._id_instance()
        instance = int(id_text) if id_text.isdigit() else 0
        body = fill(template, instance)
        self.origin.hide()
        self.editor.setPlainText(json.dumps(body, ensure_ascii=False, indent=2))
        self._template_for = instance

    def follow_instance(self) -> None:
        """The form's idInstance changed: a template not edited since it was filled takes the
        new one (a tab opened on an instance, a profile loaded, an idInstance typed)."""
        id_text = self._id_instance()
        instance = int(id_text) if id_text.isdigit() else 0
        if self._template_for not in (None, instance) and not self.editor.document().isModified():
            self.apply_template()

    def load_body(self, body: dict[str, Any], origin: str) -> None:
        """Put a notification's body in the editor to edit and send again; `origin` says where
        it came from ("from receipt 12 (incomingMessageReceived)")."""
        self.editor.setPlainText(jsontext.dumps(body, indent=2))
        self._template_for = None  # not a template: it keeps its idInstance
        self.origin.setText(origin)
        self.origin.show()

    def set_masked(self, masked: bool) -> None:
        """Presentation mode: the body is shown masked and read-only, and nothing is sent
        from the editor until it is off."""
        self.masked = masked
        self.bodies.setCurrentWidget(self.masked_view if masked else self.editor)
        self.presentation_note.setVisible(masked)
        self._show_masked()
        self.validate()

    def _show_masked(self) -> None:
        if not self.masked:
            return
        body = self.body()
        if self.editor.big:  # masking and laying out megabytes here would freeze the window
            self.masked_view.setPlainText(self.tr("(a big body: hidden in presentation mode)"))
        elif body is None:
            self.masked_view.setPlainText(
                self.tr("(the body is not valid JSON: hidden in presentation mode)")
            )
        else:
            self.masked_view.setPlainText(jsontext.dumps(redact(body, instance=True), indent=2))

    def body(self) -> dict[str, Any] | None:
        """The editor's body, or None while it is invalid (or a big one is still checked)."""
        verdict = self.editor.verdict()
        return verdict[0] if verdict else None

    def validate(self) -> bool:
        """Show the error line; Send is enabled only for a valid object."""
        verdict = self.editor.verdict()
        self.big_note.setVisible(self.editor.big)
        self.big_note.setText(self._held_note if self.editor.held is not None else self._big_note)
        if verdict is None:
            body = None
            done, total = self.editor.paste_progress()
            self.error.setText(
                self.tr("pasting {0}: {1}%…").format(size_text(total), done * 100 // total)
                if done < total
                else self.tr("checking {0}…").format(
                    size_text(self.editor.document().characterCount() - 1)
                )
            )
        else:
            body, error = verdict
            if error == NOT_AN_OBJECT:
                error = self.tr("a notification body must be a JSON object")
            self.error.setText("" if self.masked else error)
        valid = body is not None and not self.masked
        self.send_button.setEnabled(valid and not self._sending)
        self.burst_button.setEnabled(valid and not self._sending)
        self.scenario_button.setEnabled(not self._sending)
        return valid

    def _describe_scenario(self) -> None:
        self.scenario_note.setText(self.scenario_box.currentData(Qt.ItemDataRole.ToolTipRole) or "")

    def send_probe(self) -> None:
        """POST a round-trip probe for the form's instance (the editor is left as it is)."""
        id_text = self._id_instance()
        if self._sending or not id_text.isdigit():
            return
        body = probe_body(int(id_text))
        self._probes.sent(body)
        self._start_post([body])

    def send(self, times: int) -> None:
        """POST the body `times` times in the background (each with its own idMessage if ×N)."""
        body = self.body()
        if body is None or self._sending or times < 1 or self.masked:
            return
        if times > 1 and "idMessage" in body:  # a burst of distinct messages
            bodies = [
                {**body, "idMessage": f"{body['idMessage']}-{n}"} for n in range(1, times + 1)
            ]
        else:
            bodies = [body] * times
        self._start_post(bodies)

    def send_scenario(self) -> None:
        """POST the chosen scenario's bodies in order, at once (the gaps are in the timestamps)."""
        id_text = self._id_instance()
        if self._sending:
            return
        if not id_text.isdigit():
            self.answer.setText(self.tr("not sent: idInstance: digits only"))
            return
        postings = scenarios.build(self.scenario_box.currentData(), int(id_text))
        self._start_post([posting.body for posting in postings])

    def _start_post(self, bodies: list[dict[str, Any]]) -> None:
        """Disable the send buttons at once (a second click sends nothing), then post."""
        self._sending = True
        self.validate()
        self._tasks.spawn(self._post(bodies))

    async def _post(self, bodies: list[dict[str, Any]]) -> None:
        """POST `bodies` in order, up to the first refusal; the answer line says how it went."""
        url = self._webhook_url()
        self._http = self._http or http_client(timeout=REQUEST_TIMEOUT)
        try:
            sent, total_ms = 0, 0.0
            for body in bodies:
                response = await post_webhook(self._http, url, body)
                total_ms += response.elapsed_ms
                if not response.ok:
                    break
                sent += 1
            text = response.text.strip()[:300]
            self.answer.setText(
                self.tr("HTTP {0} · {1:.1f} ms · sent {2} of {3} → {4}\n{5}").format(
                    response.status, total_ms, sent, len(bodies), url, text
                )
            )
            self.sent.emit(response.status, total_ms, text)
        except GreenApiError as exc:
            self.answer.setText(self.tr("not sent: {0} → {1}").format(exc, url))
        finally:
            self._sending = False
            self.validate()

    async def aclose(self) -> None:
        """Close the composer's connection pool."""
        if self._http is not None:
            await self._http.aclose()
