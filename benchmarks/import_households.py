"""Loading a big household list: rows per second for the trial run, the first load and a
re-load of the same file (which must change nothing).

Prints BENCH lines (ARCHITECTURE.md, "Benchmarks"). The file is a generated messy list (tests/messy_households.py)
of N households (about 3 people each) in a tambon of 20 villages, loaded through the real
path (engine.prepare + run_import, i.e. households.save_household with its validation and
audit log). Targets: a district-sized list of 10,000 people loads in under a minute.
Run: python benchmarks/import_households.py [--quick]
"""

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from messy_households import make_truth, write_messy  # noqa: E402

from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.db import close_database, open_database
from tambon_desk.importers import engine, get_kind
from tambon_desk.registry import places as tambons


def run(n_households: int, folder: Path):
    rng = random.Random(2569)
    path = folder / "list.xlsx"
    houses = make_truth(rng, range(1, 21), n_households)
    write_messy(path, houses, rng, errors=n_households // 50, title_rows=2)
    db_path = folder / "tambon.db"
    db = open_database(db_path)
    ctx = Context(db=db, db_path=db_path)
    ctx.user = auth.create_user(ctx, "admin", "admin-pass", "admin", bootstrap=True)
    tambons.add_tambon(
        ctx, "801206", [(i, f"บ้านที่ {chr(0x0E01 + i)}") for i in range(1, 21)], bootstrap=True
    )
    kind = get_kind("households")
    times = {}
    rows = 0
    for label, dry in (("dry", True), ("load", False), ("reload", False)):
        t = time.perf_counter()
        result = engine.run_import(ctx, engine.prepare(kind, path), dry_run=dry)
        times[label] = time.perf_counter() - t
        rows = result.rows_read - result.rows_blank
        if label == "reload":
            assert result.counts["households"]["added"] == 0
            assert result.counts["households"]["updated"] == 0
    close_database()
    return rows, times


def main(argv):
    quick = "--quick" in argv
    n = 300 if quick else 3500  # ~10,000 people
    results = []
    for _i in range(1 if quick else 3):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(run(n, Path(tmp)))
    rows = results[0][0]
    for label in ("dry", "load", "reload"):
        secs = statistics.median(t[label] for _r, t in results)
        print(f"BENCH import_{label}_rows_per_s {rows / secs:.0f} rows/s target >= 170")
    secs = statistics.median(t["load"] for _r, t in results)
    print(f"BENCH import_load_{rows}_rows_s {secs:.1f} s target <= 60")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
