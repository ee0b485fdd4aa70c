"""Numbered schema migrations and the schema_version table.

Each migration is a module `mNNNN_<what>.py` with `VERSION = NNNN` and `up(db)`. Tables are
created from *frozen copies* of the models inside the migration, never from the live models,
so an old migration keeps producing the old schema. Each migration runs in one transaction
and is tested by upgrading a database of the previous version (tests/test_migrations.py).
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil

from ..base import utcnow

_NAMES = sorted(
    name for _, name, _ in pkgutil.iter_modules(__path__) if name[:1] == "m" and name[1:5].isdigit()
)
# Versions come from the file names, so opening a database imports no migration (and none of
# what they import); a migration's module loads only when it runs.
VERSIONS = [int(name[1:5]) for name in _NAMES]
LATEST = max(VERSIONS)

assert len(set(VERSIONS)) == len(VERSIONS), "migration numbers must be unique"


def modules() -> list:
    """Every migration module, in order (imported on first use)."""
    found = globals().get("MIGRATIONS")
    if found is None:
        found = [importlib.import_module(f"{__name__}.{name}") for name in _NAMES]
        assert [m.VERSION for m in found] == VERSIONS, "VERSION must match the file's number"
        globals()["MIGRATIONS"] = found
    return found


def __getattr__(name: str):
    if name == "MIGRATIONS":
        return modules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def current_version(db) -> int:
    """The schema version recorded in the file (0 for an empty file)."""
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER NOT NULL, applied_at TEXT NOT NULL, name TEXT NOT NULL)"
    )
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def applied_versions(db) -> set[int]:
    current_version(db)  # creates the table on an empty file
    return {row[0] for row in db.execute_sql("SELECT version FROM schema_version")}


def pending(db, target: int | None = None) -> list[int]:
    """Versions of this program's migrations not yet applied to the file."""
    target = LATEST if target is None else target
    applied = applied_versions(db)
    return [v for v in VERSIONS if v not in applied and v <= target]


def migrate(db, target: int | None = None) -> list[int]:
    """Apply every migration not yet recorded in the file (up to `target`); return those applied.

    Set semantics rather than "above the highest": areas are developed in parallel and their
    numbers are reserved in advance, so a file may hold 1 and 3 before 2 is merged.
    """
    target = LATEST if target is None else target
    done = []
    applied = applied_versions(db)
    for mod in modules():
        if mod.VERSION not in applied and mod.VERSION <= target:
            with _foreign_keys_off(db, getattr(mod, "FOREIGN_KEYS_OFF", False)) as check:
                with db.atomic():
                    mod.up(db)
                    check()
                    db.execute_sql(
                        "INSERT INTO schema_version (version, applied_at, name) VALUES (?, ?, ?)",
                        (mod.VERSION, utcnow(), mod.__name__.rsplit(".", 1)[1]),
                    )
            done.append(mod.VERSION)
    if done and max(done) >= _ROW_VERSIONS:
        # Tables later areas create from the frozen base get the row version of m0006 too.
        with db.atomic():
            modules()[VERSIONS.index(_ROW_VERSIONS)].add_row_versions(db)
    return done


_ROW_VERSIONS = 6


@contextlib.contextmanager
def _foreign_keys_off(db, wanted: bool):
    """SQLite's way to rebuild a table other tables point at (a migration that declares
    `FOREIGN_KEYS_OFF`): foreign keys off outside the transaction, `foreign_key_check`
    before its commit (a dangling reference rolls the migration back), then on again.
    PostgreSQL alters tables in place and needs none of it."""
    from .. import engines

    if not wanted or engines.is_hub(db):
        yield lambda: None
        return
    if db.in_transaction():
        raise RuntimeError("a table-rebuilding migration cannot run inside a transaction")
    was_on = db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
    db.execute_sql("PRAGMA foreign_keys=OFF")

    def check():
        bad = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise RuntimeError(f"dangling references after the migration: {bad[:5]}")

    try:
        yield check
    finally:
        if was_on:
            db.execute_sql("PRAGMA foreign_keys=ON")
