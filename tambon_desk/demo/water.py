"""Demo water accounts for the villages already in the database.

A tambon on the east coast of the South (Nakhon Si Thammarat): most rain falls October to
December with the north-east monsoon, a short dry spell in February-April and a long
moderately dry stretch to September. Rainfall follows that shape (a synthetic year, not a
station record). Each village gets ponds that fill from rain (some dry by April), a deep
well, sometimes shallow wells or a piped supply, livestock, and crops including off-season
rice in the dry months, so the balance shows at least one deficit month.
"""

from __future__ import annotations

import datetime as _dt

from .. import registry, water
from ..thai import be_year

# Typical monthly shape (mm) for the east coast of the South; scaled ±15 % per month.
EAST_COAST_RAIN = (180, 70, 80, 90, 160, 130, 140, 140, 170, 320, 620, 400)
MANAGERS = [
    "นายสมชาย ใจดี",
    "นางบุญมี ทองใบ",
    "นายประเสริฐ ศรีสุข",
    "คณะกรรมการประปาหมู่บ้าน",
    "นายเจริญ ปั้นทอง",
    "นางมณีรัตน์ รักษ์น้ำ",
    "กลุ่มผู้ใช้น้ำ",
]
POND_NAMES = ["สระหนองบัว", "สระประจำหมู่บ้าน", "สระวัด", "หนองน้ำสาธารณะ", "สระโคกพยอม", "สระทุ่งนา"]


def _rain(rng) -> dict:
    return {m + 1: round(mm * rng.uniform(0.85, 1.15)) for m, mm in enumerate(EAST_COAST_RAIN)}


def _sources(ctx, rng, v) -> None:
    for i in range(rng.choice((1, 2, 2, 3))):
        area = rng.choice((800, 1200, 1600, 2400, 3200))
        water.save_source(
            ctx,
            {
                "village": v,
                "name": rng.choice(POND_NAMES) + (f" {i + 1}" if i else ""),
                "kind": "pond",
                "area_m2": area,
                "depth_m": rng.choice((2, 2.5, 3, 4)),
                "usable_share": rng.choice((0.6, 0.7, 0.8)),
                "dry_months": rng.choice(("", "", "4", "4,5", "3,4,5")),
                "catchment_m2": area * rng.choice((4, 6, 8)),
                "runoff_coef": rng.choice((0.2, 0.3)),
                "lat": round(8.4 + rng.uniform(-0.05, 0.05), 5),
                "lon": round(100.0 + rng.uniform(-0.05, 0.05), 5),
                "manager": rng.choice(MANAGERS),
                "condition": rng.choice(("good", "good", "fair")),
            },
        )
    water.save_source(
        ctx,
        {
            "village": v,
            "name": f"บ่อบาดาลหมู่ {v.moo}",
            "kind": "deep_well",
            "yield_m3_h": rng.choice((2, 3, 4, 5)),
            "pump_hours": rng.choice((6, 8, 10)),
            "manager": "คณะกรรมการประปาหมู่บ้าน",
            "condition": rng.choice(("good", "good", "fair", "poor")),
        },
    )
    if rng.random() < 0.5:
        water.save_source(
            ctx,
            {
                "village": v,
                "name": f"บ่อน้ำตื้นหมู่ {v.moo}",
                "kind": "shallow_well",
                "yield_m3_h": 1,
                "dry_months": "3,4,5",
                "manager": rng.choice(MANAGERS),
                "condition": "fair",
            },
        )
    if rng.random() < 0.4:
        water.save_source(
            ctx,
            {
                "village": v,
                "name": f"เครื่องสูบน้ำคลองหมู่ {v.moo}",
                "kind": "canal",
                "yield_m3_h": rng.choice((10, 15)),
                "pump_hours": 4,
                "usable_share": 0.5,
                "dry_months": "3,4,5",
                "manager": "กลุ่มผู้ใช้น้ำ",
                "condition": "good",
            },
        )
    if rng.random() < 0.3:
        water.save_source(
            ctx,
            {
                "village": v,
                "name": f"ถังเก็บน้ำฝนโรงเรียนหมู่ {v.moo}",
                "kind": "rain_tank",
                "capacity_m3": 50,
                "catchment_m2": 400,
                "runoff_coef": 0.8,
                "manager": "โรงเรียนบ้าน" + v.name.removeprefix("บ้าน"),
                "condition": "good",
            },
        )


def _farming(ctx, rng, v, people: int) -> None:
    scale = max(people, 20) / 100.0
    water.set_livestock(
        ctx,
        v,
        {
            "cattle": round(rng.randint(10, 40) * scale),
            "buffalo": rng.choice((0, 0, 5, 12)),
            "pig": rng.choice((0, 20, 40)),
            "poultry": round(rng.randint(300, 900) * scale),
        },
    )
    # main-season rice rides on the monsoon; the dry-season crops are what the sources feed
    water.save_crop_area(ctx, v, "rice", round(rng.uniform(10, 40) * scale, 1), "10,11,12,1")
    water.save_crop_area(ctx, v, "rice", round(rng.uniform(3, 10) * scale, 1), "3,4,5,6")
    water.save_crop_area(ctx, v, "vegetables", round(rng.uniform(1, 4) * scale, 1), "2,3,4")
    if rng.random() < 0.5:
        water.save_crop_area(ctx, v, "chili", round(rng.uniform(1, 3) * scale, 1), "5,6,7,8,9")
    water.save_crop_area(
        ctx,
        v,
        "banana",
        round(rng.uniform(0.5, 3) * scale, 1),
        ",".join(str(m) for m in range(1, 13)),
    )


def build(ctx, rng, progress=None) -> None:
    for tambon in registry.tambons():  # a demo district: every tambon its own water
        _build_tambon(ctx, rng, tambon)


def _build_tambon(ctx, rng, tambon) -> None:
    today = _dt.date.today()
    for year in (today.year - 1, today.year):
        water.set_rainfall(ctx, tambon, year, _rain(rng))
    vs = registry.villages(tambon)
    pop = water.registry_population([v.id for v in vs])
    for v in vs:  # well under a second: no progress report of its own
        _sources(ctx, rng, v)
        _farming(ctx, rng, v, pop.get(v.id, 0))
    year = be_year(today.year)
    # the demo must show a shortage: widen the dry-season rice of the first village until
    # it runs short (deterministic; usually already so)
    if vs and not water.tambon_balance(tambon, year)[0].deficit_months:
        dry = next(c for c in water.crop_areas_of(vs[0]) if c.months == "3,4,5,6")
        while not water.village_balance(vs[0], year).deficit_months:
            water.save_crop_area(ctx, vs[0], "rice", dry.area_rai + 20, dry.months, record=dry)
    if vs:
        sources = water.sources_of(village=vs[0])
        water.save_agreement(
            ctx,
            tambon,
            {
                "title": f"ข้อตกลงการใช้น้ำ{sources[0].name}ช่วงหน้าแล้ง",
                "source_ids": [sources[0].id],
                "village_ids": [vs[0].id],
                "parties": "คณะกรรมการหมู่บ้าน กลุ่มผู้ใช้น้ำ และครัวเรือนผู้ใช้น้ำ",
                "rules": "ช่วงมีนาคมถึงมิถุนายน สูบน้ำเพื่อการเกษตรได้วันละไม่เกิน "
                "2 ชั่วโมงต่อครัวเรือน น้ำอุปโภคบริโภคได้ก่อนเสมอ "
                "ค่าน้ำเดือนละ 30 บาทต่อครัวเรือนเข้ากองทุนซ่อมบำรุง",
                "agreed_on": _dt.date(today.year, 1, 15),
                "review_on": _dt.date(today.year + 1, 1, 15),
                "status": "active",
            },
        )
        if len(vs) > 1:
            water.save_agreement(
                ctx,
                tambon,
                {
                    "title": "ข้อตกลงแบ่งปันน้ำบ่อบาดาลระหว่างหมู่บ้าน",
                    "village_ids": [vs[0].id, vs[1].id],
                    "parties": f"หมู่ {vs[0].moo} และหมู่ {vs[1].moo}",
                    "rules": "เมื่อบ่อบาดาลหมู่ใดใช้การไม่ได้ อีกหมู่แบ่งน้ำให้วันละไม่เกิน 20 ลูกบาศก์เมตร",
                    "status": "draft",
                },
            )
