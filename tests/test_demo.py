"""Demo data: a believable tambon that passes the households validators, fast and repeatable;
the `demo` command and the demo database; the household register printed from it."""

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from pdfminer.high_level import extract_text
from pypdf import PdfReader

from tambon_desk import cli
from tambon_desk.core import auth, config
from tambon_desk.core.context import Context
from tambon_desk.core.errors import UserError
from tambon_desk.db import close_database, open_database
from tambon_desk.db.models import AuditLog, Household, Person, Tambon, User, Village
from tambon_desk.demo import build_demo, demo_database_path, ensure_demo_database, names
from tambon_desk.demo.database import build_into
from tambon_desk.demo.households import CENTRE, TAMBON_CODE
from tambon_desk.registry import age_on
from tambon_desk.registry import households as hh
from tambon_desk.reports import catalogue
from tambon_desk.reports.pdf import render_pdf
from tambon_desk.thai import is_valid_citizen_id, mask_citizen_id

TODAY = dt.date(2026, 11, 24)
nf = lambda s: unicodedata.normalize("NFKC", s)  # noqa: E731


def _fresh(tmp_path, name="demo.db"):
    path = tmp_path / name
    ctx = Context(db=open_database(path), db_path=path)
    ctx.extras["demo_today"] = TODAY
    return ctx


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory):
    """The 150-household demo, built once per test run (per xdist worker)."""
    folder = tmp_path_factory.mktemp("demo-built")
    ctx = _fresh(folder)
    build_into(ctx, households=150, seed=7)
    close_database()
    assert not (folder / "demo.db-wal").exists() or (folder / "demo.db-wal").stat().st_size == 0
    return folder


@pytest.fixture
def demo(demo_folder, tmp_path):
    """A copy of the built demo (with anything beside it) for this test to change."""
    shutil.copytree(demo_folder, tmp_path / "demo")
    ctx = _fresh(tmp_path / "demo")
    ctx.user = User.get(User.username == "admin")  # as build_into leaves it
    yield ctx
    close_database()


def _people_by_household():
    out = {}
    for p in Person.alive().order_by(Person.order):
        out.setdefault(p.household_id, []).append(p)
    return out


def test_tambon_villages_and_counts(demo):
    t = Tambon.get()
    assert (t.code, t.name_th, t.district_th, t.province_th) == (
        TAMBON_CODE,
        "ควนเกย",
        "ร่อนพิบูลย์",
        "นครศรีธรรมราช",
    )
    vs = list(Village.select().order_by(Village.moo))
    assert 8 <= len(vs) <= 12
    assert [v.moo for v in vs] == list(range(1, len(vs) + 1))
    assert [v.name for v in vs] == names.VILLAGE_NAMES[: len(vs)]
    assert Household.select().count() == 150
    assert all(Household.select().where(Household.village == v).exists() for v in vs)
    people = Person.select().count()
    assert 2.5 * 150 < people < 5 * 150
    # summarised audit: one row per bulk-inserted table, with the counts
    rows = {a.table: a for a in AuditLog.select().where(AuditLog.action == "demo")}
    assert rows["household"].after == {"count": 150}
    assert rows["person"].after == {"count": people}


def test_demo_admin_must_change_password(demo):
    user = User.get(User.username == "admin")
    assert user.role == "admin" and user.must_change_password
    assert auth.authenticate(demo, "admin", "admin") is not None


def test_every_household_passes_the_validators(demo):
    groups = _people_by_household()
    ids = [p.citizen_id for ps in groups.values() for p in ps]
    assert len(ids) == len(set(ids)) and all(is_valid_citizen_id(c) for c in ids)
    for h in Household.select():
        members = [
            {
                "id": p.id,
                "first_name": p.first_name,
                "last_name": p.last_name,
                "sex": p.sex,
                "birth_date": p.birth_date,
                "citizen_id": p.citizen_id,
                "relation": p.relation,
            }
            for p in groups[h.id]
        ]
        hh.validate(h.village, h.house_no, members, household=h, today=TODAY)
        assert h.member_count == len(members)
        assert abs(h.lat - CENTRE[0]) < 0.1 and abs(h.lon - CENTRE[1]) < 0.1


def test_ages_titles_and_work_make_sense(demo):
    known_work = {o for o, _w in names.HOUSEHOLD_OCCUPATIONS + names.OTHER_OCCUPATIONS} | {
        names.STUDENT,
        names.UNI_STUDENT,
        names.RETIRED,
        "",
    }
    for ps in _people_by_household().values():
        age = {p.id: age_on(p.birth_date, TODAY) for p in ps}
        heads = [p for p in ps if p.relation == "head"]
        assert len(heads) == 1 and ps[0].relation == "head"
        parents_gen = [p for p in ps if p.relation in ("head", "spouse")]
        for p in ps:
            a = age[p.id]
            assert 0 <= a <= 100
            if a < 15:
                assert p.title == {"M": "ด.ช.", "F": "ด.ญ."}[p.sex]
            elif p.sex == "M":
                assert p.title == "นาย"
            else:
                assert p.title in ("นาง", "นางสาว")
            assert p.occupation in known_work
            if 3 <= a < 18:
                assert p.occupation == names.STUDENT
            if a < 3:
                assert p.occupation == "" and p.education == ""
            if p.relation == "child":
                assert all(age[q.id] - a >= 18 for q in parents_gen), (p.first_name, a)
            if p.relation == "grandchild":
                assert all(age[q.id] - a >= 36 for q in parents_gen)
                for c in ps:
                    if c.relation == "child":
                        assert age[c.id] - a >= 18
            if p.relation == "parent":
                assert a - age[heads[0].id] >= 19
            if p.relation in ("head", "spouse"):
                assert a >= 18
            if p.phone:
                assert len(p.phone) == 10 and p.phone.startswith("0")


def test_names_and_work_are_varied(demo):
    first = {p.first_name for p in Person.select()}
    last = {p.last_name for p in Person.select()}
    work = {p.occupation for p in Person.select()}
    assert len(first) > 100 and len(last) > 40
    assert {"ทำสวนยาง", "ทำนา", "ทำสวนผลไม้", "รับจ้างทั่วไป", "ค้าขาย"} <= work
    assert {"ด.ช.", "ด.ญ.", "นาย", "นาง", "นางสาว"} <= {p.title for p in Person.select()}


def test_search_finds_a_demo_household(demo):
    h = Household.select().order_by(Household.house_no).first()
    rows, total = hh.household_page(h.head_name.split()[0])
    assert total >= 1 and h.id in [r["id"] for r in rows]


def test_same_seed_same_data(tmp_path):
    snapshots = []
    for name in ("a.db", "b.db"):
        ctx = _fresh(tmp_path, name)
        build_into(ctx, households=40, seed=11)
        snapshots.append(
            [
                (p.first_name, p.last_name, p.citizen_id, p.birth_date, p.relation)
                for p in Person.select()
                .join(Household)
                .join(Village)
                .order_by(Village.moo, Household.house_no, Person.order)
            ]
        )
        close_database()
    assert snapshots[0] == snapshots[1] and len(snapshots[0]) > 40


def test_refuses_a_database_with_data(ctx):
    with pytest.raises(UserError) as err:
        build_into(ctx, households=10)
    assert "ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว" in str(err.value)


def test_demo_command(tmp_path, capsys):
    db = str(tmp_path / "cli.db")
    assert cli.main(["--db", db, "demo", "--households", "25", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "100%" in out and "admin" in out
    assert Household.select().count() == 25
    close_database()
    assert cli.main(["--db", db, "demo", "--households", "25"]) == 2
    assert "ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว" in capsys.readouterr().err
    close_database()


def test_ensure_demo_database_builds_once(tmp_path):
    path = tmp_path / "data" / "demo.db"
    seen = []
    assert (
        ensure_demo_database(path, households=20, progress=lambda d, t, s: seen.append((d, t)))
        == path
    )
    assert seen[-1] == (100, 100) and all(0 <= d <= t == 100 for d, t in seen)
    assert [d for d, t in seen] == sorted(d for d, t in seen)
    ensure_demo_database(path, households=50)  # already there: left alone
    open_database(path)
    assert Household.select().count() == 20 and Tambon.select().count() == 1
    close_database()


def test_demo_database_path_is_in_the_data_folder():
    assert demo_database_path() == config.default_data_dir() / "demo.db"


def test_build_demo_runs_registered_modules_in_order(tmp_path):
    from tambon_desk import demo as demo_pkg

    assert demo_pkg.DEMO_MODULES[0] == "tambon_desk.demo.households"
    ctx = _fresh(tmp_path)
    build_demo(ctx, households=5, seed=1)
    assert Household.select().count() == 5
    close_database()


# --- the household register printed from demo data ----------------------------------------


def pdf_fonts(path) -> list[tuple[str, str]]:
    """(font name, emb) for every font pdffonts lists."""
    out = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in out if line.strip()]


def test_register_of_demo_pdf_and_xlsx(demo, tmp_path):
    doc = catalogue.build(demo, "household-register", village=1)
    pdf, xlsx = tmp_path / "reg.pdf", tmp_path / "reg.xlsx"
    pages = render_pdf(doc, pdf)
    catalogue.render(doc, "xlsx", xlsx)
    v1 = Village.get(Village.moo == 1)
    hs = list(Household.select().where(Household.village == v1))
    people = list(Person.select().join(Household).where(Household.village == v1))
    head = next(p for p in people if p.relation == "head")
    text = nf(extract_text(str(pdf)))
    assert nf("ทะเบียนครัวเรือน") in text
    assert nf(f"{head.title}{head.first_name} {head.last_name}") in text
    total_line = f"{len(hs)} ครัวเรือน {len(people)} คน"
    assert nf(total_line) in text
    assert mask_citizen_id(head.citizen_id) in text
    assert not any(p.citizen_id in text.replace("-", "") for p in people)
    assert len(PdfReader(str(pdf)).pages) == pages and pages >= 2
    fonts = pdf_fonts(pdf)
    assert fonts and all(emb == "yes" for _name, emb in fonts), fonts
    wb = openpyxl.load_workbook(xlsx)
    cells = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert f"{head.title}{head.first_name} {head.last_name}" in cells
    assert mask_citizen_id(head.citizen_id) in cells
    assert total_line in cells
    assert not any(p.citizen_id in str(c).replace("-", "") for c in cells for p in people[:20])
    assert Path(xlsx).stat().st_size > 0


def test_a_failed_build_leaves_the_database_empty(tmp_path, monkeypatch):
    from tambon_desk.demo import database
    from tambon_desk.demo import households as demo_households

    calls = []
    real = demo_households.make_household

    def failing(people, work):
        calls.append(1)
        if len(calls) == 30:
            raise RuntimeError("disk full")
        return real(people, work)

    monkeypatch.setattr(demo_households, "make_household", failing)
    ctx = _fresh(tmp_path)
    with pytest.raises(RuntimeError):
        build_into(ctx, households=40)
    assert database.is_empty(ctx)
    assert not Household.select().exists() and not User.select().exists()
    close_database()


def test_demo_command_without_db_builds_the_demo_file(tmp_path, monkeypatch, capsys):
    import platformdirs

    monkeypatch.delenv(config.ENV_DB, raising=False)
    monkeypatch.setattr(platformdirs, "site_data_dir", lambda *a, **k: str(tmp_path / "site"))
    assert cli.main(["demo", "--households", "5"]) == 0
    assert (tmp_path / "site" / "demo.db").is_file()
    assert not (tmp_path / "site" / "tambon.db").exists()
    assert str(tmp_path / "site" / "demo.db") in capsys.readouterr().out
    close_database()
