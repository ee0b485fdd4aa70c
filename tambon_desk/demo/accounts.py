"""Demo account books: 14 months of plausible household books for part of each village.

The seed's pattern is reproduced: every village has a target (10 households), but only some
villages reach it; in the others a few households keep a book, and some stop after a few
months. Income follows the southern seasons — rubber is tapped less while the trees winter
(February–April) and in the heaviest rains (November–December); mangosteen, durian and
rambutan come in May–August — and expenses follow the calendar: lottery on the 1st and 16th,
school terms in May and November, merit-making at Songkran and Sat Duean Sip (October),
pump fuel in the dry months. Lines go in through the service's bulk path; debts through
`set_debt`. Deterministic from `rng`. It takes a few seconds, so it reports no progress of
its own (the households module's count is what the demo window shows).
"""

from __future__ import annotations

import calendar
import datetime as _dt

from .. import accounts
from ..db.models import Household, Village

# Villages' chance of reaching their target: most record little, a few record well.
VILLAGE_EAGERNESS = (0.1, 0.1, 0.1, 0.2, 0.2, 0.3, 0.5, 1.0)
RUBBER_MONTH = {
    1: 1.0,
    2: 0.4,
    3: 0.1,
    4: 0.3,
    5: 0.9,
    6: 1.0,
    7: 1.0,
    8: 1.0,
    9: 1.0,
    10: 0.9,
    11: 0.6,
    12: 0.6,
}
FRUIT_MONTHS = {5: 0.5, 6: 1.0, 7: 1.0, 8: 0.6}
DRY_MONTHS = (2, 3, 4)


def _months(today: _dt.date, n: int = 14) -> list[tuple[int, int]]:
    y, m = today.year, today.month
    out = []
    for _i in range(n):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append((y, m))
    return list(reversed(out))


def _baht(rng, low: float, high: float, step: int = 1) -> int:
    """A whole-baht (or step-baht) amount in satang."""
    return int(rng.uniform(low, high) / step) * step * 100


def _household_month(rng, prof: dict, y: int, m: int, last_day: int) -> list:
    """Lines (day, code, satang, note) of one household's month."""
    lines = []
    add = lambda d, code, amount, note="": lines.append((min(d, last_day), code, amount, note))  # noqa: E731
    if prof["rubber"]:
        for d in range(1, last_day + 1, rng.choice((2, 3, 4))):
            if rng.random() < RUBBER_MONTH[m]:
                add(d, "rubber", _baht(rng, 600, 1600) * prof["rubber"], "ขายน้ำยาง")
    if prof["fruit"] and m in FRUIT_MONTHS and rng.random() < FRUIT_MONTHS[m]:
        for _i in range(rng.randint(1, 3)):
            add(
                rng.randint(1, last_day),
                "fruit",
                _baht(rng, 3000, 15000, 10) * prof["fruit"],
                rng.choice(("มังคุด", "ทุเรียน", "เงาะ", "ลองกอง")),
            )
    if prof["wage"]:
        for d in range(1, last_day + 1, 7):
            if rng.random() < 0.8:
                add(d, "wage", _baht(rng, 1200, 2400, 10), "รับจ้างรายสัปดาห์")
    if prof["garden"]:
        for d in range(rng.randint(1, 6), last_day + 1, 7):
            add(d, rng.choice(("vegetable", "vegetable", "livestock")), _baht(rng, 150, 900, 10))
    if prof["elderly"]:
        add(10, "allowance", 60000 + 10000 * prof["elderly_extra"])
    if prof["remit"] and rng.random() < 0.7:
        add(rng.randint(1, 5), "remit", _baht(rng, 1000, 5000, 100), "ลูกส่งให้")
    if rng.random() < 0.9:
        add(1, "welfare", 30000)
    for d in range(1, last_day + 1):
        if rng.random() < 0.75:
            add(d, "food", _baht(rng, 80, 350))
        if prof["smoke"] and rng.random() < 0.5:
            add(d, "tobacco", _baht(rng, 30, 80))
        if prof["drink"] and rng.random() < 0.25:
            add(d, "alcohol", _baht(rng, 60, 250))
    if prof["lottery"]:
        for d in (1, 16):
            add(d, "lottery", _baht(rng, 80, 600, 40))
    add(5, "power", _baht(rng, 300, 1200))
    add(5, "water_fee", _baht(rng, 60, 250))
    add(12, "phone", rng.choice((29900, 39900, 59900)))
    add(rng.randint(1, last_day), "travel", _baht(rng, 200, 800))
    if rng.random() < 0.4:
        add(rng.randint(1, last_day), "goods", _baht(rng, 200, 2000))
    if m in (5, 11) and prof["children"]:
        add(rng.randint(1, 15), "school", _baht(rng, 1500, 6000, 10) * prof["children"])
    if rng.random() < 0.15:
        add(rng.randint(1, last_day), "health", _baht(rng, 100, 3000))
    merit = 4 if m in (4, 10) else 1
    if rng.random() < 0.6 * merit:
        add(rng.randint(1, last_day), "merit", _baht(rng, 100, 500, 10) * merit)
    if prof["rubber"] and m in (5, 10):
        add(rng.randint(1, last_day), "fert", _baht(rng, 3000, 12000, 50) * prof["rubber"])
    if prof["fruit"]:
        if m in DRY_MONTHS:
            for _i in range(rng.randint(2, 5)):
                add(rng.randint(1, last_day), "pump_fuel", _baht(rng, 150, 600), "สูบน้ำรดสวน")
        if m in (3, 9):
            add(rng.randint(1, last_day), "chem", _baht(rng, 800, 4000, 10))
        if m in FRUIT_MONTHS:
            add(rng.randint(1, last_day), "labour", _baht(rng, 1500, 6000, 50), "จ้างเก็บผลไม้")
    if prof["rubber"] and rng.random() < 0.3:
        add(rng.randint(1, last_day), "fuel", _baht(rng, 200, 800))
    if prof["debt"]:
        add(15, prof["lender"], prof["repay"])
    if prof["saver"]:
        add(rng.randint(1, 10), "save_group", rng.choice((10000, 20000, 50000, 100000)))
    return lines


def _profile(rng) -> dict:
    debt = rng.random() < 0.7
    prof = {
        "rubber": rng.choice((0, 1, 1, 1, 2)),
        "fruit": rng.choice((0, 0, 1, 1, 2)),
        "wage": rng.random() < 0.3,
        "elderly": rng.random() < 0.5,
        "elderly_extra": rng.randint(0, 2),
        "remit": rng.random() < 0.35,
        "smoke": rng.random() < 0.4,
        "drink": rng.random() < 0.35,
        "lottery": rng.random() < 0.5,
        "children": rng.choice((0, 0, 1, 1, 2)),
        "debt": debt,
        "debt_amount": _baht(rng, 20000, 300000, 1000) if debt else 0,
        "lender": rng.choice(("debt_baac", "debt_baac", "debt_fund", "debt_other")),
        "repay": _baht(rng, 500, 4000, 100),
        "saver": rng.random() < 0.55,
        "garden": rng.random() < 0.3,
    }
    if not (prof["rubber"] or prof["fruit"]):  # every family earns a living somehow
        prof["wage"] = True
    return prof


def build(ctx, rng, progress=None, today: _dt.date | None = None) -> None:
    """Account books for a share of each village's households (see the module doc)."""
    today = today or _dt.date.today()
    months = _months(today)
    villages = list(Village.alive().order_by(Village.tambon, Village.moo))
    rows, debts = [], []
    for v in villages:
        homes = list(
            Household.alive()
            .where((Household.village == v) & (Household.status == "active"))
            .order_by(Household.house_no, Household.id)
        )
        eager = rng.choice(VILLAGE_EAGERNESS)
        n = min(len(homes), max(1, round(v.account_target * eager)))
        for h in rng.sample(homes, n):
            prof = _profile(rng)
            # Eager villages keep going; in the others some books stop after a few months.
            stop = len(months) if rng.random() < 0.4 + 0.6 * eager else rng.randint(3, 10)
            start = 0 if rng.random() < 0.8 else rng.randint(1, 3)
            debt = prof["debt_amount"]
            for y, m in months[start:stop]:
                last = calendar.monthrange(y, m)[1]
                for day, code, amount, note in _household_month(rng, prof, y, m, last):
                    rows.append((h.id, _dt.date(y, m, day), code, amount, note))
                if prof["debt"]:
                    debt = max(
                        0,
                        debt
                        - prof["repay"]
                        + (rng.choice((0, 0, 0, 1)) * _baht(rng, 1000, 20000, 500)),
                    )
                    debts.append((h, y, m, debt))
    result = accounts.add_entries_bulk(ctx, rows, source="demo", today=today)
    if result.errors:  # a bug in this generator, never the user's
        raise RuntimeError(f"demo account lines refused: {result.errors[:3]}")
    with ctx.db.atomic():
        for h, y, m, amount in debts:
            accounts.set_debt(ctx, h, y, m, amount)
