"""Smoke check of a built bundle: --version, emulator, receive, the window's self-test in
English and in Russian.

Usage: python packaging/smoke.py [dist/greenconsole/greenconsole]
Exits 0 when every check passed; prints one line per check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from greenconsole import __version__

ROOT = Path(__file__).resolve().parent.parent
INSTANCE, TOKEN = 1101000099, "smoke-token-0123456789abcdef0123456789abcdef0123"


def check(name: str, ok: bool, detail: str = "") -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)
    return ok


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
        "QT_QPA_PLATFORM": "offscreen",
        "GREEN_API_TOKEN": TOKEN,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    results = []

    started = time.perf_counter()
    version = subprocess.run([binary, "--version"], capture_output=True, env=env, timeout=60)
    results.append(
        check(
            "--version",
            version.stdout.decode().strip() == f"greenconsole {__version__}",
            f"{version.stdout.decode().strip()} in {(time.perf_counter() - started) * 1000:.0f} ms",
        )
    )

    emulator = subprocess.Popen(
        [binary, "emulator", "--instance", f"{INSTANCE}:{TOKEN}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        first = emulator.stdout.readline().decode().strip()
        url = first.split()[-1] if first.startswith("listening on http://") else ""
        results.append(check("emulator starts", bool(url), first))
        body = {
            "typeWebhook": "incomingMessageReceived",
            "instanceData": {"idInstance": INSTANCE},
            "idMessage": "SMOKE1",
            "messageData": {
                "typeMessage": "textMessage",
                "textMessageData": {"textMessage": "Привет"},
            },
        }
        posted = httpx.post(url + "/", json=body)
        answer = httpx.get(
            f"{url}/waInstance{INSTANCE}/receiveNotification/{TOKEN}?receiveTimeout=5"
        )
        results.append(
            check(
                "emulator answers a receive",
                posted.status_code == 200 and answer.json()["body"] == body,
            )
        )
        received = subprocess.run(
            [
                binary,
                "receive",
                "--api-url",
                url,
                "--instance",
                str(INSTANCE),
                "--delete",
                "--max",
                "1",
            ],
            capture_output=True,
            env=env,
            timeout=60,
        )
        lines = received.stdout.decode().splitlines()
        results.append(
            check(
                "receive drains it",
                received.returncode == 0
                and len(lines) == 1
                and json.loads(lines[0])["body"] == body,
                received.stderr.decode().strip()[:200],
            )
        )
    finally:
        emulator.terminate()
        results.append(check("emulator stops on SIGTERM with exit 0", emulator.wait(5) == 0))

    window = subprocess.run([binary, "--self-test"], capture_output=True, env=env, timeout=120)
    results.append(
        check(
            "window self-test on the sandbox",
            window.returncode == 0,
            (window.stdout.decode().strip() or window.stderr.decode())[-300:],
        )
    )
    russian = subprocess.run(
        [binary, "--self-test"],
        capture_output=True,
        env={**env, "LC_ALL": "ru_RU.UTF-8", "LANG": "ru_RU.UTF-8"},
        timeout=120,
    )
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
