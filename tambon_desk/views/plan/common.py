"""Pieces the master-plan screens share: short channel names, baht cells, year fields."""

from __future__ import annotations

from ... import thai
from ...core.i18n import N_, _
from ..widgets import column_tree

SHORT = {
    "own": N_("Own means"),
    "local_gov": N_("LAO"),
    "outside": N_("Outside"),
    "other": N_("Other"),
}  # column headings where the full channel name is too wide


def _baht(satang) -> str:
    return thai.format_baht(satang) if satang is not None else ""


def _read_year(field, key: str, errors: dict, required: bool = True, app=None):
    """A BE year from an entry (or text): a CE year typed ("2026") is converted, the entry
    shows the BE year and the status line says so (thai.parse_be_year)."""
    text = field.get() if hasattr(field, "get") else str(field)
    if not text.strip():
        if required:
            errors[key] = _("Enter the fiscal year (BE, e.g. 2569).")
        return None
    try:
        year, note = thai.parse_be_year(text)
    except thai.ThaiDateError as exc:
        errors[key] = str(exc)
        return None
    if note:
        if hasattr(field, "delete"):
            field.delete(0, "end")
            field.insert(0, str(year))
        if app is not None:
            app.set_status(note)
    return year


_tree = column_tree  # the plan and network tabs' short tables


def _fill(tree, rows):
    tree.delete(*tree.get_children())
    for values in rows:
        tree.insert("", "end", values=["" if v is None else v for v in values])
