"""Demo master plan: for each tambon already in the database, a community master plan with the
seed's issues, projects spread over funding channels, statuses and three fiscal years (some in
the provincial plan), a committee structure, partner organisations and lessons.

Everything goes through the services (audited, validated), and every choice comes from `rng`,
so the same seed gives the same plan.
"""

from __future__ import annotations

import datetime as _dt

from .. import plan, registry
from ..db.models import Partner
from ..plan import FLOW
from ..thai import fiscal_year_range

ISSUES = [
    ("วิสาหกิจชุมชนข้าว", "ข้าวพันธุ์พื้นเมือง โรงสีชุมชน ตลาดข้าวสาร"),
    ("วิสาหกิจชุมชนผลไม้ (มังคุด ส้มโอ)", "มังคุดคัดเกรด ส้มโอทับทิมสยาม แปรรูปและตลาด"),
    ("การบริหารจัดการน้ำ", "บัญชีน้ำ ฝาย แหล่งน้ำ ข้อตกลงการใช้น้ำ"),
    ("ที่ดินทำกิน", "คนไร้ที่ดิน เอกสารสิทธิ์ ที่ดินทับซ้อนกับที่รัฐ"),
    ("บัญชีครัวเรือน", "ลดรายจ่าย เพิ่มการออม แก้หนี้"),
    ("สุขภาพ", "อาหารปลอดภัย ผู้สูงอายุ"),
    ("สิ่งแวดล้อม", "ขยะ ป่าชุมชน"),
]

# (issue index, title, level, channels) — channels: (channel, organisation, requested baht)
PROJECTS = [
    (0, "โรงสีข้าวชุมชน", "tambon", [("local_gov", "อบต.", 450_000), ("own", "", 50_000)]),
    (0, "แปลงผลิตเมล็ดพันธุ์ข้าวพื้นเมือง", "village", [("outside_public", "สำนักงานเกษตรอำเภอ", 120_000)]),
    (0, "ตลาดข้าวสารชุมชน", "tambon", [("own", "", 20_000)]),
    (0, "อบรมบัญชีวิสาหกิจชุมชนข้าว", "tambon", [("outside_public", "สำนักงานพัฒนาชุมชนจังหวัด", 35_000)]),
    (1, "โรงคัดแยกมังคุดคุณภาพ", "tambon", [("outside_public", "สำนักงานพาณิชย์จังหวัด", 1_200_000)]),
    (
        1,
        "ส้มโอทับทิมสยามปลอดสาร",
        "village",
        [("outside_private", "ธ.ก.ส.", 300_000), ("own", "", 30_000)],
    ),
    (1, "แปรรูปมังคุดกวน", "village", [("local_gov", "อบต.", 80_000)]),
    (1, "ตลาดผลไม้ออนไลน์", "tambon", [("outside_private", "บริษัท ไปรษณีย์ไทย จำกัด", 60_000)]),
    (2, "ฝายมีชีวิต", "village", [("own", "", 40_000), ("local_gov", "อบต.", 150_000)]),
    (2, "ขุดลอกสระน้ำสาธารณะ", "village", [("local_gov", "อบต.", 500_000)]),
    (2, "ระบบประปาหมู่บ้าน", "village", [("outside_public", "กรมทรัพยากรน้ำ", 2_500_000)]),
    (2, "จัดทำบัญชีน้ำตำบล", "tambon", [("own", "", 10_000)]),
    (3, "สำรวจที่ดินทำกินและเอกสารสิทธิ์", "tambon", [("outside_public", "สำนักงานที่ดินจังหวัด", 90_000)]),
    (3, "กองทุนที่ดินชุมชน", "tambon", [("outside_public", "สถาบันบริหารจัดการธนาคารที่ดิน", 1_500_000)]),
    (4, "บัญชีครัวเรือนทุกหลังคาเรือน", "tambon", [("own", "", 15_000), ("local_gov", "อบต.", 25_000)]),
    (4, "กลุ่มออมทรัพย์สัจจะวันละบาท", "village", [("own", "", 0)]),
    (4, "แก้หนี้นอกระบบ", "tambon", [("outside_private", "ธ.ก.ส.", 200_000)]),
    (5, "ผักปลอดสารในครัวเรือน", "village", [("own", "", 5_000), ("local_gov", "อบต.", 30_000)]),
    (5, "ชมรมผู้สูงอายุ", "tambon", [("local_gov", "อบต.", 60_000)]),
    (6, "ธนาคารขยะ", "village", [("own", "", 8_000), ("local_gov", "อบต.", 20_000)]),
    (6, "ป่าชุมชนต้นน้ำ", "tambon", [("outside_public", "สำนักงานทรัพยากรธรรมชาติจังหวัด", 350_000)]),
]

PARTNERS = [
    ("สำนักงานพัฒนาชุมชนจังหวัด", "state"),
    ("สำนักงานเกษตรอำเภอ", "state"),
    ("สำนักงานพาณิชย์จังหวัด", "state"),
    ("กรมทรัพยากรน้ำ", "state"),
    ("สำนักงานที่ดินจังหวัด", "state"),
    ("สถาบันบริหารจัดการธนาคารที่ดิน", "state"),
    ("สำนักงานทรัพยากรธรรมชาติจังหวัด", "state"),
    ("ธ.ก.ส.", "private"),
    ("บริษัท ไปรษณีย์ไทย จำกัด", "private"),
    ("มหาวิทยาลัยวลัยลักษณ์", "academic"),
    ("มูลนิธิชุมชนไท", "civil_society"),
]

FIRST = ["สมชาย", "สมศรี", "ประเสริฐ", "มาลี", "วิชัย", "อรุณี", "บุญมี", "ทองดี", "สุดา", "ชูชาติ"]
LAST = ["ใจดี", "ศรีสุข", "ทองคำ", "บุญมา", "แก้วมณี", "ชูช่วย", "พรหมคีรี", "รักษ์ไทย"]
YEARS = (2567, 2568, 2569)


def _name(rng) -> str:
    return f"{rng.choice(['นาย', 'นาง', 'นางสาว'])}{rng.choice(FIRST)} {rng.choice(LAST)}"


def _walk_status(ctx, rng, project, fy: int, target: str) -> None:
    """Move a project through the flow up to `target`, a few weeks between steps."""
    start, _end = fiscal_year_range(fy)
    day = project.status_date
    path = FLOW[1 : FLOW.index(target) + 1] if target in FLOW else FLOW[1:3] + ("dropped",)
    for status in path:
        day = min(day + _dt.timedelta(days=rng.randint(14, 60)), _dt.date.today())
        project = plan.set_status(ctx, project, status, day)


def _status_for(rng, fy: int) -> str:
    if fy == 2567:
        return rng.choice(["done", "done", "done", "in_progress", "dropped"])
    if fy == 2568:
        return rng.choice(["done", "in_progress", "in_progress", "funded", "proposed"])
    return rng.choice(["in_plan", "proposed", "proposed", "funded", "idea"])


def _tambon_plan(ctx, rng, tambon, partner_ids: dict) -> None:
    villages = registry.villages(tambon)
    p = plan.save_plan(
        ctx,
        tambon,
        f"แผนแม่บทชุมชนตำบล{tambon.name_th} พ.ศ. 2566–2570",
        2566,
        2570,
        "ชุมชนพึ่งตนเอง เศรษฐกิจพอเพียง คนมีความสุข",
    )
    issues = [plan.save_issue(ctx, p, n, d) for n, d in ISSUES]
    for k, (ii, title, level, chans) in enumerate(PROJECTS):
        fy = YEARS[k % 3] if rng.random() < 0.8 else rng.choice(YEARS)
        status = _status_for(rng, fy)
        decided = status in ("funded", "in_progress", "done")
        lines = []
        for channel, org, baht in chans:
            satang = int(baht * rng.choice([80, 90, 100, 100])) if baht else 0
            org = f"อบต.{tambon.name_th}" if channel == "local_gov" else org
            lines.append(
                {
                    "channel": channel,
                    "organisation": org,
                    "requested": baht * 100,
                    "approved": satang if decided or channel == "own" else None,
                    "partner_id": partner_ids.get(org),
                    "date": fiscal_year_range(fy)[0] + _dt.timedelta(days=45),
                }
            )
        village = rng.choice(villages) if (level == "village" and villages) else None
        provincial = chans[0][0] == "outside_public" and chans[0][2] >= 300_000
        values = {
            "tambon": tambon,
            "level": level if village or level == "tambon" else "tambon",
            "village": village,
            "issue": issues[ii],
            "title": title,
            "fiscal_year": fy,
            "objective": f"เพื่อ{ISSUES[ii][1].split()[0]}ของชุมชน",
            "responsible": org or f"คณะทำงานตำบล{tambon.name_th}",
            "start_date": fiscal_year_range(fy)[0] + _dt.timedelta(days=60),
            "end_date": fiscal_year_range(fy)[1],
            "indicators": "ครัวเรือนเข้าร่วมไม่น้อยกว่าร้อยละ 70",
            "provincial": provincial,
            "provincial_fy": fy if provincial else None,
            "provincial_amount": chans[0][2] * 100 if provincial else None,
        }
        first = fiscal_year_range(fy)[0] - _dt.timedelta(days=rng.randint(30, 120))
        project = plan.save_project(
            ctx, values, lines, status="idea", status_date=first, accept_warnings=True
        )
        if status != "idea":
            _walk_status(ctx, rng, project, fy, status)
        if k % 4 == 0:  # academics and foundations back some projects
            helper = rng.choice(["มหาวิทยาลัยวลัยลักษณ์", "มูลนิธิชุมชนไท"])
            plan.link_partner(ctx, project, _partner(partner_ids, helper), "support")


def _partner(partner_ids: dict, name: str):
    return Partner.get_by_id(partner_ids[name])


def _committees(ctx, rng, tambon) -> None:
    sectors = list(plan.SECTORS)
    specs = [
        (f"คณะกรรมการบริหารแผนแม่บทชุมชนตำบล{tambon.name_th}", "executive", 9),
        ("คณะกรรมการยุทธศาสตร์ตำบล", "strategy", 7),
        (f"คณะทำงานตำบล{tambon.name_th}", "working_group", 12),
    ]
    roles = ["ประธาน", "รองประธาน", "เลขานุการ", "เหรัญญิก"]
    for order, (name, kind, n) in enumerate(specs):
        members = [
            {
                "name": _name(rng),
                "role": roles[i] if i < len(roles) else "กรรมการ",
                "sector": sectors[i % len(sectors)]
                if kind != "working_group"
                else rng.choice(["community", "community", "local_gov", "state"]),
                "phone": f"08{rng.randint(10_000_000, 99_999_999)}",
            }
            for i in range(n)
        ]
        plan.save_committee(ctx, tambon, name, kind, members, order=order)


LESSONS = [
    ("ฝายมีชีวิต: น้ำพอใช้ถึงหน้าแล้ง", 2, "ชุมชนร่วมกันสร้างฝายด้วยวัสดุในท้องถิ่น เก็บน้ำได้ถึงเดือนเมษายน"),
    ("บัญชีครัวเรือนช่วยลดรายจ่ายที่ไม่จำเป็น", 4, "ครัวเรือนที่จดบัญชีครบ 6 เดือน ลดรายจ่ายฟุ่มเฟือยได้ร้อยละ 15"),
    ("รวมกลุ่มขายมังคุดคัดเกรด", 1, "คัดเกรดก่อนขายทำให้ได้ราคาเพิ่มกิโลกรัมละ 8 บาท"),
]


def build(ctx, rng, progress=None) -> None:
    ts = registry.tambons()
    partner_ids = {}
    for name, sector in PARTNERS:
        partner_ids[name] = plan.save_partner(ctx, name, sector).id
    for i, t in enumerate(ts):
        if progress:
            progress(i, len(ts), f"แผนแม่บทชุมชน ตำบล{t.name_th}")
        for name, sector in ((f"อบต.{t.name_th}", "local_gov"),):
            partner_ids[name] = plan.save_partner(ctx, name, sector, tambon=t).id
        _tambon_plan(ctx, rng, t, partner_ids)
        _committees(ctx, rng, t)
        issues = plan.issues_for_tambon(t)
        for k, (title, ii, summary) in enumerate(LESSONS):
            plan.save_lesson(
                ctx,
                {
                    "tambon": t,
                    "title": title,
                    "summary": summary,
                    "issue": issues[ii],
                    "author": _name(rng),
                    "area": f"ตำบล{t.name_th}",
                    "date": _dt.date(2025, 3 + 3 * k, 1 + rng.randint(0, 27)),
                },
            )
