"""The bundle's `data.sqlite`: a consistent copy of the live database, then trimmed.

The copy comes from the SQLite backup API while the app stays open (`db/backup.py
copy_consistent`, journal_mode=delete, integrity-checked). Trimming works on that copy only:
local tables are emptied (no password hashes leave the PC), an optional village scope cuts
the other villages and everything hanging from them, and "only changes since" keeps the
records changed or received since a time plus the parents they need.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..db.backup import copy_consistent
from . import tables as T
from .tables import quote as q


def take_snapshot(ctx, dest: Path) -> Path:
    return copy_consistent(ctx.db, dest)


def _ids(con, sql, params=()) -> set:
    return {r[0] for r in con.execute(sql, params)}


def _cascade_orphans(con) -> None:
    """Delete rows whose non-null foreign key points at a row no longer in the copy."""
    for model in T.merge_models():
        for col, parent in T.foreign_keys(model):
            con.execute(
                f"DELETE FROM {q(T.table(model))} WHERE {q(col)} IS NOT NULL AND "
                f"{q(col)} NOT IN (SELECT id FROM {q(T.table(parent))})"
            )


def _drop_polymorphic_orphans(con) -> None:
    present = {T.table(m) for m in T.merge_models()}
    for tbl, (tcol, idcol) in T.POLYMORPHIC.items():
        if tbl == T.SYNC_TABLE or tbl not in present:
            continue
        owners = [r[0] for r in con.execute(f"SELECT DISTINCT {q(tcol)} FROM {q(tbl)}")]
        for owner in owners:
            if owner in present:
                con.execute(
                    f"DELETE FROM {q(tbl)} WHERE {q(tcol)}=? AND {q(idcol)} IS NOT NULL "
                    f"AND {q(idcol)} NOT IN (SELECT id FROM {q(owner)})",
                    (owner,),
                )
            else:
                con.execute(f"DELETE FROM {q(tbl)} WHERE {q(tcol)}=?", (owner,))


def scope_to(con, tambon_code: str | None = None, village_moo: int | None = None) -> None:
    """Keep one tambon (and one of its villages): the rest and what hangs from it goes."""
    if tambon_code is not None:
        con.execute("DELETE FROM tambon WHERE code != ?", (tambon_code,))
    if village_moo is not None:
        con.execute("DELETE FROM village WHERE moo != ?", (int(village_moo),))
    _cascade_orphans(con)
    _drop_polymorphic_orphans(con)


def keep_changed_since(con, since: str) -> None:
    """Keep records changed (or received from another office) after `since`, with parents."""
    models = T.merge_models()
    keep = {}
    for model in models:
        tbl = T.table(model)
        keep[tbl] = _ids(con, f"SELECT id FROM {q(tbl)} WHERE updated_at > ?", (since,)) | _ids(
            con,
            f"SELECT record_id FROM {q(T.SYNC_TABLE)} WHERE tbl=? AND received_at > ?",
            (tbl, since),
        )
    for model in reversed(models):  # children first: pull in parents
        tbl = T.table(model)
        for col, parent in T.foreign_keys(model):
            ids = keep[tbl]
            if not ids:
                continue
            con.execute("CREATE TEMP TABLE IF NOT EXISTS _k (id TEXT PRIMARY KEY)")
            con.execute("DELETE FROM _k")
            con.executemany("INSERT OR IGNORE INTO _k VALUES (?)", ((i,) for i in ids))
            keep.setdefault(T.table(parent), set()).update(
                _ids(
                    con,
                    f"SELECT DISTINCT {q(col)} FROM {q(tbl)} WHERE id IN (SELECT id FROM _k) "
                    f"AND {q(col)} IS NOT NULL",
                )
            )
    for model in models:
        tbl = T.table(model)
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _k (id TEXT PRIMARY KEY)")
        con.execute("DELETE FROM _k")
        con.executemany("INSERT OR IGNORE INTO _k VALUES (?)", ((i,) for i in keep[tbl]))
        con.execute(f"DELETE FROM {q(tbl)} WHERE id NOT IN (SELECT id FROM _k)")


def trim(path: Path, *, tambon_code=None, village_moo=None, since=None) -> dict:
    """Trim the copy in place; return {table: rows} for every travelling table."""
    con = sqlite3.connect(str(path))
    try:
        con.execute("PRAGMA foreign_keys=OFF")
        for model in T.local_models():
            if T.table(model) != T.SYNC_TABLE:
                con.execute(f"DELETE FROM {q(T.table(model))}")
        if tambon_code is not None or village_moo is not None:
            scope_to(con, tambon_code, village_moo)
        if since:
            keep_changed_since(con, since)
        con.commit()
        con.execute("VACUUM")
        counts = {}
        for model in T.merge_models() + [m for m in T.local_models() if T.table(m) == T.SYNC_TABLE]:
            tbl = T.table(model)
            counts[tbl] = con.execute(f"SELECT COUNT(*) FROM {q(tbl)}").fetchone()[0]
        return counts
    finally:
        con.close()


def tambons_in(path: Path) -> list[dict]:
    con = sqlite3.connect(str(path))
    try:
        return [
            {"code": c, "name_th": n, "district_th": d, "province_th": p}
            for c, n, d, p in con.execute(
                "SELECT code, name_th, district_th, province_th FROM tambon "
                "WHERE deleted_at IS NULL ORDER BY code"
            )
        ]
    finally:
        con.close()


def attachment_digests(path: Path) -> list[str]:
    con = sqlite3.connect(str(path))
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT sha256 FROM attachment ORDER BY 1")]
    finally:
        con.close()
