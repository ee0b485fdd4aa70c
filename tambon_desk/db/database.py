"""Opening the SQLite file: pragmas of ARCHITECTURE.md, "Where the data lives", schema version and migrations.

`open_database(path)` is the only way the product opens a database. It binds the shared
`database_proxy`, applies pending migrations (backing the file up first when it already
holds data) and refuses a database newer than this program.
"""
from __future__ import annotations

import os
from pathlib import Path

from peewee import SqliteDatabase

from . import migrations
from .base import database_proxy

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,          # FULL: a power cut must not lose a saved record
    "busy_timeout": 10000,
    "cache_size": -32000,      # 32 MB page cache
    "temp_store": 2,
}


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer Tambon Desk; opening it could damage it."""


def make_database(path: str | os.PathLike, pragmas: dict | None = None) -> SqliteDatabase:
    """A SqliteDatabase with our pragmas, not yet bound to the models."""
    return SqliteDatabase(str(path), pragmas=pragmas or PRAGMAS, check_same_thread=False,
                          timeout=10)


def open_database(path: str | os.PathLike, *, migrate: bool = True,
                  backup_dir: str | os.PathLike | None = None) -> SqliteDatabase:
    """Open (creating if needed) the database at `path`, bind the models and migrate it.

    When a file that already holds data needs migrating, a backup is taken first into
    `backup_dir` (default: `backups/` beside the file).
    """
    path = Path(path)
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

            backup_database(db, Path(backup_dir) if backup_dir else path.parent / "backups",
                            reason=f"before-migration-{current}-to-{migrations.LATEST}")
        migrations.migrate(db)
    return db


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()
