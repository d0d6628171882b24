"""Real test traffic: send a real message (sendMessage) to a chat the user names, after a
confirmation naming it, then follow its notifications with the round-trip time of each step.

The debug webhook exists only in the 2021 docs; on a real account this is how test traffic is made.
A thin view over greenconsole/followup.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from greenconsole.capture import Delivery
from greenconsole.connection import ConnectionSettings
from greenconsole.followup import Followed, FollowUp, Step
from greenconsole.protocol.client import GreenApiClient
from greenconsole.protocol.errors import GreenApiError
from greenconsole.protocol.settings import CHAT_ID
from greenconsole.redact import mask_phones
from greenconsole.ui.dialogs import confirm
from greenconsole.ui.error_text import error_text
from greenconsole.ui.tasks import TaskSet


class RealMessagePanel(QGroupBox):
    """sendMessage to a chosen chat, and the notifications that follow it."""

    def __init__(
        self,
        tasks: TaskSet,
        settings: Callable[[], ConnectionSettings | None],
        polling: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("Send a real message (sendMessage)"))
        self._tasks = tasks
        self._settings = settings
        self._polling = polling
        self.follow = FollowUp()
        self.current: Followed | None = None
        self.masked = False
        self.chat = QLineEdit()
        self.chat.setPlaceholderText("79001234567@c.us")
        self.chat.setAccessibleName(self.tr("Chat to send to"))
        self.text = QLineEdit(self.tr("Green Console test message"))
        self.text.setAccessibleName(self.tr("Message text"))
        self.send_button = QPushButton(self.tr("Send real message…"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.steps = QTreeWidget()
        self.steps.setHeaderLabels([self.tr("Notification"), self.tr("Reached the console after")])
        self.steps.setRootIsDecorated(False)
        self.steps.setAccessibleName(self.tr("Notifications of the sent message"))
        form = QFormLayout()
        form.addRow(self.tr("Chat:"), self.chat)
        form.addRow(self.tr("Text:"), self.text)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.send_button)
        layout.addWidget(self.result_label)
        layout.addWidget(self.steps)
        self.send_button.clicked.connect(self.confirm_send)
        for field in (self.chat, self.text):  # an old complaint goes once the input changes
            field.textEdited.connect(lambda _: self.result_label.clear())

    def confirm_send(self) -> None:
        """Check the chat, then ask, naming the chat and the instance."""
        settings = self._settings()
        chat, text = self.chat.text().strip(), self.text.text()
        if settings is None:
            self.result_label.setText(self.tr("Fill in the connection form first."))
            return
        if not CHAT_ID.fullmatch(chat):
            self.result_label.setText(
                self.tr("Chat: expected a chat id such as 79001234567@c.us or a group's @g.us id")
            )
            return
        if not text.strip():
            self.result_label.setText(self.tr("Text: write the message to send"))
            return
        self.send_dialog = confirm(
            self,
            self.tr("Send a real message"),
            self.tr(
                "Send this message from instance {0} to {1}?\n\n{2}\n\nIt is a real WhatsApp "
                "message: the chat receives it, and it counts against the account's limits."
            ).format(settings.id_instance, self._shown(chat), text),
            lambda: self._tasks.spawn(self._send(settings, chat, text)),
        )

    async def _send(self, settings: ConnectionSettings, chat: str, text: str) -> None:
        self.send_button.setEnabled(False)
        try:
            async with GreenApiClient(
                settings.api_url, settings.id_instance, settings.token
            ) as client:
                started = time.time()
                id_message = await client.send_message(chat, text)
        except GreenApiError as exc:
            self.result_label.setText(self.tr("Not sent: {0}").format(error_text(exc)))
            return
        finally:
            self.send_button.setEnabled(True)
        self.current = self.follow.sent(id_message, chat, started)
        self.steps.clear()
        for step in self.current.steps:  # any that came before sendMessage answered
            self._add(step)
        sent = self.tr("Sent to {0}: idMessage {1}.").format(self._shown(chat), id_message)
        follow = (
            self.tr("Its notifications appear here as they reach the console.")
            if self._polling()
            else self.tr(
                "The tab is not polling: Start it to see its notifications (each is timed "
                "when it reaches the console)."
            )
        )
        self.result_label.setText(f"{sent} {follow}")

    def on_delivery(self, delivery: Delivery) -> None:
        """A notification arrived: a step of a followed message is listed with its delay."""
        followed = self.follow.seen(delivery.notification.body, time.time())
        if followed is None or followed is not self.current:
            return
        self._add(followed.steps[-1])

    def _add(self, step: Step) -> None:
        item = QTreeWidgetItem([step.label, self.tr("{0:.2f} s").format(step.seconds)])
        self.steps.addTopLevelItem(item)

    def set_masked(self, masked: bool) -> None:
        """Presentation mode: the chat's number is masked in what this panel writes."""
        self.masked = masked
        self.chat.setEchoMode(QLineEdit.EchoMode.Password if masked else QLineEdit.EchoMode.Normal)

    def _shown(self, chat: str) -> str:
        return mask_phones(chat) if self.masked else chat
