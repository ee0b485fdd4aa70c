"""What the benchmark scripts share to generate data at scale and to time it.

Rows are written straight into the tables (chunked `insert_many`), not through the services:
the scale generator is not the product path, and a 50,000-household tambon must build in
seconds. Imported by the scripts as `_scale` (a script's own folder is first on sys.path).
"""

import os
import statistics
import subprocess
import sys
import time

from tambon_desk.db.base import utcnow


def bench_base() -> dict:
    """The BaseModel columns every generated row carries."""
    now = utcnow()
    return dict(created_at=now, updated_at=now, updated_by="bench")


def insert_chunked(model, rows: list[dict], size: int = 500) -> None:
    """insert_many in chunks (SQLite caps the variables of one statement)."""
    for k in range(0, len(rows), size):
        model.insert_many(rows[k : k + size]).execute()


def tambon_with_villages(code: str, base: dict, name_th: str | None = None, villages: int = 20):
    """A tambon (district and province from its DOPA code) and its villages Moo 1..N."""
    from tambon_desk.db.models import Tambon, Village

    t = Tambon.create(
        code=code,
        name_th=name_th or f"ตำบล{code}",
        district_code=code[:4],
        district_th="เมือง",
        province_code=code[:2],
        province_th="นครศรีธรรมราช",
        **base,
    )
    return t, [
        Village.create(tambon=t, moo=i + 1, name=f"บ้าน{i + 1}", **base) for i in range(villages)
    ]


def median_ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def needs_display() -> bool:
    return not os.environ.get("DISPLAY") and os.name != "nt"


def rerun_under_xvfb() -> int:
    """Run this same script again inside a virtual display (GUI timings need a real Tk)."""
    return subprocess.call(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24 -dpi 96", sys.executable] + sys.argv
    )
