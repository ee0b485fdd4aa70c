"""Numbered schema migrations and the schema_version table.

Each migration is a module `mNNNN_<what>.py` with `VERSION = NNNN` and `up(db)`. Tables are
created from *frozen copies* of the models inside the migration, never from the live models,
so an old migration keeps producing the old schema. Each migration runs in one transaction
and is tested by upgrading a database of the previous version (tests/test_migrations.py).
"""
from __future__ import annotations

import importlib
import pkgutil

from ..base import utcnow

_NAMES = sorted(name for _, name, _ in pkgutil.iter_modules(__path__) if name[:1] == "m"
                and name[1:5].isdigit())
MIGRATIONS = [importlib.import_module(f"{__name__}.{name}") for name in _NAMES]
LATEST = max(m.VERSION for m in MIGRATIONS)

assert [m.VERSION for m in MIGRATIONS] == list(range(1, LATEST + 1)), "migration numbers must be 1..N"


def current_version(db) -> int:
    """The schema version recorded in the file (0 for an empty file)."""
    db.execute_sql("CREATE TABLE IF NOT EXISTS schema_version ("
                   "version INTEGER NOT NULL, applied_at TEXT NOT NULL, name TEXT NOT NULL)")
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(db, target: int | None = None) -> list[int]:
    """Apply every migration above the file's version (up to `target`); return those applied."""
    target = LATEST if target is None else target
    done = []
    for mod in MIGRATIONS:
        if current_version(db) < mod.VERSION <= target:
            with db.atomic():
                mod.up(db)
                db.execute_sql("INSERT INTO schema_version (version, applied_at, name) "
                               "VALUES (?, ?, ?)", (mod.VERSION, utcnow(), mod.__name__.rsplit(".", 1)[1]))
            done.append(mod.VERSION)
    return done
