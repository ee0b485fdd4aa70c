"""Exchange bookkeeping: who this office is, what each peer is known to hold, conflicts.

"Since they last met" (ARCHITECTURE.md, "Exchange") is known per record and per peer office: `SyncBase` keeps,
for every record that arrived in a bundle from office P, the version (`updated_at`) that P
sent. A record whose local version still equals that base has not changed here since; one
whose incoming version equals it has not changed there. A bundle also carries its sender's
own bases, so a conflict resolved on one side is not raised again on the other.
"""

from peewee import CharField, TextField

from ..base import BaseModel, JSONField, utcnow


class Office(BaseModel):
    """This database's identity in bundles (one row; its id is the office id)."""

    name = CharField(default="")

    class Meta:
        exchange = "local"


class SyncBase(BaseModel):
    """The version of a record last received from `peer` (shipped inside bundles, not merged)."""

    updated_at = CharField(max_length=27, default=utcnow)  # no index: one row per record
    peer = CharField(max_length=32)
    tbl = CharField(max_length=64)
    record_id = CharField(max_length=32)
    version = CharField(max_length=40)  # updated_at#row_version (migration 11)
    received_at = CharField(max_length=27, default="")  # local time the version was taken

    class Meta:
        exchange = "local"
        indexes = ((("peer", "tbl", "record_id"), True),)


class ExchangeLog(BaseModel):
    """One export or import: the watermark for "only changes since the last export"."""

    direction = CharField(max_length=8)  # export | import
    office = CharField(default="")  # office named by the clerk, or sender
    peer = CharField(max_length=32, default="")  # sender's office id (imports)
    bundle = CharField(default="")
    at = CharField(max_length=27)  # local UTC time of the snapshot
    counts = JSONField(null=True)

    class Meta:
        exchange = "local"


class ExchangeConflict(BaseModel):
    """A version that lost "newer change wins"; restorable. Travels, so both sides see it.

    Both PCs meeting the same conflict (sticks crossing) write the very same row: its id is
    derived from (table, record, kept version, lost version), its timestamps are the kept
    version, so the two rows merge as one instead of conflicting themselves.
    """

    tbl = CharField(max_length=64)
    record_id = CharField(max_length=32, index=True)
    kept_version = CharField(max_length=27)
    lost_version = CharField(max_length=27)
    lost_values = JSONField()
    lost_by = CharField(default="")
    lost_office = CharField(default="")  # office that had the lost version
    kept_office = CharField(default="")
    resolved_at = CharField(max_length=27, null=True)
    resolution = CharField(max_length=16, default="")  # "" | restored | dismissed
    note = TextField(default="")

    class Meta:
        exchange = "merge"
