"""Account books at province scale: 6,150 households keeping a book for a whole fiscal year,
about 3 lines a day each (about 6.7 million lines).

Prints BENCH lines (ARCHITECTURE.md, "Benchmarks"):
  import_ratio              rate of the service's bulk path (`accounts.add_entries_bulk`, the
                            one `load accounts` and bundle import use) fed already-parsed rows
                            (household id, date, category code, satang, note), over the rate of
                            raw sqlite3 executemany of the same rows (complete tuples built
                            beforehand) into an identical database; same chunks, alternated
  village_month_ms          one village's month summary (median)
  tambon_fy_ms              one tambon's fiscal-year summary, villages and months (median)
  province_participation_s  participation of all 615 villages by month for the year
  peak_mb                   peak resident memory of this process
The households, villages and tambons are generated straight into the tables (setup, not
measured). Run: python benchmarks/accounts.py [--quick]   (--quick: a tenth of the scale; for study,
--keep DIR keeps the databases and --no-raw skips the baseline)
"""

import datetime as dt
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tambon_desk import accounts
from tambon_desk.core.context import Context
from tambon_desk.db import migrations, open_database
from tambon_desk.db.base import new_id, utcnow
from tambon_desk.db.database import PRAGMAS, make_database
from tambon_desk.db.models import User

FY = 2569
VILLAGES_PER_TAMBON = 10
HOUSEHOLDS_PER_VILLAGE = 10
LINES_PER_DAY = 3
CODES = (
    ["food"] * 8
    + ["rubber"] * 2
    + [
        "fruit",
        "power",
        "water_fee",
        "travel",
        "goods",
        "lottery",
        "tobacco",
        "alcohol",
        "merit",
        "fert",
        "pump_fuel",
        "save_group",
        "debt_baac",
        "wage",
    ]
)


def setup(path, villages, rng):
    """Tambons, villages and households written directly (both databases get the same ids)."""
    now = utcnow()
    tambons, vs, hs = [], [], []
    for t in range(-(-villages // VILLAGES_PER_TAMBON)):
        tid = new_id()
        tambons.append(
            (
                tid,
                now,
                now,
                f"80{t + 1:04d}",
                f"ตำบล{t + 1}",
                "",
                "8001",
                "เมือง",
                "",
                "80",
                "นครศรีธรรมราช",
                "",
            )
        )
        for moo in range(1, min(VILLAGES_PER_TAMBON, villages - t * VILLAGES_PER_TAMBON) + 1):
            vid = new_id()
            vs.append((vid, now, now, tid, moo, f"บ้าน{moo}", HOUSEHOLDS_PER_VILLAGE))
            for k in range(HOUSEHOLDS_PER_VILLAGE):
                hs.append(
                    (new_id(), now, now, vid, str(k + 1), "active", "", f"ครัวเรือน {k}", "", "", 4)
                )
    return tambons, vs, hs


def write_setup(con, tambons, vs, hs):
    con.executemany(
        "INSERT INTO tambon (id, created_at, updated_at, code, name_th, name_en, "
        "district_code, district_th, district_en, province_code, province_th, "
        "province_en) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        tambons,
    )
    con.executemany(
        "INSERT INTO village (id, created_at, updated_at, tambon_id, moo, name, "
        "account_target) VALUES (?,?,?,?,?,?,?)",
        vs,
    )
    con.executemany(
        "INSERT INTO household (id, created_at, updated_at, village_id, house_no, "
        "status, note, head_name, sort_key, search_text, member_count) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        hs,
    )


def chunk_rows(households, days, rng):
    """Parsed rows (household id, date, code, satang, note) of some households for a year."""
    rows = []
    for hid in households:
        for d in days:
            for _i in range(LINES_PER_DAY):
                rows.append(
                    (
                        hid,
                        d,
                        rng.choice(CODES),
                        rng.randrange(2000, 300000, 25),
                        "" if rng.random() < 0.9 else "ตลาดนัด",
                    )
                )
    return rows


def median_ms(fn, args_list):
    times = []
    for args in args_list:
        t0 = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    quick = "--quick" in sys.argv
    n_villages = 62 if quick else 615
    rng = random.Random(4)
    start, end = dt.date(FY - 544, 10, 1), dt.date(FY - 543, 9, 30)
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    no_raw = "--no-raw" in sys.argv  # development: skip the baseline database
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(keep) if keep else Path(tmp)
        tmp.mkdir(parents=True, exist_ok=True)
        db = open_database(tmp / "service.db")
        ctx = Context(db=db, db_path=tmp / "service.db")
        raw_db = make_database(tmp / "raw.db")
        raw_db.connect()
        migrations.migrate(raw_db)
        raw_db.close()
        tambons, vs, hs = setup(None, n_villages, rng)
        with db.atomic():
            write_setup(db.connection(), tambons, vs, hs)
            now = utcnow()
            User.insert(
                id=new_id(),
                created_at=now,
                updated_at=now,
                username="bench",
                role="clerk",
                password_hash="x",
            ).execute()
        ctx.user = User.get(User.username == "bench")
        raw = sqlite3.connect(tmp / "raw.db", isolation_level=None)
        for k, v in PRAGMAS.items():
            raw.execute(f"PRAGMA {k}={v}")
        raw.execute("BEGIN")
        write_setup(raw, tambons, vs, hs)
        raw.execute("COMMIT")
        cat_ids = {c.code: c.id for c in accounts.categories()}
        by_village = {}
        for h in hs:
            by_village.setdefault(h[3], []).append(h[0])
        village_ids = [v[0] for v in vs]
        t_raw = t_bulk = 0.0
        lines = 0
        insert = (
            "INSERT INTO ledger_entry (id, created_at, updated_at, updated_by, deleted_at, "
            "household_id, date, category_id, amount, note) VALUES (?,?,?,?,NULL,?,?,?,?,?)"
        )
        for i in range(0, len(village_ids), VILLAGES_PER_TAMBON):
            homes = [h for vid in village_ids[i : i + VILLAGES_PER_TAMBON] for h in by_village[vid]]
            rows = chunk_rows(homes, days, rng)
            now = utcnow()
            full = [
                (os.urandom(16).hex(), now, now, "bench", h, d.isoformat(), cat_ids[c], a, n)
                for h, d, c, a, n in rows
            ]

            def run_raw():
                raw.execute("BEGIN IMMEDIATE")
                raw.executemany(insert, full)
                raw.execute("COMMIT")

            def run_bulk():
                res = accounts.add_entries_bulk(ctx, rows, source="bench")
                assert not res.errors, res.errors[:3]

            order = (run_raw, run_bulk) if (i // VILLAGES_PER_TAMBON) % 2 else (run_bulk, run_raw)
            if no_raw:
                order = (run_bulk,)
                t_raw = 1.0
            for fn in order:
                t0 = time.perf_counter()
                fn()
                took = time.perf_counter() - t0
                if fn is run_raw:
                    t_raw += took
                else:
                    t_bulk += took
            lines += len(rows)
            print(
                f"  {lines:,} lines; raw {lines / max(t_raw, 1e-9):,.0f}/s, "
                f"bulk {lines / t_bulk:,.0f}/s",
                file=sys.stderr,
                flush=True,
            )
        raw.close()
        print(f"# {lines:,} lines, {len(hs):,} households, {n_villages} villages", flush=True)
        if not no_raw:
            print(f"BENCH import_ratio {t_raw / t_bulk:.2f} ratio target >= 0.5", flush=True)
        db.execute_sql("ANALYZE")
        from tambon_desk.db.models import Tambon, Village

        villages = list(Village.select())
        picks = [
            (rng.choice(villages), *accounts.period(month=(d.year, d.month))[:2])
            for d in rng.sample(days, 30)
        ]
        print(
            f"BENCH village_month_ms {median_ms(accounts.village_summary, picks):.1f} ms "
            f"target <= 50",
            flush=True,
        )
        ts = list(Tambon.select())
        picks = [(t, start, end) for t in rng.sample(ts, min(7, len(ts)))]
        print(
            f"BENCH tambon_fy_ms {median_ms(accounts.tambon_summary, picks):.1f} ms target <= 300",
            flush=True,
        )
        s = median_ms(accounts.participation, [(start, end)] * 3) / 1000
        print(f"BENCH province_participation_s {s:.2f} s target <= 3", flush=True)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"BENCH peak_mb {peak:.0f} MB target <= 2048", flush=True)
        db.close()


if __name__ == "__main__":
    main()
