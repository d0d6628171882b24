"""Before the window starts: can Qt load its platform plugin? If not, one line that names the
missing system libraries and the apt-get command, instead of Qt's abort (exit 134) with a hint
that is often wrong ("xcb-cursor0 is needed" when libxcb-icccm4 is what lacks).

Qt-free: the CLI calls this before anything imports Qt.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

EXIT_QT_LIBRARIES = 72
"""Exit code when Qt cannot load its libraries (sysexits EX_OSFILE: a system file is missing)."""

PACKAGES = {
    # offscreen (and every platform): the Qt libraries themselves
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    # xcb: a real X display
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
"""Debian/Ubuntu package of each system library PySide6's Qt links (readelf -d, then dpkg -S)."""


def platforms() -> list[str]:
    """The platform plugins Qt will try, in order: $QT_QPA_PLATFORM ("wayland;xcb",
    "xcb:option"), else Qt's own choice (Wayland first in a Wayland session)."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return [name.split(":")[0] for name in chosen.split(";") if name]
    if os.environ.get("XDG_SESSION_TYPE") == "wayland" and os.environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def qt_dir() -> Path | None:
    """PySide6's Qt folder (plugins/, lib/), found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def missing_libraries(files: list[Path]) -> list[str]:
    """The libraries the dynamic loader cannot find for `files` (empty when ldd is absent)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    listing = subprocess.run(
        [ldd, *map(str, files)], capture_output=True, text=True, timeout=30
    ).stdout
    return sorted(set(re.findall(r"^\s*(\S+) => not found", listing, re.MULTILINE)))


def problem() -> str | None:
    """None when Qt can load a platform plugin it will try (or when we cannot tell: not Linux,
    no PySide6, an unknown plugin — Qt reports those itself); else the one line to print."""
    qt = qt_dir()
    if not sys.platform.startswith("linux") or qt is None:
        return None
    widgets = [path for path in [qt / "lib" / "libQt6Widgets.so.6"] if path.exists()]
    candidates = [
        plugin
        for name in platforms()
        if (plugin := qt / "plugins" / "platforms" / f"libq{name}.so").exists()
    ]
    if not candidates:
        return None
    error = ""
    for plugin in candidates:
        try:
            for library in (plugin, *widgets):
                ctypes.CDLL(str(library))  # what Qt would load next; loaded once either way
        except OSError as exc:
            error = error or str(exc)
        else:
            return None
    plugin = candidates[0]
    name = plugin.stem.removeprefix("libq")
    missing = missing_libraries([plugin, *widgets])
    if not missing:
        return f"greenconsole: Qt's {name} platform plugin cannot be loaded: {error}"
    packages = sorted({PACKAGES[lib] for lib in missing if lib in PACKAGES})
    unknown = [lib for lib in missing if lib not in PACKAGES]
    hint = f"sudo apt-get install {' '.join(packages)}" if packages else ""
    if unknown:
        hint += ("; " if hint else "") + f"find the package of {', '.join(unknown)} with apt-file"
    return (
        f"greenconsole: cannot open the window: Qt's {name} platform needs "
        f"{', '.join(missing)}, not found; on Debian/Ubuntu: {hint}"
    )
