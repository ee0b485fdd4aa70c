"""Funding summary for a province: 165 tambons, 20,000 projects (issue 6).

Prints `BENCH province_funding_ms` (median of 7 runs of plan_summary.funding_summary over the
province, the query behind the plan-funding report and the district/province table). The data
is generated straight into the tables (the scale generator is not the product path).
Run: python benchmarks/plan.py [--quick]
"""

import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import geothai  # noqa: E402
from _scale import bench_base, insert_chunked, median_ms  # noqa: E402

from tambon_desk.db import open_database
from tambon_desk.db.base import new_id
from tambon_desk.db.models import FundingLine, Project, Tambon
from tambon_desk.plan import CHANNELS, STATUSES
from tambon_desk.plan import summary as plan_summary
from tambon_desk.thai import thai_sort_key


def build(path, n_tambons, n_projects, rng):
    db = open_database(path)
    base = bench_base()
    subs = [s for d in geothai.districts("80") for s in geothai.subdistricts(d.code)]
    ts = []
    for s in subs[:n_tambons]:
        d = geothai.district(s.district_code)
        ts.append(
            Tambon.create(
                code=s.code,
                name_th=s.name_th,
                district_code=d.code,
                district_th=d.name_th,
                province_code="80",
                province_th="นครศรีธรรมราช",
                **base,
            )
        )
    projects, lines = [], []
    chans, statuses = list(CHANNELS), list(STATUSES)
    for i in range(n_projects):
        pid = new_id()
        title = f"โครงการ {i}"
        prov = rng.random() < 0.1
        projects.append(
            dict(
                id=pid,
                tambon=rng.choice(ts).id,
                level="tambon",
                title=title,
                fiscal_year=rng.choice([2567, 2568, 2569]),
                status=rng.choice(statuses),
                sort_key=thai_sort_key(title),
                search_text=title,
                provincial=prov,
                provincial_fy=2569 if prov else None,
                provincial_amount=rng.randint(1, 10**8) if prov else None,
                **base,
            )
        )
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            req = rng.randint(0, 5 * 10**8)
            lines.append(
                dict(
                    id=new_id(),
                    project=pid,
                    channel=rng.choice(chans),
                    requested=req,
                    approved=rng.choice([None, req, req // 2]),
                    **base,
                )
            )
    with db.atomic():
        insert_chunked(Project, projects)
        insert_chunked(FundingLine, lines)
    db.execute_sql("ANALYZE")
    return db, len(lines)


def main():
    quick = "--quick" in sys.argv
    n_t, n_p = (40, 4000) if quick else (165, 20000)
    with tempfile.TemporaryDirectory() as tmp:
        _db, n_lines = build(Path(tmp) / "bench.db", n_t, n_p, random.Random(1))
        s = plan_summary.funding_summary(province_code="80")
        assert s.n_tambons == n_t
        ms = median_ms(lambda: plan_summary.funding_summary(province_code="80"))
        print(f"# {n_t} tambons, {n_p} projects, {n_lines} funding lines")
        print(f"BENCH province_funding_ms {ms:.1f} ms target <= 500")
        ms = median_ms(lambda: plan_summary.provincial_summary(province_code="80"))
        print(f"BENCH province_provincial_plan_ms {ms:.1f} ms target <= 500")


if __name__ == "__main__":
    main()
