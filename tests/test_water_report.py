"""water-balance report: PDF and XLSX from one document, the same numbers as the service,
per village and per tambon."""

import unicodedata

import openpyxl
import pytest
from pdfminer.high_level import extract_text
from test_water import VILLAGES, moo1, tambon  # noqa: F401  (fixtures; VILLAGES shapes `tambon`)

from tambon_desk import water
from tambon_desk.registry import places as tambons
from tambon_desk.reports import catalogue
from tambon_desk.reports.model import Chart, Table
from tambon_desk.reports.water_balance import balance_chart

nf = lambda s: unicodedata.normalize("NFKC", s)  # noqa: E731


def test_village_report_pdf_xlsx(ctx, moo1, tmp_path):  # noqa: F811
    doc = catalogue.build(ctx, "water-balance", village=1, year=2569)
    charts = [b for b in doc.blocks if isinstance(b, Chart)]
    bal = water.village_balance(moo1, 2569)
    assert charts[0] == balance_chart(bal)
    assert charts[0].series[2][1][3] == 44  # April shortage 43.5 m³ → 44
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.sheet_name == "สมดุลรายเดือน")
    assert [r["flag"] for r in table.rows].count("ขาดน้ำ") == 1
    assert table.rows[3]["deficit"] == 44 and table.rows[0]["storage"] == 1600
    catalogue.render(doc, "pdf", tmp_path / "w.pdf")
    catalogue.render(doc, "xlsx", tmp_path / "w.xlsx")
    text = nf(extract_text(str(tmp_path / "w.pdf")))
    assert nf("สระหนองบัว") in text and nf("สมดุลน้ำ") in text and "1,600" in text
    wb = openpyxl.load_workbook(tmp_path / "w.xlsx")
    values = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row]
    assert "สระหนองบัว" in values and 1600 in values and "ขาดน้ำ" in values


def test_tambon_report_sums_villages(ctx, moo1, tambon):  # noqa: F811
    doc = catalogue.build(ctx, "water-balance", year=2569)
    villages = next(b for b in doc.blocks if isinstance(b, Table) and b.sheet_name == "หมู่บ้าน")
    assert [r["population"] for r in villages.rows] == [10, 0, 0]
    total, _per = water.tambon_balance(tambon, 2569)
    chart = next(b for b in doc.blocks if isinstance(b, Chart))
    assert chart == balance_chart(total)


def test_unknown_village_is_a_user_error(ctx, tambon):  # noqa: F811
    from tambon_desk.core.errors import UserError

    with pytest.raises(UserError):
        catalogue.build(ctx, "water-balance", village=9, year=2569)


def test_cli_rainfall_and_balance(ctx, moo1, capsys, monkeypatch):  # noqa: F811
    from tambon_desk import cli

    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    base = ["--db", str(ctx.db_path), "--user", "admin"]
    assert cli.main(base + ["rainfall", "--year", "2569", "--set", "4=0"]) == 0
    assert "เม.ย. 2569\t0" in capsys.readouterr().out
    assert cli.main(base + ["water-balance", "--year", "2569", "--village", "1"]) == 0
    out = capsys.readouterr().out
    assert "เดือนที่ขาดน้ำ: เม.ย. 2569" in out
    assert cli.main(base + ["rainfall", "--year", "2569", "--set", "4"]) == 2
    assert cli.main(base + ["water-balance", "--village", "9"]) == 2
    from tambon_desk.registry import places as tambons

    code = tambons.home_tambon().code
    assert (
        cli.main(base + ["water-balance", "--year", "2569", "--village", "1", "--tambon", code])
        == 0
    )
    assert "เดือนที่ขาดน้ำ: เม.ย. 2569" in capsys.readouterr().out
    assert cli.main(base + ["water-balance", "--tambon", "999999"]) == 2  # no such tambon


def test_money_side_from_the_account_books(ctx, moo1, tambon):  # noqa: F811
    import datetime as dt

    from tambon_desk import accounts
    from tambon_desk.registry import households

    fee, fuel = accounts.category_by_code("water_fee"), accounts.category_by_code("pump_fuel")
    h = households.household_page(village=moo1)[0][0]
    from tambon_desk.db.models import Household

    h = Household.get_by_id(h["id"])
    accounts.add_entry(ctx, h, dt.date(2026, 3, 5), fee, 12050, confirmed=True)  # 120.50
    accounts.add_entry(ctx, h, dt.date(2026, 3, 20), fuel, 40000, confirmed=True)  # 400.00
    accounts.add_entry(ctx, h, dt.date(2026, 4, 2), fee, 10000, confirmed=True)
    accounts.add_entry(ctx, h, dt.date(2025, 12, 30), fee, 99900, confirmed=True)  # other year
    months = [(2026, m) for m in range(1, 13)]
    rows = water.water_money([moo1.id], months)
    assert rows[2] == {"year": 2026, "month": 3, "water_fee": 12050, "pump_fuel": 40000}
    assert sum(r["water_fee"] for r in rows) == 22050
    assert water.water_money([tambons.villages(tambon)[1].id], months)[2]["water_fee"] == 0
    doc = catalogue.build(ctx, "water-balance", village=1, year=2569)
    money = next(b for b in doc.blocks if isinstance(b, Table) and b.sheet_name == "รายจ่ายด้านน้ำ")
    assert money.rows[2]["total"] == 52050 and money.totals["total"] == 62050


def test_district_database_report_per_tambon(ctx, moo1, tmp_path, monkeypatch):  # noqa: F811
    """A district database: `tambon` (DOPA code) picks the tambon; none is a mistake that
    lists the tambons to choose from."""
    from tambon_desk import cli
    from tambon_desk.reports import catalogue as cat

    other = tambons.add_tambon(ctx, "800102", [(1, "บ้านอื่น")])
    v = tambons.villages(other)[0]
    water.save_source(ctx, {"village": v, "name": "สระตำบลอื่น", "kind": "pond", "capacity_m3": 900})
    assert "tambon" in cat.spec_of("water-balance").params
    from tambon_desk.core.errors import UserError

    with pytest.raises(UserError, match="800101.*800102"):
        catalogue.build(ctx, "water-balance", year=2569)
    home = catalogue.build(ctx, "water-balance", year=2569, tambon=moo1.tambon.code)
    doc = catalogue.build(ctx, "water-balance", year=2569, tambon="800102")
    assert home.tambon == moo1.tambon.name_th and doc.tambon == other.name_th
    sources = next(b for b in doc.blocks if isinstance(b, Table) and b.sheet_name == "แหล่งน้ำ")
    assert [r["name"] for r in sources.rows] == ["สระตำบลอื่น"]
    assert sources.totals["storage"] == 900
    from tambon_desk.core.errors import NotFound

    with pytest.raises(NotFound):
        catalogue.build(ctx, "water-balance", tambon="999999")
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    out = tmp_path / "w.xlsx"
    assert (
        cli.main(
            [
                "--db",
                str(ctx.db_path),
                "--user",
                "admin",
                "report",
                "water-balance",
                "--tambon",
                "800102",
                "--year",
                "2569",
                "--format",
                "xlsx",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    values = [
        c
        for ws in openpyxl.load_workbook(out)
        for row in ws.iter_rows(values_only=True)
        for c in row
    ]
    assert "สระตำบลอื่น" in values and "สระหนองบัว" not in values
