"""Smoke check of what a user installs: --version, emulator, send, receive, count, the window's
self-test in English and in Russian. Runs in a fresh home, outside the checkout.

Usage: python packaging/smoke.py [COMMAND]
COMMAND is the bundle's binary (default dist/greenconsole/greenconsole) or the `greenconsole`
script of a venv the wheel was installed into. Exits 0 when every check passed; prints one line
per check.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.search(r'__version__ = "(.+?)"', (ROOT / "greenconsole/__init__.py").read_text())[1]
"""The checkout's version (read, not imported: this script needs only the standard library)."""
INSTANCE, TOKEN = 1101000099, "smoke-token-0123456789abcdef0123456789abcdef0123"


def check(name: str, ok: bool, detail: str = "") -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)
    return ok


def tail(proc: subprocess.CompletedProcess[bytes]) -> str:
    """The end of what a failed command said."""
    return "" if proc.returncode == 0 else (proc.stderr or proc.stdout).decode().strip()[-300:]


def main() -> int:
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist/greenconsole/greenconsole")
    if not binary.exists():
        print(f"no bundle at {binary}: build it with python packaging/build.py")
        return 2
    home = Path(tempfile.mkdtemp(prefix="greenconsole-smoke-"))
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "GREEN_API_TOKEN": TOKEN,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    env.pop("PYTHONPATH", None)

    def run(*args: str, stdin: bytes | None = None, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [binary, *args],
            input=stdin,
            capture_output=True,
            env={**env, **extra},
            cwd=home,
            timeout=120,
        )

    results = []
    started = time.perf_counter()
    version = run("--version")
    results.append(
        check(
            "--version",
            version.stdout.decode().strip() == f"greenconsole {VERSION}",
            f"{version.stdout.decode().strip()} in {(time.perf_counter() - started) * 1000:.0f} ms",
        )
    )

    emulator = subprocess.Popen(
        [binary, "emulator", "--instance", f"{INSTANCE}:{TOKEN}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=home,
    )
    try:
        first = emulator.stdout.readline().decode().strip()
        url = first.split()[-1] if first.startswith("listening on http://") else ""
        results.append(check("emulator starts", bool(url), first))
        instance = ("--api-url", url, "--instance", str(INSTANCE))
        body = {
            "typeWebhook": "incomingMessageReceived",
            "instanceData": {"idInstance": INSTANCE},
            "idMessage": "SMOKE1",
            "messageData": {
                "typeMessage": "textMessage",
                "textMessageData": {"textMessage": "Привет"},
            },
        }
        sent = run("send", "--webhook-url", url, stdin=json.dumps(body).encode())
        results.append(check("send posts a notification", sent.returncode == 0, tail(sent)))
        received = run("receive", *instance, "--delete", "--idle-exit", "1")
        lines = received.stdout.decode().splitlines()
        results.append(
            check(
                "receive --delete --idle-exit prints it and exits",
                received.returncode == 0
                and len(lines) == 1
                and json.loads(lines[0])["body"] == body,
                tail(received),
            )
        )
        counted = run("count", *instance)
        results.append(
            check("the queue is empty after", counted.stdout.strip() == b"0", tail(counted))
        )
    finally:
        emulator.terminate()
        results.append(check("emulator stops on SIGTERM with exit 0", emulator.wait(5) == 0))

    window = run("--self-test")
    results.append(
        check(
            "window self-test on the sandbox",
            window.returncode == 0,
            (window.stdout.decode().strip() or window.stderr.decode())[-300:],
        )
    )
    russian = run("--self-test", LC_ALL="ru_RU.UTF-8", LANG="ru_RU.UTF-8")
    results.append(
        check(
            "window in Russian (system locale ru_RU)",
            russian.returncode == 0 and "UI language: ru" in russian.stdout.decode(),
            (russian.stdout.decode().strip() or russian.stderr.decode())[-300:],
        )
    )
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
