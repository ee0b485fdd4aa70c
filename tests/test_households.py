"""Households service: validation in Thai, uniqueness, one head, search, recycle bin."""

import datetime as dt
import random

import pytest

from tambon_desk.core.errors import PermissionDenied, ValidationError
from tambon_desk.db.models import AuditLog, Person
from tambon_desk.registry import households as hh
from tambon_desk.registry import places as tambons
from tambon_desk.thai import random_citizen_id

RNG = random.Random(7)


@pytest.fixture
def village(ctx):
    t = tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง"), (2, "บ้านสอง")])
    return tambons.villages(t)[0]


def member(first, relation="head", **kw):
    return {
        "title": "นาย",
        "first_name": first,
        "last_name": "ใจดี",
        "sex": "M",
        "relation": relation,
        "citizen_id": random_citizen_id(RNG),
        **kw,
    }


def test_add_search_edit(ctx, village):
    h = hh.save_household(
        ctx, village, " 12/3 ", [member("สมชาย"), member("สมหญิง", "spouse", sex="F")]
    )
    rows, total = hh.household_page("สมหญิง")
    assert total == 1 and rows[0]["house_no"] == "12/3" and rows[0]["member_count"] == 2
    cid = hh.members_of(h)[1].citizen_id
    assert hh.household_page(cid)[1] == 1
    ms = [
        {
            "id": p.id,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "sex": p.sex,
            "relation": p.relation,
            "citizen_id": p.citizen_id,
        }
        for p in hh.members_of(h)
    ]
    ms[1]["first_name"] = "สมศรี"
    hh.save_household(ctx, village, "12/3", ms, household=h, expected_updated_at=h.updated_at)
    assert hh.household_page("สมศรี")[1] == 1 and hh.household_page("สมหญิง")[1] == 0
    assert (
        AuditLog.select()
        .where((AuditLog.table == "person") & (AuditLog.action == "update"))
        .exists()
    )


def test_validation_messages(ctx, village):
    hh.save_household(ctx, village, "1", [member("ก", citizen_id="1101700203450")])
    bad = [
        member("", citizen_id="1101700203451", birth_date=dt.date.today() + dt.timedelta(days=1)),
        member("ข", citizen_id="1101700203450"),
    ]
    with pytest.raises(ValidationError) as e:
        hh.save_household(ctx, village, "1", bad)
    errs = e.value.errors
    assert set(errs) >= {
        "house_no",
        "members.0.first_name",
        "members.0.citizen_id",
        "members.0.birth_date",
        "members.1.citizen_id",
        "members",
    }
    assert "ครัวเรือน" in errs["members"] or "head" in errs["members"].lower()


def test_thai_collation_order(ctx, village):
    for i, name in enumerate(["ไก่", "ขวด", "กา", "เกาะ"]):
        hh.save_household(ctx, village, str(i), [member(name)])
    assert [r["head_name"].split()[0] for r in hh.household_page()[0]] == [
        "กา",
        "เกาะ",
        "ไก่",
        "ขวด",
    ]


def test_recycle_bin_restore_revalidates(ctx, village):
    h = hh.save_household(ctx, village, "5", [member("ก")])
    hh.delete_household(ctx, h)
    assert hh.household_page()[1] == 0 and hh.household_page(deleted=True)[1] == 1
    hh.save_household(ctx, village, "5", [member("ข")])  # the number is reused meanwhile
    with pytest.raises(ValidationError):
        hh.restore_household(ctx, h)
    assert Person.alive().count() == 1


def test_viewer_cannot_save(ctx, village, as_role):
    as_role("viewer")
    with pytest.raises(PermissionDenied):
        hh.save_household(ctx, village, "9", [member("ก")])
    assert AuditLog.select().where(AuditLog.action == "denied").exists()
