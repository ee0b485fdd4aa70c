"""Demo farming: plots and crop cycles for rice, rubber, mangosteen and pomelo households with
realistic costs (a southern tambon, prices of recent seasons), a few losing cycles and one
failed harvest, equipment with depreciation, and two community enterprises with members,
trainings (enterprise bookkeeping) and a year of their account book.
"""

from __future__ import annotations

import datetime as _dt

from .. import accounts, farming, registry, water
from ..db.models import Household

# crop -> (plot rai range, yield kg/rai range, price baht/kg range, season, months)
PROFILES = {
    "rice_main": ((4, 15), (380, 560), (8.5, 11.0), "main", 4),
    "rice_second": ((3, 10), (420, 620), (8.0, 10.0), "second", 4),
    "rubber": ((5, 20), (220, 300), (48.0, 62.0), "year", 12),
    "mangosteen": ((2, 8), (450, 900), (18.0, 40.0), "year", 12),
    "pomelo": ((2, 6), (700, 1400), (15.0, 30.0), "year", 12),
}
KINDS = ("rice_main", "rice_main", "rubber", "rubber", "mangosteen", "pomelo")
DOCS = ("chanote", "chanote", "ns3k", "ns3", "spk401", "pbt5", "none")


def _b(rng, lo, hi) -> int:
    """Baht in [lo, hi] as satang, rounded to the baht (what a farmer writes)."""
    return int(round(rng.uniform(lo, hi))) * 100


def _lines(ctx, rng, c, code, rai, equipment):
    add = farming.add_line
    if code.startswith("rice"):
        add(
            ctx,
            c,
            "machinery",
            activity="land_prep",
            item="ไถดะ ไถแปร",
            quantity=rai,
            unit="ไร่",
            unit_price=_b(rng, 300, 400),
        )
        add(
            ctx,
            c,
            "seed",
            activity="planting",
            item="เมล็ดพันธุ์ข้าว",
            quantity=rai * 20,
            unit="กก.",
            unit_price=_b(rng, 20, 28),
        )
        add(
            ctx,
            c,
            "fertiliser",
            activity="care",
            item="ปุ๋ยเคมี 16-20-0",
            quantity=rai,
            unit="กระสอบ",
            unit_price=_b(rng, 780, 950),
        )
        add(
            ctx,
            c,
            "herbicide",
            activity="care",
            item="ยาคุมหญ้า",
            quantity=rai,
            unit="ไร่",
            unit_price=_b(rng, 80, 150),
        )
        add(
            ctx,
            c,
            "labour",
            activity="care",
            item="แรงงานในครัวเรือน",
            quantity=round(rai * rng.uniform(1.0, 2.0), 1),
            unit="วัน",
            family=True,
        )
        add(
            ctx,
            c,
            "machinery",
            activity="harvest",
            item="รถเกี่ยวนวดข้าว",
            quantity=rai,
            unit="ไร่",
            unit_price=_b(rng, 450, 600),
        )
    else:
        add(
            ctx,
            c,
            "fertiliser",
            activity="care",
            item="ปุ๋ยเคมี",
            quantity=rai * 2,
            unit="กระสอบ",
            unit_price=_b(rng, 800, 1000),
        )
        add(
            ctx,
            c,
            "organic",
            activity="care",
            item="ปุ๋ยคอก",
            quantity=rai * 10,
            unit="กระสอบ",
            unit_price=_b(rng, 40, 60),
        )
        if code != "rubber":
            add(
                ctx,
                c,
                "pesticide",
                activity="care",
                item="สารกำจัดแมลง",
                quantity=rai,
                unit="ไร่",
                unit_price=_b(rng, 300, 700),
            )
        add(
            ctx,
            c,
            "labour",
            activity="harvest",
            item="จ้างเก็บผลผลิต" if code != "rubber" else "จ้างกรีดยาง (แบ่งสัดส่วน)",
            quantity=round(rai * rng.uniform(4, 10)),
            unit="วัน",
            unit_price=_b(rng, 350, 450),
        )
        add(
            ctx,
            c,
            "labour",
            activity="care",
            item="แรงงานในครัวเรือน",
            quantity=round(rai * rng.uniform(3, 8)),
            unit="วัน",
            family=True,
        )
        add(
            ctx,
            c,
            "fuel",
            activity="care",
            item="น้ำมันดีเซล",
            quantity=round(rai * 6),
            unit="ลิตร",
            unit_price=_b(rng, 30, 33),
        )
        for eq in equipment:
            add(ctx, c, "depreciation", item=eq.name, quantity=0.5, equipment=eq)
    add(ctx, c, "land_tax", item="ภาษีที่ดิน", quantity=1, unit_price=_b(rng, 10, 60))


def build(ctx, rng, progress=None) -> None:
    tambon = registry.home_tambon()
    if tambon is None:
        return
    vs = registry.villages(tambon)
    homes = list(
        Household.alive()
        .where(Household.village.in_([v.id for v in vs]))
        .order_by(Household.village, Household.house_no)
    )
    chosen = rng.sample(homes, min(len(homes), max(12, len(homes) // 6)))
    year = _dt.date.today().year - 1
    growers: dict = {}
    for n, h in enumerate(chosen):
        code = KINDS[n % len(KINDS)]
        (lo, hi), (ylo, yhi), (plo, phi), season, months = PROFILES[code]
        rai = rng.randint(lo, hi)
        tenure = rng.choice(("owned", "owned", "owned", "rented", "free"))
        sources = water.sources_of(village=h.village)
        plot = farming.save_plot(
            ctx,
            h,
            {
                "name": {"rubber": "สวนยาง", "mangosteen": "สวนมังคุด", "pomelo": "สวนส้มโอ"}.get(
                    code, "นา"
                )
                + ("หลังบ้าน" if n % 2 else "ริมคลอง"),
                "area": f"{rai}-{rng.randint(0, 3)}-{rng.randint(0, 99)}",
                "land_document": rng.choice(DOCS),
                "tenure": tenure,
                "rent": _b(rng, 400, 800) * rai if tenure == "rented" else 0,
                "water_source": sources[0] if sources and rng.random() < 0.5 else None,
            },
        )
        equipment = []
        if code not in ("rice_main", "rice_second"):
            equipment = [
                farming.save_equipment(
                    ctx,
                    h,
                    "เครื่องพ่นยา",
                    _b(rng, 6000, 12000),
                    5,
                    salvage=100000,
                    bought_year=year - 2,
                )
            ]
        seasons = [(code, season)] + (
            [("rice_second", "second")] if code == "rice_main" and rng.random() < 0.5 else []
        )
        for crop_code, s in seasons:
            p = PROFILES[crop_code]
            planted = (
                _dt.date(year, 8, rng.randint(1, 28))
                if s == "main"
                else _dt.date(year, 3, rng.randint(1, 28))
                if s == "second"
                else None
            )
            failed = n == 3 and crop_code == "rice_main"  # a flooded crop: no harvest
            losing = n % 5 == 4  # a poor season
            y = (
                0
                if failed
                else round(plot.area_m2 / 1600 * rng.uniform(*p[1]) * (0.45 if losing else 1))
            )
            c = farming.save_cycle(
                ctx,
                plot,
                {
                    "crop": farming.crop_by_code(crop_code),
                    "season": s,
                    "year": year,
                    "planted_on": planted,
                    "harvested_on": planted + _dt.timedelta(days=120)
                    if planted and not failed
                    else None,
                    "months": None if planted else p[4],
                    "planting_year": year - rng.randint(6, 25) if s == "year" else None,
                    "yield_kg": y or None,
                    "price": int(round(rng.uniform(*p[2]) * 100)),
                    "sold_kg": round(y * 0.9) if y else None,
                    "kept_kg": y - round(y * 0.9) if y else None,
                    "note": "น้ำท่วมนาเสียหายทั้งแปลง" if failed else "",
                },
            )
            _lines(ctx, rng, c, crop_code, max(1, round(plot.area_m2 / 1600)), equipment)
        growers.setdefault(code, []).append(h)
        if progress:
            progress(n + 1, len(chosen) + 2, "แปลงและรอบการผลิต")
    _enterprises(ctx, rng, tambon, vs, growers, year)


def _enterprises(ctx, rng, tambon, vs, growers, year):
    rice = farming.save_enterprise(
        ctx,
        tambon,
        {
            "name": "วิสาหกิจชุมชนนาข้าวบ้าน" + vs[0].name.replace("บ้าน", ""),
            "reg_no": f"{tambon.code}0001",
            "product": "rice_main",
            "village": vs[0],
            "registered_on": _dt.date(year - 3, 6, 15),
        },
    )
    fruit = farming.save_enterprise(
        ctx,
        tambon,
        {
            "name": "วิสาหกิจชุมชนกลุ่มผู้ปลูกมังคุดและส้มโอ",
            "reg_no": f"{tambon.code}0002",
            "product": "mangosteen",
            "registered_on": _dt.date(year - 2, 2, 1),
        },
    )
    training = farming.save_training(
        ctx,
        "อบรมการจัดทำบัญชีวิสาหกิจชุมชน",
        tambon=tambon,
        topic="bookkeeping",
        held_on=_dt.date(year, 5, 20),
        organiser="สำนักงานตรวจบัญชีสหกรณ์",
        hours=6,
    )
    for ent, members in (
        (rice, growers.get("rice_main", [])),
        (fruit, growers.get("mangosteen", []) + growers.get("pomelo", [])),
    ):
        for i, h in enumerate(members):
            farming.save_member(
                ctx,
                ent,
                h,
                shares=rng.randint(1, 10),
                share_value=100_00,
                role=("chair", "secretary", "treasurer")[i] if i < 3 else "member",
            )
            if i < 2:
                farming.add_participant(
                    ctx, training, enterprise=ent, household=h, name=h.head_name
                )
        share_in = accounts.category_by_code("ent_share_in")
        for m in farming.members_of(ent):
            if m.shares:  # the share capital paid in, on the member's own line
                accounts.add_entry(
                    ctx,
                    ent,
                    _dt.date(year, 1, 10),
                    share_in,
                    m.shares * m.share_value,
                    member=m.household,
                    confirmed=True,
                )
        for month in range(1, 13):
            day = _dt.date(year, month, 15)
            for code, lo, hi in (
                ("ent_sales", 8000, 30000),
                ("ent_purchase", 4000, 15000),
                ("ent_packing", 300, 1500),
            ):
                cat = accounts.category_by_code(code)
                accounts.add_entry(ctx, ent, day, cat, _b(rng, lo, hi), confirmed=True)
        if any(m.shares for m in farming.members_of(ent)):
            farming.pay_dividends(ctx, ent, _dt.date(year, 12, 28), _b(rng, 3000, 8000))
