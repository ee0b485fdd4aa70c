"""Reliability (issue 14): a row version on every table, login failures, per-user preferences.

* `row_version` (INTEGER NOT NULL DEFAULT 1) on every table with the base columns: raised by
  one on every write, so the optimistic check needs no clock (a 15.6 ms clock gives two
  saves the same `updated_at`). It travels in bundles and is part of the merge's version.
* `user.failed_logins` and `user.locked_until`: repeated failures slow down, then lock.
* `user_preference`: UI preferences per user (a viewer's language is not everyone's).

`add_row_versions(db)` is also run by `migrations.migrate` after every later migration, so a
table a later area creates from the frozen base gets the column too.
"""

from peewee import CharField, TextField

from ._frozen import frozen_base

VERSION = 6


def _columns(db, table: str) -> set[str]:
    """The table's columns, on SQLite and on a PostgreSQL hub alike (peewee asks each)."""
    return {c.name for c in db.get_columns(table)}


def add_row_versions(db) -> list[str]:
    """Add `row_version` to every table that has the base columns and lacks it."""
    added = []
    for name in db.get_tables():
        cols = _columns(db, name)
        if {"id", "updated_at", "deleted_at"} <= cols and "row_version" not in cols:
            db.execute_sql(
                f'ALTER TABLE "{name}" ADD COLUMN "row_version" INTEGER NOT NULL DEFAULT 1'
            )
            added.append(name)
    return added


def up(db):
    Base = frozen_base(db)

    class UserPreference(Base):
        user_id = CharField(max_length=32)
        key = CharField(max_length=64)
        value = TextField(null=True)

        class Meta:
            indexes = ((("user_id", "key"), True),)

    db.create_tables([UserPreference])
    if "failed_logins" not in _columns(db, "user"):
        db.execute_sql('ALTER TABLE "user" ADD COLUMN "failed_logins" INTEGER NOT NULL DEFAULT 0')
        db.execute_sql('ALTER TABLE "user" ADD COLUMN "locked_until" VARCHAR(27)')
    add_row_versions(db)
