"""Report engine speed: a 2,000-row, 8-column Thai table to PDF (and XLSX).

Prints BENCH lines (DESIGN.md §9). 'cold' is the first render in a fresh process
(font loading, empty segmentation/shaping caches) - what a clerk waits for the first
time; 'warm' is the median of later renders in the same process.
Run: python benchmarks/report_pdf.py [--quick]
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tambon_desk.reports import samples  # noqa: E402
from tambon_desk.reports.pdf import render_pdf  # noqa: E402
from tambon_desk.reports.xlsx import render_xlsx  # noqa: E402


def unique_text(doc):
    """Make every name/village unique so no segmentation or shaping is cached."""
    import random
    rnd = random.Random(1)
    words = samples.PARAGRAPH_WORDS + samples.HARD_WORDS
    for i, r in enumerate(doc.blocks[0].rows):
        r["name"] += "".join(rnd.choice(words) for _ in range(2))
        r["village"] += rnd.choice(words) + str(i)
    return doc


def main() -> None:
    rows = 500 if "--quick" in sys.argv else 2000
    doc = samples.big_table(rows)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "big.pdf"
        t = time.perf_counter()
        pages = render_pdf(doc, out)
        cold = time.perf_counter() - t
        warm = []
        for _ in range(3):
            t = time.perf_counter()
            render_pdf(doc, out)
            warm.append(time.perf_counter() - t)
        xl = []
        for _ in range(3):
            t = time.perf_counter()
            render_xlsx(doc, Path(tmp) / "big.xlsx")
            xl.append(time.perf_counter() - t)
        t = time.perf_counter()
        upages = render_pdf(unique_text(samples.big_table(rows)), out)
        unique = time.perf_counter() - t
    w = statistics.median(warm)
    print(f"BENCH report_pdf_rows {rows} rows target >= 2000")
    print(f"BENCH report_pdf_pages {pages} pages target >= 40")
    print(f"BENCH report_pdf_cold_s {cold:.2f} s target <= 5")
    print(f"BENCH report_pdf_warm_s {w:.2f} s target <= 5")
    print(f"BENCH report_pdf_pages_per_s {pages / cold:.0f} pages/s target >= 10")
    print(f"BENCH report_pdf_unique_text_s {unique:.2f} s target <= 5")
    print(f"BENCH report_pdf_unique_text_pages {upages} pages target >= 40")
    print(f"BENCH report_xlsx_s {statistics.median(xl):.2f} s target <= 5")


if __name__ == "__main__":
    main()
