"""Network (committees, members, partners and the projects they back) and lessons."""

import datetime as _dt
import unicodedata

import openpyxl
import pytest
from pdfminer.high_level import extract_text
from plan_fixtures import project

from tambon_desk.core.errors import PermissionDenied, ValidationError
from tambon_desk.db.models import AuditLog, CommitteeMember, Lesson
from tambon_desk.plan import lessons, network
from tambon_desk.plan import projects as plan
from tambon_desk.reports import catalogue


def _members():
    return [
        {"name": "นายสมชาย ใจดี", "role": "ประธาน", "sector": "community"},
        {
            "name": "นางมาลี ศรีสุข",
            "role": "เลขานุการ",
            "sector": "local_gov",
            "organisation": "อบต.ในเมือง",
        },
        {
            "name": "ดร.วิชัย ทองคำ",
            "role": "ที่ปรึกษา",
            "sector": "academic",
            "organisation": "มหาวิทยาลัยวลัยลักษณ์",
        },
    ]


def test_committee_with_members_and_sectors(ctx, tambon):
    c = network.save_committee(ctx, tambon, "คณะทำงานตำบลในเมือง", "working_group", _members())
    ex = network.save_committee(
        ctx,
        None,
        "คณะกรรมการบริหารระดับอำเภอ",
        "executive",
        [{"name": "นายอำเภอ", "sector": "state"}],
    )
    assert [x.name for x in network.committees(tambon)] == [ex.name, c.name]  # executive first
    assert network.sector_counts(c) == {"community": 1, "local_gov": 1, "academic": 1}
    ms = network.member_dicts(c)
    ms[1]["role"] = "รองประธาน"
    del ms[2]
    network.save_committee(ctx, tambon, c.name, c.kind, ms, committee=c)
    assert [(m.name, m.role) for m in network.members_of(c)] == [
        ("นายสมชาย ใจดี", "ประธาน"),
        ("นางมาลี ศรีสุข", "รองประธาน"),
    ]
    gone = CommitteeMember.get(CommitteeMember.name == "ดร.วิชัย ทองคำ")
    assert gone.deleted_at is not None
    assert AuditLog.select().where(AuditLog.record_id == ms[0]["id"]).count() == 1  # untouched
    with pytest.raises(ValidationError) as e:
        network.save_committee(ctx, tambon, "", "club", [{"name": "", "sector": "x"}])
    assert set(e.value.errors) == {"name", "kind", "members.0.name", "members.0.sector"}


def test_partners_and_the_projects_they_fund_or_support(ctx, tambon):
    dcd = network.save_partner(ctx, "สำนักงานพัฒนาชุมชนจังหวัด", "state", "คุณอรุณี", "075-000000")
    uni = network.save_partner(ctx, "มหาวิทยาลัยวลัยลักษณ์", "academic")
    with pytest.raises(ValidationError):
        network.save_partner(ctx, "มหาวิทยาลัยวลัยลักษณ์", "academic")
    project(
        ctx,
        tambon,
        "กลุ่มวิสาหกิจมังคุด",
        [
            {
                "channel": "outside_public",
                "organisation": dcd.name,
                "partner_id": dcd.id,
                "requested": 20_000_000,
                "approved": 15_000_000,
            }
        ],
        fy=2568,
    )
    p2 = project(ctx, tambon, "บัญชีครัวเรือน", [], fy=2569)
    network.link_partner(ctx, p2, uni, "support")
    network.link_partner(ctx, p2, dcd, "support")
    funded = network.partner_projects(dcd)
    assert [(e["project"].title, e["role"], e["approved"]) for e in funded] == [
        ("บัญชีครัวเรือน", "support", 0),
        ("กลุ่มวิสาหกิจมังคุด", "fund", 15_000_000),
    ]
    assert [e["project"].id for e in network.partner_projects(uni)] == [p2.id]
    # a line whose organisation is typed as the partner's name links itself
    p3 = project(
        ctx,
        tambon,
        "ส้มโอ",
        [
            {
                "channel": "outside_public",
                "organisation": "มหาวิทยาลัยวลัยลักษณ์",
                "requested": 10,
                "approved": 10,
            }
        ],
    )
    assert plan.funding_lines(p3)[0].partner_id == uni.id
    assert {e["project"].id: e["role"] for e in network.partner_projects(uni)} == {
        p2.id: "support",
        p3.id: "fund",
    }
    assert [p.name for p in network.partners("วลัย")] == [uni.name]
    assert [p.name for p in network.partners(sector="state")] == [dcd.name]
    network.delete_partner(ctx, uni)
    assert network.partners() == [dcd] and len(network.project_partners(p2)) == 1
    assert [e["project"].id for e in network.partner_projects(uni)] == [p3.id]


def test_network_report_pdf_and_xlsx(ctx, tambon, tmp_path):
    network.save_committee(ctx, tambon, "คณะทำงานตำบลในเมือง", "working_group", _members())
    dcd = network.save_partner(ctx, "สำนักงานพัฒนาชุมชนจังหวัด", "state")
    p = project(
        ctx,
        tambon,
        "ส้มโอทับทิมสยาม",
        [
            {
                "channel": "outside_public",
                "organisation": dcd.name,
                "partner_id": dcd.id,
                "requested": 5_000_000,
                "approved": 4_500_000,
            }
        ],
        fy=2569,
    )
    assert p.title
    doc = catalogue.build(ctx, "network")
    catalogue.render(doc, "pdf", tmp_path / "n.pdf")
    catalogue.render(doc, "xlsx", tmp_path / "n.xlsx")
    nf = lambda s: unicodedata.normalize("NFKC", s)  # noqa: E731
    text = nf(extract_text(str(tmp_path / "n.pdf")))
    for s in ("นายสมชาย ใจดี", "มหาวิทยาลัยวลัยลักษณ์", "ส้มโอทับทิมสยาม", "45,000.00"):
        assert nf(s) in text, s
    wb = openpyxl.load_workbook(tmp_path / "n.xlsx")
    rows = list(wb["ภาคีเครือข่าย"].iter_rows(values_only=True))
    assert rows[1][0] == dcd.name and rows[1][-1] == 45_000
    assert "ส้มโอทับทิมสยาม (สนับสนุนงบประมาณ, 2569)" == rows[1][4]


def test_lessons_searchable_with_attachments(ctx, tambon, tmp_path, as_role):
    p = plan.save_plan(ctx, tambon, "แผนแม่บท", 2567, 2570)
    water = plan.save_issue(ctx, p, "การจัดการน้ำ")
    a = lessons.save_lesson(
        ctx,
        {
            "tambon": tambon,
            "area": "บ้านหนึ่ง หมู่ 1",
            "date": _dt.date(2026, 3, 1),
            "author": "นางมาลี ศรีสุข",
            "title": "ฝายมีชีวิต",
            "issue": water,
            "summary": "ชุมชนร่วมกันสร้างฝาย เก็บน้ำได้ถึงหน้าแล้ง",
        },
    )
    lessons.save_lesson(
        ctx,
        {
            "tambon": tambon,
            "title": "บัญชีครัวเรือนลดหนี้",
            "date": _dt.date(2026, 5, 1),
            "summary": "ออมได้เดือนละ 500",
        },
    )
    assert [x.title for x in lessons.search_lessons()[0]] == ["บัญชีครัวเรือนลดหนี้", "ฝายมีชีวิต"]
    assert lessons.search_lessons("หน้าแล้ง")[0] == [a]  # summary word
    assert lessons.search_lessons("น้ำ มาลี")[1] == 1  # issue + author
    assert lessons.search_lessons(issue=water)[0] == [a]
    assert lessons.search_lessons("ไม่มีคำนี้")[1] == 0
    doc = tmp_path / "บันทึกถอดบทเรียน.pdf"
    doc.write_bytes(b"%PDF-1.4 lesson")
    lessons.attach(ctx, a, doc, "รายงานฉบับเต็ม")
    assert [x.filename for x in lessons.attachments_of(a)] == ["บันทึกถอดบทเรียน.pdf"]
    with pytest.raises(ValidationError):
        lessons.save_lesson(ctx, {"title": "", "date": _dt.date(2999, 1, 1)})
    lessons.save_lesson(ctx, {"title": "ฝายมีชีวิต (ปรับปรุง)"}, lesson=a)
    assert Lesson.get_by_id(a.id).area == "บ้านหนึ่ง หมู่ 1"  # other fields kept
    assert lessons.search_lessons("ปรับปรุง")[1] == 1
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        lessons.delete_lesson(ctx, a)
