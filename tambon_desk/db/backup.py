"""Consistent backups with the SQLite backup API (ARCHITECTURE.md, "Where the data lives").

A backup is a single self-contained file (switched to journal_mode=delete and checked with
integrity_check) named `tambon-YYYYMMDD-HHMMSS-<reason>.db`. A daily one is taken at start-up
and one before every import, restore and migration; only the newest `KEEP` are kept.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .engines import is_hub

KEEP = 10
_NAME = re.compile(r"^tambon-(\d{8})-(\d{6})(?:-([\w.-]+))?\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: _dt.datetime
    reason: str
    size: int


class BackupError(RuntimeError):
    pass


def _raw_connection(db) -> sqlite3.Connection:
    return db.connection() if hasattr(db, "connection") else db


def _discard(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal")):
        try:
            p.unlink()
        except OSError:
            pass


def copy_consistent(db, dest: Path) -> Path:
    """Copy the live database `db` (peewee or sqlite3) to `dest` with the backup API.

    The copy is built under a `.part` name of its own (process id and a random tag), so two
    copies at once (two imports started together) never share or unlink each other's file;
    a failed copy removes its `.part`.
    """
    import uuid

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.part")
    hub = is_hub(db)
    try:
        if hub:
            _copy_hub_to_sqlite(db, tmp)
        target = sqlite3.connect(str(tmp))
        try:
            if not hub:
                _raw_connection(db).backup(target)
            target.execute("PRAGMA journal_mode=delete")
            ok = target.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                raise BackupError(f"integrity_check: {ok}")
            target.commit()
        finally:
            target.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        _discard(tmp)
        raise
    return dest


def _copy_hub_to_sqlite(db, tmp: Path) -> None:
    """The hub's tables as a SQLite file of the same schema (for a bundle from the hub),
    read in one REPEATABLE READ snapshot so the copy is consistent."""
    from peewee import SqliteDatabase

    from . import migrations

    target = SqliteDatabase(str(tmp))
    target.connect()
    try:
        migrations.migrate(target)
        mine = set(target.get_tables()) - {"schema_version"}
        con = target.connection()
        with db.atomic():
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for table in sorted(mine & set(db.get_tables())):
                cols = [c.name for c in target.get_columns(table)]
                names = ", ".join(f'"{c}"' for c in cols)
                con.execute(f'DELETE FROM "{table}"')
                cur = db.execute_sql(f'SELECT {names} FROM "{table}"')
                marks = ", ".join("?" * len(cols))
                while True:
                    rows = cur.fetchmany(20000)
                    if not rows:
                        break
                    con.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        con.commit()
    finally:
        target.close()


def _reserve(backup_dir: Path, stem: str) -> Path:
    """Claim a free name atomically (O_EXCL): two processes in one second get two names."""
    n = 1
    while True:
        dest = backup_dir / (f"{stem}.db" if n == 1 else f"{stem}-{n}.db")
        try:
            fd = os.open(str(dest), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            n += 1
            continue
        os.close(fd)
        return dest


def backup_database(db, backup_dir: Path, reason: str = "manual", keep: int = KEEP) -> Path | None:
    """Take a backup into `backup_dir` and prune to the newest `keep`.

    None on a PostgreSQL hub: the server is backed up by its own tools (pg_dump, base
    backups, see the README), not file by file from each officer's PC.
    """
    if is_hub(db):
        return None
    now = _dt.datetime.now()
    safe = re.sub(r"[^\w.-]+", "-", reason).strip("-") or "manual"
    folder = Path(backup_dir)
    folder.mkdir(parents=True, exist_ok=True)
    dest = _reserve(folder, f"tambon-{now:%Y%m%d-%H%M%S}-{safe}")
    try:
        copy_consistent(db, dest)
    except BaseException:
        _discard(dest)
        raise
    prune(backup_dir, keep, protect=dest)
    return dest


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Backups in the folder, newest first."""
    out = []
    folder = Path(backup_dir)
    if not folder.is_dir():
        return out
    mtimes = {}
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if m:
            try:  # another process may prune it meanwhile
                st = p.stat()
            except OSError:
                continue
            if st.st_size == 0:
                continue  # a name reserved by a backup still being written
            when = _dt.datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
            out.append(BackupInfo(p, when, m.group(3) or "", st.st_size))
            mtimes[p] = st.st_mtime_ns
    # Several backups can share a second: the file's own mtime breaks the tie, so pruning
    # never removes the backup just taken.
    out.sort(key=lambda b: (b.taken_at, mtimes[b.path]), reverse=True)
    return out


def prune(backup_dir: Path, keep: int = KEEP, protect: Path | None = None) -> None:
    for info in list_backups(backup_dir)[keep:]:
        if protect is None or info.path != protect:
            info.path.unlink(missing_ok=True)


def daily_backup(db, backup_dir: Path, today: _dt.date | None = None) -> Path | None:
    """Take the day's automatic backup unless one was already taken today."""
    today = today or _dt.date.today()
    if any(
        b.taken_at.date() == today and b.reason.startswith("daily")
        for b in list_backups(backup_dir)
    ):
        return None
    return backup_database(db, backup_dir, reason="daily")


def restore_backup(db_path: Path, backup_file: Path) -> None:
    """Replace the database file with a backup (the caller closes connections first)."""
    src = sqlite3.connect(str(backup_file))
    try:
        ok = src.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise BackupError(f"integrity_check: {ok}")
        dst = sqlite3.connect(str(db_path))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def copy_in(src, dest_dir) -> Path:
    """Copy a database file from a USB stick or a network folder onto this computer.

    SQLite's WAL must not run on such drives (ARCHITECTURE.md, "Where the data lives"), so the file is read once, through
    the backup API on a read-only connection, into `dest_dir`; an existing file there is
    never overwritten (a dated name is used instead). Returns the new path.
    """
    src, dest_dir = Path(src), Path(dest_dir)
    dest = dest_dir / src.name
    if dest.exists():
        dest = dest_dir / f"{src.stem}-{_dt.datetime.now():%Y%m%d-%H%M%S}{src.suffix}"
    source = sqlite3.connect(f"file:{src.as_posix()}?mode=ro", uri=True)
    try:
        return copy_consistent(source, dest)
    finally:
        source.close()
