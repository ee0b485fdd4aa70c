"""This database's identity in bundles: an office id (UUID) made once, and a name.

Bundles say which office sent them; the importer keeps what it received per sending office
(`SyncBase`), which is how it knows whether a record changed "since they last met".
"""
from __future__ import annotations


def this_office(ctx):
    """The Office row of this database, created on first use (bookkeeping, not audited)."""
    from ..db.base import utcnow
    from ..db.models import Office

    office = Office.select().order_by(Office.created_at).first()
    if office is None:
        from .. import tambons

        home = tambons.home_tambon()
        name = f"{home.name_th} ({home.code})" if home is not None else ""
        now = utcnow()
        office = Office.create(name=name, created_at=now, updated_at=now,
                               updated_by=ctx.username)
    return office


def set_office_name(ctx, name: str):
    from ..records import save_record

    office = this_office(ctx)
    return save_record(ctx, type(office), {"name": name.strip()}, record=office, role="admin",
                       action="office name")
