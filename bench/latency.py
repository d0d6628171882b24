"""Drain rate over a slow link: a delay-adding TCP proxy between the clients and the sandbox.

For each round-trip time (default 10, 50, 150 ms) it drains the sandbox process through the proxy
with: the sequential minimal loop (raw aiohttp, receive then delete), the official SDK, and
`greenconsole receive --delete` (journal on) with and without --no-overlap, and the window
(offscreen, one auto-delete tab: bench/window_drain.py), and prints them beside the sequential
floor 1/(2·RTT) (two round trips per notification) and the one-round-trip limit 1/RTT. Rates are
taken from the first to the last notification, so process start and the first
connection do not count.

The proxy (stdlib asyncio, its own thread) holds every chunk for RTT/2 in each direction, and a
new connection for one RTT (the TCP handshake), so N requests in flight cost one RTT, not N.
Usage: python bench/latency.py [--rtt 10,50,150] [--seconds 8]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time

from baseline import aiohttp_drain, sdk_drain
from drain import INSTANCE, TOKEN, fill


class DelayProxy:
    """Loopback TCP proxy to `port` adding `one_way` seconds each way (set it between runs)."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.one_way = 0.0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(5)

    async def _listen(self) -> None:
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        await asyncio.sleep(2 * self.one_way)  # the handshake
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(self._pipe(client_r, server_w), self._pipe(server_r, client_w))

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        """Copy source to sink, each chunk delivered `one_way` seconds after it was read."""
        loop = asyncio.get_running_loop()
        chunks: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()

        async def deliver() -> None:
            while (item := await chunks.get()) is not None:
                await asyncio.sleep(item[0] - loop.time())
                sink.write(item[1])
                await sink.drain()

        delivering = asyncio.ensure_future(deliver())
        with contextlib.suppress(ConnectionError):
            while data := await source.read(65536):
                chunks.put_nowait((loop.time() + self.one_way, data))
        chunks.put_nowait(None)
        with contextlib.suppress(ConnectionError):
            await delivering
        sink.close()


def rate(marks: list[float]) -> float:
    """Notifications per second between the first and the last one."""
    return (len(marks) - 1) / (marks[-1] - marks[0]) if len(marks) > 1 else float("nan")


def line_marks(command: list[str], n: int) -> list[float]:
    """Run a process that prints a line per notification; the time each line came."""
    env = {**os.environ, "GREEN_API_TOKEN": TOKEN}
    marks = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None
        for _ in proc.stdout:
            marks.append(time.perf_counter())
    assert len(marks) == n, len(marks)
    return marks


def cli_marks(url: str, n: int, *options: str) -> list[float]:
    """`greenconsole receive --delete --max n OPTIONS` (journal on)."""
    with tempfile.TemporaryDirectory() as folder:
        return line_marks(
            [
                *(sys.executable, "-m", "greenconsole", "receive", "--api-url", url),
                *("--instance", str(INSTANCE), "--delete", "--max", str(n)),
                *("--receive-timeout", "5", "--journal", f"{folder}/journal.sqlite3", *options),
            ],
            n,
        )


def window_marks(url: str, n: int) -> list[float]:
    """The offscreen window, one auto-delete tab (bench/window_drain.py)."""
    script = os.path.join(os.path.dirname(__file__), "window_drain.py")
    return line_marks([sys.executable, script, url, str(INSTANCE), str(n)], n)


WAYS = {
    "sequential minimal loop (raw aiohttp)": lambda url, n, marks: asyncio.run(
        aiohttp_drain(url, INSTANCE, TOKEN, n, marks)
    ),
    "official SDK loop": lambda url, n, marks: sdk_drain(url, INSTANCE, TOKEN, n, marks),
    "greenconsole receive --delete": lambda url, n, marks: marks.extend(cli_marks(url, n)),
    "greenconsole receive --delete --no-overlap": lambda url, n, marks: marks.extend(
        cli_marks(url, n, "--no-overlap")
    ),
    "the window, auto-delete": lambda url, n, marks: marks.extend(window_marks(url, n)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rtt", default="10,50,150", help="round-trip times in ms")
    parser.add_argument("--seconds", type=float, default=8.0, help="per way, at the floor rate")
    args = parser.parse_args()
    logging.getLogger("whatsapp-api-client-python").disabled = True
    emulator = subprocess.Popen(
        [
            *(sys.executable, "-m", "greenconsole", "emulator", f"--instance={INSTANCE}:{TOKEN}"),
            "--count-lag=0",
        ],
        stdout=subprocess.PIPE,
    )
    assert emulator.stdout is not None
    direct = emulator.stdout.readline().decode().split()[-1]
    proxy = DelayProxy(int(direct.rsplit(":", 1)[1]))
    via = f"http://127.0.0.1:{proxy.port}"
    table: list[tuple[int, str, float]] = []
    try:
        for rtt in (int(ms) for ms in args.rtt.split(",")):
            proxy.one_way = rtt / 2000
            n = max(20, round(args.seconds * 1000 / (2 * rtt)))
            for name, way in WAYS.items():
                fill(direct, n)
                marks: list[float] = []
                way(via, n, marks)
                table.append((rtt, name, rate(marks)))
                print(f"RTT {rtt:>4} ms, N={n}: {name:<44} {table[-1][2]:7.1f} notif/s", flush=True)
    finally:
        emulator.terminate()
        emulator.wait(5)
    print(f"\n{'RTT':>6}  {'way':<44}{'notif/s':>9}{'vs SDK':>9}{'vs 1/RTT':>10}")
    for rtt in sorted({row[0] for row in table}):
        rows = {name: value for ms, name, value in table if ms == rtt}
        sdk = rows["official SDK loop"]
        for name, value in rows.items():
            print(
                f"{rtt:>4}ms  {name:<44}{value:9.1f}{value / sdk:8.2f}x{value * rtt / 1000:9.2f}x"
            )
        floor, name = 1000 / (2 * rtt), "sequential floor 1/(2·RTT)"
        print(f"{rtt:>4}ms  {name:<44}{floor:9.1f}{floor / sdk:8.2f}x{0.5:9.2f}x")
    print("target (issue 15): at RTT 50 ms, the console (CLI and window) >= 1.6x the SDK")


if __name__ == "__main__":
    main()
