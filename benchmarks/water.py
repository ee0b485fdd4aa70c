"""Water balance at scale: one tambon of 20 villages, 400 sources and 5,000 crop plots, and a
district of 15 such tambons (a district office after USB merges).

Prints BENCH lines (ARCHITECTURE.md, "Benchmarks"). The data is generated straight into the tables (the scale
generator is not the product path); each tambon also has 2,000 households of 4 people, so
the domestic demand is counted from a registry of realistic size. "Plots" are crop-area
rows (crop, rai, months), the water account's view of the fields.
Run: python benchmarks/water.py [--quick]
"""

import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale import bench_base, insert_chunked, median_ms, tambon_with_villages  # noqa: E402

from tambon_desk import water
from tambon_desk.db import open_database
from tambon_desk.db.base import new_id
from tambon_desk.db.models import CropArea, Household, Livestock, Person, Rainfall, WaterSource
from tambon_desk.registry import places as tambons

CROPS = ["rice", "maize", "vegetables", "chili", "banana", "citrus", "peanut"]


def _insert(db, model, rows):
    with db.atomic():
        insert_chunked(model, rows)


def build_tambon(db, code, rng, base, households=2000):
    t, vs = tambon_with_villages(code, base)
    _insert(
        db,
        Rainfall,
        [
            dict(id=new_id(), tambon=t.id, year=2026, month=m, mm=mm, **base)
            for m, mm in enumerate((180, 70, 80, 90, 160, 130, 140, 140, 170, 320, 620, 400), 1)
        ],
    )
    hh, people = [], []
    for i in range(households):
        hid = new_id()
        hh.append(dict(id=hid, village=vs[i % 20].id, house_no=str(i), **base))
        people += [dict(id=new_id(), household=hid, first_name=f"ค{j}", **base) for j in range(4)]
    _insert(db, Household, hh)
    _insert(db, Person, people)
    src = []
    for i in range(400):
        v = vs[i % 20].id
        if i % 3:
            src.append(
                dict(
                    id=new_id(),
                    village=v,
                    name=f"สระ {i}",
                    kind="pond",
                    area_m2=rng.choice((800, 1600, 3200)),
                    depth_m=rng.choice((2, 3)),
                    usable_share=0.7,
                    dry_months=rng.choice(("", "4", "3,4")),
                    catchment_m2=10000,
                    runoff_coef=0.3,
                    **base,
                )
            )
        else:
            src.append(
                dict(
                    id=new_id(),
                    village=v,
                    name=f"บ่อ {i}",
                    kind="deep_well",
                    yield_m3_h=rng.choice((2, 4)),
                    **base,
                )
            )
    _insert(db, WaterSource, src)
    _insert(
        db,
        Livestock,
        [
            dict(id=new_id(), village=v.id, kind=k, head=rng.randint(0, 200), **base)
            for v in vs
            for k in ("cattle", "pig", "poultry")
        ],
    )
    plots = []
    for i in range(5000):
        start = rng.randint(1, 12)
        plots.append(
            dict(
                id=new_id(),
                village=vs[i % 20].id,
                crop=rng.choice(CROPS),
                area_rai=round(rng.uniform(1, 15), 1),
                months=",".join(str((start + k - 1) % 12 + 1) for k in range(4)),
                **base,
            )
        )
    _insert(db, CropArea, plots)
    return t


def main():
    quick = "--quick" in sys.argv
    n_tambons = 3 if quick else 15
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        base = bench_base()
        ts = [build_tambon(db, f"8001{i + 1:02d}", rng, base) for i in range(n_tambons)]
        one_ms = median_ms(lambda: water.tambon_balance(ts[0], 2569), 7)
        district = (
            median_ms(lambda: [water.tambon_balance(t, 2569) for t in tambons.tambons()], 3) / 1000
        )
        deficits = sum(len(water.tambon_balance(t, 2569)[0].deficit_months) for t in ts)
        print(f"BENCH water_tambons {n_tambons} count")
        print(f"BENCH water_deficit_months {deficits} count")
        print(f"BENCH tambon_balance_ms {one_ms:.1f} ms target <= 200")
        print(f"BENCH district_balance_s {district:.2f} s target <= 2")


if __name__ == "__main__":
    main()
