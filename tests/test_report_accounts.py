"""The three account-book reports: the PDF and the XLSX carry the same hand-checked numbers,
and the command line builds them with the period options."""

import datetime as dt
import subprocess

import openpyxl
import pytest

from tambon_desk import accounts as ac
from tambon_desk import cli
from tambon_desk.db import close_database
from tambon_desk.registry import households as hh
from tambon_desk.registry import places as tambons
from tambon_desk.reports import catalogue

D = dt.date


@pytest.fixture
def books(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    v1, v2 = tambons.villages(t)
    tambons.save_village(ctx, t, 2, "บ้านสอง", target=4, village=v2)
    mk = lambda v, no: hh.save_household(
        ctx,
        v,
        no,
        [
            {
                "first_name": "ก" + no,  # noqa: E731
                "relation": "head",
            }
        ],
    )
    a, b, c = mk(v1, "1"), mk(v1, "2"), mk(v2, "3")
    cat = ac.category_by_code
    ac.add_entry(ctx, a, D(2025, 10, 1), cat("rubber"), 1234550)  # FY 2569 starts
    ac.add_entry(ctx, a, D(2025, 10, 2), cat("alcohol"), 23425)
    ac.add_entry(ctx, b, D(2025, 10, 5), cat("food"), 99975)
    ac.add_entry(ctx, b, D(2026, 9, 30), cat("fruit"), 500000)  # FY 2569 ends
    ac.add_entry(ctx, c, D(2026, 2, 14), cat("save_bank"), 100000)
    ac.add_entry(ctx, c, D(2025, 9, 30), cat("rubber"), 777700)  # FY 2568: left out
    ac.set_debt(ctx, a, 2025, 12, 3000000)
    return {"a": a, "b": b, "c": c, "v1": v1, "v2": v2}


def pdf_text(doc, tmp_path, name):
    path = tmp_path / f"{name}.pdf"
    catalogue.render(doc, "pdf", path)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def xlsx_rows(doc, tmp_path, name, sheet):
    path = tmp_path / f"{name}.xlsx"
    catalogue.render(doc, "xlsx", path)
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_village_accounts_pdf_and_xlsx_agree(ctx, books, tmp_path):
    doc = catalogue.build(ctx, "village-accounts", fiscal_year=2569)
    header, rows = xlsx_rows(doc, tmp_path, "va", "หมู่บ้าน")
    by_name = {r[0]: dict(zip(header, r)) for r in rows}
    moo1 = by_name["หมู่ที่ 1 บ้านหนึ่ง"]
    assert moo1["รายรับ"] == 17345.50  # 12,345.50 + 5,000.00
    assert moo1["รายจ่าย"] == 1234.00  # 234.25 + 999.75
    assert moo1["ครัวเรือนที่บันทึก"] == 2 and moo1["% ของเป้าหมาย"] == 20.0
    assert moo1["หนี้สินคงค้าง"] == 30000.0
    moo2 = by_name["หมู่ที่ 2 บ้านสอง"]
    assert moo2["เงินออม"] == 1000.0 and moo2["รายรับ"] == 0
    assert moo2["% ของเป้าหมาย"] == 25.0
    tambon = by_name["ทั้งตำบล"]
    assert tambon["คงเหลือ"] == 17345.50 - 1234.00 - 1000.00
    text = pdf_text(doc, tmp_path, "va")
    for figure in ("17,345.50", "1,234.00", "16,111.50", "30,000.00"):
        assert figure in text


def test_participation_pdf_and_xlsx_agree(ctx, books, tmp_path):
    doc = catalogue.build(ctx, "participation", fiscal_year=2569)
    header, rows = xlsx_rows(doc, tmp_path, "p", "การมีส่วนร่วม")
    assert header[2] == "ต.ค. 68" and header[13] == "ก.ย. 69"
    moo1 = dict(zip(header, rows[0]))
    assert moo1["ต.ค. 68"] == 2 and moo1["ก.ย. 69"] == 1 and moo1["พ.ย. 68"] == 0
    assert moo1["บันทึกอย่างน้อยหนึ่งเดือน"] == 2
    total = dict(zip(header, rows[-1]))
    assert total["เป้าหมาย"] == 14 and total["บันทึกอย่างน้อยหนึ่งเดือน"] == 3
    assert total["% ของเป้าหมาย"] == 21.4  # 3 / 14
    text = pdf_text(doc, tmp_path, "p")
    assert "21.4" in text and "ต.ค. 68" in text


def test_household_statement_words_and_unnecessary(ctx, books, tmp_path):
    doc = catalogue.build(ctx, "household-statement", household="1", village=1, fiscal_year=2569)
    text = pdf_text(doc, tmp_path, "hs")
    assert "12,111.25" in text  # 12,345.50 - 234.25
    flat = text.replace("\n", "").replace(" ", "")
    assert "หนึ่งหมื่นสองพันหนึ่งร้อยสิบเอ็ดบาทยี่สิบห้าสตางค์" in flat
    header, rows = xlsx_rows(doc, tmp_path, "hs", "ไม่จำเป็น")
    assert rows[0][0] == "สุรา/เครื่องดื่มแอลกอฮอล์" and rows[0][-1] == 234.25


def test_cli_report_with_period(ctx, books, tmp_path, monkeypatch, capsys):
    close_database()
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    out = tmp_path / "s.xlsx"
    args = [
        "--db",
        str(ctx.db_path),
        "--user",
        "admin",
        "report",
        "household-statement",
        "--household",
        books["b"].id,
        "--fiscal-year",
        "2569",
        "--out",
        str(out),
    ]
    assert cli.main(args) == 0
    ws = openpyxl.load_workbook(out)["รายเดือน"]
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "รวม")
    assert total[1] == 5000.0 and total[2] == 999.75
    assert (
        cli.main(
            [
                "--db",
                str(ctx.db_path),
                "--user",
                "admin",
                "report",
                "household-statement",
                "--out",
                str(out),
            ]
        )
        == 2
    )
    assert "ครัวเรือน" in capsys.readouterr().err
    close_database()


def test_district_scope_sums_two_tambons(ctx, books, tmp_path):
    t2 = tambons.add_tambon(ctx, "800102", [(1, "บ้านท่าวัง")])
    v = tambons.villages(t2)[0]
    d = hh.save_household(ctx, v, "5", [{"first_name": "ดวงใจ", "relation": "head"}])
    ac.add_entry(ctx, d, D(2025, 11, 11), ac.category_by_code("fruit"), 300000)
    doc = catalogue.build(ctx, "village-accounts", district="8001", fiscal_year=2569)
    assert doc.tambon == "" and doc.district and doc.province == "นครศรีธรรมราช"
    header, rows = xlsx_rows(doc, tmp_path, "d", "ตำบล")
    by_name = {r[0]: dict(zip(header, r)) for r in rows}
    assert by_name["รวม"]["รายรับ"] == 17345.50 + 3000.00
    assert by_name["รวม"]["ครัวเรือนที่บันทึก"] == 4 and by_name["รวม"]["% ของเป้าหมาย"] == 16.7
    doc = catalogue.build(ctx, "participation", province="80", fiscal_year=2569)
    header, rows = xlsx_rows(doc, tmp_path, "p2", "การมีส่วนร่วม")
    total = dict(zip(header, rows[-1]))
    assert total["เป้าหมาย"] == 24 and total["บันทึกอย่างน้อยหนึ่งเดือน"] == 4
    from tambon_desk.core.errors import UserError

    with pytest.raises(UserError):
        catalogue.build(ctx, "participation", province="80", village=1, fiscal_year=2569)
