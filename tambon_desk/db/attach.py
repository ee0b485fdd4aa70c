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


def attach_bundle(db, path, tables: dict) -> Names:
    """Make the bundle at `path` readable as `<names.bundle>.<table>`; `tables` maps each
    table name to its columns (as the live schema has them)."""
    if not is_hub(db):
        db.execute_sql("PRAGMA foreign_keys=OFF")
        db.execute_sql(f"ATTACH DATABASE ? AS {SQLITE_NAMES.bundle}", (str(path),))
        return SQLITE_NAMES
    names = Names("public", f"bundle_{os.getpid()}_{secrets.token_hex(3)}", "pg_temp")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        present = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        with db.atomic():
            # All the empty copies in one round trip; then the rows, by COPY.
            db.execute_sql(
                f'CREATE SCHEMA "{names.bundle}"; '
                + "; ".join(
                    f'CREATE TABLE "{names.bundle}"."{t}" (LIKE public."{t}" INCLUDING DEFAULTS)'
                    for t in tables
                )
            )
            after = []
            for table, columns in tables.items():
                if table in present:
                    after += _copy_table(db, src, names.bundle, table, columns)
            db.execute_sql("; ".join(after))
    finally:
        src.close()
    return names


def _copy_table(db, src, schema: str, table: str, columns) -> list[str]:
    """COPY the rows in; returns the statements to run once every table is in (keys,
    statistics), or [] for an empty table."""
    target = f'"{schema}"."{table}"'
    theirs = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
    cols = [c for c in columns if c in theirs]
    names = ", ".join(f'"{c}"' for c in cols)
    # SQLite writes each row as one line of COPY's text format itself (C speed): NULL as \N,
    # backslash, tab and line breaks escaped, columns joined by tabs.
    line = " || char(9) || ".join(_copy_expr(c) for c in cols)
    cur = src.execute(f'SELECT {line} FROM "{table}"')
    raw = db.cursor()
    total = 0
    while True:
        rows = cur.fetchmany(_CHUNK)
        if not rows:
            break
        total += len(rows)
        buf = io.StringIO("\n".join(r[0] for r in rows) + "\n")
        raw.copy_expert(f"COPY {target} ({names}) FROM STDIN", buf)
    if not total:
        return []
    out = [f"ALTER TABLE {target} ADD PRIMARY KEY (id)"]
    if table == "sync_base":
        out.append(f"CREATE INDEX ON {target} (peer, tbl, record_id)")
    if total > 500:
        out.append(f"ANALYZE {target}")
    return out


def _copy_expr(column: str) -> str:
    """SQLite expression: the column as COPY text (NULL -> \\N; \\, tab, LF, CR escaped)."""
    text = f'CAST("{column}" AS TEXT)'
    for found, escaped in (
        ("'\\'", "'\\\\'"),
        ("char(9)", "'\\t'"),
        ("char(10)", "'\\n'"),
        ("char(13)", "'\\r'"),
    ):
        text = f"replace({text}, {found}, {escaped})"
    return f"""CASE WHEN "{column}" IS NULL THEN '\\N' ELSE {text} END"""


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
    """`<temp>._cls`: the merge's verdict on each incoming row of the table in hand (its kind
    and the local version it was judged against), so every step after it is one statement."""
    db.execute_sql(
        "CREATE TEMP TABLE IF NOT EXISTS _cls "
        "(id TEXT PRIMARY KEY, kind TEXT NOT NULL, local_version TEXT)"
    )


def clear_scratch(db, names: Names) -> None:
    """Empty `_cls` (TRUNCATE on the hub: a temporary table is never vacuumed, so deleted
    rows would pile up over a day of imports)."""
    if is_hub(db):
        db.execute_sql("TRUNCATE pg_temp._cls")
    else:
        db.execute_sql(f"DELETE FROM {names.temp}._cls")


def analyze_scratch(db, names: Names, rows: int) -> None:
    """PostgreSQL never analyses a temporary table by itself: without statistics it would
    plan the joins on `_cls` for a handful of rows."""
    if is_hub(db) and rows > 500:
        db.execute_sql("ANALYZE pg_temp._cls")
