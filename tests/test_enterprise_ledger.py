"""One ledger, two books (#15): a community enterprise's lines live in the household book's
ledger, keyed through the same accounts service, and never count as a household's lines (nor
a household's as an enterprise's) in any figure, import, pull or review."""

import datetime as dt

import pytest
from peewee import IntegrityError

from tambon_desk import accounts, farming, province, water
from tambon_desk.core.errors import ValidationError
from tambon_desk.db.models import Enterprise, LedgerEntry
from tambon_desk.registry import households as hh
from tambon_desk.registry import places

D = dt.date
cat = accounts.category_by_code


@pytest.fixture
def books(ctx):
    """Household a (Moo 1) keeps a book; its enterprise keeps one too, with a as a member
    and lines that would double a's figures if they were read as a's."""
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = places.villages(t)[0]
    a = hh.save_household(ctx, v, "1", [{"first_name": "สมชาย", "relation": "head"}])
    b = hh.save_household(ctx, v, "2", [{"first_name": "สมศรี", "relation": "head"}])
    e = farming.save_enterprise(ctx, t, {"name": "วิสาหกิจชุมชนมังคุด"})
    farming.save_member(ctx, e, a, shares=2, share_value=100_00)
    accounts.add_entry(ctx, a, D(2025, 11, 3), cat("fruit"), 5_000_00)
    accounts.add_entry(ctx, a, D(2025, 11, 5), cat("fert"), 1_200_00)
    accounts.add_entry(ctx, a, D(2025, 11, 6), cat("water_fee"), 150_00)
    accounts.add_entry(ctx, e, D(2025, 11, 3), cat("ent_sales"), 80_000_00)
    accounts.add_entry(ctx, e, D(2025, 11, 5), cat("ent_purchase"), 40_000_00)
    accounts.add_entry(ctx, e, D(2025, 11, 6), cat("ent_utilities"), 900_00)
    accounts.add_entry(ctx, e, D(2025, 11, 7), cat("ent_share_in"), 200_00, member=a)
    accounts.add_entry(ctx, e, D(2025, 11, 7), cat("ent_dividend"), 77_00, member=a)
    return {"tambon": t, "village": v, "a": a, "b": b, "e": e}


NOV = (D(2025, 11, 1), D(2025, 11, 30))


def test_household_figures_never_count_enterprise_lines(ctx, books):
    a, v, t = books["a"], books["village"], books["tambon"]
    s = accounts.household_summary(a, *NOV)
    assert (s.total.income, s.total.expense, s.total.lines) == (5_000_00, 1_350_00, 3)
    vs = accounts.village_summary(v, *NOV)
    assert (vs.total.income, vs.total.expense, vs.total.households) == (5_000_00, 1_350_00, 1)
    per_village, whole = accounts.tambon_summary(t, *NOV)
    assert whole.total.lines == 3 and whole.total.income == 5_000_00
    part = accounts.participation(*NOV, [v])[0]
    assert part["recorded"] == 1  # b keeps no book; the enterprise is not a household
    assert [e.amount for e in accounts.entries_of(a, *NOV)] == [5_000_00, 1_200_00, 150_00]
    assert accounts.entries_of(books["b"], *NOV) == []  # a member's lines are not its book
    assert accounts.last_entry_date(books["b"]) is None
    # water: the village's water fees are the household's 150 baht, not the enterprise's bill
    assert accounts.money_by_category(["water_fee"], [v.id], *NOV) == {v.id: {"2025-11": 150_00}}
    rows = water.water_money([v.id], [(2025, 11)])
    assert rows[0]["water_fee"] == 150_00
    # the provincial dashboard counts households that recorded, not enterprises
    dash = province.province_dashboard(month="2025-11", with_water=False)
    assert [r.recorded for r in dash.tambons] == [1]


def test_enterprise_book_never_counts_household_lines(ctx, books):
    e = books["e"]
    lines = accounts.entries_of(e, *NOV)
    assert len(lines) == 5 and all(x.household_id is None for x in lines)
    s = farming.book_summary(e, *NOV)
    assert (s.income, s.expense, s.shares_in, s.dividends) == (80_000_00, 40_900_00, 200_00, 77_00)
    assert s.by_member == {books["a"].id: {"ent_share_in": 200_00, "ent_dividend": 77_00}}
    assert accounts.last_entry_date(e) == D(2025, 11, 7)


def test_each_book_takes_only_its_own_categories_and_members(ctx, books):
    a, e, b = books["a"], books["e"], books["b"]
    with pytest.raises(ValidationError) as x:
        accounts.add_entry(ctx, a, D(2025, 11, 9), cat("ent_sales"), 100_00)
    assert set(x.value.errors) == {"category"} and "วิสาหกิจ" in x.value.errors["category"]
    with pytest.raises(ValidationError) as x:
        accounts.add_entry(ctx, e, D(2025, 11, 9), cat("fruit"), 100_00)
    assert set(x.value.errors) == {"category"}
    with pytest.raises(ValidationError) as x:
        accounts.add_entry(ctx, a, D(2025, 11, 9), cat("fruit"), 100_00, member=b)
    assert set(x.value.errors) == {"member"}
    with pytest.raises(ValidationError) as x:  # b is not a member of the enterprise
        accounts.add_entry(ctx, e, D(2025, 11, 9), cat("ent_dividend"), 100_00, member=b)
    assert set(x.value.errors) == {"member"}
    farming.delete_enterprise(ctx, e)
    with pytest.raises(ValidationError) as x:
        accounts.add_entry(ctx, Enterprise.get_by_id(e.id), D(2025, 11, 9), cat("ent_sales"), 1)
    assert set(x.value.errors) == {"enterprise"}
    # the type-ahead of each sheet offers its own book
    assert {c.code for c in accounts.find_categories("ขาย")} >= {"fruit", "rubber"}
    assert all(c.code.startswith("ent_") for c in accounts.find_categories("", book="enterprise"))
    assert accounts.find_categories("sales", book="enterprise")[0].code == "ent_sales"
    assert not any(c.code.startswith("ent_") for c in accounts.categories())


def test_a_line_has_exactly_one_book_in_the_database(ctx, books):
    """The CHECK constraint holds even against a write that skips the service."""
    db = ctx.db
    base = LedgerEntry.get(LedgerEntry.enterprise == books["e"].id)
    sql = (
        "INSERT INTO ledger_entry (id, created_at, updated_at, household_id, enterprise_id, "
        "member_id, date, category_id, amount, note) VALUES (?, 'x', 'x', ?, ?, ?, "
        "'2025-11-01', ?, 1, '')"
    )
    a, e = books["a"].id, books["e"].id
    for n, (h, ent, m) in enumerate(((a, e, None), (None, None, None), (a, None, a))):
        with pytest.raises(IntegrityError):
            with db.atomic():
                db.execute_sql(sql, (f"bad{n}", h, ent, m, base.category_id))
    with db.atomic():
        db.execute_sql(sql, ("good", None, e, a, base.category_id))


def test_household_reviews_and_imports_leave_enterprise_lines_alone(ctx, books):
    a, e = books["a"], books["e"]
    accounts.add_entry(ctx, e, D(2025, 11, 3), cat("ent_sales"), 80_000_00, confirmed=True)
    assert accounts.duplicate_groups() == []  # an enterprise's repeated line is not a household's
    accounts.add_entry(ctx, a, D(2025, 11, 3), cat("fruit"), 5_000_00, confirmed=True)
    assert [g["household_id"] for g in accounts.duplicate_groups()] == [a.id]
    check = accounts.check_rows([(a.id, "2025-11-10", "ent_sales", 100_00, "")])
    assert [f for _n, f, _m in check.errors] == ["category"]  # a household file cannot
    good = accounts.check_rows([(a.id, "2025-11-03", "fruit", 5_000_00, "")]).good
    assert accounts.drop_already_saved(good)[1] == 1


def test_enterprise_line_never_pulled_into_a_members_crop_cycle(ctx, books):
    a, e = books["a"], books["e"]
    farming.set_settings(ctx, wage=300_00, rate="0", land_use_per_rai=0)
    plot = farming.save_plot(ctx, a, {"name": "สวน", "area": "2-0-0", "tenure": "free"})
    c = farming.save_cycle(
        ctx,
        plot,
        {
            "crop": farming.crop_by_code("mangosteen"),
            "season": "year",
            "year": 2025,
            "planted_on": D(2025, 10, 1),
        },
    )
    # the enterprise bought fertiliser for its member, on the member's name
    ent_line = accounts.add_entry(
        ctx, e, D(2025, 11, 8), cat("ent_purchase"), 999_00, member=a, confirmed=True
    )
    offered = farming.book_candidates(c)
    assert sorted(x.amount for x, _k in offered) == [150_00, 1_200_00]  # a's own lines only
    with pytest.raises(ValidationError):
        farming.add_line(ctx, c, "fertiliser", unit_price=999_00, ledger_entry=ent_line)
    assert [ln.amount for ln in farming.pull_from_book(ctx, c, [ent_line])] == []
    assert sorted(ln.amount for ln in farming.pull_from_book(ctx, c)) == [150_00, 1_200_00]


def test_migration_10_moves_enterprise_entries_into_the_ledger(engine, tmp_path):
    """A version-9 database with an enterprise book and a pulled household line: after
    migration 10 the enterprise lines are ledger lines under the same ids (category mapped,
    member kept, tombstone kept), the cost line still points at its ledger line, the old
    table is gone, and foreign keys are on again."""
    import os

    import pg_server

    from tambon_desk.db import migrations, open_database
    from tambon_desk.db.migrations.m0002_accounts import category_id

    if engine == "sqlite":
        target = tmp_path / "v9.db"
    else:
        if not os.environ.get(pg_server.ENV):
            pytest.skip("needs PostgreSQL")
        target = pg_server.empty_database()
    db = open_database(target, migrate=False)
    migrations.migrate(db, target=9)
    assert migrations.current_version(db) == 9
    from tambon_desk.db.models import CostLine, Crop, CropCycle, Plot, Tambon, Village
    from tambon_desk.db.models import Enterprise as Ent
    from tambon_desk.db.models import Household as Hh

    t = Tambon.create(
        id="t", code="800101", name_th="ต", district_code="8001", district_th="อ",
        province_code="80", province_th="จ",
    )  # fmt: skip
    v = Village.create(id="v", tambon=t, moo=1, name="บ้าน")
    h = Hh.create(id="h", village=v, house_no="1", head_name="ก")
    Ent.create(id="e", tambon=t, name="วิสาหกิจ")
    plot = Plot.create(household=h, name="นา", area_m2=1600)
    cycle = CropCycle.create(plot=plot, crop=Crop.get(Crop.code == "rice_main"), year=2025,
                             area_m2=1600)  # fmt: skip
    base = "id, created_at, updated_at, updated_by"
    db.execute_sql(
        f"INSERT INTO ledger_entry ({base}, household_id, date, category_id, amount, note) "
        f"VALUES ('l1', 'a', 'a', 'x', 'h', '2025-01-02', '{category_id('fert')}', 100, '')"
    )
    db.execute_sql(
        f"INSERT INTO enterprise_entry ({base}, enterprise_id, date, category, amount, "
        "household_id, note, deleted_at) VALUES "
        "('x1', 'b', 'b', 'x', 'e', '2025-01-03', 'sales', 5000, NULL, 'ขาย', NULL), "
        "('x2', 'c', 'c', 'x', 'e', '2025-01-04', 'dividend', 70, 'h', '', NULL), "
        "('x3', 'd', 'd', 'x', 'e', '2025-01-05', 'packing', 9, NULL, '', 'gone')"
    )
    CostLine.insert(
        cycle=cycle, kind="fertiliser", amount=100, unit_price=100, ledger_entry="l1"
    ).execute()
    from tambon_desk.db.models import ExchangeConflict

    ExchangeConflict.insert(
        tbl="enterprise_entry",
        record_id="x2",
        kept_version="c",
        lost_version="b",
        lost_values={"category": "dividend", "amount": 60, "household_id": "h", "note": ""},
    ).execute()
    assert migrations.migrate(db)[0] == 10
    assert "enterprise_entry" not in set(db.get_tables())
    got = db.execute_sql(
        "SELECT id, household_id, enterprise_id, member_id, category_id, amount, note, "
        "deleted_at FROM ledger_entry ORDER BY id"
    ).fetchall()
    assert [tuple(r) for r in got] == [
        ("l1", "h", None, None, category_id("fert"), 100, "", None),
        ("x1", None, "e", None, category_id("ent_sales"), 5000, "ขาย", None),
        ("x2", None, "e", "h", category_id("ent_dividend"), 70, "", None),
        ("x3", None, "e", None, category_id("ent_packing"), 9, "", "gone"),
    ]
    assert db.execute_sql("SELECT ledger_entry_id FROM cost_line").fetchone()[0] == "l1"
    conflict = ExchangeConflict.get(ExchangeConflict.record_id == "x2")
    assert conflict.tbl == "ledger_entry" and conflict.lost_values == {
        "amount": 60,
        "category_id": category_id("ent_dividend"),
        "household_id": None,
        "member_id": "h",
        "note": "",
    }
    ups = db.execute_sql("SELECT id, updated_at FROM ledger_entry WHERE id LIKE 'x%' ORDER BY id")
    assert [tuple(r) for r in ups] == [("x1", "b"), ("x2", "c"), ("x3", "d")]
    if engine == "sqlite":
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        sql = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'cost_line'").fetchone()[0]
        assert 'REFERENCES "ledger_entry"' in sql  # not a renamed copy
        names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "ledger_entry_alive_hmcad" in names
    with pytest.raises(IntegrityError):
        with db.atomic():
            db.execute_sql(
                f"INSERT INTO ledger_entry ({base}, household_id, enterprise_id, date, "
                "category_id, amount, note) VALUES ('bad', 'a', 'a', 'x', 'h', 'e', "
                f"'2025-01-02', '{category_id('fert')}', 1, '')"
            )
    db.close()


def test_a_line_keeps_a_member_who_has_left(ctx, books):
    """History stays editable: a dividend line naming a member who has since left can be
    corrected and restored; a new line cannot name them."""
    a, e = books["a"], books["e"]
    line = LedgerEntry.get((LedgerEntry.enterprise == e.id) & (LedgerEntry.amount == 77_00))
    membership = next(m for m in farming.members_of(e) if m.household_id == a.id)
    farming.remove_member(ctx, membership)
    edited = accounts.edit_entry(ctx, line, amount=78_00, confirmed=True)
    assert edited.amount == 78_00 and edited.member_id == a.id
    accounts.delete_entry(ctx, edited)
    restored = accounts.restore_entry(ctx, LedgerEntry.get_by_id(line.id))
    assert restored.deleted_at is None and restored.member_id == a.id
    with pytest.raises(ValidationError) as x:
        accounts.add_entry(ctx, e, D(2025, 11, 9), cat("ent_dividend"), 100_00, member=a)
    assert set(x.value.errors) == {"member"}
