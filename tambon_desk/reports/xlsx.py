"""Excel rendering of a ReportDocument (openpyxl, always write-only).

One path for every size: ``Workbook(write_only=True)`` streams rows, so a 50,000-row
register costs little memory, and WriteOnlyCell carries the styles. Values are typed
(numbers, real dates, text for ids) so the clerk can sum and filter; the totals row is
written from the data function's totals, never recomputed by a formula, so it equals
the PDF to the satang.
"""

from __future__ import annotations

import re
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ..core.cells import write_only_cell
from ._fmt import be_date
from .model import Chart, Figure, KeyValues, ReportDocument, Table, Text, Value

BE_DATE_FORMAT = "[$-107041E]d/mm/yyyy;@"
NUMBER_FORMATS = {
    "money": "#,##0.00",
    "int": "#,##0",
    "year": "0",
    "percent": "0.0",
    "number": "#,##0.00",
    "date": BE_DATE_FORMAT,
    "citizen_id": "@",
    "code": "@",
    "text": "General",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


SHEET_MAX = 31


def _cut_at_word(text: str, limit: int) -> str:
    """text cut to at most `limit` characters at a word boundary (a space, else a Thai word
    break from the segmenter), never inside a word unless one word alone is too long."""
    if len(text) <= limit:
        return text
    from .thaiwrap import segment

    out = ""
    for tok in segment(text):
        if len(out) + len(tok) > limit:
            break
        out += tok
    out = out.rstrip(" -,·(")
    return out or text[:limit]


def sheet_title(name: str, used: set[str]) -> str:
    """A legal, unique sheet name (≤31 chars, none of []:*?/\\), cut at a word boundary;
    a repeated name gets " 2", " 3" …"""
    base = _BAD_SHEET_CHARS.sub(" ", name or "ตาราง").strip().strip("'") or "ตาราง"
    base = re.sub(r"\s+", " ", base)
    title, n = _cut_at_word(base, SHEET_MAX), 2
    while title.lower() in used:
        suffix = f" {n}"
        title = _cut_at_word(base, SHEET_MAX - len(suffix)) + suffix
        n += 1
    used.add(title.lower())
    return title


def _print_ready(
    ws,
    doc: ReportDocument,
    title_rows: str | None,
    sheet_label: str = "",
    landscape: bool | None = None,
):
    """A4, orientation, fit to page width, header rows repeated, title and page number."""
    ws.page_setup.paperSize = "9"
    wide = doc.landscape if landscape is None else landscape
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    head = doc.title + (f" - {doc.place_line()}" if doc.place_line() else "")
    ws.oddHeader.center.text = head.replace("&", "&&")
    ws.oddHeader.center.size = 12
    if sheet_label:
        ws.oddHeader.right.text = sheet_label.replace("&", "&&")
        ws.oddHeader.right.size = 10
    if doc.confidential:
        ws.oddHeader.left.text = "ข้อมูลส่วนบุคคล"
        ws.oddHeader.left.size = 10
    ws.oddFooter.left.text = (doc.subtitle or "").replace("&", "&&")
    ws.oddFooter.left.size = 9
    ws.oddFooter.right.text = "หน้า &P จาก &N"
    ws.oddFooter.right.size = 9


def _display_len(text: str) -> float:
    """Column-width estimate: Thai marks take no room; Thai letters are a bit wider."""
    text = _THAI_MARKS.sub("", text)
    return sum(1.15 if "\u0e00" <= c <= "\u0e7f" else 1.0 for c in text)


def unit_format(kind: str, unit: str = "") -> str:
    """The number format of a figure with its unit after it ('#,##0.00" บาท"')."""
    fmt = NUMBER_FORMATS.get(kind, "General")
    if unit and fmt not in ("General", "@"):
        unit = unit.replace('"', "")
        fmt = f'{fmt}" {unit}"' if ";" not in fmt else fmt
    return fmt


def cell_value(kind: str, value):
    """Typed Excel value for a model value."""
    if value is None or value == "":
        return None
    if kind == "money":
        return float(Decimal(int(value)) / 100)
    if kind in ("int", "year"):
        return int(value)
    if kind in ("percent", "number"):
        return float(value)
    if kind == "date":
        return value if isinstance(value, (date, datetime)) else str(value)
    if kind in ("citizen_id", "code"):
        return str(value)
    return value if isinstance(value, (int, float)) else str(value)


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="9AA5B1")
    return {
        "font": Font(name="Sarabun", size=11),
        "bold": Font(name="Sarabun", size=11, bold=True),
        "title": Font(name="Sarabun", size=14, bold=True),
        "header_fill": PatternFill("solid", fgColor="DBE5F1"),
        "total_fill": PatternFill("solid", fgColor="E8EDF3"),
        "border": Border(top=thin, bottom=thin, left=thin, right=thin),
        "wrap_center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="top"),
        "left": Alignment(horizontal="left", vertical="top"),
        "center": Alignment(horizontal="center", vertical="top"),
    }


def _cover_sheet(wb, doc: ReportDocument, st, used: set[str]):
    WriteOnlyCell = write_only_cell
    ws = wb.create_sheet(sheet_title("รายงาน", used))
    label_w, value_w, other_w = 24.0, 22.0, 12.0
    for block in doc.blocks:
        if isinstance(block, KeyValues):
            for k, v in block.items:
                label_w = max(label_w, _display_len(k) + 2)
                value_w = max(value_w, _display_len(str(v)) + 2)
        elif isinstance(block, Chart):
            for cat in block.categories:
                label_w = max(label_w, _display_len(str(cat)) + 2)
            for name, vals in block.series:
                w = (
                    max(
                        [_display_len(name)]
                        + [_display_len(f"{v:,.2f}") for v in vals if v is not None]
                    )
                    + 3
                )
                value_w, other_w = max(value_w, w), max(other_w, w)
    ws.column_dimensions["A"].width = min(label_w, 60)
    ws.column_dimensions["B"].width = min(value_w, 80)
    from openpyxl.utils import get_column_letter

    for i in range(3, 14):
        ws.column_dimensions[get_column_letter(i)].width = min(other_w, 30)
    _print_ready(ws, doc, None)

    def line(*texts, font=None):
        cells = []
        for t in texts:
            c = WriteOnlyCell(ws, value=t)
            c.font = font or st["font"]
            cells.append(c)
        ws.append(cells)

    line(doc.title, font=st["title"])
    if doc.place_line():
        line(doc.place_line())
    if doc.subtitle:
        line(doc.subtitle)
    printed_at = doc.printed_at or datetime.now()
    printed = f"พิมพ์เมื่อ {be_date(printed_at)} เวลา {printed_at:%H:%M} น."
    if doc.printed_by:
        printed += f" โดย {doc.printed_by}"
    line(printed)
    line()
    for block in doc.blocks:
        if isinstance(block, Text):
            line(block.text, font=st["bold"] if block.style == "heading" else None)
        elif isinstance(block, KeyValues):
            for k, v in block.items:
                c1 = WriteOnlyCell(ws, value=k)
                c1.font = st["bold"]
                if isinstance(v, Value) and v.kind in NUMBER_FORMATS and v.value is not None:
                    c2 = WriteOnlyCell(ws, value=cell_value(v.kind, v.value))
                    c2.number_format = unit_format(v.kind, v.unit)
                    c2.alignment = st["left"]
                    row = [c1, c2]
                    if v.note:
                        c3 = WriteOnlyCell(ws, value=v.note)
                        c3.font = st["font"]
                        row.append(c3)
                else:
                    c2 = WriteOnlyCell(ws, value=str(v))
                    c2.number_format = "@"
                    row = [c1, c2]
                c2.font = st["font"]
                ws.append(row)
            line()
        elif isinstance(block, Table):
            line(f"ตาราง: {block.title or block.sheet_name or ''} ({len(block.rows):,} แถว)")
        elif isinstance(block, Chart):
            _chart_numbers(ws, block, st)
        elif isinstance(block, Figure):
            line(f"แผนที่: {block.title} (ดูในรายงาน PDF)")


def _chart_numbers(ws, chart: Chart, st):
    """A chart's numbers as a small table (Excel charts are not drawn)."""
    WriteOnlyCell = write_only_cell

    def cell(v, font=None, fmt=None):
        c = WriteOnlyCell(ws, value=v)
        c.font = font or st["font"]
        if fmt:
            c.number_format = fmt
        return c

    ws.append([cell(f"แผนภูมิ: {chart.title}", st["bold"])])
    ws.append([cell("", st["bold"])] + [cell(name, st["bold"]) for name, _ in chart.series])
    for i, cat in enumerate(chart.categories):
        ws.append(
            [cell(cat)]
            + [cell(vals[i] if i < len(vals) else None, fmt="#,##0.00") for _, vals in chart.series]
        )
    ws.append([])


def _table_sheet(wb, t: Table, st, used: set[str], doc: ReportDocument):
    from openpyxl.utils import get_column_letter

    WriteOnlyCell = write_only_cell  # formula-like text stays text (core.cells)
    ws = wb.create_sheet(sheet_title(t.sheet_name or t.title or "ตาราง", used))
    _print_ready(
        ws, doc, "1:1", t.title or t.sheet_name or "", landscape=doc.landscape or len(t.columns) > 7
    )
    cols = t.columns
    ncols = len(cols)
    last = get_column_letter(ncols)
    ws.freeze_panes = "A2"
    nrows = len(t.rows) + 1
    ws.auto_filter.ref = f"A1:{last}{nrows}"
    # column widths must be set before rows are streamed
    for i, c in enumerate(cols, 1):
        sample = [_preview(c, r.get(c.key)) for r in t.rows[:200]]
        if t.totals and i > 1:
            sample.append(_preview(c, t.totals.get(c.key)))
        # a header wraps (the cell wraps text): its longest word must fit, not all of it
        head = max((_display_len(w) for w in c.title.split()), default=0)
        head = max(head, min(_display_len(c.title), 18))
        width = min(max([head] + [_display_len(s) for s in sample]) + 3, 60)
        if c.kind == "date":
            width = max(width, 12)
        ws.column_dimensions[get_column_letter(i)].width = max(width, 6)
    header = []
    for c in cols:
        cell = WriteOnlyCell(ws, value=c.title)
        cell.font, cell.fill, cell.border = st["bold"], st["header_fill"], st["border"]
        cell.alignment = st["wrap_center"]
        header.append(cell)
    ws.append(header)
    fmts = [NUMBER_FORMATS.get(c.kind, "General") for c in cols]
    aligns = [st[c.alignment] if c.alignment in st else st["left"] for c in cols]
    font, border = st["font"], st["border"]
    # Styling a cell makes openpyxl hash and look up each style object; do it once per
    # column on a prototype and give every body cell a copy of its style array.
    protos = []
    for fmt, al in zip(fmts, aligns, strict=False):
        proto = WriteOnlyCell(ws)
        proto.font, proto.border, proto.alignment = font, border, al
        proto.number_format = fmt
        protos.append(proto._style)
    kinds = [(c.key, c.kind) for c in cols]
    for row in t.rows:
        out = []
        for (key, kind), style in zip(kinds, protos, strict=False):
            cell = WriteOnlyCell(ws, value=cell_value(kind, row.get(key)))
            cell._style = copy(style)
            out.append(cell)
        ws.append(out)
    if t.totals:
        out = []
        for i, (c, fmt, al) in enumerate(zip(cols, fmts, aligns, strict=False)):
            v = t.totals.get(c.key)
            cell = WriteOnlyCell(
                ws, value=str(v) if i == 0 and v is not None else cell_value(c.kind, v)
            )
            cell.font, cell.fill, cell.border, cell.alignment = (
                st["bold"],
                st["total_fill"],
                border,
                al,
            )
            if i:
                cell.number_format = fmt
            out.append(cell)
        ws.append(out)


def _preview(c, v) -> str:
    from ._fmt import format_value

    return format_value(c.kind, v)


def render_xlsx(doc: ReportDocument, out) -> None:
    """Write doc to out (a path or a binary file object)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    st = _styles()
    used: set[str] = set()
    _cover_sheet(wb, doc, st, used)
    for block in doc.blocks:
        if isinstance(block, Table):
            _table_sheet(wb, block, st, used, doc)
    wb.properties.title = doc.title
    wb.properties.creator = doc.printed_by or "Tambon Desk"
    wb.save(str(out) if isinstance(out, Path) else out)
