"""Running `greenconsole emulator` as a process, and raw HTTP against it."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

from tests.support import cli_env


def start_emulator(*args: str, token: str | None = None) -> tuple[subprocess.Popen, str]:
    """Start the emulator (GREEN_API_TOKEN=`token` if given); (process, its URL)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "greenconsole", "emulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(token),
    )
    first = proc.stdout.readline().decode()
    assert re.fullmatch(r"listening on http://127\.0\.0\.1:\d+\n", first), first
    return proc, first.split()[-1]


def stop(proc: subprocess.Popen) -> str:
    """SIGTERM, expect exit 0; the stderr text."""
    proc.terminate()
    assert proc.wait(5) == 0
    return proc.stderr.read().decode("utf-8", "replace")


def raw_request(url: str, request: bytes, timeout: float = 5) -> tuple[int, bytes]:
    """Send raw bytes to the server at `url`; (status, body) of the answer (connection closed)."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body
