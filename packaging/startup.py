"""Startup times: `greenconsole --version` from the venv, and the window to its first paint
(from the venv and, when built, from the bundle). Best of several runs each.

Usage: python packaging/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(command: list[str], runs: int, env: dict[str, str], expect: str) -> float:
    """The fastest of `runs` runs (seconds), checking that `expect` was printed."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(command, capture_output=True, env=env, timeout=60).stdout.decode()
        times.append(time.perf_counter() - started)
        assert expect in out, (command, out)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="greenconsole-startup-")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": f"{home}/config",
        "XDG_DATA_HOME": f"{home}/data",
        "XDG_STATE_HOME": f"{home}/state",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    script = shutil.which("greenconsole") or ""
    rows = [
        ("python -c pass (interpreter baseline)", [sys.executable, "-c", "print('x')"], "x"),
        ("greenconsole --version (venv)", [script, "--version"], "greenconsole"),
        ("window to first paint (venv)", [script, "--quit-after-paint"], "first paint"),
    ]
    bundle = ROOT / "dist" / "greenconsole" / "greenconsole"
    if bundle.exists():
        rows += [
            ("greenconsole --version (bundle)", [str(bundle), "--version"], "greenconsole"),
            ("window to first paint (bundle)", [str(bundle), "--quit-after-paint"], "first paint"),
        ]
    for name, command, expect in rows:
        seconds = best_of(command, args.runs, env, expect)
        print(f"{name:<42} {seconds * 1000:6.0f} ms  (best of {args.runs})")


if __name__ == "__main__":
    main()
