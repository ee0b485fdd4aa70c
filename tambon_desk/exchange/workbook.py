"""`tables.xlsx`: the bundle's tables readable without the app (one sheet per table).

Streamed straight from the trimmed `data.sqlite` as SpreadsheetML written by hand: openpyxl
(even write-only) spends ~90 % of an export on per-cell objects, ten times what a tambon's
export may take. The format used is the plain subset every spreadsheet reads: inline
strings, numbers, one bold header style and one money style. Money columns (integer satang)
are written as baht with two decimals from Decimal, never through floats.
"""
from __future__ import annotations

import re
import sqlite3
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from ..core.cells import inline_string_xml, xml_text
from ..thai import mask_citizen_id
from . import tables as T
from .tables import quote as q

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
{sheets}</Types>"""
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\n')
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets></workbook>"""
_WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{rels}<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Tahoma"/></font><font><b/><sz val="11"/><name val="Tahoma"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
               '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"


def _col_letters(n: int) -> list[str]:
    out = []
    for i in range(n):
        s, k = "", i + 1
        while k:
            k, r = divmod(k - 1, 26)
            s = chr(65 + r) + s
        out.append(s)
    return out


_text = xml_text

# Columns holding citizen IDs: masked in a bundle without a passphrase (issue 14), since
# anyone who finds the stick can open tables.xlsx; data.sqlite keeps them exact.
ID_COLUMNS = {"person": ("citizen_id",)}


def _cells(row, letters, rownum, money, header=False) -> str:
    """One <row>. Cells carry no reference (spreadsheets place them in order), so blanks
    are written as <c/> to keep the columns in step."""
    parts = [f'<row r="{rownum}">']
    add = parts.append
    for j, v in enumerate(row):
        if v is None:
            add("<c/>")
        elif header:
            add(inline_string_xml(str(v), style=1))
        elif type(v) is str:
            add(inline_string_xml(v))
        elif j in money and type(v) is int:
            add(f'<c s="2"><v>{Decimal(v) / 100}</v></c>')
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            add(f"<c><v>{v!r}</v></c>")
        elif isinstance(v, bool):
            add(f'<c t="b"><v>{int(v)}</v></c>')
        else:
            add(inline_string_xml(v.hex() if isinstance(v, bytes) else str(v)))
    add("</row>")
    return "".join(parts)


def _sheet_title(name: str, used: set) -> str:
    title = _SHEET_BAD.sub("_", name)[:31]
    n = 2
    while title.lower() in used:
        suffix = f"~{n}"
        title = name[:31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def _masked(row, positions):
    row = list(row)
    for j in positions:
        if row[j]:
            try:
                row[j] = mask_citizen_id(row[j])
            except (TypeError, ValueError):
                row[j] = "x" * len(str(row[j]))
    return row


def write_tables(data: Path, dest: Path, progress=None, *, mask_ids: bool = True) -> Path:
    """One sheet per travelling table; citizen IDs masked unless `mask_ids` is False (a
    bundle protected by a passphrase)."""
    con = sqlite3.connect(f"file:{data}?mode=ro", uri=True)
    models = T.merge_models()
    used: set = set()
    titles = []
    try:
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for n, model in enumerate(models, start=1):
                tbl = T.table(model)
                cols = T.columns(model)
                money_cols = T.money_columns(model)
                money = {j for j, c in enumerate(cols) if c in money_cols}
                letters = _col_letters(len(cols))
                titles.append(_sheet_title(tbl, used))
                with zf.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as out:
                    buf = [_SHEET_HEAD, _cells([c + (" (baht)" if c in money_cols else "")
                                                for c in cols], letters, 1, money, header=True)]
                    sql = f"SELECT {', '.join(q(c) for c in cols)} FROM {q(tbl)} ORDER BY rowid"
                    ids = [j for j, c in enumerate(cols) if c in ID_COLUMNS.get(tbl, ())] \
                        if mask_ids else []
                    for i, row in enumerate(con.execute(sql), start=2):
                        if ids:
                            row = _masked(row, ids)
                        buf.append(_cells(row, letters, i, money))
                        if len(buf) >= 2000:
                            out.write("".join(buf).encode("utf-8"))
                            buf = []
                    buf.append(_SHEET_TAIL)
                    out.write("".join(buf).encode("utf-8"))
                if progress:
                    progress(n / len(models), tbl)
            zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets="".join(
                _SHEET_TYPE.format(n=n) for n in range(1, len(titles) + 1))))
            zf.writestr("_rels/.rels", _RELS)
            zf.writestr("xl/workbook.xml", _WB.format(sheets="".join(
                f'<sheet name="{escape(t)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, t in enumerate(titles, start=1))))
            zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(rels="".join(
                f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(titles) + 1))))
            zf.writestr("xl/styles.xml", _STYLES)
    finally:
        con.close()
    return dest
