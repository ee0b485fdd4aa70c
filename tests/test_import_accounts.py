"""Loading account-book lines from the app's own template: all or nothing unless the clerk
asks for the valid rows, Thai row errors, nothing doubled on a second load, and the CLI."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tambon_desk import accounts as ac
from tambon_desk import cli
from tambon_desk.db import close_database
from tambon_desk.db.models import LedgerEntry
from tambon_desk.importers import engine, get_kind
from tambon_desk.importers.template import write_template
from tambon_desk.registry import households as hh
from tambon_desk.registry import places as tambons

KIND = get_kind("accounts")


@pytest.fixture
def town(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (3, "บ้านสาม")])
    v1, v3 = tambons.villages(t)
    a = hh.save_household(ctx, v3, "12/3", [{"first_name": "สมชาย", "relation": "head"}])
    b = hh.save_household(ctx, v1, "7", [{"first_name": "สมศรี", "relation": "head"}])
    return {"a": a, "b": b}


ROWS = [  # village, house no, date, category, amount, note  (blank = same as above)
    (3, "12/3", "03/11/2568", "rubber", "1,250.50", "ขายน้ำยาง"),
    (None, None, "03/11/2568", "ค่าอาหาร", 185, None),
    (None, None, dt.datetime(2568, 11, 5), "water_fee", 120.25, "ค่าน้ำประปา"),
    ("หมู่ 1", "7", "๑๐/๑๑/๒๕๖๘", "ค่าปุ๋ย", "2500", None),
    (1, "7", "31/11/2568", "food", "50", None),  # no 31 November
    (1, "99", "10/11/2568", "food", "50", None),  # no such house
    (1, "7", "10/11/2568", "ขนม", "50", None),  # unknown category
    (1, "7", "10/11/2568", "food", "-20", None),  # not above zero
]


def template_with_rows(tmp_path, rows):
    path = write_template(KIND, tmp_path / "accounts-template.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for i, values in enumerate(rows, start=1):
        for col, value in enumerate((i, *values), start=1):
            ws.cell(row=i + 1, column=col, value=value)
    wb.save(path)
    return path


def load(ctx, path, dry_run=False, **options):
    return engine.run_import(ctx, engine.prepare(KIND, path), dry_run=dry_run, options=options)


def test_template_maps_itself(ctx, tmp_path):
    path = write_template(KIND, tmp_path / "t.xlsx")
    prepared = engine.prepare(KIND, path)
    assert prepared.missing == []
    assert set(prepared.mapping.values()) == {
        "seq",
        "village",
        "house_no",
        "date",
        "category",
        "amount",
        "note",
    }
    notes = "\n".join(
        str(r[0].value) for r in openpyxl.load_workbook(path).worksheets[-1].rows if r[0].value
    )
    assert "water_fee = ค่าน้ำ" in notes and "pump_fuel = ค่าน้ำมันสูบน้ำ" in notes


def test_errors_save_nothing_unless_valid_only(ctx, town, tmp_path):
    path = template_with_rows(tmp_path, ROWS)
    result = load(ctx, path)
    assert LedgerEntry.select().count() == 0
    assert sorted((e.row, e.field) for e in result.errors) == [
        (6, "date"),
        (7, "house_no"),
        (8, "category"),
        (9, "amount"),
    ]
    assert any("ยังไม่ได้บันทึก" in n and "4 แถว" in n for n in result.notes)
    dry = load(ctx, path, dry_run=True, valid_only=True)
    assert dry.counts["lines"]["added"] == 4 and LedgerEntry.select().count() == 0
    result = load(ctx, path, valid_only=True)
    assert result.counts["lines"]["added"] == 4
    lines = {(e.household_id, e.date, e.category.code): e.amount for e in LedgerEntry.select()}
    assert lines == {
        (town["a"].id, dt.date(2025, 11, 3), "rubber"): 125050,
        (town["a"].id, dt.date(2025, 11, 3), "food"): 18500,
        (town["a"].id, dt.date(2025, 11, 5), "water_fee"): 12025,
        (town["b"].id, dt.date(2025, 11, 10), "fert"): 250000,
    }
    s = ac.household_summary(town["a"], dt.date(2025, 11, 1), dt.date(2025, 11, 30)).total
    assert (s.income, s.expense) == (125050, 18500 + 12025)
    again = load(ctx, path, valid_only=True)  # the same file again
    assert again.counts["lines"] == {"added": 0, "updated": 0, "unchanged": 4}
    assert LedgerEntry.select().count() == 4


def test_cli_template_and_load(ctx, town, tmp_path, monkeypatch, capsys):
    db = str(ctx.db_path)
    close_database()
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    assert cli.main(["template", "accounts", "--out", str(tmp_path / "t.xlsx")]) == 0
    path = template_with_rows(tmp_path, ROWS)
    base = ["--db", db, "--user", "admin", "load", "accounts", str(path)]
    assert cli.main(base) == 0
    out = capsys.readouterr().out
    assert "ยังไม่ได้บันทึก" in out and "ไม่พบบ้านเลขที่ 99" in out
    assert LedgerEntry.select().count() == 0
    assert cli.main(base + ["--valid-only"]) == 0
    assert LedgerEntry.select().count() == 4
    close_database()


def test_row_household_names_the_wrong_field_in_thai(ctx, town):
    """The step the account-line and crop-cost loads share: a row's village, then its house."""
    from tambon_desk import registry
    from tambon_desk.accounts.importing import ACCOUNTS
    from tambon_desk.importers.engine import ParsedRow
    from tambon_desk.importers.report import ImportResult

    villages = {v.moo: v for v in registry.villages(registry.home_tambon())}
    first = next(iter(villages.values()))
    result = ImportResult("accounts", "บัญชีครัวเรือน", Path("x.xlsx"))
    found = lambda vil, no: "h1" if (vil.id, no) == (first.id, "7") else None  # noqa: E731
    rows = [
        ParsedRow(2, "1", {"village": first.moo, "house_no": "7"}, {}),
        ParsedRow(3, "2", {"village": first.name, "house_no": "7"}, {}),
        ParsedRow(4, "3", {"village": 99, "house_no": "7"}, {"village": 99}),
        ParsedRow(5, "4", {"village": first.moo, "house_no": "8"}, {"house_no": "8"}),
    ]
    got = [registry.row_household(r, result, ACCOUNTS, villages, found) for r in rows]
    assert got[0] == (first, "h1") and got[1] == (first, "h1")  # by number or by name
    assert got[2] is None and got[3] is None
    assert [(e.row, e.field) for e in result.errors] == [(4, "village"), (5, "house_no")]
    assert "ไม่อยู่ในตำบล" in result.errors[0].message
    assert "ไม่พบบ้านเลขที่ 8" in result.errors[1].message
    assert rows[2].rejected and not rows[0].rejected
