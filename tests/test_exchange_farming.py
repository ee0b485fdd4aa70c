"""Farming tables travel in bundles: plots, cycles, cost lines (with a delete), equipment,
enterprises, members, trainings and the enterprise book arrive equal and show in tables.xlsx."""

import datetime as dt
import zipfile

from openpyxl import load_workbook
from test_exchange import (  # noqa: F401
    PC,  # noqa: F401  (the same two-computer set-up)
    pcs,
    stick,
    thai,
)

from tambon_desk import accounts, exchange, farming
from tambon_desk.registry import households, places

FARM_TABLES = [
    "crop",
    "plot",
    "equipment",
    "crop_cycle",
    "cost_line",
    "enterprise",
    "enterprise_member",
    "training",
    "training_participant",
    "ledger_entry",
]


def test_farming_tables_travel_and_merge(pcs, stick, tmp_path):  # noqa: F811
    a, b = pcs("a"), pcs("b")
    ctx = a.use()
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = places.villages(t)[0]
    h = households.save_household(ctx, v, "5", [{"first_name": "มานพ", "relation": "head"}])
    plot = farming.save_plot(ctx, h, {"name": "สวน", "area": "3-0-0"})
    eq = farming.save_equipment(ctx, h, "เครื่องพ่นยา", 9000_00, 5)
    c = farming.save_cycle(
        ctx,
        plot,
        {
            "crop": farming.crop_by_code("mangosteen"),
            "season": "year",
            "year": 2024,
            "yield_kg": 900,
            "price": 30_00,
        },
    )
    farming.add_line(ctx, c, "depreciation", quantity=1, equipment=eq)
    gone = farming.add_line(ctx, c, "fuel", quantity=2, unit_price=30_00)
    farming.delete_line(ctx, gone)
    e = farming.save_enterprise(ctx, t, {"name": "วิสาหกิจมังคุด"})
    farming.save_member(ctx, e, h, shares=2, share_value=100_00)
    tr = farming.save_training(ctx, "อบรมบัญชี", held_on=dt.date(2024, 3, 1))
    farming.add_participant(ctx, tr, enterprise=e, name="มานพ")
    accounts.add_entry(ctx, e, dt.date(2024, 5, 1), accounts.category_by_code("ent_sales"), 5000_00)
    before = {tbl: a.dump(tbl) for tbl in FARM_TABLES}
    total_a = farming.cycle_figures(c).total
    path = exchange.export_bundle(ctx, stick).path
    manifest = exchange.verify(path).manifest
    assert set(FARM_TABLES) <= set(manifest["counts"])
    exchange.import_bundle(b.use(), path)
    for tbl in FARM_TABLES:
        assert b.dump(tbl) == before[tbl], tbl
    b.use()
    arrived = farming.get_cycle(c.id)
    assert [ln.kind for ln in farming.lines_of(arrived)] == ["land", "depreciation"]
    assert farming.cycle_figures(arrived).total == total_a
    with zipfile.ZipFile(path) as zf:
        (tmp_path / "t.xlsx").write_bytes(zf.read("tables.xlsx"))
    wb = load_workbook(tmp_path / "t.xlsx", read_only=True)
    assert {"plot", "crop_cycle", "cost_line", "enterprise"} <= set(wb.sheetnames)
    again = exchange.import_bundle(b.use(), path)  # twice: nothing changes
    assert all(
        r.add == 0 and r.change == 0 for name, r in again.tables.items() if name in FARM_TABLES
    )


def _to_version_9(con) -> int:
    """What a bundle made before migration 10 looked like: the enterprise's lines in their
    own `enterprise_entry` table with the old category codes, a NOT NULL household."""
    from peewee import SqliteDatabase

    from tambon_desk.db import migrations

    v9 = SqliteDatabase(":memory:")
    migrations.migrate(v9, target=9)
    schema = {
        name: sql
        for name, sql in v9.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND tbl_name IN ('ledger_entry', 'enterprise_entry')"
        )
    }
    v9.close()
    moved = con.execute(
        "SELECT l.id, l.created_at, l.updated_at, l.updated_by, l.deleted_at, l.row_version, "
        "l.enterprise_id, l.date, substr(c.code, 5), l.amount, l.member_id, l.note "
        "FROM ledger_entry l JOIN account_category c ON c.id = l.category_id "
        "WHERE l.enterprise_id IS NOT NULL"
    ).fetchall()
    con.execute(schema["enterprise_entry"])
    con.executemany(
        "INSERT INTO enterprise_entry (id, created_at, updated_at, updated_by, deleted_at, "
        "row_version, enterprise_id, date, category, amount, household_id, note) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        moved,
    )
    con.execute("ALTER TABLE ledger_entry RENAME TO old_ledger_entry")
    con.execute(schema["ledger_entry"])
    cols = "id, created_at, updated_at, updated_by, deleted_at, household_id, date, "
    cols += "category_id, amount, note, row_version"
    con.execute(
        f"INSERT INTO ledger_entry ({cols}) SELECT {cols} FROM old_ledger_entry "
        "WHERE enterprise_id IS NULL"
    )
    con.execute("DROP TABLE old_ledger_entry")
    for name, sql in schema.items():
        if name not in ("ledger_entry", "enterprise_entry"):
            con.execute(sql)
    con.execute("DELETE FROM account_category WHERE code LIKE 'ent!_%' ESCAPE '!'")
    con.execute("DELETE FROM schema_version WHERE version >= 10")  # a version 9 file
    return len(moved)


def test_a_bundle_from_before_the_one_ledger_still_merges(pcs, stick, tmp_path):  # noqa: F811
    """An older bundle's `enterprise_entry` rows arrive as the enterprise's ledger lines
    (same ids, the enterprise categories, the member), and a newer bundle's copy of the
    same lines afterwards adds nothing."""
    from test_exchange import rewrite

    a, b = pcs("a"), pcs("b")
    ctx = a.use()
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = places.villages(t)[0]
    h = households.save_household(ctx, v, "5", [{"first_name": "มานพ", "relation": "head"}])
    accounts.add_entry(ctx, h, dt.date(2024, 5, 2), accounts.category_by_code("fruit"), 700_00)
    e = farming.save_enterprise(ctx, t, {"name": "วิสาหกิจมังคุด"})
    farming.save_member(ctx, e, h, shares=2, share_value=100_00)
    sale = accounts.add_entry(
        ctx, e, dt.date(2024, 5, 1), accounts.category_by_code("ent_sales"), 5000_00
    )
    paid = farming.pay_dividends(ctx, e, dt.date(2024, 6, 1), 300_00)
    path = exchange.export_bundle(ctx, stick).path
    n = {}

    def data(con):
        n["moved"] = _to_version_9(con)

    def manifest(m):
        m["migrations"] = [x for x in m["migrations"] if x < 10]
        m["schema_version"] = max(m["migrations"])
        m["counts"]["ledger_entry"] -= n["moved"]
        m["counts"]["enterprise_entry"] = n["moved"]
        m["counts"]["account_category"] -= len(accounts.enterprise_seed_rows())

    old = rewrite(path, tmp_path / "old.tambon", data, manifest)
    assert n["moved"] == 2 and 10 not in exchange.verify(old).migrations
    report = exchange.import_bundle(b.use(), old)
    assert report.upgraded_from == 9
    b.use()
    from tambon_desk.db.models import LedgerEntry

    got = {x.id: x for x in LedgerEntry.select()}
    assert got[sale.id].enterprise_id == e.id and got[sale.id].household_id is None
    assert got[sale.id].category.code == "ent_sales"
    assert got[paid[0].id].member_id == h.id and got[paid[0].id].category.code == "ent_dividend"
    s = farming.book_summary(e, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (s.income, s.dividends) == (5000_00, 300_00)
    hs = accounts.household_summary(h, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (hs.total.income, hs.total.lines) == (700_00, 1)
    again = exchange.import_bundle(b.use(), path)  # the same lines from a newer bundle
    assert again.tables["ledger_entry"].add == 0 and again.tables["ledger_entry"].change == 0
