"""Cold start to the first drawn main window, against a bare ttkbootstrap window.

Each run is a fresh Python process (cold imports). The bare baseline makes a
`ttk.Window()` and draws it; the app run opens the database (2,000 households), applies the
Thai UI font and draws the main window with its dashboard for a logged-in admin — the time
a clerk spends typing the password is the clerk's, not the program's. Medians of 9 runs,
bare and app alternating: on a virtual machine single starts vary by a third.
Prints BENCH lines (ARCHITECTURE.md, "Benchmarks"); without a display it re-runs itself under xvfb-run.
Run: python benchmarks/startup.py [--quick]
"""

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BARE = """
import time
import ttkbootstrap as ttk
w = ttk.Window(themename="bootstrap-light", size=(1280, 800))
w.update()
while not w.winfo_viewable():
    w.update()
print(time.time(), flush=True)
"""

APP = """
import sys, time
sys.path.insert(0, {root!r})
import ttkbootstrap as ttk
from tambon_desk.app import App, configure_root
from tambon_desk.core.context import Context
from tambon_desk.db import open_database
from tambon_desk.db.models import User
from tambon_desk.views.widgets import RecordingDialogs
db = open_database({db!r})
ctx = Context(db=db, db_path={db!r})
ctx.user = User.get(User.username == "bench")
w = ttk.Window(themename="bootstrap-light", size=(1280, 800))
configure_root(w, ctx)
app = App(w, ctx, dialogs=RecordingDialogs(w), modal=False)
w.update()
while not w.winfo_viewable():
    w.update()
print(time.time(), flush=True)
"""


def one_run(code: str) -> float:
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1]) - t0


def main() -> int:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    from _scale import needs_display, rerun_under_xvfb

    if needs_display():
        return rerun_under_xvfb()
    # An installed program runs from compiled bytecode (pip and PyInstaller compile it); a
    # checkout under PYTHONDONTWRITEBYTECODE would recompile every module on every start.
    import compileall

    import households as scale  # the 50k generator, used here at 2,000

    from tambon_desk.core import auth
    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database

    compileall.compile_dir(str(ROOT / "tambon_desk"), quiet=1)
    runs = 3 if "--quick" in sys.argv else 9
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tambon.db"
        db = scale.build(path, 2000, random.Random(3))
        auth.create_user(
            Context(db=db, db_path=path), "bench", "bench-pass", "admin", bootstrap=True
        )
        close_database()
        one_run(BARE)  # warm the OS file cache once for both
        bare, app = [], []
        for _ in range(runs):
            bare.append(one_run(BARE))
            app.append(one_run(APP.format(root=str(ROOT), db=str(path))))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"BENCH bare_window_s {b:.2f} s (baseline, same run)")
    print(f"BENCH startup_s {a:.2f} s target <= 2")
    print(f"BENCH startup_ratio {a / b:.2f} ratio target <= 1.5")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
