"""land: cases with their dated action log, meetings and decisions, audited and role-checked."""

import datetime as dt

import pytest

from tambon_desk import land, registry
from tambon_desk.core.errors import PermissionDenied, ValidationError
from tambon_desk.db.models import AuditLog, LandCaseAction


@pytest.fixture
def hh(ctx):
    t = registry.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (3, "บ้านสาม")])
    v = [v for v in registry.villages(t) if v.moo == 3][0]
    return registry.save_household(
        ctx, v, "99/9", [{"first_name": "สมชาย", "last_name": "ใจดี", "relation": "head"}]
    )


def test_case_opens_with_logged_action_and_moves_through_statuses(ctx, hh):
    case = land.save_case(
        ctx,
        {
            "household": hh,
            "problem": "state_land",
            "state_land": "alro",
            "document": "pbt5",
            "opened_on": "5/1/2569",
            "area_m2": "3-2-50",
            "note": "ทับที่ ส.ป.ก.",
        },
    )
    assert case.status == "open" and case.area_m2 == 3 * 1600 + 2 * 400 + 50 * 4
    land.add_action(
        ctx, case, "20/1/2569", "ส่งเรื่องให้ ส.ป.ก. จังหวัด", status="referred", agency="ส.ป.ก. จังหวัด"
    )
    land.add_action(ctx, case, "2/3/2569", "รังวัดร่วมกับเจ้าหน้าที่")
    log = land.actions_of(case.id)
    assert [a["on"] for a in log] == [
        dt.date(2026, 1, 5),
        dt.date(2026, 1, 20),
        dt.date(2026, 3, 2),
    ]
    assert [a["status"] for a in log] == ["open", "referred", ""]
    (row,) = land.cases(household=hh)
    assert row["status"] == "referred" and row["agency"] == "ส.ป.ก. จังหวัด"
    assert row["house_no"] == "99/9" and row["moo"] == 3
    assert AuditLog.select().where(AuditLog.table == "land_case").count() >= 2
    assert land.case_counts() == {("state_land", "referred"): 1}


def test_case_form_errors_are_per_field(ctx, hh):
    with pytest.raises(ValidationError) as e:
        land.save_case(ctx, {"household": None, "problem": "state_land", "opened_on": "32/13/2569"})
    assert set(e.value.errors) >= {"household", "state_land", "opened_on"}
    case = land.save_case(ctx, {"household": hh.id, "problem": "landless"})
    with pytest.raises(ValidationError) as e:
        land.add_action(ctx, case, "", "  ")
    assert set(e.value.errors) == {"on", "action"}


def test_viewer_cannot_write(ctx, hh, as_role):
    case = land.save_case(ctx, {"household": hh, "problem": "dispute"})
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        land.add_action(ctx, case, "1/2/2569", "x", status="resolved")
    assert LandCaseAction.select().count() == 1
    assert land.get_case(case.id).status == "open"


def test_meeting_decisions_attach_to_cases(ctx, hh):
    case = land.save_case(ctx, {"household": hh, "problem": "no_title", "document": "sk1"})
    t = registry.home_tambon()
    m = land.save_meeting(
        ctx,
        {"tambon": t, "held_on": "15/2/2569", "title": "ประชุมครั้งที่ 1/2569", "place": "ศาลาหมู่ 3"},
        decisions=[
            {
                "decision": "ยื่นขอออก น.ส.3 ก",
                "case": case,
                "responsible": "ผู้ใหญ่บ้าน",
                "due_on": "31/3/2569",
            },
            {"decision": "สำรวจครัวเรือนไร้ที่ดินทั้งตำบล"},
        ],
    )
    (mt,) = land.meetings(t)
    assert mt["id"] == m.id and len(mt["decisions"]) == 2
    (d,) = land.decisions_of_case(case.id)
    assert d["decision"] == "ยื่นขอออก น.ส.3 ก" and d["held_on"] == dt.date(2026, 2, 15)
    land.delete_case(ctx, case)
    assert land.cases() == []


def test_migration_8_upgrades_a_version_7_file(tmp_path):
    """A file made before maps and land gains village centres and the land tables, keeping
    its villages."""
    from peewee import SqliteDatabase

    from tambon_desk.db import migrations

    db = SqliteDatabase(str(tmp_path / "old.db"), pragmas={"foreign_keys": 1})
    migrations.migrate(db, target=7)
    db.execute_sql(
        "INSERT INTO tambon (id, created_at, updated_at, code, name_th, "
        "name_en, district_code, district_th, district_en, province_code, "
        "province_th, province_en) VALUES ('t1','x','x','800101','ก','','8001',"
        "'ข','','80','ค','')"
    )
    db.execute_sql(
        "INSERT INTO village (id, created_at, updated_at, tambon_id, moo, name, "
        "account_target) VALUES ('v1','x','x','t1',1,'บ้านหนึ่ง',10)"
    )
    assert "lat" not in {c.name for c in db.get_columns("village")}
    assert migrations.migrate(db)[0] == 8  # and any later ones
    assert {"lat", "lon"} <= {c.name for c in db.get_columns("village")}
    assert {"land_case", "land_case_action", "land_meeting", "land_decision"} <= set(
        db.get_tables()
    )
    assert db.execute_sql("SELECT name, lat FROM village").fetchall() == [("บ้านหนึ่ง", None)]
