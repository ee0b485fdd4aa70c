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
    accounts.add_entry(
        ctx, e, dt.date(2024, 5, 1), accounts.category_by_code("ent_sales"), 5000_00
    )
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
