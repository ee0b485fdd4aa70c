"""Farming reports: crop-costs (per cycle and per crop, PDF and XLSX with named columns, a
cycle without harvest blank and explained), plots, enterprises, the household statement's
crop results; and the water account's crop areas taken from plots."""

import datetime as dt
import subprocess

import openpyxl
import pytest
from test_farming import crop, mangosteen_cycle, rice_cycle, town  # noqa: F401

from tambon_desk import accounts, farming, water
from tambon_desk.reports import catalogue


def pdf_text(doc, tmp_path, name):
    path = tmp_path / f"{name}.pdf"
    catalogue.render(doc, "pdf", path)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def xlsx_sheet(doc, tmp_path, name, sheet):
    path = tmp_path / f"{name}.xlsx"
    catalogue.render(doc, "xlsx", path)
    rows = list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r and r[0] in ("หมู่บ้าน", "พืช", "แปลง"))
    return rows[header_at], [r for r in rows[header_at + 1 :] if any(r)]


@pytest.fixture
def farms(ctx, town):  # noqa: F811
    rice = rice_cycle(ctx, town)
    mang, _p, _s = mangosteen_cycle(ctx, town)
    plot = farming.save_plot(ctx, town["a"], {"name": "แปลงผัก", "area": "0-2-0", "tenure": "free"})
    veg = farming.save_cycle(
        ctx, plot, {"crop": crop("vegetables"), "year": 2024, "season": "other", "months": 3}
    )
    farming.add_line(ctx, veg, "seed", quantity=1, unit_price=500_00)
    return {"rice": rice, "mang": mang, "veg": veg}


def test_crop_costs_xlsx_one_row_per_cycle_with_named_columns(ctx, farms, tmp_path):
    doc = catalogue.build(ctx, "crop-costs", year="2567")
    head, rows = xlsx_sheet(doc, tmp_path, "cc", "รอบการผลิต")
    for title in (
        "พื้นที่ (ไร่)",
        "ผลผลิต (กก.)",
        "ต้นทุนรวมต่อไร่",
        "ต้นทุนผันแปรต่อไร่",
        "ต้นทุนคงที่ต่อไร่",
        "ต้นทุนเงินสดต่อไร่",
        "ต้นทุนต่อกก.",
        "กำไรต่อไร่เหนือต้นทุนทั้งหมด",
        "ราคาคุ้มทุน (บาท/กก.)",
        "B/C",
    ):
        assert title in head, title
    assert len(rows) == 3
    ages = [dict(zip(head, r, strict=False))["ช่วงอายุ"] for r in rows]
    assert "14 ปี · ให้ผลแล้ว" in ages  # the mangosteen orchard planted 2553 (2010)
    col = {t: head.index(t) for t in head if t}
    rice = next(r for r in rows if r[col["แปลง"]] == "นาหลังบ้าน")
    assert rice[col["ต้นทุนรวมต่อไร่"]] == pytest.approx(3185.79)
    assert rice[col["ต้นทุนต่อกก."]] == pytest.approx(7.08)
    assert rice[col["กำไรต่อไร่เหนือต้นทุนทั้งหมด"]] == pytest.approx(1089.21)
    assert rice[col["B/C"]] == pytest.approx(1.34)
    veg = next(r for r in rows if r[col["แปลง"]] == "แปลงผัก")
    assert veg[col["ต้นทุนต่อกก."]] is None and veg[col["ราคาคุ้มทุน (บาท/กก.)"]] is None
    assert "ไม่มีผลผลิต" in veg[col["หมายเหตุ"]]
    text = pdf_text(doc, tmp_path, "cc")
    assert "4,092.79" in text and "ร้อยละ 6" in text  # OAE figure; rate printed
    assert catalogue.build(ctx, "crop-costs", year="2566").blocks[-1].text.startswith("ยังไม่มี")


def test_one_cycle_sheet_lists_lines_and_interest(ctx, farms, tmp_path):
    doc = catalogue.build(ctx, "crop-costs", cycle=farms["mang"].id)
    text = pdf_text(doc, tmp_path, "one")
    assert "39,529.60" in text  # total cost by hand
    assert "ดอกเบี้ยเงินทุนหมุนเวียน" in text and "1,871.63" in text
    assert "547.50" in text  # equipment interest
    doc = catalogue.build(ctx, "crop-costs", cycle=farms["veg"].id)
    assert "ไม่มีผลผลิต" in pdf_text(doc, tmp_path, "veg")


def test_plots_enterprises_and_household_statement(ctx, farms, town, tmp_path):  # noqa: F811
    head, rows = xlsx_sheet(catalogue.build(ctx, "plots"), tmp_path, "pl", "แปลง")
    assert len(rows) == 4 and "เอกสารสิทธิ์" in head
    e = farming.save_enterprise(
        ctx, town["tambon"], {"name": "วิสาหกิจมังคุด", "product": "mangosteen"}
    )
    farming.save_member(ctx, e, town["b"], shares=3, share_value=100_00, role="chair")
    t = farming.save_training(
        ctx, "อบรมการทำบัญชีวิสาหกิจ", topic="bookkeeping", held_on=dt.date(2024, 3, 1)
    )
    farming.add_participant(ctx, t, enterprise=e, name="บุญมี")
    accounts.add_entry(
        ctx, e, dt.date(2024, 4, 1), accounts.category_by_code("ent_sales"), 12_345_00
    )
    accounts.add_entry(
        ctx,
        e,
        dt.date(2024, 4, 2),
        accounts.category_by_code("ent_share_in"),
        300_00,
        member=town["b"],
    )
    farming.pay_dividends(ctx, e, dt.date(2024, 6, 1), 123_45)
    text = pdf_text(catalogue.build(ctx, "enterprises", year="2567"), tmp_path, "en")
    assert "วิสาหกิจมังคุด" in text and "12,345.00" in text and "มังคุด" in text
    path = tmp_path / "e.xlsx"
    catalogue.render(catalogue.build(ctx, "enterprises", year="2567"), "xlsx", path)
    head, *rows = openpyxl.load_workbook(path)["สมาชิก"].iter_rows(values_only=True)
    member = dict(zip(head, rows[0], strict=True))
    assert member["ค่าหุ้นที่ชำระ"] == 300 and member["เงินปันผล"] == 123.45
    assert "อบรมการทำบัญชีวิสาหกิจ" in text and "ประธาน" in text
    doc = catalogue.build(ctx, "household-statement", household=town["a"].id, year="2567")
    assert "ผลการผลิตพืช" in pdf_text(doc, tmp_path, "hs")


def test_water_crop_areas_from_plots(ctx, farms, town):  # noqa: F811
    v1 = town["v1"]
    assert farming.plot_crop_areas(v1)["rice"][0] == 10  # rice 10 rai (vegetables 0.5)
    farming.set_uses_plots(ctx, v1, True)
    areas = {c.crop: c.area_rai for c in water.crop_areas_of(v1)}
    assert areas == {"rice": 10.0, "vegetables": 0.5}
    farming.delete_cycle(ctx, farms["veg"])  # the water account follows
    assert {c.crop for c in water.crop_areas_of(v1)} == {"rice"}
    farming.set_uses_plots(ctx, v1, False)
    assert not farming.uses_plots(v1)
