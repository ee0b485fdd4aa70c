"""Household list at 50,000 households: time to open the list and to filter per keystroke.

Prints BENCH lines (ARCHITECTURE.md, "Benchmarks"). The data is generated straight into the tables (the scale
generator is not the product path). `list_open_ms` and `keystroke_ms` are measured in the
real window: the household view is built and shown, then a Thai name is typed into its
search box one character at a time, each keystroke timed until Tk has redrawn the list.
Needs a display; without one it re-runs itself under xvfb-run.
Run: python benchmarks/households.py [--quick]
"""

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale import (
    bench_base,
    insert_chunked,
    median_ms,
    needs_display,  # noqa: E402
    rerun_under_xvfb,
    tambon_with_villages,
)

from tambon_desk.db import open_database
from tambon_desk.db.base import new_id
from tambon_desk.db.models import Household
from tambon_desk.registry import households as hh
from tambon_desk.thai import random_citizen_id, thai_sort_key

FIRST = ["สมชาย", "สมหญิง", "ประยุทธ", "อำนาจ", "น้ำฝน", "อรุณี", "เกรียงไกร", "ทองดี", "มาลี", "วิชัย"]
LAST = ["ใจดี", "ศรีสุข", "แก้วมณี", "ทองคำ", "บุญมา", "รักษ์ไทย", "พรหมคีรี", "ชูช่วย"]


def build(path, n, rng):
    db = open_database(path)
    base = bench_base()
    _t, villages = tambon_with_villages("800101", base, name_th="ในเมือง")
    rows = []
    for i in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        cid = random_citizen_id(rng)
        rows.append(
            dict(
                id=new_id(),
                village=rng.choice(villages).id,
                house_no=f"{i + 1}/{rng.randint(1, 9)}",
                head_name=name,
                sort_key=thai_sort_key(name),
                search_text=f"{i + 1} {name} {cid}".lower(),
                member_count=3,
                **base,
            )
        )
    with db.atomic():
        insert_chunked(Household, rows)
    return db


def widget_figures(path):
    """(list_open_ms, per-keystroke ms) in the real household view."""
    import ttkbootstrap as ttk

    from tambon_desk.app import App, configure_root
    from tambon_desk.core import auth
    from tambon_desk.core.context import Context
    from tambon_desk.views.widgets import RecordingDialogs

    ctx = Context(db=None, db_path=path)
    from tambon_desk.db import database_proxy

    ctx.db = database_proxy.obj
    ctx.user = auth.create_user(ctx, "bench", "bench-pass", "admin", bootstrap=True)
    root = ttk.Window(themename="bootstrap-light", size=(1280, 800))
    configure_root(root, ctx)
    app = App(root, ctx, dialogs=RecordingDialogs(root), modal=False)
    root.update()
    opens = []
    for _ in range(5):
        old = app.views.pop("households", None)
        if old is not None:
            old.destroy()
        app.show_view("dashboard")
        root.update()
        t0 = time.perf_counter()
        app.show_view("households")
        root.update()
        opens.append((time.perf_counter() - t0) * 1000)
    view = app.views["households"]
    keys = []
    for _ in range(3):
        view.search_var.set("")
        root.update()
        for ch in "สมหญิง ศรี":
            t0 = time.perf_counter()
            view.search.insert("end", ch)
            root.update()
            keys.append((time.perf_counter() - t0) * 1000)
    root.destroy()
    return statistics.median(opens), keys


def main():
    if needs_display():
        return rerun_under_xvfb()
    n = 5000 if "--quick" in sys.argv else 50000
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "bench.db", n, rng)
        service_ms = median_ms(lambda: hh.household_page(limit=100))
        open_ms, keys = widget_figures(Path(tmp) / "bench.db")
        print(f"BENCH households {n} count")
        print(f"BENCH list_open_ms {open_ms:.1f} ms target <= 300")
        print(f"BENCH keystroke_ms {statistics.median(keys):.1f} ms target <= 100")
        print(f"BENCH keystroke_max_ms {max(keys):.1f} ms target <= 100")
        print(f"BENCH list_page_service_ms {service_ms:.1f} ms (first page query alone)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
