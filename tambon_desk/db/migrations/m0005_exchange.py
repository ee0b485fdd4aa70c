"""Exchange bookkeeping: office identity, per-peer sync bases, export/import log, conflicts."""

from peewee import CharField, TextField

from ._frozen import frozen_base

VERSION = 5


def up(db):
    Base = frozen_base(db)

    class Office(Base):
        name = CharField(default="")

    class SyncBase(Base):
        updated_at = CharField(max_length=27)
        peer = CharField(max_length=32)
        tbl = CharField(max_length=64)
        record_id = CharField(max_length=32)
        version = CharField(max_length=27)
        received_at = CharField(max_length=27, default="")

        class Meta:
            indexes = ((("peer", "tbl", "record_id"), True),)

    class ExchangeLog(Base):
        direction = CharField(max_length=8)
        office = CharField(default="")
        peer = CharField(max_length=32, default="")
        bundle = CharField(default="")
        at = CharField(max_length=27)
        counts = TextField(null=True)

    class ExchangeConflict(Base):
        tbl = CharField(max_length=64)
        record_id = CharField(max_length=32, index=True)
        kept_version = CharField(max_length=27)
        lost_version = CharField(max_length=27)
        lost_values = TextField()
        lost_by = CharField(default="")
        lost_office = CharField(default="")
        kept_office = CharField(default="")
        resolved_at = CharField(max_length=27, null=True)
        resolution = CharField(max_length=16, default="")
        note = TextField(default="")

    db.create_tables([Office, SyncBase, ExchangeLog, ExchangeConflict])
