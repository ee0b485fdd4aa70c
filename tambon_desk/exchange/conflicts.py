"""Conflicts left by imports: the losing versions, to review and bring back.

"Newer change wins" settles a conflict at once so the two PCs end with the same data; the
losing version is never thrown away. Restoring saves it as a new change (audited, newer than
both), which then travels like any edit; the conflict row is marked restored.
"""

from __future__ import annotations

from peewee import ForeignKeyField

from ..core.auth import require
from ..core.errors import NotFound, ValidationError
from ..core.i18n import _
from ..core.records import save_record, transaction
from ..db.base import utcnow
from ..db.models import ExchangeConflict
from . import tables as T


def list_conflicts(include_resolved: bool = False) -> list:
    q = ExchangeConflict.alive()
    if not include_resolved:
        q = q.where(ExchangeConflict.resolved_at.is_null())
    return list(q.order_by(ExchangeConflict.created_at.desc()))


def _model_for(tbl: str):
    for model in T.merge_models():
        if T.table(model) == tbl:
            return model
    raise NotFound(_("Table {table} is not known to this program.").format(table=tbl))


def conflict_differences(conflict) -> list[tuple[str, object, object]]:
    """[(column, value now, value that lost)] for the columns that differ."""
    model = _model_for(conflict.tbl)
    current = model.get_or_none(model.id == conflict.record_id)
    now = current.to_dict() if current is not None else {}
    by_col = {f.column_name: f.name for f in model._meta.sorted_fields}
    out = []
    for col, lost in conflict.lost_values.items():
        if col in ("id", "created_at", "updated_at", "updated_by"):
            continue
        value = now.get(by_col.get(col, col))
        if value != lost:
            out.append((col, value, lost))
    return out


def restore_conflict(ctx, conflict):
    """Bring the losing version back as a new, audited change; mark the conflict restored."""
    require(ctx, "clerk", "restore conflict", "exchange_conflict", conflict.id)
    if conflict.resolved_at is not None:
        raise ValidationError(_("This conflict has already been settled."))
    model = _model_for(conflict.tbl)
    record = model.get_or_none(model.id == conflict.record_id)
    values = {}
    for f in model._meta.sorted_fields:
        if (
            f.column_name in ("id", "created_at", "updated_at", "updated_by")
            or f.column_name not in conflict.lost_values
        ):
            continue
        raw = conflict.lost_values[f.column_name]
        if isinstance(f, ForeignKeyField):
            values[f.object_id_name] = raw
        else:
            values[f.name] = f.python_value(raw) if raw is not None else None
    with transaction(ctx):
        if record is None:
            values["id"] = conflict.record_id
        record = save_record(
            ctx, model, values, record=record, role=None, action="restore conflict"
        )
        save_record(
            ctx,
            type(conflict),
            {"resolved_at": utcnow(), "resolution": "restored"},
            record=conflict,
            role=None,
            action="restore conflict",
        )
    return record


def dismiss_conflict(ctx, conflict):
    """The clerk checked the winner is right: the conflict leaves the list (kept, audited)."""
    return save_record(
        ctx,
        type(conflict),
        {"resolved_at": utcnow(), "resolution": "dismissed"},
        record=conflict,
        role="clerk",
        action="dismiss conflict",
    )
