"""A missing system library is named in one line before Qt starts, and the lists of Debian
packages (README, .ci/run, the message's table) cover every library PySide6's Qt links."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from greenconsole import qt_libraries

ROOT = Path(__file__).resolve().parents[2]
BASE = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libz.so.1",
        "libzstd.so.1", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2"}  # fmt: skip
"""In every Debian/Ubuntu system (needed by apt itself)."""

LIBS = "/lib/x86_64-linux-gnu"
HIDE = f"""
set -e
lib=$(readlink -f {LIBS})
t=$1; shift
mkdir "$t/orig" "$t/view"
mount --bind "$lib" "$t/orig"
mount -t tmpfs tmpfs "$t/view"
cp -as "$t/orig/." "$t/view/"
while [ "$1" != "--" ]; do rm -f "$t/view/$1"*; shift; done; shift
mount --bind "$t/view" "$lib"
exec "$@"
"""
"""Runs a command with some libraries missing: the system's library folder is replaced by a copy
made of links, without those libraries, in a private mount namespace of that one command (the
system stays as it is for everything else)."""


def can_hide_libraries() -> bool:
    """Root, unshare and the Debian library layout."""
    if os.geteuid() != 0 or not shutil.which("unshare") or not Path(LIBS).is_dir():
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not can_hide_libraries(), reason="needs root, unshare and " + LIBS)
def test_missing_xcb_libraries_are_named_in_one_line(tmp_path):
    """The libraries missing on a fresh desktop install (issue 13) are named with their packages;
    Qt itself would abort (exit 134) asking for xcb-cursor0, which is installed."""
    hide = ["unshare", "-m", "--propagation", "private", "sh", "-c", HIDE, "hide", str(tmp_path)]
    missing = ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    proc = subprocess.run(
        [*hide, *missing, "--", sys.executable, "-m", "greenconsole"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"},
        timeout=60,
    )
    assert proc.returncode == qt_libraries.EXIT_QT_LIBRARIES == 72, proc.stderr[-2000:]
    assert proc.stdout == ""
    assert proc.stderr == (
        "greenconsole: cannot open the window: Qt's xcb platform needs libxcb-icccm.so.4, "
        "libxcb-keysyms.so.1, not found; on Debian/Ubuntu: "
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n"
    )


def test_nothing_is_reported_when_the_platform_loads(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert qt_libraries.problem() is None


def test_the_platforms_qt_will_try(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "wayland;xcb:nocursor")
    assert qt_libraries.platforms() == ["wayland", "xcb"]
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    assert qt_libraries.platforms() == ["xcb"]
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert qt_libraries.platforms() == ["wayland", "xcb"]


def linked_system_libraries(files: list[Path], qt_lib: Path) -> set[str]:
    """Sonames `files` need (readelf -d), following PySide6's own Qt libraries."""
    found, seen, todo = set(), set(), list(files)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True)
        for name in re.findall(r"\(NEEDED\).*\[(.+?)\]", dynamic.stdout):
            if (qt_lib / name).exists():
                todo.append(qt_lib / name)
            else:
                found.add(name)
    return found


@pytest.mark.skipif(not shutil.which("readelf"), reason="needs readelf (binutils)")
def test_every_library_qt_links_is_listed_with_its_package():
    qt = qt_libraries.qt_dir()
    plugins = qt / "plugins" / "platforms"
    needed = linked_system_libraries(
        [qt / "lib" / "libQt6Widgets.so.6", plugins / "libqxcb.so", plugins / "libqoffscreen.so"],
        qt / "lib",
    )
    needed -= {name for name in needed if name.startswith(("libicu", "libpyside", "libshiboken"))}
    assert needed - BASE == set(qt_libraries.PACKAGES)
    setup = ROOT.joinpath("README.md").read_text().split("## Set up")[1].split("\n## ")[0]
    ci = ROOT.joinpath(".ci", "run").read_text()
    for package in set(qt_libraries.PACKAGES.values()):
        assert re.search(rf"\b{re.escape(package)}\b", setup), f"README ## Set up lacks {package}"
        assert re.search(rf"\b{re.escape(package)}\b", ci), f".ci/run does not install {package}"
