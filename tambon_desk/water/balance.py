"""The monthly water balance as a pure function of plain inputs (no database, no GUI).

Why pure: a what-if edit in the GUI (a new pond, a crop area changed) copies the inputs,
changes them and calls `compute_balance` again, so the table and chart follow at once and
nothing is saved unless the clerk asks. Tests feed hand-made inputs and compare with
hand-computed figures.

Model, month by month over a water year (all volumes in m³):

* supply = yield of wells/pumps (yield m³/h × hours/day × days × usable share)
  + rain inflow of rain-filled sources (catchment m² × runoff coefficient × rain mm / 1000)
* demand = domestic (people × L/person/day × days / 1000)
  + livestock (head × L/head/day × days / 1000, by kind)
  + crops (rai × max(0, need per rai per month − effective rain mm × 1.6 m³))
* balance = supply − demand (the "water situation" of community water accounts)
* storage: the ponds, reservoirs and tanks together start at `start_fill` × their usable
  capacity; each month storage + balance is capped at the capacity of the storage sources
  that are not dry that month (water in a source running dry is lost before the month's
  use; water above the capacity spills); below zero the missing water is
  the month's **deficit** (shortage) and storage is empty.
* a source contributes nothing in the months it runs dry (no yield, no inflow, no storage).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace

M3_PER_RAI_MM = 1.6  # 1 rai = 1,600 m²; 1 mm over 1 rai = 1.6 m³


def effective_rain_mm(p_mm: float) -> float:
    """Monthly effective rainfall by the USDA Soil Conservation Service method used in FAO
    CROPWAT: P(125 − 0.2P)/125 up to 250 mm, 125 + 0.1P above."""
    p = max(0.0, float(p_mm))
    if p <= 250:
        return p * (125 - 0.2 * p) / 125
    return 125 + 0.1 * p


@dataclass(frozen=True)
class SourceInput:
    name: str
    storage_m3: float = 0.0  # full storage (capacity or area × depth), before share
    yield_m3_h: float = 0.0
    pump_hours: float = 8.0
    usable_share: float = 1.0
    dry_months: frozenset = frozenset()
    catchment_m2: float = 0.0
    runoff_coef: float = 0.0
    key: str = ""  # record id, or "" for a what-if source

    def usable_storage(self) -> float:
        return self.storage_m3 * self.usable_share

    def wet(self, month: int) -> bool:
        return month not in self.dry_months


@dataclass(frozen=True)
class CropInput:
    crop: str
    area_rai: float
    months: frozenset  # months the crop is in the field
    need_m3_per_rai_month: float


@dataclass(frozen=True)
class LivestockInput:
    kind: str
    head: int
    lpd: float  # litres per head per day


@dataclass(frozen=True)
class BalanceInputs:
    months: tuple  # ((year_ce, month), …) of the water year, in order
    rain_mm: tuple  # one per month (0 where none recorded)
    population: int = 0
    domestic_lpd: float = 110.0
    livestock: tuple = ()
    crops: tuple = ()
    sources: tuple = ()
    start_fill: float = 1.0
    missing_rain: tuple = ()  # months without a rainfall figure (for a warning)
    label: str = ""

    def with_source(self, source: SourceInput) -> BalanceInputs:
        return replace(self, sources=self.sources + (source,))

    def with_crop_area(self, crop: str, area_rai: float) -> BalanceInputs:
        """Scale the areas of `crop` so they total `area_rai` (what-if)."""
        rows = [c for c in self.crops if c.crop == crop]
        total = sum(c.area_rai for c in rows)
        if not rows:
            raise KeyError(crop)
        f = (area_rai / total) if total else 0.0
        crops = tuple(
            replace(c, area_rai=c.area_rai * f) if c.crop == crop else c for c in self.crops
        )
        return replace(self, crops=crops)


@dataclass(frozen=True)
class MonthRow:
    year: int
    month: int
    days: int
    rain_mm: float
    effective_rain_mm: float
    yield_m3: float
    inflow_m3: float
    domestic_m3: float
    livestock_m3: float
    crops_m3: float
    capacity_m3: float
    storage_m3: float  # at the end of the month
    deficit_m3: float
    spill_m3: float  # spilled over capacity or lost in a drying source

    @property
    def supply_m3(self) -> float:
        return self.yield_m3 + self.inflow_m3

    @property
    def demand_m3(self) -> float:
        return self.domestic_m3 + self.livestock_m3 + self.crops_m3

    @property
    def balance_m3(self) -> float:
        return self.supply_m3 - self.demand_m3


@dataclass
class Balance:
    rows: list
    start_storage_m3: float
    capacity_m3: float  # usable storage capacity of all storage sources
    inputs: BalanceInputs | None = None
    missing_rain: list = field(default_factory=list)  # months without a rainfall figure

    @property
    def deficit_months(self) -> list:
        return [(r.year, r.month) for r in self.rows if r.deficit_m3 > 1e-9]

    def total(self, attr: str) -> float:
        return sum(getattr(r, attr) for r in self.rows)


def days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def water_year_months(year_ce: int, start_month: int = 1) -> tuple:
    """The twelve (year, month) of the water year beginning in `start_month` of `year_ce`."""
    out = []
    y, m = year_ce, start_month
    for _ in range(12):
        out.append((y, m))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return tuple(out)


def compute_balance(inp: BalanceInputs) -> Balance:
    """The month-by-month balance of `inp` (see the module docstring for the model)."""
    sources = inp.sources
    capacity = sum(s.usable_storage() for s in sources)
    first_month = inp.months[0][1] if inp.months else 1
    start_cap = sum(s.usable_storage() for s in sources if s.wet(first_month))
    storage = start_cap * inp.start_fill
    start = storage
    rows = []
    for (year, month), rain in zip(inp.months, inp.rain_mm):
        days = days_in(year, month)
        wet = [s for s in sources if s.wet(month)]
        yld = sum(s.yield_m3_h * s.pump_hours * days * s.usable_share for s in wet)
        inflow = sum(s.catchment_m2 * s.runoff_coef * rain / 1000.0 for s in wet)
        cap = sum(s.usable_storage() for s in wet)
        domestic = inp.population * inp.domestic_lpd * days / 1000.0
        livestock = sum(a.head * a.lpd * days / 1000.0 for a in inp.livestock)
        eff = effective_rain_mm(rain)
        crops = sum(
            c.area_rai * max(0.0, c.need_m3_per_rai_month - eff * M3_PER_RAI_MM)
            for c in inp.crops
            if month in c.months
        )
        # water held in a source that runs dry this month is gone before anyone uses it
        lost = max(0.0, storage - cap)
        level = storage - lost + yld + inflow - domestic - livestock - crops
        deficit, spill = 0.0, lost
        if level < 0:
            deficit, level = -level, 0.0
        elif level > cap:
            spill, level = spill + level - cap, cap
        storage = level
        rows.append(
            MonthRow(
                year,
                month,
                days,
                rain,
                eff,
                yld,
                inflow,
                domestic,
                livestock,
                crops,
                cap,
                storage,
                deficit,
                spill,
            )
        )
    return Balance(rows, start, capacity, inp, list(inp.missing_rain))


def sum_balances(balances: list, inputs: BalanceInputs | None = None) -> Balance:
    """The tambon balance: villages added month by month, each computed on its own (water
    is not assumed to move between villages, so one village's surplus never hides another's
    shortage)."""
    if not balances:
        return Balance([], 0.0, 0.0, inputs)
    rows = []
    for parts in zip(*(b.rows for b in balances)):
        first = parts[0]
        s = lambda a, parts=parts: sum(getattr(p, a) for p in parts)  # noqa: E731
        rows.append(
            MonthRow(
                first.year,
                first.month,
                first.days,
                first.rain_mm,
                first.effective_rain_mm,
                s("yield_m3"),
                s("inflow_m3"),
                s("domestic_m3"),
                s("livestock_m3"),
                s("crops_m3"),
                s("capacity_m3"),
                s("storage_m3"),
                s("deficit_m3"),
                s("spill_m3"),
            )
        )
    missing = sorted({m for b in balances for m in b.missing_rain})
    return Balance(
        rows,
        sum(b.start_storage_m3 for b in balances),
        sum(b.capacity_m3 for b in balances),
        inputs,
        missing,
    )
