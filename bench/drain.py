"""Drain rate: N notifications out of the sandbox, every way side by side in one run.

1. the minimal loops of bench/baseline.py (receive + delete, one keep-alive connection): a
   hand-written HTTP/1.1 socket loop, raw aiohttp, httpx over the console's transport, sync
   httpx, async httpx on its default transport;
2. the official SDK's receive loop (whatsapp-api-client-python, requests);
3. `greenconsole receive --delete` as a process, startup included: journaling every notification
   (committed before its delete) to a fresh journal file; with --no-journal; with --no-overlap.

Ratios: to the SDK, to sync httpx and to the fastest minimal loop (the ceiling to chase). The
sandbox runs as its own process (`greenconsole emulator`), so client and server each get a core.
Usage: python bench/drain.py [--n 3000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from baseline import (
    aiohttp_drain,
    console_transport_drain,
    raw_httpx_drain,
    sdk_drain,
    socket_drain,
    sync_httpx_drain,
)

INSTANCE, TOKEN = 1101000077, "bench-token-0123456789abcdef0123456789abcdef01"


def body(n: int) -> dict:
    return {
        "typeWebhook": "incomingMessageReceived",
        "instanceData": {
            "idInstance": INSTANCE,
            "wid": "79001234567@c.us",
            "typeInstance": "whatsapp",
        },
        "timestamp": 1700000000 + n,
        "idMessage": f"BENCH{n:07d}",
        "senderData": {
            "chatId": "79001234567@c.us",
            "sender": "79001234567@c.us",
            "senderName": "QA",
        },
        "messageData": {
            "typeMessage": "textMessage",
            "textMessageData": {"textMessage": f"hello {n}"},
        },
    }


def fill(url: str, n: int) -> None:
    with httpx.Client() as http:
        for i in range(n):
            http.post(url + "/", json=body(i)).raise_for_status()
        count = http.get(f"{url}/waInstance{INSTANCE}/getWebhooksCount/{TOKEN}").json()["count"]
    assert count == n, count


def greenconsole_cli(
    url: str, n: int, *options: str, instance: int = INSTANCE, token: str = TOKEN
) -> float:
    """Wall time of the process, startup included; stdout goes to a file (no reader competes)."""
    env = {**os.environ, "GREEN_API_TOKEN": token}
    command = [
        sys.executable,
        "-m",
        "greenconsole",
        "receive",
        "--api-url",
        url,
        "--instance",
        str(instance),
        "--delete",
        "--max",
        str(n),
        "--receive-timeout",
        "5",
        *options,
    ]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as folder:
        if "--no-journal" not in options:
            command += ["--journal", f"{folder}/journal.sqlite3"]
        started = time.perf_counter()
        subprocess.run(command, stdout=out, env=env, check=True)
        elapsed = time.perf_counter() - started
        out.seek(0)
        count = sum(1 for _ in out)
    assert count == n, count
    return elapsed


def journal_cost(n: int) -> float:
    """Seconds per capture the journal costs in-process: record (summary, shape check, INSERT,
    commit) plus the handed/deleted notes, on a fresh file, no HTTP."""
    from greenconsole.journal.store import Journal
    from greenconsole.protocol.notification import Notification

    notifications = [Notification(i + 1, body(i)) for i in range(n)]
    with tempfile.TemporaryDirectory() as folder, Journal(Path(folder) / "j.sqlite3") as journal:
        session = journal.start_session(INSTANCE, "http://127.0.0.1", "bench")
        started = time.perf_counter()
        for notification in notifications:
            capture = journal.record(session, INSTANCE, notification)
            journal.mark_handed(capture.id)
            journal.mark_deleted(capture.id, True)
        journal.flush()
        return (time.perf_counter() - started) / n


SDK, SYNC = "official SDK loop", "minimal loop: sync httpx"
MINIMAL = {
    "minimal loop: socket + hand-written HTTP/1.1": socket_drain,
    "minimal loop: raw aiohttp": lambda *a: asyncio.run(aiohttp_drain(*a)),
    "minimal loop: httpx over aiohttp (console's)": lambda *a: asyncio.run(
        console_transport_drain(*a)
    ),
    SYNC: sync_httpx_drain,
    "minimal loop: async httpx, default transport": lambda *a: asyncio.run(raw_httpx_drain(*a)),
    SDK: sdk_drain,
}
CLI = "greenconsole receive --delete"
CONSOLE = {
    CLI: (),
    f"{CLI} --no-journal": ("--no-journal",),
    f"{CLI} --no-overlap": ("--no-overlap",),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    logging.getLogger("whatsapp-api-client-python").disabled = True
    emulator = subprocess.Popen(
        [
            *(sys.executable, "-m", "greenconsole", "emulator", f"--instance={INSTANCE}:{TOKEN}"),
            "--count-lag=0",  # the fill check reads the count at once
        ],
        stdout=subprocess.PIPE,
    )
    url = emulator.stdout.readline().decode().split()[-1]
    best: dict[str, float] = {}
    best_startup = float("inf")
    try:
        for round_no in range(1, args.rounds + 1):
            runs = {
                name: (lambda way=way: way(url, INSTANCE, TOKEN, args.n))
                for name, way in MINIMAL.items()
            }
            runs |= {
                name: (lambda options=options: greenconsole_cli(url, args.n, *options))
                for name, options in CONSOLE.items()
            }
            for name, run in runs.items():
                fill(url, args.n)
                rate = args.n / run()
                best[name] = max(best.get(name, 0.0), rate)
                print(f"round {round_no}: {name:<48} {rate:8.0f} notif/s", flush=True)
            fill(url, 1)
            startup = greenconsole_cli(url, 1)
            best_startup = min(best_startup, startup)
            print(
                f"round {round_no}: greenconsole receive startup (--max 1): {startup * 1000:.0f} ms"
            )
    finally:
        emulator.terminate()
        emulator.wait(5)
    fastest_name = max((name for name in MINIMAL if name != SDK), key=best.__getitem__)
    fastest = best[fastest_name]
    print(f"\nbest of {args.rounds} rounds, N={args.n} (each notification: receive + delete)")
    print(f"{'way':<52}{'notif/s':>9}{'vs SDK':>9}{'vs sync':>9}{'vs fastest':>12}")
    ours = best[CLI]
    if args.n / ours > best_startup:  # a tiny N can take less than a --max 1 start
        best[f"{CLI}, startup excluded"] = args.n / (args.n / ours - best_startup)
    for key, rate in best.items():
        ratios = (rate / best[SDK], rate / best[SYNC], rate / fastest)
        print(
            f"{key:<52}{rate:9.0f}"
            + "".join(f"{r:8.2f}x" for r in ratios[:2])
            + f"{ratios[2]:11.2f}x"
        )
    print(f"fastest: {fastest_name}")
    print(f"greenconsole receive process startup: {best_startup * 1000:.0f} ms")
    per = journal_cost(args.n)
    print(
        f"journal per capture (record + notes, in-process): {per * 1e6:.0f} µs = "
        f"{per * ours:.0%} of {CLI}'s time per notification"
    )
    print(
        f"targets (issue 15): {CLI} >= 1.3x SDK: {ours / best[SDK]:.2f}x, "
        f">= 0.9x sync httpx: {ours / best[SYNC]:.2f}x"
    )
    print(json.dumps({k: round(v) for k, v in best.items()}))


if __name__ == "__main__":
    main()
