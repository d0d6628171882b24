"""The main window: one tab per connection, presentation mode, language, the error dialog."""

from __future__ import annotations

import gc
import json
import logging
import threading
import weakref
from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QByteArray, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from greenconsole.journal.store import Journal
from greenconsole.protocol.client import warm_up
from greenconsole.sandbox import Sandbox
from greenconsole.ui import keys
from greenconsole.ui.connection_pane import ConnectionPane
from greenconsole.ui.context import AppContext
from greenconsole.ui.dialogs import confirm
from greenconsole.ui.menus import WindowMenus
from greenconsole.ui.profiles import Profiles
from greenconsole.ui.session_state import Phase, describe
from greenconsole.ui.state_icons import phase_icon, phase_name
from greenconsole.ui.tasks import TaskSet

log = logging.getLogger(__name__)


def tab_state(saved: object) -> dict[str, Any]:
    """A saved tab: JSON of `ConnectionPane.tab_state`, or (older settings) a profile name."""
    text = str(saved or "")
    if text.startswith("{"):
        try:
            state = json.loads(text)
        except ValueError:
            return {}
        return state if isinstance(state, dict) else {}
    return {"profile": text}


FREEZE_EVERY_ROWS = 5_000
"""After this many new rows the long-lived objects are moved out of the cyclic GC's reach."""
HOUSEKEEPING_MS = 500
WARM_UP_MS = 200
"""The HTTP transport and TLS context are built on a worker thread this long after the window
opens (its first paint comes first)."""
FIRST_SIZE = QSize(1280, 860)
"""The window's size at the first start, where the screen has room for it."""
FRAME_ALLOWANCE = QSize(8, 40)
"""Room for the title bar and borders a window manager adds (unknown before the first show)."""


class MainWindow(QMainWindow):
    """Green Console's window over one journal; `tasks` keeps its background work."""

    closed = Signal()
    language_chosen = Signal(str)  # "en", "ru" or "" for the system's

    def __init__(
        self,
        profiles: Profiles,
        tasks: TaskSet,
        journal: Journal,
        language: str = "",
        sandbox: Sandbox | None = None,
        resume: bool = False,
        tokens: Sequence[str] = (),
    ) -> None:
        """After a language switch: `sandbox` is the previous window's running sandbox,
        with `resume` tabs that were polling start again, and `tokens` are the previous
        window's tokens, tab by tab (kept in memory only)."""
        super().__init__()
        self.setWindowTitle("Green Console")
        self.context = AppContext(profiles, tasks, journal, sandbox)
        self._resume = resume
        self._restored: dict[ConnectionPane, dict[str, Any]] = {}  # tab → the state it came from
        self._close_confirmed = False
        self.tasks = tasks
        self.journal = journal
        self.settings = profiles.settings
        self._error_shown = False
        self.exit_code = 0
        self._rows_at_freeze = 0
        self._tab_destroyed = False
        self._closing: set[ConnectionPane] = set()
        self._phases: weakref.WeakKeyDictionary[ConnectionPane, Phase] = (
            weakref.WeakKeyDictionary()
        )  # the state each tab's icon shows
        self._build(language)
        self._restore(tokens)
        # the app's modules and widgets live as long as it; a window closed before (language
        # switch) is freed by the full pass
        self._freeze_long_lived(full=True)
        # after the first paint, off the Qt thread: the first Start then costs no stall
        QTimer.singleShot(WARM_UP_MS, self._warm_up)

    def _warm_up(self) -> None:
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()

    # --- layout --------------------------------------------------------------------------
    def _build(self, language: str) -> None:
        self.connections = QTabWidget()
        self.connections.setTabsClosable(True)
        self.connections.setMovable(True)
        self.connections.setDocumentMode(True)
        self.new_tab_button = QToolButton()
        self.new_tab_button.setText("+")
        self.new_tab_button.setToolTip(keys.hint(self.tr("New connection"), keys.NEW_TAB))
        self.new_tab_button.setAccessibleName(self.tr("New connection tab"))
        self.connections.setAccessibleName(self.tr("Connection tabs"))
        self.connections.setCornerWidget(self.new_tab_button)
        self.presentation = QCheckBox(self.tr("Presentation mode"))
        self.presentation.setToolTip(
            self.tr(
                "Screen sharing: the token stays hidden; phone numbers (7900•••4567), names "
                "and the instance id are masked in the feed, inspector, composer, compare "
                "window and tab titles; exports offer masking"
            )
        )
        self.language_box = QComboBox()
        self.language_box.addItem(self.tr("System language"), "")
        self.language_box.addItem("English", "en")
        self.language_box.addItem("Русский", "ru")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.setAccessibleName(self.tr("Language"))
        # window-wide switches sit at the menu bar's right end: no row of their own
        corner = QWidget(self.menuBar())  # parented: PySide does not hand it to the bar
        top = QHBoxLayout(corner)
        top.setContentsMargins(0, 0, 4, 0)
        top.addWidget(self.presentation)
        top.addWidget(self.language_box)
        self.menus = WindowMenus(self)
        self.menuBar().setCornerWidget(corner)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addWidget(self.connections, 1)
        self.setCentralWidget(central)

        self.new_tab_button.clicked.connect(lambda: self.add_connection())
        self.connections.tabCloseRequested.connect(self.close_connection)
        self.presentation.toggled.connect(self.set_presentation)
        self._language = language
        self.language_box.currentIndexChanged.connect(self.choose_language)
        self._housekeeping = QTimer(self, interval=HOUSEKEEPING_MS)
        self._housekeeping.timeout.connect(self.housekeeping)
        self._housekeeping.start()

    # --- tabs ----------------------------------------------------------------------------
    def _pane_at(self, index: int) -> ConnectionPane | None:
        """The connection tab at `index`, None when there is none there."""
        # every tab is a ConnectionPane (add_connection); Qt hands it back as a QWidget
        return cast("ConnectionPane | None", self.connections.widget(index))

    @property
    def pane(self) -> ConnectionPane:
        """The connection tab in front (there always is one: closing the last opens another)."""
        pane = self._pane_at(self.connections.currentIndex())
        if pane is None:
            raise RuntimeError("the window has no connection tab")
        return pane

    def panes(self) -> list[ConnectionPane]:
        """Every open connection tab, in tab order."""
        return [
            pane for n in range(self.connections.count()) if (pane := self._pane_at(n)) is not None
        ]

    def add_connection(self, profile: str = "") -> ConnectionPane:
        """Open a new connection tab (with a saved profile loaded, if named) and show it."""
        pane = ConnectionPane(self.context)
        if profile and profile in self.context.profiles.names():
            pane.form.load_profile(profile)
        pane.sandbox_banner.setVisible(not self.context.profiles.names())
        pane.set_presentation(self.presentation.isChecked())
        self.menus.attach(pane)
        sizes = self.settings.value("window/splitter")
        if isinstance(sizes, QByteArray):
            pane.splitter.restoreState(sizes)
        index = self.connections.addTab(pane, pane.title())
        pane.title_changed.connect(lambda title, p=pane: self._retitle(p, title))
        self._retitle(pane, pane.title())
        pane.feed.set_scope(pane.form.instance_number())
        pane.update_actions()
        self.connections.setCurrentIndex(index)
        return pane

    def _retitle(self, pane: ConnectionPane, title: str) -> None:
        """The tab's text, and its icon and tooltip for the state (a shape, not only a colour)."""
        index = self.connections.indexOf(pane)
        if index < 0:
            return
        if self.connections.tabText(index) != title:
            self.connections.setTabText(index, title)
        phase = pane.session.state.phase
        if self._phases.get(pane) is not phase:
            self._phases[pane] = phase
            self.connections.setTabIcon(index, phase_icon(phase))
        words = describe(pane.session.state)
        self.connections.setTabToolTip(
            index, self.tr("{0}: {1} — {2}").format(title, phase_name(phase), words)
        )

    def close_connection(self, index: int) -> None:
        """Close one tab: its poller stops, the others go on; the last tab is replaced by a
        fresh one."""
        pane = self._pane_at(index)
        if pane is None:
            return
        self.connections.removeTab(index)
        self._restored.pop(pane, None)
        pane.destroyed.connect(self._on_tab_destroyed)
        self.context.release_sandbox_instance(id(pane))
        self._closing.add(pane)
        self.tasks.spawn(self._dispose(pane))
        if not self.connections.count():
            self.add_connection()

    async def _dispose(self, pane: ConnectionPane) -> None:
        try:
            await pane.aclose()
        finally:
            self._closing.discard(pane)
            pane.deleteLater()

    # --- persistence ---------------------------------------------------------------------
    def _restore(self, tokens: Sequence[str]) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)  # Qt keeps a restored one on the screen it is on
        else:
            self._first_size()
        self.presentation.setChecked(self.settings.value("presentation", False) in (True, "true"))
        tabs = self.settings.value("window/tabs")
        saved = [tabs] if isinstance(tabs, str) else list(tabs or [])
        states = [tab_state(item) for item in saved] or [
            {"profile": self.context.profiles.last or ""}
        ]
        for index, state in enumerate(states):
            pane = self.add_connection(str(state.get("profile") or ""))
            pane.restore_tab(state)
            if index < len(tokens) and tokens[index]:
                pane.form.token.setText(tokens[index])
            self._restored[pane] = state
            if state.get("sandbox") or (self._resume and state.get("polling")):
                self.tasks.spawn(pane.resume_tab(state, self._resume))
        self.connections.setCurrentIndex(0)

    def _first_size(self) -> None:
        """FIRST_SIZE, or as much of it as fits the screen's available area with a frame (a
        1024×700 laptop or VM), at the area's corner: status bar and right side on screen."""
        area = self.screen().availableGeometry()
        size = FIRST_SIZE.boundedTo(area.size() - FRAME_ALLOWANCE)
        self.resize(size)
        if size != FIRST_SIZE:
            self.move(area.topLeft())

    def front_tab_for(
        self, *, sandbox: bool = False, api_url: str = "", instance: str = ""
    ) -> None:
        """Bring to front the tab the command line names (`--sandbox`, or `--api-url` and
        `--instance`): a restored tab already on it, else the first tab if it is blank, else
        a new one — the command line never overwrites a saved tab with another connection."""
        for pane, state in self._restored.items():
            same = (
                bool(state.get("sandbox"))
                if sandbox
                else (state.get("api_url"), state.get("instance")) == (api_url, instance)
            )
            if same and self.connections.indexOf(pane) >= 0:
                self.connections.setCurrentWidget(pane)
                return
        front = self.pane
        if front in self._restored and (self._restored[front].get("instance") or "").strip():
            self.add_connection()

    def closeEvent(self, event: QCloseEvent) -> None:
        busy = [pane for pane in self.panes() if pane.session.running]
        if busy and not self._close_confirmed:
            event.ignore()
            held = sum(pane.session.held_receipt is not None for pane in busy)
            text = self.tr(
                "{0} tab(s) are polling ({1} holding a notification). Closing stops polling; "
                "whatever is not deleted stays queued on the server (the local sandbox keeps "
                "its queue too) and is received again next time. Close?"
            ).format(len(busy), held)
            self.close_dialog = confirm(self, self.tr("Close"), text, self.close_now)
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.pane.splitter.saveState())
        self.settings.setValue(
            "window/tabs", [json.dumps(pane.tab_state()) for pane in self.panes()]
        )
        self.settings.sync()
        for pane in self.panes():
            pane.session.stop()
        super().closeEvent(event)
        self.closed.emit()

    def close_now(self) -> None:
        """Close without asking (the user already agreed, or the app is quitting)."""
        self._close_confirmed = True
        self.close()

    async def aclose(self) -> None:
        """Stop every tab and the sandbox; close every connection pool; write the journal."""
        self._housekeeping.stop()
        gc.unfreeze()  # a closed window is garbage: let the next full pass free it
        for pane in [*self.panes(), *self._closing]:
            await pane.aclose()
        self.journal.flush()
        await self.context.aclose()

    # --- window-wide actions -------------------------------------------------------------
    @property
    def sandbox(self) -> Sandbox | None:
        """The embedded sandbox, once started."""
        return self.context.sandbox

    async def use_sandbox(self) -> None:
        """Point the tab in front at the embedded sandbox."""
        await self.pane.use_sandbox()

    def start(self) -> None:
        """Start the tab in front."""
        self.pane.start()

    def choose_language(self) -> None:
        """Reopen the window in the chosen language (asking first when a tab is polling)."""
        language = self.language_box.currentData()
        if language == self._language:
            return
        fixing = any(pane.doctor.fixing for pane in self.panes())
        if not fixing and not any(pane.session.running for pane in self.panes()):
            self.language_chosen.emit(language)
            return

        def back() -> None:
            if self.language_box.currentData() != self._language:
                self.language_box.blockSignals(True)
                self.language_box.setCurrentIndex(self.language_box.findData(self._language))
                self.language_box.blockSignals(False)

        self.language_dialog = confirm(
            self,
            self.tr("Language"),
            self.tr(
                "The window reopens in the new language; polling tabs pause for a moment "
                "and go on. Continue?"
            )
            if not fixing
            else self.tr(
                "The window reopens in the new language. The Doctor's fix being read back is "
                "abandoned: the server keeps what it saved, and you will not learn here whether "
                "the settings held (check again after the switch). Continue?"
            ),
            lambda: self.language_chosen.emit(language),
        )
        self.language_dialog.rejected.connect(back)

    def set_presentation(self, on: bool) -> None:
        """Mask the token and phone numbers in every tab (remembered across starts)."""
        for pane in self.panes():
            pane.set_presentation(on)
        self.settings.setValue("presentation", on)

    def housekeeping(self) -> None:
        """Pending journal notes written, the WAL folded in off the Qt thread, GC kept short."""
        self.journal.flush()
        self.pane.feed.search_thread.checkpoint_soon()
        self._freeze_long_lived(full=self._tab_destroyed)

    def _on_tab_destroyed(self) -> None:
        self._tab_destroyed = True  # no GC inside Qt's destructor: the next housekeeping does it

    def _freeze_long_lived(self, full: bool = False) -> None:
        """Keep full GC passes short as the feeds grow, and free what closed tabs leave.

        Python's full collection walks every tracked object; with 100k rows that is a stall of
        50-150 ms on the Qt thread. Rows live as long as the feed, so after each few thousand
        new ones the young generations are collected (cheap) and everything left is frozen.
        Frozen cycles are never collected, so once a closed tab's widgets are destroyed
        (`full`) everything is thawed and one full pass frees the tab's pane, model and rows
        (that one stall per closed tab) before freezing again.
        """
        rows = sum(pane.model.loaded_count for pane in self.panes())
        if full:
            self._tab_destroyed = False
            gc.unfreeze()
            gc.collect()
        elif rows - self._rows_at_freeze >= FREEZE_EVERY_ROWS:
            gc.collect(1)
        else:
            return
        gc.freeze()
        self._rows_at_freeze = rows

    def show_error_once(self, error: BaseException) -> None:
        """An unexpected exception: logged always, shown in a dialog once per session."""
        log.error("unexpected error", exc_info=error)
        if self.connections.count():
            self.pane.status.showMessage(
                self.tr("unexpected error: {0}: {1}").format(type(error).__name__, error)
            )
        if not self._error_shown:
            self._error_shown = True
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                self.tr("Unexpected error"),
                self.tr(
                    "{0}: {1}\n\nDetails are in the log; later errors show in the status bar."
                ).format(type(error).__name__, error),
                parent=self,
            )
            box.open()
            self.error_dialog = box
