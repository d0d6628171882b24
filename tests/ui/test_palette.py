"""The palette module's colours read at WCAG AA (4.5:1) in a light and a dark palette."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleFactory

from greenconsole.ui import palette
from greenconsole.ui.palette import Surface, Tone, contrast

AA = 4.5


def light() -> QPalette:
    return QStyleFactory.create("Fusion").standardPalette()


def dark() -> QPalette:
    """A typical dark desktop palette (Breeze Dark's and Windows' dark mode colours)."""
    result = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2a2e32"),
        (QPalette.ColorRole.Base, "#1b1e20"),
        (QPalette.ColorRole.AlternateBase, "#232629"),
        (QPalette.ColorRole.WindowText, "#fcfcfc"),
        (QPalette.ColorRole.Text, "#fcfcfc"),
        (QPalette.ColorRole.Highlight, "#3daee9"),
    ):
        result.setColor(role, QColor(color))
    return result


@pytest.mark.parametrize("make", [light, dark], ids=["light", "dark"])
def test_every_text_colour_reads_on_the_palettes_backgrounds(qapp, make):
    chosen = make()
    for tone in Tone:
        for role in (
            QPalette.ColorRole.Base,
            QPalette.ColorRole.AlternateBase,
            QPalette.ColorRole.Window,
        ):
            ratio = contrast(palette.text(tone, chosen), chosen.color(role))
            assert ratio >= AA, f"{tone.value} on {role.name}: {ratio:.2f}:1"


@pytest.mark.parametrize("make", [light, dark], ids=["light", "dark"])
def test_every_tinted_surface_carries_readable_text(qapp, make):
    chosen = make()
    for which in Surface:
        back, fore = palette.surface(which, chosen)
        assert contrast(fore, back) >= AA, f"{which.value}: {contrast(fore, back):.2f}:1"


def test_dark_surfaces_are_dark_and_light_ones_light(qapp):
    """A dark palette never gets the light banners (white text on pale yellow, 1.1:1)."""
    for which in Surface:
        assert palette.surface(which, dark())[0].lightness() < 100
        assert palette.surface(which, light())[0].lightness() > 180


def test_contrast_matches_the_wcag_reference_values():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
