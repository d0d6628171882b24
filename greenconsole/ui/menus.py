"""The menu bar: every action of the window, with its shortcut and mnemonic.

Actions work on the tab in front; the buttons they stand for keep their own enabled state, so
an action whose button is disabled does nothing (`click()` on a disabled button is a no-op).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu, QMessageBox

from greenconsole.ui import keys

if TYPE_CHECKING:
    from greenconsole.ui.connection_pane import ConnectionPane
    from greenconsole.ui.main_window import MainWindow


class WindowMenus(QObject):
    """File, Edit, View, Queue, Tools and Help of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        self.actions: dict[str, QAction] = {}

        file = bar.addMenu(self.tr("&File"))
        self._add(
            file, "new_tab", self.tr("&New connection tab"), window.add_connection, keys.NEW_TAB
        )
        self._add(
            file,
            "close_tab",
            self.tr("&Close connection tab"),
            lambda: window.close_connection(window.connections.currentIndex()),
            keys.CLOSE_TAB,
        )
        file.addSeparator()
        self._add(
            file,
            "save_profile",
            self.tr("&Save profile…"),
            lambda: self.pane.form.ask_profile_name(),
        )
        self._add(
            file,
            "delete_profile",
            self.tr("&Delete profile"),
            lambda: self._click(self.pane.form.remove_button),
        )
        file.addSeparator()
        self._add(
            file, "import", self.tr("&Import…"), lambda: self._click(self.pane.feed.import_button)
        )
        self.export_menu = file.addMenu(self.tr("&Export"))
        self.export_menu.aboutToShow.connect(self._fill_export)
        file.addSeparator()
        self._add(file, "quit", self.tr("&Quit"), window.close, keys.QUIT)

        edit = bar.addMenu(self.tr("&Edit"))
        self._add(
            edit, "copy_value", self.tr("Copy &value"), lambda: self.pane.inspector.copy_value()
        )
        self._add(
            edit,
            "copy_path",
            self.tr("Copy JSON &path"),
            lambda: self.pane.inspector.copy_path(),
            keys.COPY_PATH,
        )
        self._add(
            edit, "copy_json", self.tr("Copy whole &JSON"), lambda: self.pane.inspector.copy_whole()
        )
        edit.addSeparator()
        self._add(edit, "find", self.tr("&Find in the notification"), self.find, keys.FIND)
        self._add(edit, "filter", self.tr("F&ilter the feed"), self.focus_filter, keys.FILTER)
        edit.addSeparator()
        self._add(
            edit,
            "delete",
            self.tr("&Delete selected notifications"),
            lambda: self._click(self.pane.feed.delete_button),
            keys.DELETE,
        )
        self._add(
            edit,
            "retry_deletes",
            self.tr("&Retry failed deletes"),
            lambda: self._click(self.pane.feed.retry_button),
        )
        self._add(
            edit,
            "skip",
            self.tr("&Skip the held notification for now"),
            lambda: self._click(self.pane.feed.skip_button),
        )

        edit.addSeparator()
        self._add(
            edit,
            "compare",
            self.tr("C&ompare selected"),
            lambda: self.pane.feed.compare.compare_selected(),
            keys.COMPARE,
        )
        self._add(
            edit,
            "compare_previous",
            self.tr("Compare with the previous of its &chat"),
            lambda: self.pane.feed.compare.compare_previous(),
        )
        self._add(
            edit,
            "resend",
            self.tr("&Edit and resend…"),
            lambda: self.pane.feed.compare.edit_and_resend(),
            keys.RESEND,
        )

        view = bar.addMenu(self.tr("&View"))
        self._add(
            view, "fold_form", self.tr("&Connection fields"), self.toggle_form, keys.FOLD_FORM
        )
        self.actions["fold_form"].setCheckable(True)
        self._add(
            view, "group", self.tr("&Group statuses"), lambda: self.pane.feed.group_box.toggle()
        )
        self._add(
            view,
            "invisibles",
            self.tr("Show &invisibles"),
            lambda: self.pane.inspector.invisibles_box.toggle(),
        )
        self._add(view, "presentation", self.tr("&Presentation mode"), window.presentation.toggle)
        for name in ("group", "invisibles", "presentation"):
            self.actions[name].setCheckable(True)
        self.columns_menu = view.addMenu(self.tr("Feed co&lumns"))
        self.columns_menu.aboutToShow.connect(
            lambda: self.pane.feed.columns.fill_chooser(self.columns_menu)
        )
        view.addSeparator()
        self._add(
            view, "next_tab", self.tr("&Next connection tab"), lambda: self.cycle(1), keys.NEXT_TAB
        )
        self._add(
            view,
            "previous_tab",
            self.tr("P&revious connection tab"),
            lambda: self.cycle(-1),
            keys.PREVIOUS_TAB,
        )
        self._add(
            view,
            "back_to_live",
            self.tr("&Back to live"),
            lambda: self._click(self.pane.feed.back_button),
        )
        view.addSeparator()
        for number, (name, label) in enumerate(
            (
                ("inspector", self.tr("&Inspector")),
                ("composer", self.tr("Co&mposer")),
                ("queue", self.tr("&Queue health")),
                ("doctor", self.tr("&Doctor")),
                ("sandbox_panel", self.tr("&Sandbox")),
            ),
            start=1,
        ):
            self._add(
                view,
                f"page_{name}",
                label,
                self._page(name),
                QKeySequence(f"Alt+{number}"),
            )

        queue = bar.addMenu(self.tr("&Queue"))
        self._add(
            queue, "start_stop", self.tr("&Start or stop polling"), self.start_stop, keys.START_STOP
        )
        self._add(
            queue, "retry_now", self.tr("&Retry now"), lambda: self._click(self.pane.retry_button)
        )
        self._add(
            queue,
            "sandbox",
            self.tr("Use the local s&andbox"),
            lambda: self._click(self.pane.sandbox_button),
        )
        queue.addSeparator()
        self._add(
            queue,
            "depth",
            self.tr("Refresh queue &depth"),
            lambda: self._click(self.pane.queue.depth_button),
        )
        self._add(
            queue,
            "clear_queue",
            self.tr("&Clear queue…"),
            lambda: self._click(self.pane.queue.clear_queue_button),
        )
        queue.addSeparator()
        self._add(
            queue,
            "load_older",
            self.tr("Load &older captures"),
            lambda: self.pane.feed.load_older(),
        )
        self._add(
            queue,
            "clear_history",
            self.tr("Clear &history…"),
            lambda: self.pane.feed.confirm_clear_history(),
        )
        self._add(
            queue,
            "replay",
            self.tr("Re&play selected"),
            lambda: self._click(self.pane.feed.replay_button),
        )

        tools = bar.addMenu(self.tr("&Tools"))
        self._add(tools, "send", self.tr("&Send the composer's notification"), self.send, keys.SEND)
        # Ctrl+Enter sends only while the keyboard is in a composer (`attach`): typing elsewhere
        # never posts
        self.actions["send"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.removeAction(self.actions["send"])
        self._add(
            tools, "send_many", self.tr("Send ×&N"), lambda: self._composer_click("burst_button")
        )
        self._add(
            tools, "probe", self.tr("Send &probe"), lambda: self._composer_click("probe_button")
        )
        self._add(
            tools,
            "scenario",
            self.tr("Send s&cenario"),
            lambda: self._composer_click("scenario_button"),
        )
        tools.addSeparator()
        self._add(tools, "doctor", self.tr("Run the &doctor"), self.doctor)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._add(
            help_menu,
            "shortcuts",
            self.tr("&Keyboard shortcuts"),
            self.show_shortcuts,
            keys.SHORTCUTS,
        )
        self._add(help_menu, "about", self.tr("&About Green Console"), self.about)
        for menu in (file, edit, view, queue, tools, help_menu):
            menu.aboutToShow.connect(self.refresh)

    # --- building ------------------------------------------------------------------------
    def _add(
        self,
        menu: QMenu,
        name: str,
        text: str,
        slot: Callable[[], Any],
        key: QKeySequence | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        if key is not None:
            action.setShortcut(key)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.window.addAction(action)  # shortcuts work with the menu closed
        self.actions[name] = action
        return action

    def attach(self, pane: ConnectionPane) -> None:
        """A new tab: its composer takes Ctrl+Enter; its feed's context menu offers the
        tester's tools (the same actions as the Edit menu, with their shortcuts)."""
        pane.composer.addAction(self.actions["send"])
        table = pane.feed.table
        separator = QAction(table)
        separator.setSeparator(True)
        table.addActions(
            [
                separator,
                *(self.actions[name] for name in ("compare", "compare_previous", "resend")),
            ]
        )
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    @property
    def pane(self) -> ConnectionPane:
        return self.window.pane

    @staticmethod
    def _click(button: QAbstractButton) -> None:
        if button.isEnabled() and button.isVisible():
            button.click()

    def _fill_export(self) -> None:
        """The front tab's own Export entries."""
        self.export_menu.clear()
        self.export_menu.addActions(self.pane.feed.export_button.menu().actions())

    def _page(self, name: str) -> Callable[[], None]:
        return lambda: self.pane.show_page(getattr(self.pane, name))

    def _composer_click(self, name: str) -> None:
        self.pane.show_page(self.pane.composer)
        self._click(getattr(self.pane.composer, name))

    # --- actions -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Check marks and enabled entries follow the tab in front."""
        pane = self.pane
        self.actions["fold_form"].setChecked(not pane.form.folded())
        self.actions["group"].setChecked(pane.feed.group_box.isChecked())
        self.actions["invisibles"].setChecked(pane.inspector.invisibles_box.isChecked())
        self.actions["presentation"].setChecked(self.window.presentation.isChecked())
        self.actions["start_stop"].setText(
            self.tr("&Stop polling") if pane.session.running else self.tr("&Start polling")
        )
        for name, button in (
            ("delete", pane.feed.delete_button),
            ("retry_deletes", pane.feed.retry_button),
            ("skip", pane.feed.skip_button),
            ("retry_now", pane.retry_button),
            ("depth", pane.queue.depth_button),
            ("clear_queue", pane.queue.clear_queue_button),
            ("import", pane.feed.import_button),
            ("back_to_live", pane.feed.back_button),
            ("send", pane.composer.send_button),
        ):
            self.actions[name].setEnabled(button.isEnabled() and not button.isHidden())

    def start_stop(self) -> None:
        """F5: stop a polling tab, start an idle one."""
        pane = self.pane
        if pane.session.running:
            pane.session.stop()
        else:
            self._click(pane.start_button)

    def send(self) -> None:
        """Send the composer's body once."""
        self._click(self.pane.composer.send_button)

    def find(self) -> None:
        """Ctrl+F: the inspector's find box, its text selected."""
        pane = self.pane
        pane.show_page(pane.inspector)
        pane.inspector.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        pane.inspector.find_box.selectAll()

    def focus_filter(self) -> None:
        """Ctrl+L: the feed's filter, its text selected."""
        box = self.pane.feed.filter_box
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    def toggle_form(self) -> None:
        """Fold or unfold the connection form of the tab in front."""
        form = self.pane.form
        self.pane.fold_form(not form.folded())

    def cycle(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next or previous connection tab."""
        tabs = self.window.connections
        tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())

    def doctor(self) -> None:
        self.pane.show_page(self.pane.doctor)
        self._click(self.pane.doctor.check_button)

    def show_shortcuts(self) -> None:
        """A table of every shortcut (non-blocking): keys in one column, what they do in the
        other (tab stops misalign a key wider than a stop, such as Ctrl+Shift+Tab)."""
        rows = [
            (
                action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                action.text().replace("&", ""),
            )
            for action in self.actions.values()
            if not action.shortcut().isEmpty()
        ]
        rows.append(
            (
                self.tr("Delete", "the key"),
                self.tr("Delete the selected notifications (in the feed)"),
            )
        )
        table = "".join(
            f"<tr><td style='padding-right: 16px' nowrap>{html.escape(key)}</td>"
            f"<td>{html.escape(text)}</td></tr>"
            for key, text in rows
        )
        self.dialog = self._message(
            self.tr("Keyboard shortcuts"), f"<table>{table}</table>", Qt.TextFormat.RichText
        )

    def about(self) -> None:
        self.dialog = self._message(
            self.tr("About Green Console"),
            self.tr(
                "Green Console: a debugging console for the GREEN-API incoming notification "
                "queue, with a local sandbox."
            ),
        )

    def _message(
        self, title: str, text: str, text_format: Qt.TextFormat = Qt.TextFormat.PlainText
    ) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.window)
        box.setTextFormat(text_format)
        box.open()
        return box
