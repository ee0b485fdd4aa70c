"""Kill -9 campaigns shared by tests/reliability/test_kills.py and benchmarks/reliability.py.

Each campaign prepares a folder, starts `killee.py` in it, kills it with SIGKILL at a random
moment, and checks the database: integrity_check ok, every acknowledged write present, and
all-or-nothing units (a load, a bundle) either whole or absent. Returns the kills survived;
a failed check raises AssertionError.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    return e


def kill_during(
    mode: str,
    work: Path,
    *args,
    first_ack: bool = True,
    delay: tuple[float, float] = (0.0, 0.4),
    rng=random,
) -> list[str]:
    """Run the killee until its first ACK (unless `first_ack` is False), then a random
    delay, then SIGKILL. Returns the tokens it acknowledged."""
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "killee.py"), mode, str(work), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    acks: list[str] = []
    seen = threading.Event()

    def read():
        for line in proc.stdout:
            if line.startswith("ACK "):
                acks.append(line[4:].strip())
                seen.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if first_ack:
        if not seen.wait(120):
            proc.kill()
            raise AssertionError("the child never wrote: " + proc.stderr.read()[-2000:])
    time.sleep(rng.uniform(*delay))
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(60)
    reader.join(10)
    if proc.returncode not in (-signal.SIGKILL, 0):
        raise AssertionError("the child failed: " + proc.stderr.read()[-2000:])
    proc.stderr.close()
    return list(acks)


def check_integrity(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path))
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    assert ok == "ok", f"{path}: {ok}"
    return con


# --- campaigns ---------------------------------------------------------------------------------


def service_writes(work: Path, kills: int, rng=random) -> int:
    """Households saved through the service layer."""
    work.mkdir(parents=True, exist_ok=True)
    acked: list[str] = []
    for _ in range(kills):
        acked += kill_during("service", work, rng=rng)
        con = check_integrity(work / "tambon.db")
        have = {r[0] for r in con.execute("SELECT id FROM household")}
        con.close()
        missing = [a for a in acked if a not in have]
        assert not missing, f"acknowledged households lost: {missing[:5]}"
    return kills


def prepare_load(work: Path) -> None:
    from openpyxl import load_workbook

    from tambon_desk.core import auth
    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database, open_database
    from tambon_desk.importers import get_kind
    from tambon_desk.importers.template import write_template
    from tambon_desk.registry import households, places

    work.mkdir(parents=True, exist_ok=True)
    db = open_database(work / "tambon.db")
    ctx = Context(db=db, db_path=work / "tambon.db")
    ctx.user = auth.create_user(ctx, "admin", "admin-pass", "admin", bootstrap=True)
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    households.save_household(
        ctx, places.villages(t)[0], "7", [{"first_name": "สมศรี", "relation": "head"}]
    )
    close_database()
    book = write_template(get_kind("accounts"), work / "template.xlsx")
    headers = [c.value for c in load_workbook(book).worksheets[0][1]]
    (work / "headers.txt").write_text("\t".join(headers), encoding="utf-8")


def loads(work: Path, kills: int, rng=random) -> int:
    """Account-book files loaded all or nothing."""
    prepare_load(work)
    acked: list[str] = []
    for _ in range(kills):
        acked += kill_during("load", work, rng=rng, delay=(0.0, 0.8))
        con = check_integrity(work / "tambon.db")
        per_load: dict[int, int] = {}
        for (amount,) in con.execute("SELECT amount FROM ledger_entry WHERE deleted_at IS NULL"):
            per_load[amount // 100] = per_load.get(amount // 100, 0) + 1
        con.close()
        assert all(n == 20 for n in per_load.values()), f"a load half saved: {per_load}"
        # the killee counts from 1 in each run: a later run's file i adds the same
        # amounts again (as unchanged lines), so each acknowledged i must be whole
        assert all(per_load.get(int(a)) == 20 for a in acked), (acked, per_load)
    return kills


def prepare_bundle(work: Path, households_n: int = 20) -> Path:
    from tambon_desk import exchange
    from tambon_desk.core import auth
    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database, open_database
    from tambon_desk.registry import households, places

    src = work / "source"
    src.mkdir(parents=True, exist_ok=True)
    db = open_database(src / "tambon.db")
    ctx = Context(db=db, db_path=src / "tambon.db")
    ctx.user = auth.create_user(ctx, "admin", "admin-pass", "admin", bootstrap=True)
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    vs = places.villages(t)
    for i in range(households_n):
        households.save_household(
            ctx,
            vs[i % 2],
            f"{i + 1}",
            [
                {"first_name": f"คนที่{i}", "relation": "head"},
                {"first_name": f"ลูก{i}", "relation": "child"},
            ],
        )
    path = exchange.export_bundle(ctx, src).path
    close_database()
    return path


def imports(work: Path, kills: int, bundle: Path, households_n: int, rng=random) -> int:
    """Bundles imported into new databases: each whole or absent."""
    work.mkdir(parents=True, exist_ok=True)
    for k in range(kills):
        run = work / f"run-{k}"
        run.mkdir()
        acked = kill_during(
            "import", run, str(bundle), first_ack=rng.random() < 0.5, delay=(0.3, 2.5), rng=rng
        )
        for db in run.glob("pc-*.db"):
            con = check_integrity(db)
            try:
                n = con.execute("SELECT COUNT(*) FROM household").fetchone()[0]
            except sqlite3.OperationalError:
                n = 0  # killed before the schema was made
            con.close()
            assert n in (0, households_n), f"{db.name}: {n} of {households_n} households"
            if db.name[3:-3] in acked:
                assert n == households_n
    return kills


def prepare_old(work: Path, tambons_n: int = 200) -> Path:
    """A database of schema version 5 (before this issue's migration) with rows in it."""
    from peewee import SqliteDatabase

    from tambon_desk.core.auth import hash_password
    from tambon_desk.db import migrations

    work.mkdir(parents=True, exist_ok=True)
    path = work / "old.db"
    db = SqliteDatabase(str(path), pragmas={"journal_mode": "wal", "foreign_keys": 1})
    db.connect()
    migrations.migrate(db, target=5)
    now = "2026-01-01T00:00:00.000000Z"
    with db.atomic():
        db.execute_sql(
            'INSERT INTO "user" (id, created_at, updated_at, username, display_name, '
            "role, password_hash, must_change_password, active) VALUES "
            "('u1', ?, ?, 'admin', '', 'admin', ?, 0, 1)",
            (now, now, hash_password("admin-pass")),
        )
        for i in range(tambons_n):
            db.execute_sql(
                "INSERT INTO tambon (id, created_at, updated_at, code, name_th, "
                "name_en, district_code, district_th, district_en, province_code, "
                "province_th, province_en) VALUES (?, ?, ?, ?, 'ต', '', '8001', "
                "'อ', '', '80', 'จ', '')",
                (f"t{i}", now, now, f"{800100 + i}"),
            )
    db.close()
    return path


def migrations_(work: Path, kills: int, rng=random) -> int:
    """Opening an old database (which migrates it), killed at any moment."""
    from tambon_desk.db import close_database, migrations, open_database

    for k in range(kills):
        run = work / f"run-{k}"
        prepare_old(run)
        kill_during("migration", run, first_ack=False, delay=(0.2, 1.5), rng=rng)
        con = check_integrity(run / "old.db")
        assert con.execute("SELECT COUNT(*) FROM tambon").fetchone()[0] == 200
        con.close()
        db = open_database(run / "old.db")
        assert migrations.current_version(db) == migrations.LATEST
        assert (
            db.execute_sql("SELECT COUNT(*) FROM tambon WHERE row_version = 1").fetchone()[0] == 200
        )
        close_database()
    return kills


def backups(work: Path, kills: int, rng=random) -> int:
    """Backups taken in a loop: every backup listed is whole."""
    from tambon_desk.db.backup import list_backups

    prepare_load(work)
    acked: list[str] = []
    for _ in range(kills):
        acked += kill_during("backup", work, rng=rng, delay=(0.0, 0.5))
        listed = list_backups(work / "backups")
        names = {b.path.name for b in listed}
        assert set(acked) <= names, set(acked) - names
        for b in listed:
            check_integrity(b.path).close()
    return kills
