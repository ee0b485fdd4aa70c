"""Demo tambon, villages, households and people: the first module of DEMO_MODULES.

Builds ตำบลควนเกย (DOPA 801304), อำเภอร่อนพิบูลย์, จังหวัดนครศรีธรรมราช - or each
tambon of `ctx.extras["demo_tambon_codes"]` (DOPA codes: `demo --tambon`, `demo --district`)
- with 8–12 villages and `ctx.extras["demo_households"]` households whose members look like a southern rubber-growing
village: nuclear families, grandparents living with grandchildren while the parents work
away, elderly people alone; children always younger than their parents (the younger parent 19–40
years older); ด.ช./ด.ญ. under 15, นาง for married women; schooling by age and birth cohort;
occupations led by ทำสวนยาง. Citizen IDs are valid (mod-11) and unique, house numbers unique
per village, so every household passes `households.validate` (the tests check a sample).

Why not `households.save_household` per household: that path validates against the database
and writes one audit row per record, about 4 ms per household — 50,000 households for the
benchmarks would take minutes. Generated data is correct by construction, so it is bulk
inserted in ONE transaction, and the audit log gets one summary row per table ("demo",
with the counts) instead of one row per record. This is acceptable for demo generation
only; every clerk's write still goes through records.save_record. The tambon, its villages
and the demo admin are created through the ordinary audited services.

Deterministic: the same `rng` seed and reference date give the same data. The reference
date for ages is `ctx.extras["demo_today"]` (default: today).
"""

from __future__ import annotations

import datetime as _dt

from .. import registry
from ..core import auth
from ..core.i18n import _
from ..core.records import audit, transaction
from ..db import engines
from ..db.base import new_id, utcnow
from ..db.models import Household, Person, User
from ..registry import age_on
from ..registry.households import _denormalise
from ..thai import random_citizen_id
from . import names as N

TAMBON_CODE = "801304"  # ควนเกย, ร่อนพิบูลย์, นครศรีธรรมราช
CENTRE = (8.2150, 99.8850)  # about the middle of the tambon (lat, lon)
ADMIN_USER = "admin"
ADMIN_PASSWORD = "admin"
BATCH = 2000  # people per executemany


def _weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for value, w in pairs:
        x -= w
        if x <= 0:
            return value
    return pairs[-1][0]


def _years_before(d: _dt.date, years: int) -> _dt.date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def birth_date_for_age(rng, age: int, today: _dt.date) -> _dt.date:
    """A birth date on which someone is exactly `age` (completed years) on `today`."""
    latest = _years_before(today, age)
    earliest = _years_before(today, age + 1) + _dt.timedelta(days=1)
    return earliest + _dt.timedelta(days=rng.randint(0, (latest - earliest).days))


class _People:
    """Makes one person at a time with a unique citizen ID."""

    def __init__(self, rng, today: _dt.date, used_ids: set):
        self.rng, self.today, self.used = rng, today, used_ids

    def citizen_id(self) -> str:
        while True:
            cid = random_citizen_id(self.rng)
            if cid not in self.used:
                self.used.add(cid)
                return cid

    def first_name(self, sex: str, birth_year: int) -> str:
        if birth_year < 1960:
            pool = N.MALE_OLD if sex == "M" else N.FEMALE_OLD
        elif birth_year < 1990:
            pool = N.MALE_MID if sex == "M" else N.FEMALE_MID
        else:
            pool = N.MALE_YOUNG if sex == "M" else N.FEMALE_YOUNG
        return self.rng.choice(pool)

    def education(self, age: int, birth_year: int, studying: bool) -> str:
        if age < 3:
            return ""
        if age < 6:
            return N.PRE
        if age < 12:
            return N.PRIMARY
        if age < 15:
            return N.LOWER_SEC
        if age < 18:
            return self.rng.choice((N.UPPER_SEC, N.UPPER_SEC, N.VOC))
        if studying:
            return self.rng.choice((N.BACHELOR, N.BACHELOR, N.HIGH_VOC))
        cohort = (
            N.EDUCATION_OLD
            if birth_year < 1960
            else N.EDUCATION_MID
            if birth_year < 1990
            else N.EDUCATION_YOUNG
        )
        return _weighted(self.rng, cohort)

    def phone(self) -> str:
        r = self.rng
        return "0" + r.choice("689") + "".join(str(r.randint(0, 9)) for _ in range(8))

    def make(
        self,
        relation: str,
        sex: str,
        age: int,
        last_name: str,
        *,
        married=False,
        work: str = "",
        phone_chance: float = 0.0,
    ) -> dict:
        r = self.rng
        birth = birth_date_for_age(r, age, self.today)
        studying = 18 <= age <= 22 and r.random() < 0.45
        if age < 15:
            title = "ด.ช." if sex == "M" else "ด.ญ."
        elif sex == "M":
            title = "นาย"
        else:
            title = "นาง" if married else "นางสาว"
        if age < 3:
            occupation = ""
        elif age < 18:
            occupation = N.STUDENT
        elif studying:
            occupation = N.UNI_STUDENT
        elif age >= 75 and r.random() < 0.8 or age >= 65 and r.random() < 0.45:
            occupation = N.RETIRED
        else:
            occupation = work or _weighted(r, N.OTHER_OCCUPATIONS)
        return {
            "title": title,
            "first_name": self.first_name(sex, birth.year),
            "last_name": last_name,
            "citizen_id": self.citizen_id(),
            "sex": sex,
            "birth_date": birth,
            "relation": relation,
            "education": self.education(age, birth.year, studying),
            "occupation": occupation,
            "phone": self.phone() if age >= 18 and r.random() < phone_chance else "",
        }


def _children(
    p: _People, parent_age: int, last_name: str, count: int, relation="child", work=""
) -> list[dict]:
    """Up to `count` children born when their younger parent was 19–40 (oldest first)."""
    r = p.rng
    ages = sorted({parent_age - r.randint(19, 40) for _ in range(count)}, reverse=True)
    out = []
    for age in ages:
        if age < 0:
            continue
        sex = r.choice("MF")
        work_here = work if r.random() < 0.4 else ""
        out.append(
            p.make(relation, sex, age, last_name, married=False, work=work_here, phone_chance=0.8)
        )
    return out


def _couple(p: _People, head_age: int, work: str, *, female_head=False) -> list[dict]:
    """Head and spouse: the wife takes the husband's surname in most families."""
    r = p.rng
    surname = r.choice(N.SURNAMES)
    gap = max(-6, min(12, int(r.gauss(3, 4))))
    if female_head:
        head = p.make("head", "F", head_age, surname, married=True, work=work, phone_chance=0.8)
        spouse_age = head_age + gap
        spouse = p.make(
            "spouse",
            "M",
            max(18, spouse_age),
            surname,
            married=True,
            work=work if r.random() < 0.65 else "",
            phone_chance=0.6,
        )
    else:
        head = p.make("head", "M", head_age, surname, married=True, work=work, phone_chance=0.8)
        wife_name = surname if r.random() < 0.85 else r.choice(N.SURNAMES)
        spouse = p.make(
            "spouse",
            "F",
            max(18, head_age - gap),
            wife_name,
            married=True,
            work=work if r.random() < 0.65 else "",
            phone_chance=0.6,
        )
    return [head, spouse]


def _age_of(m: dict, today: _dt.date) -> int:
    return age_on(m["birth_date"], today)


def make_household(p: _People, work: str) -> list[dict]:
    """Members of one household (head first), by a household type drawn at random."""
    r, today = p.rng, p.today
    kind = _weighted(
        r,
        [
            ("nuclear", 45),
            ("with_parents", 15),
            ("three_gen", 20),
            ("elderly", 12),
            ("single_parent", 8),
        ],
    )
    if kind in ("nuclear", "with_parents"):
        members = _couple(p, r.randint(26, 60), work, female_head=r.random() < 0.15)
        younger = min(_age_of(m, today) for m in members)
        n = _weighted(r, [(0, 10), (1, 30), (2, 35), (3, 18), (4, 7)])
        members += _children(p, younger, members[0]["last_name"], n, work=work)
        if kind == "with_parents":
            head = members[0]
            h_age = _age_of(head, today)
            mum_age = min(96, h_age + r.randint(20, 38))
            members.append(
                p.make(
                    "parent",
                    "F",
                    mum_age,
                    r.choice(N.SURNAMES),
                    married=True,
                    work=work,
                    phone_chance=0.2,
                )
            )
            if r.random() < 0.5 and mum_age < 90:
                members.append(
                    p.make(
                        "parent",
                        "M",
                        min(98, mum_age + r.randint(0, 6)),
                        head["last_name"] if head["sex"] == "M" else r.choice(N.SURNAMES),
                        married=True,
                        work=work,
                        phone_chance=0.2,
                    )
                )
        return members
    if kind == "three_gen":
        members = _couple(p, r.randint(52, 78), work)
        if r.random() < 0.25:
            members = members[:1]  # widowed head
        younger = min(_age_of(m, today) for m in members)
        adults = (
            []
            if r.random() < 0.3
            else _children(  # 30 %: parents work away
                p, younger, members[0]["last_name"], r.randint(1, 2), work=work
            )
        )
        adults = [a for a in adults if _age_of(a, today) >= 20]
        members += adults
        parent_age = (
            min(_age_of(a, today) for a in adults) if adults else younger - r.randint(20, 30)
        )
        members += _children(
            p, parent_age, members[0]["last_name"], r.randint(1, 3), relation="grandchild"
        )
        return members
    if kind == "elderly":
        if r.random() < 0.5:
            return _couple(p, r.randint(62, 88), work)
        sex = r.choice("MF")
        return [
            p.make(
                "head",
                sex,
                r.randint(62, 92),
                r.choice(N.SURNAMES),
                married=True,
                work=work,
                phone_chance=0.4,
            )
        ]
    # single parent (widowed or divorced), mostly mothers
    sex = "F" if r.random() < 0.7 else "M"
    age = r.randint(28, 55)
    head = p.make("head", sex, age, r.choice(N.SURNAMES), married=True, work=work, phone_chance=0.8)
    return [head] + _children(p, age, head["last_name"], r.randint(1, 3), work=work)


def _village_plan(rng, households: int) -> list[tuple[int, str, int, tuple[float, float]]]:
    """[(moo, name, number of households, (lat, lon) of the village centre)]."""
    n = rng.randint(8, 12)
    weights = [rng.uniform(0.6, 1.6) for _ in range(n)]
    total = sum(weights)
    counts = [int(households * w / total) for w in weights]
    for i in range(households - sum(counts)):
        counts[i % n] += 1
    centres = [
        (CENTRE[0] + rng.uniform(-0.03, 0.03), CENTRE[1] + rng.uniform(-0.03, 0.03))
        for _ in range(n)
    ]
    return [(i + 1, N.VILLAGE_NAMES[i], counts[i], centres[i]) for i in range(n)]


def ensure_admin(ctx):
    """The demo administrator admin/admin, who must change the password at first login."""
    user = User.get_or_none(User.username == ADMIN_USER)
    if user is None and not User.select().exists():
        user = auth.create_user(
            ctx,
            ADMIN_USER,
            ADMIN_PASSWORD,
            "admin",
            display_name="ผู้ดูแลระบบ",
            must_change_password=True,
            bootstrap=True,
        )
    if ctx.user is None:
        ctx.user = user
    return user


def build(ctx, rng, progress=None) -> None:
    """Add the demo tambon, villages, households and people (see the module docstring)."""
    households = int(ctx.extras.get("demo_households", 300))
    today = ctx.extras.get("demo_today") or _dt.date.today()
    plan = _village_plan(rng, households)
    people = _People(rng, today, set())
    now = utcnow()
    h_fields = [
        Household.id,
        Household.created_at,
        Household.updated_at,
        Household.updated_by,
        Household.village,
        Household.house_no,
        Household.lat,
        Household.lon,
        Household.status,
        Household.note,
        Household.head_name,
        Household.sort_key,
        Household.search_text,
        Household.member_count,
    ]
    p_fields = [
        Person.id,
        Person.created_at,
        Person.updated_at,
        Person.updated_by,
        Person.household,
        Person.title,
        Person.first_name,
        Person.last_name,
        Person.citizen_id,
        Person.sex,
        Person.birth_date,
        Person.relation,
        Person.education,
        Person.occupation,
        Person.phone,
        Person.order,
    ]
    h_rows, p_rows = [], []
    done = n_people = 0
    step = max(50, households // 20)  # about 20 progress reports

    def insert_sql(model, fields):
        cols = ", ".join(f'"{f.column_name}"' for f in fields)
        marks = ", ".join("?" * len(fields))
        return f'INSERT INTO "{model._meta.table_name}" ({cols}) VALUES ({marks})'

    h_sql, p_sql = insert_sql(Household, h_fields), insert_sql(Person, p_fields)

    def flush(final=False):
        # sqlite3 executemany: peewee's insert_many spends most of its time building SQL
        if not (final or len(p_rows) >= BATCH):
            return
        engines.executemany(ctx.db, h_sql, h_rows)  # households first (foreign keys)
        engines.executemany(ctx.db, p_sql, p_rows)
        h_rows.clear()
        p_rows.clear()

    codes = list(ctx.extras.get("demo_tambon_codes") or [TAMBON_CODE])
    total = households * len(codes)
    n_villages = 0
    with transaction(ctx):  # all or nothing, admin included
        ensure_admin(ctx)
        who = ctx.username
        for code in codes:  # each tambon its own villages and people
            plan = _village_plan(rng, households) if code != codes[0] else plan
            n_villages += len(plan)
            tambon = registry.add_tambon(
                ctx, code, [(moo, name) for moo, name, _n, _c in plan], bootstrap=True
            )
            if code == codes[0]:
                first = tambon
            villages = {v.moo: v for v in registry.villages(tambon)}
            for moo, _name, count, (vlat, vlon) in plan:
                village_id = villages[moo].id
                base = sub = 0
                for _i in range(count):
                    if base and rng.random() < 0.08:  # a house split off: 12/1, 12/2
                        sub += 1
                        house_no = f"{base}/{sub}"
                    else:
                        base, sub = base + 1, 0
                        house_no = str(base)
                    work = _weighted(rng, N.HOUSEHOLD_OCCUPATIONS)
                    members = make_household(people, work)
                    d = _denormalise(members, house_no)
                    hid = new_id()
                    h_rows.append(
                        (
                            hid,
                            now,
                            now,
                            who,
                            village_id,
                            house_no,
                            round(vlat + rng.gauss(0, 0.004), 6),
                            round(vlon + rng.gauss(0, 0.004), 6),
                            "active",
                            "",
                            d["head_name"],
                            d["sort_key"],
                            d["search_text"],
                            d["member_count"],
                        )
                    )
                    for order, m in enumerate(members):
                        p_rows.append(
                            (
                                new_id(),
                                now,
                                now,
                                who,
                                hid,
                                m["title"],
                                m["first_name"],
                                m["last_name"],
                                m["citizen_id"],
                                m["sex"],
                                m["birth_date"].isoformat(),
                                m["relation"],
                                m["education"],
                                m["occupation"],
                                m["phone"],
                                order,
                            )
                        )
                    n_people += len(members)
                    done += 1
                    flush()
                    if progress and (done % step == 0 or done == total):
                        progress(done, total, _("Households"))
        flush(final=True)
        note = f"demo: {done} households, {n_people} people in {n_villages} villages"
        audit(ctx, "demo", "household", None, after={"count": done}, note=note)
        audit(ctx, "demo", "person", None, after={"count": n_people}, note=note)
    tambon = first
    ctx.extras["demo_tambon"] = tambon
