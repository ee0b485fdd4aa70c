"""Account books service: hand-checked months to the satang, periods, checks, audit, roles."""

import datetime as dt

import pytest

from tambon_desk import accounts as ac
from tambon_desk.core.errors import PermissionDenied, ValidationError
from tambon_desk.db.models import AccountCategory, AuditLog, Household, LedgerEntry
from tambon_desk.registry import households as hh
from tambon_desk.registry import places as tambons

D = dt.date


@pytest.fixture
def town(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    v1, v2 = tambons.villages(t)
    mk = lambda v, no, name: hh.save_household(  # noqa: E731
        ctx, v, no, [{"first_name": name, "last_name": "ใจดี", "relation": "head"}]
    )
    return {
        "tambon": t,
        "v1": v1,
        "v2": v2,
        "a": mk(v1, "1", "สมชาย"),
        "b": mk(v1, "2", "สมศรี"),
        "c": mk(v2, "9", "บุญมี"),
    }


def cat(code):
    return ac.category_by_code(code)


# The hand-checked month: household a, November 2025.
NOV = [
    (3, "rubber", 1234567),
    (10, "fruit", 800050),
    (5, "food", 123456),
    (6, "fert", 250000),
    (7, "alcohol", 30025),
    (8, "lottery", 8000),
    (9, "debt_baac", 100000),
    (10, "save_group", 50000),
]


def key_in(ctx, h, lines, year=2025, month=11):
    for day, code, amount in lines:
        ac.add_entry(ctx, h, D(year, month, day), cat(code), amount)


def test_seeded_categories_in_thai_with_fixed_ids(ctx):
    water = cat("water_fee")
    assert water.name_th == "ค่าน้ำ" and water.group == "household"
    assert cat("pump_fuel").name_th == "ค่าน้ำมันสูบน้ำ"
    assert water.id == ac.category_id("water_fee")
    groups = {c.group for c in ac.categories()}
    assert groups == set(ac.GROUPS)
    found = [c.code for c in ac.find_categories("ค่าน้ำ")]
    assert found[0] == "water_fee" and {"pump_fuel", "fuel"} <= set(found)
    assert ac.find_categories("fert")[0].code == "fert"
    assert ac.find_categories("ยาง")[0].code == "rubber"


def test_hand_checked_month_to_the_satang(ctx, town):
    key_in(ctx, town["a"], NOV)
    s = ac.household_summary(town["a"], D(2025, 11, 1), D(2025, 11, 30))
    f = s.month("2025-11")
    assert f.income == 1234567 + 800050 == 2034617
    assert f.expense == 123456 + 250000 + 30025 + 8000 + 100000 == 511481
    assert f.savings == 50000
    assert f.balance == 2034617 - 511481 - 50000 == 1473136
    assert f.unnecessary == 38025 and f.unnecessary_share == 7.43
    assert f.group("expense_occupation") == 250000 and f.lines == 8 and f.households == 1
    assert s.total.balance == 1473136


def test_leap_day_and_fiscal_year_boundaries(ctx, town):
    a = town["a"]
    ac.add_entry(ctx, a, D(2024, 2, 29), cat("food"), 10001)
    ac.add_entry(ctx, a, D(2025, 9, 30), cat("food"), 20002)
    ac.add_entry(ctx, a, D(2025, 10, 1), cat("food"), 30003)
    feb = ac.household_summary(a, *ac.period(month="02/2567")[:2])
    assert feb.month("2024-02").expense == 10001
    start, end, label = ac.period(fiscal_year=2568)
    assert (start, end) == (D(2024, 10, 1), D(2025, 9, 30)) and label == "ปีงบประมาณ 2568"
    fy68 = ac.household_summary(a, start, end)
    assert fy68.total.expense == 20002 and len(fy68.months) == 12
    assert ac.household_summary(a, *ac.period(fiscal_year=2567)[:2]).total.expense == 10001
    assert fy68.months[0] == "2024-10" and fy68.months[-1] == "2025-09"
    fy69 = ac.household_summary(a, *ac.period(fiscal_year=2569)[:2])
    assert fy69.total.expense == 30003 and fy69.month("2025-10").expense == 30003
    cal = ac.household_summary(a, *ac.period(year=2568)[:2])  # calendar 2025
    assert cal.total.expense == 20002 + 30003


def test_tombstoned_lines_and_households_excluded(ctx, town):
    key_in(ctx, town["a"], NOV)
    e = LedgerEntry.get(LedgerEntry.amount == 1234567)
    ac.delete_entry(ctx, e)
    f = ac.household_summary(town["a"], D(2025, 11, 1), D(2025, 11, 30)).month("2025-11")
    assert f.income == 800050 and f.lines == 7
    ac.restore_entry(ctx, LedgerEntry.get_by_id(e.id))
    assert ac.household_summary(town["a"], D(2025, 11, 1), D(2025, 11, 30)).total.income == 2034617
    key_in(ctx, town["b"], [(1, "rubber", 100)])
    hh.delete_household(ctx, Household.get_by_id(town["b"].id))
    v = ac.village_summary(town["v1"], D(2025, 11, 1), D(2025, 11, 30))
    assert v.total.income == 2034617 and v.total.households == 1


def test_edit_is_audited_and_stale_edit_refused(ctx, town, as_role):
    as_role("clerk")
    e = ac.add_entry(ctx, town["a"], D(2025, 11, 3), cat("food"), 5000, "ตลาด")
    opened = e.updated_at
    ac.edit_entry(ctx, e, amount=5500, note="ตลาดนัด")
    row = AuditLog.get((AuditLog.action == "update") & (AuditLog.record_id == e.id))
    assert row.before == {"amount": 5000, "note": "ตลาด"}
    assert row.after == {"amount": 5500, "note": "ตลาดนัด"} and row.username == "clerk1"
    from tambon_desk.core.errors import ConcurrentEditError

    with pytest.raises(ConcurrentEditError):
        ac.edit_entry(ctx, LedgerEntry.get_by_id(e.id), amount=1, expected_updated_at=opened)


def test_validation_rules(ctx, town):
    a = town["a"]
    with pytest.raises(ValidationError) as e:
        ac.add_entry(ctx, a, D.today() + dt.timedelta(days=1), cat("food"), 0)
    assert set(e.value.errors) == {"date", "amount"}
    with pytest.raises(ValidationError) as e:
        ac.add_entry(
            ctx, a, D(2025, 10, 31), cat("food"), 100, period=(D(2025, 11, 1), D(2025, 11, 30))
        )
    assert "date" in e.value.errors and "31/10/2568" in e.value.errors["date"]
    with pytest.raises(ValidationError):
        ac.add_entry(ctx, a, D(2025, 11, 1), cat("food"), 12.5)  # floats never
    with pytest.raises(ValidationError):
        ac.add_entry(ctx, a, D(2025, 11, 1), cat("food"), ac.HARD_LIMIT + 1)
    moved = Household.get_by_id(town["b"].id)
    moved.status = "moved"
    moved.save()
    with pytest.raises(ValidationError) as e:
        ac.add_entry(ctx, moved, D(2025, 11, 1), cat("food"), 100)
    assert set(e.value.errors) == {"household"}


def test_ceiling_and_duplicate_ask_before_saving(ctx, town):
    a = town["a"]
    with pytest.raises(ac.ConfirmationNeeded) as e:
        ac.add_entry(ctx, a, D(2025, 11, 2), cat("rubber"), ac.CEILING + 1)
    assert set(e.value.warnings) == {"amount"} and LedgerEntry.select().count() == 0
    ac.add_entry(ctx, a, D(2025, 11, 2), cat("rubber"), ac.CEILING + 1, confirmed=True)
    ac.add_entry(ctx, a, D(2025, 11, 2), cat("food"), 4500)
    with pytest.raises(ac.ConfirmationNeeded) as e:
        ac.add_entry(ctx, a, D(2025, 11, 2), cat("food"), 4500)
    assert set(e.value.warnings) == {"duplicate"}
    ac.add_entry(ctx, a, D(2025, 11, 3), cat("food"), 4500)  # another day: fine
    ac.add_entry(ctx, a, D(2025, 11, 2), cat("food"), 4500, confirmed=True)
    groups = ac.duplicate_groups([a.id])
    assert len(groups) == 1 and groups[0]["count"] == 2 and groups[0]["amount"] == 4500


def test_retired_category_kept_in_old_lines(ctx, town):
    e = ac.add_entry(ctx, town["a"], D(2025, 11, 2), cat("tobacco"), 6000)
    ac.retire_category(ctx, cat("tobacco"))
    assert "tobacco" not in [c.code for c in ac.categories()]
    with pytest.raises(ValidationError):
        ac.add_entry(ctx, town["a"], D(2025, 11, 3), cat("tobacco"), 6000)
    ac.edit_entry(ctx, LedgerEntry.get_by_id(e.id), amount=7000)  # old line still edits
    f = ac.household_summary(town["a"], D(2025, 11, 1), D(2025, 11, 30)).total
    assert f.unnecessary == 7000


def test_roles(ctx, town, as_role):
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        ac.add_entry(ctx, town["a"], D(2025, 11, 2), cat("food"), 100)
    with pytest.raises(PermissionDenied):
        ac.add_entries_bulk(ctx, [(town["a"].id, "2025-11-02", "food", 100, "")])
    as_role("clerk")
    with pytest.raises(PermissionDenied):
        ac.save_category(ctx, "durian", "ขายทุเรียน", "income_occupation")
    as_role("admin")
    c = ac.save_category(ctx, "durian", "ขายทุเรียน", "income_occupation", order=11)
    assert c.id == ac.category_id("durian")
    with pytest.raises(ValidationError):
        ac.save_category(ctx, "durian", "ซ้ำ", "income_occupation")
    with pytest.raises(ValidationError) as e:  # the code is its identity
        ac.save_category(ctx, "durian2", "ขายทุเรียน", "income_occupation", category=c)
    assert set(e.value.errors) == {"code"}
    c = ac.save_category(ctx, "durian", "ขายทุเรียนหมอนทอง", "income_occupation", category=c)
    assert c.id == ac.category_id("durian") and c.name_th == "ขายทุเรียนหมอนทอง"
    assert LedgerEntry.select().count() == 0


def test_bulk_all_or_nothing_then_valid_only(ctx, town):
    a, c = town["a"].id, town["c"].id
    rows = [
        (a, "2025-11-01", "food", 1000, ""),
        (c, D(2025, 11, 2), "rubber", 250050, "ขาย"),
        (a, "2025-11-31", "food", 1000, ""),
        ("nobody", "2025-11-01", "food", 1000, ""),
        (a, "2025-11-01", "nothing", 1000, ""),
        (a, "2025-11-01", "food", -5, ""),
        (a, "2025-11-01", "food", 1000, ""),
    ]
    res = ac.add_entries_bulk(ctx, rows)
    assert [(n, f) for n, f, _m in res.errors] == [
        (3, "date"),
        (4, "household"),
        (5, "category"),
        (6, "amount"),
    ]
    assert [(n, f) for n, f, _m in res.warnings] == [(7, "duplicate")]
    assert LedgerEntry.select().count() == 0
    res = ac.add_entries_bulk(ctx, rows, valid_only=True, source="book.xlsx")
    assert LedgerEntry.select().count() == 3
    assert ac.village_summary(town["v2"], D(2025, 11, 1), D(2025, 11, 30)).total.income == 250050
    row = AuditLog.get(AuditLog.action == "import")
    assert row.after == {"lines": 3} and row.note == "book.xlsx"
    again = ac.add_entries_bulk(ctx, rows, valid_only=True)  # the same file twice
    assert again.already == 3 and again.good == [] and LedgerEntry.select().count() == 3
    twice = [(a, "2025-11-05", "food", 700, ""), (a, "2025-11-05", "food", 700, "")]
    assert ac.add_entries_bulk(ctx, twice).already == 0  # a real repeat: both kept
    assert ac.add_entries_bulk(ctx, twice + twice[:1]).already == 2
    assert LedgerEntry.select().count() == 6


def test_debt_carried_forward_and_summed(ctx, town):
    ac.set_debt(ctx, town["a"], 2025, 10, 5000000)
    ac.set_debt(ctx, town["a"], 2025, 12, 4500000)
    ac.set_debt(ctx, town["b"], 2025, 11, 120000)
    ac.set_debt(ctx, town["b"], 2025, 11, 110000)  # replaces November
    s = ac.village_summary(town["v1"], D(2025, 10, 1), D(2025, 12, 31))
    assert [s.month(m).debt for m in s.months] == [5000000, 5110000, 4610000]
    assert s.total.debt == 4610000
    h = ac.household_summary(town["b"], D(2025, 10, 1), D(2025, 12, 31))
    assert [h.month(m).debt for m in h.months] == [None, 110000, 110000]
    with pytest.raises(ValidationError):
        ac.set_debt(ctx, town["a"], 2025, 11, -1)
    today = D.today()  # never carried into months to come
    last_year = today.year - 1
    ac.set_debt(ctx, town["c"], last_year, today.month, 70000)
    future = ac.household_summary(
        town["c"], D(last_year, today.month, 1), D(today.year + 1, today.month, 1)
    )
    assert future.month(ac.month_key(today)).debt == 70000
    nxt = D(today.year + 1, today.month, 1)
    assert future.month(ac.month_key(nxt)).debt is None and future.total.debt == 70000


def test_village_tambon_participation_and_water_helper(ctx, town):
    key_in(ctx, town["a"], NOV)
    key_in(ctx, town["b"], [(1, "water_fee", 15000), (2, "pump_fuel", 42050)])
    key_in(ctx, town["b"], [(15, "water_fee", 16000)], month=12)
    key_in(ctx, town["c"], [(4, "water_fee", 9000), (5, "rice", 700000)])
    start, end = D(2025, 11, 1), D(2025, 12, 31)
    v = ac.village_summary(town["v1"], start, end)
    nov = v.month("2025-11")
    assert nov.households == 2 and v.month("2025-12").households == 1 and v.total.households == 2
    assert nov.expense == 511481 + 15000 + 42050 and nov.income == 2034617
    assert nov.per_household(nov.income) == 1017309  # 2034617 / 2 = 1017308.5, half up
    per_village, whole = ac.tambon_summary(town["tambon"], start, end)
    assert per_village[town["v2"].id].total.income == 700000
    assert whole.total.income == 2034617 + 700000 and whole.target == 20
    p = {r["village"].moo: r for r in ac.participation(start, end)}
    assert p[1]["months"] == {"2025-11": 2, "2025-12": 1} and p[1]["percent"]["2025-11"] == 20.0
    assert p[2]["months"] == {"2025-11": 1, "2025-12": 0} and p[2]["recorded"] == 1
    water = ac.money_by_category(["water_fee", "pump_fuel"])
    assert water == {
        town["v1"].id: {"2025-11": 57050, "2025-12": 16000},
        town["v2"].id: {"2025-11": 9000},
    }
    assert ac.money_by_category(["water_fee"], [town["v1"].id], D(2025, 12, 1), end) == {
        town["v1"].id: {"2025-12": 16000}
    }


def test_pick_households_by_number_then_name(ctx, town):
    assert [r["house_no"] for r in ac.pick_households("9")] == ["9"]
    assert ac.pick_households("สมศรี")[0]["house_no"] == "2"
    assert len(ac.pick_households("", village=town["v1"])) == 2


def test_sync_categories_adds_only_missing(ctx):
    AccountCategory.delete().where(AccountCategory.code == "gamble").execute()
    assert ac.sync_categories(ctx) == 1 and ac.sync_categories(ctx) == 0


def _demo_town(ctx, villages=3, per=12):
    t = tambons.add_tambon(ctx, "800101", [(i + 1, f"บ้าน{i + 1}") for i in range(villages)])
    for v in tambons.villages(t):
        for i in range(per):
            hh.save_household(ctx, v, str(i + 1), [{"first_name": f"ก{i}", "relation": "head"}])
    return t


def test_demo_books_are_seasonal_partial_and_deterministic(ctx):
    import random

    from tambon_desk.demo import accounts as demo

    t = _demo_town(ctx, villages=7)
    today = D(2026, 11, 24)
    demo.build(ctx, random.Random(5), today=today)
    start, end = D(2025, 9, 1), D(2026, 10, 31)  # 14 months before November 2026
    p = ac.participation(start, end)
    recorded = [r["recorded"] for r in p]
    assert sum(recorded) <= 0.6 * sum(r["target"] for r in p)  # most villages far below
    assert min(recorded) <= 2 and all(n >= 1 for n in recorded)
    assert LedgerEntry.select().where(LedgerEntry.date > today).count() == 0
    per_village, whole = ac.tambon_summary(t, start, end)
    assert len([m for m in whole.months if whole.month(m).lines]) == 14
    rubber = ac.category_id("rubber")
    by_month = {m: whole.month(m).by_category.get(rubber, 0) for m in whole.months}
    assert by_month["2026-03"] < by_month["2026-07"] / 3  # trees winter in March
    fruit = ac.category_id("fruit")
    assert whole.month("2026-06").by_category.get(fruit, 0) > 0
    assert whole.month("2026-01").by_category.get(fruit, 0) == 0
    assert whole.total.debt and whole.total.unnecessary > 0
    total = whole.total.income
    LedgerEntry.delete().execute()
    from tambon_desk.db.models import DebtBalance

    DebtBalance.delete().execute()
    demo.build(ctx, random.Random(5), today=today)
    assert ac.tambon_summary(t, start, end)[1].total.income == total
