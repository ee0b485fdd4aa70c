"""The derived figures of a crop cycle by the OAE production-cost method (a pure function).

`compute(cycle, lines, rate)` takes plain values, so the same code serves the cycle sheet,
the reports and a district summary of thousands of cycles. Every division is rounded half up
to the satang (or to 0.01 kg / 0.01 for ratios). A figure that cannot be computed is None
and `reasons` says why in Thai; a report prints the reason, never 0.

- working-capital interest = variable cost (without this interest) × rate × months ÷ 12;
- equipment interest = (cost + salvage) ÷ 2 × rate × the line's quantity (share of a year);
- cost per kg = break-even price = total cost ÷ yield;
- break-even yield = total cost per rai ÷ farm-gate price;
- profit per rai = (yield × price − cost) ÷ area, over cash, variable and total cost;
- B/C = revenue ÷ total cost.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..core.i18n import _
from ..thai import format_baht
from .reference import ReferenceFigure, is_fixed

RAI_M2 = 1600
_ONE = Decimal(1)
_CENT = Decimal("0.01")

# cost-structure groups (chart and report columns) of the line kinds
STRUCTURE = {
    "labour": "labour",
    "machinery": "machinery",
    "seed": "materials",
    "fertiliser": "materials",
    "organic": "materials",
    "herbicide": "materials",
    "pesticide": "materials",
    "fuel": "materials",
    "water": "water",
    "other_variable": "other",
    "land": "land",
    "land_tax": "land",
    "depreciation": "equipment",
    "other_fixed": "other",
}
STRUCTURE_ORDER = (
    "labour",
    "machinery",
    "materials",
    "water",
    "interest",
    "land",
    "equipment",
    "other",
)
STRUCTURE_ORDER_NO_INTEREST = tuple(g for g in STRUCTURE_ORDER if g != "interest")


def rnd(x: Decimal) -> int:
    """Satang, half up."""
    return int(x.quantize(_ONE, rounding=ROUND_HALF_UP))


def rnd2(x: Decimal) -> Decimal:
    return x.quantize(_CENT, rounding=ROUND_HALF_UP)


def dec(x) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


@dataclass(frozen=True)
class CycleInput:
    area_m2: int
    yield_kg: Decimal | None  # None or 0: no harvest
    price: int  # satang per kg at the farm gate
    months: Decimal  # cycle length for working-capital interest


@dataclass(frozen=True)
class LineInput:
    kind: str
    amount: int  # satang
    cash: bool
    quantity: Decimal = _ONE
    equipment_value: int | None = None  # (cost + salvage) ÷ 2 of the line's equipment
    family: bool = False


@dataclass(slots=True)
class Figures:
    area_m2: int
    yield_kg: Decimal | None
    price: int
    rate: Decimal
    months: Decimal
    variable_lines: int = 0
    working_interest: int = 0
    fixed_lines: int = 0
    equipment_interest: int = 0
    cash: int = 0
    revenue: int = 0
    structure: dict = field(default_factory=dict)
    reasons: dict = field(default_factory=dict)
    total_per_rai: int | None = None
    variable_per_rai: int | None = None
    fixed_per_rai: int | None = None
    cash_per_rai: int | None = None
    revenue_per_rai: int | None = None
    profit_cash_per_rai: int | None = None
    profit_variable_per_rai: int | None = None
    profit_total_per_rai: int | None = None
    cost_per_kg: int | None = None
    breakeven_price: int | None = None
    breakeven_yield: Decimal | None = None  # kg per rai
    yield_per_rai: Decimal | None = None
    bc: Decimal | None = None

    @property
    def rai(self) -> Decimal:
        return Decimal(self.area_m2) / RAI_M2

    @property
    def variable(self) -> int:
        return self.variable_lines + self.working_interest

    @property
    def fixed(self) -> int:
        return self.fixed_lines + self.equipment_interest

    @property
    def total(self) -> int:
        return self.variable + self.fixed

    @property
    def non_cash(self) -> int:
        return self.total - self.cash

    @property
    def harvested(self) -> bool:
        return bool(self.yield_kg)

    @property
    def profit(self) -> int:
        return self.revenue - self.total


def months_between(planted, harvested) -> Decimal | None:
    """Cycle length in months (days × 12 ÷ 365, to 0.01) from two dates, or None."""
    if planted is None or harvested is None or harvested <= planted:
        return None
    return rnd2(Decimal((harvested - planted).days) * 12 / Decimal(365))


def div_round(n: int, d: int) -> int:
    """n ÷ d rounded half away from zero, in integers (the same as Decimal ROUND_HALF_UP)."""
    if d < 0:
        n, d = -n, -d
    q = (2 * abs(n) + d) // (2 * d)
    return q if n >= 0 else -q


@functools.lru_cache(maxsize=4096)
def _dec_ratio(x: Decimal) -> tuple[int, int]:
    return x.as_integer_ratio()


def ratio(x) -> tuple[int, int]:
    """x as an exact fraction (n, d); floats are read through their shortest text."""
    if isinstance(x, int):
        return x, 1
    if isinstance(x, float):
        if x.is_integer():
            return int(x), 1
        return _float_ratio(x)
    return _dec_ratio(x)


@functools.lru_cache(maxsize=4096)
def _float_ratio(x: float) -> tuple[int, int]:
    return Decimal(str(x)).as_integer_ratio()


def _cents(n: int, d: int) -> Decimal:
    """n ÷ d to 0.01 (half up) as a Decimal."""
    return Decimal(div_round(n * 100, d)).scaleb(-2)


def compute(cycle: CycleInput, lines, rate) -> Figures:
    """Every derived figure of one cycle; `rate` is the annual interest rate in percent.

    Integer arithmetic throughout (rate, months, quantities and yield as exact fractions),
    so a district of 30,000 cycles is summed in well under a second."""
    struct = dict.fromkeys(STRUCTURE_ORDER, 0)
    eq_interest = variable = fixed = cash = 0
    for ln in lines:
        if is_fixed(ln.kind):
            fixed += ln.amount
        else:
            variable += ln.amount
        if ln.cash:
            cash += ln.amount
        struct[STRUCTURE.get(ln.kind, "other")] += ln.amount
        if ln.kind == "depreciation" and ln.equipment_value:
            eq_interest += equipment_interest(ln.equipment_value, ln.quantity, rate)
    return from_sums(cycle, variable, fixed, cash, struct, eq_interest, rate)


def equipment_interest(value: int, quantity, rate) -> int:
    """Interest on the money tied up in equipment: average value × rate × share of a year."""
    rn, rd = ratio(rate)
    if not rn:
        return 0
    qn, qd = ratio(quantity)
    return div_round(value * rn * qn, rd * 100 * qd)


def _as_dec(x) -> Decimal | None:
    if x is None or isinstance(x, Decimal):
        return x
    if isinstance(x, int) or (isinstance(x, float) and x.is_integer()):
        return Decimal(int(x))
    return Decimal(str(x))


def from_sums(
    cycle: CycleInput, variable: int, fixed: int, cash: int, struct: dict, eq_interest: int, rate
) -> Figures:
    """The figures from a cycle's line sums (variable and fixed without imputed interest,
    cash, sums by structure group) and its imputed equipment interest."""
    rn, rd = ratio(rate)
    area, price = cycle.area_m2, cycle.price
    y = cycle.yield_kg or None
    f = Figures(
        area, _as_dec(y), price, rate if isinstance(rate, Decimal) else dec(rate), cycle.months
    )
    f.variable_lines, f.fixed_lines, f.cash = variable, fixed, cash
    wi = 0
    if rn:
        mn, md = ratio(cycle.months)
        wi = div_round(variable * rn * mn, rd * 1200 * md)
    f.working_interest, f.equipment_interest = wi, eq_interest
    st = dict.fromkeys(STRUCTURE_ORDER, 0)
    st.update(struct)
    st["interest"] = wi + eq_interest
    f.structure = st
    var = variable + wi
    total = var + fixed + eq_interest
    if y:
        yn, yd = ratio(y)
        revenue = f.revenue = div_round(yn * price, yd)
    else:
        revenue = 0
    reasons = f.reasons
    if area <= 0:
        reasons["area"] = _("No planted area: figures per rai cannot be computed.")
    else:
        a2 = 2 * area
        k = 2 * RAI_M2

        def per_rai(x: int) -> int:  # div_round(x * RAI_M2, area), inlined
            return (k * x + area) // a2 if x >= 0 else -((-k * x + area) // a2)

        f.total_per_rai = per_rai(total)
        f.variable_per_rai = per_rai(var)
        f.fixed_per_rai = per_rai(total - var)
        f.cash_per_rai = per_rai(cash)
        f.revenue_per_rai = per_rai(revenue)
        f.profit_cash_per_rai = per_rai(revenue - cash)
        f.profit_variable_per_rai = per_rai(revenue - var)
        f.profit_total_per_rai = per_rai(revenue - total)
        if y:
            f.yield_per_rai = _cents(yn * RAI_M2, yd * area)
        if price > 0:
            f.breakeven_yield = _cents(total * RAI_M2, area * price)
        else:
            reasons["breakeven_yield"] = _(
                "No farm-gate price: the break-even yield is not defined."
            )
    if y:
        f.cost_per_kg = f.breakeven_price = div_round(total * yd, yn)
    else:
        reasons["cost_per_kg"] = reasons["breakeven_price"] = _(
            "No harvest: cost per kg and break-even price are not defined."
        )
    if total > 0:
        f.bc = _cents(revenue, total)
    else:
        reasons["bc"] = _("No cost keyed: the benefit/cost ratio is not defined.")
    return f


@dataclass(frozen=True)
class Comparison:
    reference: ReferenceFigure
    total_diff: int  # satang per rai, + above the reference
    total_pct: Decimal | None  # percent of the reference
    cost_per_kg_diff: int | None

    def sentence(self) -> str:
        ref = self.reference
        if self.total_diff == 0:
            where = _("equal to")
        elif self.total_diff > 0:
            where = _("above")
        else:
            where = _("below")

        pct = f" ({abs(self.total_pct)}%)" if self.total_pct is not None else ""
        year = f" {ref.year}" if ref.year else ""
        return _(
            "Total cost per rai is {where} the published figure for {label}{year} "
            "({ref} baht/rai) by {diff} baht{pct}."
        ).format(
            where=where,
            label=ref.label,
            year=year,
            ref=format_baht(ref.total_per_rai),
            diff=format_baht(abs(self.total_diff)),
            pct=pct,
        )


def compare(fig: Figures, ref: ReferenceFigure | None) -> Comparison | None:
    """How the cycle's cost per rai stands against the published figure."""
    if ref is None or ref.total_per_rai is None or fig.total_per_rai is None:
        return None
    diff = fig.total_per_rai - ref.total_per_rai
    pct = rnd2(Decimal(diff) * 100 / ref.total_per_rai) if ref.total_per_rai else None
    per_kg = (
        fig.cost_per_kg - ref.cost_per_kg
        if fig.cost_per_kg is not None and ref.cost_per_kg is not None
        else None
    )
    return Comparison(ref, diff, pct, per_kg)


class Totals:
    """Running sums over many cycles (a crop over a district): what `combine` divides."""

    __slots__ = (
        "area_m2",
        "yield_int",
        "yield_dec",
        "variable_lines",
        "working_interest",
        "fixed_lines",
        "equipment_interest",
        "cash",
        "revenue",
        "structure",
    )

    def __init__(self):
        self.area_m2 = self.yield_int = 0
        self.yield_dec = Decimal(0)
        self.variable_lines = self.working_interest = self.fixed_lines = 0
        self.equipment_interest = self.cash = self.revenue = 0
        self.structure = dict.fromkeys(STRUCTURE_ORDER, 0)

    def add(self, area_m2, yield_kg, variable, wi, fixed, eq, cash, revenue, structure):
        self.area_m2 += area_m2
        if yield_kg:
            if isinstance(yield_kg, int) or (isinstance(yield_kg, float) and yield_kg.is_integer()):
                self.yield_int += int(yield_kg)
            else:
                self.yield_dec += _as_dec(yield_kg)
        self.variable_lines += variable
        self.working_interest += wi
        self.fixed_lines += fixed
        self.equipment_interest += eq
        self.cash += cash
        self.revenue += revenue
        st = self.structure
        for k, v in structure.items():
            st[k] += v

    def add_sums(self, area_m2, yield_kg, variable, wi, fixed, eq, cash, revenue, sums):
        """Like `add`, with the structure as summary.SUM_GROUPS sums from sums[3:]."""
        self.add(area_m2, yield_kg, variable, wi, fixed, eq, cash, revenue, {})
        st = self.structure
        for g, v in zip(STRUCTURE_ORDER_NO_INTEREST, sums[3:], strict=True):
            st[g] += v

    def add_figures(self, f: Figures) -> None:
        self.add(
            f.area_m2,
            f.yield_kg,
            f.variable_lines,
            f.working_interest,
            f.fixed_lines,
            f.equipment_interest,
            f.cash,
            f.revenue,
            f.structure,
        )

    def figures(self, rate) -> Figures:
        """One figure of the sums: per rai and per kg of the totals."""
        y = self.yield_dec + self.yield_int
        out = Figures(self.area_m2, y or None, 0, dec(rate), Decimal(0))
        for k in (
            "variable_lines",
            "working_interest",
            "fixed_lines",
            "equipment_interest",
            "cash",
            "revenue",
        ):
            setattr(out, k, getattr(self, k))
        out.structure = dict(self.structure)
        out.structure["interest"] = out.working_interest + out.equipment_interest
        area = out.rai
        if area > 0:

            def per_rai(x: int) -> int:
                return rnd(Decimal(x) / area)

            out.total_per_rai = per_rai(out.total)
            out.variable_per_rai = per_rai(out.variable)
            out.fixed_per_rai = per_rai(out.fixed)
            out.cash_per_rai = per_rai(out.cash)
            out.revenue_per_rai = per_rai(out.revenue)
            out.profit_cash_per_rai = per_rai(out.revenue - out.cash)
            out.profit_variable_per_rai = per_rai(out.revenue - out.variable)
            out.profit_total_per_rai = per_rai(out.revenue - out.total)
            if y:
                out.yield_per_rai = rnd2(y / area)
        if y:
            out.cost_per_kg = out.breakeven_price = rnd(Decimal(out.total) / y)
            out.price = rnd(Decimal(out.revenue) / y)
            if out.price > 0 and area > 0:
                out.breakeven_yield = rnd2(Decimal(out.total) / area / out.price)
        else:
            out.reasons["cost_per_kg"] = _(
                "No harvest: cost per kg and break-even price are not defined."
            )
        if out.total > 0:
            out.bc = rnd2(Decimal(out.revenue) / out.total)
        return out


def working_interest(variable: int, months, rate) -> int:
    """Interest on working capital: variable cost × rate × months ÷ 12 (satang, half up)."""
    rn, rd = ratio(rate)
    if not rn:
        return 0
    mn, md = ratio(months)
    return div_round(variable * rn * mn, rd * 1200 * md)


def revenue_of(yield_kg, price: int) -> int:
    if not yield_kg:
        return 0
    yn, yd = ratio(yield_kg)
    return div_round(yn * price, yd)


def combine(figs: list[Figures], rate) -> Figures:
    """One figure over many cycles of a crop (sums, then per rai and per kg of the sums)."""
    t = Totals()
    for f in figs:
        t.add_figures(f)
    return t.figures(rate)
