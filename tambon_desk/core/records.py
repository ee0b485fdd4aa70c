"""Audited, role-checked, transactional writes shared by every service.

Every write in the product goes through `save_record`, `tombstone_record` or
`restore_record`: one transaction (BEGIN IMMEDIATE, so two writers never deadlock on a
lock upgrade), the role check, the optimistic-concurrency check (a record changed by someone
else since the form was opened is never silently overwritten), `updated_at/by`, and an
audit-log row with the values before and after.
"""

from __future__ import annotations

import datetime as _dt
import functools
import random
import time

from ..db import engines
from ..db.base import utcnow
from ..db.engines import is_retryable
from ..thai import format_date
from .audit import audit
from .errors import ConcurrentEditError, NotFound, ValidationError
from .i18n import _
from .roles import require, require_scope


def fetch(model, record_id):
    """The record with this id (tombstoned or not), or None: what a screen holds by id."""
    return model.get_or_none(model.id == record_id) if record_id else None


def transaction(ctx):
    """One write transaction; nested calls become savepoints."""
    db = ctx.db
    if db.in_transaction():
        return db.atomic()
    return _Outermost(ctx, db.atomic(lock_type="IMMEDIATE"))


class _Outermost:
    """The outermost transaction: after a rollback caused by a refusal, the refusal's own
    audit rows (`exc.audit_after_rollback`) are written, so a denied write stays visible."""

    def __init__(self, ctx, atomic):
        self.ctx, self.atomic = ctx, atomic

    def __enter__(self):
        return self.atomic.__enter__()

    def __exit__(self, exc_type, exc, tb):
        result = self.atomic.__exit__(exc_type, exc, tb)
        for action, table, record_id, note in getattr(exc, "audit_after_rollback", ()):
            with self.ctx.db.atomic():
                audit(self.ctx, action, table, record_id, note=note)
        return result


RETRIES = 8


def run_retrying(ctx, body, *args, **kwargs):
    """Run `body` (which opens its own write transaction) again when the engine asks for it.

    A hub under several officers and importers may answer "could not serialize" or
    "deadlock detected" (SQLite: "database is locked"); the whole transaction is then run
    again after a short random pause, so such errors never reach a user. Inside an outer
    transaction `body` simply runs: only the outermost one can be retried.
    """

    if ctx.db.in_transaction():
        return body(*args, **kwargs)
    for attempt in range(RETRIES):
        try:
            return body(*args, **kwargs)
        except Exception as exc:
            if attempt == RETRIES - 1 or not is_retryable(exc):
                raise
            time.sleep(random.uniform(0.01, 0.05) * (2**attempt))


def retrying(func):
    """Decorator form of `run_retrying` for services whose first argument is `ctx`."""

    @functools.wraps(func)
    def wrapper(ctx, *args, **kwargs):
        return run_retrying(ctx, func, ctx, *args, **kwargs)

    return wrapper


def _redacted(d: dict | None, redact) -> dict | None:
    if d is None:
        return None
    return {k: ("***" if k in redact else v) for k, v in d.items()}


def _changed(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [
        k
        for k in after
        if before.get(k) != after.get(k)
        and k not in ("updated_at", "updated_by", "created_at", "row_version")
    ]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _stale_error(fresh):

    try:
        when = (
            _dt.datetime.strptime(fresh.updated_at, "%Y-%m-%dT%H:%M:%S.%fZ")
            .replace(tzinfo=_dt.timezone.utc)
            .astimezone()
        )
        shown = f"{format_date(when.date())} {when:%H:%M}"
    except (TypeError, ValueError):
        shown = str(fresh.updated_at or "")
    return ConcurrentEditError(
        _(
            "{who} changed this record on {when}, after you opened it. Close it and open it "
            "again to see their change; your edits were not saved."
        ).format(who=fresh.updated_by or "?", when=shown),
        fresh.updated_by or "",
        shown,
    )


def check_not_stale(record, expected_updated_at: str | None, expected_version: int | None = None):
    """Refuse to overwrite a record that changed after the user opened it.

    The proof is the row version (raised by one on every write), not the clock: with the
    15.6 ms clock of Windows two saves can carry the same `updated_at`. The version compared
    is `expected_version`, else the one the caller's copy of the record was loaded with;
    `updated_at` too (`expected_updated_at`, else the loaded copy's), so a version merged
    from a bundle is noticed even when it carries the same row version. Returns the stored
    version.
    """
    model = type(record)
    query = model.select().where(model.id == record.id)
    if engines.is_hub(model._meta.database):
        # PostgreSQL reads committed rows without locking them: hold the row until the
        # transaction ends, so two officers' saves cannot both pass the check.
        query = query.for_update()
    fresh = query.first()
    if fresh is None:
        raise NotFound(_("This record no longer exists."))
    if expected_updated_at is None and expected_version is None:
        return fresh.row_version
    if expected_version is None:
        expected_version = record.__data__.get("row_version")
    if expected_updated_at is None:
        # A bundle merged in between brings the other office's version whole, row version
        # included, and that number may equal the one loaded here: the stamp tells them apart.
        expected_updated_at = record.__data__.get("updated_at")
    if (expected_version is not None and fresh.row_version != expected_version) or (
        expected_updated_at is not None and fresh.updated_at != expected_updated_at
    ):
        raise _stale_error(fresh)
    return fresh.row_version


def _stored_version(record) -> int:
    model = type(record)
    v = model.select(model.row_version).where(model.id == record.id).scalar()
    return v or 0


@retrying
def save_record(
    ctx,
    model,
    values: dict,
    record=None,
    *,
    expected_updated_at=None,
    expected_version: int | None = None,
    role: str | None = "clerk",
    action: str | None = None,
    redact=(),
):
    """Create (record None) or update `record` with `values`; audited; returns the record.

    `role=None` means the caller has already checked permissions (e.g. auth.py rules).
    """
    if role:
        require(
            ctx,
            role,
            action or ("edit " + model._meta.table_name),
            model._meta.table_name,
            record.id if record is not None else None,
        )
    require_scope(ctx, model, values, record)
    with transaction(ctx):
        now = utcnow()
        if record is None:
            record = model(**values)
            record.created_at = record.updated_at = now
            record.updated_by = ctx.username
            record.row_version = 1
            record.save(force_insert=True)
            audit(
                ctx,
                action or "create",
                model._meta.table_name,
                record.id,
                None,
                _redacted(record.to_dict(), redact),
            )
            return record
        stored = check_not_stale(record, expected_updated_at, expected_version)
        before = record.to_dict()
        for k, v in values.items():
            setattr(record, k, v)
        record.updated_at = now
        record.updated_by = ctx.username
        record.row_version = stored + 1
        record.save()
        b, a = _changed(before, record.to_dict())
        audit(
            ctx,
            action or "update",
            model._meta.table_name,
            record.id,
            _redacted(b, redact),
            _redacted(a, redact),
        )
        return record


def _set_deleted(ctx, record, action: str, deleted: bool, role: str, before_write) -> object:
    """Shared body of tombstone and restore: role, transaction, stamp, audit."""
    table = record._meta.table_name
    require(ctx, role, f"{action} {table}", table, record.id)
    require_scope(ctx, type(record), None, record)
    with transaction(ctx):
        before_write(record)
        now = utcnow()
        record.row_version = _stored_version(record) + 1
        record.deleted_at = now if deleted else None
        record.updated_at = now
        record.updated_by = ctx.username
        record.save()
        audit(ctx, action, table, record.id, None, None)
    return record


@retrying
def tombstone_record(
    ctx,
    record,
    *,
    expected_updated_at=None,
    expected_version: int | None = None,
    role: str = "clerk",
):
    """Soft-delete: the record goes to the recycle bin and travels as a delete."""
    return _set_deleted(
        ctx,
        record,
        "delete",
        True,
        role,
        lambda r: check_not_stale(r, expected_updated_at, expected_version),
    )


@retrying
def restore_record(ctx, record, validate=None, *, role: str = "clerk"):
    """Bring a record back from the recycle bin; `validate(record)` runs first."""
    return _set_deleted(ctx, record, "restore", False, role, validate or (lambda r: None))


def require_found(obj, what: str = ""):
    if obj is None:
        raise NotFound(_("Record not found.") + (f" ({what})" if what else ""))
    return obj


__all__ = [
    "audit",
    "check_not_stale",
    "require_found",
    "restore_record",
    "retrying",
    "run_retrying",
    "save_record",
    "tombstone_record",
    "transaction",
    "ValidationError",
]
