"""The export file dialog, with the choice to mask phone numbers and names in view."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QGridLayout, QWidget


class ExportDialog(QFileDialog):
    """Save-as for an export: Qt's own (non-native) dialog, so that the masking checkbox can
    sit in it; `chosen` gives the path and whether to mask."""

    chosen = Signal(str, bool)

    def __init__(self, parent: QWidget, file_name: str, masked: bool) -> None:
        super().__init__(parent, self.tr("Export"), file_name)
        self.setOption(QFileDialog.Option.DontUseNativeDialog)
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.mask_box = QCheckBox(self.tr("Mask phone numbers and names"))
        self.mask_box.setToolTip(
            self.tr(
                "Write 7900•••4567 and I••• instead of the real numbers and names; a masked "
                "export is not replayed unless you ask for it"
            )
        )
        self.mask_box.setChecked(masked)
        layout = self.layout()
        if isinstance(layout, QGridLayout):  # Qt's own dialog lays itself out on a grid
            layout.addWidget(self.mask_box, layout.rowCount(), 0, 1, -1)
        self.fileSelected.connect(lambda path: self.chosen.emit(path, self.mask_box.isChecked()))
