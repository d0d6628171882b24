"""The app's resources (icons, composer templates, translations), found through importlib.resources.

They live in the checkout's top-level resources/ folder, which every install ships as the package
``greenconsole.assets`` (setup.py maps it; the PyInstaller spec collects it the same way), so one
lookup serves an editable install, a wheel, an sdist build and the bundle. Read them when needed,
never at import time.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = "greenconsole.assets"


def resources_dir() -> Path:
    """The resources folder on disk (Qt's loaders want file names; no install mode zips it)."""
    folder = files(PACKAGE)
    if not isinstance(folder, Path):
        raise RuntimeError(f"{PACKAGE} is not on disk ({folder!r}): install greenconsole unzipped")
    return folder


def read_text(name: str) -> str:
    """A text resource by its path below resources/, e.g. "templates.json"."""
    return files(PACKAGE).joinpath(name).read_text(encoding="utf-8")
