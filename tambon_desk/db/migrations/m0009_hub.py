"""The provincial hub: a user's scope, and Thai order pinned to the byte-wise sort key.

* `user.scope`: "" (the whole database, as on a tambon PC) or the DOPA code of a province
  (2 digits), a district (4) or a tambon (6); on the hub a user writes only inside it.
* On PostgreSQL every `sort_key` column (and house numbers) compares with `COLLATE "C"`, so a
  list sorts by `thai_sort_key` exactly as on SQLite, whatever the server's default locale;
  and household search gets a trigram index.
"""

from peewee import CharField

VERSION = 9

_C_COLLATED = (
    ("household", "sort_key", 255),
    ("household", "house_no", 32),
    ("project", "sort_key", 255),
    ("partner", "sort_key", 255),
)


def up(db):
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate

    from ..engines import is_hub

    migrator = PostgresqlMigrator(db) if is_hub(db) else SqliteMigrator(db)
    migrate(migrator.add_column("user", "scope", CharField(max_length=6, default="")))
    if is_hub(db):
        tables = set(db.get_tables())
        for table, column, length in _C_COLLATED:
            if table in tables:
                db.execute_sql(
                    f'ALTER TABLE "{table}" ALTER COLUMN "{column}" '
                    f'TYPE VARCHAR({length}) COLLATE "C"'
                )
        _trigram_index(db)


def _trigram_index(db):
    """Search-as-you-type over half a million households: a pg_trgm GIN index serves
    `search_text ILIKE '%…%'`. pg_trgm is a trusted extension (the database owner may
    create it); where it is missing the search still works, by scanning."""
    ok = db.execute_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    if ok.fetchone() is None:
        return
    db.execute_sql("SAVEPOINT trgm")
    try:
        db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        db.execute_sql(
            "CREATE INDEX household_search_trgm ON household USING gin (search_text gin_trgm_ops)"
        )
        db.execute_sql("RELEASE SAVEPOINT trgm")
    except Exception:
        db.execute_sql("ROLLBACK TO SAVEPOINT trgm")
