"""USB hand-over at tambon scale: export, verify and import times; a 20-tambon district merge.

Scale (issue 7): a tambon of 20 villages and 2,000 households (4 people each), and — when
the account-book tables are in the registry — a year of account books: the 10 households
per village the project targets, 25 lines a month each (60,000 ledger lines). Data is
generated straight into the tables (the generator is not the product path); export,
verify and import go through the product's services.

Prints BENCH lines (ARCHITECTURE.md, "Benchmarks"). Run: python benchmarks/exchange.py [--quick]
"""

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale import bench_base, insert_chunked, tambon_with_villages  # noqa: E402

from tambon_desk import exchange
from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.db import models as M
from tambon_desk.db import open_database
from tambon_desk.db.base import database_proxy, new_id
from tambon_desk.thai import random_citizen_id, thai_sort_key

FIRST = ["สมชาย", "สมหญิง", "ประยุทธ", "อำนาจ", "น้ำฝน", "อรุณี", "เกรียงไกร", "ทองดี", "มาลี"]
LAST = ["ใจดี", "ศรีสุข", "แก้วมณี", "ทองคำ", "บุญมา", "รักษ์ไทย", "พรหมคีรี", "ชูช่วย"]


def new_pc(path: Path, user="admin"):
    db = open_database(path)
    ctx = Context(db=db, db_path=path)
    ctx.user = auth.create_user(ctx, user, "bench-pass", "admin", bootstrap=True)
    return ctx


def build_tambon(ctx, code, n_households, rng):
    base = bench_base()
    with ctx.db.atomic():
        _t, villages = tambon_with_villages(code, base)
        hh, people = [], []
        for i in range(n_households):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            hid = new_id()
            hh.append(
                dict(
                    id=hid,
                    village=villages[i % 20].id,
                    house_no=f"{i + 1}",
                    head_name=name,
                    sort_key=thai_sort_key(name),
                    search_text=f"{i + 1} {name}",
                    member_count=4,
                    **base,
                )
            )
            for j in range(4):
                people.append(
                    dict(
                        id=new_id(),
                        household=hid,
                        first_name=rng.choice(FIRST),
                        last_name=rng.choice(LAST),
                        citizen_id=random_citizen_id(rng),
                        relation="head" if j == 0 else "child",
                        order=j,
                        **base,
                    )
                )
        insert_chunked(M.Household, hh, size=400)
        insert_chunked(M.Person, people, size=400)
        ledger = _ledger(hh, rng, base)
    return ledger


def _ledger(hh, rng, base):
    """A year of account books when the accounts area's tables are registered."""
    Entry, Category = getattr(M, "LedgerEntry", None), getattr(M, "AccountCategory", None)
    if Entry is None or Category is None:
        return 0
    cats = list(Category.select())
    if not cats:
        cats = [
            Category.create(code=f"B{i}", name_th=f"หมวด{i}", group="household", **base)
            for i in range(10)
        ]
    keepers = hh[::10]  # 10 book-keeping households per 100 → 10 per village
    rows = []
    for h in keepers:
        for month in range(1, 13):
            for _ in range(25):
                rows.append(
                    dict(
                        id=new_id(),
                        household=h["id"],
                        category=rng.choice(cats).id,
                        date=dt.date(2026, month, rng.randint(1, 28)),
                        amount=rng.randint(100, 500000),
                        **base,
                    )
                )
    insert_chunked(Entry, rows, size=400)
    return len(rows)


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main():
    quick = "--quick" in sys.argv
    n = 200 if quick else 2000
    n_district = 3 if quick else 20
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        stick = tmp / "stick"
        stick.mkdir()
        a = new_pc(tmp / "a" / "tambon.db")
        lines = build_tambon(a, "800101", n, rng)
        exp = [
            timed(lambda: exchange.export_bundle(a, stick, now=dt.datetime(2026, 1, 1, 0, i)))
            for i in range(3)
        ]
        export_s = statistics.median(t for t, _ in exp)
        path = exp[0][1].path
        verify_s = statistics.median(timed(lambda: exchange.verify(path))[0] for _ in range(3))
        imports = []
        for i in range(3):
            b = new_pc(tmp / f"b{i}" / "tambon.db")
            imports.append(timed(lambda: exchange.import_bundle(b, path))[0])
            b.db.close()
        import_s = statistics.median(imports)
        a.db.close()
        print(f"BENCH bundle_households {n} count")
        print(f"BENCH bundle_ledger_lines {lines} count")
        print(f"BENCH bundle_mb {path.stat().st_size / 1e6:.1f} MB")
        print(f"BENCH export_s {export_s:.2f} s target <= 5")
        print(f"BENCH verify_s {verify_s:.2f} s target <= 5")
        print(f"BENCH import_s {import_s:.2f} s target <= 5")

        bundles = []
        for k in range(n_district):
            pc = new_pc(tmp / f"t{k}" / "tambon.db")
            build_tambon(pc, f"8001{k + 10:02d}", n, rng)
            out = tmp / f"s{k}"
            out.mkdir()
            bundles.append(exchange.export_bundle(pc, out).path)
            pc.db.close()
        district = new_pc(tmp / "district" / "tambon.db")
        database_proxy.initialize(district.db)
        merge_s, _ = timed(lambda: exchange.import_bundles(district, bundles))
        print(f"BENCH district_tambons {n_district} count")
        print(f"BENCH district_merge_s {merge_s:.1f} s target <= 120")


if __name__ == "__main__":
    main()
