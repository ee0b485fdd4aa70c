"""USB hand-over (issue 7): export, verify, import/merge, conflicts, faults, backups.

Two or more databases ("PCs") live side by side in one test; `PC.use()` points the shared
model proxy at one of them before its services are called, as each real PC has its own.
"""

import datetime
import errno
import hashlib
import io
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
from helpers import PC

from tambon_desk import cli, exchange
from tambon_desk.core import auth, backups
from tambon_desk.core.errors import PermissionDenied, UserError
from tambon_desk.core.i18n import set_language
from tambon_desk.db.models import ALL_MODELS, Household, Person, Tambon, Village
from tambon_desk.exchange import bundle as B
from tambon_desk.exchange import export as export_mod
from tambon_desk.exchange import tables as T
from tambon_desk.registry import households
from tambon_desk.registry import places as tambons


@pytest.fixture
def pcs(tmp_path):
    made = []

    def make(name):
        pc = PC(tmp_path, name)
        made.append(pc)
        return pc

    yield make
    for pc in made:
        pc.db.close()


@pytest.fixture
def stick(tmp_path):
    d = tmp_path / "stick"
    d.mkdir()
    return d


@pytest.fixture(autouse=True)
def thai():
    set_language("th")
    yield
    set_language("th")


def member(first, last="ใจดี", relation="head", **kw):
    return {"first_name": first, "last_name": last, "relation": relation, **kw}


def build_tambon(pc, code="800101", n_households=3):
    ctx = pc.use()
    t = tambons.add_tambon(ctx, code, [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    v1, v2 = tambons.villages(t)
    made = []
    for i in range(n_households):
        village = v1 if i % 2 == 0 else v2
        made.append(
            households.save_household(
                ctx,
                village,
                f"{i + 1}/1",
                [member(f"สมชาย{i}"), member(f"สมหญิง{i}", relation="spouse", sex="F")],
            )
        )
    return t, made


def export(pc, stick, **kw):
    return exchange.export_bundle(pc.use(), stick, **kw).path


def do_import(pc, path, **kw):
    return exchange.import_bundle(pc.use(), path, **kw)


def travelling_tables():
    return [T.table(m) for m in ALL_MODELS if m._meta.exchange == "merge"]


# --- the registry: every table travels or says why not ---------------------------------------


def test_every_model_decides_whether_it_travels():
    for model in ALL_MODELS:
        assert model._meta.exchange in ("merge", "local"), model
        if model._meta.exchange == "local":
            assert T.LOCAL_REASONS.get(T.table(model)), f"{model} stays local without a reason"
        else:
            for col, parent in T.foreign_keys(model):
                assert parent._meta.exchange == "merge", (model, col, "points at a local table")
    assert "user" not in travelling_tables() and "household" in travelling_tables()


# --- round trip --------------------------------------------------------------------------------


def test_round_trip_into_empty_database_every_table_equal(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    t, made = build_tambon(a)
    ctx = a.use()
    households.delete_household(ctx, made[2])  # a tombstone travels too
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"\xff\xd8 photo " * 100)
    from tambon_desk.core import attachments

    att = attachments.add_attachment(ctx, "household", made[0].id, scan)
    rows_before_export = {tbl: a.dump(tbl) for tbl in travelling_tables()}
    path = export(a, stick)
    assert path.name.startswith("800101_") and path.suffix == ".tambon"
    manifest = exchange.verify(path).manifest
    assert set(manifest["counts"]) >= set(travelling_tables())
    assert manifest["counts"]["household"] == 3 and manifest["counts"]["person"] == 6
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        assert {"manifest.json", "data.sqlite", "tables.xlsx"} <= names
        assert f"attachments/{att.sha256[:2]}/{att.sha256}" in names
        snap = tmp_path / "snap.sqlite"
        snap.write_bytes(zf.read("data.sqlite"))
        con = sqlite3.connect(snap)
        assert con.execute("SELECT COUNT(*) FROM user").fetchone()[0] == 0  # no password hashes
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        con.close()

    report = do_import(b, path)
    assert report.tables["household"].add == 2 and report.tables["person"].add == 4
    assert report.tables["attachment"].add == 1  # (tombstones arrive, uncounted)
    for tbl in travelling_tables():
        rows_a = rows_before_export[tbl]
        rows_b = {r[0]: r for r in b.dump(tbl)}
        assert [rows_b.get(r[0]) for r in rows_a] == rows_a, tbl
        if tbl != "audit_log":  # b also logged its own admin and import
            assert len(rows_b) == len(rows_a), tbl
    b.use()
    assert Household.get_by_id(made[2].id).deleted_at is not None
    copied = b.ctx.attachments_dir / att.sha256[:2] / att.sha256
    assert copied.read_bytes() == scan.read_bytes()


def test_tables_xlsx_readable_without_the_app(pcs, stick, tmp_path):
    from openpyxl import load_workbook

    a = pcs("a")
    build_tambon(a, n_households=1)
    path = export(a, stick)
    with zipfile.ZipFile(path) as zf:
        (tmp_path / "t.xlsx").write_bytes(zf.read("tables.xlsx"))
    wb = load_workbook(tmp_path / "t.xlsx", read_only=True)
    rows = list(wb["household"].iter_rows(values_only=True))
    thai, fields, rows = rows[0], rows[1], rows[1:]  # row 1 Thai headers, row 2 fields
    assert thai[fields.index("house_no")] == "บ้านเลขที่"
    assert "sort_key" not in fields and "search_text" not in fields  # internal columns
    assert "house_no" in fields and rows[1][fields.index("house_no")] == "1/1"
    assert rows[1][fields.index("lat")] is None  # blanks keep their place
    assert rows[1][fields.index("member_count")] == 2
    created = rows[1][fields.index("created_at")]
    assert isinstance(created, datetime.datetime)  # a real date cell
    people = list(wb["person"].iter_rows(values_only=True))
    assert {r[people[1].index("first_name")] for r in people[2:]} == {"สมชาย0", "สมหญิง0"}
    wb.close()
    full = load_workbook(tmp_path / "t.xlsx")  # formats and widths
    ws = full["person"]
    born = ws.cell(3, list(people[1]).index("birth_date") + 1)
    if born.value is not None:
        assert born.is_date and born.number_format.startswith("[$-107041E]")
    assert ws.column_dimensions["A"].width >= 8 and ws.freeze_panes == "A3"


def test_import_same_bundle_twice_changes_nothing(pcs, stick):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)
    do_import(b, path)
    before = {tbl: b.dump(tbl) for tbl in travelling_tables() + ["sync_base"]}
    again = do_import(b, path)
    assert not again.changes_anything and again.total("keep") == 0
    after = {tbl: b.dump(tbl) for tbl in travelling_tables() + ["sync_base"]}
    audit_before, audit_after = before.pop("audit_log"), after.pop("audit_log")
    assert after == before
    new_audit = [r for r in audit_after if r not in audit_before]
    action = [c.name for c in b.db.get_columns("audit_log")].index("action")
    assert [r[action] for r in new_audit] == ["import"]  # only the second import's report


def test_dry_run_changes_nothing_and_lists_what_would(pcs, stick):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)
    before = {tbl: b.dump(tbl) for tbl in travelling_tables()}
    report = do_import(b, path, dry_run=True)
    assert report.tables["household"].add == 3 and report.tables["person"].add == 6
    assert report.backup is None
    assert {tbl: b.dump(tbl) for tbl in travelling_tables()} == before
    assert not list(b.ctx.backup_dir.glob("*.db"))


# --- two PCs -----------------------------------------------------------------------------------


def _edit_note_on_both(a, b, hid):
    """A edits the household first, B a moment later: B's is the newer change."""
    for pc, note in ((a, "แก้ที่ A"), (b, "แก้ที่ B")):
        ctx = pc.use()
        h = Household.get_by_id(hid)
        households.save_household(
            ctx,
            h.village,
            h.house_no,
            [
                {
                    "id": m.id,
                    "first_name": m.first_name,
                    "last_name": m.last_name,
                    "relation": m.relation,
                    "sex": m.sex,
                }
                for m in households.members_of(h)
            ],
            household=h,
            note=note,
        )


def _both_edited(pcs, stick, tmp_path):
    """Two PCs holding the same tambon, each with its own edit of one household's note; two
    empty sticks s1 and s2 for the round trip. Returns (a, b, household id)."""
    a, b = pcs("a"), pcs("b")
    _t, made = build_tambon(a)
    do_import(b, export(a, stick))
    hid = made[0].id
    _edit_note_on_both(a, b, hid)
    (tmp_path / "s1").mkdir(), (tmp_path / "s2").mkdir()
    return a, b, hid


def _same_data_one_conflict(a, b, hid):
    for pc in (a, b):
        pc.use()
        assert Household.get_by_id(hid).note == "แก้ที่ B"
        conflicts = exchange.list_conflicts()
        assert len(conflicts) == 1
        c = conflicts[0]
        assert c.record_id == hid and c.lost_values["note"] == "แก้ที่ A"
    for tbl in travelling_tables():
        if tbl != "audit_log":
            assert a.dump(tbl) == b.dump(tbl), tbl


def test_two_pcs_one_after_the_other_same_data_one_conflict(pcs, stick, tmp_path):
    a, b, hid = _both_edited(pcs, stick, tmp_path)
    rep_b = do_import(b, export(a, tmp_path / "s1"))  # A's stick goes to B ...
    assert rep_b.tables["household"].conflict == 1 and rep_b.conflicts[0]["winner"] == "local"
    rep_a = do_import(a, export(b, tmp_path / "s2"))  # ... and B's answer back to A
    assert rep_a.tables["household"].conflict == 0  # B already settled it
    assert rep_a.tables["household"].change == 1
    assert rep_a.tables["exchange_conflict"].add == 1
    _same_data_one_conflict(a, b, hid)


def test_two_pcs_sticks_crossing_same_data_one_conflict(pcs, stick, tmp_path):
    a, b, hid = _both_edited(pcs, stick, tmp_path)
    from_a, from_b = export(a, tmp_path / "s1"), export(b, tmp_path / "s2")
    rep_b, rep_a = do_import(b, from_a), do_import(a, from_b)
    assert rep_b.tables["household"].conflict == 1 and rep_a.tables["household"].conflict == 1
    assert rep_a.conflicts[0]["winner"] == "incoming"  # newer change wins on both sides
    (tmp_path / "s3").mkdir(), (tmp_path / "s4").mkdir()
    do_import(b, export(a, tmp_path / "s3"))  # the next round trip settles nothing
    again = do_import(a, export(b, tmp_path / "s4"))
    assert {
        tbl: c
        for tbl, c in again.tables.items()
        if tbl != "audit_log" and (c.add or c.change or c.delete or c.conflict)
    } == {}  # only new audit lines
    _same_data_one_conflict(a, b, hid)


def test_conflict_restored_travels_as_a_change(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    t, made = build_tambon(a, n_households=1)
    do_import(b, export(a, stick))
    for pc, note in ((a, "จาก A"), (b, "จาก B")):
        ctx = pc.use()
        h = Household.get_by_id(made[0].id)
        from tambon_desk.core.records import save_record

        save_record(ctx, Household, {"note": note}, record=h)
    (tmp_path / "s2").mkdir()
    do_import(a, export(b, tmp_path / "s2"))  # B newer: A keeps B's, loses its own
    ctx = a.use()
    assert Household.get_by_id(made[0].id).note == "จาก B"
    (conflict,) = exchange.list_conflicts()
    diffs = exchange.conflict_differences(conflict)
    assert ("note", "จาก B", "จาก A") in diffs
    exchange.restore_conflict(ctx, conflict)
    assert Household.get_by_id(made[0].id).note == "จาก A"
    assert exchange.list_conflicts() == []
    (tmp_path / "s3").mkdir()
    rep = do_import(b, export(a, tmp_path / "s3"))
    assert rep.tables["household"].change == 1 and rep.tables["household"].conflict == 0
    b.use()
    assert Household.get_by_id(made[0].id).note == "จาก A"


def test_deletes_travel_both_ways(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    t, made = build_tambon(a)
    do_import(b, export(a, stick))
    households.delete_household(a.use(), Household.get_by_id(made[0].id))
    households.delete_household(b.use(), Household.get_by_id(made[1].id))
    (tmp_path / "s1").mkdir(), (tmp_path / "s2").mkdir()
    rep = do_import(b, export(a, tmp_path / "s1"))
    assert rep.tables["household"].delete == 1 and rep.tables["person"].delete == 2
    do_import(a, export(b, tmp_path / "s2"))
    for pc in (a, b):
        pc.use()
        alive = {h.id for h in Household.alive()}
        assert alive == {made[2].id}
        assert Person.alive().count() == 2


def test_only_changes_since_last_export_to_office(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    t, made = build_tambon(a)
    first = export(a, stick, since_last="อำเภอ")
    assert exchange.verify(first).counts["household"] == 3  # first time: everything
    do_import(b, first)
    ctx = a.use()
    from tambon_desk.core.records import save_record

    save_record(ctx, Household, {"note": "ย้ายออก"}, record=Household.get_by_id(made[1].id))
    second = export(a, stick, since_last="อำเภอ")
    counts = exchange.verify(second).counts
    assert counts["household"] == 1 and counts["person"] == 0
    assert counts["village"] == 1 and counts["tambon"] == 1  # the parents it needs
    assert second != first and first.exists()
    rep = do_import(b, second)
    assert (
        rep.tables["household"].change == 1 and rep.total("add") == 0 + rep.tables["audit_log"].add
    )
    b.use()
    assert Household.get_by_id(made[1].id).note == "ย้ายออก"


def test_one_village_only(pcs, stick):
    a, b = pcs("a"), pcs("b")
    build_tambon(a, n_households=4)
    path = export(a, stick, village=2)
    counts = exchange.verify(path).counts
    assert counts["village"] == 1 and counts["household"] == 2 and counts["person"] == 4
    do_import(b, path)
    b.use()
    assert [v.moo for v in Village.select()] == [2]
    assert {h.house_no for h in Household.select()} == {"2/1", "4/1"}


# --- schema versions ---------------------------------------------------------------------------


def rewrite(path: Path, dest: Path, data_fn=None, manifest_fn=None, extra=None) -> Path:
    """Copy a bundle, changing its database and/or manifest, with checksums made to match."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    if data_fn:
        tmp = dest.with_suffix(".sqlite")
        tmp.write_bytes(members["data.sqlite"])
        con = sqlite3.connect(tmp)
        data_fn(con)
        con.commit()
        con.close()
        members["data.sqlite"] = tmp.read_bytes()
    members.update(extra or {})
    manifest["files"] = {
        n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in members.items()
    }
    if manifest_fn:
        manifest_fn(manifest)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for n, d in members.items():
            zf.writestr(n, d)
    return dest


def test_older_bundle_is_upgraded_on_the_fly(pcs, stick, tmp_path):
    from tambon_desk.db import migrations

    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)

    def to_version_1(con):  # what a bundle from before any later migration looked like
        from peewee import SqliteDatabase

        v1 = SqliteDatabase(":memory:")
        migrations.migrate(v1, target=1)
        schema = v1.execute_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        ).fetchall()
        v1.close()
        v1_tables = {name for kind, name, _t, _s in schema if kind == "table"}
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall():
            if name not in v1_tables:
                con.execute(f'DROP TABLE "{name}"')
        for kind, name, _t, sql in schema:
            if kind == "table" and name != "schema_version":
                old_cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
                con.execute(f'ALTER TABLE "{name}" RENAME TO "old_{name}"')
                con.execute(sql)
                new_cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
                cols = ", ".join(f'"{c}"' for c in new_cols if c in old_cols)
                con.execute(f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM "old_{name}"')
                con.execute(f'DROP TABLE "old_{name}"')
        for kind, _name, _t, sql in schema:
            if kind == "index":
                con.execute(sql)
        con.execute("DELETE FROM schema_version WHERE version != 1")

    def manifest_v1(m):
        m["schema_version"], m["migrations"] = 1, [1]
        v1 = {
            "tambon",
            "village",
            "household",
            "person",
            "attachment",
            "audit_log",
            "import_mapping",
        }
        m["counts"] = {t: n for t, n in m["counts"].items() if t in v1}

    old = rewrite(path, tmp_path / "old.tambon", to_version_1, manifest_v1)
    assert exchange.verify(old).migrations == [1] and migrations.LATEST > 1
    report = do_import(b, old)
    assert report.upgraded_from == 1
    assert report.tables["household"].add == 3
    b.use()
    assert Household.select().count() == 3


def test_newer_bundle_is_refused_clearly(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)

    def newer(m):
        m["schema_version"], m["migrations"] = 999, m["migrations"] + [999]

    new = rewrite(path, tmp_path / "new.tambon", manifest_fn=newer)
    with pytest.raises(B.BundleError) as e:
        do_import(b, new)
    assert "ใหม่กว่า" in str(e.value) and "999" in str(e.value)
    b.use()
    assert Household.select().count() == 0


# --- damaged, foreign and hostile files --------------------------------------------------------


def _refused_and_nothing_changed(pc, path, words):
    before = {tbl: pc.dump(tbl) for tbl in travelling_tables()}
    with pytest.raises(B.BundleError) as e:
        do_import(pc, path)
    assert any(w in str(e.value) for w in words), str(e.value)
    assert {tbl: pc.dump(tbl) for tbl in travelling_tables()} == before
    with pytest.raises(B.BundleError):
        exchange.verify(path)
    return str(e.value)


def test_truncated_bundle_refused_in_thai(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)
    cut = tmp_path / "cut.tambon"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _refused_and_nothing_changed(b, cut, ["เสียหาย"])


def test_bit_flipped_bundle_refused(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("tables.xlsx")  # stored uncompressed: flip a byte inside it
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    raw[at] ^= 0x01
    flipped = tmp_path / "flip.tambon"
    flipped.write_bytes(bytes(raw))
    _refused_and_nothing_changed(b, flipped, ["เสียหาย"])


def test_wrong_checksum_in_manifest_refused(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)
    bad = rewrite(
        path,
        tmp_path / "bad.tambon",
        manifest_fn=lambda m: m["files"]["data.sqlite"].update(sha256="0" * 64),
    )
    _refused_and_nothing_changed(b, bad, ["เสียหาย"])


def test_record_counts_must_match(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)
    bad = rewrite(
        path, tmp_path / "bad.tambon", manifest_fn=lambda m: m["counts"].update(household=4)
    )
    msg = _refused_and_nothing_changed(b, bad, ["เสียหาย"])
    assert "household" in msg


def test_foreign_files_refused(pcs, tmp_path):
    b = pcs("b")
    junk = tmp_path / "photo.tambon"
    junk.write_bytes(os.urandom(4000))
    assert "ไม่ใช่" in _refused_and_nothing_changed(b, junk, ["ไม่ใช่"])
    other = tmp_path / "other.tambon"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("readme.txt", "hello")
    _refused_and_nothing_changed(b, other, ["ไม่ใช่"])


def test_path_traversal_refused(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)
    evil = rewrite(path, tmp_path / "evil.tambon", extra={"../../evil.txt": b"owned"})
    _refused_and_nothing_changed(b, evil, ["ไม่ปลอดภัย"])
    assert not (tmp_path / "evil.txt").exists()


def test_zip_bomb_refused(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    build_tambon(a)
    path = export(a, stick)
    bomb = rewrite(
        path, tmp_path / "bomb.tambon", extra={"attachments/00/bomb": b"\0" * (64 * 1024 * 1024)}
    )
    assert bomb.stat().st_size < 2 * 1024 * 1024
    _refused_and_nothing_changed(b, bomb, ["zip bomb"])


# --- writing to a stick that fails -------------------------------------------------------------


class FailingWriter(io.FileIO):
    """A file on a drive that fills up (or is pulled out) after `limit` bytes."""

    def __init__(self, path, limit, err=errno.ENOSPC, on_fail=None):
        super().__init__(path, "wb")
        self.limit, self.err, self.on_fail, self.written = limit, err, on_fail, 0

    def write(self, data):
        if self.written + len(data) > self.limit:
            if self.on_fail:
                self.on_fail()
            raise OSError(self.err, os.strerror(self.err))
        self.written += len(data)
        return super().write(data)


@pytest.mark.parametrize("err,words", [(errno.ENOSPC, "เต็ม"), (errno.EIO, "ถอด")])
def test_drive_full_or_pulled_mid_write_leaves_good_copy(pcs, stick, monkeypatch, err, words):
    a = pcs("a")
    t, made = build_tambon(a)
    good = export(a, stick)
    good_bytes = good.read_bytes()
    from tambon_desk.core.records import save_record

    save_record(a.use(), Household, {"note": "ใหม่"}, record=Household.get_by_id(made[0].id))
    monkeypatch.setattr(
        export_mod, "_open_target", lambda p: FailingWriter(p, limit=len(good_bytes) // 3, err=err)
    )
    with pytest.raises(export_mod.ExportError) as e:
        export(a, stick, now=__import__("datetime").datetime.now())
    assert words in str(e.value)
    assert sorted(p.name for p in stick.iterdir()) == [good.name]  # no half file, no .part
    assert good.read_bytes() == good_bytes
    exchange.verify(good)


def test_stick_removed_mid_write(pcs, tmp_path, monkeypatch):
    import shutil

    a = pcs("a")
    build_tambon(a)
    mnt = tmp_path / "usb"
    mnt.mkdir()
    monkeypatch.setattr(
        export_mod,
        "_open_target",
        lambda p: FailingWriter(
            p, limit=2000, err=errno.ENODEV, on_fail=lambda: shutil.rmtree(mnt)
        ),
    )
    with pytest.raises(export_mod.ExportError) as e:
        export(a, mnt)
    assert "ถอด" in str(e.value)


def test_same_minute_never_overwrites(pcs, stick):
    import datetime as dt

    a = pcs("a")
    build_tambon(a, n_households=1)
    when = dt.datetime(2026, 11, 24, 9, 30)
    p1 = exchange.export_bundle(a.use(), stick, now=when).path
    p2 = exchange.export_bundle(a.use(), stick, now=when).path
    assert p1.name == "800101_20261124-0930.tambon"
    assert p2.name == "800101_20261124-0930-2.tambon"
    exchange.verify(p1), exchange.verify(p2)


# --- district merge, natural keys, new database ------------------------------------------------


def test_district_merges_two_tambons(pcs, tmp_path):
    a, c, d = pcs("a"), pcs("c"), pcs("district")
    build_tambon(a, "800101", n_households=2)
    build_tambon(c, "800102", n_households=3)
    (tmp_path / "s1").mkdir(), (tmp_path / "s2").mkdir()
    pa, pc_ = export(a, tmp_path / "s1"), export(c, tmp_path / "s2")
    assert pc_.name.startswith("800102_")
    reports = exchange.import_bundles(d.use(), [pa, pc_])
    assert [r.tables["household"].add for r in reports] == [2, 3]
    assert len(list(d.ctx.backup_dir.glob("*before-import*"))) == 1  # one for the batch
    assert sorted(t.code for t in Tambon.select()) == ["800101", "800102"]
    assert Village.select().count() == 4
    by_tambon = {
        t.code: Household.select().join(Village).where(Village.tambon == t).count()
        for t in Tambon.select()
    }
    assert by_tambon == {"800101": 2, "800102": 3}
    assert len(exchange.list_conflicts()) == 0


def test_same_tambon_set_up_on_both_pcs_merges_by_dopa_code(pcs, stick):
    a, b = pcs("a"), pcs("b")
    build_tambon(a, n_households=2)
    tambons.add_tambon(b.use(), "800101", [(1, "บ้านหนึ่ง")])  # B set itself up by hand
    report = do_import(b, export(a, stick))
    b.use()
    assert Tambon.select().count() == 1
    assert sorted(v.moo for v in Village.select()) == [1, 2]
    assert Household.select().count() == 2
    assert report.tables["household"].add == 2


def test_cli_import_creates_new_database(pcs, stick, tmp_path, monkeypatch, capsys):
    a = pcs("a")
    build_tambon(a)
    path = export(a, stick)
    new_db = tmp_path / "newpc" / "tambon.db"
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "new-admin-pw")
    assert cli.main(["--db", str(new_db), "--user", "boss", "verify", str(path)]) == 0
    assert cli.main(["--db", str(new_db), "--user", "boss", "import", str(path), "--dry-run"]) == 0
    assert cli.main(["--db", str(new_db), "--user", "boss", "import", str(path), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "ตรวจ" in out or "ครบ" in out
    con = sqlite3.connect(new_db)
    assert con.execute("SELECT COUNT(*) FROM household").fetchone()[0] == 3
    assert con.execute("SELECT role FROM user WHERE username='boss'").fetchone()[0] == "admin"
    con.close()


def test_cli_export_and_user_mistakes(pcs, stick, tmp_path, monkeypatch, capsys):
    a = pcs("a")
    build_tambon(a)
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    args = ["--db", str(a.path), "--user", "admin"]
    assert cli.main(args + ["export", "--out", str(stick), "--village", "1"]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert exchange.verify(written).counts["village"] == 1
    assert cli.main(args + ["export", "--out", str(tmp_path / "nowhere")]) == 2
    junk = tmp_path / "x.tambon"
    junk.write_text("not a bundle")
    assert cli.main(args + ["verify", str(junk)]) == 2
    assert "ไม่ใช่" in capsys.readouterr().err


def test_viewer_cannot_import_or_export(pcs, stick):
    a = pcs("a")
    build_tambon(a)
    path = export(a, stick)
    ctx = a.use()
    viewer = auth.create_user(ctx, "v", "secret", "viewer")
    ctx.user = viewer
    with pytest.raises(PermissionDenied):
        exchange.export_bundle(ctx, stick)
    with pytest.raises(PermissionDenied):
        exchange.import_bundle(ctx, path)


# --- drives and backups ------------------------------------------------------------------------


def test_removable_drives_from_mounts_and_sys_block(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "/dev/sdb1 /mnt/stick vfat rw 0 0\n"
        "/dev/mmcblk0p1 /run/media/clerk/SD\\040CARD exfat rw 0 0\n"
        "/dev/sdc1 /media/clerk/KINGSTON vfat rw 0 0\n"
        "proc /proc proc rw 0 0\n"
    )
    sysb = tmp_path / "block"
    for disk, flag in (("sda", "0"), ("sdb", "1"), ("mmcblk0", "1"), ("sdc", "0")):
        (sysb / disk).mkdir(parents=True)
        (sysb / disk / "removable").write_text(flag + "\n")
    drives = exchange.removable_drives(str(mounts), str(sysb))
    assert [str(d.path) for d in drives] == [
        "/mnt/stick",
        "/run/media/clerk/SD CARD",
        "/media/clerk/KINGSTON",
    ]


def test_backups_create_list_restore_admin_only(pcs):
    a = pcs("a")
    t, made = build_tambon(a, n_households=2)
    ctx = a.use()
    taken = backups.create_backup(ctx)
    assert [b.path for b in backups.list_backups(ctx)] == [taken]
    households.delete_household(ctx, Household.get_by_id(made[0].id))
    clerk = auth.create_user(ctx, "c", "secret", "clerk")
    admin, ctx.user = ctx.user, clerk
    with pytest.raises(PermissionDenied):
        backups.restore_backup(ctx, taken)
    ctx.user = admin
    before = backups.restore_backup(ctx, taken)
    assert "before-restore" in before.name and before.exists()
    assert Household.alive().count() == 2  # the deletion is undone
    assert a.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    con = sqlite3.connect(before)  # and the state before was kept
    assert con.execute("SELECT COUNT(*) FROM household WHERE deleted_at IS NULL").fetchone()[0] == 1
    con.close()
    names = [b.path.name for b in backups.list_backups(ctx)]
    assert before.name in names and taken.name in names


def test_workbook_money_in_baht_without_floats():
    from tambon_desk.exchange import workbook

    row = workbook._cells((123456, "ก<ข>&\x01ค", None, 7), ["A", "B", "C", "D"], 2, {0})
    assert row.startswith('<row r="2"><c s="2"><v>1234.56</v></c>')  # satang -> baht, exactly
    assert "ก&lt;ข&gt;&amp;ค" in row and "\x01" not in row
    assert row.endswith("</c><c/><c><v>7</v></c></row>")  # a blank keeps its place


def test_a_table_added_later_travels_without_changes_here(pcs, stick, monkeypatch):
    """A new area's model only has to be in the registry and say that it travels: rows, money
    and FKs all arrive."""
    from peewee import CharField, ForeignKeyField

    from tambon_desk.db import models as registry
    from tambon_desk.db.base import BaseModel, MoneyField

    class FishPond(BaseModel):  # what a later area might add
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        name = CharField()
        stock_value = MoneyField()

        class Meta:
            exchange = "merge"

    monkeypatch.setattr(registry, "ALL_MODELS", list(ALL_MODELS) + [FishPond])
    a, b = pcs("a"), pcs("b")
    t, made = build_tambon(a, n_households=1)
    for pc in (a, b):
        pc.use()
        FishPond.create_table()
    from tambon_desk.core.records import save_record

    save_record(
        a.use(), FishPond, {"household": made[0], "name": "บ่อหลังบ้าน", "stock_value": 1234567}
    )  # 12,345.67 baht
    path = export(a, stick)
    assert exchange.verify(path).counts["fish_pond"] == 1
    from decimal import Decimal

    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as zf:
        sheet = load_workbook(io.BytesIO(zf.read("tables.xlsx")), read_only=True)["fish_pond"]
        thai, header, row = list(sheet.iter_rows(values_only=True))
    assert thai[header.index("stock_value")] == "stock_value (บาท)"
    assert Decimal(str(row[header.index("stock_value")])) == Decimal("12345.67")
    report = do_import(b, path)
    assert report.tables["fish_pond"].add == 1
    assert a.dump("fish_pond") == b.dump("fish_pond")
    b.use()
    pond = FishPond.get()
    assert pond.stock_value == 1234567 and pond.household_id == made[0].id


def test_every_report_gives_the_same_figures_after_the_round_trip(pcs, stick):
    from tambon_desk.reports import catalogue

    a, b = pcs("a"), pcs("b")
    t, made = build_tambon(a, n_households=4)
    do_import(b, export(a, stick))

    def build_all(pc):
        ctx = pc.use()
        out = {}
        for spec in catalogue.reports():
            params = {"household": made[0].id} if "household" in spec.params else {}
            try:
                doc = catalogue.build(ctx, spec.name, **params)
                out[spec.name] = (doc.title, doc.subtitle, doc.place_line(), repr(doc.blocks))
            except (UserError, TypeError, ValueError) as exc:
                out[spec.name] = ("refused", str(exc))
        return out

    reports_a = build_all(a)
    assert reports_a and any(v[0] != "refused" for v in reports_a.values())
    assert build_all(b) == reports_a


def test_since_last_includes_older_edits_received_from_another_pc(pcs, stick, tmp_path):
    from tambon_desk.core.records import save_record

    a, b = pcs("a"), pcs("b")
    t, made = build_tambon(a)
    do_import(b, export(a, stick))
    save_record(
        b.use(), Household, {"note": "แก้ที่ B ก่อน"}, record=Household.get_by_id(made[2].id)
    )  # edited before A's export
    (tmp_path / "sb").mkdir()
    from_b = export(b, tmp_path / "sb")
    export(a, stick, since_last="อำเภอ")  # A -> district, everything
    do_import(a, from_b)  # B's older edit arrives later
    counts = exchange.verify(export(a, stick, since_last="อำเภอ")).counts
    assert counts["household"] == 1  # it still goes to the district


def test_demo_tambon_round_trip_every_table_and_report_equal(pcs, stick):
    """The issue's check: demo tambon A into an empty B, every table row by row (money to
    the satang, whatever tables the areas registered) and every report's figures."""
    from tambon_desk.demo import build_demo
    from tambon_desk.reports import catalogue

    a, b = pcs("a"), pcs("b")
    build_demo(a.use(), households=40, seed=7)
    before = {tbl: a.dump(tbl) for tbl in travelling_tables()}
    assert len(before["household"]) == 40
    do_import(b, export(a, stick))
    for tbl, rows in before.items():
        got = {r[0]: r for r in b.dump(tbl)}
        assert [got.get(r[0]) for r in rows] == rows, tbl
        assert tbl == "audit_log" or len(got) == len(rows), tbl

    def figures(pc):
        ctx, out = pc.use(), {}
        hid = Household.select().order_by(Household.id).first().id
        for spec in catalogue.reports():
            params = {"household": hid} if "household" in spec.params else {}
            try:
                doc = catalogue.build(ctx, spec.name, **params)
                out[spec.name] = repr(doc.blocks)
            except (UserError, TypeError, ValueError) as exc:
                out[spec.name] = f"refused: {exc}"
        return out

    assert figures(b) == figures(a)


def test_cli_district_imports_several_bundles(pcs, tmp_path, monkeypatch, capsys):
    a, c = pcs("a"), pcs("c")
    build_tambon(a, "800101", n_households=2)
    build_tambon(c, "800102", n_households=1)
    (tmp_path / "s1").mkdir(), (tmp_path / "s2").mkdir()
    files = [str(export(a, tmp_path / "s1")), str(export(c, tmp_path / "s2"))]
    district = tmp_path / "district" / "tambon.db"
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "district-pw")
    assert cli.main(["--db", str(district), "--user", "amphoe", "import", *files, "--yes"]) == 0
    con = sqlite3.connect(district)
    assert con.execute("SELECT COUNT(*) FROM household").fetchone()[0] == 3
    assert con.execute("SELECT COUNT(*) FROM tambon").fetchone()[0] == 2
    con.close()
    assert capsys.readouterr().out.count("นำเข้า") >= 1


def test_written_bundle_that_reads_back_wrong_is_removed(pcs, stick, monkeypatch):
    a = pcs("a")
    build_tambon(a, n_households=1)
    real_open = export_mod._open_target

    class Corrupting(io.FileIO):  # a stick that silently flips a byte
        def write(self, data):
            if len(data) > 2000:
                data = bytearray(data)
                data[1000] ^= 0xFF
            return super().write(bytes(data))

    monkeypatch.setattr(export_mod, "_open_target", lambda p: Corrupting(p, "wb"))
    with pytest.raises(export_mod.ExportError) as e:
        export(a, stick)
    assert "อ่านกลับ" in str(e.value)
    assert list(stick.iterdir()) == []
    monkeypatch.setattr(export_mod, "_open_target", real_open)
    exchange.verify(export(a, stick))


def test_district_batch_with_a_foreign_file_changes_nothing(pcs, stick, tmp_path):
    a, d = pcs("a"), pcs("district")
    build_tambon(a, n_households=1)
    good = export(a, stick)
    junk = tmp_path / "junk.tambon"
    junk.write_bytes(b"not a bundle at all")
    with pytest.raises(B.BundleError):
        exchange.import_bundles(d.use(), [good, junk])
    assert d.dump("household") == [] and not list(d.ctx.backup_dir.glob("*.db"))


def test_same_person_typed_on_both_pcs_is_one_person(pcs, stick, tmp_path):
    a, b = pcs("a"), pcs("b")
    t, made = build_tambon(a, n_households=1)
    do_import(b, export(a, stick))
    cid = "1101700203450"
    for pc, house in ((a, "50"), (b, "60")):
        ctx = pc.use()
        households.save_household(
            ctx, Village.get(Village.moo == 1), house, [member("ทองดี", citizen_id=cid)]
        )
    (tmp_path / "s2").mkdir()
    report = do_import(b, export(a, tmp_path / "s2"))  # no unique-index clash
    assert report.tables["person"].conflict == 1
    b.use()
    assert Person.select().where(Person.citizen_id == cid).count() == 1
    assert len(exchange.list_conflicts()) == 1
