"""Maps at scale: a tambon of 20 villages, 2,500 households and 5,000 plot polygons.

BENCH map_redraw_ms: one zoom step of the map screen's canvas (every plot, source and
household moved and drawn by Tk) with 5,000 plots. BENCH kml_import_s: `load plots` of a KML
of 5,000 placemarks with ExtendedData (read, checked, matched to households, saved with the
audit log, one transaction). Households are generated straight into the tables; the plots are
loaded through the product path, so the redraw measures what an office that loaded its file
sees. Run: python benchmarks/maps.py [--quick]
"""

import math
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale import (  # noqa: E402
    bench_base,
    insert_chunked,
    median_ms,
    needs_display,
    rerun_under_xvfb,
    tambon_with_villages,
)

from tambon_desk import maps  # noqa: E402
from tambon_desk.core import auth  # noqa: E402
from tambon_desk.core.context import Context  # noqa: E402
from tambon_desk.db import close_database, open_database  # noqa: E402
from tambon_desk.db.base import new_id  # noqa: E402
from tambon_desk.db.models import Household  # noqa: E402

LON0, LAT0 = 100.0, 8.40


def build(path: Path, plots: int, rng):
    db = open_database(path)
    ctx = Context(db=db, db_path=path)
    ctx.user = auth.create_user(ctx, "admin", "admin-pass", "admin", bootstrap=True)
    base = bench_base()
    t, vs = tambon_with_villages("800101", base)
    households = plots // 2
    rows = []
    for i in range(households):
        v = vs[i % len(vs)]
        rows.append(
            dict(
                id=new_id(),
                village=v.id,
                house_no=str(i + 1),
                head_name=f"หัวหน้า {i}",
                lat=LAT0 + rng.uniform(-0.04, 0.04),
                lon=LON0 + rng.uniform(-0.04, 0.04),
                **base,
            )
        )
    with db.atomic():
        insert_chunked(Household, rows)
    return ctx, t, rows


def kml_of(households, plots: int, rng) -> bytes:
    """A Google Earth style KML: folders per village, 10-vertex polygons of about 2-6 rai."""
    side = int(math.ceil(math.sqrt(plots)))
    step = 0.0009  # ~100 m
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
        "<Document><name>bench</name><Folder><name>plots</name>"
    ]
    for i in range(plots):
        h = households[i // 2]
        cx = LON0 - side * step / 2 + (i % side) * step
        cy = LAT0 - side * step / 2 + (i // side) * step
        r = step * rng.uniform(0.25, 0.42)
        ring = []
        for k in range(10):
            a = 2 * math.pi * k / 10
            rr = r * rng.uniform(0.85, 1.0)
            ring.append(f"{cx + rr * math.cos(a):.7f},{cy + rr * math.sin(a):.7f},0")
        ring.append(ring[0])
        crop = ("ส้มโอ", "มังคุด", "ข้าวนาปี", "ยางพารา")[i % 4]
        parts.append(
            f"<Placemark><name>แปลง {i % 2 + 1}</name><ExtendedData>"
            f'<Data name="house_no"><value>{h["house_no"]}</value></Data>'
            f'<Data name="moo"><value>{(int(h["house_no"]) - 1) % 20 + 1}</value></Data>'
            f'<Data name="crop"><value>{crop}</value></Data></ExtendedData>'
            f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{' '.join(ring)}"
            "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
        )
    parts.append("</Folder></Document></kml>")
    return "".join(parts).encode("utf-8")


def main():
    if needs_display():
        return rerun_under_xvfb()
    n = 1000 if "--quick" in sys.argv else 5000
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as tmp:
        ctx, t, households = build(Path(tmp) / "bench.db", n, rng)
        kml = Path(tmp) / "plots.kml"
        kml.write_bytes(kml_of(households, n, rng))
        t0 = time.perf_counter()
        load = maps.load_plots(ctx, kml, tambon=t)
        import_s = time.perf_counter() - t0
        assert load.result.counts["plots"]["added"] == n, (
            load.result.counts,
            load.result.errors[:3],
        )
        import tkinter as tk

        from tambon_desk.views.maps.canvas import MapCanvas

        root = tk.Tk()
        root.geometry("1366x768")
        canvas = MapCanvas(root, width=1100, height=700)
        canvas.pack(fill="both", expand=True)
        root.update()
        items = maps.map_items(t)
        assert len(items["plots"]) == n
        canvas.set_items(items)
        root.update()
        factors = iter([1.2, 1 / 1.2] * 20)

        def step():
            canvas.zoom(next(factors))
            root.update_idletasks()

        step()
        redraw = median_ms(step, repeat=9)
        root.destroy()
        close_database()
    print(f"BENCH map_redraw_ms {redraw:.1f} ms target <= 300")
    print(f"BENCH kml_import_s {import_s:.2f} s target <= 5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
