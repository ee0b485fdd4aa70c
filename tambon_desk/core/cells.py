"""The one place every workbook the product writes puts a value into a cell (issue 14).

Text from other people's files (a first name typed as `=HYPERLINK("http://…","คลิก")`)
must never come back as a live formula. Text that starts with `=`, `+`, `-`, `@`, a tab or
a carriage return is written as a text cell, never a formula: openpyxl would otherwise take
any string starting with `=` for one. Reports, import error reports, templates and the
bundle's `tables.xlsx` all write through these functions.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def formula_like(value) -> bool:
    """True for text a spreadsheet could run as a formula (or DDE) if typed in."""
    return isinstance(value, str) and value[:1] in FORMULA_LEADS


def as_text(cell):
    """Make an openpyxl cell holding formula-like text a plain text cell; returns it."""
    if formula_like(cell.value):
        cell.data_type = "s"
    return cell


def write_only_cell(ws, value=None):
    """A WriteOnlyCell for `value`, text kept as text."""
    from openpyxl.cell import WriteOnlyCell

    return as_text(WriteOnlyCell(ws, value=value))


def set_value(ws, row: int, column: int, value):
    """`ws.cell(row, column, value)` for a normal worksheet, text kept as text."""
    return as_text(ws.cell(row=row, column=column, value=value))


def append_row(ws, values) -> None:
    """`ws.append(values)` for normal and write-only sheets, text kept as text."""
    values = list(values)
    if getattr(ws, "_write_only", False) or type(ws).__name__ == "WriteOnlyWorksheet":
        ws.append([v if hasattr(v, "data_type") else write_only_cell(ws, v) for v in values])
        return
    ws.append(values)
    for cell in ws[ws.max_row]:
        as_text(cell)


def xml_text(value: str) -> str:
    """Text escaped for SpreadsheetML written by hand (illegal XML characters dropped)."""
    return escape(_ILLEGAL.sub("", value)) if _SPECIAL.search(value) else value


def inline_string_xml(value: str, style: int | None = None) -> str:
    """A hand-written `<c>` holding `value` as an inline string: always text, never a
    formula, whatever it starts with."""
    s = f' s="{style}"' if style is not None else ""
    return f'<c t="inlineStr"{s}><is><t xml:space="preserve">{xml_text(value)}</t></is></c>'
