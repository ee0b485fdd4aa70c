"""The shared import machinery: cell cleaning, header detection, mapping, reading, reports,
templates, and a second (test-only) kind to show kinds plug in through the registry."""

import csv
import datetime as dt

import openpyxl
import pytest

from tambon_desk.core.errors import UserError
from tambon_desk.core.i18n import N_
from tambon_desk.importers import cleaning as c
from tambon_desk.importers import engine, kinds, reading, report
from tambon_desk.importers import mapping as mp
from tambon_desk.importers.template import write_template

D = dt.date


@pytest.mark.parametrize(
    "cell,want",
    [
        (3016613186095, "3016613186095"),
        (3016613186095.0, "3016613186095"),
        (" 3016613186095 ", "3016613186095"),
        ("3 0166 13186 09 5", "3016613186095"),
        ("3-0166-13186-09-5", "3016613186095"),
        ("๓๐๑๖๖๑๓๑๘๖๐๙๕", "3016613186095"),
        (None, None),
        ("  ", None),
    ],
)
def test_citizen_id_forms(cell, want):
    assert c.parse_citizen_id(cell) == want


def test_citizen_id_errors():
    with pytest.raises(c.FieldError, match="ตรวจสอบ"):
        c.parse_citizen_id("1603813881312")  # check digit should be 4
    with pytest.raises(c.FieldError, match="E\\+12"):
        c.parse_citizen_id("3.01661318609E+12")
    with pytest.raises(c.FieldError, match="13"):
        c.parse_citizen_id("30166131860")


@pytest.mark.parametrize(
    "cell,want",
    [
        ("๑๗/๑/๒๕๐๒", D(1959, 1, 17)),
        ("25 ก.พ. 2526", D(1983, 2, 25)),
        ("17/09/2559", D(2016, 9, 17)),
        ("12/5/1967", D(1967, 5, 12)),
        (dt.datetime(2538, 4, 17), D(1995, 4, 17)),  # BE year typed into a date cell
        (dt.datetime(1977, 11, 10), D(1977, 11, 10)),
        ("2510-05-12 00:00:00", D(1967, 5, 12)),
        (None, None),
        (" ", None),
    ],
)
def test_dates(cell, want):
    assert c.parse_date(cell) == want


def test_date_errors():
    with pytest.raises(c.FieldError, match="ปี"):
        c.parse_date(2510)  # a year alone, not a serial date
    with pytest.raises(c.FieldError):
        c.parse_date("31/02/2510")


@pytest.mark.parametrize(
    "cell,want",
    [
        (639099603, "0639099603"),
        ("083-231-9487", "0832319487"),
        ("+66 81 234 5678", "0812345678"),
        (21234567, "021234567"),
        ("๐๘๑๒๓๔๕๖๗๘", "0812345678"),
        ("081-111-1111 ต่อ 12", "081-111-1111 ต่อ 12"),
        (None, None),
    ],
)
def test_phones(cell, want):
    assert c.parse_phone(cell) == want


def test_phone_too_short():
    with pytest.raises(c.FieldError):
        c.parse_phone("12345")


@pytest.mark.parametrize(
    "cell,want",
    [
        (7, 7),
        (7.0, 7),
        ("หมู่ 7", 7),
        ("๖", 6),
        ("ม.3", 3),
        ("หมู่ที่ ๑๒", 12),
        ("3 บ้านนา", 3),
        (" บ้านนาดี ", "บ้านนาดี"),
        (None, None),
    ],
)
def test_village(cell, want):
    assert c.parse_moo(cell) == want


@pytest.mark.parametrize("cell", [0, 100, "หมู่ 123", 3.5])
def test_village_errors(cell):
    with pytest.raises(c.FieldError):
        c.parse_moo(cell)


@pytest.mark.parametrize(
    "cell,want",
    [
        ("ชาย", "M"),
        ("ช", "M"),
        ("M", "M"),
        ("m", "M"),
        ("male", "M"),
        (1, "M"),
        ("หญิง", "F"),
        ("ญ", "F"),
        (" F ", "F"),
        ("2", "F"),
        ("", None),
    ],
)
def test_sex(cell, want):
    assert c.parse_sex(cell) == want


def test_sex_error():
    with pytest.raises(c.FieldError, match="ชาย"):
        c.parse_sex("x")


def test_titles_and_names():
    assert [c.parse_title(t) for t in ("น.ส.", "นางสาว", "เด็กชาย", "ดญ.", "Mr.", "ร.ต.ท.")] == [
        "นางสาว",
        "นางสาว",
        "ด.ช.",
        "ด.ญ.",
        "นาย",
        "ร.ต.ท.",
    ]
    assert c.sex_of_title("นาง") == "F" and c.sex_of_title("ด.ช.") == "M"
    assert c.sex_of_title("ร.ต.ท.") is None
    assert c.split_full_name("นายสมชาย  ใจดี") == ("นาย", "สมชาย", "ใจดี")
    assert c.split_full_name("นางสาวน้ำฝน แก้วมณี") == ("นางสาว", "น้ำฝน", "แก้วมณี")
    assert c.split_full_name(" มาลี ") == (None, "มาลี", "")
    assert c.split_title("เด็กหญิงมาลี") == ("ด.ญ.", "มาลี")
    assert c.split_title("นาง") == (None, "นาง")  # a name, not a bare title


@pytest.mark.parametrize(
    "cell,want",
    [
        ("๓๓/๘", "33/8"),
        (12.0, "12"),
        (" 12 / 3 ", "12/3"),
        ("บ้านเลขที่ 5", "5"),
        (dt.datetime(2026, 3, 12), "12/3"),
    ],
)
def test_house_numbers(cell, want):
    assert c.parse_house_no(cell) == want


def test_relations():
    assert [c.parse_relation(t) for t in ("หัวหน้าครัวเรือน", "บิดา", "ภรรยา", "หลาน", "เพื่อน")] == [
        "head",
        "parent",
        "spouse",
        "grandchild",
        "other",
    ]


# --- a kind that is not households: proves the machinery is generic -----------------------


def _apply_rain(ctx, rows, result, *, dry_run=False, progress=None, options=None):
    total = len(rows)
    for i, row in enumerate(rows):
        if row.ok:
            result.count("days", "added")
            options.setdefault("seen", []).append((row.values["day"], row.values["mm"]))
        if progress:
            progress(i + 1, total, "rain")


def _parse_mm(value):
    n = c.parse_int(value)
    if n is not None and n < 0:
        raise c.FieldError("ฝนติดลบไม่ได้")
    return n


RAIN = kinds.ImportKind(
    name="test-rain",
    title=N_("Households"),
    fields=[
        kinds.Field(
            "day",
            N_("Birth date"),
            c.parse_date,
            ("วันที่", "date"),
            required=True,
            example="1/11/2569",
            as_text=True,
        ),
        kinds.Field(
            "mm", N_("Phone"), _parse_mm, ("ปริมาณฝน", "ฝน มม", "rain"), required=True, example=12
        ),
    ],
    apply=_apply_rain,
    entities={"days": N_("People")},
    role="viewer",
)


@pytest.fixture
def rain_kind():
    kinds.register(RAIN)
    yield RAIN
    kinds._KINDS.pop(RAIN.name, None)


def _xlsx(path, rows, merge=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def test_registry_dispatch(rain_kind):
    assert kinds.get_kind("test-rain") is rain_kind
    assert "households" in [k.name for k in kinds.all_kinds()]
    with pytest.raises(UserError, match="households"):
        kinds.get_kind("no-such-kind")
    assert rain_kind.fields[0].name == "seq"  # every kind gets the sheet's ลำดับ


def test_generic_pipeline_with_title_block(ctx, tmp_path, rain_kind):
    path = _xlsx(
        tmp_path / "rain.xlsx",
        [
            ["ปริมาณน้ำฝน สถานีตำบล", None, None],
            [None, None, None],
            ["ที่", "วันที่", "ปริมาณฝน (มม.)"],
            [1, "1/11/2569", 12],
            [2, dt.datetime(2569, 11, 2), "๓๐"],
            [None, "  ", None],
            [3, "3/11/2569", -4],
            [4, None, 5],
            [5, "5/11/2569", 0],
            [None, None, None],
        ],
        merge="A1:C1",
    )
    prepared = engine.prepare(rain_kind, path)
    assert prepared.header_row == 3 and prepared.source == "auto"
    assert prepared.mapping == {0: "seq", 1: "day", 2: "mm"}
    calls, options = [], {}
    result = engine.run_import(
        ctx, prepared, dry_run=True, options=options, progress=lambda d, t, m: calls.append((d, t))
    )
    assert options["seen"] == [(D(2026, 11, 1), 12), (D(2026, 11, 2), 30), (D(2026, 11, 5), 0)]
    assert result.counts["days"]["added"] == 3
    assert result.rows_read == 6 and result.rows_blank == 1
    assert [(e.row, e.seq, e.field, e.message) for e in result.errors] == [
        (7, "3", "mm", "ฝนติดลบไม่ได้"),
        (8, "4", "day", "ช่องนี้ต้องไม่ว่าง"),
    ]
    assert calls[-1] == (5, 5)


def test_header_found_without_known_names(rain_kind):
    rows = [
        (1, ["รายงาน", None, None]),
        (2, [None, None, None]),
        (3, ["ก", "ข", "ค"]),
        (4, [1, "x", 2]),
    ]
    assert mp.find_header(rows, rain_kind) == (2, 1)


def test_header_normalising_and_signature():
    assert mp.normalize_header("เลขประจำตัวประชาชน (13 หลัก)") == "เลขประจำตัวประชาชน"
    assert mp.normalize_header(" ว/ด/ป  เกิด ") == "วดปเกิด"
    assert mp.signature(["ชื่อ", " นามสกุล "]) == mp.signature(["ชื่อ ", "นามสกุล", ""])
    assert mp.signature(["ชื่อ", "นามสกุล"]) != mp.signature(["นามสกุล", "ชื่อ"])


def test_auto_map_prefers_exact_then_longest(rain_kind):
    from tambon_desk.registry import HOUSEHOLDS

    headers = ["ที่", "ชื่อ-สกุล", "ชื่อหมู่บ้าน", "บ้านเลขที่", "อาชีพหลัก", "อาชีพเสริม", "หมายเหตุ"]
    assert mp.auto_map(headers, HOUSEHOLDS) == {
        0: "seq",
        1: "full_name",
        2: "village",
        3: "house_no",
        4: "occupation",
    }
    assert mp.missing_required({1: "full_name", 2: "village", 3: "house_no"}, HOUSEHOLDS) == []
    assert [f.name for f in mp.missing_required({2: "village"}, HOUSEHOLDS)] == [
        "house_no",
        "first_name",
    ]


def test_mapping_specs(rain_kind):
    headers = ["ที่", "วัน", "ฝน"]
    m = mp.apply_specs({0: "seq"}, ["B=day", "3=mm"], headers, rain_kind)
    assert m == {0: "seq", 1: "day", 2: "mm"}
    assert mp.apply_specs(m, ["ที่=-", "วัน=mm"], headers, rain_kind) == {1: "mm"}
    with pytest.raises(UserError, match="Z"):
        mp.apply_specs(m, ["Z=day"], headers, rain_kind)
    with pytest.raises(UserError, match="nope"):
        mp.apply_specs(m, ["B=nope"], headers, rain_kind)
    with pytest.raises(UserError):
        mp.apply_specs(m, ["B"], headers, rain_kind)


def test_mapping_remembered_by_signature(ctx, tmp_path, rain_kind):
    path = _xlsx(tmp_path / "odd.xlsx", [["คอลัมน์1", "คอลัมน์2"], ["1/11/2569", 7]])
    p = engine.prepare(rain_kind, path)
    assert p.source == "auto" and p.mapping == {}
    with pytest.raises(UserError):
        engine.run_import(ctx, p)  # nothing mapped: told, not guessed
    p = engine.prepare(rain_kind, path, specs=["A=day", "B=mm"])
    engine.run_import(ctx, p, options={})
    again = engine.prepare(
        rain_kind, _xlsx(tmp_path / "odd2.xlsx", [["คอลัมน์1 ", "คอลัมน์2"], ["2/11/2569", 1]])
    )
    assert again.source == "saved" and again.mapping == {0: "day", 1: "mm"}


@pytest.mark.parametrize(
    "encoding,delimiter", [("utf-8-sig", ","), ("cp874", ";"), ("utf-8", "\t")]
)
def test_csv_encodings(tmp_path, encoding, delimiter, rain_kind):
    path = tmp_path / "rain.csv"
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerows(
            [["ข้อมูลฝน", "", ""], ["ลำดับ", "วันที่", "ปริมาณฝน"], ["1", "๑/๑๑/๒๕๖๙", "12"], ["", "", ""]]
        )
    sheet = reading.read_sheet(path)
    assert sheet.rows == [
        (1, ["ข้อมูลฝน", "", ""]),
        (2, ["ลำดับ", "วันที่", "ปริมาณฝน"]),
        (3, ["1", "๑/๑๑/๒๕๖๙", "12"]),
    ]
    p = engine.prepare(rain_kind, path)
    rows = engine.parse_rows(p)
    assert rows[0].values == {"seq": "1", "day": D(2026, 11, 1), "mm": 12}


def test_reading_refusals(tmp_path):
    with pytest.raises(UserError, match=".xlsx"):
        (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
        reading.read_sheet(tmp_path / "old.xls")
    with pytest.raises(UserError):
        reading.read_sheet(tmp_path / "missing.xlsx")
    (tmp_path / "fake.xlsx").write_text("not a zip")
    with pytest.raises(UserError, match="fake.xlsx"):
        reading.read_sheet(tmp_path / "fake.xlsx")
    path = _xlsx(tmp_path / "two.xlsx", [["a"]])
    with pytest.raises(UserError, match="Sheet"):
        reading.read_sheet(path, sheet="nope")


def test_error_report_file(ctx, tmp_path, rain_kind):
    path = _xlsx(tmp_path / "rain.xlsx", [["ลำดับ", "วันที่", "ฝน มม"], [1, "99/99/2569", 3]])
    result = engine.run_import(ctx, engine.prepare(rain_kind, path), dry_run=True, options={})
    out = report.write_error_report(result, report.default_report_path(path))
    assert out.name == "rain-ข้อผิดพลาด.xlsx"
    wb = openpyxl.load_workbook(out)
    rows = list(wb.worksheets[0].values)
    assert rows[0] == ("แถวในไฟล์", "ลำดับ", "ช่องข้อมูล", "ค่าในไฟล์", "ปัญหา")
    assert rows[1][:4] == (2, "1", "วันเกิด", "99/99/2569") and "วันที่" in rows[1][4]
    assert any("อ่าน 1 แถว" in (r[0] or "") for r in wb.worksheets[1].values)


def test_template_of_any_kind(tmp_path, rain_kind):
    out = write_template(rain_kind, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(out)
    data, example = wb.worksheets[0], wb.worksheets[1]
    assert [c.value for c in data[1]] == ["ลำดับ", "วันเกิด", "โทรศัพท์"]
    assert data["B2"].number_format == "@" and data["C2"].number_format != "@"
    assert [c.value for c in example[2]] == [1, "1/11/2569", 12]


def test_blank_marks_and_excel_text():
    assert c.is_blank(" - ") and c.is_blank("—") and not c.is_blank("0")
    assert c.unwrap('="0812345678"') == "0812345678" and c.unwrap("-") is None
    assert c.unwrap(12) == 12
    assert c.parse_text("-") is None


def test_addresses_and_village_anywhere():
    assert c.parse_address("12/3 หมู่ 4 ต.เกาะทวด") == ("12/3", 4)
    assert c.parse_address("บ้านเลขที่ ๕ ม.๗") == ("5", 7)
    assert c.parse_address("หมู่ที่ 3") == (None, 3)
    assert c.parse_address("บ้านเลขที่ 45") == ("45", None)
    with pytest.raises(c.FieldError):
        c.parse_address("ตำบลเกาะทวด")
    assert c.parse_moo("บ้านนาดี หมู่ 3") == 3
    assert c.parse_house_no("12/3 ม.4") == "12/3"
    assert c.parse_sex("น.ส.") == "F" and c.parse_sex("นาย") == "M"


def test_two_row_header_combined(rain_kind):
    rows = [
        (1, ["ข้อมูลฝน", None, None]),
        (2, ["ลำดับ", "ข้อมูล", None]),
        (3, [None, "วันที่", "ปริมาณฝน"]),
        (4, [1, "1/11/2569", 3]),
    ]
    assert mp.find_header(rows, rain_kind) == (1, 2)
    assert mp.combine_header_rows(rows[1][1], rows[2][1]) == ["ลำดับ", "วันที่", "ปริมาณฝน"]


def test_data_sheet_found_behind_cover_sheet(tmp_path, rain_kind):
    wb = openpyxl.Workbook()
    wb.active.title = "คำอธิบาย"
    wb.active.append(["อ่านก่อน"])
    data = wb.create_sheet("ข้อมูล")
    data.append(["วันที่", "ปริมาณฝน"])
    data.append(["1/11/2569", 4])
    wb.save(tmp_path / "c.xlsx")
    p = engine.prepare(rain_kind, tmp_path / "c.xlsx")
    assert p.sheet.name == "ข้อมูล" and p.mapping == {0: "day", 1: "mm"}
    assert engine.prepare(rain_kind, tmp_path / "c.xlsx", sheet="คำอธิบาย").mapping == {}
