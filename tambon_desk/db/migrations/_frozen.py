"""The frozen base model every migration builds its table copies on.

NEVER CHANGE THIS MODULE. It is the `BaseModel` columns (uuid hex id, timestamps, updated_by,
tombstone) as they stood when migration 1 was written; every migration's tables inherit them,
so an edit here would silently change the schema old migrations produce. A later change to
the base columns needs its own migration and, if the frozen copies must differ, a new base
function beside this one. The leading underscore keeps it out of `MIGRATIONS`.
"""

from peewee import CharField, Model


def frozen_base(db) -> type[Model]:
    """A fresh `Base` class bound to `db` (one per migration run, so none shares state)."""

    class Base(Model):
        id = CharField(primary_key=True, max_length=32)
        created_at = CharField(max_length=27)
        updated_at = CharField(max_length=27, index=True)
        updated_by = CharField(max_length=64, null=True)
        deleted_at = CharField(max_length=27, null=True)

        class Meta:
            database = db
            legacy_table_names = False

    return Base
