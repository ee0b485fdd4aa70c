"""Migration 6 upgrades a database of version 5: row versions on every table (also on
tables a later migration creates from the frozen base), login counters, preferences."""

import harness

from tambon_desk.db import close_database, migrations, open_database


def _columns(db, table):
    return {r[1] for r in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}


def test_version_5_database_upgraded(tmp_path):
    path = harness.prepare_old(tmp_path, tambons_n=3)
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST
        tables = [
            r[0]
            for r in db.execute_sql(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'schema_version'"
            )
        ]
        assert "user_preference" in tables
        assert all("row_version" in _columns(db, t) for t in tables)
        assert {"failed_logins", "locked_until"} <= _columns(db, "user")
        assert db.execute_sql("SELECT COUNT(*), MIN(row_version) FROM tambon").fetchone() == (3, 1)
    finally:
        close_database()


def test_tables_of_later_migrations_get_the_row_version(tmp_path):
    from peewee import CharField, SqliteDatabase

    from tambon_desk.db.migrations._frozen import frozen_base
    from tambon_desk.db.migrations.m0006_reliability import add_row_versions

    db = SqliteDatabase(str(tmp_path / "x.db"))
    db.connect()
    Base = frozen_base(db)

    class Plot(Base):  # what a later area's migration creates
        name = CharField()

    db.create_tables([Plot])
    assert add_row_versions(db) == ["plot"]
    assert "row_version" in _columns(db, "plot")
    assert add_row_versions(db) == []
    db.close()
