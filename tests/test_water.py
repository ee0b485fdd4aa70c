"""Water accounts: storage, units, demand from the registry, and monthly balances checked
against figures worked out by hand (see the comments beside each number)."""

import datetime as dt

import pytest

from tambon_desk import water
from tambon_desk.core.errors import PermissionDenied, ValidationError
from tambon_desk.registry import households
from tambon_desk.registry import places as tambons
from tambon_desk.water import (
    M3_PER_RAI_MM,
    compute_balance,
    effective_rain_mm,
    water_year_months,
)

RAIN_2026 = {
    1: 100,
    2: 50,
    3: 0,
    4: 40,
    5: 150,
    6: 100,
    7: 100,
    8: 100,
    9: 200,
    10: 300,
    11: 600,
    12: 400,
}


def people(n, prefix="ก"):
    return [
        {"first_name": f"{prefix}{i}", "relation": "head" if i == 0 else "child"} for i in range(n)
    ]


VILLAGES = [(1, "บ้านหนึ่ง"), (2, "บ้านสอง"), (3, "บ้านสาม")]  # of the conftest `tambon`


@pytest.fixture
def tambon(ctx, tambon):
    t = tambon
    water.set_coefficient(ctx, "domestic_lpd", 100)  # round figure for hand sums
    water.set_rainfall(ctx, t, 2026, RAIN_2026)
    return t


def village(t, moo):
    return next(v for v in tambons.villages(t) if v.moo == moo)


@pytest.fixture
def moo1(ctx, tambon):
    """Moo 1: 10 living people, a pond that runs dry in April and fills from rain, a deep
    well dry in March-April, 10 cattle, 2 rai of rice in February-March."""
    v = village(tambon, 1)
    households.save_household(ctx, v, "1", people(4))
    h2 = households.save_household(ctx, v, "2", people(5, "ข"))
    members = [
        {"first_name": m.first_name, "relation": m.relation, "id": m.id}
        for m in households.members_of(h2)
    ]
    households.save_household(ctx, v, "2", members[:4], household=h2)  # one moves out
    households.save_household(ctx, v, "3", people(2, "ค"))
    gone = households.save_household(ctx, v, "4", people(2, "ง"))
    households.delete_household(ctx, gone)  # 4 + 4 + 2 = 10 living
    water.save_source(
        ctx,
        {
            "village": v,
            "name": "สระหนองบัว",
            "kind": "pond",
            "area_m2": 1600,
            "depth_m": 2,
            "usable_share": 0.5,
            "dry_months": "4",
            "catchment_m2": 10000,
            "runoff_coef": 0.3,
        },
    )
    water.save_source(
        ctx,
        {
            "village": v,
            "name": "บ่อบาดาลหมู่ 1",
            "kind": "deep_well",
            "yield_m3_h": 2,
            "pump_hours": 5,
            "dry_months": [3, 4],
        },
    )
    water.set_livestock(ctx, v, {"cattle": 10})
    water.save_crop_area(ctx, v, "rice", 2, "2,3")
    return v


def test_units_and_effective_rain():
    assert M3_PER_RAI_MM == 1.6
    assert water.shipped_reference()["m3_per_rai_mm"].value == 1.6  # 1,600 m² × 0.001 m
    assert effective_rain_mm(0) == 0
    assert effective_rain_mm(50) == pytest.approx(46)  # 50 × (125 − 10) / 125
    assert effective_rain_mm(250) == pytest.approx(150)  # both branches meet at 250
    assert effective_rain_mm(300) == pytest.approx(155)  # 125 + 30
    assert water_year_months(2026, 10)[:4] == ((2026, 10), (2026, 11), (2026, 12), (2027, 1))


def test_reference_data_names_its_sources():
    ref = water.shipped_reference()
    assert ref["domestic_lpd"].value == 110
    assert {k: ref["livestock." + k].value for k in ("cattle", "buffalo", "pig", "poultry")} == {
        "cattle": 45,
        "buffalo": 50,
        "pig": 20,
        "poultry": 0.15,
    }
    assert 1000 <= ref["crop.rice"].value <= 1100
    assert all(c.source.strip() for c in ref.values())


def test_storage_is_derived(ctx, tambon):
    v = village(tambon, 1)
    pond = water.save_source(
        ctx, {"village": v, "name": "สระ", "kind": "pond", "area_m2": "2,400", "depth_m": 3}
    )
    assert water.storage_m3(pond) == 7200
    tank = water.save_source(
        ctx,
        {
            "village": v,
            "name": "ถัง",
            "kind": "rain_tank",
            "capacity_m3": 2,
            "area_m2": 9,
            "depth_m": 9,
            "usable_share": 0.5,
        },
    )
    assert water.storage_m3(tank) == 2 and water.usable_storage_m3(tank) == 1
    well = water.save_source(
        ctx, {"village": v, "name": "บ่อ", "kind": "shallow_well", "yield_m3_h": 1.5}
    )
    assert water.storage_m3(well) is None
    assert water.monthly_yield_m3(well, 30) == 1.5 * 8 * 30  # default 8 h a day


def test_source_validation(ctx, tambon):
    v = village(tambon, 1)
    with pytest.raises(ValidationError) as e:
        water.save_source(
            ctx,
            {
                "village": v,
                "name": " ",
                "kind": "lake",
                "usable_share": 1.5,
                "dry_months": "13",
                "lat": 8.4,
            },
        )
    assert set(e.value.errors) >= {
        "name",
        "kind",
        "usable_share",
        "dry_months",
        "lat",
        "capacity_m3",
    }
    with pytest.raises(ValidationError) as e:
        water.save_source(
            ctx,
            {"village": v, "name": "ฝาย", "kind": "weir", "capacity_m3": 500, "catchment_m2": 1000},
        )
    assert "runoff_coef" in e.value.errors


def test_population_from_registry_and_override(ctx, moo1, tambon):
    assert water.registry_population([moo1.id]) == {moo1.id: 10}
    assert water.village_inputs(moo1, 2569).population == 10
    water.set_population(ctx, moo1, 25)
    assert water.village_inputs(moo1, 2569).population == 25
    water.set_population(ctx, moo1, None)
    assert water.village_inputs(moo1, 2569).population == 10


def test_village_balance_by_hand(moo1):
    bal = water.village_balance(moo1, 2569)  # water year January-December 2026
    r = {row.month: row for row in bal.rows}
    assert bal.start_storage_m3 == 1600  # 1,600 m² × 2 m × 0.5, full in January
    # January, 31 days, 100 mm: well 2 × 5 × 31 = 310; pond inflow 10,000 × 0.3 × 0.1 = 300;
    # people 10 × 100 L × 31 = 31; cattle 10 × 45 L × 31 = 13.95; 1,600 + 565.05 spills.
    jan = r[1]
    assert (jan.yield_m3, jan.inflow_m3, jan.domestic_m3) == pytest.approx((310, 300, 31))
    assert jan.livestock_m3 == pytest.approx(13.95)
    assert jan.balance_m3 == pytest.approx(565.05)
    assert (jan.storage_m3, jan.spill_m3, jan.deficit_m3) == pytest.approx((1600, 565.05, 0))
    # February, 28 days, 50 mm: rice needs 1,050 / 4 = 262.5 m³/rai, effective rain 46 mm
    # = 73.6 m³/rai, so 2 × 188.9 = 377.8; 1,600 + 280 + 150 − 28 − 12.6 − 377.8 = 1,611.6.
    feb = r[2]
    assert feb.crops_m3 == pytest.approx(377.8)
    assert (feb.storage_m3, feb.spill_m3) == pytest.approx((1600, 11.6))
    # March, dry well, no rain: 1,600 − 31 − 13.95 − 525 = 1,030.05
    assert r[3].yield_m3 == 0 and r[3].crops_m3 == pytest.approx(525)
    assert r[3].storage_m3 == pytest.approx(1030.05)
    # April: the pond runs dry (its 1,030.05 m³ are lost), the well too; 30 + 13.5 unmet.
    apr = r[4]
    assert (apr.capacity_m3, apr.inflow_m3, apr.yield_m3) == (0, 0, 0)
    assert apr.spill_m3 == pytest.approx(1030.05)
    assert apr.deficit_m3 == pytest.approx(43.5) and apr.storage_m3 == 0
    # May, 150 mm: 310 + 450 − 31 − 13.95 = 715.05 from an empty pond
    assert r[5].storage_m3 == pytest.approx(715.05)
    assert bal.deficit_months == [(2026, 4)]
    assert bal.missing_rain == []


def test_what_if_new_pond_removes_the_deficit(moo1):
    inp = water.village_inputs(moo1, 2569)
    pond = water.new_source_input("สระใหม่", storage_m3=1000)
    bal = compute_balance(inp.with_source(pond))
    apr = bal.rows[3]
    # starts with 2,600; March ends at 2,030.05; April keeps the new pond's 1,000 − 43.5
    assert bal.rows[2].storage_m3 == pytest.approx(2030.05)
    assert apr.deficit_m3 == 0 and apr.storage_m3 == pytest.approx(956.5)
    assert bal.deficit_months == []
    # nothing was saved
    assert len(water.sources_of(village=moo1)) == 2


def test_what_if_crop_area(moo1):
    inp = water.village_inputs(moo1, 2569)
    bal = compute_balance(inp.with_crop_area("rice", 6))
    # February: 6 × 188.9 = 1,133.4; 1,600 + 280 + 150 − 28 − 12.6 − 1,133.4 = 856
    assert bal.rows[1].storage_m3 == pytest.approx(856)
    # March: 856 − 31 − 13.95 − 6 × 262.5 = −763.95: a deficit month
    assert bal.rows[2].deficit_m3 == pytest.approx(763.95)
    assert bal.deficit_months == [(2026, 3), (2026, 4)]
    assert inp.crops[0].area_rai == 2  # the inputs themselves are unchanged


def test_broken_source_and_coefficient_override(ctx, moo1):
    well = next(s for s in water.sources_of(village=moo1) if s.kind == "deep_well")
    water.save_source(ctx, {**well.to_dict(), "village": moo1, "condition": "broken"}, source=well)
    assert water.village_balance(moo1, 2569).rows[0].yield_m3 == 0
    water.set_coefficient(ctx, "livestock.cattle", 60)
    assert water.village_balance(moo1, 2569).rows[0].livestock_m3 == pytest.approx(18.6)
    water.reset_coefficient(ctx, "livestock.cattle")
    assert water.village_balance(moo1, 2569).rows[0].livestock_m3 == pytest.approx(13.95)
    with pytest.raises(ValidationError):
        water.set_coefficient(ctx, "m3_per_rai_mm", 2)
    water.set_coefficient(ctx, "livestock.goat", 8, label="แพะ")
    water.set_livestock(ctx, moo1, {"goat": 5, "cattle": 0})
    assert water.livestock_of(moo1) == {"goat": 5}


def test_no_sources_no_people_and_tambon_sum(ctx, moo1, tambon):
    v2, v3 = village(tambon, 2), village(tambon, 3)
    households.save_household(ctx, v2, "9", people(4, "ซ"))  # people, no source
    total, per = water.tambon_balance(tambon, 2569)
    b2, b3 = per[v2.id], per[v3.id]
    # Moo 2: every month short by 4 × 100 L × days
    assert [r.deficit_m3 for r in b2.rows][:2] == pytest.approx([12.4, 11.2])
    assert len(b2.deficit_months) == 12
    # Moo 3: nothing at all, nothing short
    assert all(r.demand_m3 == 0 and r.supply_m3 == 0 for r in b3.rows)
    assert b3.deficit_months == []
    # tambon = sum of villages; Moo 1's January surplus does not cover Moo 2
    assert total.rows[0].deficit_m3 == pytest.approx(12.4)
    assert total.rows[3].deficit_m3 == pytest.approx(43.5 + 12.0)
    assert total.rows[0].supply_m3 == pytest.approx(610)
    assert total.start_storage_m3 == 1600


def test_missing_rain_is_reported(ctx, tambon):
    v = village(tambon, 1)
    water.set_rainfall(ctx, tambon, 2026, {5: None})
    assert water.rainfall_of(tambon, 2026).get(5) is None
    bal = water.village_balance(v, 2569)
    assert bal.missing_rain == [(2026, 5)]
    assert water.village_balance(v, 2570).missing_rain == list(water_year_months(2027))


def test_rainfall_validation_and_roles(ctx, tambon, as_role):
    with pytest.raises(ValidationError):
        water.set_rainfall(ctx, tambon, 2026, {1: "-3"})
    assert water.set_rainfall(ctx, tambon, 2026, {1: 100, 2: 55}) == 1
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        water.set_rainfall(ctx, tambon, 2026, {1: 1})
    with pytest.raises(PermissionDenied):
        water.save_source(
            ctx, {"village": village(tambon, 1), "name": "x", "kind": "pond", "capacity_m3": 1}
        )


def test_agreements_with_scans(ctx, moo1, tambon, tmp_path):
    pond = water.sources_of(village=moo1)[0]
    with pytest.raises(ValidationError) as e:
        water.save_agreement(
            ctx,
            tambon,
            {"title": "", "status": "active", "agreed_on": "1/3/2569", "review_on": "1/1/2569"},
        )
    assert set(e.value.errors) == {"title", "review_on"}
    a = water.save_agreement(
        ctx,
        tambon,
        {
            "title": "ข้อตกลงใช้น้ำสระหนองบัวหน้าแล้ง",
            "source_ids": [pond.id],
            "village_ids": [moo1.id],
            "parties": "คณะกรรมการหมู่ 1, ผู้ใช้น้ำ",
            "rules": "สูบได้วันละ 2 ชั่วโมงต่อครัวเรือน",
            "agreed_on": "15/01/2569",
            "review_on": "15/01/2570",
            "status": "active",
        },
    )
    assert a.agreed_on == dt.date(2026, 1, 15)
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4 signed")
    water.attach_scan(ctx, a, scan)
    assert [s.filename for s in water.agreement_scans(a)] == ["signed.pdf"]
    assert water.agreements_of(tambon, village(tambon, 2)) == []
    assert [x.id for x in water.agreements_of(tambon, moo1)] == [a.id]


def _demo_db(ctx):
    import random

    from tambon_desk.demo import water as demo_water

    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    for v in tambons.villages(t):
        for h in range(12):
            households.save_household(ctx, v, str(h + 1), people(4, f"{v.moo}-{h}-"))
    demo_water.build(ctx, random.Random(7))
    return t


def test_demo_has_a_deficit_month_and_wet_season(ctx):
    t = _demo_db(ctx)
    year = dt.date.today().year
    rain = water.rainfall_of(t, year)
    assert max(rain, key=rain.get) in (10, 11, 12)  # east-coast wet season
    total, per = water.tambon_balance(t, year + 543)
    assert total.deficit_months
    assert all(len(water.sources_of(village=v)) >= 2 for v in tambons.villages(t))
    assert len(water.agreements_of(t)) == 2


def test_demo_is_deterministic(tmp_path):
    from tambon_desk.core import auth
    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database, open_database

    out = []
    for name in ("a", "b"):
        db = open_database(tmp_path / f"{name}.db")
        c = Context(db=db, db_path=tmp_path / f"{name}.db")
        c.user = auth.create_user(c, "admin", "admin-pass", "admin", bootstrap=True)
        t = _demo_db(c)
        out.append(
            [
                round(r.storage_m3, 6)
                for r in water.tambon_balance(t, dt.date.today().year + 543)[0].rows
            ]
        )
        close_database()
    assert out[0] == out[1]


def test_water_year_starting_in_october(ctx, moo1, tambon):
    water.set_coefficient(ctx, "water_year_start", 10)
    bal = water.village_balance(moo1, 2569)
    assert [(r.year, r.month) for r in bal.rows][:4] == [
        (2026, 10),
        (2026, 11),
        (2026, 12),
        (2027, 1),
    ]
    assert bal.rows[0].rain_mm == 300 and bal.rows[3].rain_mm == 0
    assert bal.missing_rain == list(water_year_months(2027))[:9]
    with pytest.raises(ValidationError):
        water.set_coefficient(ctx, "water_year_start", 13)
    with pytest.raises(ValidationError):
        water.set_coefficient(ctx, "crop_months.rice", 0)
    water.set_coefficient(ctx, "crop.durian", 1500, label="ทุเรียน")
    water.set_coefficient(ctx, "crop_months.durian", 12, label="ทุเรียน")
    water.save_crop_area(ctx, moo1, "durian", 2, "1,2,3,4,5,6,7,8,9,10,11,12")
    jan = water.village_balance(moo1, 2569).rows[3]
    assert jan.crops_m3 == pytest.approx(2 * 125)  # 1,500 / 12 per rai, no rain


def test_rainfall_entered_on_two_pcs_newest_wins(ctx, tambon):
    from tambon_desk.db.base import new_id
    from tambon_desk.db.models import Rainfall

    Rainfall.insert(
        id=new_id(),
        tambon=tambon.id,
        year=2026,
        month=1,
        mm=999.0,
        created_at="2099-01-01T00:00:00.000000Z",
        updated_at="2099-01-01T00:00:00.000000Z",
    ).execute()  # merged bundle
    assert water.rainfall_of(tambon, 2026)[1] == 999
    assert water.village_balance(village(tambon, 1), 2569).rows[0].rain_mm == 999
