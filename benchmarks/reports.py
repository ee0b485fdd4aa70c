"""Report speed on demo data: the household register of 2,000 households as PDF and XLSX.

Prints BENCH lines (ARCHITECTURE.md, "Benchmarks"):
  demo_build_s          building the 2,000-household demo tambon (tambon-desk demo)
  register_pdf_s        household-register (every village) to PDF, median of 3 runs
  register_pdf_cold_s   the first of those runs (empty segmentation/shaping caches)
  register_xlsx_s       the same document to XLSX, median of 3 runs
  *_cpu_s               the same in CPU seconds of this process: on a shared, loaded machine
                        wall time includes waiting for a core; CPU time does not
  pdf_pages_per_s       register pages / register_pdf_s
  tambon_profile_pdf_s  tambon-profile (tables + chart) to PDF, median of 3 runs
  table_pdf_unique_text_s  the engine's 2,000-row synthetic table whose every name is unique
                        (nothing cached: the worst case for Thai segmentation and shaping;
                        from the former benchmarks/report_pdf.py)
Everything is built in a temporary folder. `--quick`: 500 households.
Run: python benchmarks/reports.py [--quick]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tambon_desk.core.context import Context
from tambon_desk.db import close_database, open_database
from tambon_desk.demo.database import build_into
from tambon_desk.reports import catalogue, samples
from tambon_desk.reports.pdf import render_pdf
from tambon_desk.reports.xlsx import render_xlsx

RUNS = 3


def timed(fn, runs=RUNS):
    """(wall seconds per run, CPU seconds per run, last result)."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return times, cpu, result


def unique_text_table(rows: int):
    """The engine's synthetic table with every name and village made unique."""
    doc = samples.big_table(rows)
    rnd = random.Random(1)
    words = samples.PARAGRAPH_WORDS + samples.HARD_WORDS
    for i, r in enumerate(doc.blocks[0].rows):
        r["name"] += "".join(rnd.choice(words) for _ in range(2))
        r["village"] += rnd.choice(words) + str(i)
    return doc


def main() -> None:
    n = 500 if "--quick" in sys.argv else 2000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "demo.db"
        ctx = Context(db=open_database(path), db_path=path)
        ctx.extras["demo_today"] = dt.date(2026, 11, 24)
        t = time.perf_counter()
        build_into(ctx, households=n, seed=2569)
        build_s = time.perf_counter() - t
        doc = catalogue.build(ctx, "household-register")
        people = sum(len(b.rows) for b in doc.blocks if hasattr(b, "rows"))
        pdf_times, pdf_cpu, pages = timed(lambda: render_pdf(doc, tmp / "register.pdf"))
        xlsx_times, xlsx_cpu, _ = timed(lambda: render_xlsx(doc, tmp / "register.xlsx"))
        profile = catalogue.build(ctx, "tambon-profile")
        profile_times, _cpu, _ = timed(lambda: render_pdf(profile, tmp / "profile.pdf"))
        t = time.perf_counter()
        unique_pages = render_pdf(unique_text_table(n), tmp / "unique.pdf")
        unique_s = time.perf_counter() - t
        close_database()
    pdf_s = statistics.median(pdf_times)
    print(f"BENCH demo_households {n} households target >= 2000")
    print(f"BENCH register_people {people} people target >= 6000")
    print(f"BENCH demo_build_s {build_s:.2f} s target <= 5")
    print(f"BENCH register_pages {pages} pages target >= 100")
    print(f"BENCH register_pdf_s {pdf_s:.2f} s target <= 5")
    print(f"BENCH register_pdf_cold_s {pdf_times[0]:.2f} s target <= 5")
    print(f"BENCH register_pdf_cpu_s {statistics.median(pdf_cpu):.2f} s target <= 5")
    print(f"BENCH register_xlsx_s {statistics.median(xlsx_times):.2f} s target <= 3")
    print(f"BENCH register_xlsx_cpu_s {statistics.median(xlsx_cpu):.2f} s target <= 3")
    print(f"BENCH pdf_pages_per_s {pages / pdf_s:.0f} pages/s target >= 20")
    print(f"BENCH tambon_profile_pdf_s {statistics.median(profile_times):.2f} s target <= 2")
    print(f"BENCH table_pdf_unique_text_s {unique_s:.2f} s target <= 5")
    print(f"BENCH table_pdf_unique_text_pages {unique_pages} pages target >= 40")


if __name__ == "__main__":
    main()
