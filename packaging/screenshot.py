"""Render the README screenshots from the real window on the sandbox, offscreen.

Usage: QT_QPA_PLATFORM=offscreen python packaging/screenshot.py [OUTPUT_DIR [NAME…]]
(default resources/screenshots): feed.png, timeline.png, links.png, queue.png, presentation.png,
russian.png, invisibles.png, doctor.png, forward.png, diff.png (the compare window), laptop.png
and laptop-ru.png (1024×700); with NAMEs, only those.
"""

from __future__ import annotations

import asyncio
import copy
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from PySide6.QtCore import QItemSelectionModel, QSettings
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from greenconsole.journal.store import Journal
from greenconsole.sandbox import Sandbox
from greenconsole.templates import fill, templates
from greenconsole.ui.connection_pane import ConnectionPane
from greenconsole.ui.event_loop import EventLoop
from greenconsole.ui.i18n import Translations
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


async def post(window: MainWindow, bodies: list[dict]) -> None:
    async with httpx.AsyncClient() as http:
        for body in bodies:
            (await http.post(window.sandbox.webhook_url, json=body)).raise_for_status()


async def drain(pane: ConnectionPane, count: int) -> None:
    """Poll the tab with auto-delete until `count` notifications are deleted."""
    pane.form.ack_mode.setCurrentIndex(1)
    pane.start()
    while pane.session.deleted_count < count:
        await asyncio.sleep(0.05)


async def busy_feed(window: MainWindow) -> None:
    """Two connections; the first has drained a mix of notifications (one duplicate)."""
    await window.use_sandbox()
    second = window.add_connection()
    await second.use_sandbox()
    window.connections.setCurrentIndex(0)
    pane = window.pane
    id_instance = int(pane.form.settings().id_instance)
    bodies = [fill(templates()[name], id_instance) for name in SHOWN]
    bodies[-1]["idMessage"] = bodies[0]["idMessage"]  # a duplicate, flagged in the feed
    await post(window, bodies)
    await drain(pane, len(bodies))
    await asyncio.sleep(0.3)
    pane.feed.select_row(0)
    pane.inspector.tree.setCurrentIndex(pane.inspector.model.index(1, 0))


async def feed(window: MainWindow) -> None:
    await busy_feed(window)
    window.pane.session.stop()


async def timeline(window: MainWindow) -> None:
    """An outgoing message with sent → delivered → read, one that failed, statuses grouped."""
    await window.use_sandbox()
    pane = window.pane
    id_instance = int(pane.form.settings().id_instance)
    now = int(time.time()) - 60
    status = templates()["outgoingMessageStatus"]
    outgoing = templates()["outgoingAPIMessageReceived · text"]
    bodies = [
        fill(outgoing, id_instance, "3EB0C7D1A2F4", now),
        {**fill(status, id_instance, "3EB0C7D1A2F4", now + 1), "status": "sent"},
        fill(outgoing, id_instance, "3EB0FF00AA11", now + 2),
        {**fill(status, id_instance, "3EB0C7D1A2F4", now + 4), "status": "delivered"},
        {**fill(status, id_instance, "3EB0FF00AA11", now + 5), "status": "noAccount"},
        {**fill(status, id_instance, "BAE5MISSING01", now + 6), "status": "failed"},
        {**fill(status, id_instance, "3EB0C7D1A2F4", now + 31), "status": "read"},
    ]
    await post(window, bodies)
    await drain(pane, len(bodies))
    pane.session.stop()
    pane.feed.group_box.setChecked(True)
    await asyncio.sleep(0.5)
    pane.feed.select_row(0)


async def links(window: MainWindow) -> None:
    """A message with its reply, edit, reaction and deletion; a body with a misspelt field."""
    await window.use_sandbox()
    pane = window.pane
    id_instance = int(pane.form.settings().id_instance)
    now = int(time.time()) - 60
    original = "BAE5C0FFEE000001"

    def about(name: str, id_message: str, at: int, key: str) -> dict:
        body = fill(templates()[f"incomingMessageReceived · {name}"], id_instance, id_message, at)
        body["messageData"][key]["stanzaId"] = original
        return body

    misspelt = fill(templates()["incomingMessageReceived · text"], id_instance, None, now + 5)
    misspelt["messageData"]["textMessageData"] = {"textMesage": "See you at 8"}
    bodies = [
        fill(templates()["incomingMessageReceived · text"], id_instance, original, now),
        about("reply", "BAE5C0FFEE000002", now + 1, "quotedMessage"),
        about("edited", "BAE5C0FFEE000003", now + 2, "editedMessageData"),
        about("reaction", "BAE5C0FFEE000004", now + 3, "quotedMessage"),
        about("deleted", "BAE5C0FFEE000005", now + 4, "deletedMessageData"),
        misspelt,
    ]
    await post(window, bodies)
    await drain(pane, len(bodies))
    pane.session.stop()
    await asyncio.sleep(0.3)
    pane.feed.select_row(0)


async def queue(window: MainWindow) -> None:
    """A queue drained while new notifications keep coming: the chart and the figures."""
    await window.use_sandbox()
    pane = window.pane
    pane.show_page(pane.queue)
    id_instance = int(pane.form.settings().id_instance)
    text = templates()["incomingMessageReceived · text"]
    pane.session._depth_timer.setInterval(1000)  # a denser depth line for a short recording
    await post(window, [fill(text, id_instance) for _ in range(400)])
    pane.form.ack_mode.setCurrentIndex(1)
    pane.start()
    for second in range(20):
        await post(window, [fill(text, id_instance) for _ in range(40 if second < 10 else 5)])
        await asyncio.sleep(1)
    for _ in range(5):
        pane.composer.send_probe()
        await asyncio.sleep(0.3)
    await asyncio.sleep(1)
    pane.refresh_status()


async def presentation(window: MainWindow) -> None:
    await busy_feed(window)
    window.presentation.setChecked(True)
    window.pane.session.stop()


async def invisibles(window: MainWindow) -> None:
    """Messages hiding characters (a right-to-left override, zero-width spaces), one inspected."""
    await window.use_sandbox()
    pane = window.pane
    id_instance = int(pane.form.settings().id_instance)
    texts = [
        "Your invoice: invoice_\u202egpj.exe",
        "\u200b\u200b",
        "pay\u00adpal.com/\u2066login\u2069",
        "Привет! ❤\ufe0f",
    ]
    bodies = []
    for text in texts:
        body = fill(templates()["incomingMessageReceived · text"], id_instance)
        body["messageData"]["textMessageData"]["textMessage"] = text
        bodies.append(body)
    await post(window, bodies)
    await drain(pane, len(bodies))
    pane.session.stop()
    await asyncio.sleep(0.3)
    pane.feed.select_row(0)
    await asyncio.sleep(0.3)
    pane.inspector.find_box.setText("\\u202e")  # found in the tree and the JSON view
    pane.inspector.find_next()


async def doctor(window: MainWindow) -> None:
    """The Doctor tab: a kind switched off, a quota notification at the head, a lost one found."""
    await window.use_sandbox()
    pane = window.pane
    id_instance = int(pane.form.settings().id_instance)
    queue = window.sandbox.state.instances[id_instance]
    text = templates()["incomingMessageReceived · text"]
    stamp = int(time.time()) - 600
    await post(window, [fill(text, id_instance, timestamp=stamp) for _ in range(3)])
    window.sandbox.faults.drop = 100
    await post(window, [fill(text, id_instance, timestamp=stamp)])
    window.sandbox.faults.drop = 0
    await drain(pane, 3)
    pane.session.stop()
    queue.account.settings["outgoingWebhook"] = "no"
    await post(window, [fill(templates()["quotaExceeded"], id_instance)])
    pane.show_page(pane.doctor)
    while pane.doctor.checkup is None:
        await asyncio.sleep(0.05)
    pane.doctor.missing.find_missing()
    while pane.doctor.missing.task is not None or not pane.doctor.missing.gaps.count():
        await asyncio.sleep(0.05)


async def forward(window: MainWindow) -> None:
    """The Queue tab forwarding to a local handler that refused once."""
    from aiohttp import web

    answers = iter([503])

    async def handler(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(status=next(answers, 200))

    app = web.Application()
    app.router.add_post("/webhook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 8089)
    await site.start()
    await window.use_sandbox()
    pane = window.pane
    pane.show_page(pane.queue)
    pane.forward.url.setText("http://127.0.0.1:8089/webhook")
    pane.forward.pause.setValue(1)
    pane.forward.switch.setChecked(True)
    id_instance = int(pane.form.settings().id_instance)
    text = templates()["incomingMessageReceived · text"]
    await post(window, [fill(text, id_instance) for _ in range(5)])
    await drain(pane, 5)
    pane.session.stop()
    await runner.cleanup()
    page = pane.tabs.currentWidget()
    if isinstance(page, QScrollArea):  # the Queue page scrolls when the window is short
        page.ensureWidgetVisible(pane.forward)


async def diff(window: MainWindow) -> QWidget:
    """Two messages of one chat compared: the compare window, not the main one."""
    await window.use_sandbox()
    pane = window.pane
    first = fill(templates()["incomingMessageReceived · text"], pane.form.instance_number() or 0)
    second = copy.deepcopy(first)
    second["idMessage"] = first["idMessage"][:-4] + "9F21"
    second["timestamp"] = first["timestamp"] + 42
    second["senderData"]["senderName"] = "Ivan Petrov"
    del second["senderData"]["senderContactName"]
    data = second["messageData"]
    data["typeMessage"] = "extendedTextMessage"
    data["extendedTextMessageData"] = {"text": "Привет! See you at 10", "isForwarded": False}
    del data["textMessageData"]
    await post(window, [first, second])
    await drain(pane, 2)
    pane.session.stop()
    while pane.model.rowCount() < 2:  # rows reach the feed in batches
        await asyncio.sleep(0.05)
    selection = pane.feed.table.selectionModel()
    for row in (0, 1):
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(pane.model.index(row, 0), flags)
    pane.diff_view.resize(1200, 760)
    pane.feed.compare.compare_selected()
    pane.diff_view.paths.setCurrentRow(3)
    return pane.diff_view


DESKTOP, LAPTOP = (1440, 900), (1024, 700)
Scene = Callable[[MainWindow], Awaitable[QWidget | None]]
"""Sets the window up; returns what to grab when it is not the main window."""
SCENES: dict[str, tuple[Scene, str, tuple[int, int]]] = {
    "feed.png": (feed, "en", DESKTOP),
    "timeline.png": (timeline, "en", DESKTOP),
    "links.png": (links, "en", DESKTOP),
    "queue.png": (queue, "en", DESKTOP),
    "presentation.png": (presentation, "en", DESKTOP),
    "russian.png": (feed, "ru", DESKTOP),
    "invisibles.png": (invisibles, "en", DESKTOP),
    "laptop.png": (feed, "en", LAPTOP),
    "laptop-ru.png": (feed, "ru", LAPTOP),
    "doctor.png": (doctor, "en", DESKTOP),
    "forward.png": (forward, "en", DESKTOP),
    "diff.png": (diff, "en", DESKTOP),
}


async def render(app: QApplication, folder: Path, wanted: list[str]) -> None:
    translations = Translations(app)
    for name, (scene, language, size) in SCENES.items():
        if wanted and name not in wanted:
            continue
        translations.use(language)
        with tempfile.TemporaryDirectory() as work:
            settings = QSettings(str(Path(work) / "shot.ini"), QSettings.Format.IniFormat)
            tasks = TaskSet()
            sandbox = Sandbox()  # in memory: the user's own sandbox state is not touched
            await sandbox.start()
            window = MainWindow(
                Profiles(settings, TokenStore()),
                tasks,
                Journal(Path(work) / "journal.sqlite3"),
                language,
                sandbox,
            )
            window.resize(*size)
            window.show()
            shown = await scene(window) or window
            await asyncio.sleep(0.6)
            shown.grab().save(str(folder / name))
            print(f"wrote {folder / name}", flush=True)
            window.close()
            await window.aclose()
            await tasks.cancel_all()


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
        runner.run(render(app, folder, sys.argv[2:]))


if __name__ == "__main__":
    main()
