"""Render the README screenshot: the real window on the sandbox, offscreen, with a busy feed.

Usage: QT_QPA_PLATFORM=offscreen python packaging/screenshot.py [resources/screenshot.png]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

import httpx
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from greenconsole.journal.store import Journal
from greenconsole.templates import fill, templates
from greenconsole.ui.main_window import MainWindow
from greenconsole.ui.profiles import Profiles, TokenStore
from greenconsole.ui.tasks import TaskSet

SHOWN = [
    "incomingMessageReceived · text",
    "outgoingAPIMessageReceived · text",
    "outgoingMessageStatus",
    "incomingMessageReceived · image/file",
    "stateInstanceChanged",
    "incomingMessageReceived · location",
    "incomingCall",
    "incomingMessageReceived · poll",
    "deviceInfo",
    "incomingMessageReceived · reaction",
    "incomingMessageReceived · text",
]


async def render(app: QApplication, target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "shot.ini"), QSettings.Format.IniFormat)
        tasks = TaskSet()
        window = MainWindow(
            Profiles(settings, TokenStore()), tasks, Journal(Path(folder) / "journal.sqlite3")
        )
        window.resize(1440, 900)
        window.show()
        await window.use_sandbox()
        id_instance = window.sandbox.first_instance[0]
        bodies = [fill(templates()[name], id_instance) for name in SHOWN]
        bodies[-1]["idMessage"] = bodies[0]["idMessage"]  # a duplicate, flagged in the feed
        async with httpx.AsyncClient() as http:
            for body in bodies:
                await http.post(window.sandbox.webhook_url, json=body)
        window.pane.form.ack_mode.setCurrentIndex(1)
        window.start()
        while window.pane.session.deleted_count < len(bodies):
            await asyncio.sleep(0.05)
        window.pane.session.stop()
        await asyncio.sleep(0.2)
        window.pane.feed.select_row(0)
        window.pane.inspector.tree.setCurrentIndex(window.pane.inspector.model.index(1, 0))
        await asyncio.sleep(0.3)
        window.grab().save(str(target))
        window.close()
        await window.aclose()
        await tasks.cancel_all()


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshot.png")
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(render(app, target))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
