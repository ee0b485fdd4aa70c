"""Demo data: a realistic synthetic tambon for training, screenshots and benchmarks.

`build_demo(ctx, households=N, seed=S)` runs each module of `DEMO_MODULES` in order; each
defines `build(ctx, rng, progress)` and adds its area's data on top of what the earlier
modules made (the first one makes the tambon, villages and households). Areas add their
module here (one line). The same seed always gives the same data.
"""

from .build import DEMO_MODULES, build_demo
from .database import demo_database_path, ensure_demo_database, is_empty

__all__ = ["DEMO_MODULES", "build_demo", "demo_database_path", "ensure_demo_database", "is_empty"]
