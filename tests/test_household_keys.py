"""Household keys as clerks type them, BE years typed as CE, category completion and
phone numbers (issue 12): one reading shared by every chooser."""

import pytest

from tambon_desk import accounts, registry, thai
from tambon_desk.core.errors import NotFound, ValidationError
from tambon_desk.registry import households


@pytest.mark.parametrize(
    "typed, first",
    [
        ("99/9", (None, "99/9")),
        ("3/99/9", (3, "99/9")),
        ("หมู่ 3 99/9", (3, "99/9")),
        ("ม.3 99/9", (3, "99/9")),
        ("หมู่ที่ ๓ บ้านเลขที่ ๙๙/๙", (3, "99/9")),
        ("3 99/9", (3, "99/9")),
        ("๖๔๓๑๘๒", (None, "643182")),
        ("14 / 1", (None, "14/1")),
    ],
)
def test_house_key_readings(typed, first):
    assert registry.house_key_candidates(typed)[0] == first


def test_names_are_not_house_keys():
    assert registry.house_key_candidates("สมชาย") == []


@pytest.fixture
def village_homes(ctx):
    registry.add_tambon(ctx, "800101", [(3, "บ้านสาม"), (4, "บ้านสี่")])
    v3, v4 = registry.villages()
    made = {}
    for v, no in ((v3, "99/9"), (v3, "14/1"), (v4, "99/9"), (v3, "45"), (v4, "643182")):
        made[(v.moo, no)] = households.save_household(
            ctx, v, no, [{"first_name": f"ก{no}", "relation": "head"}]
        )
    return made


def test_every_chooser_finds_the_same_household(village_homes):
    h = village_homes[(3, "99/9")]
    for typed in ("3/99/9", "หมู่ 3 99/9", "ม.3 บ้านเลขที่ ๙๙/๙"):
        assert registry.find_household(typed).id == h.id
        assert accounts.pick_households(typed)[0]["id"] == h.id
    with pytest.raises(NotFound):  # 99/9 is in two villages
        registry.find_household("99/9")
    assert registry.find_household("14/1").id == village_homes[(3, "14/1")].id
    assert registry.find_household("3/45").id == village_homes[(3, "45")].id


def test_statement_report_finds_99_9_and_14_1(ctx, village_homes):
    from tambon_desk.reports.household_statement import _find_household

    assert _find_household("14/1", None).id == village_homes[(3, "14/1")].id
    assert _find_household("99/9", 4).id == village_homes[(4, "99/9")].id
    assert _find_household("หมู่ 3 99/9", None).id == village_homes[(3, "99/9")].id


def test_thai_digits_are_one_house_and_found_by_search(ctx, village_homes):
    v4 = registry.villages()[1]
    with pytest.raises(ValidationError) as e:
        households.save_household(ctx, v4, "๙๙/๙", [{"first_name": "ข", "relation": "head"}])
    assert "house_no" in e.value.errors
    rows, total = registry.household_page("๖๔๓๑๘๒")
    assert total == 1 and rows[0]["house_no"] == "643182"


def test_phone_numbers_have_digits_only(ctx, village_homes):
    v3 = registry.villages()[0]
    with pytest.raises(ValidationError) as e:
        households.save_household(
            ctx, v3, "1", [{"first_name": "ค", "relation": "head", "phone": "08x-123"}]
        )
    assert "members.0.phone" in e.value.errors
    h = households.save_household(
        ctx, v3, "1", [{"first_name": "ค", "relation": "head", "phone": "๐๘๑-๒๓๔-๕๖๗๘"}]
    )
    assert registry.members_of(h)[0].phone == "081-234-5678"


@pytest.mark.parametrize(
    "typed, year, noted",
    [
        ("2569", 2569, False),
        ("2026", 2569, True),
        ("๒๕๖๙", 2569, False),
        ("69", 2569, False),
        ("พ.ศ. 2568", 2568, False),
        ("1990", 2533, True),
    ],
)
def test_be_year_fields(typed, year, noted):
    got, note = thai.parse_be_year(typed)
    assert got == year and bool(note) is noted
    if noted:
        assert str(year) in note and typed in note


@pytest.mark.parametrize("typed", ["", "abc", "3000", "123"])
def test_be_year_refused_with_a_reason(typed):
    with pytest.raises(thai.ThaiDateError) as e:
        thai.parse_be_year(typed)
    assert str(e.value)


def test_category_completion_exact_then_prefix_then_contains(ctx):
    assert accounts.find_categories("อาหาร")[0].code == "food"  # not animal feed
    assert accounts.find_categories("ค่าอาหารสัตว์")[0].code == "feed"
    assert accounts.find_categories("food")[0].code == "food"
    found = [c.code for c in accounts.find_categories("อาหาร")]
    assert found.index("food") < found.index("feed")


@pytest.mark.sqlite_only  # file backups; a hub is backed up by the server
def test_copy_backup_to_a_folder(ctx, tmp_path):
    from tambon_desk.core import backups
    from tambon_desk.core.errors import UserError

    path = backups.create_backup(ctx)
    assert backups.copy_backup_to(ctx, path, tmp_path).read_bytes() == path.read_bytes()
    with pytest.raises(UserError):
        backups.copy_backup_to(ctx, path, tmp_path / "not-plugged-in")
