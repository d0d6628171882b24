"""The window as one of bench/latency.py's ways: drain N notifications with an offscreen window
(one auto-delete tab, journal on) and print a line per notification received, as
`greenconsole receive` does, so the caller times them the same way.

Usage: python bench/window_drain.py URL INSTANCE N   (the token in GREEN_API_TOKEN)
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from feed import close_window, open_window
from PySide6.QtWidgets import QApplication

from greenconsole.ui.event_loop import EventLoop


async def drain(url: str, instance: int, n: int, folder: Path) -> None:
    window = open_window(folder, "latency", url, 1, instance, os.environ["GREEN_API_TOKEN"])
    session = window.pane.session
    session.received.connect(lambda _delivery: print("received", flush=True))
    window.pane.start()
    while session.deleted_count < n:
        await asyncio.sleep(0.01)
    session.stop()
    await close_window(window)


def main() -> None:
    url, instance, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    with (
        tempfile.TemporaryDirectory() as folder,
        asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner,
    ):
        runner.run(drain(url, instance, n, Path(folder)))


if __name__ == "__main__":
    main()
