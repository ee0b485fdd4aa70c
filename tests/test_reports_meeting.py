"""Reports fit for a district meeting (issue 13), on a demo district of three tambons.

Headline figures of every report are recomputed from the area services for a tambon, a
district and a province and for each kind of period; then the layout rules: scope headings,
which-tambon errors, page flow, Thai line breaks, type sizes, typed and print-ready Excel
(read back through LibreOffice), the demo district itself.
"""

import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from tambon_desk import accounts, plan, registry, water
from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.core.errors import UserError
from tambon_desk.core.i18n import _
from tambon_desk.db import close_database, open_database
from tambon_desk.reports import catalogue, pdf, thaiwrap
from tambon_desk.reports.model import KeyValues, Table, Text, Value
from tambon_desk.reports.period import Period

DISTRICT, PROVINCE = "8013", "80"
CODES = ["801301", "801302", "801303"]
SCOPES = {
    "tambon": {"tambon": "801302"},
    "district": {"district": DISTRICT},
    "province": {"province": PROVINCE},
}
PERIODS = {
    "fiscal_year": {"fiscal_year": 2569},
    "year": {"year": 2569},
    "month": {"month": "1/2569"},
}


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """A demo district database: three tambons of อำเภอร่อนพิบูลย์, each with its own
    households, books, water and plan (`demo --district 8013 --tambons 3`)."""
    from tambon_desk.demo.database import build_into, demo_tambon_codes

    path = tmp_path_factory.mktemp("district") / "district.db"
    db = open_database(path)
    ctx = Context(db=db, db_path=path)
    build_into(ctx, households=30, seed=7, tambons=demo_tambon_codes(district=DISTRICT, count=3))
    from tambon_desk.db.models import User

    ctx.user = User.get(User.username == "admin")
    yield ctx
    close_database()


def _tambons(scope: dict) -> list:
    if "tambon" in scope:
        return [registry.resolve_tambon(scope["tambon"])]
    return [
        t
        for t in registry.tambons()
        if t.district_code == scope.get("district", t.district_code)
        and t.province_code == scope.get("province", t.province_code)
    ]


def _kv(doc) -> dict:
    return {k: v for b in doc.blocks if isinstance(b, KeyValues) for k, v in b.items}


def _table(doc, title) -> Table:
    return next(b for b in doc.blocks if isinstance(b, Table) and b.title == title)


# ------------------------------------------------------------------ the demo district


def test_demo_district_builds_separate_tambons(district):
    ts = registry.tambons()
    assert [t.code for t in ts] == CODES
    assert len({t.district_code for t in ts}) == 1
    for t in ts:
        vs = registry.villages(t)
        assert vs and sum(len(registry.register_rows(v)) for v in vs) == 30
        assert water.sources_of(tambon=t), t.code  # its own water
        assert plan.funding_summary(tambon=t).rows  # its own plan
    from tambon_desk.db.models import Rainfall

    # one rainfall row per tambon and month (not three for one tambon)
    per = {}
    for r in Rainfall.select():
        key = (r.tambon_id, r.year, r.month)
        per[key] = per.get(key, 0) + 1
    assert set(per.values()) == {1} and len({k[0] for k in per}) == 3


def test_demo_one_tambon_by_code(district, tmp_path, capsys):
    from tambon_desk import cli
    from tambon_desk.db.models import Tambon

    db = tmp_path / "one.db"
    assert cli.main(["--db", str(db), "demo", "--tambon", "800101", "--households", "5"]) == 0
    open_database(db)
    try:
        assert [t.code for t in Tambon.select()] == ["800101"]
    finally:
        close_database()
    assert cli.main(["--db", str(tmp_path / "x.db"), "demo", "--district", "9999"]) != 0
    assert "9999" in capsys.readouterr().err
    open_database(district.db_path)  # back to the district for the next tests


# ------------------------------------------------------------------ headline figures


@pytest.mark.parametrize("scope", SCOPES)
def test_plan_funding_provincial_figure_honours_the_year(district, scope):
    params = SCOPES[scope]
    sk = {
        "tambon": registry.resolve_tambon(params["tambon"]) if "tambon" in params else None,
        "district_code": params.get("district"),
        "province_code": params.get("province"),
    }
    years = sorted(plan.provincial_summary(**sk).by_year) or [2569]
    for fy in years + [None]:
        doc = catalogue.build(district, "plan-funding", fiscal_year=fy, **params)
        prov = plan.provincial_summary(fiscal_year=fy, **sk)
        kv = _kv(doc)
        assert kv[_("Projects in the provincial plan")].value == prov.count
        assert kv[_("Total in the plan (baht)")].value == prov.total
        pp = _kv(catalogue.build(district, "provincial-plan", fiscal_year=fy, **params))
        assert pp[_("Projects in the provincial plan")].value == prov.count  # the same figure
        funding = plan.funding_summary(fiscal_year=fy, **sk)
        per = _table(doc, _("Projects and budget per tambon"))
        assert [r["tambon"] for r in per.rows] == [t.name_th for t in _tambons(params)]
        for g in plan.GROUPS:
            assert per.totals[g + "_n"] == funding.totals[g].count
            assert per.totals[g + "_b"] == funding.totals[g].approved
    if len(years) > 1:  # the figure really depends on the year
        counts = {plan.provincial_summary(fiscal_year=fy, **sk).count for fy in years}
        assert sum(counts) >= 1


@pytest.mark.parametrize("scope", SCOPES)
def test_plan_projects_totals(district, scope):
    params = SCOPES[scope]
    sk = {
        "tambon": registry.resolve_tambon(params["tambon"]) if "tambon" in params else None,
        "district_code": params.get("district"),
        "province_code": params.get("province"),
    }
    for fy in (2569, None):
        doc = catalogue.build(district, "plan-projects", fiscal_year=fy, **params)
        ic = plan.by_issue_channel(fiscal_year=fy, **sk)
        t = _table(doc, _("Projects and approved budget by issue and funding channel"))
        for g in plan.GROUPS:
            assert t.totals[g + "_b"] == sum(c[g].approved for c in ic.values())


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("scope", SCOPES)
def test_account_reports_recomputed(district, scope, period):
    params, pp = SCOPES[scope], PERIODS[period]
    p = Period.from_args(**pp)
    ts = _tambons(params)
    wholes = [accounts.tambon_summary(t, p.start, p.end)[1] for t in ts]
    income = sum(w.total.income for w in wholes)
    expense = sum(w.total.expense for w in wholes)
    doc = catalogue.build(district, "village-accounts", **params, **pp)
    assert p.label_th in doc.subtitle
    first = next(b for b in doc.blocks if isinstance(b, Table))
    assert first.totals["income"] == income and first.totals["expense"] == expense
    if len(ts) > 1:
        assert [r["tambon"] for r in first.rows] == [t.name_th for t in ts]
    if period != "month":  # participation takes a year or a fiscal year
        doc = catalogue.build(district, "participation", **params, **pp)
        data = accounts.participation(p.start, p.end, [v for t in ts for v in registry.villages(t)])
        t = _table(doc, _("Recording households by month"))
        assert t.totals["recorded"] == sum(r["recorded"] for r in data)
        assert t.totals["target"] == sum(r["target"] for r in data)
        if len(ts) > 1:  # rows of several tambons name their tambon
            assert all(
                r["village"].startswith(_("T. {tambon} · {village}").split("{")[0]) for r in t.rows
            )


@pytest.mark.parametrize("period", ["fiscal_year", "year"])
def test_household_statement_recomputed(district, period):
    from tambon_desk.db.models import LedgerEntry

    hid = LedgerEntry.select().first().household_id
    p = Period.from_args(**PERIODS[period])
    s = accounts.household_summary(hid, p.start, p.end)
    doc = catalogue.build(district, "household-statement", household=hid, **PERIODS[period])
    kv = _kv(doc)
    if not any(s.month(m).lines for m in s.months):
        assert len(doc.blocks) == 1 and isinstance(doc.blocks[0], Text)
        return
    assert kv[_("Income")].value == s.total.income
    assert kv[_("Expense")].value == s.total.expense
    # one unnecessary share on every page: the headline, the month table, the structure
    share = kv[_("Unnecessary expenses")].note.strip("()%")
    months = _table(doc, _("Month by month (baht)"))
    structure = _table(doc, _("Expense structure"))
    unnecessary = next(
        r for r in structure.rows if r["group"] == accounts.group_label("unnecessary")
    )
    assert f"{months.totals['share']:.1f}" == share == f"{unnecessary['share']:.1f}"


def test_household_statement_empty_says_so_in_one_line(district, tmp_path):
    from tambon_desk.db.models import Household, LedgerEntry

    keeping = {e.household_id for e in LedgerEntry.select(LedgerEntry.household)}
    h = next(h for h in Household.select() if h.id not in keeping)
    doc = catalogue.build(district, "household-statement", household=h.id, fiscal_year=2569)
    # one line about the book; only the household's crop results (farming) may follow it
    assert isinstance(doc.blocks[0], Text) and "ไม่มีรายการ" in doc.blocks[0].text
    crop_title = _("Crop results (production-cost accounts)")
    assert all(isinstance(b, Table) and b.title == crop_title for b in doc.blocks[1:])
    if len(doc.blocks) == 1:
        assert pdf.render_pdf(doc, tmp_path / "e.pdf") == 1


@pytest.mark.parametrize("year", [2569, None])
def test_tambon_profile_and_village_version(district, year):
    t = registry.resolve_tambon("801302")
    doc = catalogue.build(district, "tambon-profile", tambon="801302", year=year)
    kv = _kv(doc)
    assert kv[_("Households")].value == sum(
        len(registry.register_rows(v)) for v in registry.villages(t)
    )
    v = registry.villages(t)[0]
    doc = catalogue.build(district, "tambon-profile", tambon="801302", village=v.moo, year=year)
    kv = _kv(doc)
    assert kv[_("Village")] == registry.village_label(v)  # not "1" as if it were a count
    assert kv[_("Households")].value == len(registry.register_rows(v))


def test_water_balance_recomputed_and_flag_header(district):
    t = registry.resolve_tambon("801303")
    year = water.default_year(t)
    doc = catalogue.build(district, "water-balance", tambon="801303", year=year)
    bal, _per = water.tambon_balance(t, year)
    monthly = _table(doc, _("Monthly water balance (m³)"))
    assert monthly.totals["supply"] == round(bal.total("supply_m3"))
    assert monthly.totals["deficit"] == round(bal.total("deficit_m3"))
    assert all(c.title for c in monthly.columns)  # the flag column too


def test_register_natural_house_order_and_unmasking(district, tmp_path):
    from tambon_desk.db.models import AuditLog

    t = registry.resolve_tambon("801301")
    doc = catalogue.build(district, "household-register", tambon="801301")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [tb.title for tb in tables] == [registry.village_label(v) for v in registry.villages(t)]
    for tb in tables:
        seen = list(dict.fromkeys(r["house_no"] for r in tb.rows))
        assert seen == sorted(seen, key=registry.house_number_key)
    assert (
        registry.house_number_key("2")
        < registry.house_number_key("10")
        < registry.house_number_key("13/1")
        < registry.house_number_key("13/2")
        < registry.house_number_key("100")
    )
    assert not doc.confidential
    before = AuditLog.select().where(AuditLog.action == "unmask").count()
    doc = catalogue.build(district, "household-register", tambon="801301", unmask=True)
    assert doc.confidential
    assert AuditLog.select().where(AuditLog.action == "unmask").count() == before + 1
    path = tmp_path / "r.pdf"
    pages = pdf.render_pdf(doc, path)
    for n in range(1, pages + 1):
        assert "ข้อมูลส่วนบุคคล" in _pdf_text(path, n), n


# ------------------------------------------------------------------ scope and tambon choice


def test_scope_headings(district):
    doc = catalogue.build(district, "plan-funding", province=PROVINCE)
    assert doc.province and not doc.district and not doc.tambon
    doc = catalogue.build(district, "village-accounts", province=PROVINCE, fiscal_year=2569)
    assert doc.province and not doc.district
    doc = catalogue.build(district, "village-accounts", district=DISTRICT, fiscal_year=2569)
    assert doc.district and not doc.tambon
    doc = catalogue.build(district, "village-accounts", tambon="801302", fiscal_year=2569)
    assert doc.tambon == registry.resolve_tambon("801302").name_th


@pytest.mark.parametrize(
    "name",
    ["tambon-profile", "household-register", "water-balance", "village-accounts", "participation"],
)
def test_tambon_report_without_tambon_lists_them(district, name):
    with pytest.raises(UserError) as err:
        catalogue.build(district, name)
    for code in CODES:
        assert code in str(err.value)


def test_network_directory_tells_tambons_apart(district, tmp_path):
    doc = catalogue.build(district, "network", district=DISTRICT)
    titles = [b.title for b in doc.blocks if isinstance(b, Table)]
    assert len(titles) == len(set(titles))
    names = [t.name_th for t in registry.tambons()]
    committees = [x for x in titles if x != _("Partner organisations")]
    assert all(any(n in x for n in names) or _("District level") in x for x in committees)
    partners = _table(doc, _("Partner organisations"))
    assert partners.columns[0].key == "tambon"
    catalogue.render(doc, "xlsx", tmp_path / "n.xlsx")
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "n.xlsx")
    assert len(set(wb.sheetnames)) == len(wb.sheetnames)
    assert not any(re.search(r"\(\d+\)$", s) for s in wb.sheetnames)
    assert all(len(s) <= 31 for s in wb.sheetnames)
    assert any(names[0] in s for s in wb.sheetnames)


# ------------------------------------------------------------------ every report, every scope


def _all_docs(ctx):
    from tambon_desk.db.models import LedgerEntry

    hid = LedgerEntry.select().first().household_id
    for spec in catalogue.reports():
        for sname, scope in SCOPES.items():
            if any(k not in spec.params and k != "tambon" for k in scope):
                continue
            params = dict(scope)
            if spec.name == "household-statement":
                if sname != "tambon":
                    continue
                params = {"household": hid}
            if "fiscal_year" in spec.params:
                params["fiscal_year"] = 2569
            elif "year" in spec.params and spec.name != "water-balance":
                params["year"] = 2569
            yield f"{spec.name}/{sname}", catalogue.build(ctx, spec.name, **params)


@pytest.fixture(scope="module")
def docs(district):
    return list(_all_docs(district))


def _pdf_text(path, page=None) -> str:
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(
        args + [str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_no_break_inside_a_known_word_in_any_table_cell(docs):
    from reportlab.lib.pagesizes import A4, landscape

    bad = []
    for name, doc in docs:
        w = (landscape(A4) if doc.landscape else A4)[0] - 2 * pdf.MARGIN
        for t in (b for b in doc.blocks if isinstance(b, Table)):
            size, col_w, header, body, totals, _span = pdf.table_cells(t, w)
            assert size >= 10, (name, t.title, size)
            if len(t.columns) <= 6:  # 14 pt unless a wide table
                assert size == 14, (name, t.title, size)
            for row in [header] + body:
                for p, cw in zip(row, col_w, strict=False):
                    p.wrap(cw - 2 * pdf.CELL_PAD, 1e6)
                    for word in thaiwrap.breaks_inside_words(p.text, p._lines):
                        bad.append((name, t.title, p.text, word))
    assert not bad, bad[:10]
    # the named defects of the issue
    m = lambda s: len(s)  # noqa: E731
    assert thaiwrap.breaks_inside_words("ปีงบประมาณ", thaiwrap.break_lines("ปีงบประมาณ", 8, m)) == []
    lines = thaiwrap.break_lines("อัตราการให้น้ำ (ลบ.ม./ชม.)", 12, m)
    assert "(ลบ.ม./ชม.)" in lines and not any(line.endswith("(") for line in lines)
    assert not any(line.startswith(":") for line in thaiwrap.break_lines("ชื่อ: ค่า", 4, m))


def test_thousands_separators_in_text(docs):
    bare = re.compile(r"(?<![\d,./:-])(\d{4,})(?![\d,./:])")
    for name, doc in docs:
        texts = [b.text for b in doc.blocks if isinstance(b, Text)]
        texts += [
            str(v)
            for b in doc.blocks
            if isinstance(b, KeyValues)
            for k, v in b.items
            if k != _("Tambon code")
        ]
        for text in texts:
            for n in bare.findall(text):
                assert 2400 <= int(n) <= 2800, (name, text)  # only BE years go bare


def test_every_report_renders_without_a_blank_last_page(docs, tmp_path):
    for i, (name, doc) in enumerate(docs):
        path = tmp_path / f"{i}.pdf"
        pages = pdf.render_pdf(doc, path)
        last = [line for line in _pdf_text(path, pages).splitlines() if line.strip()]
        header = [x for x in (doc.title, doc.place_line(), doc.subtitle) if x]
        images = subprocess.run(
            ["pdfimages", "-list", "-f", str(pages), "-l", str(pages), str(path)],
            capture_output=True,
            text=True,
        ).stdout
        has_chart = len(images.strip().splitlines()) > 2
        # more than the running header and the footer line: a table, text or a chart
        assert len(last) > len(header) + 1 or has_chart, (name, pages, last)


def test_captions_repeat_and_totals_never_alone():
    from tambon_desk.reports.model import Column

    cols = [Column("a", "บ้านเลขที่", "code"), Column("b", "จำนวนเงิน", "money")]
    t = Table(
        cols,
        [{"a": str(i), "b": i * 100} for i in range(40)],
        title="หมู่ที่ 1",
        totals={"a": "รวม", "b": 78_000},
    )
    flow = pdf._table_flowable(t, 400)
    flow.wrap(400, 1e6)
    cap, head, body, tot = (
        flow._caption_h(400),
        flow.heights[0],
        flow.heights[1:-1],
        flow.heights[-1],
    )
    pdf._FRAME_H[0] = 700
    # room for everything but the totals row: the last body row goes along with it
    parts = flow.split(400, cap + head + sum(body) + tot / 2)
    assert len(parts) == 2 and len(parts[1].body) >= 1 and parts[1].totals
    assert parts[1].caption.text == "หมู่ที่ 1 (ต่อ)"
    # room for the caption and the header only: nothing (keep with next)
    assert flow.split(400, cap + head + 1) == []
    # a continued part continues with "(ต่อ)" once, not "(ต่อ) (ต่อ)"
    parts = flow.split(400, cap + head + body[0] * 10.5)
    assert len(parts[0].body) == 10 and parts[1].first_index == 10
    again = parts[1].split(400, cap + head + body[0] * 3.5)
    assert again[1].caption.text == "หมู่ที่ 1 (ต่อ)"


def test_body_and_table_type_sizes():
    assert pdf.STYLES["body"].fontSize == 16 and pdf.STYLES["heading"].fontSize >= 16
    assert pdf.STYLES["cell"].fontSize == 14


# ------------------------------------------------------------------ charts


def test_charts_headroom_and_one_tick_format():
    from tambon_desk.reports.charts import figure_for
    from tambon_desk.reports.model import Chart

    fig = figure_for(Chart("bar", "x", ["ก", "ข"], [("a", [100, 250])]))
    assert fig.axes[0].get_ylim()[1] >= 250 * 1.1
    fig = figure_for(Chart("bar", "x", ["ก", "ข"], [("a", [0, 0]), ("b", [0, 0])]))
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    labels = [ax.yaxis.get_major_formatter()(v, 0) for v in ax.get_yticks()]
    assert not any(lab.startswith("-") for lab in labels)
    assert len({len(lab.partition(".")[2]) for lab in labels}) == 1  # one format
    fig = figure_for(Chart("pie", "โครงสร้าง", ["ก", "ข", "ค"], [("", [5, 90, 5])]))
    assert fig.axes[0].get_legend() is not None  # names beside, not around


# ------------------------------------------------------------------ Excel


def test_workbooks_typed_and_print_ready(docs, tmp_path):
    import openpyxl

    for i, (name, doc) in enumerate(docs):
        path = tmp_path / f"{i}.xlsx"
        catalogue.render(doc, "xlsx", path)
        wb = openpyxl.load_workbook(path)
        assert len({s.lower() for s in wb.sheetnames}) == len(wb.sheetnames)
        assert all(len(s) <= 31 for s in wb.sheetnames)
        for ws in wb.worksheets:
            assert ws.page_setup.orientation in ("portrait", "landscape")
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
            assert "&P" in ws.oddFooter.right.text and doc.title in ws.oddHeader.center.text
        cover = wb.worksheets[0]
        kv = {r[0].value: r[1] for r in cover.iter_rows() if len(r) > 1 and r[0].value}
        for b in doc.blocks:
            if isinstance(b, KeyValues):
                for k, v in b.items:
                    if isinstance(v, Value) and v.value is not None:
                        cell = kv[k]
                        assert isinstance(cell.value, (int, float)), (name, k, cell.value)
                        assert "0" in cell.number_format
        tables = [b for b in doc.blocks if isinstance(b, Table)]
        for ws, t in zip(wb.worksheets[1:], tables, strict=False):
            assert ws.print_title_rows == "$1:$1", (name, ws.title)
            for j, c in enumerate(t.columns, 1):
                letter = openpyxl.utils.get_column_letter(j)
                width = ws.column_dimensions[letter].width
                for row in ws.iter_rows(
                    min_row=2, max_row=min(ws.max_row, 50), min_col=j, max_col=j
                ):
                    v = row[0].value
                    if isinstance(v, (int, float)) and c.kind in ("money", "int"):
                        shown = f"{v:,.2f}" if c.kind == "money" else f"{v:,.0f}"
                        assert width >= len(shown) + 1, (name, ws.title, c.key)
                if c.kind in ("year", "int", "money") and t.rows:
                    v = ws.cell(2, j).value
                    assert v is None or isinstance(v, (int, float)), (name, c.key, v)


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui",
)
def test_workbooks_open_in_libreoffice(docs, tmp_path):
    import openpyxl

    picked = [
        (n, d)
        for n, d in docs
        if n.split("/")[0]
        in (
            "plan-funding",
            "network",
            "village-accounts",
            "household-register",
            "water-balance",
            "tambon-profile",
        )
    ][:8]
    src = tmp_path / "src"
    src.mkdir()
    for i, (_name, doc) in enumerate(picked):
        catalogue.render(doc, "xlsx", src / f"w{i}.xlsx")
    out = tmp_path / "lo"
    files = sorted(str(p) for p in src.glob("*.xlsx"))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/prof",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            *files,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for i, (name, _doc) in enumerate(picked):
        wb = openpyxl.load_workbook(out / f"w{i}.xlsx")  # LibreOffice's own save
        original = openpyxl.load_workbook(src / f"w{i}.xlsx")
        assert wb.sheetnames == original.sheetnames
        for ws, ows in zip(wb.worksheets, original.worksheets, strict=False):
            for row, orow in zip(ws.iter_rows(max_row=40), ows.iter_rows(max_row=40), strict=False):
                for c, oc in zip(row, orow, strict=False):
                    if isinstance(oc.value, (int, float)) and not isinstance(oc.value, bool):
                        assert isinstance(c.value, (int, float)), (name, ws.title, c.coordinate)
                        assert Decimal(str(c.value)).quantize(Decimal("0.01")) == Decimal(
                            str(oc.value)
                        ).quantize(Decimal("0.01"))
            assert ws.page_setup.orientation == ows.page_setup.orientation
    # and as LibreOffice shows the cover: the numbers carry their formats
    k = next(i for i, (n, _d) in enumerate(picked) if n.startswith("plan-funding"))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/prof",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path / "csv"),
            str(src / f"w{k}.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = (tmp_path / "csv" / f"w{k}.csv").read_text(encoding="utf-8", errors="replace")
    assert re.search(r"\d{1,3}(,\d{3})*\.\d\d", text)


def test_cli_error_lists_the_tambons(district, tmp_path, capsys, monkeypatch):
    """Last in the file: the CLI opens and closes the database itself."""
    from tambon_desk import cli
    from tambon_desk.db.models import User

    if not district.db.is_closed():
        district.db.close()
    close_database()
    db = open_database(district.db_path)
    ctx = Context(db=db, db_path=district.db_path)
    ctx.user = User.get(User.username == "admin")
    auth.create_user(ctx, "viewer9", "viewer-pass", "viewer")
    close_database()
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "viewer-pass")
    code = cli.main(
        [
            "--db",
            str(district.db_path),
            "--user",
            "viewer9",
            "report",
            "tambon-profile",
            "--out",
            str(tmp_path / "x.pdf"),
        ]
    )
    err = capsys.readouterr().err
    assert code != 0 and all(c in err for c in CODES), err
    assert "Traceback" not in err
    assert (
        cli.main(
            [
                "--db",
                str(district.db_path),
                "--user",
                "viewer9",
                "report",
                "tambon-profile",
                "--tambon",
                "801302",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 0
    )
    open_database(district.db_path)
