"""The eleven defects of issue 14, each with the test that failed before its fix."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from rkit import PC, build_tambon, env, export, memory_cap, rewrite, run_cli, valid_cid

from tambon_desk import exchange
from tambon_desk.core import auth, config
from tambon_desk.core.errors import ConcurrentEditError, PermissionDenied, UserError
from tambon_desk.core.i18n import set_language
from tambon_desk.core.records import save_record
from tambon_desk.db import backup as dbbackup
from tambon_desk.db.models import AuditLog, ImportMapping, LedgerEntry, User, Village
from tambon_desk.exchange import bundle as B
from tambon_desk.importers import engine, get_kind, reading
from tambon_desk.importers.template import write_template
from tambon_desk.registry import households, places
from tambon_desk.thai import MoneyError, format_baht, parse_baht


@pytest.fixture(autouse=True)
def thai():
    set_language("th")
    yield
    set_language("th")


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


# --- 1. a bundle whose data.sqlite lacks a column ---------------------------------------------


def _ledger_bundle(pcs, stick):
    a = pcs("a")
    build_tambon(a, ledger=5)
    return a, export(a, stick)


def _drop_amount(con):
    """What the campaign did: drop `ledger_entry.amount` (and the indexes naming it)."""
    for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='index' AND "
        "tbl_name='ledger_entry' AND sql LIKE '%amount%'"
    ).fetchall():
        con.execute(f'DROP INDEX "{name}"')
    con.execute("ALTER TABLE ledger_entry DROP COLUMN amount")


def test_1_missing_money_column_refused_by_verify_and_import(pcs, stick, tmp_path):
    a, path = _ledger_bundle(pcs, stick)
    bad = rewrite(path, tmp_path / "bad.tambon", data_fn=_drop_amount)
    with pytest.raises(B.BundleError) as e:
        exchange.verify(bad)
    assert "ledger_entry" in str(e.value) and "amount" in str(e.value)
    b = pcs("b")
    before = b.snapshot()
    with pytest.raises(B.BundleError):
        exchange.import_bundle(b.use(), bad)
    assert b.snapshot() == before
    assert not b.db.execute_sql(
        "SELECT 1 FROM ledger_entry WHERE typeof(amount) != 'integer'"
    ).fetchone()


def test_1_text_in_a_money_column_refused(pcs, stick, tmp_path):
    a, path = _ledger_bundle(pcs, stick)
    bad = rewrite(
        path,
        tmp_path / "bad.tambon",
        data_fn=lambda con: con.execute("UPDATE ledger_entry SET amount='amount'"),
    )
    with pytest.raises(B.BundleError) as e:
        exchange.verify(bad)
    assert "ledger_entry.amount" in str(e.value)
    b = pcs("b")
    before = b.snapshot()
    with pytest.raises(B.BundleError):
        exchange.import_bundle(b.use(), bad)
    assert b.snapshot() == before


def test_1_merge_checks_types_against_the_live_fields(pcs, stick, tmp_path):
    """The merge's own check, for a copy whose declared types were forged too."""
    from tambon_desk.exchange import merge

    a, path = _ledger_bundle(pcs, stick)
    data = tmp_path / "copy.sqlite"
    with zipfile.ZipFile(path) as zf:
        data.write_bytes(zf.read("data.sqlite"))
    con = sqlite3.connect(data)
    con.execute("UPDATE ledger_entry SET amount='12.5x'")
    con.commit()
    con.close()
    db = a.use().db
    db.execute_sql("ATTACH DATABASE ? AS bundle", (str(data),))
    try:
        with pytest.raises(B.BundleError) as e:
            merge.check_values(db, LedgerEntry)
        assert "ledger_entry.amount" in str(e.value)
        assert merge.known_columns(db, LedgerEntry)[-1] in {
            f.column_name for f in LedgerEntry._meta.sorted_fields
        }
    finally:
        db.execute_sql("DETACH DATABASE bundle")


# --- 2. gigabytes from small spreadsheets -------------------------------------------------------


def _xlsx_with_stray_cell(path, rows=20000):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    for i in range(rows):
        ws.append([i, "x", i * 2])
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    xml = parts[name].decode()
    end = xml.index("</row>")
    parts[name] = (
        xml[:end] + '<c r="XFD1" t="inlineStr"><is><t>stray</t></is></c>' + xml[end:]
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    return path


def test_2_cell_in_column_xfd_is_refused_without_padding(tmp_path):
    path = _xlsx_with_stray_cell(tmp_path / "xfd.xlsx")
    with memory_cap(400), pytest.raises(UserError) as e:
        reading.read_sheet(path)
    assert "XFD" in str(e.value) and "คอลัมน์" in str(e.value)


def test_2_shared_strings_bomb_refused_before_openpyxl(tmp_path):
    path = tmp_path / "bomb.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "หมู่"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    big = (
        b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
        + b"<si><t>"
        + b"A" * (40 * 1024 * 1024)
        + b"</t></si></sst>"
    )
    parts["xl/sharedStrings.xml"] = big
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    assert path.stat().st_size < 1024 * 1024
    with memory_cap(300), pytest.raises(UserError) as e:
        reading.read_sheet(path)
    assert "sharedStrings" in str(e.value)


def test_2_rows_are_capped_with_a_thai_message_also_in_dry_run(cli_db, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    path = tmp_path / "many.csv"
    path.write_text("หมู่,บ้านเลขที่\n" + "".join(f"1,{i}\n" for i in range(200)), encoding="utf-8")
    with pytest.raises(UserError) as e:
        engine.prepare(get_kind("accounts"), path)
    assert "แถว" in str(e.value)
    out = run_cli(
        "--db",
        cli_db,
        "--user",
        "admin",
        "load",
        "accounts",
        _xfd_file(tmp_path),
        "--dry-run",
        TAMBON_DESK_PASSWORD="admin-pass",
    )
    assert out.returncode == 2 and "XFD" in out.stderr and "Traceback" not in out.stderr


def _xfd_file(tmp_path):
    return _xlsx_with_stray_cell(tmp_path / "xfd-cli.xlsx", rows=100)


@pytest.fixture
def cli_db(tmp_path):
    """A database with an admin for CLI runs in a child process."""
    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database, open_database

    path = tmp_path / "x.db"
    db = open_database(path)
    auth.create_user(Context(db=db, db_path=path), "admin", "admin-pass", "admin", bootstrap=True)
    close_database()
    return path


# --- 3. the optimistic check without a clock ----------------------------------------------------


def test_3_two_stale_saves_under_a_coarse_clock(ctx, monkeypatch):
    from tambon_desk.core import records

    monkeypatch.setattr(records, "utcnow", lambda: "2026-12-01T04:00:00.000000Z")
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    accepted = 0
    for round_ in range(30):
        vid = places.villages(t)[0].id
        mine, theirs = Village.get_by_id(vid), Village.get_by_id(vid)
        save_record(
            ctx, Village, {"name": f"ก{round_}"}, record=mine, expected_updated_at=mine.updated_at
        )
        try:
            save_record(
                ctx,
                Village,
                {"name": f"ข{round_}"},
                record=theirs,
                expected_updated_at=theirs.updated_at,
            )
            accepted += 1
        except ConcurrentEditError:
            pass
    assert accepted == 0
    assert Village.get_by_id(vid).row_version == 31


def test_3_row_version_travels_in_bundles(pcs, stick):
    a = pcs("a")
    t, made = build_tambon(a)
    ctx = a.use()
    h = made[0]
    for note in ("หนึ่ง", "สอง"):
        h = households.save_household(ctx, h.village, h.house_no, [], household=h, note=note)
    path = export(a, stick)
    b = pcs("b")
    exchange.import_bundle(b.use(), path)
    from tambon_desk.db.models import Household

    assert Household.get_by_id(h.id).row_version == h.row_version >= 3


# --- 4. two imports at once: backups -------------------------------------------------------------

_BACKUPS = """
import sys
from tambon_desk.db import open_database
from tambon_desk.db.backup import backup_database
db = open_database(sys.argv[1])
for _ in range(6):
    backup_database(db, sys.argv[2], reason="before-import-accounts", keep=100)
"""


def test_4_two_processes_backing_up_in_the_same_second(cli_db, tmp_path):
    folder = tmp_path / "backups"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _BACKUPS, str(cli_db), str(folder)],
            env=env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    made = dbbackup.list_backups(folder)
    assert len(made) == 18
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]
    for b in made:
        con = sqlite3.connect(b.path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()


@pytest.mark.sqlite_only  # file backups; a hub is backed up by the server
def test_4_failed_copy_leaves_no_part(ctx, tmp_path, monkeypatch):
    def broken(*a, **k):
        raise OSError("disk I/O error")

    monkeypatch.setattr(dbbackup.os, "replace", broken)
    with pytest.raises(OSError):
        dbbackup.backup_database(ctx.db, tmp_path / "b")
    assert list((tmp_path / "b").iterdir()) == []


# --- 5. malformed manifests ----------------------------------------------------------------------

MANIFEST_KINDS = {
    "nested_100000_deep": dict(
        raw='{"format": "tambon-desk-bundle", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    ),
    "nested_in_scope": dict(
        fn=lambda m: m.__setitem__(
            "scope", {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": 1}}}}}}}}}
        )
    ),
    "format_version_text": dict(fn=lambda m: m.__setitem__("format_version", "1")),
    "format_version_null": dict(fn=lambda m: m.__setitem__("format_version", None)),
    "schema_version_text": dict(fn=lambda m: m.__setitem__("schema_version", "6")),
    "schema_version_float": dict(fn=lambda m: m.__setitem__("schema_version", 1.5)),
    "schema_version_bool": dict(fn=lambda m: m.__setitem__("schema_version", True)),
    "size_text": dict(fn=lambda m: m["files"]["data.sqlite"].__setitem__("size", "12")),
    "size_negative": dict(fn=lambda m: m["files"]["data.sqlite"].__setitem__("size", -1)),
    "migrations_number": dict(fn=lambda m: m.__setitem__("migrations", 5)),
    "migrations_texts": dict(fn=lambda m: m.__setitem__("migrations", ["1", "2"])),
    "counts_list": dict(fn=lambda m: m.__setitem__("counts", [1, 2])),
    "counts_text_value": dict(fn=lambda m: m["counts"].__setitem__("person", "3")),
    "file_entry_string": dict(fn=lambda m: m["files"].__setitem__("data.sqlite", "abc")),
    "files_list": dict(fn=lambda m: m.__setitem__("files", ["data.sqlite"])),
    "sha256_not_hex": dict(fn=lambda m: m["files"]["data.sqlite"].__setitem__("sha256", "zz")),
    "office_string": dict(fn=lambda m: m.__setitem__("office", "อบต.")),
    "office_id_number": dict(fn=lambda m: m.__setitem__("office", {"id": 5, "name": "x"})),
    "tambon_number": dict(fn=lambda m: m.__setitem__("tambon", 800101)),
    "exported_at_missing": dict(fn=lambda m: m.pop("exported_at")),
    "tambons_string": dict(fn=lambda m: m.__setitem__("tambons", "800101")),
}


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory):
    from tambon_desk.db import close_database

    root = tmp_path_factory.mktemp("small")
    a = PC(root, "a")
    build_tambon(a, n_households=1)
    (root / "stick").mkdir()
    path = export(a, root / "stick")
    close_database()
    return path


@pytest.mark.parametrize("kind", sorted(MANIFEST_KINDS))
def test_5_malformed_manifest_refused_in_thai(kind, small_bundle, pcs, tmp_path):
    path = small_bundle
    spec = MANIFEST_KINDS[kind]
    bad = rewrite(
        path, tmp_path / "bad.tambon", manifest_fn=spec.get("fn"), raw_manifest=spec.get("raw")
    )
    with pytest.raises(B.BundleError) as e:
        exchange.verify(bad)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(e.value))
    b = pcs("b")
    before = b.snapshot()
    with pytest.raises(B.BundleError):
        exchange.import_bundle(b.use(), bad)
    assert b.snapshot() == before
    if kind in ("office_string", "nested_100000_deep"):  # the CLI too, once or twice
        out = run_cli("verify", bad)
        assert out.returncode == 2 and "Traceback" not in out.stderr


# --- 6. reader crashes ---------------------------------------------------------------------------


def test_6_csv_field_over_131072_characters(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("หมู่,หมายเหตุ\n1," + "ก" * 200_000 + "\n", encoding="utf-8")
    sheet = reading.read_sheet(path)  # up to 1 MB per cell is read
    assert len(sheet.rows[1][1][1]) == 200_000
    path.write_text('หมู่,หมายเหตุ\n1,"' + "ก" * 2_000_000 + "\n", encoding="utf-8")
    with pytest.raises(UserError) as e:
        reading.read_sheet(path)
    assert "CSV" in str(e.value) and "บรรทัด" in str(e.value)


def test_6_amount_of_4300_digits_is_a_row_error(ctx, tmp_path):
    with pytest.raises(MoneyError):
        parse_baht("9" * 4300)
    with pytest.raises(MoneyError):
        parse_baht(10**4300)
    assert format_baht(10**4400) == "จำนวนเงินเกินขอบเขต"
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    households.save_household(
        ctx, places.villages(t)[0], "7", [{"first_name": "สมศรี", "relation": "head"}]
    )
    path = _accounts_csv(tmp_path / "huge.csv", [("1", "7", "10/11/2568", "food", "9" * 4300)])
    result = engine.run_import(ctx, engine.prepare(get_kind("accounts"), path))
    assert result.errors and "มากเกินไป" in result.errors[0].message


def _accounts_csv(path, rows, delimiter=","):
    headers = [
        c.value
        for c in openpyxl.load_workbook(
            write_template(get_kind("accounts"), path.with_suffix(".xlsx"))
        ).worksheets[0][1]
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(headers)
        for i, r in enumerate(rows, start=1):
            w.writerow([i, *r])
    return path


def test_6_truncated_workbook_xml(tmp_path):
    path = tmp_path / "cut.xlsx"
    wb = openpyxl.Workbook()
    for i in range(50):
        wb.active.append([i, "ก"])
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:700]
    with zipfile.ZipFile(path, "w") as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    with pytest.raises(UserError) as e:
        reading.read_sheet(path)
    assert "Excel" in str(e.value)


def test_6_chartsheet_as_the_first_sheet(tmp_path):
    from openpyxl.chart import BarChart, Reference

    path = tmp_path / "chart-first.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ข้อมูล"
    for r in (["หมู่", "จำนวน"], [1, 3], [2, 5]):
        ws.append(r)
    cs = wb.create_chartsheet("กราฟ", 0)
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    cs.add_chart(chart)
    wb.active = 0
    wb.save(path)
    sheet = reading.read_sheet(path)
    assert sheet.name == "ข้อมูล" and sheet.rows[0][1] == ["หมู่", "จำนวน"]
    with pytest.raises(UserError):
        reading.read_sheet(path, "กราฟ")


# --- 7. formula injection ------------------------------------------------------------------------

EVIL = '=HYPERLINK("http://example.invalid/x","คลิก")'


def _formula_cells(path_or_file) -> list:
    wb = openpyxl.load_workbook(path_or_file)
    return [
        (ws.title, c.coordinate)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def test_7_household_register_keeps_a_formula_name_as_text(ctx, tmp_path):
    from tambon_desk.reports import catalogue

    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    households.save_household(
        ctx,
        places.villages(t)[0],
        "1",
        [{"first_name": EVIL, "last_name": "+SUM(A1)", "relation": "head"}],
    )
    out = tmp_path / "register.xlsx"
    catalogue.render(catalogue.build(ctx, "household-register"), "xlsx", out)
    assert _formula_cells(out) == []
    texts = [
        c.value
        for ws in openpyxl.load_workbook(out).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert any(EVIL in t for t in texts)


def test_7_error_report_and_tables_xlsx_keep_text(ctx, tmp_path, stick):
    from tambon_desk.importers.report import write_error_report

    path = _accounts_csv(tmp_path / "evil.csv", [("1", "@SUM(1)", "10/11/2568", EVIL, "5")])
    places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    result = engine.run_import(ctx, engine.prepare(get_kind("accounts"), path), dry_run=True)
    assert result.errors
    assert _formula_cells(write_error_report(result, tmp_path / "errors.xlsx")) == []
    households.save_household(
        ctx, Village.select().first(), "9", [{"first_name": EVIL, "relation": "head"}]
    )
    bundle = exchange.export_bundle(ctx, stick).path
    with zipfile.ZipFile(bundle) as zf:
        book = io.BytesIO(zf.read("tables.xlsx"))
    assert _formula_cells(book) == []


def test_7_shared_writer_rule():
    from tambon_desk.core import cells

    wb = openpyxl.Workbook()
    ws = wb.active
    cells.append_row(ws, ["=1+1", "+1", "-x", "@x", "\tx", "\rx", "ok", 5, -5])
    assert [c.data_type for c in ws[1]] == ["s"] * 7 + ["n", "n"]


# --- 8. a refused file changes nothing --------------------------------------------------------


def test_8_refused_accounts_file_writes_no_mapping_and_no_audit(ctx, tmp_path):
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    households.save_household(
        ctx, places.villages(t)[0], "7", [{"first_name": "สมศรี", "relation": "head"}]
    )
    path = _accounts_csv(
        tmp_path / "refused.csv",
        [("1", "7", "10/11/2568", "food", "50"), ("1", "99", "10/11/2568", "food", "50")],
    )
    mappings, audits = ImportMapping.select().count(), AuditLog.select().count()
    result = engine.run_import(ctx, engine.prepare(get_kind("accounts"), path))
    assert result.refused and result.errors
    assert ImportMapping.select().count() == mappings
    assert AuditLog.select().count() == audits
    assert LedgerEntry.select().count() == 0
    result = engine.run_import(
        ctx, engine.prepare(get_kind("accounts"), path), options={"valid_only": True}
    )
    assert ImportMapping.select().count() == mappings + 1


# --- 9. logins on a shared PC ------------------------------------------------------------------


def test_9_failed_logins_audited_slowed_then_locked(ctx, monkeypatch):
    waits = []
    monkeypatch.setattr(auth, "_sleep", waits.append)
    auth.create_user(ctx, "somsri", "right-pass", "clerk")
    for _ in range(auth.LOCK_AFTER):
        assert auth.authenticate(ctx, "somsri", "wrong") is None
    failed = AuditLog.select().where(AuditLog.action == "login-failed").count()
    assert failed == auth.LOCK_AFTER
    assert waits and waits == sorted(waits) and waits[-1] > waits[0]
    with pytest.raises(auth.AccountLocked):
        auth.authenticate(ctx, "somsri", "right-pass")
    assert auth.authenticate(ctx, "nobody", "x") is None
    assert AuditLog.select().where(AuditLog.action == "login-failed").count() == failed + 1
    somsri = User.get(User.username == "somsri")
    auth.unlock_user(ctx, somsri)
    assert auth.authenticate(ctx, "somsri", "right-pass") is not None
    assert User.get(User.username == "somsri").failed_logins == 0


def test_9_only_an_admin_unlocks(ctx, as_role):
    user = auth.create_user(ctx, "somsri", "right-pass", "clerk")
    as_role("clerk")
    with pytest.raises(PermissionDenied):
        auth.unlock_user(ctx, user)


def test_9_must_change_password_blocks_the_cli(cli_db, tmp_path):
    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database, open_database

    db = open_database(cli_db)
    c = Context(db=db, db_path=cli_db)
    c.user = User.get(User.username == "admin")
    auth.create_user(c, "somsri", "first-pass", "clerk", must_change_password=True)
    close_database()
    base = ("--db", cli_db, "--user", "somsri")
    out = run_cli(*base, "backup", TAMBON_DESK_PASSWORD="first-pass")
    assert out.returncode == 2 and "users password" in out.stderr
    out = run_cli(
        *base,
        "users",
        "password",
        TAMBON_DESK_PASSWORD="first-pass",
        TAMBON_DESK_NEW_PASSWORD="my-own-pass",
    )
    assert out.returncode == 0, out.stderr
    out = run_cli(*base, "backup", TAMBON_DESK_PASSWORD="my-own-pass")
    assert out.returncode == 0, out.stderr


def test_9_viewer_preferences_are_their_own(ctx, as_role):
    admin = ctx.user
    viewer = as_role("viewer")
    config.set_setting(viewer, "language", "en")
    assert config.get_preference(viewer, "language") == "en"
    assert config.get_setting("language") == "th"
    with pytest.raises(PermissionDenied):
        config.set_setting(viewer, "office_name_shared", "x")
    ctx.user = admin
    assert config.get_preference(ctx, "language") == "th"


# --- 10. CSV with ; and comma thousands -------------------------------------------------------


def test_10_semicolon_csv_with_comma_thousands(ctx, tmp_path):
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    households.save_household(
        ctx, places.villages(t)[0], "7", [{"first_name": "สมศรี", "relation": "head"}]
    )
    path = _accounts_csv(
        tmp_path / "semi.csv",
        [
            ("1", "7", "10/11/2568", "food", "3,033.35"),
            ("1", "7", "11/11/2568", "food", "1,200.00"),
            ("1", "7", "12/11/2568", "food", "2,500.50"),
        ],
        delimiter=";",
    )
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[0] = lines[0].replace("จำนวนเงิน", "จำนวนเงิน (บาท,สตางค์)", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert reading.sniff_delimiter(path.read_text(encoding="utf-8")) == ";"
    result = engine.run_import(ctx, engine.prepare(get_kind("accounts"), path))
    assert not result.errors
    assert sorted(e.amount for e in LedgerEntry.select()) == [120000, 250050, 303335]


# --- 11. personal data on USB --------------------------------------------------------------------


def _person_ids(book) -> list:
    wb = openpyxl.load_workbook(book, read_only=True)
    rows = list(wb["person"].iter_rows(values_only=True))
    i = rows[1].index("citizen_id")  # row 1: Thai headers, row 2: field names
    return [r[i] for r in rows[2:] if r[i]]


def test_11_bundle_without_passphrase_masks_ids_in_tables(pcs, stick):
    a = pcs("a")
    build_tambon(a, n_households=2)
    path = export(a, stick)
    with zipfile.ZipFile(path) as zf:
        shown = _person_ids(io.BytesIO(zf.read("tables.xlsx")))
        (stick / "d.sqlite").write_bytes(zf.read("data.sqlite"))
    assert shown and all("xxxxx" in s for s in shown)
    con = sqlite3.connect(stick / "d.sqlite")
    exact = sorted(
        r[0] for r in con.execute("SELECT citizen_id FROM person WHERE citizen_id IS NOT NULL")
    )
    con.close()
    assert exact == sorted([valid_cid(1100700000000), valid_cid(1100700000010)])


def test_11_passphrase_seals_the_bundle(pcs, stick, tmp_path):
    a = pcs("a")
    build_tambon(a, n_households=2)
    path = exchange.export_bundle(a.use(), stick, passphrase="ลับมาก-2569").path
    raw = path.read_bytes()
    assert not zipfile.is_zipfile(path)
    assert valid_cid(1100700000000).encode() not in raw
    with pytest.raises(B.BundleError) as e:
        exchange.verify(path)
    assert "วลีรหัสผ่าน" in str(e.value)
    with pytest.raises(B.BundleError):
        exchange.verify(path, passphrase="wrong-passphrase")
    cut = tmp_path / "cut.tambon"
    cut.write_bytes(raw[:-100])
    with pytest.raises(B.BundleError):
        exchange.verify(cut, passphrase="ลับมาก-2569")
    assert exchange.verify(path, passphrase="ลับมาก-2569").sealed
    b = pcs("b")
    exchange.import_bundle(b.use(), path, passphrase="ลับมาก-2569")
    assert b.dump("person") == a.dump("person")
    with pytest.raises(UserError):
        exchange.export_bundle(a.use(), stick, passphrase="short")


def test_11_cli_passphrase_file(pcs, stick, tmp_path):
    a = pcs("a")
    build_tambon(a, n_households=1)
    a.db.close()
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("ลับมาก-2569\n", encoding="utf-8")
    out = run_cli(
        "--db",
        a.path,
        "--user",
        "admin",
        "export",
        "--out",
        stick,
        "--passphrase-file",
        phrase,
        TAMBON_DESK_PASSWORD="admin-pass",
    )
    assert out.returncode == 0, out.stderr
    sealed = out.stdout.strip().splitlines()[-1]
    out = run_cli("verify", sealed)
    assert out.returncode == 2 and "--passphrase-file" in out.stderr
    out = run_cli("verify", sealed, "--passphrase-file", phrase)
    assert out.returncode == 0, out.stderr
