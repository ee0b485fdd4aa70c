"""Households kind: a household list from another agency, one person per row.

Members of one household are consecutive rows sharing village and house number (blank
village/house cells repeat the row above, as merged cells do); the head is the row whose
relation is หัวหน้าครัวเรือน (when the sheet has no relation column, the first row).
Everything is written through `households.save_household`, whose validation (citizen-ID
check digit and uniqueness, no future birth date, one head, house number unique in the
village) is the single authority: a row it refuses is reported and left out, and the rest of
its household is still loaded while it remains valid.

Loading the same file again changes nothing: households are matched by village and house
number, people by citizen ID or else by name, and a household whose values are all the same
is not saved at all. An import never deletes: people already in a household but missing
from the file stay (a previous head is kept as "other" when the file names a new head).
"""

from __future__ import annotations

from contextlib import nullcontext

from ..core.errors import UserError, ValidationError
from ..core.i18n import N_, _
from ..core.records import transaction
from ..db.models import Household, Tambon
from ..importers import cleaning as c
from ..importers.kinds import Field, ImportKind, register
from ..thai import normalize_space, thai_sort_key
from . import households as service
from . import places as tambons

PERSON_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "citizen_id",
    "sex",
    "birth_date",
    "relation",
    "education",
    "occupation",
    "phone",
)
BATCH = 200  # households per write transaction

FIELDS = [
    Field(
        "village",
        N_("Village No."),
        c.parse_moo,
        ("หมู่ที่", "หมู่", "ม.", "หมู่บ้าน", "moo", "village", "village no"),
        required=True,
        alternative="address",
        example=3,
        hint=N_("number, e.g. 3 or หมู่ 3"),
        fill_down=True,
        width=9,
    ),
    Field(
        "house_no",
        N_("House No."),
        c.parse_house_no,
        ("บ้านเลขที่", "เลขที่บ้าน", "เลขที่", "ที่อยู่เลขที่", "house no", "house number", "address no"),
        required=True,
        alternative="address",
        example="12/3",
        as_text=True,
        fill_down=True,
        width=11,
    ),
    Field(
        "address",
        N_("Address"),
        c.parse_address,
        ("ที่อยู่", "ที่อยู่ตามทะเบียนบ้าน", "ที่อยู่ปัจจุบัน", "address"),
        fill_down=True,
        width=24,
    ),
    Field(
        "title",
        N_("Title"),
        c.parse_title,
        ("คำนำหน้า", "คำนำหน้าชื่อ", "คำนำ", "title", "prefix"),
        example="นาย",
        hint=N_("นาย นาง นางสาว ด.ช. ด.ญ."),
        width=9,
    ),
    Field(
        "first_name",
        N_("First name"),
        c.parse_text,
        ("ชื่อ", "ชื่อตัว", "ชื่อจริง", "first name", "firstname", "given name", "name"),
        required=True,
        alternative="full_name",
        example="สมชาย",
        width=16,
    ),
    Field(
        "last_name",
        N_("Last name"),
        c.parse_text,
        ("นามสกุล", "สกุล", "last name", "lastname", "surname", "family name"),
        example="ใจดี",
        width=16,
    ),
    Field(
        "full_name",
        N_("Full name"),
        c.parse_full_name,
        ("ชื่อ-สกุล", "ชื่อ-นามสกุล", "ชื่อสกุล", "ชื่อและนามสกุล", "ชื่อ นามสกุล", "full name", "fullname"),
        example=None,
        width=24,
    ),
    Field(
        "citizen_id",
        N_("Citizen ID"),
        c.parse_citizen_id,
        (
            "เลขประจำตัวประชาชน",
            "เลขบัตรประชาชน",
            "เลขบัตรประจำตัวประชาชน",
            "เลขประจำตัว",
            "เลขบัตร",
            "เลข 13 หลัก",
            "บัตรประชาชน",
            "บัตรประจำตัวประชาชน",
            "เลขที่บัตรประชาชน",
            "หมายเลขบัตรประชาชน",
            "รหัสประจำตัวประชาชน",
            "citizen id",
            "id card",
            "national id",
            "pid",
            "cid",
        ),
        example="1101700203450",
        hint=N_("13 digits, dashes allowed"),
        as_text=True,
        width=19,
    ),
    Field(
        "birth_date",
        N_("Birth date"),
        c.parse_date,
        (
            "วันเดือนปีเกิด",
            "วัน/เดือน/ปีเกิด",
            "วันเกิด",
            "วดปเกิด",
            "วดป เกิด",
            "ว/ด/ป เกิด",
            "ปีเกิด",
            "birth date",
            "date of birth",
            "birthdate",
            "dob",
        ),
        example="17/01/2502",
        hint=N_("dd/mm/yyyy in B.E., e.g. 17/01/2502"),
        as_text=True,
        width=14,
    ),
    Field(
        "sex",
        N_("Sex"),
        c.parse_sex,
        ("เพศ", "sex", "gender"),
        example="ชาย",
        hint=N_("ชาย or หญิง"),
        width=7,
    ),
    Field(
        "relation",
        N_("Relation to head"),
        c.parse_relation,
        (
            "ความสัมพันธ์",
            "ความสัมพันธ์กับหัวหน้าครัวเรือน",
            "ความเกี่ยวพัน",
            "ความเกี่ยวข้อง",
            "สถานะในครัวเรือน",
            "สถานะในบ้าน",
            "สถานภาพในครัวเรือน",
            "ฐานะในครัวเรือน",
            "relation",
            "relationship",
        ),
        example="หัวหน้าครัวเรือน",
        hint=N_("หัวหน้าครัวเรือน for the head"),
        width=16,
    ),
    Field(
        "education",
        N_("Education"),
        c.parse_text,
        ("การศึกษา", "ระดับการศึกษา", "การศึกษาสูงสุด", "education"),
        example="ประถมศึกษา",
    ),
    Field(
        "occupation",
        N_("Occupation"),
        c.parse_text,
        ("อาชีพ", "อาชีพหลัก", "occupation", "job"),
        example="ทำนา",
    ),
    Field(
        "phone",
        N_("Phone"),
        c.parse_phone,
        (
            "โทรศัพท์",
            "เบอร์โทร",
            "เบอร์โทรศัพท์",
            "โทร",
            "หมายเลขโทรศัพท์",
            "มือถือ",
            "phone",
            "mobile",
            "tel",
            "telephone",
        ),
        example="0812345678",
        as_text=True,
        width=13,
    ),
]

EXAMPLES = [
    {
        "seq": 1,
        "village": 3,
        "house_no": "12/3",
        "title": "นาย",
        "first_name": "สมชาย",
        "last_name": "ใจดี",
        "citizen_id": "1101700203450",
        "birth_date": "17/01/2502",
        "sex": "ชาย",
        "relation": "หัวหน้าครัวเรือน",
        "education": "ประถมศึกษา",
        "occupation": "ทำนา",
        "phone": "0812345678",
    },
    {
        "seq": 2,
        "village": 3,
        "house_no": "12/3",
        "title": "นาง",
        "first_name": "สมศรี",
        "last_name": "ใจดี",
        "citizen_id": "3-1006-00123-45-0",
        "birth_date": "5 มี.ค. 2505",
        "sex": "หญิง",
        "relation": "คู่สมรส",
        "education": "ประถมศึกษา",
        "occupation": "ทำสวน",
        "phone": "",
    },
]

NOTES = (
    N_(
        "One person per row. Members of a household are consecutive rows with the same "
        "village and house number."
    ),
    N_("Mark the head of each household as หัวหน้าครัวเรือน in the relation column."),
    N_("Dates in the Buddhist Era (dd/mm/yyyy, e.g. 17/01/2502) or as Excel dates."),
    N_("Citizen IDs as text (13 digits, dashes or spaces allowed)."),
    N_("Loading the file again updates what changed; nothing is duplicated or deleted."),
)


class _State:
    """What one run has seen so far, across households."""

    def __init__(self, relation_given: bool):
        self.relation_given = relation_given
        self.used_cids: dict[str, str] = {}  # citizen ID -> row label that took it
        self.unknown_villages: dict[str, int] = {}


def _label(row) -> str:
    return row.seq or f"#{row.row}"


def _resolve_tambon(options):
    code = options.get("tambon")
    if code:
        t = Tambon.get_or_none((Tambon.code == str(code)) & Tambon.deleted_at.is_null())
        if t is None:
            raise UserError(_("No tambon with code {code} in this database.").format(code=code))
        return t
    t = tambons.home_tambon()
    if t is None:
        raise UserError(_("Register the tambon and its villages before loading households."))
    return t


def _village_finder(tambon):
    by_moo, by_name = {}, {}
    for v in tambons.villages(tambon):
        by_moo[v.moo] = v
        name = normalize_space(v.name)
        by_name[name] = v
        if name.startswith("บ้าน"):
            by_name[name[4:].strip()] = v

    def find(value):
        if isinstance(value, int):
            return by_moo.get(value)
        name = normalize_space(value)
        return by_name.get(name) or by_name.get(
            name[4:].strip() if name.startswith("บ้าน") else name
        )

    return find


def _member(row, head_by_position: bool, first: bool) -> dict:
    v = row.values
    title, first_name, last_name = v.get("title"), v.get("first_name"), v.get("last_name")
    if "full_name" in v:
        t2, f2, l2 = v["full_name"]
        title, first_name, last_name = title or t2, first_name or f2, last_name or l2
    if first_name and not title:
        title, first_name = c.split_title(first_name)
    m = {k: v[k] for k in PERSON_FIELDS if k in v}
    m.update(
        {
            k: x
            for k, x in (("title", title), ("first_name", first_name), ("last_name", last_name))
            if x
        }
    )
    if "sex" not in m and c.sex_of_title(title):
        m["sex"] = c.sex_of_title(title)
    if head_by_position:
        m["relation"] = service.HEAD if first else ""
    return m


def _person_dict(p) -> dict:
    d = {k: getattr(p, k) for k in PERSON_FIELDS}
    d["id"] = p.id
    return d


def _same_name(m: dict, p) -> bool:
    key = lambda a, b: thai_sort_key(normalize_space(f"{a or ''} {b or ''}"))  # noqa: E731
    return key(m.get("first_name"), m.get("last_name")) == key(p.first_name, p.last_name)


def _match(members: list[dict], existing: list) -> None:
    """Give each file member the `id` of the existing person it is (citizen ID, else name),
    filling in the values the file leaves blank from the record."""
    by_cid = {p.citizen_id: p for p in existing if p.citizen_id}
    taken = set()
    for m in members:
        p = by_cid.get(m.get("citizen_id")) if m.get("citizen_id") else None
        if p is None:
            p = next(
                (
                    p
                    for p in existing
                    if p.id not in taken
                    and _same_name(m, p)
                    and not (m.get("citizen_id") and p.citizen_id)
                ),
                None,
            )
        if p is not None and p.id not in taken:
            taken.add(p.id)
            merged = _person_dict(p)
            merged.update(m)
            m.clear()
            m.update(merged)


def _differs(m: dict, p) -> bool:
    return any((getattr(p, k) or None) != (m.get(k) or None) for k in PERSON_FIELDS)


def _reject(result, rows, message, field_name="", kind=None):
    for row in rows:
        result.add_error(
            row, field_name, message, kind, row.raw.get(field_name) if field_name else None
        )


def _check_heads(entries, kept, result, kind, group_rows) -> list:
    """Leave exactly one head among the file rows (or none when a kept member is head)."""
    heads = [e for e in entries if e[1].get("relation") == service.HEAD]
    for row, _m in heads[1:]:
        result.add_error(
            row,
            "relation",
            _("A second head of household; the head is row No. {seq}.").format(
                seq=_label(heads[0][0])
            ),
            kind,
            row.raw.get("relation"),
        )
    entries = [e for e in entries if not e[0].rejected]
    if heads or any(p["relation"] == service.HEAD for p in kept):
        return entries
    lost = [r for r in group_rows if r.rejected and r.get("relation") == service.HEAD]
    if lost:
        msg = _(
            "The head of this household (row No. {seq}) was not loaded, so the other "
            "members cannot be loaded either."
        ).format(seq=_label(lost[0]))
    else:
        msg = _("This household has no head of household (หัวหน้าครัวเรือน).")
    _reject(result, [row for row, _m in entries], msg, "relation", kind)
    return []


def _process(ctx, village, house_no, group_rows, state, result, kind, dry_run):
    existing_hh = (
        Household.alive()
        .where((Household.village == village) & (Household.house_no == house_no))
        .first()
    )
    existing = service.members_of(existing_hh) if existing_hh is not None else []
    entries = []
    for i, row in enumerate(group_rows):
        m = _member(row, not state.relation_given, i == 0)
        cid = m.get("citizen_id")
        if row.ok and cid and cid in state.used_cids:
            result.add_error(
                row,
                "citizen_id",
                _("This citizen ID is already used by row No. {seq} of this file.").format(
                    seq=state.used_cids[cid]
                ),
                kind,
            )
        if row.ok:
            entries.append((row, m))
    _match([m for _r, m in entries], existing)
    old = {p.id: p for p in existing}
    while entries:
        matched = {m.get("id") for _r, m in entries}
        kept = [_person_dict(p) for p in existing if p.id not in matched]
        entries = _check_heads(entries, kept, result, kind, group_rows)
        if not entries:
            return
        if any(m.get("relation") == service.HEAD for _r, m in entries):
            for p in kept:
                if p["relation"] == service.HEAD:
                    p["relation"] = "other"
        members = [m for _r, m in entries] + kept
        changed = (
            existing_hh is None
            or any("id" not in m or _differs(m, old[m["id"]]) for _r, m in entries)
            or any(p["relation"] != old[p["id"]].relation for p in kept)
        )
        try:
            # An unchanged household is exactly what was validated when it was saved.
            # A real run lets save_household validate (once); a trial run validates here.
            if changed and not dry_run:
                service.save_household(
                    ctx,
                    village,
                    house_no,
                    members,
                    household=existing_hh,
                    note=existing_hh.note if existing_hh is not None else "",
                )
            elif changed:
                service.validate(village, house_no, members, existing_hh)
            break
        except ValidationError as exc:
            if not _blame(exc, entries, result, kind):
                return
            entries = [e for e in entries if not e[0].rejected]
    if not entries:
        return
    for _r, m in entries:
        outcome = (
            "added" if "id" not in m else "updated" if _differs(m, old[m["id"]]) else "unchanged"
        )
        result.count("people", outcome)
    result.count(
        "households", "added" if existing_hh is None else "updated" if changed else "unchanged"
    )
    for row, m in entries:
        if m.get("citizen_id"):
            state.used_cids[m["citizen_id"]] = _label(row)


def _blame(exc, entries, result, kind) -> bool:
    """Record the service's refusal against the rows it names (members.N.field); True when
    rows were named (the rest may be retried), False when the whole household is refused."""
    blamed = False
    for key, message in exc.errors.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "members" and int(parts[1]) < len(entries):
            row = entries[int(parts[1])][0]
            result.add_error(row, parts[2], message, kind, row.raw.get(parts[2]))
            blamed = True
    if not blamed:
        field_name = next(iter(exc.errors), "")
        field_name = field_name if field_name in ("house_no", "village") else ""
        _reject(result, [r for r, _m in entries], "; ".join(exc.errors.values()), field_name, kind)
    return blamed


def apply(ctx, rows, result, *, dry_run=False, progress=None, options=None):
    """Group rows into households and write each through the households service."""
    options = options or {}
    kind = HOUSEHOLDS
    find_village = _village_finder(_resolve_tambon(options))
    state = _State(relation_given=any("relation" in r.values for r in rows))
    groups: dict[tuple, list] = {}
    for row in rows:
        address_house, address_moo = row.get("address") or (None, None)
        moo = row.get("village", address_moo)
        house_no = row.get("house_no", address_house)
        if moo is None or house_no is None:
            if row.ok:
                missing = "village" if moo is None else "house_no"
                result.add_error(
                    row, missing, _("This cell must not be empty."), kind, row.raw.get("address")
                )
            continue
        village = find_village(moo)
        if village is None:
            shown = _("Moo {moo}").format(moo=moo) if isinstance(moo, int) else str(moo)
            state.unknown_villages[shown] = state.unknown_villages.get(shown, 0) + 1
            if row.ok:
                result.add_error(
                    row,
                    "village",
                    _("{village} is not a village of this tambon; add the village first.").format(
                        village=shown
                    ),
                    kind,
                    row.raw.get("village", row.raw.get("address")),
                )
            continue
        groups.setdefault((village.id, house_no), [village, []])[1].append(row)
    if state.unknown_villages:
        result.notes.append(
            _("Villages not in this tambon: {list}.").format(
                list=", ".join(f"{k} ({n})" for k, n in state.unknown_villages.items())
            )
        )
    items = list(groups.items())
    total = len(items)
    for start in range(0, total, BATCH):
        batch = items[start : start + BATCH]
        with transaction(ctx) if not dry_run else nullcontext():
            for i, ((_vid, house_no), (village, group_rows)) in enumerate(batch, start=start):
                _process(ctx, village, house_no, group_rows, state, result, kind, dry_run)
                if progress and (i % 10 == 0 or i == total - 1):
                    progress(
                        i + 1,
                        total,
                        _("Households {done} of {total}").format(done=i + 1, total=total),
                    )
    if progress:
        progress(total, total, _("Done"))


HOUSEHOLDS = register(
    ImportKind(
        name="households",
        title=N_("Households and members"),
        fields=FIELDS,
        apply=apply,
        entities={"households": N_("Households"), "people": N_("Members")},
        description=N_("A household list, one person per row."),
        notes=NOTES,
        examples=EXAMPLES,
    )
)


def row_household(row, result, kind, villages: dict, household_of):
    """(village, household) that a file row names by its village (หมู่ number, or name) and
    house number, or None after a Thai row error on the field that is wrong. Shared by the
    loads that hang their rows on households (account lines, crop costs); `villages` maps
    moo -> Village and `household_of(village, house_no)` finds the household (or None)."""
    v = row.values
    village = (
        villages.get(v["village"])
        if isinstance(v["village"], int)
        else next((x for x in villages.values() if x.name == v["village"]), None)
    )
    if village is None:
        result.add_error(
            row, "village", _("This village is not in the tambon."), kind, row.raw.get("village")
        )
        return None
    home = household_of(village, v["house_no"])
    if home is None:
        result.add_error(
            row,
            "house_no",
            _("No household {no} in {village}.").format(
                no=v["house_no"], village=tambons.village_label(village)
            ),
            kind,
            row.raw.get("house_no"),
        )
        return None
    return village, home
