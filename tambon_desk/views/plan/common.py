"""Pieces the master-plan screens share: short channel names, baht cells, year fields."""
from __future__ import annotations



from ... import thai
from ...core.i18n import N_, _
from ..widgets import column_tree


SHORT = {"own": N_("Own means"), "local_gov": N_("LAO"), "outside": N_("Outside"),
         "other": N_("Other")}     # column headings where the full channel name is too wide


def _baht(satang) -> str:
    return thai.format_baht(satang) if satang is not None else ""


def _read_year(text: str, key: str, errors: dict, required: bool = True):
    text = thai.thai_to_arabic_digits(text.strip())
    if not text:
        if required:
            errors[key] = _("Enter the fiscal year (BE, e.g. 2569).")
        return None
    if not text.isdigit():
        errors[key] = _("Enter the fiscal year (BE, e.g. 2569).")
        return None
    return int(text)


_tree = column_tree          # the plan and network tabs' short tables


def _fill(tree, rows):
    tree.delete(*tree.get_children())
    for values in rows:
        tree.insert("", "end", values=["" if v is None else v for v in values])
