"""Database layer, roles, audited writes, optimistic concurrency, backups, migrations."""

import sqlite3

import pytest

from tambon_desk.core import auth, config
from tambon_desk.core.errors import ConcurrentEditError, PermissionDenied, ValidationError
from tambon_desk.core.records import restore_record, save_record, tombstone_record
from tambon_desk.db import migrations
from tambon_desk.db.backup import backup_database, daily_backup, list_backups, restore_backup
from tambon_desk.db.base import MoneyField
from tambon_desk.db.models import ALL_MODELS, AuditLog, Village
from tambon_desk.registry import places as tambons


@pytest.mark.sqlite_only
def test_pragmas(ctx):
    q = lambda p: ctx.db.execute_sql(f"PRAGMA {p}").fetchone()[0]  # noqa: E731
    assert q("journal_mode") == "wal"
    assert q("foreign_keys") == 1
    assert q("synchronous") == 2
    assert q("busy_timeout") == 10000


def test_every_model_declares_exchange_and_has_a_table(ctx):
    tables = set(ctx.db.get_tables())
    for model in ALL_MODELS:
        assert model._meta.exchange in ("merge", "local"), model
        assert model._meta.table_name in tables, model


def test_migrated_schema_equals_models(ctx):
    """The frozen migrations produce exactly the columns the live models expect."""
    for model in ALL_MODELS:
        cols = {c.name for c in ctx.db.get_columns(model._meta.table_name)}
        assert cols == {f.column_name for f in model._meta.sorted_fields}, model


def test_money_field_refuses_float():
    with pytest.raises(TypeError):
        MoneyField().db_value(12.5)
    assert MoneyField().db_value(1250) == 1250


def test_tambon_from_dopa_list_and_villages(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    assert t.province_th == "นครศรีธรรมราช"
    assert [v.moo for v in tambons.villages(t)] == [1, 2]
    with pytest.raises(ValidationError) as e:
        tambons.save_village(ctx, t, 2, "ซ้ำ")
    assert "moo" in e.value.errors
    assert tambons.provinces()[0].code == "80"


def test_viewer_write_is_refused_and_audited(ctx, as_role):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        tambons.save_village(ctx, t, 3, "บ้านสาม", role="clerk")
    denied = AuditLog.select().where(AuditLog.action == "denied").get()
    assert denied.username == "viewer1"
    assert Village.select().count() == 1


def test_update_is_audited_with_before_and_after(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = tambons.villages(t)[0]
    tambons.save_village(ctx, t, 1, "บ้านใหม่", village=v)
    row = (
        AuditLog.select().where((AuditLog.action == "update") & (AuditLog.record_id == v.id)).get()
    )
    assert row.before == {"name": "บ้านหนึ่ง"} and row.after == {"name": "บ้านใหม่"}


def test_stale_save_names_who_and_never_overwrites(ctx, as_role):
    tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = Village.get()
    opened_at = v.updated_at
    as_role("clerk")
    save_record(ctx, Village, {"name": "แก้โดยคนอื่น"}, record=Village.get())
    with pytest.raises(ConcurrentEditError) as e:
        save_record(ctx, Village, {"name": "ของฉัน"}, record=v, expected_updated_at=opened_at)
    assert e.value.who == "clerk1"
    assert Village.get().name == "แก้โดยคนอื่น"


def test_tombstone_and_restore(ctx):
    tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = Village.get()
    tombstone_record(ctx, v, role="admin")
    assert Village.alive().count() == 0 and Village.select().count() == 1
    restore_record(ctx, v, role="admin")
    assert Village.alive().count() == 1


def test_passwords_scrypt_and_login(ctx):
    u = auth.authenticate(ctx, "admin", "admin-pass")
    assert u is not None and u.password_hash.startswith("scrypt$")
    assert auth.authenticate(ctx, "admin", "wrong") is None
    audit = AuditLog.select().where(AuditLog.table == "user").first()
    assert "admin-pass" not in str(audit.after) and audit.after["password_hash"] == "***"


@pytest.mark.sqlite_only
def test_backup_keeps_last_ten_and_restores(ctx, tmp_path):
    tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    folder = tmp_path / "b"
    for i in range(12):
        backup_database(ctx.db, folder, reason=f"t{i}")
    assert len(list_backups(folder)) == 10
    assert daily_backup(ctx.db, folder) is not None
    assert daily_backup(ctx.db, folder) is None  # once a day
    newest = list_backups(folder)[0].path
    con = sqlite3.connect(newest)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("SELECT COUNT(*) FROM village").fetchone()[0] == 1
    con.close()
    target = tmp_path / "restored.db"
    restore_backup(target, newest)
    assert sqlite3.connect(target).execute("SELECT COUNT(*) FROM tambon").fetchone()[0] == 1


def test_each_migration_upgrades_previous_version(tmp_path):
    """Build a database at version N-1, put a row in, apply N: data kept, version recorded."""
    from peewee import SqliteDatabase

    versions = [m.VERSION for m in migrations.MIGRATIONS]
    for i, mod in enumerate(migrations.MIGRATIONS):
        db = SqliteDatabase(str(tmp_path / f"v{mod.VERSION}.db"))
        migrations.migrate(db, target=mod.VERSION - 1)
        assert migrations.current_version(db) == (versions[i - 1] if i else 0)
        if mod.VERSION > 1:
            db.execute_sql(
                "INSERT INTO tambon (id, created_at, updated_at, code, name_th, "
                "name_en, district_code, district_th, district_en, province_code, "
                "province_th, province_en) VALUES "
                "('x','a','a','800101','ในเมือง','','8001','เมือง','','80','นคร','')"
            )
        assert migrations.migrate(db) == versions[i:]
        assert migrations.current_version(db) == migrations.LATEST
        if mod.VERSION > 1:
            assert db.execute_sql("SELECT code FROM tambon").fetchone()[0] == "800101"
        db.close()


def test_newer_schema_refused(tmp_path):
    from tambon_desk.db import SchemaTooNewError, close_database, open_database

    p = tmp_path / "n.db"
    open_database(p)
    close_database()
    con = sqlite3.connect(p)
    con.execute("INSERT INTO schema_version VALUES (999, 'x', 'future')")
    con.commit()
    con.close()
    with pytest.raises(SchemaTooNewError):
        open_database(p)


def test_db_location(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ENV_DB, str(tmp_path / "env.db"))
    assert config.resolve_db_path() == tmp_path / "env.db"
    assert config.resolve_db_path(tmp_path / "arg.db") == tmp_path / "arg.db"
    assert config.location_problem(config.Path("\\\\server\\share\\t.db"))
    mounts = tmp_path / "mounts"
    mounts.write_text("srv:/x /mnt/net nfs4 rw 0 0\n/dev/sdb1 /media/usb vfat rw 0 0\n")
    assert config.location_problem(config.Path("/mnt/net/t.db"), str(mounts))
    assert config.location_problem(config.Path("/media/usb/t.db"), str(mounts))
    assert config.location_problem(tmp_path / "t.db", str(mounts)) is None
