"""Reading a sheet into plain rows: xlsx (openpyxl, read-only streaming) and CSV.

The result is the same for both: a list of `(row_number, [cell, ...])` with the row number
the clerk sees in Excel (1-based), cells as openpyxl gives them (str, int, float, datetime,
None) or as text for CSV. Nothing is cleaned here; trailing blank rows and columns are cut.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import UserError
from ..core.i18n import _
from .cleaning import is_blank

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


@dataclass
class Sheet:
    """The rows of one sheet (or CSV file) and where they came from."""
    path: Path
    name: str
    rows: list[tuple[int, list]]
    sheet_names: tuple[str, ...] = ()


def _trim(rows: list[tuple[int, list]]) -> list[tuple[int, list]]:
    while rows and all(is_blank(v) for v in rows[-1][1]):
        rows.pop()
    width = 0
    for _n, cells in rows:
        for i in range(len(cells) - 1, -1, -1):
            if not is_blank(cells[i]):
                width = max(width, i + 1)
                break
    return [(n, (list(cells) + [None] * width)[:width]) for n, cells in rows]


def read_sheet(path, sheet: str | None = None) -> Sheet:
    """Read `sheet` (default: the workbook's active sheet) of an xlsx file, or a CSV."""
    path = Path(path)
    if not path.is_file():
        raise UserError(_("File not found: {path}").format(path=path))
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_xlsx(path, sheet)
    if suffix in CSV_SUFFIXES:
        return _read_csv(path)
    if suffix == ".xls":
        raise UserError(_("Old Excel files (.xls) cannot be read: open the file in Excel or "
                          "LibreOffice and save it as .xlsx."))
    raise UserError(_("Cannot read {name}: use an Excel (.xlsx) or CSV file.").format(
        name=path.name))


def _read_xlsx(path: Path, sheet: str | None) -> Sheet:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UserError(_("{name} is not a readable Excel file ({error}).").format(
            name=path.name, error=exc.__class__.__name__)) from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise UserError(_("The workbook has no sheet named {sheet}; its sheets: {names}.")
                            .format(sheet=sheet, names=", ".join(wb.sheetnames)))
        ws = wb[sheet] if sheet is not None else wb.active
        if ws is None:
            ws = wb.worksheets[0]
        # Some writers leave a wrong <dimension>: read every row the sheet really has.
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
        return Sheet(path, ws.title, _trim(rows), tuple(wb.sheetnames))
    finally:
        wb.close()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "cp874"):        # cp874: Thai Windows (a TIS-620 superset)
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UserError(_("Cannot tell the text encoding of the CSV file; save it as UTF-8."))


def _read_csv(path: Path) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError as exc:            # e.g. still open in Excel on Windows
        raise UserError(_("Cannot open {name} ({error}); close it in other programs and "
                          "try again.").format(name=path.name, error=exc.strerror)) from None
    text = _decode(data)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = [(i, r) for i, r in enumerate(reader, start=1)]
    return Sheet(path, path.stem, _trim(rows), (path.stem,))
