"""Households and their members: validation, audited saves, search and the recycle bin.

The list of 50,000 households is paged and filtered in SQL on denormalised columns
(`head_name`, `sort_key` = Thai collation key, `search_text`), so opening and searching never
load every row into Python.
"""

from __future__ import annotations

import datetime as _dt
import re

from peewee import fn

from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import N_, _

# Role checks come before a transaction opens: a refusal audited inside a transaction that
# then rolls back would leave no trace.
from ..core.records import fetch, restore_record, save_record, tombstone_record, transaction
from ..db import engines
from ..db.models import Household, Person, Village
from ..thai import (
    CitizenIdError,
    normalize_citizen_id,
    normalize_space,
    thai_sort_key,
    thai_to_arabic_digits,
)
from .keys import normalize_house_no

HEAD = "head"
RELATIONS = {
    "head": N_("Head of household"),
    "spouse": N_("Spouse"),
    "child": N_("Child"),
    "parent": N_("Parent"),
    "grandchild": N_("Grandchild"),
    "relative": N_("Relative"),
    "other": N_("Other"),
}
SEXES = ("M", "F", "")
_PHONE = re.compile(r"\+?[0-9][0-9 \-]{5,18}[0-9]")


def _member_errors(i: int, m: dict, today: _dt.date) -> dict:
    errors = {}
    if not normalize_space(m.get("first_name") or ""):
        errors[f"members.{i}.first_name"] = _("Enter the first name.")
    if m.get("sex", "") not in SEXES:
        errors[f"members.{i}.sex"] = _("Choose male or female.")
    bd = m.get("birth_date")
    if bd is not None and bd > today:
        errors[f"members.{i}.birth_date"] = _("The birth date is in the future.")
    phone = thai_to_arabic_digits(str(m.get("phone") or "")).strip()
    if phone and not _PHONE.fullmatch(phone):
        errors[f"members.{i}.phone"] = _(
            "A phone number has digits only (spaces, - and + allowed), e.g. 081-234-5678."
        )
    elif phone:
        m["phone"] = phone
    if m.get("citizen_id"):
        try:
            m["citizen_id"] = normalize_citizen_id(m["citizen_id"])
        except CitizenIdError as exc:
            errors[f"members.{i}.citizen_id"] = str(exc)
    return errors


def validate(
    village, house_no: str, members: list[dict], household=None, today: _dt.date | None = None
) -> None:
    """Raise ValidationError with Thai messages keyed by field (members.N.field)."""
    today = today or _dt.date.today()
    errors = {}
    house_no = normalize_house_no(house_no)
    if village is None:
        errors["village"] = _("Choose the village.")
    if not house_no:
        errors["house_no"] = _("Enter the house number.")
    elif village is not None:
        clash = Household.alive().where(
            (Household.village == village) & (Household.house_no == house_no)
        )
        if household is not None:
            clash = clash.where(Household.id != household.id)
        if clash.exists():
            errors["house_no"] = _("House number {no} already exists in this village.").format(
                no=house_no
            )
    seen = {}
    for i, m in enumerate(members):
        errors.update(_member_errors(i, m, today))
        cid = m.get("citizen_id")
        if cid and f"members.{i}.citizen_id" not in errors:
            if cid in seen:
                errors[f"members.{i}.citizen_id"] = _("This citizen ID is used twice.")
            seen[cid] = i
            other = Person.alive().where(Person.citizen_id == cid)
            if m.get("id"):
                other = other.where(Person.id != m["id"])
            if other.exists():
                errors[f"members.{i}.citizen_id"] = _(
                    "This citizen ID already belongs to another person."
                )
    heads = [m for m in members if m.get("relation") == HEAD]
    if members and len(heads) != 1:
        errors["members"] = _("A household has exactly one head.")
    if errors:
        raise ValidationError(errors)


def _denormalise(members: list[dict], house_no: str) -> dict:
    head = next((m for m in members if m.get("relation") == HEAD), members[0] if members else {})
    head_name = normalize_space(f"{head.get('first_name', '')} {head.get('last_name', '')}")
    parts = [house_no] + [
        f"{m.get('first_name', '')} {m.get('last_name', '')} {m.get('citizen_id') or ''}"
        for m in members
    ]
    return {
        "head_name": head_name,
        "sort_key": thai_sort_key(head_name),
        "search_text": normalize_space(" ".join(parts)).lower(),
        "member_count": len(members),
    }


def save_household(
    ctx,
    village,
    house_no: str,
    members: list[dict],
    household=None,
    *,
    expected_updated_at=None,
    note: str = "",
):
    """Create or update a household with its members in one audited transaction.

    Members are dicts of Person fields; an `id` key updates that member, members of the
    household missing from the list go to the recycle bin.
    """
    require(
        ctx, "clerk", "save household", "household", household.id if household is not None else None
    )
    members = [dict(m) for m in members]
    validate(village, house_no, members, household)
    house_no = normalize_house_no(house_no)
    with transaction(ctx):
        values = {
            "village": village,
            "house_no": house_no,
            "note": note,
            **_denormalise(members, house_no),
        }
        household = save_record(
            ctx, Household, values, record=household, expected_updated_at=expected_updated_at
        )
        keep = set()
        for order, m in enumerate(members):
            fields = {
                k: (normalize_space(v) if isinstance(v, str) else v)
                for k, v in m.items()
                if k != "id"
            }
            fields.update(household=household, order=order)
            person = Person.get_or_none(Person.id == m["id"]) if m.get("id") else None
            person = save_record(ctx, Person, fields, record=person)
            keep.add(person.id)
        for old in Person.alive().where(Person.household == household):
            if old.id not in keep:
                tombstone_record(ctx, old)
    return household


def members_of(household) -> list:
    return list(Person.alive().where(Person.household == household).order_by(Person.order))


COUNT_CAP = 1000


def household_page(
    query: str = "",
    village=None,
    offset: int = 0,
    limit: int = 100,
    deleted: bool = False,
    count_cap: int | None = COUNT_CAP,
    tambon=None,
):
    """(rows, total) for the list: one page, Thai-collated by head name, filtered in SQL.

    While a search is typed, counting every match of a common syllable costs a full scan per
    keystroke; the count stops at `count_cap` + 1 ("more than 1,000"), so typing stays
    quick at 50,000 households. With no search the total is exact.
    """

    tokens = normalize_space(thai_to_arabic_digits(query or "")).lower().split()
    q = Household.select(
        Household.id,
        Household.house_no,
        Household.head_name,
        Household.member_count,
        Household.updated_at,
        Village.moo,
        Village.name.alias("village_name"),
    )
    q = engines.search_within(
        q, Household, Household.search_text, [t.replace("-", "") for t in tokens]
    ).join(Village, on=(Household.village == Village.id))
    q = q.where(Household.deleted_at.is_null(not deleted))
    if village is not None:
        q = q.where(Household.village == village)
    if tambon is not None:
        q = q.where(Village.tambon == tambon)
    if tokens and count_cap is not None:
        total = q.limit(count_cap + 1).count()
    else:
        total = q.count()
    rows = list(
        q.order_by(Household.sort_key, Household.house_no).offset(offset).limit(limit).dicts()
    )
    return rows, total


def delete_household(ctx, household, expected_updated_at=None):
    """Household and its members go to the recycle bin."""
    require(ctx, "clerk", "delete household", "household", household.id)
    with transaction(ctx):
        for m in members_of(household):
            tombstone_record(ctx, m)
        tombstone_record(ctx, household, expected_updated_at=expected_updated_at)


def restore_household(ctx, household):
    """Bring back from the recycle bin; the validators run again first."""
    people = list(
        Person.select().where(
            (Person.household == household) & (Person.deleted_at == household.deleted_at)
        )
    )
    as_dicts = [
        {
            "first_name": p.first_name,
            "last_name": p.last_name,
            "sex": p.sex,
            "birth_date": p.birth_date,
            "citizen_id": p.citizen_id,
            "relation": p.relation,
            "id": p.id,
        }
        for p in people
    ]
    require(ctx, "clerk", "restore household", "household", household.id)
    with transaction(ctx):
        restore_record(
            ctx, household, lambda h: validate(h.village, h.house_no, as_dicts, household=h)
        )
        for p in people:
            restore_record(ctx, p)
    return household


def village_counts(tambon=None) -> list[dict]:
    """Per village: households and people alive (male/female), and the account-book target."""

    people = (
        Person.select(
            Household.village.alias("vid"),
            fn.COUNT(Person.id).alias("people"),
            engines.bool_sum(Person.sex == "M").alias("male"),
            engines.bool_sum(Person.sex == "F").alias("female"),
        )
        .join(Household)
        .where(Person.deleted_at.is_null() & Household.deleted_at.is_null())
        .group_by(Household.village)
    )
    by_people = {r["vid"]: r for r in people.dicts()}
    homes = (
        Household.select(Household.village.alias("vid"), fn.COUNT(Household.id).alias("households"))
        .where(Household.deleted_at.is_null())
        .group_by(Household.village)
    )
    by_homes = {r["vid"]: r["households"] for r in homes.dicts()}
    q = Village.alive()
    if tambon is not None:
        q = q.where(Village.tambon == tambon)
    rows = []
    for v in q.order_by(Village.tambon, Village.moo):
        p = by_people.get(v.id, {})
        rows.append(
            {
                "id": v.id,
                "moo": v.moo,
                "name": v.name,
                "target": v.account_target,
                "households": by_homes.get(v.id, 0),
                "people": p.get("people") or 0,
                "male": p.get("male") or 0,
                "female": p.get("female") or 0,
            }
        )
    return rows


def get_household(household_id):
    """The Household with this id, or None."""
    return fetch(Household, household_id)


def house_number_key(house_no: str | None) -> tuple:
    """Natural order of house numbers: 2, 10, 13, 13/1, 13/2, 100, then anything unnumbered
    ("ไม่มีเลขที่") after the numbered ones."""
    parts = re.findall(r"\d+|\D+", normalize_space(house_no or ""))
    if not parts or not parts[0].isdigit():
        return (1, tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts))
    return (0, tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts))


def register_rows(village) -> list[tuple]:
    """(household, [members in household order]) of a village's living households, in
    natural house-number order - the household register report reads this."""
    hs = sorted(
        Household.alive().where(Household.village == village),
        key=lambda h: (house_number_key(h.house_no), h.sort_key or ""),
    )
    people: dict = {}
    for p in (
        Person.alive().join(Household).where(Household.village == village).order_by(Person.order)
    ):
        people.setdefault(p.household_id, []).append(p)
    return [(h, people.get(h.id, [])) for h in hs]
