"""This database's identity in bundles: an office id (UUID) made once, and a name.

Bundles say which office sent them; the importer keeps what it received per sending office
(`SyncBase`), which is how it knows whether a record changed "since they last met".
"""

from __future__ import annotations

import socket

from .. import registry
from ..core.records import save_record
from ..db.base import utcnow
from ..db.models import Office


def this_office(ctx):
    """The Office row of this database, created on first use (bookkeeping, not audited)."""
    office = Office.select().order_by(Office.created_at).first()
    if office is None:
        now = utcnow()
        office = Office.create(
            name=default_name(), created_at=now, updated_at=now, updated_by=ctx.username
        )
    elif not office.name.strip():
        name = default_name()  # the office was made before its tambon arrived
        if name:
            Office.update(name=name).where(Office.id == office.id).execute()
            office.name = name
    return office


def default_name() -> str:
    """ "<tambon> (<code>) <computer>": two PCs of one tambon stay distinguishable."""

    home = registry.home_tambon()
    if home is None:
        return ""
    return f"{home.name_th} ({home.code}) {socket.gethostname()}".strip()


def set_office_name(ctx, name: str):
    office = this_office(ctx)
    return save_record(
        ctx, type(office), {"name": name.strip()}, record=office, role="admin", action="office name"
    )
