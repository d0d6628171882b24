"""The inspector's links: the message the inspected notification refers to, and what refers to
it; a click selects that capture's row in the feed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from greenconsole.links import Link, Links
from greenconsole.redact import mask_phones
from greenconsole.ui.palette import Tone, text, text_style

CAPTURE_ROLE = Qt.ItemDataRole.UserRole + 1


class LinksSection(QWidget):
    """Links of the inspected notification (hidden when it has none)."""

    open_capture = Signal(object)  # the row key of a clicked link: a capture id, or an
    # imported row's (object: Signal(int) is 32-bit, keys are 64-bit)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.masked = False
        self.links: Links | None = None
        self.kinds = {
            "message": self.tr("→ message"),
            "status": self.tr("← status"),
            "reply": self.tr("← reply"),
            "reaction": self.tr("← reaction"),
            "edit": self.tr("← edit"),
            "deletion": self.tr("← deletion"),
            "poll vote": self.tr("← poll vote"),
            "choice": self.tr("← choice"),
        }
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(text_style(Tone.ERROR))
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Linked notifications"))
        self.tree.setHeaderLabels(
            [self.tr("Link"), self.tr("Receipt"), self.tr("Type"), self.tr("Summary")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setMaximumHeight(140)
        self.tree.setToolTip(self.tr("Click a link to select its row in the feed"))
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.missing)
        layout.addWidget(self.tree)
        self.hide()

    def show_links(self, links: Links | None) -> None:
        """Show the links found for the inspected notification (None: it has none to look for)."""
        self.links = links
        self.tree.clear()
        if links is None or (links.reference is None and not links.referrers):
            self.hide()
            return
        self.title.setText(self.tr("Links of {0}").format(links.id_message or "—"))
        self.missing.setVisible(links.missing)
        if links.reference is not None and links.missing:
            missing = (
                self.tr("message {0} is not in the imported file")
                if links.imported
                else self.tr(
                    "message {0} is not in this journal: it was not captured by this console"
                )
            )
            self.missing.setText(missing.format(links.reference.target))
        for link in [*links.targets, *links.referrers]:
            self.tree.addTopLevelItem(self._item(link))
        if links.more_referrers:
            more = QTreeWidgetItem([self.tr("… and {0} more").format(links.more_referrers)])
            self.tree.addTopLevelItem(more)
        self.tree.setVisible(self.tree.topLevelItemCount() > 0)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.show()

    def set_masked(self, masked: bool) -> None:
        """Hide (or show again) phone numbers in the summaries, and redraw."""
        self.masked = masked
        self.show_links(self.links)

    def _item(self, link: Link) -> QTreeWidgetItem:
        summary = mask_phones(link.summary) if self.masked else link.summary
        receipt = "" if link.receipt_id is None else str(link.receipt_id)
        item = QTreeWidgetItem(
            [self.kinds.get(link.kind, link.kind), receipt, link.type_webhook, summary]
        )
        item.setData(0, CAPTURE_ROLE, link.capture_id)
        item.setForeground(0, QBrush(text(Tone.INFO)))
        item.setToolTip(3, summary)
        return item

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        capture_id = item.data(0, CAPTURE_ROLE)
        if isinstance(capture_id, int):
            self.open_capture.emit(capture_id)
