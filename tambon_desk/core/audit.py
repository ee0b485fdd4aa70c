"""The audit log: who did what, when, to which record, with the values before and after.

Written inside the caller's transaction by every audited write (`records.py`) and by a
refused action (`roles.py`). It travels in bundles, so a district sees who keyed what.
"""

from __future__ import annotations

import uuid

from ..db.base import utcnow
from ..db.models import AuditLog


def audit(
    ctx, action: str, table: str, record_id: str | None, before=None, after=None, note: str = ""
) -> None:
    now = utcnow()
    AuditLog.insert(
        at=now,
        created_at=now,
        updated_at=now,
        updated_by=ctx.username,
        username=ctx.username,
        action=action,
        table=table,
        record_id=record_id,
        before=before,
        after=after,
        note=note,
        id=uuid.uuid4().hex,
    ).execute()
