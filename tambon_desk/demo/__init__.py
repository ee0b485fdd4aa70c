"""Demo data: a realistic synthetic tambon for training, screenshots and benchmarks.

`build_demo(ctx, households=N, seed=S)` runs each module of `DEMO_MODULES` in order; each
defines `build(ctx, rng, progress)` and adds its area's data on top of what the earlier
modules made (the first one makes the tambon, villages and households). Areas add their
module here (one line). The same seed always gives the same data.
"""
from __future__ import annotations

import importlib
import random

DEMO_MODULES: list[str] = [
    "tambon_desk.demo.households",      # first: tambon, villages, households, admin
    "tambon_desk.demo.plan",
    "tambon_desk.demo.water",
]
DEMO_MODULES += ["tambon_desk.demo.accounts"]
DEMO_MODULES += ["tambon_desk.demo.farming"]


def build_demo(ctx, households: int = 300, seed: int = 2569, progress=None) -> None:
    """Fill the (empty) database of `ctx` with demo data; `progress(done, total, text)`."""
    rng = random.Random(seed)
    ctx.extras["demo_households"] = households
    n = len(DEMO_MODULES)
    for i, name in enumerate(DEMO_MODULES):
        importlib.import_module(name).build(ctx, rng, _share(progress, i, n))
    if progress:
        progress(100, 100, "")


def _share(progress, i: int, n: int):
    """Each module reports its own (done, total); the caller sees one 0–100 bar."""
    if progress is None:
        return None

    def report(done, total=None, text=""):
        part = (done / total) if total else 0.0
        progress(int((i + min(part, 1.0)) * 100 / n), 100, text)
    return report


# The demo database in the data folder, for `tambon-desk --demo` (app.run_gui).
from .database import demo_database_path, ensure_demo_database
