"""A child process that writes until it is killed with SIGKILL (issue 14's reliability suite).

    python killee.py MODE WORKDIR [ARG]

It prints `ACK <token>` (flushed) after every write that returned, i.e. was committed; the
parent kills it at a random moment and then checks that the database passes
integrity_check and holds every acknowledged write. Modes: service, load, import,
migration, backup.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tambon_desk.core import auth  # noqa: E402
from tambon_desk.core.context import Context  # noqa: E402
from tambon_desk.db import open_database  # noqa: E402


def ack(token) -> None:
    sys.stdout.write(f"ACK {token}\n")
    sys.stdout.flush()


def _ctx(path: Path):
    db = open_database(path)
    ctx = Context(db=db, db_path=path)
    from tambon_desk.db.models import User

    user = User.get_or_none(User.username == "admin")
    ctx.user = user or auth.create_user(ctx, "admin", "admin-pass", "admin", bootstrap=True)
    return ctx


def service(work: Path) -> None:
    """Households saved one by one through the service layer."""
    from tambon_desk.registry import households, places

    ctx = _ctx(work / "tambon.db")
    village = places.villages(places.home_tambon())[0] if places.home_tambon() else None
    if village is None:
        village = places.villages(places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")]))[0]
    i = 0
    while True:
        i += 1
        h = households.save_household(
            ctx, village, f"{i}/{os.getpid()}", [{"first_name": f"คนที่{i}", "relation": "head"}]
        )
        ack(h.id)


def load(work: Path) -> None:
    """Account-book files loaded one after another (each all or nothing)."""
    import csv

    from tambon_desk.importers import engine, get_kind

    ctx = _ctx(work / "tambon.db")
    headers = (work / "headers.txt").read_text(encoding="utf-8").split("\t")
    i = 0
    while True:
        i += 1
        path = work / f"load-{i}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(headers)
            for k in range(20):
                w.writerow([k + 1, 1, "7", f"{1 + k % 28}/11/2568", "food", f"{i}.{k:02d}"])
        result = engine.run_import(ctx, engine.prepare(get_kind("accounts"), path))
        assert not result.errors, result.errors
        ack(i)


def import_(work: Path, bundle: str) -> None:
    """The same bundle imported into one new database after another."""
    from tambon_desk import exchange

    i = 0
    while True:
        i += 1
        ctx = _ctx(work / f"pc-{i}.db")
        exchange.import_bundle(ctx, bundle)
        ctx.db.close()
        ack(i)


def migration(work: Path) -> None:
    """Open (and so migrate) a database of an older schema version."""
    ctx = _ctx(work / "old.db")
    ack("migrated")
    ctx.db.close()


def backup(work: Path) -> None:
    from tambon_desk.db.backup import backup_database

    ctx = _ctx(work / "tambon.db")
    i = 0
    while True:
        i += 1
        ack(backup_database(ctx.db, work / "backups", reason="kill-test", keep=1000).name)


if __name__ == "__main__":
    mode, work = sys.argv[1], Path(sys.argv[2])
    {
        "service": service,
        "load": load,
        "migration": migration,
        "backup": backup,
        "import": lambda w: import_(w, sys.argv[3]),
    }[mode](work)
