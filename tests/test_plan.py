"""Master plan: projects, status history, funding lines, summaries and the plan reports."""

import datetime as _dt
import unicodedata
from decimal import Decimal

import openpyxl
import pytest
from pdfminer.high_level import extract_text
from plan_fixtures import build_seed_district, project

from tambon_desk.core.errors import ConcurrentEditError, PermissionDenied, ValidationError
from tambon_desk.db.models import AuditLog, FundingLine, Project
from tambon_desk.plan import projects as plan
from tambon_desk.plan import summary as ps
from tambon_desk.registry import places as tambons
from tambon_desk.reports import catalogue

D = _dt.date


VILLAGES = [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")]  # of the conftest `tambon` fixture


@pytest.fixture
def issue(ctx, tambon):
    p = plan.save_plan(ctx, tambon, "แผนแม่บทชุมชนตำบลในเมือง", 2567, 2570, "ชุมชนพึ่งตนเอง")
    return plan.save_issue(ctx, p, "วิสาหกิจชุมชนข้าว")


def _values(tambon, **kw):
    return {"tambon": tambon, "level": "tambon", "title": "โรงสีข้าวชุมชน", "fiscal_year": 2569, **kw}


# --- plans and issues --------------------------------------------------------------------


def test_plan_and_issues_editable(ctx, tambon):
    p = plan.save_plan(ctx, tambon, "แผนแม่บท", 2567, 2570, "วิสัยทัศน์")
    rice = plan.save_issue(ctx, p, "วิสาหกิจชุมชนข้าว")
    water = plan.save_issue(ctx, p, "การจัดการน้ำ")
    assert [i.name for i in plan.issues_of(p)] == ["วิสาหกิจชุมชนข้าว", "การจัดการน้ำ"]
    with pytest.raises(ValidationError) as e:
        plan.save_issue(ctx, p, " การจัดการน้ำ ")
    assert "name" in e.value.errors
    plan.save_issue(ctx, p, "การบริหารจัดการน้ำ", issue=water)
    assert [i.name for i in plan.issues_of(p)][1] == "การบริหารจัดการน้ำ"
    with pytest.raises(ValidationError) as e:
        plan.save_plan(ctx, tambon, "แผน", 2570, 2567)
    assert "period_end" in e.value.errors
    plan.save_plan(ctx, tambon, "แผนแม่บท", 2567, 2571, "วิสัยทัศน์ใหม่", plan=p)
    assert plan.plans(tambon)[0].period_end == 2571
    project(ctx, tambon, "โรงสี", [], issue=rice)
    with pytest.raises(ValidationError):
        plan.delete_issue(ctx, rice)
    plan.delete_issue(ctx, water)
    assert [i.name for i in plan.issues_of(p)] == ["วิสาหกิจชุมชนข้าว"]


# --- projects, status and funding --------------------------------------------------------


def test_status_flow_keeps_dated_history_and_is_audited(ctx, tambon, issue):
    p = plan.save_project(
        ctx, _values(tambon, issue=issue), [], status="idea", status_date=D(2025, 10, 5)
    )
    p = plan.set_status(ctx, p, "in_plan", D(2025, 11, 1))
    p = plan.set_status(ctx, p, "proposed", D(2025, 12, 15), note="เสนอ อบต.")
    p = plan.set_status(ctx, p, "funded", D(2026, 2, 1))
    hist = plan.status_history(p)
    assert [(h.status, h.from_status, h.date) for h in hist] == [
        ("idea", None, D(2025, 10, 5)),
        ("in_plan", "idea", D(2025, 11, 1)),
        ("proposed", "in_plan", D(2025, 12, 15)),
        ("funded", "proposed", D(2026, 2, 1)),
    ]
    assert Project.get_by_id(p.id).status == "funded"
    assert Project.get_by_id(p.id).status_date == D(2026, 2, 1)
    audit = AuditLog.get((AuditLog.record_id == p.id) & (AuditLog.action == "status funded"))
    assert audit.before == {"status": "proposed", "status_date": "2025-12-15"}
    assert audit.after == {"status": "funded", "status_date": "2026-02-01"}
    with pytest.raises(ValidationError) as e:  # backwards is not a status change
        plan.set_status(ctx, p, "idea", D(2026, 2, 2))
    assert "status" in e.value.errors
    with pytest.raises(ValidationError) as e:  # before the last change
        plan.set_status(ctx, p, "in_progress", D(2026, 1, 1))
    assert "date" in e.value.errors
    p = plan.undo_status(ctx, p)
    assert p.status == "proposed" and len(plan.status_history(p)) == 3
    assert plan.allowed_next("done") == []
    assert plan.allowed_next("dropped") == ["idea", "in_plan"]
    assert plan.allowed_next("funded") == ["in_progress", "done", "dropped"]


def test_funding_edits_are_audited_and_over_budget_warns(ctx, tambon):
    lines = [
        {
            "channel": "local_gov",
            "organisation": "อบต.ในเมือง",
            "requested": 30_000_000,
            "approved": 25_000_000,
            "date": D(2026, 1, 10),
        },
        {
            "channel": "outside_public",
            "organisation": "พัฒนาชุมชนจังหวัด",
            "requested": 10_000_000,
            "approved": 10_000_000,
        },
    ]
    with pytest.raises(plan.FundingWarning) as w:  # 400,000 > 250,000 + 100,000
        plan.save_project(ctx, _values(tambon, budget=40_000_000), lines)
    assert "400,000.00" in str(w.value) and "350,000.00" in str(w.value)
    assert Project.select().count() == 0  # nothing saved without confirmation
    p = plan.save_project(ctx, _values(tambon, budget=40_000_000), lines, accept_warnings=True)
    assert sum(f.approved for f in plan.funding_lines(p)) == 35_000_000
    ok = plan.save_project(ctx, _values(tambon, title="ตรงกัน", budget=35_000_000), lines)
    assert ok.budget == 35_000_000
    # approved above requested warns too
    with pytest.raises(plan.FundingWarning):
        plan.save_project(
            ctx, _values(tambon), [{"channel": "own", "requested": 100, "approved": 200}]
        )
    # edit one line, drop the other: update audited with before/after, the other tombstoned
    edit = plan.line_dicts(p)[:1]
    edit[0]["approved"] = 30_000_000
    p = plan.save_project(ctx, {"budget": 30_000_000}, edit, project=p)
    lid = edit[0]["id"]
    row = AuditLog.get((AuditLog.record_id == lid) & (AuditLog.action == "update"))
    assert row.before == {"approved": 25_000_000} and row.after == {"approved": 30_000_000}
    gone = FundingLine.get(FundingLine.channel == "outside_public", FundingLine.project == p)
    assert gone.deleted_at is not None
    assert (
        AuditLog.select()
        .where((AuditLog.record_id == gone.id) & (AuditLog.action == "delete"))
        .count()
        == 1
    )
    # unchanged save writes no line update
    n = AuditLog.select().where(AuditLog.record_id == lid).count()
    plan.save_project(ctx, {}, plan.line_dicts(p), project=p)
    assert AuditLog.select().where(AuditLog.record_id == lid).count() == n


def test_project_validation(ctx, tambon):
    other = tambons.add_tambon(ctx, "800102", [(1, "อื่น")])
    with pytest.raises(ValidationError) as e:
        plan.save_project(
            ctx,
            {
                "tambon": tambon,
                "level": "village",
                "title": " ",
                "fiscal_year": 69,
                "village": tambons.villages(other)[0],
                "start_date": D(2026, 5, 1),
                "end_date": D(2026, 4, 1),
                "provincial": True,
            },
            [{"channel": "outside_private", "requested": -1}, {"channel": "bank", "requested": 0}],
        )
    assert set(e.value.errors) == {
        "title",
        "fiscal_year",
        "village",
        "end_date",
        "provincial_fy",
        "funding.0.organisation",
        "funding.0.requested",
        "funding.1.channel",
    }
    with pytest.raises(ValidationError) as e:
        plan.save_project(ctx, _values(tambon, level="village"), [])
    assert "village" in e.value.errors


def test_viewer_cannot_write_and_stale_edit_refused(ctx, tambon, as_role):
    p = plan.save_project(ctx, _values(tambon), [])
    opened = p.updated_at
    plan.save_project(ctx, {"title": "แก้แล้ว"}, [], project=Project.get_by_id(p.id))
    with pytest.raises(ConcurrentEditError):
        plan.save_project(ctx, {"title": "ของฉัน"}, [], project=p, expected_updated_at=opened)
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        plan.set_status(ctx, Project.get_by_id(p.id), "in_plan")
    with pytest.raises(PermissionDenied):
        plan.save_project(ctx, _values(tambon), [])
    assert Project.select().count() == 1


def test_delete_and_restore_project_with_its_lines(ctx, tambon):
    p = plan.save_project(
        ctx,
        _values(tambon),
        [
            {"channel": "own", "requested": 0, "approved": 0},
            {"channel": "local_gov", "organisation": "อบต.", "requested": 5, "approved": 5},
        ],
    )
    plan.delete_project(ctx, p)
    assert plan.project_page()[1] == 0 and plan.project_page(deleted=True)[1] == 1
    plan.restore_project(ctx, Project.get_by_id(p.id))
    assert len(plan.funding_lines(p)) == 2 and plan.project_page()[1] == 1


def test_project_page_filters(ctx, tambon, issue):
    v1 = tambons.villages(tambon)[0]
    project(
        ctx,
        tambon,
        "โรงสีข้าว",
        [{"channel": "own", "requested": 0, "approved": 0}],
        fy=2568,
        issue=issue,
        level="village",
        village=v1,
    )
    project(
        ctx,
        tambon,
        "ฝายชะลอน้ำ",
        [{"channel": "local_gov", "organisation": "อบต.ท่าวัง", "requested": 1_000, "approved": 800}],
        fy=2569,
        status="idea",
        provincial=True,
        provincial_fy=2570,
        provincial_amount=5_000,
    )
    rows, total = plan.project_page()
    assert total == 2 and [r["title"] for r in rows] == ["ฝายชะลอน้ำ", "โรงสีข้าว"]
    assert rows[0]["approved"] == 800 and rows[0]["channels"] == ["local_gov"]
    assert plan.project_page(channel="own")[0][0]["title"] == "โรงสีข้าว"
    assert plan.project_page(issue=issue)[1] == 1
    assert plan.project_page(fiscal_year=2569)[0][0]["title"] == "ฝายชะลอน้ำ"
    assert plan.project_page(status="idea")[1] == 1
    assert plan.project_page(provincial=True)[0][0]["provincial_amount"] == 5_000
    assert plan.project_page(query="ท่าวัง")[1] == 1  # organisation is searchable
    assert plan.project_page(village=v1)[0][0]["moo"] == 1


# --- summaries ---------------------------------------------------------------------------


def test_rounding_rules():
    assert ps.average_count(121, 31) == Decimal("3.90")
    assert ps.average_count(47, 12) == Decimal("3.92")
    assert ps.format_count(Decimal("3.90")) == "3.9"
    assert ps.format_count(Decimal("3.00")) == "3"
    assert ps.format_count(Decimal("1.58")) == "1.58"
    assert ps.average_satang(2_781_268_333, 31) == 89_718_333
    assert ps.average_satang(3, 2) == 2  # half up
    assert ps.average_satang(5, 4) == 1
    assert ps.average_satang(0, 0) == 0


def test_seed_averages_in_service_pdf_and_xlsx(ctx, tmp_path):
    ts = build_seed_district(ctx)
    s = ps.funding_summary()
    assert s.n_tambons == 31
    assert (s.totals["own"].count, s.totals["local_gov"].count, s.totals["outside"].count) == (
        93,
        121,
        49,
    )
    assert s.totals["local_gov"].approved == 2_781_268_333
    assert s.totals["outside"].approved == 8_280_875_015
    assert [ps.format_count(s.average_count(g)) for g in ("own", "local_gov", "outside")] == [
        "3",
        "3.9",
        "1.58",
    ]
    assert s.average_budget("local_gov") == 89_718_333  # 897,183.33 baht
    assert s.average_budget("outside") == 267_125_000  # 2,671,250 baht
    assert s.rows[ts[0].id]["own"].count == 3  # two own lines count once
    assert s.rows[ts[0].id]["own"].approved == 3 * 500_000
    prov = ps.provincial_summary()
    assert (prov.count, prov.total) == (19, 3_166_780_000)  # 31,667,800 baht
    assert prov.by_year == {2553: (19, 3_166_780_000)}

    doc = catalogue.build(ctx, "plan-funding")
    catalogue.render(doc, "pdf", tmp_path / "f.pdf")
    catalogue.render(doc, "xlsx", tmp_path / "f.xlsx")
    text = unicodedata.normalize("NFKC", extract_text(str(tmp_path / "f.pdf")))
    for figure in (
        "897,183.33",
        "2,671,250.00",
        "3.90",
        "1.58",
        "31,667,800.00",
        "27,812,683.33",
        "82,808,750.15",
    ):
        assert figure in text, figure
    wb = openpyxl.load_workbook(tmp_path / "f.xlsx")
    avg = [r for r in wb["ค่าเฉลี่ยต่อตำบล"].iter_rows(values_only=True)]
    counts = {r[0]: r[1:] for r in avg[1:]}
    assert counts["ชุมชนดำเนินการเอง"][2:] == (3, 15_000)
    assert counts["งบประมาณ อปท."] == (121, 27_812_683.33, 3.9, 897_183.33)
    assert counts["หน่วยงานภายนอก"] == (49, 82_808_750.15, 1.58, 2_671_250)
    cover_rows = {r[0]: r[1] for r in wb["รายงาน"].iter_rows(values_only=True) if r and r[0]}
    # headline figures are numbers with number formats, not text
    assert cover_rows["จำนวนโครงการในแผนพัฒนาจังหวัด"] == 19
    assert cover_rows["งบประมาณรวมในแผน (บาท)"] == 31_667_800
    cover = " ".join(str(c) for r in wb["รายงาน"].iter_rows(values_only=True) for c in r if c)
    assert "3.90 โครงการ" in cover and "897,183.33" in cover

    doc = catalogue.build(ctx, "provincial-plan", fiscal_year=2553)
    catalogue.render(doc, "pdf", tmp_path / "p.pdf")
    catalogue.render(doc, "xlsx", tmp_path / "p.xlsx")
    text = unicodedata.normalize("NFKC", extract_text(str(tmp_path / "p.pdf")))
    assert "31,667,800.00" in text and "1,667,200.00" in text
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    rows = list(wb["ปีงบประมาณ 2553"].iter_rows(values_only=True))
    assert len(rows) == 1 + 19 + 1 and rows[-1][-1] == 31_667_800


def test_district_database_two_tambons(ctx):
    """A district's table from a database holding two of its tambons and one elsewhere.

    In district 8001: ในเมือง 3 local projects (1,000,000.00), ท่าวัง 4 (794,366.66):
    7/2 = 3.5 per tambon; 179,436,666 satang / 2 = 897,183.33 baht per tambon.
    The tambon of district 8002 is outside the district table but inside the province's.
    """
    a = tambons.add_tambon(ctx, "800101")
    b = tambons.add_tambon(ctx, "800102")
    c = tambons.add_tambon(ctx, "800201")
    for k, amount in enumerate([40_000_000, 30_000_000, 30_000_000]):
        project(
            ctx,
            a,
            f"ก{k}",
            [
                {
                    "channel": "local_gov",
                    "organisation": "ทม.",
                    "requested": amount,
                    "approved": amount,
                }
            ],
        )
    for k, amount in enumerate([20_000_000, 20_000_000, 20_000_000, 19_436_666]):
        project(
            ctx,
            b,
            f"ข{k}",
            [
                {
                    "channel": "local_gov",
                    "organisation": "อบต.",
                    "requested": amount,
                    "approved": amount,
                }
            ],
        )
    project(
        ctx,
        c,
        "ค",
        [{"channel": "local_gov", "organisation": "อบต.", "requested": 1_000, "approved": 1_000}],
    )
    s = ps.funding_summary(district_code="8001")
    assert s.n_tambons == 2 and s.totals["local_gov"].count == 7
    assert ps.format_count(s.average_count("local_gov")) == "3.5"
    assert s.average_budget("local_gov") == 89_718_333
    whole = ps.funding_summary(province_code="80")
    assert whole.n_tambons == 3 and whole.totals["local_gov"].count == 8
    assert whole.average_count("local_gov") == Decimal("2.67")  # 8/3
    assert whole.average_budget("local_gov") == 59_812_555  # 179,437,666/3 = …555.33
    doc = catalogue.build(ctx, "plan-funding", district="8001")
    assert doc.district == "เมืองนครศรีธรรมราช" and doc.tambon == ""
    kv = dict(doc.blocks[1].items)
    assert kv["งบประมาณ อปท."] == "3.50 โครงการ 897,183.33 บาทต่อตำบล"


def test_by_issue_status_and_year_on_year(ctx, tambon, issue):
    water = plan.save_issue(ctx, issue.plan, "การจัดการน้ำ")
    project(
        ctx,
        tambon,
        "ก",
        [{"channel": "own", "requested": 0, "approved": 100}],
        fy=2567,
        issue=issue,
        status="done",
    )
    project(
        ctx,
        tambon,
        "ข",
        [
            {"channel": "local_gov", "organisation": "อบต.", "requested": 900, "approved": 500},
            {
                "channel": "outside_private",
                "organisation": "บริษัท",
                "requested": 300,
                "approved": 300,
            },
        ],
        fy=2568,
        issue=water,
    )
    project(
        ctx,
        tambon,
        "ค",
        [{"channel": "local_gov", "organisation": "อบต.", "requested": 700, "approved": None}],
        fy=2568,
        issue=water,
        status="proposed",
    )
    project(ctx, tambon, "ง", [], fy=2569, status="dropped")
    st = ps.by_issue_status()
    assert st["วิสาหกิจชุมชนข้าว"]["done"] == 1
    assert (st["การจัดการน้ำ"]["funded"], st["การจัดการน้ำ"]["proposed"]) == (1, 1)
    assert st[""]["dropped"] == 1
    ic = ps.by_issue_channel()
    assert ic["การจัดการน้ำ"]["local_gov"] == ps.Cell(1, 500, 900)
    assert ic["การจัดการน้ำ"]["outside"] == ps.Cell(1, 300, 300)
    yoy = ps.year_on_year()
    assert list(yoy) == [2567, 2568]  # the dropped 2569 is not counted
    assert yoy[2568]["projects"] == 2 and yoy[2568]["local_gov"].approved == 500
    assert yoy[2567]["own"] == ps.Cell(1, 100, 0)
    doc = catalogue.build(ctx, "plan-projects")
    names = [b.title for b in doc.blocks if hasattr(b, "rows")]
    assert "การจัดการน้ำ" in names and "วิสาหกิจชุมชนข้าว" in names
    by_ic = doc.blocks[0]
    assert by_ic.totals["local_gov_n"] == 1 and by_ic.totals["outside_b"] == 300


def test_demo_plan_is_deterministic_and_spread(ctx, tmp_path):
    import random

    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database, open_database
    from tambon_desk.demo import plan as demo_plan
    from tambon_desk.plan import network

    tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    demo_plan.build(ctx, random.Random(7), None)
    rows, total = plan.project_page(limit=1000)
    assert total == len(demo_plan.PROJECTS)
    assert {r["fiscal_year"] for r in rows} == {2567, 2568, 2569}
    assert len({r["status"] for r in rows}) >= 5
    assert {c for r in rows for c in r["channels"]} == set(plan.CHANNELS) - {"other"}
    assert ps.provincial_summary().count >= 3
    assert [c.kind for c in network.committees()] == ["executive", "strategy", "working_group"]
    first = [(r["title"], r["status"], r["approved"]) for r in rows]
    # same seed, fresh database: the same plan
    close_database()
    db2 = tmp_path / "again.db"
    ctx2 = Context(db=open_database(db2), db_path=db2)
    from tambon_desk.core import auth

    ctx2.user = auth.create_user(ctx2, "admin", "admin-pass", "admin", bootstrap=True)
    tambons.add_tambon(ctx2, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    demo_plan.build(ctx2, random.Random(7), None)
    again = [(r["title"], r["status"], r["approved"]) for r in plan.project_page(limit=1000)[0]]
    assert again == first
    for name in ("plan-projects", "plan-funding", "provincial-plan", "network"):
        catalogue.render(catalogue.build(ctx2, name), "pdf", tmp_path / f"{name}.pdf")


def test_cli_plan_summary(ctx, tmp_path, capsys, monkeypatch):
    from tambon_desk import cli
    from tambon_desk.db import close_database

    a = tambons.add_tambon(ctx, "800101")
    tambons.add_tambon(ctx, "800102")
    project(
        ctx,
        a,
        "ก",
        [{"channel": "local_gov", "organisation": "ทม.", "requested": 150, "approved": 150}],
    )
    close_database()
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    base = ["--db", str(ctx.db_path), "--user", "admin", "plan-summary"]
    assert cli.main(base + ["--district", "8001"]) == 0
    out = capsys.readouterr().out
    assert "2 ตำบล" in out and "งบประมาณ อปท.\t0.50 โครงการ 0.75 บาทต่อตำบล" in out
    assert cli.main(base + ["--tambon", "999999"]) == 2
    assert "999999" in capsys.readouterr().err
    assert cli.main(base + ["--out", str(tmp_path / "f.xlsx"), "--fiscal-year", "2553"]) == 0
    assert (tmp_path / "f.xlsx").stat().st_size > 0
    close_database()
