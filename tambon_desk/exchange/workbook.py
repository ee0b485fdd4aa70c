"""`tables.xlsx`: the bundle's tables readable without the app (one sheet per table).

Streamed straight from the trimmed `data.sqlite` as SpreadsheetML written by hand: openpyxl
(even write-only) spends ~90 % of an export on per-cell objects, ten times what a tambon's
export may take. The format used is the plain subset every spreadsheet reads: inline
strings, numbers, one bold header style and one money style. Money columns (integer satang)
are written as baht with two decimals from Decimal, never through floats.

For a reader without the program (issue 13): row 1 holds Thai column headers, row 2 the
field names (what the program and data.sqlite call them), both frozen; dates are real date
cells shown in the Buddhist Era, record times are Thai time; columns have widths; internal
columns (sort keys, search text) are left out.
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
import zipfile
from decimal import Decimal
from functools import lru_cache
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
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\n'
)
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
<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="[$-107041E]d/mm/yyyy;@"/><numFmt numFmtId="166" formatCode="[$-107041E]d/mm/yyyy hh:mm;@"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Tahoma"/></font><font><b/><sz val="11"/><name val="Tahoma"/></font><font><i/><sz val="9"/><color rgb="FF666666"/><name val="Tahoma"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment wrapText="1" vertical="top"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
    '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>{cols}'
    '<sheetData>'
)
# Columns kept out of the workbook: derived for the program's own sorting and searching.
INTERNAL_COLUMNS = frozenset({"sort_key", "search_text"})
_EPOCH = _dt.date(1899, 12, 30).toordinal()  # spreadsheet day 0
_THAI_TIME = 7 / 24  # record times are UTC; Thailand is UTC+7

# Thai headers of the columns (row 1); the field name stays in row 2.
THAI_HEADERS = {
    "id": "รหัสระเบียน",
    "created_at": "สร้างเมื่อ (เวลาไทย)",
    "updated_at": "แก้ไขเมื่อ (เวลาไทย)",
    "created_by": "สร้างโดย",
    "updated_by": "แก้ไขโดย",
    "deleted_at": "ลบเมื่อ (เวลาไทย)",
    "code": "รหัส",
    "name": "ชื่อ",
    "name_th": "ชื่อ (ไทย)",
    "name_en": "ชื่อ (อังกฤษ)",
    "district_code": "รหัสอำเภอ",
    "district_th": "อำเภอ",
    "district_en": "อำเภอ (อังกฤษ)",
    "province_code": "รหัสจังหวัด",
    "province_th": "จังหวัด",
    "province_en": "จังหวัด (อังกฤษ)",
    "tambon_id": "ตำบล (รหัสระเบียน)",
    "village_id": "หมู่บ้าน (รหัสระเบียน)",
    "household_id": "ครัวเรือน (รหัสระเบียน)",
    "moo": "หมู่ที่",
    "account_target": "เป้าหมายครัวเรือนทำบัญชี",
    "house_no": "บ้านเลขที่",
    "head_name": "หัวหน้าครัวเรือน",
    "member_count": "จำนวนสมาชิก",
    "lat": "ละติจูด",
    "lon": "ลองจิจูด",
    "status": "สถานะ",
    "title": "คำนำหน้า / ชื่อเรื่อง",
    "first_name": "ชื่อ",
    "last_name": "นามสกุล",
    "citizen_id": "เลขประจำตัวประชาชน",
    "sex": "เพศ",
    "birth_date": "วันเกิด",
    "relation": "ความสัมพันธ์",
    "occupation": "อาชีพ",
    "education": "การศึกษา",
    "order": "ลำดับ",
    "head": "หัวหน้า",
    "date": "วันที่",
    "amount": "จำนวนเงิน (บาท)",
    "category_id": "หมวด (รหัสระเบียน)",
    "note": "หมายเหตุ",
    "group": "กลุ่ม",
    "kind": "ประเภท",
    "label": "ชื่อรายการ",
    "year": "ปี (ค.ศ.)",
    "month": "เดือน",
    "mm": "ปริมาณฝน (มม.)",
    "fiscal_year": "ปีงบประมาณ",
    "approved": "อนุมัติ (บาท)",
    "requested": "ขอ (บาท)",
    "budget": "งบประมาณ (บาท)",
    "channel": "ช่องทางงบประมาณ",
    "organisation": "หน่วยงาน",
    "project_id": "โครงการ (รหัสระเบียน)",
    "issue_id": "ประเด็น (รหัสระเบียน)",
    "plan_id": "แผน (รหัสระเบียน)",
    "objective": "วัตถุประสงค์",
    "responsible": "ผู้รับผิดชอบ",
    "provincial": "อยู่ในแผนพัฒนาจังหวัด",
    "provincial_fy": "ปีงบประมาณในแผนจังหวัด",
    "provincial_amount": "วงเงินในแผนจังหวัด (บาท)",
    "start_date": "วันเริ่ม",
    "end_date": "วันสิ้นสุด",
    "level": "ระดับ",
    "description": "รายละเอียด",
    "indicators": "ตัวชี้วัด",
    "results": "ผลที่ได้",
    "vision": "วิสัยทัศน์",
    "period_start": "เริ่มช่วง",
    "period_end": "สิ้นสุดช่วง",
    "from_status": "จากสถานะ",
    "status_date": "วันที่เปลี่ยนสถานะ",
    "role": "ตำแหน่ง / บทบาท",
    "sector": "ภาค",
    "phone": "โทรศัพท์",
    "contact": "ผู้ติดต่อ",
    "committee_id": "คณะ (รหัสระเบียน)",
    "partner_id": "ภาคี (รหัสระเบียน)",
    "capacity_m3": "ความจุ (ลบ.ม.)",
    "catchment_m2": "พื้นที่รับน้ำ (ตร.ม.)",
    "depth_m": "ความลึก (ม.)",
    "yield_m3_h": "อัตราการให้น้ำ (ลบ.ม./ชม.)",
    "pump_hours": "ชั่วโมงสูบ",
    "usable_share": "สัดส่วนที่ใช้ได้",
    "runoff_coef": "สัมประสิทธิ์น้ำท่า",
    "dry_months": "เดือนที่แห้ง",
    "manager": "ผู้ดูแล",
    "condition": "สภาพ",
    "population": "จำนวนคน",
    "agreed_on": "วันที่ตกลง",
    "review_on": "วันทบทวน",
    "parties": "คู่สัญญา",
    "rules": "กติกา",
    "village_ids": "หมู่บ้าน",
    "source_ids": "แหล่งน้ำ",
    "crop": "พืช",
    "area_rai": "พื้นที่ (ไร่)",
    "area_m2": "พื้นที่ (ตร.ม.)",
    "area": "พื้นที่",
    "value": "ค่า",
    "key": "คีย์",
    "months": "เดือน",
    "summary": "สรุป",
    "author": "ผู้เขียน",
    "filename": "ชื่อไฟล์",
    "mime": "ชนิดไฟล์",
    "sha256": "SHA-256",
    "size": "ขนาด (ไบต์)",
    "owner_table": "ตารางเจ้าของ",
    "owner_id": "ระเบียนเจ้าของ",
    "at": "เวลา (เวลาไทย)",
    "username": "ผู้ใช้",
    "action": "การกระทำ",
    "table": "ตาราง",
    "tbl": "ตาราง",
    "record_id": "ระเบียน",
    "before": "ก่อน",
    "after": "หลัง",
    "retired": "เลิกใช้",
    "resolution": "การตัดสิน",
    "resolved_at": "ตัดสินเมื่อ (เวลาไทย)",
    "mapping": "การจับคู่",
    "signature": "ลายเซ็นข้อมูล",
    "kept_office": "สำนักงานที่เก็บ",
    "kept_version": "ฉบับที่เก็บ",
    "lost_office": "สำนักงานที่ไม่เก็บ",
    "lost_version": "ฉบับที่ไม่เก็บ",
    "lost_values": "ค่าที่ไม่เก็บ",
    "lost_by": "แก้ไขโดย (ที่ไม่เก็บ)",
}
_DATETIME_COLUMNS = frozenset({"created_at", "updated_at", "deleted_at", "at", "resolved_at"})
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


@lru_cache(maxsize=65536)
def _date_serial(v: str):
    """'2026-11-24' -> spreadsheet day number, or None when it is not a date."""
    try:
        return _dt.date(int(v[0:4]), int(v[5:7]), int(v[8:10])).toordinal() - _EPOCH
    except (ValueError, IndexError):
        return None


def _text_cell(v: str) -> str:
    return inline_string_xml(v)


@lru_cache(maxsize=65536)
def _date_cell(v: str) -> str:
    """A date column's cell: a day number shown as a BE date (cached: a table repeats its
    dates); text when the value is not a date."""
    day = _date_serial(v)
    return _text_cell(v) if day is None else f'<c s="4"><v>{day}</v></c>'


_MINUTE_CELLS: dict = {}


def _time_cell(v: str) -> str:
    """'2026-11-24T07:30:00.000000Z' (UTC) -> a date-and-time cell in Thai time, to the
    minute (what the cell shows), cached per minute: records are made in bursts."""
    key = v[:16]
    cell = _MINUTE_CELLS.get(key)
    if cell is None:
        if len(_MINUTE_CELLS) > 100_000:
            _MINUTE_CELLS.clear()
        cell = _MINUTE_CELLS[key] = _minute_cell(key) if len(v) >= 16 else _text_cell(v)
    return cell


def _minute_cell(v: str) -> str:
    day = _date_serial(v[:10])
    try:
        minutes = int(v[11:13]) * 60 + int(v[14:16])
    except ValueError:
        day = None
    if day is None:
        return _text_cell(v)
    return f'<c s="5"><v>{round(day + minutes / 1440 + _THAI_TIME, 8)}</v></c>'


def _cells(row, letters, rownum, money, header=False, cell_of=None, style=1) -> str:
    """One <row>. Cells carry no reference (spreadsheets place them in order), so blanks
    are written as <c/> to keep the columns in step. `cell_of`: {column index: function
    writing a date column's cell}."""
    parts = [f'<row r="{rownum}">']
    add = parts.append
    cell_of = cell_of or {}
    for j, v in enumerate(row):
        if v is None:
            add("<c/>")
        elif header:
            add(inline_string_xml(str(v), style=style))
        elif type(v) is str:
            add(cell_of[j](v) if j in cell_of else inline_string_xml(v))
        elif j in money and type(v) is int:
            add(f'<c s="2"><v>{Decimal(v) / 100}</v></c>')
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            add(f"<c><v>{v!r}</v></c>")
        elif isinstance(v, bool):
            add(f'<c t="b"><v>{int(v)}</v></c>')
        else:
            text = v.hex() if isinstance(v, bytes) else str(v)
            add(inline_string_xml(text))
    add("</row>")
    return "".join(parts)


def _sheet_title(name: str, used: set) -> str:
    title = _SHEET_BAD.sub("_", name)[:31]
    n = 2
    while title.lower() in used:
        suffix = f"~{n}"
        title = name[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def _thai_header(column: str, is_money: bool) -> str:
    head = THAI_HEADERS.get(column, column)
    if is_money and "(บาท)" not in head:
        head += " (บาท)"
    return head


def _date_columns(model, cols) -> dict:
    """{index: style} of the date (4) and record-time (5) columns of a table."""
    from ..db.base import DateField

    out = {}
    for j, c in enumerate(cols):
        field = model._meta.columns.get(c)
        if isinstance(field, DateField):
            out[j] = 4
        elif c in _DATETIME_COLUMNS:
            out[j] = 5
    return out


def _width_of(text: str) -> float:
    return sum(
        0
        if "\u0e31" == ch or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"
        else 1.1
        if "\u0e00" <= ch <= "\u0e7f"
        else 1
        for ch in text
    )


def _widths(con, sql: str, cols, heads, money, dates) -> str:
    """<cols> sized to the header words and the first 100 rows (a fixed width for dates)."""
    longest = [max(_width_of(h) * 0.6, _width_of(c)) for h, c in zip(heads, cols)]
    for row in con.execute(sql + " LIMIT 100"):
        for j, v in enumerate(row):
            if v is not None and j not in dates:
                text = f"{Decimal(v) / 100:,.2f}" if j in money and type(v) is int else str(v)
                longest[j] = max(longest[j], _width_of(text[:80]))
    parts = []
    for j, w in enumerate(longest):
        if j in dates:
            w = 11 if dates[j] == 4 else 16
        parts.append(
            f'<col min="{j + 1}" max="{j + 1}" width="{min(max(w + 2, 8), 60):.1f}" '
            f'customWidth="1"/>'
        )
    return "<cols>" + "".join(parts) + "</cols>"


# Columns holding citizen IDs: masked in a bundle without a passphrase (issue 14), since
# anyone who finds the stick can open tables.xlsx; data.sqlite keeps them exact.
ID_COLUMNS = {"person": ("citizen_id",)}


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
                cols = [c for c in T.columns(model) if c not in INTERNAL_COLUMNS]
                money_cols = T.money_columns(model)
                money = {j for j, c in enumerate(cols) if c in money_cols}
                dates = _date_columns(model, cols)
                letters = _col_letters(len(cols))
                titles.append(_sheet_title(tbl, used))
                sql = f"SELECT {', '.join(q(c) for c in cols)} FROM {q(tbl)} ORDER BY rowid"
                heads = [_thai_header(c, c in money_cols) for c in cols]
                widths = _widths(con, sql, cols, heads, money, dates)
                cell_of = {j: (_date_cell if k == 4 else _time_cell) for j, k in dates.items()}
                with zf.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as out:
                    buf = [
                        _SHEET_HEAD.format(cols=widths),
                        _cells(heads, letters, 1, money, header=True),
                        _cells(cols, letters, 2, money, header=True, style=3),
                    ]
                    ids = (
                        [j for j, c in enumerate(cols) if c in ID_COLUMNS.get(tbl, ())]
                        if mask_ids
                        else []
                    )
                    for i, row in enumerate(con.execute(sql), start=3):
                        if ids:
                            row = _masked(row, ids)
                        buf.append(_cells(row, letters, i, money, cell_of=cell_of))
                        if len(buf) >= 2000:
                            out.write("".join(buf).encode("utf-8"))
                            buf = []
                    buf.append(_SHEET_TAIL)
                    out.write("".join(buf).encode("utf-8"))
                if progress:
                    progress(n / len(models), tbl)
            zf.writestr(
                "[Content_Types].xml",
                _CONTENT_TYPES.format(
                    sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(titles) + 1))
                ),
            )
            zf.writestr("_rels/.rels", _RELS)
            zf.writestr(
                "xl/workbook.xml",
                _WB.format(
                    sheets="".join(
                        f'<sheet name="{escape(t)}" sheetId="{n}" r:id="rId{n}"/>'
                        for n, t in enumerate(titles, start=1)
                    )
                ),
            )
            zf.writestr(
                "xl/_rels/workbook.xml.rels",
                _WB_RELS.format(
                    rels="".join(
                        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
                        f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
                        for n in range(1, len(titles) + 1)
                    )
                ),
            )
            zf.writestr("xl/styles.xml", _STYLES)
    finally:
        con.close()
    return dest
