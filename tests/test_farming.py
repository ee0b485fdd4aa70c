"""Farming service tests: cost sheets computed by hand to the satang (OAE method), the pull
from the household book, plots, enterprises and their book."""

import datetime as dt
from decimal import Decimal

import pytest

from tambon_desk import accounts, farming
from tambon_desk.core.errors import UserError, ValidationError
from tambon_desk.registry import households as hh
from tambon_desk.registry import places as tambons


@pytest.fixture
def town(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    v1, v2 = tambons.villages(t)

    def mk(v, no, name):
        return hh.save_household(
            ctx, v, no, [{"first_name": name, "last_name": "ใจดี", "relation": "head"}]
        )

    farming.set_settings(ctx, wage=300_00, rate="6", land_use_per_rai=500_00)
    return {"tambon": t, "v1": v1, "v2": v2, "a": mk(v1, "1", "สมชาย"), "b": mk(v2, "9", "บุญมี")}


def crop(code):
    return farming.crop_by_code(code)


def rice_cycle(ctx, town):
    """Rented 10 rai (rent 6,000 baht a year), นาปี 2567, 4 months, 4,500 kg at 9.50."""
    plot = farming.save_plot(
        ctx,
        town["a"],
        {
            "name": "นาหลังบ้าน",
            "area": "10-0-0",
            "land_document": "ns3k",
            "tenure": "rented",
            "rent": 6000_00,
        },
    )
    c = farming.save_cycle(
        ctx,
        plot,
        {
            "crop": crop("rice_main"),
            "season": "main",
            "year": 2024,
            "months": 4,
            "yield_kg": 4500,
            "price": 950,
            "sold_kg": 4000,
            "kept_kg": 500,
        },
    )
    add = farming.add_line
    add(
        ctx,
        c,
        "machinery",
        activity="land_prep",
        item="ไถดะ",
        quantity=10,
        unit="ไร่",
        unit_price=350_00,
    )
    add(ctx, c, "machinery", activity="harvest", item="รถเกี่ยวนวด", quantity=10, unit_price=500_00)
    add(ctx, c, "seed", item="เมล็ดพันธุ์", quantity=250, unit="กก.", unit_price=25_50)
    add(ctx, c, "fertiliser", item="ปุ๋ย 16-20-0", quantity=5, unit="กระสอบ", unit_price=875_25)
    add(ctx, c, "labour", activity="planting", item="จ้างปักดำ", quantity=3, unit_price=350_00)
    add(
        ctx, c, "labour", activity="care", item="แรงงานในครัวเรือน", quantity=12.5, family=True
    )  # offered wage 300.00
    add(
        ctx,
        c,
        "labour",
        activity="harvest",
        item="แรงงานในครัวเรือน",
        quantity=4,
        family=True,
        unit_price=320_00,
    )  # the typed price wins
    add(ctx, c, "land_tax", item="ภาษีที่ดิน", quantity=1, unit_price=20_00)
    return c


def test_rice_cycle_by_hand_to_the_satang(ctx, town):
    c = rice_cycle(ctx, town)
    lines = farming.lines_of(c)
    land = [ln for ln in lines if ln.kind == "land"]
    assert [(ln.amount, ln.cash) for ln in land] == [(600_000, True)]  # rent proposed once
    fam = [ln for ln in lines if ln.family]
    assert [(ln.unit_price, ln.amount, ln.cash) for ln in fam] == [
        (30_000, 375_000, False),
        (32_000, 128_000, False),
    ]
    f = farming.cycle_figures(c)
    assert f.variable_lines == 2_533_125
    assert f.working_interest == 50_663  # 2,533,125 × 6% × 4/12 = 50,662.5 -> 50,663
    assert f.variable == 2_583_788
    assert f.fixed == 602_000 and f.equipment_interest == 0
    assert f.total == 3_185_788
    assert f.cash == 2_632_125 and f.non_cash == 553_663
    assert f.revenue == 4_275_000
    assert (f.total_per_rai, f.variable_per_rai, f.fixed_per_rai, f.cash_per_rai) == (
        318_579,
        258_379,
        60_200,
        263_213,
    )
    assert (f.profit_cash_per_rai, f.profit_variable_per_rai, f.profit_total_per_rai) == (
        164_288,
        169_121,
        108_921,
    )
    assert f.cost_per_kg == f.breakeven_price == 708
    assert f.breakeven_yield == Decimal("335.35")
    assert f.yield_per_rai == Decimal("450.00")
    assert f.bc == Decimal("1.34")
    cmp = farming.compare(f, farming.reference_for("rice_main", 2567))
    assert cmp.reference.year == "2564/65"
    assert cmp.total_diff == -90_700 and cmp.total_pct == Decimal("-22.16")
    assert "907.00" in cmp.sentence()


def test_interest_rate_zero_imputes_nothing(ctx, town):
    c = rice_cycle(ctx, town)
    f = farming.cycle_figures(c, rate=0)
    assert f.working_interest == 0 and f.equipment_interest == 0
    assert f.total == 2_533_125 + 602_000


def mangosteen_cycle(ctx, town):
    h = town["b"]
    farming.set_settings(ctx, land_use_per_rai=500_00)
    plot = farming.save_plot(
        ctx, h, {"name": "สวนมังคุด", "area": "5 ไร่", "land_document": "chanote", "tenure": "owned"}
    )
    pump = farming.save_equipment(ctx, h, "เครื่องสูบน้ำ", 12_000_00, 5, salvage=2_000_00)
    sprayer = farming.save_equipment(ctx, h, "เครื่องพ่นยา", 8_500_00, 3)
    c = farming.save_cycle(
        ctx,
        plot,
        {
            "crop": crop("mangosteen"),
            "season": "year",
            "year": 2024,
            "planting_year": 2010,
            "yield_kg": 2000,
            "price": 35_25,
        },
    )
    add = farming.add_line
    add(ctx, c, "depreciation", item="เครื่องสูบน้ำ", quantity=1, equipment=pump)
    add(ctx, c, "depreciation", item="เครื่องพ่นยา", quantity=0.5, equipment=sprayer)
    add(ctx, c, "fertiliser", quantity=10, unit_price=950_00)
    add(ctx, c, "pesticide", quantity=1, unit_price=3215_50)
    add(ctx, c, "labour", activity="harvest", quantity=20, unit_price=400_00)
    add(ctx, c, "labour", activity="care", quantity=30, family=True)
    add(ctx, c, "fuel", quantity=45.5, unit="ลิตร", unit_price=32_49)
    return c, pump, sprayer


def test_mangosteen_orchard_with_depreciation_by_hand(ctx, town):
    c, pump, sprayer = mangosteen_cycle(ctx, town)
    assert farming.annual_depreciation(pump) == 200_000
    assert farming.annual_depreciation(sprayer) == 283_333  # 850,000 / 3
    lines = farming.lines_of(c)
    assert [(ln.kind, ln.amount, ln.cash) for ln in lines[:3]] == [
        ("land", 250_000, False),  # owner's land use proposed: 5 rai × 500.00
        ("depreciation", 200_000, False),
        ("depreciation", 141_667, False),
    ]
    assert farming.cycle_months(c) == 12 and farming.age_years(c) == 14
    f = farming.cycle_figures(c)
    assert f.variable_lines == 3_119_380
    assert f.working_interest == 187_163  # × 6% × 12/12 = 187,162.8
    assert f.equipment_interest == 54_750  # 700,000 × 6% + 425,000 × 6% × 0.5
    assert f.fixed == 591_667 + 54_750
    assert f.total == 3_952_960
    assert f.cash == 2_219_380
    assert f.revenue == 7_050_000
    assert (f.total_per_rai, f.variable_per_rai, f.fixed_per_rai) == (790_592, 661_309, 129_283)
    assert f.profit_total_per_rai == 619_408
    assert f.cost_per_kg == 1_976 and f.bc == Decimal("1.78")
    assert f.breakeven_yield == Decimal("224.28")
    cmp = farming.compare(f, farming.reference_for("mangosteen", 2567))
    assert cmp.total_diff == 383_796 and cmp.total_pct == Decimal("94.35")
    assert farming.reference_for("mangosteen").source  # every row names its source


def test_cycle_without_harvest_leaves_break_even_undefined(ctx, town):
    plot = farming.save_plot(ctx, town["a"], {"name": "แปลงผัก", "area": "0-2-0", "tenure": "free"})
    c = farming.save_cycle(
        ctx, plot, {"crop": crop("vegetables"), "year": 2024, "season": "other", "months": 3}
    )
    assert farming.lines_of(c) == []  # a free plot: no land line
    farming.add_line(ctx, c, "seed", quantity=1, unit_price=500_00)
    f = farming.cycle_figures(c, rate=0)
    assert f.total == 50_000 and f.revenue == 0
    assert f.cost_per_kg is None and f.breakeven_price is None and f.yield_per_rai is None
    assert "No harvest" in f.reasons["cost_per_kg"] or "ไม่มีผลผลิต" in f.reasons["cost_per_kg"]
    assert f.total_per_rai == 100_000  # half a rai
    assert f.profit_total_per_rai == -100_000
    assert f.bc == Decimal("0.00")


def test_summary_reads_the_same_figures_as_the_sheet(ctx, town):
    rice = rice_cycle(ctx, town)
    mang, _p, _s = mangosteen_cycle(ctx, town)
    s = farming.cost_summary(year_be=2567)
    by_id = {r.cycle_id: r.figures for r in s.rows}
    for c in (rice, mang):
        one = farming.cycle_figures(c)
        assert (by_id[c.id].total, by_id[c.id].cash, by_id[c.id].cost_per_kg) == (
            one.total,
            one.cash,
            one.cost_per_kg,
        )
    assert farming.cost_summary(year_be=2566).rows == []
    assert s.by_crop["rice_main"].total_per_rai == 318_579
    assert s.comparisons["rice_main"].total_diff == 318_579 - 409_279


def test_pull_from_household_book_takes_each_line_once(ctx, town):
    h = town["a"]
    cat = accounts.category_by_code
    accounts.add_entry(ctx, h, dt.date(2024, 6, 2), cat("fert"), 2500_00, "ปุ๋ยยูเรีย")
    accounts.add_entry(ctx, h, dt.date(2024, 6, 10), cat("labour"), 1000_00)
    accounts.add_entry(ctx, h, dt.date(2024, 6, 10), cat("food"), 200_00)
    accounts.add_entry(ctx, h, dt.date(2023, 1, 5), cat("fert"), 999_00)  # another season
    plot = farming.save_plot(ctx, h, {"name": "นา", "area": "4-0-0", "tenure": "free"})
    c = farming.save_cycle(
        ctx,
        plot,
        {
            "crop": crop("rice_main"),
            "year": 2024,
            "planted_on": dt.date(2024, 7, 1),
            "harvested_on": dt.date(2024, 11, 20),
        },
    )
    pairs = farming.book_candidates(c)
    assert sorted((e.amount, k) for e, k in pairs) == [(1000_00, "labour"), (2500_00, "fertiliser")]
    new = farming.pull_from_book(ctx, c)
    assert sorted(ln.amount for ln in new) == [1000_00, 2500_00]
    assert all(ln.cash and ln.ledger_entry_id for ln in new)
    assert farming.pull_from_book(ctx, c) == []  # pulled again: nothing
    other = farming.save_cycle(
        ctx,
        plot,
        {
            "crop": crop("rice_second"),
            "season": "second",
            "year": 2024,
            "planted_on": dt.date(2024, 7, 1),
        },
    )
    assert farming.book_candidates(other) == []  # never counted twice
    farming.delete_line(ctx, new[0])  # undone: offered again
    assert len(farming.book_candidates(other)) == 1
    assert sum(ln.amount for ln in farming.lines_of(c)) == sum(x.amount for x in new[1:])


def test_plot_area_and_checks(ctx, town):
    p = farming.save_plot(ctx, town["a"], {"name": "แปลงหนึ่ง", "area": "3-2-50.5"})
    assert p.area_m2 == 3 * 1600 + 2 * 400 + 202  # 50.5 wa = 202 m²
    assert p.geometry is None and p.tenure == "owned" and p.water_source is None
    with pytest.raises(ValidationError) as e:
        farming.save_plot(ctx, town["a"], {"name": "", "area": "abc", "tenure": "lent"})
    assert set(e.value.errors) >= {"name", "area", "tenure"}
    c = farming.save_cycle(ctx, p, {"crop": crop("rice_main"), "year": 2024})
    with pytest.raises(UserError):
        farming.delete_plot(ctx, p)
    farming.delete_cycle(ctx, c)
    farming.delete_plot(ctx, p)
    assert farming.plots_of(town["a"]) == []


def test_enterprise_members_trainings_book_and_dividends(ctx, town):
    e = farming.save_enterprise(
        ctx,
        town["tambon"],
        {"name": "วิสาหกิจชุมชนมังคุดบ้านหนึ่ง", "reg_no": "8001010001", "product": "mangosteen"},
    )
    farming.save_member(ctx, e, town["a"], shares=3, share_value=100_00, role="chair")
    farming.save_member(ctx, e, town["b"], shares=2, share_value=100_00)
    with pytest.raises(ValidationError):
        farming.save_member(ctx, e, town["a"], shares=1)
    t = farming.save_training(
        ctx, "อบรมการทำบัญชีวิสาหกิจ", topic="bookkeeping", held_on=dt.date(2024, 3, 1)
    )
    farming.add_participant(ctx, t, enterprise=e, household=town["a"], name="สมชาย")
    assert farming.trained_enterprise_count("bookkeeping") == 1
    day = dt.date(2024, 5, 1)
    cat = accounts.category_by_code
    accounts.add_entry(ctx, e, day, cat("ent_sales"), 10_000_00)
    accounts.add_entry(ctx, e, day, cat("ent_packing"), 1_234_56)
    accounts.add_entry(ctx, e, day, cat("ent_share_in"), 300_00, member=town["a"])
    accounts.add_entry(ctx, e, day, cat("ent_share_in"), 200_00, member=town["b"])
    paid = farming.pay_dividends(ctx, e, dt.date(2024, 6, 1), 1_000_01)
    assert sorted(p.amount for p in paid) == [40_000, 60_001]  # 3:2, remainder to largest
    assert {p.member_id: p.amount for p in paid} == {town["a"].id: 60_001, town["b"].id: 40_000}
    assert all(p.household_id is None and p.enterprise_id == e.id for p in paid)
    s = farming.book_summary(e, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (s.income, s.expense, s.profit) == (10_000_00, 1_234_56, 8_765_44)
    assert s.dividends == 1_000_01 and s.shares_in == 500_00 and s.share_capital == 500_00
    assert s.by_month["2024-05"]["ent_income"] == 10_000_00
    assert s.by_member[town["a"].id] == {"ent_share_in": 300_00, "ent_dividend": 60_001}
    assert s.cash == 10_000_00 - 1_234_56 + 500_00 - 1_000_01
    assert [m.enterprise.name for m in farming.memberships_of(town["a"])] == [e.name]
    with pytest.raises(ValidationError):
        accounts.add_entry(ctx, e, dt.date(2999, 1, 1), cat("ent_sales"), 1)


def test_viewer_cannot_write(ctx, town, as_role):
    from tambon_desk.core.errors import PermissionDenied

    as_role("viewer")
    with pytest.raises(PermissionDenied):
        farming.save_plot(ctx, town["a"], {"name": "x", "area": "1-0-0"})


def test_every_reference_row_has_source_year_and_unit():
    rows = farming.reference_figures()
    assert rows and all(r.source.strip() and r.year.strip() and r.unit.strip() for r in rows)
    mangosteen = farming.reference_for("mangosteen")
    assert mangosteen.year == "2546" and "กรมพัฒนาที่ดิน" in mangosteen.source
    assert mangosteen.total_per_rai == 4_067_96 and mangosteen.variable_per_rai == 3_439_51
    classes = {a.code for a in farming.age_class_rows() if a.code}
    assert all(r.age_class in classes for r in rows if r.age_class)


def test_age_class_rows_are_sourced_or_say_why_not():
    rows = farming.age_class_rows()
    for a in rows:
        assert a.source.strip() and a.unit.strip()
        if a.from_age is None:  # no threshold invented: the source field says why
            assert not a.code and "ไม่" in a.source
        else:
            assert a.year.strip() and a.label_th.strip()
    # a crop's sourced classes cover every age without a gap or an overlap
    for code in {a.crop for a in rows if a.from_age is not None}:
        for age in range(0, 60):
            assert sum(a.covers(age) for a in farming.age_classes(code)) == 1, (code, age)


def test_age_class_of_a_perennial_and_the_comparison_per_class(ctx, town):
    """Rubber's published cost is a tapping garden's: a 4-year-old garden is not compared
    with it, a 9-year-old one is; mangosteen's figure covers every age."""
    plot = farming.save_plot(ctx, town["a"], {"name": "สวนยาง", "area": "5-0-0", "tenure": "free"})

    def rubber(planted):
        return farming.save_cycle(
            ctx,
            plot,
            {"crop": crop("rubber"), "season": "year", "year": 2024, "planting_year": planted},
        )

    young, old = rubber(2020), rubber(2015)
    farming.add_line(ctx, young, "fertiliser", quantity=5, unit_price=900_00)
    farming.add_line(ctx, old, "fertiliser", quantity=5, unit_price=900_00)
    assert farming.age_class_of(young).code == "untapped"
    assert farming.age_class_of(old).code == "tapping"
    assert farming.cycle_reference(young) is None
    assert farming.cycle_reference(old).age_class == "tapping"
    assert farming.age_class_text("rubber", 4) == "4 ปี · ยังไม่เปิดกรีด"
    assert farming.age_class_text("durian", 5) == "5 ปี · ยังไม่มีเกณฑ์ช่วงอายุที่อ้างอิงได้"
    rows = {r.cycle_id: r for r in farming.cycle_rows(tambon_ids=[town["tambon"].id])}
    assert rows[young.id].comparison is None and rows[young.id].age_class.code == "untapped"
    assert rows[old.id].comparison.reference.age_class == "tapping"
    m, _p, _s = mangosteen_cycle(ctx, town)
    assert farming.age_class_of(m).code == "bearing"  # planted 2010, season 2024: 14 years
    assert farming.cycle_reference(m).crop == "mangosteen"  # every-age figure
    text = crop_costs_text(ctx, young.id)
    assert "ยังไม่เปิดกรีด" in text and "ช่วงอายุอื่น" in text
    assert "เปิดกรีดแล้ว" in crop_costs_text(ctx, old.id)


def crop_costs_text(ctx, cycle_id) -> str:
    import subprocess
    import tempfile
    from pathlib import Path

    from tambon_desk.reports import catalogue

    out = Path(tempfile.mkdtemp()) / "c.pdf"
    catalogue.render(catalogue.build(ctx, "crop-costs", cycle=cycle_id), "pdf", out)
    return subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
