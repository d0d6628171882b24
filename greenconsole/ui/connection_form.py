"""The connection form: fields validated as you type, masked token, named profiles."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from greenconsole.connection import (
    CLEARTEXT,
    DIGITS_ONLY,
    NEEDS_URL,
    REQUIRED,
    TIMEOUT_RANGE,
    TOKEN_CHARS,
    ConnectionSettings,
)
from greenconsole.protocol.client import default_webhook_url
from greenconsole.redact import mask_instance
from greenconsole.ui.palette import Tone, error_field_style, text_style
from greenconsole.ui.profiles import Profiles

ERROR_TEXT_STYLE = "font-size: small; "


class ConnectionForm(QGroupBox):
    """API URL, idInstance, token, receiveTimeout, ack mode, webhook URL, profiles."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, profiles: Profiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Connection form"))
        self.profiles = profiles
        self.presenting = False
        self.api_url = QLineEdit(placeholderText="https://api.green-api.com")
        self.id_instance = QLineEdit(placeholderText=self.tr("idInstance, e.g. 1101000001"))
        self.token = QLineEdit(placeholderText="apiTokenInstance")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_token = QCheckBox(self.tr("sh&ow"))
        self.show_token.setAccessibleName(self.tr("Show the token"))
        self.show_token.toggled.connect(
            lambda on: self.token.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.receive_timeout = QSpinBox(minimum=5, maximum=60, suffix=self.tr(" s"))
        self.receive_timeout.setToolTip(
            self.tr("How long one receiveNotification waits for a notification (5 to 60 s)")
        )
        self.ack_mode = QComboBox()
        self.ack_mode.addItems(
            [
                self.tr("manual (hold until deleted)"),
                self.tr("auto-delete"),
                self.tr("auto-delete, one request at a time"),
            ]
        )
        self.ack_mode.setItemData(
            0,
            self.tr("Hold the head of the queue: no further poll until you delete or skip it"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.ack_mode.setItemData(
            2,
            self.tr("Each delete answered before the next receive is sent (slower on a slow link)"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.webhook_url = QLineEdit(placeholderText="https://webhook.green-api.com")
        self.profile_box = QComboBox()
        self.profile_box.setPlaceholderText(self.tr("(no profile)"))
        self.profile_box.activated.connect(
            lambda _: self.load_profile(self.profile_box.currentText())
        )
        save = QPushButton(self.tr("&Save profile…"))
        save.clicked.connect(self.ask_profile_name)
        self.remove_button = QPushButton(self.tr("De&lete profile"))
        self.remove_button.clicked.connect(self.remove_profile)
        self.keyring_note = QLabel()
        self.keyring_note.setStyleSheet(text_style(Tone.WARNING))
        self.fields = {
            "api_url": self.api_url,
            "id_instance": self.id_instance,
            "token": self.token,
            "receive_timeout": self.receive_timeout,
            "webhook_url": self.webhook_url,
        }
        self.errors = {name: QLabel() for name in self.fields}
        self.reasons = {  # connection.py's reasons (no Qt there), as the user reads them
            NEEDS_URL: self.tr("an http:// or https:// URL with a host, no spaces"),
            REQUIRED: self.tr("required"),
            DIGITS_ONLY: self.tr("digits only"),
            TOKEN_CHARS: self.tr("no spaces, /, ?, #, %, .. or control characters inside"),
            TIMEOUT_RANGE: self.tr("5 to 60 seconds"),
            CLEARTEXT: self.tr("plain http to a non-local host: the token travels in clear"),
        }
        for error in self.errors.values():
            # the row keeps its height and the form its width whatever the reason says: the
            # reason is cut at the field's width (the field's tooltip has it whole)
            policy = error.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            policy.setRetainSizeWhenHidden(True)
            error.setSizePolicy(policy)
            error.setStyleSheet(ERROR_TEXT_STYLE + text_style(Tone.ERROR))
            error.setText("Ág")
            error.ensurePolished()
            error.setFixedHeight(error.sizeHint().height())
            error.clear()
        for combo in (self.ack_mode, self.profile_box):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.keyring_note.setWordWrap(True)

        self.fold_button = QToolButton()
        self.fold_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.fold_button.setAutoRaise(True)
        self.fold_button.setText(self.tr("Connection"))
        self.fold_button.setAccessibleName(self.tr("Connection form"))
        self._folded = False
        self.summary = QLabel()
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.fold_button)
        header.addWidget(self.summary, 1)
        header.addStretch()
        self.body = QWidget()
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        profile_row = QHBoxLayout()
        for item in (self.profile_box, save, self.remove_button):
            profile_row.addWidget(item)
        profile_row.addWidget(self.keyring_note, 1)
        grid.addWidget(self._label(self.tr("&Profile"), self.profile_box), 0, 0)
        grid.addLayout(profile_row, 0, 1, 1, 5)
        token_row = QHBoxLayout()
        token_row.addWidget(self.token, 1)
        token_row.addWidget(self.show_token)
        layout: list[tuple[str, QWidget, QWidget | QHBoxLayout, str | None, int, int]] = [
            (self.tr("API &URL"), self.api_url, self.api_url, "api_url", 1, 0),
            (self.tr("&idInstance"), self.id_instance, self.id_instance, "id_instance", 1, 2),
            (self.tr("apiTo&kenInstance"), self.token, token_row, "token", 1, 4),
            (
                self.tr("&receiveTimeout"),
                self.receive_timeout,
                self.receive_timeout,
                "receive_timeout",
                3,
                0,
            ),
            (self.tr("A&ck mode"), self.ack_mode, self.ack_mode, None, 3, 2),
            (self.tr("Debug &webhook"), self.webhook_url, self.webhook_url, "webhook_url", 3, 4),
        ]
        for label, field, widget, name, row, column in layout:
            grid.addWidget(self._label(label, field), row, column)
            if isinstance(widget, QHBoxLayout):
                grid.addLayout(widget, row, column + 1)
            else:
                grid.addWidget(widget, row, column + 1)
            if name:
                grid.addWidget(self.errors[name], row + 1, column + 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 2, 6, 4)
        outer.setSpacing(2)
        outer.addLayout(header)
        outer.addWidget(self.body)
        self._show_body(True)

        self._api_url = ""  # the API URL the debug webhook last followed
        self.api_url.textChanged.connect(self._follow_api_url)
        for line_edit in (self.api_url, self.id_instance, self.token, self.webhook_url):
            line_edit.textChanged.connect(self.validate)
        self.receive_timeout.valueChanged.connect(self.validate)
        self.ack_mode.currentIndexChanged.connect(self.validate)
        self.set_settings(ConnectionSettings())
        self.refresh_profiles()

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: the token stays masked, its "show" toggle is off and disabled;
        the instance id is hidden in its field and masked in the folded summary."""
        self.presenting = on
        if on:
            self.show_token.setChecked(False)
        self.show_token.setEnabled(not on)
        self.id_instance.setEchoMode(
            QLineEdit.EchoMode.Password if on else QLineEdit.EchoMode.Normal
        )
        self._summarize()

    def shown_instance(self) -> str:
        """The instance id as it may be shown now (masked in presentation mode)."""
        text = self.settings().id_instance
        return mask_instance(text) if self.presenting else text

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        """A field's label: its mnemonic focuses the field, screen readers name it by it."""
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _error_style(widget: QWidget) -> str:
        return error_field_style("QSpinBox" if isinstance(widget, QSpinBox) else "QLineEdit")

    # --- folding -------------------------------------------------------------------------
    def folded(self) -> bool:
        """True while only the one-line summary shows."""
        return self._folded

    def set_folded(self, folded: bool) -> None:
        """Show only the summary line (True) or every field (False)."""
        self._folded = folded
        self._show_body(not folded)

    def set_editable(self, editable: bool) -> None:
        """Lock the fields while polling (folding stays available)."""
        self.body.setEnabled(editable)

    def _show_body(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.summary.setVisible(not shown)
        self.fold_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.fold_button.setToolTip(
            self.tr("Hide the connection fields")
            if shown
            else self.tr("Show the connection fields")
        )

    def _summarize(self) -> None:
        current = self.settings()
        mode = self.tr("auto-delete") if current.auto_delete else self.tr("manual")
        self.summary.setText(
            self.tr("instance {0} at {1} · {2}").format(
                self.shown_instance() or "—", current.api_url or "—", mode
            )
        )

    def settings(self) -> ConnectionSettings:
        """The form's values (valid or not)."""
        return ConnectionSettings(
            api_url=self.api_url.text().strip(),
            id_instance=self.id_instance.text().strip(),
            token=self.token.text().strip(),
            receive_timeout=self.receive_timeout.value(),
            auto_delete=self.ack_mode.currentIndex() in (1, 2),
            overlap=self.ack_mode.currentIndex() != 2,
            webhook_url=self.webhook_url.text().strip(),
        )

    def set_settings(self, settings: ConnectionSettings) -> None:
        """Fill the form."""
        self.api_url.setText(settings.api_url)
        self.id_instance.setText(settings.id_instance)
        self.token.setText(settings.token)
        self.receive_timeout.setValue(settings.receive_timeout)
        self.ack_mode.setCurrentIndex((1 if settings.overlap else 2) if settings.auto_delete else 0)
        self.webhook_url.setText(settings.webhook_url)
        self.validate()

    def _follow_api_url(self, api_url: str) -> None:
        """A debug webhook left at the previous API URL's default takes the new one's (a local
        sandbox's API URL → its own debug webhook); one the user chose stays."""
        if self.webhook_url.text().strip() in ("", default_webhook_url(self._api_url)):
            self.webhook_url.setText(default_webhook_url(api_url))
        self._api_url = api_url

    def instance_number(self) -> int | None:
        """The idInstance as a number, when the field holds one."""
        text = self.settings().id_instance
        return int(text) if text.isdigit() else None

    def validate(self) -> bool:
        """Mark each invalid field with its reason (warnings too); True when all are valid."""
        current = self.settings()
        errors, warnings = current.errors(), current.warnings()
        for name, widget in self.fields.items():
            reason = errors.get(name) or warnings.get(name, "")
            reason = self.reasons.get(reason, reason)
            self.errors[name].setText(reason)
            self.errors[name].setVisible(bool(reason))
            self.errors[name].setStyleSheet(
                ERROR_TEXT_STYLE + text_style(Tone.ERROR if name in errors else Tone.WARNING)
            )
            widget.setStyleSheet(self._error_style(widget) if name in errors else "")
            widget.setToolTip(reason)
            widget.setAccessibleDescription(reason)
        self._summarize()
        self.changed.emit()
        return not errors

    def is_valid(self) -> bool:
        """True when every field is valid."""
        return not self.settings().errors()

    def mark(self, field: str, reason: str) -> None:
        """Flag a field the server refused (e.g. 401 → the token)."""
        name = {"apiTokenInstance": "token", "idInstance": "id_instance"}.get(field, field)
        self.fields[name].setStyleSheet(self._error_style(self.fields[name]))
        self.fields[name].setAccessibleDescription(reason)
        self.errors[name].setText(reason)
        self.errors[name].setVisible(True)
        self.set_folded(False)  # the field to fix is in view

    # --- profiles ------------------------------------------------------------------------
    def refresh_profiles(self) -> None:
        """Reload the profile list; tell when tokens can only be kept for this session."""
        current = self.profile_box.currentText()
        self.profile_box.clear()
        self.profile_box.addItems(self.profiles.names())
        self.profile_box.setCurrentIndex(self.profile_box.findText(current))
        self.remove_button.setEnabled(self.profile_box.count() > 0)
        if not self.profiles.tokens.persistent:
            self.keyring_note.setText(
                self.tr("no OS keyring: saved tokens are kept for this session only")
            )

    def load_profile(self, name: str) -> None:
        """Fill the form from a saved profile."""
        if name:
            self.set_settings(self.profiles.load(name))
            self.profile_box.setCurrentIndex(self.profile_box.findText(name))
            self.message.emit(self.tr("profile {0!r} loaded").format(name))

    def ask_profile_name(self) -> None:
        """Ask for a name (non-blocking dialog), then save."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save profile"))
        dialog.setLabelText(self.tr("Profile name:"))
        dialog.setTextValue(
            self.profile_box.currentText()
            or self.tr("instance {0}").format(self.shown_instance())  # masked when presenting
        )
        dialog.textValueSelected.connect(self.save_profile)
        dialog.open()

    def save_profile(self, name: str) -> None:
        """Save the form as `name`; the token goes to the keyring."""
        name = name.strip().replace("/", "-")
        if not name:
            return
        self.profiles.save(name, self.settings())
        self.refresh_profiles()
        self.profile_box.setCurrentIndex(self.profile_box.findText(name))
        if self.profiles.tokens.persistent:
            text = self.tr("profile {0!r} saved (token in the OS keyring)")
        else:
            text = self.tr("profile {0!r} saved (token in memory, this session only)")
        self.message.emit(text.format(name))

    def remove_profile(self) -> None:
        """Delete the selected profile and its token."""
        name = self.profile_box.currentText()
        if name:
            self.profiles.remove(name)
            self.refresh_profiles()
            self.message.emit(self.tr("profile {0!r} deleted").format(name))

    def use_sandbox(self, api_url: str, id_instance: int, token: str) -> None:
        """Point the form at an embedded sandbox."""
        self.set_settings(
            replace(
                self.settings(),
                api_url=api_url,
                id_instance=str(id_instance),
                token=token,
                webhook_url=api_url + "/",
            )
        )
        self.profile_box.setCurrentIndex(-1)
