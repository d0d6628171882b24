"""Resources ship inside the package and are read only when needed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from greenconsole import resources
from greenconsole.ui.i18n import compile_ts

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"

NO_READ_AT_IMPORT = """
import pkgutil, sys
import greenconsole
from greenconsole import resources
folder = str(resources.resources_dir())
opened = []
sys.addaudithook(
    lambda event, args: opened.append(args[0])
    if event == "open" and str(args[0]).startswith(folder) else None
)
for module in pkgutil.walk_packages(greenconsole.__path__, "greenconsole."):
    if not module.name.endswith("__main__"):
        __import__(module.name)
print(len(sys.modules), opened)
"""


def test_the_committed_translation_is_compiled_from_its_source(tmp_path):
    sources = sorted(TRANSLATIONS.glob("greenconsole_*.ts"))
    assert sources
    for ts in sources:
        compile_ts(ts, tmp_path / ts.with_suffix(".qm").name)
        assert (TRANSLATIONS / ts.with_suffix(".qm").name).read_bytes() == (
            tmp_path / ts.with_suffix(".qm").name
        ).read_bytes(), f"{ts.name} changed: run python -m greenconsole.ui.i18n and commit the .qm"


def test_resources_are_found_as_package_data():
    assert resources.resources_dir() == ROOT / "resources"  # the editable install maps it
    assert '"typeWebhook"' in resources.read_text("templates.json")


def test_importing_the_app_reads_no_resource():
    """Every module imports without touching resources/ (a broken install fails on use, with a
    message, not on import)."""
    proc = subprocess.run(
        [sys.executable, "-c", NO_READ_AT_IMPORT],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-1000:]
    count, opened = proc.stdout.split(" ", 1)
    assert int(count) > 100 and opened.strip() == "[]"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_sdist_and_wheel_carry_the_resources(tmp_path):
    """The wheel is built from the sdist (python -m build), as a PyPI release would be."""
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("greenconsole-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assets = {name.removeprefix("greenconsole/assets/") for name in names if "/assets/" in name}
    assert {
        "__init__.py",
        "templates.json",
        "greenconsole.desktop",
        "icons/greenconsole-256.png",
        "translations/greenconsole_ru.qm",
    } <= assets
    assert not any(name.endswith((".ts", "screenshots/feed.png")) for name in names)
