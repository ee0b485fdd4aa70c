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


# Bounds on what is read (issue 14): a small file must not turn into gigabytes in memory.
MAX_COLUMNS = 1000  # columns actually used (a stray cell in XFD is refused)
MAX_ROWS = 300_000
MAX_CELLS = 6_000_000  # rows x used columns
MAX_PART = 256 * 1024**2  # any one part of an xlsx, unpacked
MAX_XLSX_TOTAL = 1024**3  # all parts unpacked
MAX_RATIO = 100  # unpacked / packed size of a part above 1 MB
MAX_CSV_BYTES = 256 * 1024**2
MAX_FIELD = 1024 * 1024  # one CSV field; larger is refused with a message


def _too_big(name: str) -> UserError:
    return UserError(
        _(
            "{name} is too large to load ({rows:,} rows or {cells:,} cells at "
            "most). Split it into smaller files."
        ).format(name=name, rows=MAX_ROWS, cells=MAX_CELLS)
    )


def _letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _trim(rows: list[tuple[int, list]], name: str = "") -> list[tuple[int, list]]:
    """Cut trailing blank rows and columns; refuse a sheet wider than MAX_COLUMNS used ones.

    Rows are cut to their own last used cell first, so a cell far to the right never pads
    every row to its width before it is refused.
    """
    cut = []
    width = 0
    for n, cells in rows:
        last = len(cells)
        while last and is_blank(cells[last - 1]):
            last -= 1
        if last > MAX_COLUMNS:
            raise UserError(
                _(
                    "{name}: row {row} has a value in column {col}; no more than "
                    "{max} columns can be read. Delete the cells far to the right "
                    "(or copy the table into a new sheet) and try again."
                ).format(name=name, row=n, col=_letters(last), max=MAX_COLUMNS)
            )
        width = max(width, last)
        cut.append((n, cells, last))
    while cut and not cut[-1][2]:
        cut.pop()
    if len(cut) * max(width, 1) > MAX_CELLS:
        raise _too_big(name)
    return [
        (n, list(cells[:width]) + [None] * (width - min(len(cells), width)))
        for n, cells, _last in cut
    ]


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
        raise UserError(
            _(
                "Old Excel files (.xls) cannot be read: open the file in Excel or "
                "LibreOffice and save it as .xlsx."
            )
        )
    raise UserError(
        _("Cannot read {name}: use an Excel (.xlsx) or CSV file.").format(name=path.name)
    )


def _unreadable(path: Path, exc: BaseException) -> UserError:
    return UserError(
        _("{name} is not a readable Excel file ({error}).").format(
            name=path.name, error=exc.__class__.__name__
        )
    )


def check_xlsx_parts(path: Path) -> None:
    """Refuse a workbook whose parts unpack to far more than a sheet needs (a zip bomb),
    from the zip directory alone, before openpyxl reads a byte of them."""

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(path, exc) from None
    total = 0
    for info in infos:
        total += info.file_size
        ratio_bad = info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        )
        if info.file_size > MAX_PART or ratio_bad or total > MAX_XLSX_TOTAL:
            raise UserError(
                _(
                    "{name} unpacks to far more than its size ({part}: {mb:,} MB); "
                    "it was not read. Save the sheet again from Excel, or split "
                    "it."
                ).format(name=path.name, part=info.filename, mb=info.file_size // (1024**2))
            )


def _read_xlsx(path: Path, sheet: str | None) -> Sheet:
    import openpyxl

    check_xlsx_parts(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except UserError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _unreadable(path, exc) from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise UserError(
                _("The workbook has no sheet named {sheet}; its sheets: {names}.").format(
                    sheet=sheet, names=", ".join(wb.sheetnames)
                )
            )
        ws = wb[sheet] if sheet is not None else wb.active
        if ws is None or not hasattr(ws, "iter_rows"):  # a chartsheet has no cells
            if sheet is not None:
                raise UserError(_("The sheet {sheet} is a chart, not a table.").format(sheet=sheet))
            sheets = [w for w in wb.worksheets if hasattr(w, "iter_rows")]
            if not sheets:
                raise UserError(_("{name} has no sheet with a table.").format(name=path.name))
            ws = sheets[0]
        # Some writers leave a wrong <dimension>: read every row the sheet really has.
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        rows = []
        cells = 0
        try:
            for i, r in enumerate(ws.iter_rows(values_only=True), start=1):
                cells += len(r)
                if i > MAX_ROWS or cells > MAX_CELLS * 2:
                    raise _too_big(path.name)
                rows.append((i, list(r)))
        except UserError:
            raise
        except Exception as exc:  # truncated XML (ParseError), odd parts inside openpyxl
            raise _unreadable(path, exc) from None
        names = tuple(w.title for w in wb.worksheets if hasattr(w, "iter_rows")) or tuple(
            wb.sheetnames
        )
        return Sheet(path, ws.title, _trim(rows, path.name), names)
    finally:
        wb.close()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "cp874"):  # cp874: Thai Windows (a TIS-620 superset)
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UserError(_("Cannot tell the text encoding of the CSV file; save it as UTF-8."))


DELIMITERS = (",", ";", "\t", "|")


def _shape(lines: list[str], delimiter: str) -> tuple[int, int, int]:
    """(rows as wide as the header, header width, -rows wider than it) for one delimiter."""
    try:
        rows = [r for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
    except csv.Error:
        return (0, 0, 0)
    if not rows:
        return (0, 0, 0)
    # The header is the first row of the widest shape among the first rows (titles above
    # the table have fewer cells).
    width = max(len(r) for r in rows[:20])
    same = sum(1 for r in rows if len(r) == width)
    wider = sum(1 for r in rows if len(r) > width)
    # A header row of that width counts most: a comma inside amounts splits data rows
    # alike, but it does not split the header's names.
    header = next((r for r in rows[:20] if len(r) == width), None)
    named = header is not None and sum(1 for c in header if c.strip()) >= max(2, width - 1)
    return (same + (len(rows) if named else 0), width, -wider)


def sniff_delimiter(text: str, suffix: str = "") -> str:
    """The delimiter from the header row and the shape of the rows, not from guesses at
    quoting: `;` files with comma thousands (`3,033.35`) are common in Thai offices."""
    lines = text.splitlines()[:60]
    candidates = []
    for d in DELIMITERS:
        same, width, wider = _shape(lines, d)
        if width > 1:
            candidates.append(((same, wider, width), d))
    if not candidates:
        return "\t" if suffix == ".tsv" else ","
    # Most rows of one width (the header counting most) wins; among equals, fewer ragged
    # rows, then more columns: a comma inside amounts splits a row in two, a real delimiter
    # splits it into every column.
    best = max(candidates, key=lambda c: (c[0][0], c[0][1], c[0][2]))
    return best[1]


def _read_csv(path: Path) -> Sheet:
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise _too_big(path.name)
        data = path.read_bytes()
    except OSError as exc:  # e.g. still open in Excel on Windows
        raise UserError(
            _("Cannot open {name} ({error}); close it in other programs and try again.").format(
                name=path.name, error=exc.strerror
            )
        ) from None
    text = _decode(data)
    delimiter = sniff_delimiter(text, path.suffix.lower())
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)
    rows = []
    cells = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for i, r in enumerate(reader, start=1):
            cells += len(r)
            if i > MAX_ROWS or cells > MAX_CELLS * 2:
                raise _too_big(path.name)
            rows.append((i, r))
    except csv.Error as exc:
        raise UserError(
            _(
                "{name}, line {line}: the file cannot be read as CSV (a cell of "
                "more than {n:,} characters, or a quote never closed). Check the "
                "file in Excel and save it again. [{error}]"
            ).format(name=path.name, line=reader.line_num, n=MAX_FIELD, error=exc)
        ) from None
    finally:
        csv.field_size_limit(limit)
    return Sheet(path, path.stem, _trim(rows, path.name), (path.stem,))
