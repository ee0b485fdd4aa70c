"""A province on the hub (issue 17): 165 tambon bundles merged by 4 parallel importers into
PostgreSQL, the province dashboard's figures, search-as-you-type over every household; and
the same merge and figures on SQLite, for the ratio.

Scale (full, the default): Nakhon Si Thammarat's 165 tambons of 12 villages and about 3,030
households (2 people each) — about 500,000 households — with the account books of 10
households per village, 28 lines a month for a year: about 6.7 million ledger lines. Each
tambon also has projects with funding lines, rainfall and water sources. Tambon files are
generated straight into the tables (the generator is not the product path); every bundle is
then made by `exchange.export_bundle` and merged by `exchange.import_bundle`.

The server: `--db postgresql://…`, else the standard PG* variables (a new database is
created there and dropped at the end), else a temporary cluster started here (as CI does;
as root it runs as `nobody`, with `shared_buffers=2GB`: the merge looks up every incoming
record in indexes of several GB, and a hub of this size is given a quarter of its memory, see
README). A server named by `--db` is used as it is configured. Bundles are kept in
`--work DIR` when given, so a second run skips generating them.

Prints BENCH lines. Run: python benchmarks/province.py [--quick] [--tambons N] [--work DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tambon_desk import exchange, province, registry  # noqa: E402
from tambon_desk.core import auth  # noqa: E402
from tambon_desk.core.context import Context  # noqa: E402
from tambon_desk.db import close_database, open_database  # noqa: E402
from tambon_desk.db.base import utcnow  # noqa: E402
from tambon_desk.thai import thai_sort_key  # noqa: E402

FIRST = [
    "สมชาย",
    "สมหญิง",
    "ประยุทธ",
    "อำนาจ",
    "น้ำฝน",
    "อรุณี",
    "เกรียงไกร",
    "ทองดี",
    "มาลี",
    "วิไล",
    "บุญส่ง",
    "จันทร์เพ็ญ",
    "สุนทร",
    "ปราณี",
    "ชัยวัฒน์",
    "กาญจนา",
]
LAST = [
    "ใจดี",
    "ศรีสุข",
    "แก้วมณี",
    "ทองคำ",
    "บุญมา",
    "รักษ์ไทย",
    "พรหมคีรี",
    "ชูช่วย",
    "เพชรรัตน์",
    "สุวรรณ",
    "นาคสุข",
    "ขุนทอง",
]
DISTRICTS = 23
MONTH = "2026-06"
YEAR = 2026
CHANNELS = ("own", "local_gov", "outside_public", "outside_private", "other")


def hexid() -> str:
    return uuid.uuid4().hex


# --- one tambon PC, its data, its bundle ----------------------------------------------------


def build_bundle(args) -> str:
    """Make tambon `k`'s database in a scratch folder and export its bundle to `out`."""
    k, out, villages, households, people, lines_per_month, keepers, seed = args
    rng = random.Random(seed + k)
    district = k % DISTRICTS
    code = f"80{district + 1:02d}{k // DISTRICTS + 1:02d}"
    with tempfile.TemporaryDirectory(prefix="prov-") as tmp:
        path = Path(tmp) / "tambon.db"
        db = open_database(path)
        ctx = Context(db=db, db_path=path)
        ctx.user = auth.create_user(ctx, "admin", "bench-pass", "admin", bootstrap=True)
        _fill(db, k, code, district, rng, villages, households, people, lines_per_month, keepers)
        result = exchange.export_bundle(ctx, out, now=dt.datetime(2026, 7, 1, 8, k % 60))
        close_database()
        return str(result.path)


def _fill(db, k, code, district, rng, n_villages, n_households, people, lines_per_month, keepers):
    now = utcnow()
    base = (now, now, "bench", None)
    con = db.connection()
    cats = [r[0] for r in con.execute("SELECT id FROM account_category")]
    rows = lambda sql, data: con.executemany(sql, data)  # noqa: E731
    with db.atomic():
        tid = hexid()
        rows(
            "INSERT INTO tambon (id, created_at, updated_at, updated_by, deleted_at, code, "
            "name_th, name_en, district_code, district_th, district_en, province_code, "
            "province_th, province_en) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    tid,
                    *base,
                    code,
                    f"ตำบลที่ {k + 1}",
                    "",
                    code[:4],
                    f"อำเภอที่ {district + 1}",
                    "",
                    "80",
                    "นครศรีธรรมราช",
                    "",
                )
            ],
        )
        vids = [hexid() for _ in range(n_villages)]
        rows(
            "INSERT INTO village (id, created_at, updated_at, updated_by, deleted_at, tambon_id,"
            " moo, name, account_target) VALUES (?,?,?,?,?,?,?,?,?)",
            [(v, *base, tid, i + 1, f"บ้านหมู่ {i + 1}", 10) for i, v in enumerate(vids)],
        )
        hh, persons, keeping = [], [], []
        for i in range(n_households):
            v = i % n_villages
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name = f"{first} {last}"
            hid = hexid()
            cid = f"{rng.randrange(10**12, 10**13)}"
            hh.append(
                (
                    hid,
                    *base,
                    vids[v],
                    f"{i // n_villages + 1}",
                    None,
                    None,
                    "active",
                    "",
                    name,
                    thai_sort_key(name),
                    f"{i // n_villages + 1} {name} {cid}".lower(),
                    people,
                )
            )
            for j in range(people):
                persons.append(
                    (
                        hexid(),
                        *base,
                        hid,
                        "",
                        first if j == 0 else rng.choice(FIRST),
                        last,
                        cid if j == 0 else None,
                        "",
                        None,
                        "head" if j == 0 else "spouse",
                        "",
                        "",
                        "",
                        j,
                    )
                )
            if i // n_villages < keepers:
                keeping.append(hid)
        rows(
            "INSERT INTO household (id, created_at, updated_at, updated_by, deleted_at, "
            "village_id, house_no, lat, lon, status, note, head_name, sort_key, search_text, "
            "member_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            hh,
        )
        rows(
            "INSERT INTO person (id, created_at, updated_at, updated_by, deleted_at, "
            "household_id, title, first_name, last_name, citizen_id, sex, birth_date, "
            "relation, education, occupation, phone, \"order\") "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            persons,
        )
        ledger = []
        for hid in keeping:
            for month in range(1, 13):
                for _ in range(lines_per_month):
                    ledger.append(
                        (
                            hexid(),
                            *base,
                            hid,
                            f"{YEAR}-{month:02d}-{rng.randint(1, 28):02d}",
                            rng.choice(cats),
                            rng.randint(100, 500000),
                            "",
                        )
                    )
            if len(ledger) > 50000:
                _ledger(rows, ledger)
                ledger = []
        _ledger(rows, ledger)
        projects, funding = [], []
        for p in range(24):
            pid = hexid()
            title = f"โครงการที่ {p + 1} ตำบล {k + 1}"
            provincial = p % 6 == 0
            projects.append(
                (
                    pid,
                    *base,
                    tid,
                    vids[p % n_villages],
                    "village",
                    None,
                    title,
                    "",
                    2569,
                    "funded",
                    None,
                    "",
                    None,
                    None,
                    "",
                    "",
                    5_000_000,
                    provincial,
                    2570 if provincial else None,
                    5_000_000 if provincial else None,
                    "",
                    thai_sort_key(title),
                    title,
                )
            )
            funding.append(
                (
                    hexid(),
                    *base,
                    pid,
                    CHANNELS[p % len(CHANNELS)],
                    "",
                    None,
                    5_000_000,
                    4_000_000 + 1000 * p,
                    None,
                    "",
                    0,
                )
            )
        rows(
            "INSERT INTO project (id, created_at, updated_at, updated_by, deleted_at, "
            "tambon_id, village_id, level, issue_id, title, objective, fiscal_year, status, "
            "status_date, responsible, start_date, end_date, results, indicators, budget, "
            "provincial, provincial_fy, provincial_amount, note, sort_key, search_text) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            projects,
        )
        rows(
            "INSERT INTO funding_line (id, created_at, updated_at, updated_by, deleted_at, "
            "project_id, channel, organisation, partner_id, requested, approved, date, note, "
            "\"order\") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            funding,
        )
        rows(
            "INSERT INTO rainfall (id, created_at, updated_at, updated_by, deleted_at, "
            "tambon_id, year, month, mm) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    hexid(),
                    *base,
                    tid,
                    YEAR,
                    m,
                    [60, 40, 30, 80, 180, 120, 130, 140, 200, 310, 420, 250][m - 1]
                    * rng.uniform(0.6, 1.3),
                )
                for m in range(1, 13)
            ],
        )
        rows(
            "INSERT INTO water_source (id, created_at, updated_at, updated_by, deleted_at, "
            "village_id, name, kind, area_m2, depth_m, capacity_m3, usable_share, dry_months, "
            "manager, condition, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    hexid(),
                    *base,
                    v,
                    f"สระหมู่ {i + 1}",
                    "pond",
                    2000.0 * rng.uniform(0.5, 3),
                    3.0,
                    None,
                    0.8,
                    "",
                    "",
                    "good",
                    "",
                )
                for i, v in enumerate(vids)
            ],
        )


def _ledger(rows, ledger):
    if ledger:
        rows(
            "INSERT INTO ledger_entry (id, created_at, updated_at, updated_by, deleted_at, "
            "household_id, date, category_id, amount, note) VALUES (?,?,?,?,?,?,?,?,?,?)",
            ledger,
        )


# --- the hub: which server ------------------------------------------------------------------


class Server:
    """A PostgreSQL database for the run: given, made on the PG* server, or a temporary
    cluster of our own."""

    def __init__(self, url: str | None):
        self.url, self.cluster, self.made = url, None, None
        if url:
            return
        if os.environ.get("PGHOST") or os.environ.get("PGSERVICE") or os.environ.get("PGPORT"):
            self.made = f"td_bench_{os.getpid()}"
            subprocess.run(
                [
                    "createdb",
                    "-T",
                    "template0",
                    "-E",
                    "UTF8",
                    "--lc-collate=C",
                    "--lc-ctype=C.UTF-8",  # pg_trgm reads Thai letters as letters
                    self.made,
                ],
                check=True,
            )
            self.url = f"postgresql:///{self.made}"
            return
        self._start_cluster()

    def _start_cluster(self):
        folder = Path(tempfile.mkdtemp(prefix="td-pg-"))
        run_as = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        if run_as:
            shutil.chown(folder, "nobody")
        bindir = _pg_bindir()
        data = folder / "data"
        subprocess.run(
            run_as
            + [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port = 55000 + os.getpid() % 1000
        subprocess.run(
            run_as
            + [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(folder / "log"),
                "-o",
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 "
                "-c shared_buffers=2GB -c max_wal_size=8GB -c work_mem=16MB "
                "-c synchronous_commit=off",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [
                "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "-T",
                "template0",
                "--lc-collate=C",
                "--lc-ctype=C.UTF-8",
                "tambon",
            ],
            check=True,
        )
        self.cluster = (run_as, bindir, data, folder)
        self.url = f"postgresql://postgres@127.0.0.1:{port}/tambon"

    def stop(self):
        close_database()
        if self.made:
            subprocess.run(["dropdb", "--force", self.made], check=False)
        if self.cluster:
            run_as, bindir, data, folder = self.cluster
            subprocess.run(
                run_as + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                check=False,
                stdout=subprocess.DEVNULL,
            )
            shutil.rmtree(folder, ignore_errors=True)


def _pg_bindir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not versions:
        sys.exit("PostgreSQL is not installed (apt-get install postgresql)")
    return versions[-1]


# --- merging ----------------------------------------------------------------------------------


def _importer(job):
    """One importer process: its own connection, a clerk, one bundle at a time."""
    target, paths = job
    db = open_database(target)
    ctx = Context(db=db, db_path=Path(tempfile.mkdtemp(prefix="td-imp-")) / "hub.db")
    ctx.user = auth.authenticate(ctx, "admin", "bench-pass")
    for p in paths:
        exchange.import_bundle(ctx, p, backup=False)
    close_database()
    return len(paths)


def merge(target: str, bundles: list, workers: int) -> float:
    db = open_database(target)
    ctx = Context(db=db, db_path=Path(tempfile.mkdtemp(prefix="td-hub-")) / "hub.db")
    if auth.authenticate(ctx, "admin", "bench-pass") is None:
        auth.create_user(ctx, "admin", "bench-pass", "admin", bootstrap=True)
    close_database()
    jobs = [(target, bundles[i::workers]) for i in range(workers)]
    t0 = time.perf_counter()
    if workers == 1:
        _importer(jobs[0])
    else:
        with mp.get_context("spawn").Pool(workers) as pool:
            pool.map(_importer, jobs)
    return time.perf_counter() - t0


def figures(target: str, repeat: int = 3) -> tuple[float, object]:
    open_database(target)
    times, board = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        board = province.province_dashboard(month=MONTH, water_year_be=YEAR + 543)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), board


def search_ms(target: str) -> tuple[float, float]:
    """Median and slowest time of one keystroke's search (first page of 50 and the capped
    count): the slowest is the keystroke a clerk feels."""
    open_database(target)
    times = []
    for word in ("สมชาย ใจ", "ทองดี", "บุญส่ง ขุน", "12 "):
        for n in range(1, len(word) + 1):
            t0 = time.perf_counter()
            registry.household_page(word[:n], limit=50)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--db", help="postgresql://… of the hub database to fill (else PG* or a temporary cluster)"
    )
    ap.add_argument("--quick", action="store_true", help="6 tambons of 300 households")
    ap.add_argument("--tambons", type=int, default=165)
    ap.add_argument("--households", type=int, default=3030, help="per tambon")
    ap.add_argument("--work", help="folder keeping the bundles between runs")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--skip-sqlite", action="store_true")
    ap.add_argument(
        "--use",
        type=int,
        help="merge only the first N bundles of the province "
        "(a loaded machine); figures then say so",
    )
    a = ap.parse_args()
    n, households, lines, keepers = a.tambons, a.households, 28, 10
    if a.quick:
        n, households, lines = 6, 300, 10
    work = Path(a.work) if a.work else Path(tempfile.mkdtemp(prefix="td-province-"))
    stick = work / f"bundles-{n}-{households}-{lines}"
    stick.mkdir(parents=True, exist_ok=True)
    bundles = sorted(str(p) for p in stick.glob("*.tambon"))
    t0 = time.perf_counter()
    if len(bundles) < n:
        for p in bundles:
            os.unlink(p)
        jobs = [(k, stick / f"t{k:03d}", 12, households, 2, lines, keepers, 7) for k in range(n)]
        for j in jobs:
            j[1].mkdir(exist_ok=True)
        with mp.get_context("spawn").Pool(max(1, min(4, os.cpu_count() or 1))) as pool:
            made = pool.map(build_bundle, jobs)
        for p in made:
            shutil.move(p, stick / Path(p).name)
            shutil.rmtree(Path(p).parent, ignore_errors=True)
        bundles = sorted(str(p) for p in stick.glob("*.tambon"))
    build_s = time.perf_counter() - t0
    partial = a.use is not None and a.use < len(bundles)
    if partial:
        bundles = bundles[: a.use]
    print(f"BENCH province_tambons {n} count")
    print(f"BENCH province_households {n * households} count")
    print(f"BENCH province_ledger_lines {n * 12 * keepers * lines * 12} count")
    print(f"BENCH province_build_bundles_s {build_s:.0f} s")
    sys.stdout.flush()

    server = Server(a.db)
    try:
        merge_s = merge(server.url, bundles, a.workers)
        summary_s, board = figures(server.url)
        search, slowest = search_ms(server.url)
        if partial:  # no target line: the scale is not the issue's
            print(f"BENCH province_merged_tambons {len(bundles)} count")
            print(f"BENCH province_merge_partial_s {merge_s:.0f} s")
            print(f"BENCH province_merge_per_tambon_s {merge_s / len(bundles):.1f} s")
            print(f"BENCH province_summary_partial_s {summary_s:.2f} s")
            print(f"BENCH household_search_partial_ms {search:.0f} ms")
        else:
            print(f"BENCH province_merge_s {merge_s:.0f} s target <= 600")
            print(f"BENCH province_summary_s {summary_s:.2f} s target <= 3")
            print(f"BENCH household_search_ms {search:.0f} ms target <= 100")
            print(f"BENCH household_search_slowest_ms {slowest:.0f} ms target <= 100")
        pg_totals = (board.province.households, board.province.recorded, board.province.provincial)
        sys.stdout.flush()
    finally:
        server.stop()
    if a.skip_sqlite:
        return
    lite = work / f"province-{os.getpid()}.db"
    try:
        merge_s = merge(str(lite), bundles, 1)
        summary_s, board = figures(str(lite))
        search, slowest = search_ms(str(lite))
        tag = "_partial" if partial else ""
        print(f"BENCH province_merge_sqlite{tag}_s {merge_s:.0f} s")
        print(f"BENCH province_summary_sqlite{tag}_s {summary_s:.2f} s")
        print(f"BENCH household_search_sqlite{tag}_ms {search:.0f} ms")
        print(f"BENCH household_search_slowest_sqlite{tag}_ms {slowest:.0f} ms")
        same = pg_totals == (
            board.province.households,
            board.province.recorded,
            board.province.provincial,
        )
        print(f"BENCH province_same_figures {int(same)} bool target == 1")
    finally:
        close_database()
        for suffix in ("", "-wal", "-shm"):
            Path(str(lite) + suffix).unlink(missing_ok=True)
        shutil.rmtree(lite.parent / "backups", ignore_errors=True)


if __name__ == "__main__":
    main()
