"""Build the one-folder bundle dist/greenconsole/ from the repository root and print its size.

Usage: python packaging/build.py   (GREENCONSOLE_NO_EXCLUDES=1 builds without the spec's excludes,
to measure what they save)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size_mb(path: Path) -> float:
    """The size of every file below `path`, in MB."""
    return (
        sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6
    )


def main() -> int:
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(ROOT / "dist"),
        "--workpath",
        str(ROOT / "build"),
        str(ROOT / "packaging" / "greenconsole.spec"),
    ]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode:
        return result.returncode
    bundle = ROOT / "dist" / "greenconsole"
    print(
        f"built {bundle} in {time.perf_counter() - started:.0f} s: {folder_size_mb(bundle):.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
