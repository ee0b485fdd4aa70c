"""Opening the database: a SQLite file (pragmas of ARCHITECTURE.md, "Where the data lives") or
a PostgreSQL hub; schema version and migrations.

`open_database(target)` is the only way the product opens a database. `target` is a file
path or a URL (`postgresql://user@host:port/dbname`; an unknown `scheme://` is refused, see
`engines.parse_target`). It binds the shared `database_proxy`, applies pending migrations
(backing a SQLite file up first when it already holds data; a hub's backups are the
server's) and refuses a database newer than this program.
"""

from __future__ import annotations

import os
from pathlib import Path

from peewee import SqliteDatabase

from . import engines, migrations
from .base import database_proxy

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a power cut must not lose a saved record
    "busy_timeout": 10000,
    "cache_size": -32000,  # 32 MB page cache
    "temp_store": 2,
}


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer Tambon Desk; opening it could damage it."""


def make_database(path: str | os.PathLike, pragmas: dict | None = None) -> SqliteDatabase:
    """A SqliteDatabase with our pragmas, not yet bound to the models."""
    return SqliteDatabase(
        str(path), pragmas=pragmas or PRAGMAS, check_same_thread=False, timeout=10
    )


def make_hub_database(url: str, password: str | None = None) -> engines.HubDatabase:
    """A PostgreSQL database from a URL, not yet bound. A password left out of the URL comes
    from `PGPASSWORD`, the service file or `~/.pgpass` (libpq reads them)."""
    params = engines.connect_params(url)
    dbname = params.pop("database")
    params.setdefault("application_name", "tambon-desk")
    if password is not None:
        params["password"] = password
    return engines.HubDatabase(dbname, autorollback=False, **params)


def open_database(
    path: str | os.PathLike,
    *,
    migrate: bool = True,
    backup_dir: str | os.PathLike | None = None,
    password: str | None = None,
):
    """Open (creating if needed) the database at `path`, bind the models and migrate it.

    When a file that already holds data needs migrating, a backup is taken first into
    `backup_dir` (default: `backups/` beside the file).
    """
    target = engines.parse_target(path)
    if target.is_hub:
        return _open_hub(target, migrate=migrate, password=password)
    path = Path(target.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    db = make_database(path)
    database_proxy.initialize(db)
    db.connect(reuse_if_open=True)
    current = migrations.current_version(db)
    if current > migrations.LATEST:
        db.close()
        raise SchemaTooNewError(current)
    if migrate and migrations.pending(db):
        if existed and current > 0:
            from .backup import backup_database

            backup_database(
                db,
                Path(backup_dir) if backup_dir else path.parent / "backups",
                reason=f"before-migration-{current}-to-{migrations.LATEST}",
            )
        migrations.migrate(db)
    return db


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def _open_hub(target, *, migrate: bool, password: str | None = None):
    from . import migrations

    db = make_hub_database(target.url, password)
    database_proxy.initialize(db)
    db.connect(reuse_if_open=True)
    with db.atomic():
        # One migrator at a time when several offices start the new version together.
        db.execute_sql("SELECT pg_advisory_xact_lock(7417001)")
        current = migrations.current_version(db)
        if current <= migrations.LATEST and migrate and migrations.pending(db):
            migrations.migrate(db)
    if current > migrations.LATEST:
        db.close()
        raise SchemaTooNewError(current)
    return db
