"""The window's language: Qt Linguist translations from resources/translations.

The compiled .qm files are committed next to their .ts sources and ship in the wheel and the
bundle; `python -m greenconsole.ui.i18n` recompiles them (packaging/update_translations.py runs
it) and tests/packaging/test_resources.py fails while a .qm differs from what its .ts compiles to.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from greenconsole.resources import resources_dir

LANGUAGES = ("en", "ru")
"""English is the source language; Russian is translated."""


def translations_dir() -> Path:
    """resources/translations: the .qm files (and, in a checkout, their .ts sources)."""
    return resources_dir() / "translations"


def lrelease() -> Path:
    """Qt's lrelease, as shipped in the PySide6 wheel."""
    return Path(PySide6.__file__).parent / (
        "lrelease.exe" if sys.platform == "win32" else "lrelease"
    )


def compile_ts(ts: Path, qm: Path) -> None:
    """Compile one .ts file to .qm (raises CalledProcessError / OSError on failure)."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(lrelease()), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def qm_file(language: str) -> Path | None:
    """The shipped translation for `language`, or None when there is none."""
    qm = translations_dir() / f"greenconsole_{language}.qm"
    return qm if qm.is_file() else None


def pick_language(choice: str) -> str:
    """The user's choice ("en"/"ru"), or the system locale's language when "" (English
    when we have no translation for it)."""
    if choice in LANGUAGES:
        return choice
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


class Translations:
    """Installs and swaps the app's translators (ours and Qt's own, for standard buttons)."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = "en"
        self._installed: list[QTranslator] = []

    def use(self, language: str) -> bool:
        """Switch to `language`; False (and English) when its translation cannot be loaded."""
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed.clear()
        self.language = "en"
        self.app.setProperty("language", "en")
        if language == "en":
            return True
        ours, qt = QTranslator(self.app), QTranslator(self.app)
        path = qm_file(language)
        if path is None or not ours.load(str(path)):
            return False
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for translator in (qt, ours) if qt.load(f"qtbase_{language}", qt_dir) else (ours,):
            self.app.installTranslator(translator)
            self._installed.append(translator)
        self.language = language
        self.app.setProperty("language", language)
        return True


def main() -> int:
    """Compile every .ts in resources/translations to the .qm next to it (commit the result)."""
    for ts in sorted(translations_dir().glob("greenconsole_*.ts")):
        compile_ts(ts, ts.with_suffix(".qm"))
        print(f"compiled {ts.with_suffix('.qm')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
