"""Data builders shared by the plan tests: a district database whose averages are the seed's.

The seed: projects with the community's own means 3 per tambon, with local-government budgets
3.9 per tambon and 897,183.33 baht per tambon, with outside agencies' budgets 1.58 per tambon
and 2,671,250 baht per tambon; 19 projects worth 31,667,800 baht in the provincial plan of
fiscal year 2553.

Hand computation with 31 tambons (the smallest number for which both 3.9 and 1.58 come out
of "round half up to 2 decimals"):
  own:      93 projects (3 per tambon)                 93/31 = 3
  local:   121 projects (4 in 28 tambons, 3 in 3)     121/31 = 3.903… -> 3.90 -> "3.9"
           2,781,268,333 satang / 31 = 89,718,333.32… -> 89,718,333 = 897,183.33 baht
  outside:  49 projects (2 in 18 tambons, 1 in 13)     49/31 = 1.5806… -> 1.58
           8,280,875,015 satang / 31 = 267,125,000.48… -> 267,125,000 = 2,671,250.00 baht
  provincial plan: 19 outside projects, 18 × 1,666,700 + 1,667,200 = 31,667,800 baht
Noise that must not count: a dropped project, a project whose line is not approved yet, a
deleted project, a second own-means line on one project, a dropped provincial project.
"""

from __future__ import annotations

import datetime as _dt

import geothai

from tambon_desk.core.records import transaction
from tambon_desk.plan import projects as plan
from tambon_desk.registry import places as tambons

N_TAMBONS = 31
LOCAL_TOTAL = 2_781_268_333
OUTSIDE_TOTAL = 8_280_875_015
OWN_LINE = 500_000
PROV_AMOUNTS = [166_670_000] * 18 + [166_720_000]


def codes(n: int) -> list[str]:
    out = []
    for d in sorted(geothai.districts("80"), key=lambda d: d.code):
        out += sorted(s.code for s in geothai.subdistricts(d.code))
    return out[:n]


def split(total: int, n: int) -> list[int]:
    base, rem = divmod(total, n)
    return [base + (rem if i == 0 else 0) for i in range(n)]


def project(ctx, t, title, lines, fy=2553, status="funded", issue=None, **extra):
    values = {
        "tambon": t,
        "level": "tambon",
        "title": title,
        "fiscal_year": fy,
        "issue": issue,
        **extra,
    }
    return plan.save_project(ctx, values, lines, status=status, status_date=_dt.date(2009, 11, 1))


def build_seed_district(ctx) -> list:
    with transaction(ctx):
        ts = [tambons.add_tambon(ctx, c, [(1, "บ้านหนึ่ง")]) for c in codes(N_TAMBONS)]
        local = iter(split(LOCAL_TOTAL, 121))
        outside = iter(split(OUTSIDE_TOTAL, 49))
        prov = iter(PROV_AMOUNTS)
        for i, t in enumerate(ts):
            for k in range(3):
                lines = [{"channel": "own", "requested": OWN_LINE, "approved": OWN_LINE}]
                if i == 0 and k == 0:
                    lines.append({"channel": "own", "requested": 0, "approved": 0})
                project(ctx, t, f"ชุมชนทำเอง {k}", lines)
            for k in range(4 if i < 28 else 3):
                a = next(local)
                project(
                    ctx,
                    t,
                    f"งบ อปท. {k}",
                    [
                        {
                            "channel": "local_gov",
                            "organisation": "อบต.",
                            "requested": a,
                            "approved": a,
                        }
                    ],
                )
            for k in range(2 if i < 18 else 1):
                a = next(outside)
                chan = "outside_public" if k == 0 else "outside_private"
                p_amount = next(prov, None)
                extra = (
                    {"provincial": True, "provincial_fy": 2553, "provincial_amount": p_amount}
                    if p_amount is not None
                    else {}
                )
                project(
                    ctx,
                    t,
                    f"หน่วยงานภายนอก {k}",
                    [
                        {
                            "channel": chan,
                            "organisation": "กรมพัฒนาชุมชน",
                            "requested": a,
                            "approved": a,
                        }
                    ],
                    **extra,
                )
        t0 = ts[0]
        project(
            ctx,
            t0,
            "ยกเลิกแล้ว",
            [
                {
                    "channel": "local_gov",
                    "organisation": "อบต.",
                    "requested": 100_000,
                    "approved": 100_000,
                }
            ],
            status="dropped",
            provincial=True,
            provincial_fy=2553,
            provincial_amount=999_900,
        )
        project(
            ctx,
            t0,
            "รออนุมัติ",
            [
                {
                    "channel": "outside_public",
                    "organisation": "สสส.",
                    "requested": 100_000,
                    "approved": None,
                }
            ],
            status="proposed",
        )
        gone = project(
            ctx,
            t0,
            "ลบแล้ว",
            [
                {
                    "channel": "local_gov",
                    "organisation": "อบต.",
                    "requested": 100_000,
                    "approved": 100_000,
                }
            ],
        )
        plan.delete_project(ctx, gone)
    return ts
