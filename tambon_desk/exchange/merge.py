"""Import and merge a bundle: dry run, backup, one transaction, report in the audit log.

How "changed on both sides since they last met" is known
-------------------------------------------------------
Every record carries `updated_at`, its version. For each sending office P, `SyncBase`
keeps the version of every record last received from P (the *base*). For a record X with
local version L, incoming version R, base b (what P sent last time) and the sender's own
base for us r (P's SyncBase rows about this office, carried in the bundle's data.sqlite):

* not here -> **add**;  L == R -> nothing;
* R == b (P has not changed X since it last sent it) or r == R -> **keep** ours (newer here);
* L == b (we have not changed X since P last sent it) or L == r (P had our version and
  changed it after) -> **take** R (a change, a delete when R is a tombstone);
* otherwise both changed X since they last met -> **conflict**: the newer `updated_at`
  wins; the losing version goes to `ExchangeConflict` (reviewable, restorable). Versions
  whose values are equal apart from who/when saved them are not a conflict (both sides keep
  the older stamp: rows seeded alike on every PC, such as account categories with fixed
  UUIDs, converge on the first one).

After the merge every incoming version becomes the base for P. Because a bundle carries its
sender's bases, a conflict settled on one PC is not raised again when the settled record
travels back. A record set up on both PCs under different UUIDs but with the same natural
key (a tambon's DOPA code, a village's moo, any unique column) is matched to the local one
first, so the two copies merge instead of colliding.

The dry run performs the same merge inside the transaction and rolls it back, so what it
lists is exactly what the real import does.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from peewee import ForeignKeyField, IntegrityError, SqliteDatabase

from ..core.auth import require
from ..core.errors import UserError
from ..core.i18n import _
from ..core.records import audit, transaction
from ..core.roles import refuse_outside_scope, tambon_path, user_scope
from ..db import attach, engines, migrations
from ..db.backup import backup_database
from ..db.base import utcnow
from ..db.models import SyncBase
from . import bundle as B
from . import tables as T
from .office import this_office
from .tables import quote as q

ALIAS = "bundle"
# Where the merge reads and writes (SQLite: main/bundle/temp; the hub: public, this
# importer's own bundle schema, pg_temp). Set by import_bundle for the bundle in hand.
_N = attach.SQLITE_NAMES
MAX_LISTED = 1000


@dataclass
class TableCounts:
    add: int = 0
    change: int = 0
    delete: int = 0
    conflict: int = 0
    keep: int = 0
    same: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class MergeReport:
    bundle: str
    office_id: str
    office_name: str
    dry_run: bool
    tables: dict = field(default_factory=dict)  # table -> TableCounts
    items: list = field(default_factory=list)  # (kind, table, record_id, detail)
    conflicts: list = field(default_factory=list)  # dicts: table, id, winner, versions
    attachments_copied: int = 0
    backup: str | None = None
    upgraded_from: int | None = None

    def total(self, kind: str, *, history: bool = True) -> int:
        return sum(getattr(c, kind) for t, c in self.tables.items() if history or t != "audit_log")

    @property
    def changes_anything(self) -> bool:
        return any(self.total(k) for k in ("add", "change", "delete", "conflict"))

    def summary(self) -> str:
        return _(
            "{add} added, {change} changed, {delete} deleted, {conflict} conflicts, "
            "{keep} newer here"
        ).format(
            **{
                k: self.total(k, history=False)
                for k in ("add", "change", "delete", "conflict", "keep")
            }
        )

    def as_dict(self) -> dict:
        return {
            "bundle": self.bundle,
            "office": self.office_name,
            "office_id": self.office_id,
            "dry_run": self.dry_run,
            "backup": self.backup,
            "upgraded_from": self.upgraded_from,
            "tables": {t: c.as_dict() for t, c in self.tables.items() if any(c.as_dict().values())},
            "conflicts": self.conflicts[:MAX_LISTED],
            "attachments_copied": self.attachments_copied,
        }


def combined(reports: list) -> MergeReport:
    """Several bundles' reports as one (a district's batch preview or result)."""
    if len(reports) == 1:
        return reports[0]
    names = list(dict.fromkeys(r.office_name for r in reports))
    out = MergeReport(
        bundle=", ".join(r.bundle for r in reports),
        office_id="",
        office_name=", ".join(names),
        dry_run=reports[0].dry_run,
        backup=reports[0].backup,
    )
    for r in reports:
        for tbl, c in r.tables.items():
            mine = out.tables.setdefault(tbl, TableCounts())
            for k, v in c.as_dict().items():
                setattr(mine, k, getattr(mine, k) + v)
        out.conflicts += r.conflicts
        out.items += r.items
        out.attachments_copied += r.attachments_copied
    return out


class _DryRun(Exception):
    pass


# --- preparing the incoming copy --------------------------------------------------------------


def _upgrade_copy(path: Path, bundle) -> int | None:
    """Bring an older bundle's database to this program's schema (a temporary copy)."""

    missing = [v for v in migrations.VERSIONS if v not in bundle.migrations]
    if not missing:
        return None
    db = SqliteDatabase(str(path), pragmas={"foreign_keys": 0})
    db.connect()
    try:
        before = migrations.current_version(db)
        migrations.migrate(db)
    finally:
        db.close()
    return before


def _execute(db, sql, params=()):
    return db.execute_sql(sql, params)


def _remap_natural_keys(db) -> int:
    """Give incoming records the local UUID of the record with the same natural key."""
    remapped = 0
    models = T.merge_models()
    children = {}
    for model in models:
        for col, parent in T.foreign_keys(model):
            children.setdefault(T.table(parent), []).append((T.table(model), col))
    for model in models:
        tbl = T.table(model)
        for key in T.natural_keys(model):
            cond = " AND ".join(f"m.{q(c)} = b.{q(c)}" for c in key)
            present = " AND ".join(f"b.{q(c)} IS NOT NULL" for c in key)  # NULLs never match
            pairs = list(
                _execute(
                    db,
                    f"""
                SELECT b.id, (SELECT m.id FROM {_N.main}.{q(tbl)} m WHERE {cond} AND m.id != b.id
                              ORDER BY m.deleted_at IS NOT NULL, m.created_at LIMIT 1)
                FROM {_N.bundle}.{q(tbl)} b
                WHERE {present}
                  AND NOT EXISTS (SELECT 1 FROM {_N.main}.{q(tbl)} x WHERE x.id = b.id)""",
                )
            )
            pairs = [(old, new) for old, new in pairs if new is not None]
            for old, new in pairs:
                if _execute(
                    db, f"SELECT 1 FROM {_N.bundle}.{q(tbl)} WHERE id=?", (new,)
                ).fetchone():
                    continue  # the local id is already taken in the bundle itself
                _execute(db, f"UPDATE {_N.bundle}.{q(tbl)} SET id=? WHERE id=?", (new, old))
                for ctbl, col in children.get(tbl, []):
                    _execute(
                        db,
                        f"UPDATE {_N.bundle}.{q(ctbl)} SET {q(col)}=? WHERE {q(col)}=?",
                        (new, old),
                    )
                for ptbl, (tcol, idcol) in T.POLYMORPHIC.items():
                    _execute(
                        db,
                        f"UPDATE {_N.bundle}.{q(ptbl)} SET {q(idcol)}=? "
                        f"WHERE {q(tcol)}=? AND {q(idcol)}=?",
                        (new, tbl, old),
                    )
                remapped += 1
    return remapped


# --- classification ---------------------------------------------------------------------------

_META = {"id", "created_at", "updated_at", "updated_by", "row_version"}


def version_sql(alias: str) -> str:
    """A record's version as the merge compares it: `updated_at`, with the row version
    (raised on every write, migration 6) appended once it is above 1. Two saves in one tick
    of a coarse clock differ by it; a record never written since migration 6 keeps the
    plain `updated_at` that the sync bases taken before it already hold."""
    return (
        f"CASE WHEN {alias}.row_version > 1 THEN {alias}.updated_at || '#' || "
        f"{alias}.row_version ELSE {alias}.updated_at END"
    )


def _newer(a: tuple, b: tuple) -> bool:
    """(updated_at, row_version) a after b."""
    return (a[0] or "", a[1] or 0) > (b[0] or "", b[1] or 0)


def known_columns(db, model, schema: str = ALIAS) -> list[str]:
    """The model's columns, each checked to exist in the attached table: a missing one is
    refused, never selected as `"col"` (which SQLite would read as a text literal)."""
    tbl = T.table(model)
    cols = T.columns(model)
    if engines.is_hub(db):  # copied column by column from the verified file
        return cols
    present = {r[1] for r in _execute(db, f"PRAGMA {schema}.table_info({q(tbl)})")}
    missing = [c for c in cols if c not in present]
    if missing:
        raise B.BundleError(
            _(
                "The bundle's database does not have the layout of its version "
                "(table {table}: {detail}); it was refused. Ask the sender to "
                "export it again."
            ).format(table=tbl, detail=", ".join("-" + c for c in missing))
        )
    return cols


_FIELD_TYPES = {
    "INT": "INTEGER",
    "INTEGER": "INTEGER",
    "BIGINT": "INTEGER",
    "BOOL": "INTEGER",
    "SMALLINT": "INTEGER",
    "FLOAT": "REAL",
    "REAL": "REAL",
    "DOUBLE": "REAL",
    "VARCHAR": "VARCHAR",
    "TEXT": "TEXT",
    "CHAR": "VARCHAR",
}


def field_types(model) -> dict:
    """{column: (type, False)} from the live model's own fields. NOT NULL is left to the
    table itself (checked against the migrations in verify), so a model that allows less
    than its migration never refuses a good bundle."""
    out = {}
    for f in model._meta.sorted_fields:
        ftype = f.rel_field.field_type if isinstance(f, ForeignKeyField) else f.field_type
        out[f.column_name] = (_FIELD_TYPES.get(str(ftype).upper(), ""), False)
    return out


def check_values(db, model) -> None:
    """Every incoming value passes its field's type check (money is an integer) before a
    row of the table is written."""
    tbl = T.table(model)
    if engines.is_hub(db):  # PostgreSQL's own column types refused such values
        return
    col = B.type_problem(db.connection(), tbl, field_types(model), schema=ALIAS)
    if col is not None:
        raise B.BundleError(
            _(
                "The bundle's database holds a value of the wrong type in "
                "{table}.{column} (for example text where an amount of money "
                "belongs); it was refused."
            ).format(table=tbl, column=col)
        )


def _row(db, schema, tbl, cols, rid) -> dict:
    r = _execute(
        db, f"SELECT {', '.join(q(c) for c in cols)} FROM {schema}.{q(tbl)} WHERE id=?", (rid,)
    ).fetchone()
    return dict(zip(cols, r)) if r else {}


# What `_classify` decides for each incoming row that differs from the local one:
#   add     not here, alive              -> insert          (counted as added)
#   gone    not here, already a tombstone -> insert          (counted as the same)
#   keep    unchanged there since last met -> leave ours     (newer here)
#   change / delete  unchanged here since  -> take theirs
#   both    changed on both sides          -> decided in Python (values compared, conflict)
#   both_take  a "both" row whose incoming version wins
_ADDS = ("add", "gone")
_CHANGES = ("change", "delete", "both_take")


def _kinds(kinds) -> str:
    return "(" + ", ".join(f"'{k}'" for k in kinds) + ")"


def _classify(db, model, peer, me, report: MergeReport, now: str):
    """Judge every incoming row of one table in one statement (into `temp._cls`); only the
    rows changed on both sides come to Python. Returns the conflict rows."""
    tbl = T.table(model)
    cols = known_columns(db, model)
    counts = report.tables.setdefault(tbl, TableCounts())
    total = _execute(db, f"SELECT COUNT(*) FROM {_N.bundle}.{q(tbl)}").fetchone()[0]
    bv, mv = version_sql("b"), version_sql("m")
    attach.clear_scratch(db, _N)
    _execute(
        db,
        f"""
        INSERT INTO {_N.temp}._cls (id, kind, local_version)
        SELECT b.id,
               CASE WHEN m.id IS NULL THEN
                        CASE WHEN b.deleted_at IS NULL THEN 'add' ELSE 'gone' END
                    WHEN {bv} = sb.version OR rb.version = {bv} THEN 'keep'
                    WHEN {mv} = sb.version OR {mv} = rb.version THEN
                        CASE WHEN b.deleted_at IS NOT NULL AND m.deleted_at IS NULL
                             THEN 'delete' ELSE 'change' END
                    ELSE 'both' END,
               {mv}
        FROM {_N.bundle}.{q(tbl)} b
        LEFT JOIN {_N.main}.{q(tbl)} m ON m.id = b.id
        LEFT JOIN {_N.main}.sync_base sb ON sb.peer = ? AND sb.tbl = ? AND sb.record_id = b.id
        LEFT JOIN {_N.bundle}.sync_base rb ON rb.peer = ? AND rb.tbl = ? AND rb.record_id = b.id
        WHERE m.id IS NULL OR {engines.distinct_sql(mv, bv, db)}""",
        (peer, tbl, me, tbl),
    )
    found = dict(
        _execute(db, f"SELECT kind, COUNT(*) FROM {_N.temp}._cls GROUP BY kind").fetchall()
    )
    attach.analyze_scratch(db, _N, sum(found.values()))
    counts.add += found.get("add", 0)
    counts.same += total - sum(found.values()) + found.get("gone", 0)
    counts.keep += found.get("keep", 0)
    counts.change += found.get("change", 0)
    counts.delete += found.get("delete", 0)

    def listed(kind, rid, detail=""):
        if len(report.items) < MAX_LISTED:
            report.items.append((kind, tbl, rid, detail))

    if (found.get("change", 0) or found.get("delete", 0)) and len(report.items) < MAX_LISTED:
        for rid, kind in _execute(
            db,
            f"SELECT id, kind FROM {_N.temp}._cls WHERE kind IN ('change', 'delete') "
            f"ORDER BY id LIMIT {MAX_LISTED - len(report.items)}",
        ):
            listed(kind, rid)
    conflicts, taken = [], []
    both = (
        _execute(
            db,
            f"""
        SELECT b.id, b.updated_at, b.row_version, m.updated_at, m.row_version
        FROM {_N.temp}._cls c JOIN {_N.bundle}.{q(tbl)} b ON b.id = c.id
        JOIN {_N.main}.{q(tbl)} m ON m.id = c.id
        WHERE c.kind = 'both' ORDER BY c.id""",
        ).fetchall()
        if found.get("both")
        else []
    )
    for rid, r_at, r_rv, l_at, l_rv in both:
        local, incoming = _row(db, _N.main, tbl, cols, rid), _row(db, _N.bundle, tbl, cols, rid)
        if {k: v for k, v in local.items() if k not in _META} == {
            k: v for k, v in incoming.items() if k not in _META
        }:
            counts.same += 1  # same values saved on both sides: no conflict;
            if _newer((l_at, l_rv), (r_at, r_rv)):  # both keep the older stamp (the
                taken.append(rid)  # original, e.g. a category seeded on every PC)
            continue
        remote_wins = _newer((r_at, r_rv), (l_at, l_rv))
        winner, loser = (incoming, local) if remote_wins else (local, incoming)
        if remote_wins:
            taken.append(rid)
        counts.conflict += 1
        detail = {
            "table": tbl,
            "record_id": rid,
            "winner": "incoming" if remote_wins else "local",
            "kept_version": winner["updated_at"],
            "lost_version": loser["updated_at"],
            "kept_by": winner.get("updated_by"),
            "lost_by": loser.get("updated_by"),
        }
        report.conflicts.append(detail)
        listed("conflict", rid, detail["winner"])
        conflicts.append((tbl, rid, winner, loser, remote_wins))
    if taken:
        engines.executemany(
            db, f"UPDATE {_N.temp}._cls SET kind = 'both_take' WHERE id = ?", [(i,) for i in taken]
        )
    found["both_take"] = len(taken)
    return found, conflicts


# --- applying -------------------------------------------------------------------------------


def _take(db, model, found: dict) -> bool:
    """Write what `_classify` decided, set-based: new rows in one INSERT … SELECT, taken
    changes (tombstones included) in one INSERT … ON CONFLICT (id) DO UPDATE. Returns whether
    anything was taken.

    Several importers may merge at once on the hub. The rows about to be changed are locked
    first and must still hold the version they were judged against, and every new row must
    really be new; otherwise another importer or officer wrote in between, and the whole
    merge runs again (`engines.WriteRace`, retried by `run_retrying`), judged afresh, so no
    write is lost."""
    adds = sum(found.get(k, 0) for k in _ADDS)
    changes = sum(found.get(k, 0) for k in _CHANGES)
    if not adds and not changes:
        return False
    tbl = T.table(model)
    cols = known_columns(db, model)
    names = ", ".join(q(c) for c in cols)
    picked = ", ".join(f"b.{q(c)}" for c in cols)
    source = f"FROM {_N.bundle}.{q(tbl)} b JOIN {_N.temp}._cls c ON c.id = b.id WHERE c.kind IN "
    if changes:
        moved = _execute(
            db,
            f"""
            SELECT COUNT(*) FROM (
                SELECT CASE WHEN {engines.distinct_sql(version_sql("m"), "c.local_version", db)}
                            THEN 1 ELSE 0 END AS moved
                FROM {_N.main}.{q(tbl)} m JOIN {_N.temp}._cls c ON c.id = m.id
                WHERE c.kind IN {_kinds(_CHANGES)}{engines.lock_rows_sql("m", db)}
            ) s WHERE moved = 1""",
        ).fetchone()[0]
        if moved:
            raise engines.WriteRace(f"{tbl}: {moved} rows changed during the merge")
    if adds:
        cur = _execute(
            db,
            f"INSERT INTO {_N.main}.{q(tbl)} ({names}) SELECT {picked} {source}{_kinds(_ADDS)} "
            "ON CONFLICT (id) DO NOTHING",
        )
        if cur.rowcount != adds:
            raise engines.WriteRace(f"{tbl}: {adds - cur.rowcount} rows added meanwhile")
    if changes:
        sets = ", ".join(f"{q(c)} = excluded.{q(c)}" for c in cols if c != "id")
        _execute(
            db,
            f"INSERT INTO {_N.main}.{q(tbl)} ({names}) SELECT {picked} {source}"
            f"{_kinds(_CHANGES)} ON CONFLICT (id) DO UPDATE SET {sets}",
        )
    return True


def _check_scope(ctx, model, kinds) -> None:
    """A user with a scope (a tambon office on the hub) writes only inside it: every row of
    `kinds` in `_cls`, as the live table now holds it, must lie in a tambon of the scope.
    Run before the write (rows about to change) and after it (rows as written), so a record
    can neither be taken from another tambon nor moved into one. One query per table."""
    scope = user_scope(ctx)
    path = tambon_path(model) if scope else None
    if path is None:
        return
    db = ctx.db
    tbl = T.table(model)
    joins, alias = [], "x"
    for i, f in enumerate(path):
        parent = f"p{i}"
        joins.append(
            f"JOIN {_N.main}.{q(T.table(f.rel_model))} {parent} "
            f"ON {parent}.id = {alias}.{q(f.column_name)}"
        )
        alias = parent
    row = _execute(
        db,
        f"""SELECT x.id, {alias}.code FROM {_N.temp}._cls c
        JOIN {_N.main}.{q(tbl)} x ON x.id = c.id {" ".join(joins)}
        WHERE c.kind IN {_kinds(kinds)} AND {alias}.code IS NOT NULL
          AND substr({alias}.code, 1, {len(scope)}) != ? LIMIT 1""",
        (scope,),
    ).fetchone()
    if row is not None:
        refuse_outside_scope(ctx, tbl, row[0], row[1])


def _update_bases(db, model, peer, took: bool, now, user) -> None:
    """Every incoming version becomes the base for `peer`; taken ones are stamped received.

    `temp._cls` still holds the verdicts on this table's rows. Bases that already hold the
    incoming version (a bundle imported again) are not written at all.
    """
    tbl = T.table(model)
    bv = version_sql("b")
    taken = _kinds(_ADDS + _CHANGES)
    # Ids that grow with time (20 hex digits of nanoseconds, then the row number) are appended
    # to the primary-key index instead of scattered through it: a district's tens of
    # thousands of bases per bundle are written about twice as fast.
    prefix = f"{time.time_ns():020x}"[-20:]
    _execute(
        db,
        f"""
        INSERT INTO {_N.main}.sync_base (id, created_at, updated_at, updated_by, peer, tbl,
                                         record_id, version, received_at)
        SELECT '{prefix}' || {engines.row_label_sql("b", db)}, ?, ?, ?, ?, ?, b.id, {bv},
               CASE WHEN c.kind IN {taken} THEN ? ELSE '' END
        FROM {_N.bundle}.{q(tbl)} b
        LEFT JOIN {_N.temp}._cls c ON c.id = b.id
        LEFT JOIN {_N.main}.sync_base sb ON sb.peer = ? AND sb.tbl = ? AND sb.record_id = b.id
        WHERE sb.id IS NULL OR {engines.distinct_sql("sb.version", bv, db)}
           OR c.kind IN {taken}
        ON CONFLICT(peer, tbl, record_id) DO UPDATE SET version=excluded.version,
            updated_at=excluded.updated_at,
            received_at=CASE WHEN excluded.received_at != '' THEN excluded.received_at
                             ELSE sync_base.received_at END
        WHERE {engines.distinct_sql("sync_base.version", "excluded.version", db)}
           OR excluded.received_at != ''""",
        (now, now, user, peer, tbl, now if took else "", peer, tbl),
    )


def conflict_id(tbl: str, rid: str, kept_version: str, lost_version: str) -> str:
    """The same conflict met on both PCs gets the same id (so it merges as one row)."""
    return uuid.uuid5(
        uuid.NAMESPACE_URL, f"tambon-desk:conflict:{tbl}:{rid}:{kept_version}:{lost_version}"
    ).hex


def _record_conflicts(db, conflicts, report, my_name) -> None:
    for tbl, rid, winner, loser, remote_wins in conflicts:
        lost_office, kept_office = (
            (my_name, report.office_name) if remote_wins else (report.office_name, my_name)
        )
        kept = winner["updated_at"]
        _execute(
            db,
            f"""INSERT INTO {_N.main}.exchange_conflict (id, created_at, updated_at,
            updated_by, tbl, record_id, kept_version, lost_version, lost_values, lost_by,
            lost_office, kept_office, resolution, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '') ON CONFLICT DO NOTHING""",
            (
                conflict_id(tbl, rid, kept, loser["updated_at"]),
                kept,
                kept,
                winner.get("updated_by"),
                tbl,
                rid,
                kept,
                loser["updated_at"],
                json.dumps(loser, ensure_ascii=False, sort_keys=True),
                loser.get("updated_by") or "",
                lost_office,
                kept_office,
            ),
        )


def _copy_attachments(ctx, bundle, report) -> None:
    for name in bundle.manifest["files"]:
        if not name.startswith(B.ATTACH_PREFIX):
            continue
        digest = name.rsplit("/", 1)[-1]
        target = ctx.attachments_dir / digest[:2] / digest
        if target.exists():
            continue
        part = target.with_name(digest + ".part")
        bundle.extract(name, part)
        with open(part, "rb") as f:
            os.fsync(f.fileno())
        os.replace(part, target)
        report.attachments_copied += 1


def _merge(ctx, bundle, report, *, dry_run: bool, progress) -> None:
    db = ctx.db
    me = this_office(ctx).id
    peer = bundle.office_id
    now = utcnow()
    user = ctx.username
    models = T.merge_models()
    report.tables.clear()  # a retried transaction counts afresh
    report.items.clear()
    report.conflicts.clear()
    attach.create_scratch(db, _N)
    try:
        with transaction(ctx):
            engines.defer_foreign_keys(db)
            engines.prefer_index_joins(db)
            all_conflicts = []
            for model in models:  # nothing is written before all pass
                check_values(db, model)
            for i, model in enumerate(models):
                found, conflicts = _classify(db, model, peer, me, report, now)
                _check_scope(ctx, model, _CHANGES)
                took = _take(db, model, found)
                if took:
                    _check_scope(ctx, model, _ADDS + _CHANGES)
                _update_bases(db, model, peer, took, now, user)
                all_conflicts += conflicts
                progress(0.3 + 0.6 * (i + 1) / len(models), T.table(model))
            _record_conflicts(db, all_conflicts, report, this_office(ctx).name)
            if dry_run:
                raise _DryRun
            from ..db.models import ExchangeLog

            ExchangeLog.create(
                direction="import",
                office=report.office_name,
                peer=peer,
                bundle=report.bundle,
                at=now,
                counts={t: c.as_dict() for t, c in report.tables.items()},
                created_at=now,
                updated_at=now,
                updated_by=user,
            )
            audit(ctx, "import", "exchange", None, after=report.as_dict(), note=report.summary())
    except _DryRun:
        pass
    except (sqlite3.IntegrityError, IntegrityError) as exc:
        raise UserError(
            _(
                "The bundle's records clash with records in this database ({error}). "
                "Nothing was imported."
            ).format(error=exc)
        )


def _sync_model():
    return SyncBase


def import_bundles(
    ctx, paths, *, progress=None, passphrase: str | None = None
) -> list[MergeReport]:
    """A district merging many bundles: one backup before the batch, then each in turn.

    Each bundle is still verified and merged in its own transaction; a bad one stops the
    batch with the ones before it imported (and the backup from before the batch kept).
    """
    require(ctx, "clerk", "import bundle", "exchange")
    paths = list(paths)
    for p in paths:  # refuse the batch before changing anything
        B.verify(p, passphrase=passphrase)
    taken = backup_database(ctx.db, ctx.backup_dir, reason="before-import")
    taken = str(taken) if taken else None
    reports = []
    for i, p in enumerate(paths):
        step = (lambda k: lambda f, t: progress((k + f) / len(paths), t))(i) if progress else None
        report = import_bundle(ctx, p, progress=step, backup=False, passphrase=passphrase)
        report.backup = taken
        reports.append(report)
    return reports


def import_bundle(
    ctx,
    path,
    *,
    dry_run: bool = False,
    progress=None,
    backup: bool = True,
    passphrase: str | None = None,
) -> MergeReport:
    """Verify, back up, merge in one transaction; a dry run changes nothing.

    `backup=False` only for `import_bundles`, which backs up once before its batch.
    """
    require(ctx, "clerk", "import bundle", "exchange")
    report_progress = progress or (lambda f, t: None)
    report_progress(0.0, _("Checking the bundle"))
    with tempfile.TemporaryDirectory(prefix="tambon-import-") as tmp:
        data = Path(tmp) / B.DATA
        plain = B.unseal_to(path, Path(tmp), passphrase)  # a sealed bundle: decrypted
        bundle = B.verify(plain, progress=lambda f, t: report_progress(0.2 * f, t), keep_data=data)
        report = MergeReport(
            bundle=Path(path).name,
            office_id=bundle.office_id,
            office_name=bundle.office_name,
            dry_run=dry_run,
        )
        report.upgraded_from = _upgrade_copy(data, bundle)
        if not dry_run and backup:
            report_progress(0.25, _("Backing up this database first"))
            taken = backup_database(ctx.db, ctx.backup_dir, reason="before-import")
            report.backup = str(taken) if taken else None
        if not dry_run:
            # Files first: content-addressed, so a file the merge then does not use is harmless,
            # while a record committed without its file would not be.
            _copy_attachments(ctx, bundle, report)
        db = ctx.db
        global _N
        _N = attach.attach_bundle(
            db, data, {T.table(m): T.columns(m) for m in T.merge_models() + [_sync_model()]}
        )
        try:
            _remap_natural_keys(db)
            attach.foreign_keys_on(db)
            from ..core.records import run_retrying

            run_retrying(
                ctx, _merge, ctx, bundle, report, dry_run=dry_run, progress=report_progress
            )
        finally:
            attach.detach_bundle(db, _N)
            _N = attach.SQLITE_NAMES
    report_progress(1.0, report.summary())
    return report
