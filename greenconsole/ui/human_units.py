"""Sizes and ages as people read them ("1.2 KB", "4 min"), in a translation's words. No Qt."""

from __future__ import annotations

KIB = 1024
UNIT_LABELS = {
    "B": "{0} B",
    "KB": "{0} KB",
    "MB": "{0} MB",
    "s": "{0} s",
    "min": "{0} min",
    "h": "{0} h",
    "d": "{0} d",
    ".": ".",
}
"""The English words of these units (a translation gives its own, same keys)."""


def human_size(size: int | None, labels: dict[str, str] = UNIT_LABELS) -> str:
    """`size` bytes: "812 B", "1.2 KB", "3.4 MB" (1 KB = 1024 B); "" when unknown."""
    if size is None or size < 0:
        return ""
    if size < KIB:
        return labels["B"].format(size)
    unit, value = ("KB", size / KIB) if size < KIB * KIB else ("MB", size / KIB / KIB)
    number = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return labels[unit].format(number.replace(".", labels["."]))


def human_age(seconds: float, labels: dict[str, str] = UNIT_LABELS) -> str:
    """An age in its largest whole unit: "12 s", "4 min", "3 h", "2 d" (never negative: a
    clock set back reads "0 s")."""
    whole = max(0, int(seconds))
    for unit, length in (("d", 86_400), ("h", 3_600), ("min", 60)):
        if whole >= length:
            return labels[unit].format(whole // length)
    return labels["s"].format(whole)
