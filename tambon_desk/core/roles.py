"""Roles (admin / clerk / viewer), checked in the service layer, not only by greyed buttons.

A refused action is itself written to the audit log, so an attempt to write without the
right is visible afterwards. See ARCHITECTURE.md, "Roles".
"""

from __future__ import annotations

from peewee import ForeignKeyField

from ..db.models import Tambon
from .audit import audit
from .errors import PermissionDenied
from .i18n import N_, _

ROLES = ("viewer", "clerk", "admin")
ROLE_LABELS = {"viewer": N_("Viewer"), "clerk": N_("Clerk"), "admin": N_("Administrator")}
_RANK = {r: i for i, r in enumerate(ROLES)}


def has_role(ctx, role: str) -> bool:
    return ctx.user is not None and ctx.user.active and _RANK[ctx.user.role] >= _RANK[role]


def require(ctx, role: str, action: str, table: str = "", record_id: str | None = None) -> None:
    """Raise PermissionDenied (and audit the refusal) unless the user has at least `role`."""
    if has_role(ctx, role):
        return
    with ctx.db.atomic():
        audit(ctx, "denied", table, record_id, note=action)
    raise PermissionDenied(
        _("You do not have permission to do this ({action}). Ask an administrator.").format(
            action=action
        )
    )


# --- a user's scope on the hub (issue 17) ---------------------------------------------------
# On a provincial hub each tambon office writes only its own tambon: `User.scope` is "" (the
# whole database, as on a tambon PC) or a DOPA code prefix (province 2, district 4, tambon 6
# digits). Records that belong to no tambon (categories, settings …) follow the role alone.

_PATHS: dict = {}


def _tambon_path(model) -> list | None:
    """Foreign-key field names leading from `model` to Tambon ([] for Tambon itself)."""

    if model in _PATHS:
        return _PATHS[model]
    seen, queue, found = {model}, [(model, [])], None
    while queue and found is None:
        current, path = queue.pop(0)
        if current is Tambon:
            found = path
            break
        for field in current._meta.sorted_fields:
            if isinstance(field, ForeignKeyField) and field.rel_model not in seen:
                seen.add(field.rel_model)
                queue.append((field.rel_model, path + [field]))
    _PATHS[model] = found
    return found


def tambon_code_of(model, values: dict | None = None, record=None) -> str | None:
    """The DOPA code of the tambon a record (or the values of a new one) belongs to."""
    values = values or {}
    path = _tambon_path(model)
    if path is None:
        return None
    if not path:
        return values.get("code") or (record.code if record is not None else None)
    first = path[0]
    value = (
        values[first.name]
        if first.name in values
        else (record.__data__.get(first.name) if record is not None else None)
    )
    value = getattr(value, "id", value)
    for field, nxt in zip(path, path[1:] + [None]):
        if value is None:
            return None
        rel = field.rel_model
        if nxt is None:
            row = rel.select(rel.code).where(rel.id == value).tuples().first()
            return row[0] if row else None
        row = rel.select(getattr(rel, nxt.name)).where(rel.id == value).tuples().first()
        value = row[0] if row else None
    return None


def user_scope(ctx) -> str:
    return (getattr(ctx.user, "scope", "") or "") if ctx.user is not None else ""


def in_scope(scope: str, tambon_code: str | None) -> bool:
    return not scope or tambon_code is None or str(tambon_code).startswith(scope)


def tambon_path(model) -> list | None:
    """The foreign-key fields leading from `model` to its tambon ([] for Tambon itself, None
    for a table that belongs to no tambon): what a set-based scope check joins along."""
    return _tambon_path(model)


def require_scope(ctx, model, values: dict | None = None, record=None) -> None:
    """Raise PermissionDenied (audited) when the record lies outside the user's scope."""
    scope = user_scope(ctx)
    if not scope:
        return
    code = tambon_code_of(model, values, record)
    if in_scope(scope, code):
        return
    refuse_outside_scope(ctx, model._meta.table_name, getattr(record, "id", None), code)


def refuse_outside_scope(ctx, table: str, record_id, code) -> None:
    """Raise the audited PermissionDenied of a write to tambon `code`, outside the scope."""
    scope = user_scope(ctx)
    entry = ("denied", table, record_id, f"outside scope {scope}: tambon {code}")
    exc = PermissionDenied(
        _(
            "This record belongs to tambon {code}, outside the area you may change ({scope})."
        ).format(code=code, scope=scope)
    )
    if ctx.db.in_transaction():
        # The service's transaction rolls back; `records.transaction` writes this afterwards.
        exc.audit_after_rollback = [entry]
    else:
        with ctx.db.atomic():
            audit(ctx, entry[0], entry[1], entry[2], note=entry[3])
    raise exc
