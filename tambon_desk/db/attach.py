"""A bundle's SQLite file beside the live database, for the merge to read in SQL.

SQLite attaches the file (`ATTACH … AS bundle`). PostgreSQL cannot read a SQLite file, so on
the hub the bundle's tables are copied (COPY, the fastest way in) into a schema of their own
for this importer (`bundle_<pid>_<random>`), dropped afterwards. Several importers can then
work at once, each on its own copy. The merge's SQL names the three places through
`Names`: `main` (the live tables), `bundle` (the incoming copy) and `temp` (scratch tables).
"""
from __future__ import annotations

import io
import os
import secrets
import sqlite3
from dataclasses import dataclass

from .engines import is_hub


@dataclass(frozen=True)
class Names:
    main: str
    bundle: str
    temp: str


SQLITE_NAMES = Names("main", "bundle", "temp")
_CHUNK = 20000


def attach_bundle(db, path, tables) -> Names:
    """Make the bundle at `path` readable as `<names.bundle>.<table>` for `tables`."""
    if not is_hub(db):
        db.execute_sql("PRAGMA foreign_keys=OFF")
        db.execute_sql(f"ATTACH DATABASE ? AS {SQLITE_NAMES.bundle}", (str(path),))
        return SQLITE_NAMES
    names = Names("public", f"bundle_{os.getpid()}_{secrets.token_hex(3)}", "pg_temp")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        present = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        with db.atomic():
            db.execute_sql(f'CREATE SCHEMA "{names.bundle}"')
            for table in tables:
                _copy_table(db, src, names.bundle, table, table in present)
    finally:
        src.close()
    return names


def _copy_table(db, src, schema: str, table: str, present: bool) -> None:
    target = f'"{schema}"."{table}"'
    db.execute_sql(f'CREATE TABLE {target} (LIKE public."{table}" INCLUDING DEFAULTS)')
    if present:
        live = [c.name for c in db.get_columns(table)]
        theirs = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
        cols = [c for c in live if c in theirs]
        names = ", ".join(f'"{c}"' for c in cols)
        cur = src.execute(f'SELECT {names} FROM "{table}"')
        raw = db.cursor()
        while True:
            rows = cur.fetchmany(_CHUNK)
            if not rows:
                break
            buf = io.StringIO()
            for row in rows:
                buf.write("\t".join(_copy_text(v) for v in row))
                buf.write("\n")
            buf.seek(0)
            raw.copy_expert(f"COPY {target} ({names}) FROM STDIN", buf)
    db.execute_sql(f'ALTER TABLE {target} ADD PRIMARY KEY (id)')
    if table == "sync_base":
        db.execute_sql(f'CREATE INDEX ON {target} (peer, tbl, record_id)')
    db.execute_sql(f"ANALYZE {target}")


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bytes):
        return "\\\\x" + value.hex()
    return (str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def detach_bundle(db, names: Names) -> None:
    if not is_hub(db):
        db.execute_sql("PRAGMA foreign_keys=ON")
        db.execute_sql(f"DETACH DATABASE {names.bundle}")
        return
    if db.in_transaction():
        db.rollback()
    db.execute_sql(f'DROP SCHEMA IF EXISTS "{names.bundle}" CASCADE')


def foreign_keys_on(db) -> None:
    if not is_hub(db):
        db.execute_sql("PRAGMA foreign_keys=ON")


def create_scratch(db, names: Names) -> None:
    db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS _take (id TEXT PRIMARY KEY)")


def fill_scratch(db, names: Names, ids) -> None:
    """`<temp>._take` := `ids`."""
    db.execute_sql(f"DELETE FROM {names.temp}._take")
    if is_hub(db):
        from psycopg2.extras import execute_values

        execute_values(db.cursor(), "INSERT INTO pg_temp._take VALUES %s ON CONFLICT DO NOTHING",
                       [(i,) for i in ids], page_size=5000)
    else:
        db.cursor().executemany("INSERT OR IGNORE INTO temp._take VALUES (?)",
                                ((i,) for i in ids))
