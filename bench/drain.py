"""Drain rate: N notifications out of the sandbox, three ways, side by side in one run.

1. a minimal httpx keep-alive receive+delete loop (the baseline),
2. the official SDK's receive loop (whatsapp-api-client-python, requests),
3. `greenconsole receive --delete` as a process (startup included; also shown without it),
   journaling every notification (committed before its delete) to a fresh journal file,
   and the same with --no-journal (the same work as the baseline: nothing kept).

The sandbox runs as its own process (`greenconsole emulator`), so client and server each get a
core. Usage: python bench/drain.py [--n 5000] [--rounds 2]
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
import threading
import time

import httpx
from baseline import raw_httpx_drain

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


async def minimal_httpx(url: str, n: int) -> float:
    return await raw_httpx_drain(url, INSTANCE, TOKEN, n)


def official_sdk(url: str, n: int) -> float:
    from whatsapp_api_client_python import API

    green = API.GreenApi(str(INSTANCE), TOKEN, host=url)
    done = 0

    def on_event(_type: str, _body: dict) -> None:
        nonlocal done
        done += 1
        if done == n:
            green.webhooks.stopReceivingNotifications()

    started = time.perf_counter()
    worker = threading.Thread(target=green.webhooks.startReceivingNotifications, args=(on_event,))
    worker.start()
    worker.join()
    return time.perf_counter() - started


def greenconsole_cli(url: str, n: int, journal: bool = True) -> float:
    """Wall time of the process, startup included; stdout goes to a file (no reader competes)."""
    env = {**os.environ, "GREEN_API_TOKEN": TOKEN}
    command = [
        sys.executable,
        "-m",
        "greenconsole",
        "receive",
        "--api-url",
        url,
        "--instance",
        str(INSTANCE),
        "--delete",
        "--max",
        str(n),
        "--receive-timeout",
        "5",
    ]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as folder:
        command += ["--journal", f"{folder}/journal.sqlite3"] if journal else ["--no-journal"]
        started = time.perf_counter()
        subprocess.run(command, stdout=out, env=env, check=True)
        elapsed = time.perf_counter() - started
        out.seek(0)
        count = sum(1 for _ in out)
    assert count == n, count
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
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
                "minimal httpx loop": lambda: asyncio.run(minimal_httpx(url, args.n)),
                "official SDK loop": lambda: official_sdk(url, args.n),
                "greenconsole receive --delete": lambda: greenconsole_cli(url, args.n),
                "greenconsole receive --delete --no-journal": lambda: greenconsole_cli(
                    url, args.n, journal=False
                ),
            }
            for name, run in runs.items():
                fill(url, args.n)
                rate = args.n / run()
                best[name] = max(best.get(name, 0.0), rate)
                print(f"round {round_no}: {name:<36} {rate:8.0f} notif/s", flush=True)
            fill(url, 1)
            startup = greenconsole_cli(url, 1)
            best_startup = min(best_startup, startup)
            print(
                f"round {round_no}: greenconsole receive startup (--max 1): {startup * 1000:.0f} ms"
            )
    finally:
        emulator.terminate()
        emulator.wait(5)
    base = best["minimal httpx loop"]
    print(f"\nbest of {args.rounds} rounds, N={args.n} (each notification: receive + delete)")
    print(f"{'way':<44}{'notif/s':>9}{'vs minimal':>12}")
    for key, rate in best.items():
        print(f"{key:<44}{rate:9.0f}{rate / base:11.2f}x")
    ours = best["greenconsole receive --delete"]
    steady = args.n / (args.n / ours - best_startup)
    print(f"{'greenconsole, process startup excluded':<44}{steady:9.0f}{steady / base:11.2f}x")
    print(f"greenconsole receive process startup: {best_startup * 1000:.0f} ms")
    print(json.dumps({k: round(v) for k, v in best.items()}))


if __name__ == "__main__":
    main()
