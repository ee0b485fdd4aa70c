"""Population statistics (hand-counted), the tambon-profile report in PDF and XLSX, report
periods, and the report command's period options."""

import datetime as dt
import subprocess
import unicodedata

import openpyxl
import pytest
from pdfminer.high_level import extract_text
from pypdf import PdfReader

from tambon_desk import cli
from tambon_desk.core.errors import NotFound, UserError
from tambon_desk.core.i18n import _
from tambon_desk.core.records import save_record
from tambon_desk.db import close_database
from tambon_desk.db.models import Household
from tambon_desk.registry import FIVE_YEAR_BANDS, age_on, band_index, population_profile
from tambon_desk.registry import households as hh
from tambon_desk.registry import places as tambons
from tambon_desk.reports import catalogue
from tambon_desk.reports.pdf import render_pdf
from tambon_desk.reports.period import Period, period_from_params
from tambon_desk.reports.tambon_profile import tambon_profile

D = dt.date
TODAY = D(2026, 11, 24)
nf = lambda s: unicodedata.normalize("NFKC", s)  # noqa: E731


def person(first, sex, born, relation="child", title=""):
    return {
        "title": title,
        "first_name": first,
        "last_name": "ทดสอบ",
        "sex": sex,
        "birth_date": born,
        "relation": relation,
    }


@pytest.fixture
def town(ctx):
    """Two villages; 9 people counted on 24/11/2569, some on a birthday's edge."""
    t = tambons.add_tambon(ctx, "801304", [(1, "บ้านควนเกย"), (2, "บ้านนาดี")])
    v1, v2 = tambons.villages(t)
    hh.save_household(
        ctx,
        v1,
        "1",
        [
            person("สมชาย", "M", D(1980, 6, 15), "head", "นาย"),  # 46
            person("สุนีย์", "F", D(1985, 12, 1), "spouse", "นาง"),  # 40 (birthday next week)
            person("ธนากร", "M", D(2015, 11, 24)),  # 11 today
            person("ปิยะนุช", "F", D(2022, 2, 28)),
        ],
    )  # 4
    hh.save_household(
        ctx,
        v1,
        "2",
        [
            person("เอียด", "F", D(1950, 1, 1), "head", "นาง"),  # 76
            {"first_name": "ไม่ทราบ", "relation": "relative"},
        ],
    )  # no sex, no birth date
    hh.save_household(
        ctx,
        v2,
        "7",
        [
            person("ประเสริฐ", "M", D(1966, 11, 25), "head", "นาย"),  # 59, 60 tomorrow
            person("มาลี", "F", D(1966, 11, 24), "spouse", "นาง"),  # 60 today
            person("ขวัญข้าว", "F", D(2026, 3, 1)),
        ],
    )  # 0, born this year
    gone = hh.save_household(ctx, v2, "8", [person("หายไป", "M", D(1990, 1, 1), "head")])
    hh.delete_household(ctx, gone)  # recycle bin
    moved = hh.save_household(ctx, v2, "9", [person("ย้ายออก", "F", D(1970, 1, 1), "head")])
    save_record(ctx, Household, {"status": "moved"}, record=moved)
    return t


def test_age_on_and_bands():
    assert age_on(D(1966, 11, 25), TODAY) == 59 and age_on(D(1966, 11, 24), TODAY) == 60
    assert age_on(D(2000, 2, 29), D(2027, 2, 28)) == 26
    assert age_on(D(2000, 2, 29), D(2027, 3, 1)) == 27
    assert FIVE_YEAR_BANDS[band_index(14, FIVE_YEAR_BANDS)] == (10, 14)
    assert FIVE_YEAR_BANDS[band_index(97, FIVE_YEAR_BANDS)] == (80, None)


def test_population_by_village_sex_and_band(town):
    p = population_profile(town, ref_date=TODAY)
    v1, v2 = p.villages
    assert (v1.households, v1.people.male, v1.people.female, v1.people.unknown) == (2, 2, 3, 1)
    assert [(c.male, c.female) for c in v1.broad] == [(1, 1), (1, 1), (0, 1)]
    assert v1.age_unknown.total == 1 and v1.age_unknown.unknown == 1
    assert (v2.households, v2.people.male, v2.people.female) == (1, 1, 2)  # moved, deleted: out
    assert [(c.male, c.female) for c in v2.broad] == [(0, 1), (1, 0), (0, 1)]
    t = p.total
    assert (t.households, t.people.total, t.people.male, t.people.female) == (3, 9, 3, 5)
    by_band = {FIVE_YEAR_BANDS[i]: (c.male, c.female) for i, c in enumerate(t.five_year) if c.total}
    assert by_band == {
        (0, 4): (0, 2),
        (10, 14): (1, 0),
        (40, 44): (0, 1),
        (45, 49): (1, 0),
        (55, 59): (1, 0),
        (60, 64): (0, 1),
        (75, 79): (0, 1),
    }
    assert round(t.household_size, 2) == 3.0


def test_population_at_a_past_date_leaves_out_the_unborn(town):
    t = population_profile(town, ref_date=D(2025, 12, 31)).total
    assert t.people.total == 8  # ขวัญข้าว not yet born
    assert [c.total for c in t.broad] == [2, 4, 1]  # มาลี 59 then; สมชาย 45, เอียด 75


def test_one_village_and_a_missing_one(town):
    p = population_profile(town, village=2, ref_date=TODAY)
    assert [v.moo for v in p.villages] == [2] and p.total.people.total == 3
    with pytest.raises(NotFound):
        population_profile(town, village=5)


def pdf_fonts(path):
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [(ln.split()[0], ln.split()[-5]) for ln in lines if ln.strip()]


def test_profile_pdf_and_xlsx_agree(town, tmp_path, ctx):
    doc = catalogue.build(ctx, "tambon-profile", year=2568)  # ref date 31/12/2568
    assert "31 ธันวาคม 2568" in doc.subtitle
    pdf, xlsx = tmp_path / "p.pdf", tmp_path / "p.xlsx"
    pages = render_pdf(doc, pdf)
    catalogue.render(doc, "xlsx", xlsx)
    text = nf(extract_text(str(pdf)))
    for s in (
        "ข้อมูลพื้นฐานตำบล",
        "ตำบลควนเกย",
        "บ้านควนเกย",
        "บ้านนาดี",
        "ประชากรจำแนกตามช่วงอายุและเพศ",
        "60 ปีขึ้นไป",
    ):
        assert nf(s) in text, s
    assert len(PdfReader(str(pdf)).pages) == pages >= 1
    fonts = pdf_fonts(pdf)
    assert fonts and all(emb == "yes" for _n, emb in fonts), fonts
    wb = openpyxl.load_workbook(xlsx)
    villages = [r for r in wb["หมู่บ้าน"].iter_rows(values_only=True)]
    assert villages[0][:6] == (_("Moo"), "หมู่บ้าน", "ครัวเรือน", "ชาย", "หญิง", "รวม (คน)")
    # moo, name, households, male, female, people, 0-14, 15-59, 60+, age unknown
    assert villages[1] == (1, "บ้านควนเกย", 2, 2, 3, 6, 2, 2, 1, 1)
    assert villages[2] == (2, "บ้านนาดี", 1, 1, 1, 2, 0, 2, 0, 0)
    assert villages[-1] == ("รวม", None, 3, 3, 4, 8, 2, 4, 1, 1)
    ages = list(wb["ช่วงอายุ"].iter_rows(values_only=True))
    assert ages[-1] == ("รวม", 3, 4, 8, 100)
    assert ("ไม่ทราบอายุ", 0, 0, 1, 12.5) in ages
    # the same totals in the PDF: the totals rows, read with the layout kept
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    totals = [" ".join(ln.split()) for ln in layout.splitlines() if ln.split()[:1] == ["รวม"]]
    assert totals == ["รวม 3 3 4 8 2 4 1 1", "รวม 3 4 8 100.0"]


def test_profile_of_one_village(town, ctx):
    doc = tambon_profile(ctx, village=1, today=TODAY)
    assert doc.subtitle.startswith("หมู่ที่ 1 บ้านควนเกย")
    table = doc.blocks[1]
    assert [r["name"] for r in table.rows] == ["บ้านควนเกย"]
    assert table.totals["people"] == 6
    chart = doc.blocks[-1]
    assert chart.categories[0] == "0–9" and chart.categories[-1] == "80 ปีขึ้นไป"
    assert sum(chart.series[0][1]) + sum(chart.series[1][1]) == 5  # one age unknown


def test_unsupported_param_is_a_clear_error(town, ctx):
    with pytest.raises(UserError) as err:
        catalogue.build(ctx, "tambon-profile", month="11/2569")
    assert "month" in str(err.value) and "tambon-profile" in str(err.value)
    catalogue.build(ctx, "household-register", year=None, unmask=False)  # not given: fine


# --- periods -----------------------------------------------------------------------------


def test_periods():
    y = Period.from_args(year=2569)
    assert (y.start, y.end, y.label_th) == (D(2026, 1, 1), D(2026, 12, 31), "ปี พ.ศ. 2569")
    f = Period.from_args(fiscal_year="2569")
    assert (f.start, f.end, f.label_th) == (D(2025, 10, 1), D(2026, 9, 30), "ปีงบประมาณ 2569")
    assert f.months()[0] == (2025, 10) and f.months()[-1] == (2026, 9) and len(f.months()) == 12
    m = Period.from_args(month="11/2569")
    assert (m.start, m.end, m.label_th) == (D(2026, 11, 1), D(2026, 11, 30), "เดือนพฤศจิกายน 2569")
    assert Period.from_args(month="ก.พ. 2567").end == D(2024, 2, 29)
    assert Period.from_args() is None and period_from_params({"village": 1}) is None
    assert y.reference_date(TODAY) == TODAY and f.reference_date(TODAY) == D(2026, 9, 30)
    assert Period.year(2570).reference_date(TODAY) == D(2027, 12, 31)
    assert m.contains(D(2026, 11, 30)) and not m.contains(D(2026, 12, 1))


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"year": 2569, "month": "11/2569"}, "--month"),
        ({"year": 2026}, "พ.ศ."),
        ({"fiscal_year": "๒๕๖๙x"}, "--fiscal-year"),
        ({"month": "13/2569"}, "13"),
    ],
)
def test_period_mistakes(kwargs, words):
    with pytest.raises(UserError) as err:
        Period.from_args(**kwargs)
    assert words in str(err.value)


# --- the report command ------------------------------------------------------------------


def test_report_command_period_options(town, ctx, tmp_path, capsys, monkeypatch):
    db = str(ctx.db_path)
    close_database()
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    base = ["--db", db, "--user", "admin", "report"]
    out = tmp_path / "p.xlsx"
    assert (
        cli.main(
            base
            + [
                "tambon-profile",
                "--year",
                "2568",
                "--village",
                "1",
                "--format",
                "xlsx",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    rows = list(openpyxl.load_workbook(out)["หมู่บ้าน"].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["บ้านควนเกย", None]
    close_database()
    assert (
        cli.main(
            base + ["household-register", "--fiscal-year", "2569", "--out", str(tmp_path / "r.pdf")]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "--fiscal-year" in err and "--village" in err and "Traceback" not in err
    assert cli.main(base + ["tambon-profile", "--month", "13/2569", "--out", "x.pdf"]) == 2
    assert "13" in capsys.readouterr().err
    assert cli.main(["--db", db, "report", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "tambon-profile\tข้อมูลพื้นฐานตำบล\t--tambon --village --year" in listing
    close_database()
