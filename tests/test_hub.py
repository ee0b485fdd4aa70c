"""The provincial hub (issue 17): one program on SQLite and PostgreSQL.

Tests taking `ctx` run on both engines (see conftest); those marked `hub` need PostgreSQL.
Tambon PCs are always SQLite files, as in the field; the district/province database is `ctx`.
"""

import datetime as dt
import multiprocessing as mp
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tambon_desk import exchange, plan, province, registry
from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.core.errors import PermissionDenied, ValidationError
from tambon_desk.core.records import run_retrying, save_record
from tambon_desk.db import engines, migrations, open_database
from tambon_desk.db.base import database_proxy
from tambon_desk.db.models import AuditLog, Household, LedgerEntry, Tambon, User, Village
from tambon_desk.registry import places
from tambon_desk.thai import thai_sort_key
from tests import pg_server

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 6, 15)


# --- opening: URLs and schemes --------------------------------------------------------------


def test_parse_target_reads_paths_and_urls_and_refuses_unknown_schemes():
    assert engines.parse_target("/data/tambon.db") == engines.Target(
        "sqlite", path="/data/tambon.db"
    )
    assert engines.parse_target(r"C:\ProgramData\TambonDesk\tambon.db").engine == "sqlite"
    assert engines.parse_target("sqlite:///tmp/x.db").path == "/tmp/x.db"
    hub = engines.parse_target("postgresql://officer@hub.local:5432/tambon")
    assert hub.is_hub and hub.url.endswith("/tambon")
    assert engines.parse_target("postgres://h/db").is_hub
    for bad in ("mysql://h/db", "http://example.org/x", "postgresq://h/db"):
        with pytest.raises(engines.UnknownDatabaseScheme):
            engines.parse_target(bad)


def test_connect_params_and_redaction():
    p = engines.connect_params("postgresql://officer@hub.local:6543/nakhon?sslmode=require")
    assert p == {
        "database": "nakhon",
        "host": "hub.local",
        "port": 6543,
        "user": "officer",
        "sslmode": "require",
    }
    assert engines.redact_url("postgresql://a:s3cret@h/db") == "postgresql://a:***@h/db"
    assert engines.url_has_password("postgresql://a:s3cret@h/db")
    assert not engines.url_has_password("postgresql://a@h/db")


def test_placeholders_become_pyformat_outside_quotes():
    assert (
        engines.to_pyformat("SELECT a FROM t WHERE b = ? AND c LIKE '%?%'")
        == "SELECT a FROM t WHERE b = %s AND c LIKE '%%?%%'"
    )
    assert (
        engines.to_pyformat('SELECT "a?" FROM t WHERE x = ?') == 'SELECT "a?" FROM t WHERE x = %s'
    )
    assert (
        engines.to_pyformat("SELECT printf('%012x', 1) WHERE y = ?")
        == "SELECT printf('%%012x', 1) WHERE y = %s"
    )


@pytest.mark.parametrize("url", ["mysql://h/db", "postgresql://a:pw@127.0.0.1:1/db"])
def test_cli_refuses_unknown_scheme_and_passwords_and_creates_no_file(tmp_path, url):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("TAMBON_DESK_DB", None)
    out = subprocess.run(
        [sys.executable, "-m", "tambon_desk", "--db", url, "check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert list(tmp_path.iterdir()) == []  # no file named "mysql:" or "postgresql:"


# --- engines give the same answers --------------------------------------------------------

NAMES = [
    "อำนาจ ใจดี",
    "กมล ศรีสุข",
    "เกษม ทองคำ",
    "ไพโรจน์ บุญมา",
    "ขจร แก้วมณี",
    "ฉวี นาคสุข",
    "เฉลิม ชูช่วย",
    "โชติ พรหมคีรี",
    "ใจ รักษ์ไทย",
    "กิ่ง สุวรรณ",
    "ก้อย เพชรรัตน์",
]


def _village(ctx):
    t = places.add_tambon(ctx, "800101", [(1, "บ้านควนเกย"), (2, "บ้านนาดี")])
    return t, registry.villages(t)


def test_thai_order_is_the_same_on_both_engines(ctx):
    _t, vs = _village(ctx)
    for i, name in enumerate(NAMES):
        first, last = name.split()
        registry.save_household(
            ctx,
            vs[i % 2],
            str(i + 1),
            [{"first_name": first, "last_name": last, "relation": "head"}],
        )
    rows, total = registry.household_page(limit=100)
    assert total == len(NAMES)
    assert [r["head_name"] for r in rows] == sorted(NAMES, key=thai_sort_key)
    hits, _n = registry.household_page("ใจ")
    assert {r["head_name"] for r in hits} == {n for n in NAMES if "ใจ" in n}


def test_migrations_reach_the_latest_and_add_the_user_scope(ctx):
    assert migrations.current_version(ctx.db) == migrations.LATEST
    assert not migrations.pending(ctx.db)
    cols = {c.name for c in ctx.db.get_columns("user")}
    assert "scope" in cols


def test_migration_9_upgrades_a_version_5_database(engine, tmp_path):
    if engine == "sqlite":
        target = tmp_path / "old.db"
    else:
        if not os.environ.get(pg_server.ENV):
            pytest.skip("needs PostgreSQL")
        target = pg_server.empty_database()
    db = open_database(target, migrate=False)
    migrations.migrate(db, target=5)
    assert migrations.current_version(db) == 5
    assert "scope" not in {c.name for c in db.get_columns("user")}
    db.execute_sql(
        "INSERT INTO \"user\" (id, created_at, updated_at, username, display_name, "
        "role, password_hash, must_change_password, active) "
        "VALUES ('u1', 'x', 'x', 'old', '', 'admin', 'h', ?, ?)",
        (False, True),
    )
    assert (
        migrations.migrate(db) == [v for v in (9,) if v <= migrations.LATEST]
        or migrations.current_version(db) == migrations.LATEST
    )
    assert db.execute_sql("SELECT scope FROM \"user\" WHERE id = 'u1'").fetchone()[0] == ""
    db.close()


# --- a user's scope -----------------------------------------------------------------------


def test_a_scoped_clerk_writes_only_inside_their_tambon(ctx):
    t1 = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    t2 = places.add_tambon(ctx, "800201", [(1, "บ้านสอง")])
    v1, v2 = registry.villages(t1)[0], registry.villages(t2)[0]
    clerk = auth.create_user(ctx, "kuankoei", "secret", "clerk", scope="800101")
    other_hh = registry.save_household(ctx, v2, "9", [{"first_name": "สมศรี", "relation": "head"}])
    ctx.user = clerk
    mine = registry.save_household(ctx, v1, "1", [{"first_name": "สมชาย", "relation": "head"}])
    assert mine.village_id == v1.id
    with pytest.raises(PermissionDenied):
        registry.save_household(ctx, v2, "2", [{"first_name": "มานะ", "relation": "head"}])
    with pytest.raises(PermissionDenied):
        registry.delete_household(ctx, Household.get_by_id(other_hh.id))
    assert Household.get_by_id(other_hh.id).deleted_at is None
    denied = AuditLog.select().where(
        (AuditLog.action == "denied") & (AuditLog.username == "kuankoei")
    )
    assert denied.count() == 2
    assert all("800201" in a.note for a in denied)


def test_scope_codes_are_checked(ctx):
    with pytest.raises(ValidationError):
        auth.create_user(ctx, "x", "secret", "clerk", scope="80A")
    u = auth.create_user(ctx, "district", "secret", "clerk", scope="8001")
    auth.set_scope(ctx, u, "80")
    assert User.get_by_id(u.id).scope == "80"


# --- the province: merged bundles, dashboard figures --------------------------------------


class TambonPC:
    """A tambon office's own SQLite file, built through the services."""

    def __init__(self, folder: Path, code: str, villages: int, households: int):
        self.path = folder / code / "tambon.db"
        self.db = open_database(self.path)
        self.ctx = Context(db=self.db, db_path=self.path)
        self.ctx.user = auth.create_user(self.ctx, "admin", "admin-pass", "admin", bootstrap=True)
        self.tambon = places.add_tambon(
            self.ctx, code, [(i + 1, f"บ้าน{i + 1}") for i in range(villages)]
        )
        vs = registry.villages(self.tambon)
        self.households = []
        for i in range(households):
            first, last = NAMES[i % len(NAMES)].split()
            self.households.append(
                registry.save_household(
                    self.ctx,
                    vs[i % villages],
                    str(i + 1),
                    [{"first_name": first, "last_name": last, "relation": "head"}],
                )
            )

    def use(self):
        database_proxy.initialize(self.db)
        return self.ctx


def _province(tmp_path):
    """Two tambons of district 8001 and one of 8002, with books and projects."""
    from tambon_desk import accounts

    pcs = [
        TambonPC(tmp_path, "800101", 2, 6),
        TambonPC(tmp_path, "800102", 1, 4),
        TambonPC(tmp_path, "800201", 3, 5),
    ]
    expected = {}
    for k, pc in enumerate(pcs):
        ctx = pc.use()
        cat = accounts.categories()[0]
        writers = pc.households[: k + 2]
        for hid in writers:
            accounts.add_entry(ctx, hid, dt.date(2026, 5, 3), cat, 12_500, today=TODAY)
        accounts.add_entry(ctx, pc.households[-1], dt.date(2026, 4, 30), cat, 100, today=TODAY)
        project = plan.save_project(
            ctx,
            {"tambon": pc.tambon.id, "title": f"ฝาย {k}", "fiscal_year": 2569, "level": "tambon"},
            funding=[
                {"channel": "local_gov", "requested": 10_000_00, "approved": (k + 1) * 1_000_00}
            ],
        )
        if k == 0:
            plan.save_project(
                ctx,
                {
                    "tambon": pc.tambon.id,
                    "title": "ถนน",
                    "fiscal_year": 2569,
                    "level": "tambon",
                    "provincial": True,
                    "provincial_fy": 2570,
                    "provincial_amount": 500_000_00,
                },
                funding=[{"channel": "own", "requested": 0, "approved": 0}],
            )
        assert project is not None
        expected[pc.tambon.code] = {"households": len(pc.households), "recorded": len(writers)}
    return pcs, expected


def test_a_province_merged_on_either_engine_gives_the_same_figures(ctx, tmp_path):
    hub_ctx = ctx
    pcs, expected = _province(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    bundles = []
    for pc in pcs:
        bundles.append(exchange.export_bundle(pc.use(), stick).path)
    database_proxy.initialize(hub_ctx.db)
    reports = exchange.import_bundles(hub_ctx, bundles)
    assert all(r.tables["household"].add for r in reports)
    board = province.province_dashboard(month="2026-05", with_water=False)
    by_code = {r.code: r for r in board.tambons}
    assert set(by_code) == {"800101", "800102", "800201"}
    for code, want in expected.items():
        assert by_code[code].households == want["households"]
        assert by_code[code].recorded == want["recorded"]
        assert by_code[code].last_bundle is not None
    assert by_code["800101"].target == 20 and by_code["800201"].target == 30
    assert by_code["800101"].provincial == 1 and by_code["800102"].provincial == 0
    assert by_code["800102"].budget["local_gov"] == 2_000_00
    assert by_code["800101"].projects["own"] == 1
    districts = {d.code: d for d in board.districts}
    assert districts["8001"].households == 10 and districts["8001"].tambons == 2
    assert districts["8001"].recorded == 2 + 3
    assert districts["8002"].budget["local_gov"] == 3_000_00
    assert board.province.households == 15
    assert board.province.participation == round(100 * 9 / 60, 1)
    assert [d.code for d in board.districts] == ["8001", "8002"]
    assert board.children(districts["8001"])[0].code == "800101"
    villages = province.village_rows(by_code["800201"], "2026-05", with_water=False)
    assert [v.code for v in villages] == ["800201-01", "800201-02", "800201-03"]
    assert sum(v.households for v in villages) == 5
    assert sum(v.recorded for v in villages) == 4
    # the same figures through the plan area's own summary
    fs = plan.funding_summary()
    assert fs.totals["local_gov"].approved == 6_000_00
    # importing the same bundles again changes nothing (no lost or doubled rows)
    again = exchange.import_bundles(hub_ctx, bundles)
    assert not any(r.changes_anything for r in again)
    assert LedgerEntry.select().count() == sum(e["recorded"] + 1 for e in expected.values())
    for pc in pcs:
        pc.db.close()
    database_proxy.initialize(hub_ctx.db)


def _water(pc, k: int) -> None:
    """Rain, sources, crops and livestock that leave some months short and others not."""
    from tambon_desk import water

    ctx = pc.use()
    rain = [60, 40, 30, 80, 180, 120, 130, 140, 200, 310, 420, 250]
    water.set_rainfall(ctx, pc.tambon, 2026, {m + 1: mm * (1 + k / 4) for m, mm in enumerate(rain)})
    for i, v in enumerate(registry.villages(pc.tambon)):
        water.save_source(
            ctx,
            {
                "village": v,
                "name": f"สระ {i}",
                "kind": "pond",
                "capacity_m3": 400 * (i + 1) * (k + 1),
                "catchment_m2": 2000,
                "runoff_coef": 0.3,
                "dry_months": "3,4" if i % 2 else "",
            },
        )
        water.save_crop_area(ctx, v, "rice", 3 + 2 * i + k, "2,3,4,5")
        water.set_livestock(ctx, v, {"cattle": 20 * (i + 1), "poultry": 100})


def test_province_water_deficits_match_the_per_tambon_balance(ctx, tmp_path):
    """The dashboard reads every tambon's water balance in one pass; the figures are those of
    `water.tambon_balance` run tambon by tambon (the reference), on either engine."""
    from tambon_desk import water

    hub_ctx = ctx
    pcs, _expected = _province(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    bundles = []
    for k, pc in enumerate(pcs):
        _water(pc, k)
        bundles.append(exchange.export_bundle(pc.use(), stick).path)
    database_proxy.initialize(hub_ctx.db)
    exchange.import_bundles(hub_ctx, bundles)
    tambons = registry.tambons()
    assert len(tambons) == 3
    together = water.tambons_balance(tambons, 2569)
    board = province.province_dashboard(month="2026-05", water_year_be=2569)
    rows = {r.tambon_id: r for r in board.tambons}
    months_short = 0
    for t in tambons:
        whole, per_village = water.tambon_balance(t, 2569)  # the reference, tambon by tambon
        got_whole, got_per = together[t.id]
        assert got_whole.rows == whole.rows
        assert {v: b.rows for v, b in got_per.items()} == {
            v: b.rows for v, b in per_village.items()
        }
        assert rows[t.id].deficit_months == len(whole.deficit_months)
        villages = province.village_rows(rows[t.id], "2026-05", 2569)
        assert {v.code: v.deficit_months for v in villages} == {
            f"{t.code}-{v.moo:02d}": len(per_village[v.id].deficit_months)
            for v in registry.villages(t)
        }
        months_short += len(whole.deficit_months)
    assert 0 < months_short < 12 * len(tambons)  # the comparison means something
    assert board.province.deficit_months == months_short
    for pc in pcs:
        pc.db.close()
    database_proxy.initialize(hub_ctx.db)


def test_stale_rows_show_upwards():
    a = province.Row("tambon", "800101", "a", last_bundle="2026-05-01T00:00:00.000000Z")
    b = province.Row("tambon", "800102", "b", last_bundle="2026-03-01T00:00:00.000000Z")
    c = province.Row("tambon", "800103", "c")
    assert province.stalest([a, b]) == b.last_bundle
    assert province.stalest([a, b, c]) is None


# --- concurrency on the hub ---------------------------------------------------------------


@pytest.mark.hub
def test_a_serialization_failure_is_retried_not_shown(ctx):
    t, _vs = _village(ctx)
    other = open_database(pg_server.url_for(ctx.db.database), migrate=False)
    database_proxy.initialize(ctx.db)
    attempts = []

    def body():
        attempts.append(1)
        with ctx.db.atomic():
            ctx.db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            ctx.db.execute_sql("SELECT name_th FROM tambon WHERE id = ?", (t.id,)).fetchone()
            if len(attempts) == 1:  # another officer saves in between
                other.execute_sql(
                    "UPDATE tambon SET name_th = ? WHERE id = ?", ("ควนเกย (แก้)", t.id)
                )
                if other.in_transaction():
                    other.commit()
            ctx.db.execute_sql("UPDATE tambon SET name_en = ? WHERE id = ?", ("Khuan Koei", t.id))
        return len(attempts)

    assert run_retrying(ctx, body) == 2
    row = Tambon.get_by_id(t.id)
    assert (row.name_th, row.name_en) == ("ควนเกย (แก้)", "Khuan Koei")
    other.close()
    assert engines.is_retryable(RuntimeError("could not serialize access"))
    assert not engines.is_retryable(RuntimeError("syntax error"))


def _import_in_process(url, bundle, queue):
    try:
        db = open_database(url)
        import tempfile

        c = Context(db=db, db_path=Path(tempfile.mkdtemp()) / "hub")
        c.user = auth.authenticate(c, "admin", "admin-pass")
        report = exchange.import_bundle(c, bundle, backup=False)
        queue.put(("ok", report.tables["household"].add))
    except Exception as exc:  # reported to the test, not swallowed
        queue.put(("error", repr(exc)))


@pytest.mark.hub
def test_two_importers_and_an_officer_at_once_lose_nothing(ctx, tmp_path):
    pcs = [TambonPC(tmp_path, code, 2, 30) for code in ("800101", "800102")]
    stick = tmp_path / "stick"
    stick.mkdir()
    bundles = [str(exchange.export_bundle(pc.use(), stick).path) for pc in pcs]
    database_proxy.initialize(ctx.db)
    t3 = places.add_tambon(ctx, "800201", [(1, "บ้านที่สาม")])
    village = registry.villages(t3)[0]
    url = pg_server.url_for(ctx.db.database)
    queue = mp.get_context("spawn").Queue()
    procs = [
        mp.get_context("spawn").Process(target=_import_in_process, args=(url, b, queue))
        for b in bundles
    ]
    for p in procs:
        p.start()
    saved = []

    def officer():
        for i in range(15):
            saved.append(
                registry.save_household(
                    ctx, village, f"{i + 1}", [{"first_name": f"ชาย{i}", "relation": "head"}]
                ).id
            )

    worker = threading.Thread(target=officer)
    worker.start()
    results = [queue.get(timeout=300) for _ in procs]
    worker.join()
    for p in procs:
        p.join(timeout=60)
    assert results == [("ok", 30), ("ok", 30)], results
    assert Household.select().count() == 75
    assert len(saved) == 15
    creates = (
        AuditLog.select()
        .where(
            (AuditLog.action == "create")
            & (AuditLog.table == "household")
            & AuditLog.record_id.in_(saved)
        )
        .count()
    )
    assert creates == 15  # every officer's write is in the audit log
    imports = AuditLog.select().where(AuditLog.action == "import").count()
    assert imports == 2
    for pc in pcs:
        pc.db.close()
    database_proxy.initialize(ctx.db)


def test_a_district_scope_covers_its_tambons_only(ctx):
    t2 = places.add_tambon(ctx, "800201", [(1, "บ้านสอง")])
    clerk = auth.create_user(ctx, "k", "secret", "clerk", scope="8001")
    ctx.user = clerk
    with pytest.raises(PermissionDenied):
        save_record(ctx, Village, {"name": "บ้านใหม่"}, record=registry.villages(t2)[0])
    ctx.user = User.get(User.username == "admin")
    t1 = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    ctx.user = clerk
    v = save_record(ctx, Village, {"name": "บ้านหนึ่งใหม่"}, record=registry.villages(t1)[0])
    assert Village.get_by_id(v.id).name == "บ้านหนึ่งใหม่"


def test_uuids_are_stored_in_one_spelling(ctx):
    import uuid as _uuid

    from tambon_desk.db.base import uuid_spelling

    u = _uuid.uuid4()
    for spelling in (u.hex, str(u), str(u).upper(), "{" + str(u) + "}"):
        assert uuid_spelling(spelling) == u.hex
    assert uuid_spelling("not-a-uuid") == "not-a-uuid"
    t = places.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    v = registry.villages(t)[0]
    assert Village.get_or_none(Village.id == str(_uuid.UUID(v.id)).upper()).id == v.id
    stored = ctx.db.execute_sql("SELECT id FROM village").fetchone()[0]
    assert stored == v.id and len(stored) == 32 and stored == stored.lower()


# --- search-as-you-type on the hub ----------------------------------------------------------


def test_household_search_finds_the_same_rows_by_short_and_long_words(ctx):
    """Long words go through the trigram index on the hub (a derived table), short ones walk
    the Thai order; both find exactly what a substring search finds, in the list's order."""
    _t, vs = _village(ctx)
    for i, name in enumerate(NAMES * 3):
        first, last = name.split()
        registry.save_household(
            ctx,
            vs[i % 2],
            str(i + 1),
            [{"first_name": first, "last_name": last, "relation": "head"}],
        )
    everyone, _n = registry.household_page("", limit=1000)
    for words in ("ใจดี", "อำนาจ ใจ", "บุญมา", "ทอง", "ใ", "1", "12 ทอง", "ศรีสุข 2"):
        tokens = words.split()
        want = [
            r["id"]
            for r in everyone
            if all(t in Household.get_by_id(r["id"]).search_text for t in tokens)
        ]
        rows, total = registry.household_page(words, limit=1000)
        assert [r["id"] for r in rows] == want, words
        assert total == len(want)
        page, _total = registry.household_page(words, limit=2, offset=1)
        assert [r["id"] for r in page] == want[1:3]


@pytest.mark.hub
def test_the_hub_reads_thai_words_through_the_trigram_index(ctx):
    """The database's LC_CTYPE must be a UTF-8 one: under `C` pg_trgm sees no letters in
    Thai text and every search scans the whole table."""
    assert ctx.db.execute_sql("SELECT show_trgm('สมชาย')").fetchone()[0]
    _t, vs = _village(ctx)
    for i in range(30):
        registry.save_household(
            ctx, vs[0], str(i + 1), [{"first_name": "สมชาย", "relation": "head"}]
        )
    ctx.db.execute_sql("ANALYZE household")
    query = Household.select(Household.id)
    query = engines.search_within(query, Household, Household.search_text, ["สมชาย"])
    sql, params = query.sql()
    with ctx.db.atomic():
        ctx.db.execute_sql("SET LOCAL enable_seqscan = off")
        plan = "\n".join(r[0] for r in ctx.db.execute_sql("EXPLAIN " + sql, params))
    assert "household_search_trgm" in plan
