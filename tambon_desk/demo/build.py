"""Building a demo database: each area's demo module in order, one seeded random source."""

from __future__ import annotations

import importlib
import random

DEMO_MODULES: list[str] = [
    "tambon_desk.demo.households",  # first: tambon, villages, households, admin
    "tambon_desk.demo.plan",
    "tambon_desk.demo.water",
]
DEMO_MODULES += ["tambon_desk.demo.accounts"]
DEMO_MODULES += ["tambon_desk.demo.farming"]
DEMO_MODULES += ["tambon_desk.demo.geo"]  # after farming (draws its plots)


def build_demo(
    ctx, households: int = 300, seed: int = 2569, progress=None, tambons: list[str] | None = None
) -> None:
    """Fill the (empty) database of `ctx` with demo data; `progress(done, total, text)`.

    `tambons`: DOPA codes of the tambons to build (each with `households` households, its
    own books, water and plan); default the one demo tambon."""
    rng = random.Random(seed)
    ctx.extras["demo_households"] = households
    if tambons:
        ctx.extras["demo_tambon_codes"] = list(tambons)
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
