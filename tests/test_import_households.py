"""Loading household lists: the messy sample, generated messy files (xlsx and CSV, other
column orders and headers), re-loads that change nothing, changed files that update, and
the CLI. Expected figures for the sample come from /work/shared/data/README.md."""

import datetime as dt
import random
import shutil
from pathlib import Path

import openpyxl
import pytest
from messy_households import make_truth, write_messy

from tambon_desk import cli
from tambon_desk.core.errors import PermissionDenied, UserError
from tambon_desk.db.models import AuditLog, Household, ImportMapping, Person, Village
from tambon_desk.importers import engine, get_kind
from tambon_desk.importers.template import write_template
from tambon_desk.registry import households as hh

SAMPLE = Path(__file__).parent / "data" / "households-sample-messy.xlsx"  # copy of ../shared/data
KIND = get_kind("households")
MOOS = range(1, 10)
NAMES = [
    "บ้านเกาะทวด",
    "บ้านท่าเรือ",
    "บ้านนาดี",
    "บ้านควนสูง",
    "บ้านหัวนอน",
    "บ้านบางไทร",
    "บ้านปากคลอง",
    "บ้านหน้าวัด",
    "บ้านทุ่งใหญ่",
]


TAMBON_CODE = "801206"  # the conftest `tambon` fixture
VILLAGES = list(zip(MOOS, NAMES))


def load(ctx, path, dry_run=False, **kw):
    return engine.run_import(ctx, engine.prepare(KIND, path, **kw), dry_run=dry_run)


def counts(result):
    return (
        {k: result.counts["households"][k] for k in ("added", "updated", "unchanged")},
        {k: result.counts["people"][k] for k in ("added", "updated", "unchanged")},
    )


def person(cid):
    return Person.get((Person.citizen_id == cid) & Person.deleted_at.is_null())


def key_of(p):
    h = p.household
    return h.village.moo, h.house_no


@pytest.fixture
def sample(tmp_path):
    assert SAMPLE.exists(), "tests/data holds a copy of the shared sample"
    return Path(shutil.copy(SAMPLE, tmp_path / SAMPLE.name))


def test_sample_dry_run_then_load_then_reload(ctx, tambon, sample):
    audits = AuditLog.select().count()
    dry = load(ctx, sample, dry_run=True)
    assert counts(dry) == (
        {"added": 60, "updated": 0, "unchanged": 0},
        {"added": 181, "updated": 0, "unchanged": 0},
    )
    assert dry.rejected_labels == ["38", "39", "119", "161"]
    assert Household.select().count() == 0 and AuditLog.select().count() == audits

    first = load(ctx, sample)
    assert counts(first) == counts(dry)
    assert Household.alive().count() == 60 and Person.alive().count() == 181
    by_seq = {e.seq: e for e in first.errors}
    assert by_seq["38"].field == "birth_date" and "อนาคต" in by_seq["38"].message
    assert by_seq["119"].field == "birth_date"
    assert by_seq["39"].field == "citizen_id" and "17" in by_seq["39"].message
    assert by_seq["161"].field == "citizen_id" and "ตรวจสอบ" in by_seq["161"].message
    assert (by_seq["38"].row, by_seq["161"].row) == (44, 175)  # the sheet's own rows

    head = person("3016613186095")  # ลำดับ 1: number-ish text, Thai-digit date
    assert (head.first_name, head.last_name, head.title, head.sex, head.relation) == (
        "อำนาจ",
        "ศรีสุข",
        "นาย",
        "M",
        "head",
    )
    assert head.birth_date == dt.date(1959, 1, 17) and head.phone == "0639099603"
    assert key_of(head) == (7, "167/9")
    assert person("5280841485258").birth_date == dt.date(1995, 4, 17)  # BE year in a date cell
    assert person("1909378657974").phone == "0832319487"
    assert person("1313735379902").sex == "F"  # ญ
    h190 = Household.get(Household.house_no == "190")
    assert h190.member_count == 5  # ลำดับ 9 wrote ๖ and ๑๙๐
    h338 = Household.get(Household.house_no == "33/8")
    assert len(hh.members_of(h338)) == 4  # ลำดับ 24 wrote ๓๓/๘
    h1516 = Household.get(Household.house_no == "151/6")
    assert [p.first_name for p in hh.members_of(h1516)] == ["ประยุทธ", "สมชาย"]  # 38, 39 out
    assert person("1925449920709").household.house_no == "234"  # ลำดับ 17 kept it

    audits = AuditLog.select().count()
    stamps = sorted(p.updated_at for p in Person.select())
    second = load(ctx, sample)
    assert counts(second) == (
        {"added": 0, "updated": 0, "unchanged": 60},
        {"added": 0, "updated": 0, "unchanged": 181},
    )
    assert second.rejected_labels == ["38", "39", "119", "161"]
    assert sorted(p.updated_at for p in Person.select()) == stamps
    assert AuditLog.select().count() == audits  # nothing written, not even an audit row


def _check_db_matches(houses, expected_rejected_cids=()):
    for house in houses:
        for p in house.members:
            if p.citizen_id in expected_rejected_cids:
                continue
            rec = Person.get_or_none(
                (Person.citizen_id == p.citizen_id) & Person.deleted_at.is_null()
            )
            assert rec is not None, (house.moo, house.house_no, p.first_name)
            assert (
                rec.first_name,
                rec.last_name,
                rec.title,
                rec.sex,
                rec.birth_date,
                rec.relation,
                rec.phone,
                rec.occupation,
            ) == (
                p.first_name,
                p.last_name,
                p.title,
                p.sex,
                p.birth_date,
                p.relation,
                p.phone,
                p.occupation,
            )
            assert key_of(rec) == (house.moo, house.house_no)


@pytest.mark.parametrize("seed", range(12))
def test_generated_messy_files(ctx, tambon, tmp_path, seed):
    rng = random.Random(1000 + seed)
    houses = make_truth(rng, MOOS, 25)
    csv_mode = seed % 3 == 0
    path = tmp_path / f"messy{seed}.{'csv' if csv_mode else 'xlsx'}"
    expected = write_messy(
        path,
        houses,
        rng,
        csv_mode=csv_mode,
        errors=4,
        bad_village=12,
        title_rows=seed % 5,
        fill_down=seed in (2, 5, 9),
        full_name=seed in (1, 5, 6, 10),
        two_rows=seed in (4, 7, 9, 10),
        address=seed in (3, 8, 11),
        cover_sheet=seed in (2, 7),
    )
    first = load(ctx, path)
    assert counts(first)[0]["added"] == expected.households == 25
    assert counts(first)[1]["added"] == expected.people
    assert sorted(first.rejected_labels, key=int) == expected.rejected
    assert Person.alive().count() == expected.people
    rejected_rows = {e.row for e in first.errors}
    assert any("หมู่ 12" in e.message for e in first.errors)
    assert any("หมู่ 12" in n for n in first.notes)
    # every row not rejected is in the database exactly as the truth says
    loaded = {p.citizen_id for p in Person.alive()}
    _check_db_matches(
        houses,
        expected_rejected_cids={
            p.citizen_id for h in houses for p in h.members if p.citizen_id not in loaded
        },
    )
    second = load(ctx, path)
    assert counts(second) == (
        {"added": 0, "updated": 0, "unchanged": 25},
        {"added": 0, "updated": 0, "unchanged": expected.people},
    )
    assert {e.row for e in second.errors} == rejected_rows


def test_changed_file_updates_without_duplicates(ctx, tambon, tmp_path):
    rng = random.Random(42)
    houses = make_truth(rng, MOOS, 12)
    write_messy(tmp_path / "v1.xlsx", houses, rng, errors=0)
    load(ctx, tmp_path / "v1.xlsx")
    people = Person.alive().count()
    houses[0].members[0].phone = "0899999999"  # a changed phone
    houses[1].members[0].occupation = (
        "ค้าขาย" if houses[1].members[0].occupation != "ค้าขาย" else "ทำนา"
    )
    extra = make_truth(
        random.Random(7),
        [houses[2].moo],
        1,
        used_cids={p.citizen_id for h in houses for p in h.members},
    )[0]
    newcomer = extra.members[0]
    newcomer.relation, newcomer.relation_text = "child", "บุตร"
    houses[2].members.append(newcomer)  # a new member
    new_house = make_truth(
        random.Random(8), [4], 1, used_cids={p.citizen_id for h in houses for p in h.members}
    )[0]
    new_house.house_no = "555/5"
    houses.append(new_house)  # a new household
    write_messy(tmp_path / "v2.csv", houses, random.Random(9), csv_mode=True, errors=0)
    result = load(ctx, tmp_path / "v2.csv")
    assert counts(result)[0] == {"added": 1, "updated": 3, "unchanged": 9}
    assert counts(result)[1]["added"] == 1 + len(new_house.members)
    assert counts(result)[1]["updated"] == 2
    assert Person.alive().count() == people + 1 + len(new_house.members)
    assert Household.alive().count() == 13
    _check_db_matches(houses)


def _write(path, rows):
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


HEAD = ["ลำดับ", "หมู่", "บ้านเลขที่", "ชื่อ", "นามสกุล", "เลขประจำตัวประชาชน", "วันเกิด", "ความสัมพันธ์"]


def test_rejected_head_takes_its_household_with_it(ctx, tambon, tmp_path):
    path = _write(
        tmp_path / "h.xlsx",
        [
            HEAD,
            [1, 1, "10", "ก", "ดี", "1101700203451", "1/1/2500", "หัวหน้าครัวเรือน"],  # bad ID
            [2, 1, "10", "ข", "ดี", "1101700203450", "1/1/2530", "บุตร"],
            [3, 1, "11", "ค", "ดี", "3100600123450", "1/1/2500", "หัวหน้าครัวเรือน"],
            [4, 1, "11", "ง", "ดี", "", "1/1/2510", "หัวหน้าครัวเรือน"],  # 2nd head
            [5, 1, "12", "จ", "ดี", "", "1/1/2510", "บุตร"],
        ],
    )  # no head
    result = load(ctx, path)
    msgs = {e.seq: e.message for e in result.errors}
    assert set(msgs) == {"1", "2", "4", "5"}
    assert "ลำดับ 1" in msgs["2"] and "ลำดับ 3" in msgs["4"]
    assert "ไม่มีหัวหน้าครัวเรือน" in msgs["5"]
    assert [h.house_no for h in Household.alive()] == ["11"]


def test_unknown_tambon_and_villages(ctx, tmp_path):
    path = _write(tmp_path / "h.xlsx", [HEAD, [1, 1, "10", "ก", "ดี", "", "", "หัวหน้าครัวเรือน"]])
    with pytest.raises(UserError, match="ตำบล"):
        load(ctx, path)  # no tambon registered yet


def test_village_by_name_and_no_relation_column(ctx, tambon, tmp_path):
    path = _write(
        tmp_path / "h.xlsx",
        [
            ["หมู่บ้าน", "บ้านเลขที่", "ชื่อ-สกุล", "เพศ"],
            ["นาดี", "5", "นายสมชาย ใจดี", None],
            ["หมู่ 3", "5", " ", "-"],  # near-blank: no person
            [None, None, "นางสมศรี ใจดี", None],  # merged-cell style layout
            [None, None, "ด.ญ.มาลัย  ใจดี", None],
            ["บ้านนาดี", "6", "นางสาวมาลี ศรีสุข", "หญิง"],
        ],
    )
    result = load(ctx, path)
    assert counts(result) == (
        {"added": 2, "updated": 0, "unchanged": 0},
        {"added": 4, "updated": 0, "unchanged": 0},
    )
    assert result.rows_blank == 1 and not result.errors
    h5 = Household.get(Household.house_no == "5")
    assert h5.village.moo == 3 and h5.head_name == "สมชาย ใจดี"
    assert [(p.title, p.sex, p.relation) for p in hh.members_of(h5)] == [
        ("นาย", "M", "head"),
        ("นาง", "F", ""),
        ("ด.ญ.", "F", ""),
    ]
    again = load(ctx, path)  # no citizen IDs: matched by name
    assert counts(again) == (
        {"added": 0, "updated": 0, "unchanged": 2},
        {"added": 0, "updated": 0, "unchanged": 4},
    )


def test_title_typed_into_the_name_cell(ctx, tambon, tmp_path):
    path = _write(
        tmp_path / "h.xlsx",
        [
            ["หมู่", "บ้านเลขที่", "ชื่อ", "นามสกุล", "คำนำหน้า"],
            [2, "8", "นางสาวมาลี", "ศรีสุข", None],
            [2, "8", "นายชาย", "ศรีสุข", "นาย"],
        ],
    )
    load(ctx, path)
    assert [(p.title, p.first_name, p.sex) for p in Person.alive().order_by(Person.order)] == [
        ("นางสาว", "มาลี", "F"),
        ("นาย", "นายชาย", "M"),
    ]


def test_import_never_deletes_and_new_head_demotes_old(ctx, tambon, tmp_path):
    v1 = Village.get(Village.moo == 1)
    old = hh.save_household(
        ctx,
        v1,
        "7",
        [
            {
                "first_name": "เก่า",
                "last_name": "ดี",
                "relation": "head",
                "citizen_id": "1101700203450",
            },
            {"first_name": "อยู่", "last_name": "ดี", "relation": "child"},
        ],
    )
    path = _write(
        tmp_path / "h.xlsx",
        [
            HEAD,
            [1, 1, "7", "ใหม่", "ดี", "3100600123450", "", "หัวหน้าครัวเรือน"],
            [2, 1, "7", "อยู่", "ดี", "", "2/2/2540", "บุตร"],
        ],
    )
    result = load(ctx, path)
    assert counts(result) == (
        {"added": 0, "updated": 1, "unchanged": 0},
        {"added": 1, "updated": 1, "unchanged": 0},
    )
    members = {p.first_name: p for p in hh.members_of(old)}
    assert set(members) == {"ใหม่", "อยู่", "เก่า"}
    assert members["ใหม่"].relation == "head" and members["เก่า"].relation == "other"
    assert members["อยู่"].birth_date == dt.date(1997, 2, 2)  # matched by name, updated
    assert Household.get_by_id(old.id).head_name == "ใหม่ ดี"


def test_viewer_may_preview_but_not_load(ctx, tambon, as_role, sample):
    as_role("viewer")
    assert counts(load(ctx, sample, dry_run=True))[0]["added"] == 60
    with pytest.raises(PermissionDenied):
        load(ctx, sample)
    assert AuditLog.select().where(AuditLog.action == "denied").count() == 1
    assert Household.select().count() == 0


def test_progress_reports_every_household(ctx, tambon, sample):
    calls = []
    engine.run_import(
        ctx,
        engine.prepare(KIND, sample),
        dry_run=True,
        progress=lambda d, t, m: calls.append((d, t, m)),
    )
    assert calls[0][:2] == (0, 1) and calls[-1][:2] == (60, 60)
    done = [d for d, t, _m in calls if t == 60]
    assert done == sorted(done)


def test_template_round_trip(ctx, tambon, tmp_path):
    path = write_template(KIND, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    data, example = wb.worksheets[0], wb.worksheets[1]
    headers = [c.value for c in data[1]]
    assert headers[:3] == ["ลำดับ", "หมู่ที่ (ตัวเลข เช่น 3 หรือ หมู่ 3)", "บ้านเลขที่"]
    cid_col = next(i for i, h in enumerate(headers) if h.startswith("เลขประจำตัวประชาชน")) + 1
    assert data.cell(row=2, column=cid_col).number_format == "@"
    assert "ชื่อ-นามสกุล" not in " ".join(headers)  # stand-in column left out
    for row in example.iter_rows(min_row=2, values_only=True):
        data.append(row)  # the clerk copies the example
    wb.save(path)
    prepared = engine.prepare(KIND, path)
    assert prepared.header_row == 1 and not prepared.missing
    result = engine.run_import(ctx, prepared)
    assert counts(result)[1]["added"] == 2 and not result.errors
    head = person("1101700203450")
    assert head.birth_date == dt.date(1959, 1, 17) and key_of(head) == (3, "12/3")


# --- command line ----------------------------------------------------------------------


@pytest.fixture
def cli_env(ctx, tambon, monkeypatch):
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "admin-pass")
    return ["--db", str(ctx.db_path), "--user", "admin"]


def test_cli_template(tmp_path, capsys):
    out = tmp_path / "แม่แบบ.xlsx"
    assert cli.main(["template", "households", "--out", str(out)]) == 0
    assert out.exists() and str(out) in capsys.readouterr().out
    assert cli.main(["template", "nonsense", "--out", str(out)]) == 2
    assert "households" in capsys.readouterr().err


def test_cli_load_dry_run_and_load(cli_env, sample, capsys):
    assert cli.main(cli_env + ["load", "households", str(sample), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "ทดลองนำเข้า" in out and "ครัวเรือน: เพิ่ม 60" in out and "สมาชิก: เพิ่ม 181" in out
    assert "แถว 44 (ลำดับ 38)" in out
    report = sample.with_name("households-sample-messy-ข้อผิดพลาด.xlsx")
    assert report.exists()
    rows = list(openpyxl.load_workbook(report).worksheets[0].values)
    assert [r[1] for r in rows[1:]] == ["38", "39", "119", "161"]
    assert Household.select().count() == 0
    assert cli.main(cli_env + ["load", "households", str(sample)]) == 0
    assert Household.alive().count() == 60
    assert ImportMapping.select().count() == 1
    assert cli.main(cli_env + ["load", "households", str(sample)]) == 0
    assert "ไม่เปลี่ยน 60" in capsys.readouterr().out


def test_cli_mapping_option(cli_env, tmp_path, capsys):
    path = _write(
        tmp_path / "odd.xlsx", [["c1", "c2", "c3", "c4"], ["หมู่ 2", "9", "สมชาย", "หัวหน้าครัวเรือน"]]
    )
    assert cli.main(cli_env + ["load", "households", str(path)]) == 2
    err = capsys.readouterr().err
    assert "หมู่ที่" in err and "--mapping" in err
    assert (
        cli.main(
            cli_env
            + [
                "load",
                "households",
                str(path),
                "--mapping",
                "A=village",
                "B=บ้านเลขที่",
                "3=first_name",
                "c4=relation",
            ]
        )
        == 0
    )
    assert Household.get(Household.house_no == "9").head_name == "สมชาย"
    assert cli.main(cli_env + ["load", "households", str(tmp_path / "none.xlsx")]) == 2


def test_cancel_mid_run_leaves_no_half_batch(ctx, tambon, sample):
    class Stop(Exception):
        pass

    def progress(done, total, text=""):
        if total == 60 and done >= 21:
            raise Stop()

    with pytest.raises(Stop):
        engine.run_import(ctx, engine.prepare(KIND, sample), progress=progress)
    assert Household.select().count() == 0 and Person.select().count() == 0
    assert counts(load(ctx, sample))[0]["added"] == 60  # and it can simply run again
