"""Refresh resources/translations/*.ts from the tr() strings in greenconsole/ui and the marked
ones of greenconsole/scenarios.py (Qt lupdate),
then list the strings still waiting for a translation. Translate them in Qt Linguist
(`pyside6-linguist resources/translations/greenconsole_ru.ts`), then compile and commit the .qm
(`python -m greenconsole.ui.i18n`; a test fails while the .qm lags behind the .ts)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Update every .ts file; exit 1 while any string is untranslated."""
    lupdate = Path(PySide6.__file__).parent / "lupdate"
    package = ROOT / "greenconsole"
    # the window's tr() strings, and the words it translates from modules without Qt: every
    # module that marks words with greenconsole.marks.QT_TRANSLATE_NOOP
    marked = [
        path
        for path in package.rglob("*.py")
        if path.parent.name != "ui" and "QT_TRANSLATE_NOOP(" in path.read_text(encoding="utf-8")
    ]
    sources = sorted(str(p) for p in [*(package / "ui").glob("*.py"), *marked])
    waiting = 0
    for ts in sorted((ROOT / "resources" / "translations").glob("greenconsole_*.ts")):
        subprocess.run(
            [str(lupdate), *sources, "-ts", str(ts), "-no-obsolete", "-locations", "none"],
            check=True,
        )
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            if translation.get("type") == "unfinished" or not translation.text:
                waiting += 1
                print(f"{ts.name}: untranslated: {message.findtext('source')!r}")
    return 1 if waiting else 0


if __name__ == "__main__":
    sys.exit(main())
