"""The crop-costs import kind: rows grouped into cycles, a new plot created (and announced by
the trial run), the yield from the second sheet, equipment from its sheet, re-load updates."""

import openpyxl
import pytest

from tambon_desk import farming
from tambon_desk.importers import engine
from tambon_desk.importers.kinds import get_kind
from tambon_desk.importers.template import write_template
from tambon_desk.registry import households as hh
from tambon_desk.registry import places as tambons

HEAD = [
    "หมู่ที่",
    "บ้านเลขที่",
    "แปลง",
    "พื้นที่แปลง",
    "พืช",
    "ฤดู",
    "ปี",
    "ประเภทต้นทุน",
    "กิจกรรม",
    "รายการ",
    "จำนวน",
    "ราคาต่อหน่วย",
    "เงินสด",
]
RICE = [  # the rice cycle of tests/test_farming.py, keyed in a spreadsheet
    [
        1,
        "12/3",
        "นาหลังบ้าน",
        "10-0-0",
        "ข้าวนาปี",
        "นาปี",
        2567,
        "land",
        "",
        "ค่าเช่านา",
        1,
        "6,000",
        "เงินสด",
    ],
    [None, None, None, None, None, None, None, "machinery", "land_prep", "ไถดะ", 10, "350", ""],
    [None] * 7 + ["machinery", "harvest", "รถเกี่ยวนวด", 10, "500", ""],
    [None] * 7 + ["seed", "", "เมล็ดพันธุ์", 250, "25.50", ""],
    [None] * 7 + ["fertiliser", "", "ปุ๋ย", 5, "875.25", ""],
    [None] * 7 + ["labour", "planting", "จ้างปักดำ", 3, "350", ""],
    [None] * 7 + ["แรงงานในครัวเรือน", "care", "ดูแล", 12.5, "300", "ไม่ใช่เงินสด"],
    [None] * 7 + ["แรงงานในครัวเรือน", "harvest", "เกี่ยว", 4, "320", "ไม่ใช่เงินสด"],
    [None] * 7 + ["land_tax", "", "ภาษีที่ดิน", 1, "20", ""],
    [
        1,
        "12/3",
        "สวนมังคุด",
        "5-0-0",
        "มังคุด",
        "ทั้งปี",
        2567,
        "depreciation",
        "",
        "เครื่องสูบน้ำ",
        1,
        "2,000",
        "ไม่ใช่เงินสด",
    ],
]


@pytest.fixture
def town(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = tambons.villages(t)[0]
    h = hh.save_household(ctx, v, "12/3", [{"first_name": "สมชาย", "relation": "head"}])
    farming.set_settings(ctx, rate="6", wage=300_00, land_use_per_rai=500_00)
    return h


def workbook(path, rows, yields=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ข้อมูล"
    ws.append(HEAD)
    for r in rows:
        ws.append(r)
    if yields:
        y = wb.create_sheet("ผลผลิต")
        y.append(["หมู่ที่", "บ้านเลขที่", "แปลง", "พืช", "ฤดู", "ปี", "ผลผลิต (กก.)", "ราคา (บาท/กก.)"])
        y.append([1, "12/3", "นาหลังบ้าน", "ข้าวนาปี", "นาปี", 2567, 4500, "9.50"])
    e = wb.create_sheet("อุปกรณ์")
    e.append(["หมู่ที่", "บ้านเลขที่", "ชื่ออุปกรณ์", "ราคาซื้อ", "มูลค่าซาก", "อายุใช้งาน (ปี)"])
    e.append([1, "12/3", "เครื่องสูบน้ำ", "12,000", "2,000", 5])
    wb.save(path)
    return path


def load(ctx, path, dry_run=False):
    return engine.run_import(ctx, engine.prepare(get_kind("crop-costs"), path), dry_run=dry_run)


def test_template_has_its_sheets_and_maps_itself(ctx, tmp_path):
    path = write_template(get_kind("crop-costs"), tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert {"ผลผลิต", "อุปกรณ์"} <= set(wb.sheetnames)
    assert engine.prepare(get_kind("crop-costs"), path).missing == []


def test_load_groups_cycles_creates_plots_and_reloads(ctx, town, tmp_path):
    path = workbook(tmp_path / "costs.xlsx", RICE)
    trial = load(ctx, path, dry_run=True)
    assert trial.counts["plots"]["added"] == 2
    assert any("นาหลังบ้าน" in n for n in trial.notes)  # says the plot will be made
    assert farming.plots_of(town) == []  # and writes nothing
    result = load(ctx, path)
    assert not result.rejected_rows, result.rejected_rows
    assert result.counts["cycles"]["added"] == 2 and result.counts["lines"]["added"] == 10
    plots = {p.name: p for p in farming.plots_of(town)}
    assert plots["นาหลังบ้าน"].area_m2 == 16_000
    rice = farming.cycles_of(plots["นาหลังบ้าน"])[0]
    assert (rice.yield_kg, rice.price, rice.year) == (4500, 950, 2024)  # from ผลผลิต
    farming.save_cycle(ctx, rice.plot, {"months": 4}, record=rice)
    f = farming.cycle_figures(farming.get_cycle(rice.id))
    assert f.total == 3_185_788 and f.cash == 2_632_125  # as computed by hand
    mang = farming.cycles_of(plots["สวนมังคุด"])[0]
    dep = farming.lines_of(mang)[0]
    assert dep.equipment.name == "เครื่องสูบน้ำ" and dep.amount == 200_000
    again = load(ctx, path)  # a re-load adds nothing
    assert again.counts["lines"]["unchanged"] == 10 and again.counts["lines"]["added"] == 0
    RICE[4][11] = "900"  # the fertiliser price fixed
    try:
        fixed = load(ctx, workbook(tmp_path / "costs2.xlsx", RICE))
    finally:
        RICE[4][11] = "875.25"
    assert fixed.counts["lines"]["updated"] == 1
    fert = [ln for ln in farming.lines_of(rice) if ln.kind == "fertiliser"]
    assert [ln.amount for ln in fert] == [450_000]


def test_unknown_household_and_missing_plot_area_are_row_errors(ctx, town, tmp_path):
    rows = [
        [1, "12/3", "นาใหม่", None, "ข้าวนาปี", "นาปี", 2567, "seed", "", "x", 1, "10", ""],
        [1, "99", "นา", "1-0-0", "ข้าวนาปี", "นาปี", 2567, "seed", "", "x", 1, "10", ""],
    ]
    result = load(ctx, workbook(tmp_path / "bad.xlsx", rows, yields=False), dry_run=True)
    assert len(result.rejected_rows) == 2
