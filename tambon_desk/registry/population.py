"""Population statistics of a tambon: households and people by village, sex and age band.

The figures the tambon profile shows (and the dashboard may): per village and for the whole
tambon, households and people, split by sex, by the three broad bands the development plans
use (0–14 children, 15–59 working age, 60+ elderly) and by 5-year bands for a population
pyramid. Ages are completed years at a reference date.

Who counts: people not in the recycle bin, in households not in the recycle bin whose status
is "active" (a household that moved away or dissolved is no longer resident), born on or
before the reference date. Members with no birth date are counted in the totals and in
`age_unknown`, never guessed into a band. The database keeps no move-in dates, so a past
reference date changes ages and leaves out the not-yet-born, nothing more.

Counting is one GROUP BY in SQLite (age computed from the ISO birth date), so 50,000
households take a fraction of a second and no Person objects are built.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..core.errors import NotFound
from ..core.i18n import _
from ..db.models import Household, Person
from . import places as tambons

BROAD_BANDS: tuple[tuple[int, int | None], ...] = ((0, 14), (15, 59), (60, None))
FIVE_YEAR_BANDS: tuple[tuple[int, int | None], ...] = tuple((a, a + 4) for a in range(0, 80, 5)) + (
    (80, None),
)


def age_on(birth: _dt.date, ref: _dt.date) -> int:
    """Completed years on `ref` (someone born 29 Feb turns a year older on 1 March)."""
    return ref.year - birth.year - ((ref.month, ref.day) < (birth.month, birth.day))


def band_label(band: tuple[int, int | None]) -> str:
    lo, hi = band
    if hi is None:
        return _("{age} and over").format(age=lo)
    return f"{lo}–{hi}"


def band_index(age: int, bands) -> int:
    for i, (lo, hi) in enumerate(bands):
        if age >= lo and (hi is None or age <= hi):
            return i
    raise ValueError(age)


@dataclass
class Counts:
    """People by sex; `unknown` is sex not recorded."""

    male: int = 0
    female: int = 0
    unknown: int = 0

    @property
    def total(self) -> int:
        return self.male + self.female + self.unknown

    def add(self, sex: str, n: int) -> None:
        if sex == "M":
            self.male += n
        elif sex == "F":
            self.female += n
        else:
            self.unknown += n


@dataclass
class AreaPopulation:
    """One village (moo set) or the whole tambon (moo None)."""

    moo: int | None
    name: str
    households: int = 0
    people: Counts = field(default_factory=Counts)
    broad: list[Counts] = field(default_factory=lambda: [Counts() for _ in BROAD_BANDS])
    five_year: list[Counts] = field(default_factory=lambda: [Counts() for _ in FIVE_YEAR_BANDS])
    age_unknown: Counts = field(default_factory=Counts)

    def add(self, sex: str, age: int | None, n: int) -> None:
        self.people.add(sex, n)
        if age is None:
            self.age_unknown.add(sex, n)
            return
        self.broad[band_index(age, BROAD_BANDS)].add(sex, n)
        self.five_year[band_index(age, FIVE_YEAR_BANDS)].add(sex, n)

    @property
    def household_size(self) -> float:
        return self.people.total / self.households if self.households else 0.0


@dataclass
class PopulationProfile:
    tambon: object
    ref_date: _dt.date
    villages: list[AreaPopulation]
    total: AreaPopulation


def population_profile(
    tambon=None, village: int | None = None, ref_date: _dt.date | None = None
) -> PopulationProfile:
    """Counts for `tambon` (default: the home tambon), or only its village moo `village`.

    Raises NotFound for a village number the tambon does not have.
    """
    tambon = tambon or tambons.home_tambon()
    ref_date = ref_date or _dt.date.today()
    vs = tambons.villages(tambon) if tambon is not None else []
    if village is not None:
        vs = [v for v in vs if v.moo == int(village)]
        if not vs:
            raise NotFound(_("This tambon has no village number {moo}.").format(moo=village))
    areas = {v.id: AreaPopulation(v.moo, v.name) for v in vs}
    total = AreaPopulation(None, tambon.name_th if tambon is not None else "")
    if not areas:
        return PopulationProfile(tambon, ref_date, [], total)
    db = Person._meta.database
    marks = ", ".join("?" * len(areas))
    h, p = Household._meta.table_name, Person._meta.table_name
    for vid, n in db.execute_sql(
        f'SELECT village_id, COUNT(*) FROM "{h}" WHERE deleted_at IS NULL '
        f"AND status = 'active' AND village_id IN ({marks}) GROUP BY village_id",
        list(areas),
    ):
        areas[vid].households = n
        total.households += n
    ref = ref_date.isoformat()
    age_sql = (
        "CASE WHEN p.birth_date IS NULL THEN NULL ELSE "
        "CAST(substr(?, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER)"
        " - (CASE WHEN substr(?, 6, 5) < substr(p.birth_date, 6, 5) THEN 1 ELSE 0 END) END"
    )
    rows = db.execute_sql(
        f'SELECT h.village_id, p.sex, {age_sql} AS age, COUNT(*) FROM "{p}" p '
        f'JOIN "{h}" h ON h.id = p.household_id '
        f"WHERE p.deleted_at IS NULL AND h.deleted_at IS NULL AND h.status = 'active' "
        f"AND h.village_id IN ({marks}) AND (p.birth_date IS NULL OR p.birth_date <= ?) "
        f"GROUP BY h.village_id, p.sex, age",
        [ref, ref, *areas, ref],
    )
    for vid, sex, age, n in rows:
        areas[vid].add(sex or "", age, n)
        total.add(sex or "", age, n)
    return PopulationProfile(tambon, ref_date, list(areas.values()), total)
