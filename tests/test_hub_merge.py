"""The set-based bundle merge (issue 17): several importers at once, a change made while a
bundle is merged, the optimistic check after a merge, a scoped office's imports.

Tests taking `ctx` run on SQLite and PostgreSQL; those marked `hub` need PostgreSQL. Tambon
PCs are SQLite files, as in the field; the hub is `ctx`.
"""

import multiprocessing as mp
import tempfile
from pathlib import Path

import pytest

from tambon_desk import exchange, registry
from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.core.errors import ConcurrentEditError, PermissionDenied
from tambon_desk.core.records import save_record
from tambon_desk.db import engines, open_database
from tambon_desk.db.base import database_proxy, utcnow
from tambon_desk.db.models import AuditLog, ExchangeConflict, ExchangeLog, Household, Tambon
from tambon_desk.exchange import merge as merge_mod
from tambon_desk.registry import places
from tests import pg_server
from tests.helpers import PC


def tambon_pc(root: Path, name: str, code: str = "800101", n: int = 6) -> PC:
    pc = PC(root, name)
    ctx = pc.use()
    t = places.add_tambon(ctx, code, [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    vs = registry.villages(t)
    pc.households = [
        registry.save_household(
            ctx, vs[i % 2], str(i + 1), [{"first_name": f"ชื่อ{i}", "relation": "head"}]
        ).id
        for i in range(n)
    ]
    return pc


def note(ctx, hid: str, text: str) -> None:
    save_record(ctx, Household, {"note": text}, record=Household.get_by_id(hid))


def export(pc: PC, stick: Path) -> str:
    """Export from `pc` (which binds the models to its file: call `hub(ctx)` after it)."""
    return str(exchange.export_bundle(pc.use(), stick).path)


def hub(ctx):
    database_proxy.initialize(ctx.db)
    return ctx


@pytest.fixture
def stick(tmp_path):
    s = tmp_path / "stick"
    s.mkdir()
    return s


def test_a_merged_change_is_seen_by_the_optimistic_check_with_the_same_row_version(
    ctx, tmp_path, stick
):
    pc = tambon_pc(tmp_path, "a")
    hid = pc.households[0]
    first = export(pc, stick)
    exchange.import_bundle(hub(ctx), first, backup=False)
    note(ctx, hid, "แก้ที่จังหวัด")  # the hub's own edit: row version 2
    opened = Household.get_by_id(hid)  # an officer opens the record
    assert opened.row_version == 2
    note(pc.use(), hid, "แก้ที่ตำบล")  # the tambon's later edit: row version 2 there too
    second = export(pc, stick)
    report = exchange.import_bundle(hub(ctx), second, backup=False)
    assert report.tables["household"].conflict == 1
    merged = Household.get_by_id(hid)
    assert merged.note == "แก้ที่ตำบล" and merged.row_version == opened.row_version
    with pytest.raises(ConcurrentEditError):  # the officer's save does not overwrite it
        save_record(
            ctx,
            Household,
            {"note": "ทับ"},
            record=opened,
            expected_version=opened.row_version,
        )
    assert Household.get_by_id(hid).note == "แก้ที่ตำบล"
    lost = ExchangeConflict.get(ExchangeConflict.record_id == hid)
    assert lost.lost_values["note"] == "แก้ที่จังหวัด"
    pc.db.close()


def test_a_scoped_office_merges_bundles_of_its_own_tambon_only(ctx, tmp_path, stick):
    mine, other = tambon_pc(tmp_path, "a", "800101"), tambon_pc(tmp_path, "b", "800102")
    bundles = export(mine, stick), export(other, stick)
    hub(ctx)
    ctx.user = auth.create_user(ctx, "office1", "secret", "clerk", scope="800101")
    report = exchange.import_bundle(ctx, bundles[0], backup=False)
    assert report.tables["household"].add == 6
    with pytest.raises(PermissionDenied):
        exchange.import_bundle(ctx, bundles[1], backup=False)
    assert [t.code for t in Tambon.select()] == ["800101"]
    assert Household.select().count() == 6  # nothing of the refused bundle was kept
    denied = AuditLog.select().where(AuditLog.action == "denied")
    assert [a.table for a in denied] == ["tambon"]
    # a record of another tambon cannot be moved in by a bundle either
    ctx.user = auth.authenticate(ctx, "admin", "admin-pass")
    exchange.import_bundle(ctx, bundles[1], backup=False)
    ctx.user = auth.authenticate(ctx, "office1", "secret")
    note(other.use(), other.households[0], "ของตำบลอื่น")
    changed = export(other, stick)
    with pytest.raises(PermissionDenied):
        exchange.import_bundle(hub(ctx), changed, backup=False)
    assert Household.get_by_id(other.households[0]).note == ""
    mine.db.close()
    other.db.close()


@pytest.mark.hub
def test_a_change_saved_while_a_bundle_merges_is_judged_again_not_overwritten(
    ctx, tmp_path, stick, monkeypatch
):
    pc = tambon_pc(tmp_path, "a")
    hid = pc.households[0]
    first = export(pc, stick)
    exchange.import_bundle(hub(ctx), first, backup=False)
    note(pc.use(), hid, "แก้ที่ตำบล")
    second = export(pc, stick)
    officer = open_database(pg_server.url_for(ctx.db.database), migrate=False)
    hub(ctx)
    real_take, calls = merge_mod._take, []

    def take_after_an_officer_saves(db, model, found):
        calls.append(model._meta.table_name)
        if model is Household and calls.count("household") == 1:
            # after the rows were judged, before they are written: another officer saves
            officer.execute_sql(
                "UPDATE household SET note = ?, updated_at = ?, updated_by = 'officer', "
                "row_version = row_version + 1 WHERE id = ?",
                ("แก้ที่จังหวัด", utcnow(), hid),
            )
            if officer.in_transaction():
                officer.commit()
        return real_take(db, model, found)

    monkeypatch.setattr(merge_mod, "_take", take_after_an_officer_saves)
    report = exchange.import_bundle(ctx, second, backup=False)
    assert calls.count("household") == 2  # the merge ran again, judged afresh
    officer.close()
    hub(ctx)
    # both changed it: the newer (the officer's) wins and the tambon's is kept as a conflict
    assert report.tables["household"].conflict == 1
    assert Household.get_by_id(hid).note == "แก้ที่จังหวัด"
    lost = ExchangeConflict.get(ExchangeConflict.record_id == hid)
    assert lost.lost_values["note"] == "แก้ที่ตำบล"
    pc.db.close()


def _import_in_process(target, bundle, queue):
    try:
        db = open_database(target)
        c = Context(db=db, db_path=Path(tempfile.mkdtemp()) / "hub")
        c.user = auth.authenticate(c, "admin", "admin-pass")
        report = exchange.import_bundle(c, bundle, backup=False)
        queue.put(("ok", report.tables["household"].add))
    except Exception as exc:  # reported to the test, not swallowed
        queue.put(("error", repr(exc)))


def test_two_importers_of_overlapping_bundles_at_once_lose_nothing(ctx, tmp_path, stick):
    """Two PCs of one tambon met, then each changed records (one record on both) and added
    its own; their bundles reach the hub at the same moment, merged by two processes."""
    a = tambon_pc(tmp_path, "a", n=20)
    b = PC(tmp_path, "b")
    exchange.import_bundle(b.use(), export(a, stick), backup=False)
    h = a.households
    note(a.use(), h[0], "A")
    note(a.use(), h[2], "A2")
    note(b.use(), h[1], "B")
    note(b.use(), h[2], "B2")  # later: the newer version of h[2]
    village = registry.villages(Tambon.get())[0]
    added = [
        registry.save_household(
            b.ctx, village, f"9{i}", [{"first_name": f"ใหม่{i}", "relation": "head"}]
        ).id
        for i in range(5)
    ]
    bundles = [export(a, stick), export(b, stick)]
    hub(ctx)
    target = pg_server.url_for(ctx.db.database) if engines.is_hub(ctx.db) else str(ctx.db_path)
    spawn = mp.get_context("spawn")
    queue = spawn.Queue()
    procs = [spawn.Process(target=_import_in_process, args=(target, p, queue)) for p in bundles]
    for p in procs:
        p.start()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert [r[0] for r in results] == ["ok", "ok"], results
    assert sum(r[1] for r in results) == 25  # each household added once, by one of them
    hub(ctx)
    assert Household.select().count() == 25
    assert all(Household.get_or_none(Household.id == i) for i in added)
    notes = {x.id: x.note for x in Household.select()}
    assert (notes[h[0]], notes[h[1]], notes[h[2]]) == ("A", "B", "B2")
    conflicts = ExchangeConflict.select().where(ExchangeConflict.record_id == h[2])
    lost = [c.lost_values for c in conflicts]
    assert any(v["note"] == "A2" for v in lost)  # the losing edit is kept, not dropped
    assert ExchangeLog.select().where(ExchangeLog.direction == "import").count() == 2
    # both imports audited here, plus B's own import of A's first bundle (travelled with B's)
    assert AuditLog.select().where(AuditLog.action == "import").count() == 2 + 1
    a.db.close()
    b.db.close()


def test_migration_11_lets_a_sync_base_hold_a_version_with_its_row_version(engine, tmp_path):
    """`updated_at#row_version` is 29+ characters; the hub refused it in VARCHAR(27)."""
    import os

    from tambon_desk.db import migrations

    if engine == "sqlite":
        target = tmp_path / "old.db"
    else:
        if not os.environ.get(pg_server.ENV):
            pytest.skip("needs PostgreSQL")
        target = pg_server.empty_database()
    db = open_database(target, migrate=False)
    migrations.migrate(db, target=9)
    version = "2026-12-01T06:30:51.453564Z#12345"
    row = ("s1", "x", "x", "peer", "household", "r1", version, "")
    sql = (
        "INSERT INTO sync_base (id, created_at, updated_at, peer, tbl, record_id, version, "
        "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    migrations.migrate(db)
    assert migrations.current_version(db) == migrations.LATEST
    with db.atomic():
        db.execute_sql(sql, row)
    assert db.execute_sql("SELECT version FROM sync_base").fetchone()[0] == version
    db.close()
