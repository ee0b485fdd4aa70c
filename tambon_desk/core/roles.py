"""Roles (admin / clerk / viewer), checked in the service layer, not only by greyed buttons.

A refused action is itself written to the audit log, so an attempt to write without the
right is visible afterwards. See ARCHITECTURE.md, "Roles".
"""
from __future__ import annotations

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
    raise PermissionDenied(_("You do not have permission to do this ({action}). "
                             "Ask an administrator.").format(action=action))
