"""`greenconsole` (no subcommand) opens the window; --self-test drives it on the sandbox."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_composes_receives_and_deletes_through_the_real_window(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    env.pop("GREEN_API_TOKEN", None)
    proc = subprocess.run(
        [sys.executable, "-m", "greenconsole", "--self-test"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("self-test ok")
    assert b"Traceback" not in proc.stderr
    left = [
        p for d in ("config", "data", "state") for p in (tmp_path / d).rglob("*") if p.is_file()
    ]
    assert left == []  # a smoke check leaves no tab, history, sandbox state or log behind
