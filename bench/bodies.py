"""Big notification bodies in the window: composer paste, inspector open, Qt stalls.

For 100 KB, 1 MB and 20 MB bodies of two shapes — "fields" (a contactsArrayMessage: many short
values on many lines) and "one line" (an imageMessage whose jpegThumbnail is the whole size: one
long line) — prints, in one run:

  paste   Ctrl+V of the pretty body into the composer until the text is in and painted, and
          until the check's answer is shown (Send enabled)
  open    the inspector's show_document until its tree and its whole text view are shown
  stall   the longest lateness of a 10 ms QTimer meanwhile (the window's freeze)

and beside them, where cheap, the old behaviour: the composer's editor highlighted, word-wrapped
and checked on the Qt thread; the inspector with everything on the Qt thread (the old one also
deep-copied every subtree into its items: it was slower still). Word-wrapping a long line costs
Qt about a minute per MB, so the old "one line" figures stop at 100 KB.

Then the whole way for a 20 MB "fields" notification: POSTed to a `greenconsole emulator`
process, received by `greenconsole receive --delete --max 1` (its time and peak RSS), the
journal's raw compared with what was posted, and the window opened on that journal: the feed row
selected until the inspector shows it, with the stall and the window's RSS growth.

The machine's load shows in every figure: run it on a quiet machine, and compare within a run.
Usage: QT_QPA_PLATFORM=offscreen python bench/bodies.py [--sizes 100000,1000000,20000000]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from feed import INSTANCE, TOKEN, StallMeter, close_window, open_window, rss_mb

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from greenconsole import large_text
from greenconsole.journal.store import Journal
from greenconsole.protocol.probe import ProbeTracker
from greenconsole.templates import fill, templates
from greenconsole.ui.composer import Composer, check_json
from greenconsole.ui.event_loop import EventLoop
from greenconsole.ui.feed_model import COL_SUMMARY
from greenconsole.ui.inspector import Inspector, JsonHighlighter
from greenconsole.ui.tasks import TaskSet

RECEIVE_WITH_PEAK = """
import sys
from greenconsole.cli import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read().splitlines()
peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
print(f"{peak / 1024:.0f} MB", file=sys.stderr)
sys.exit(code)
"""
"""`greenconsole receive` printing its own peak RSS (VmHWM: counted from its start; the rusage of
a child also counts the moments before exec, when it was a copy of this big process)."""
OLD_UP_TO = {"fields": 1_000_000, "one line": 100_000}
"""Largest size the old behaviour is timed at (beyond: minutes)."""


def body(size: int, shape: str) -> dict[str, Any]:
    """A notification whose pretty JSON is about `size` characters."""
    if shape == "fields":
        made = fill(templates()["incomingMessageReceived · contacts array"], INSTANCE)
        contact = made["messageData"]["messageData"]["contacts"][0]
        each = len(json.dumps(contact, indent=2)) + 12
        made["messageData"]["messageData"]["contacts"] = [
            {**contact, "displayName": f"Contact {n}"} for n in range(size // each)
        ]
        return made
    made = fill(templates()["incomingMessageReceived · image/file"], INSTANCE)
    thumbnail = base64.b64encode(os.urandom(size * 3 // 4)).decode()
    made["messageData"]["fileMessageData"]["jpegThumbnail"] = thumbnail
    return made


async def until(condition: Callable[[], Any]) -> None:
    while not condition():
        await asyncio.sleep(0.001)


async def timed(action: Callable[[], Any], done: Callable[[], Any]) -> tuple[float, float]:
    """(ms from `action` until `done()`, longest Qt stall meanwhile in ms)."""
    meter = StallMeter()
    meter.start()
    await asyncio.sleep(0.05)
    started = time.perf_counter()
    action()
    await until(done)
    took = (time.perf_counter() - started) * 1000
    await asyncio.sleep(0.05)
    meter.stop()
    return took, max(meter.lateness or [0.0])


async def paste_new(text: str) -> tuple[float, float, float]:
    """The composer now: (text in and painted ms, check answered ms, stall ms)."""
    composer = Composer(
        TaskSet(), lambda: "http://127.0.0.1:9/", lambda: str(INSTANCE), ProbeTracker()
    )
    composer.resize(900, 700)
    composer.show()
    QGuiApplication.clipboard().setText(text)
    composer.editor.selectAll()
    await asyncio.sleep(0.1)
    marks: dict[str, float] = {}

    def paste() -> None:
        marks["start"] = time.perf_counter()
        composer.editor.paste()

    def in_and_checked() -> bool:
        if "in" not in marks and len(set(composer.editor.paste_progress())) == 1:
            composer.editor.viewport().repaint()
            marks["in"] = time.perf_counter()
        return composer.send_button.isEnabled()

    checked, stall = await timed(paste, in_and_checked)
    composer.close()
    composer.deleteLater()
    return (marks["in"] - marks["start"]) * 1000, checked, stall


async def paste_old(text: str) -> float:
    """The old composer editor: highlighted, word-wrapped, checked on every change (ms)."""
    editor = QPlainTextEdit()
    editor.setFont(QFont("monospace"))
    editor.textChanged.connect(lambda: check_json(editor.toPlainText()))
    highlighter = JsonHighlighter(editor.document())
    editor.resize(900, 600)
    editor.show()
    QGuiApplication.clipboard().setText(text)
    await asyncio.sleep(0.1)
    started = time.perf_counter()
    editor.paste()
    editor.viewport().repaint()
    took = (time.perf_counter() - started) * 1000
    highlighter.setDocument(None)
    editor.close()
    editor.deleteLater()
    return took


async def open_in_inspector(document: Any, old: bool = False) -> tuple[float, float]:
    """The inspector's show_document until tree and text are shown: (ms, stall ms)."""
    inspector = Inspector()
    inspector.resize(900, 900)
    inspector.show()
    shown: list[bool] = []
    inspector.text_shown.connect(lambda: shown.append(True))
    limits = large_text.BIG_TEXT, large_text.EAGER_NODES
    if old:  # nothing is big: all of it at once, on the Qt thread, highlighted
        large_text.BIG_TEXT = large_text.EAGER_NODES = 1 << 40
    try:

        def show() -> None:
            inspector.show_document(document)

        def painted() -> bool:
            if shown:
                inspector.tree.viewport().repaint()
                inspector.raw.viewport().repaint()
            return bool(shown)

        return await timed(show, painted)
    finally:
        large_text.BIG_TEXT, large_text.EAGER_NODES = limits
        inspector.close()
        inspector.deleteLater()


async def widgets(sizes: list[int]) -> None:
    print(
        f"{'body':>22} | {'paste: in / checked':>22} {'stall':>7} {'old':>9} |"
        f" {'open':>8} {'stall':>7} {'old':>9}"
    )
    for shape in ("fields", "one line"):
        for size in sizes:
            made = body(size, shape)
            text = json.dumps(made, ensure_ascii=False, indent=2)
            pasted, checked, paste_stall = await paste_new(text)
            old_paste = await paste_old(text) if size <= OLD_UP_TO[shape] else None
            document = {"receiptId": 1, "body": made}
            opened, open_stall = await open_in_inspector(document)
            old_open = (
                (await open_in_inspector(document, old=True))[0]
                if size <= OLD_UP_TO[shape]
                else None
            )
            label = f"{shape} {large_text.size_text(len(text))}"
            print(
                f"{label:>22} | {pasted:>9.0f} / {checked:>6.0f} ms {paste_stall:>5.0f} ms"
                f" {_ms(old_paste):>9} | {opened:>5.0f} ms {open_stall:>5.0f} ms"
                f" {_ms(old_open):>9}",
                flush=True,
            )


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


async def whole_way(folder: Path, size: int) -> None:
    """POST → emulator → `greenconsole receive` → journal → window, for one big body."""
    emulator = subprocess.Popen(
        [sys.executable, "-m", "greenconsole", "emulator", f"--instance={INSTANCE}:{TOKEN}"],
        stdout=subprocess.PIPE,
    )
    assert emulator.stdout is not None
    url = emulator.stdout.readline().decode().split()[-1]
    try:
        made = body(size, "fields")
        posted = json.dumps(made, ensure_ascii=False)
        async with httpx.AsyncClient(timeout=60) as http:
            answer = await http.post(url + "/", content=posted.encode())
        print(f"\nwhole way: POST {large_text.size_text(len(posted))} → HTTP {answer.status_code}")
        journal_path = folder / "journal.sqlite3"
        started = time.perf_counter()
        arguments = ["--api-url", url, "--instance", str(INSTANCE), "--delete", "--max", "1"]
        receive = subprocess.run(
            [
                sys.executable,
                "-c",
                RECEIVE_WITH_PEAK,
                "receive",
                *arguments,
                "--journal",
                str(journal_path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "GREEN_API_TOKEN": TOKEN},
        )
        took = time.perf_counter() - started
        peak = receive.stderr.decode().strip().splitlines()[-1]
        print(
            f"  greenconsole receive --delete: exit {receive.returncode},"
            f" {took:.1f} s with its start, peak RSS {peak}"
        )
        journal = Journal(journal_path)
        session = journal.last_session_id(INSTANCE)
        captures = journal.session_captures(session) if session is not None else []
        raw = journal.raw(captures[-1].id) if captures else ""
        journal.close()
        same = bool(raw) and json.loads(raw)["body"] == made
        print(f"  journal keeps {len(raw):,} characters; the body as posted: {same}")

        rss_before = rss_mb()
        window = open_window(folder, "journal", url, 1)
        await until(lambda: window.pane.model.rowCount() > 0)
        print(f"  feed row: {window.pane.model.index(0, COL_SUMMARY).data()!r:.80}")
        shown: list[bool] = []
        window.pane.inspector.text_shown.connect(lambda: shown.append(True))
        # the inspector is cleared at once (one text_shown), then the capture, read and parsed on
        # the search thread, is shown (the second)
        took_ms, stall = await timed(
            lambda: window.pane.feed.select_row(0), lambda: len(shown) >= 2
        )
        print(
            f"  feed row selected → inspector shows it: {took_ms:.0f} ms, longest Qt stall"
            f" {stall:.0f} ms; window RSS +{rss_mb() - rss_before:.0f} MB"
        )
        print(f"  inspector note: {window.pane.inspector.big_note.text()}")
        await close_window(window)
    finally:
        emulator.terminate()
        emulator.wait()


async def main(args: argparse.Namespace) -> None:
    sizes = [int(size) for size in args.sizes.split(",")]
    await widgets(sizes)
    with tempfile.TemporaryDirectory() as folder:
        await whole_way(Path(folder), max(sizes))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(f"\nload average {load:.1f} on {os.cpu_count()} cores; this process's peak RSS", end="")
    print(f" {peak:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000,20000000")
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
        runner.run(main(parser.parse_args()))
