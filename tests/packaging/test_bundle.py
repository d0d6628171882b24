"""The PyInstaller bundle is built from the spec and passes the smoke check (slow: ~2 min)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_bundle_builds_and_passes_the_smoke_check():
    build = subprocess.run(
        [sys.executable, "packaging/build.py"], cwd=ROOT, capture_output=True, timeout=900
    )
    assert build.returncode == 0, build.stdout.decode()[-2000:] + build.stderr.decode()[-2000:]
    binary = ROOT / "dist" / "greenconsole" / "greenconsole"
    assert binary.exists()
    resources = ROOT / "dist" / "greenconsole" / "_internal" / "greenconsole" / "assets"
    assert (resources / "templates.json").exists()
    assert (resources / "translations" / "greenconsole_ru.qm").exists()
    smoke = subprocess.run(
        [sys.executable, "packaging/smoke.py", str(binary)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    report = smoke.stdout.decode()
    assert smoke.returncode == 0, report + smoke.stderr.decode()[-2000:]
    assert report.count("ok  ") == 8 and "FAIL" not in report
