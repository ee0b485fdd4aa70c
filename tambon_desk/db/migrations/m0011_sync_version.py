"""The merge's version of a record in a sync base is `updated_at#row_version` (migration 6):
27 + 1 + up to 10 characters. `sync_base.version` was VARCHAR(27), which SQLite never
enforced but PostgreSQL does: on the hub the first bundle carrying a record saved twice was
refused ("value too long"). The column becomes VARCHAR(40) there; SQLite needs nothing.
"""

VERSION = 11


def up(db):
    from ..engines import is_hub

    if is_hub(db) and "sync_base" in set(db.get_tables()):
        db.execute_sql("ALTER TABLE sync_base ALTER COLUMN version TYPE VARCHAR(40)")
