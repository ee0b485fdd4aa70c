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

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..core.i18n import _
from .reference import ReferenceFigure, is_fixed

RAI_M2 = 1600
_ONE = Decimal(1)
_CENT = Decimal("0.01")

# cost-structure groups (chart and report columns) of the line kinds
STRUCTURE = {"labour": "labour", "machinery": "machinery", "seed": "materials",
             "fertiliser": "materials", "organic": "materials", "herbicide": "materials",
             "pesticide": "materials", "fuel": "materials", "water": "water",
             "other_variable": "other", "land": "land", "land_tax": "land",
             "depreciation": "equipment", "other_fixed": "other"}
STRUCTURE_ORDER = ("labour", "machinery", "materials", "water", "interest", "land",
                   "equipment", "other")


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
    yield_kg: Decimal | None       # None or 0: no harvest
    price: int                     # satang per kg at the farm gate
    months: Decimal                # cycle length for working-capital interest


@dataclass(frozen=True)
class LineInput:
    kind: str
    amount: int                    # satang
    cash: bool
    quantity: Decimal = _ONE
    equipment_value: int | None = None   # (cost + salvage) ÷ 2 of the line's equipment
    family: bool = False


@dataclass
class Figures:
    rai: Decimal
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
    breakeven_yield: Decimal | None = None      # kg per rai
    yield_per_rai: Decimal | None = None
    bc: Decimal | None = None

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


def compute(cycle: CycleInput, lines, rate) -> Figures:
    """Every derived figure of one cycle; `rate` is the annual interest rate in percent."""
    rate = dec(rate)
    r = rate / 100
    area = Decimal(cycle.area_m2)
    y = dec(cycle.yield_kg) if cycle.yield_kg else None
    f = Figures(rai=area / RAI_M2, yield_kg=y, price=cycle.price, rate=rate,
                months=dec(cycle.months))
    struct = dict.fromkeys(STRUCTURE_ORDER, 0)
    eq_interest = 0
    for ln in lines:
        if is_fixed(ln.kind):
            f.fixed_lines += ln.amount
        else:
            f.variable_lines += ln.amount
        if ln.cash:
            f.cash += ln.amount
        struct[STRUCTURE.get(ln.kind, "other")] += ln.amount
        if ln.kind == "depreciation" and ln.equipment_value and r:
            eq_interest += rnd(Decimal(ln.equipment_value) * r * dec(ln.quantity))
    f.working_interest = rnd(Decimal(f.variable_lines) * r * f.months / 12) if r else 0
    f.equipment_interest = eq_interest
    struct["interest"] = f.working_interest + f.equipment_interest
    f.structure = struct
    f.revenue = rnd(y * cycle.price) if y else 0
    if area <= 0:
        f.reasons["area"] = _("No planted area: figures per rai cannot be computed.")
    else:
        def per_rai(x: int) -> int:
            return rnd(Decimal(x) * RAI_M2 / area)
        f.total_per_rai = per_rai(f.total)
        f.variable_per_rai = per_rai(f.variable)
        f.fixed_per_rai = per_rai(f.fixed)
        f.cash_per_rai = per_rai(f.cash)
        f.revenue_per_rai = per_rai(f.revenue)
        f.profit_cash_per_rai = per_rai(f.revenue - f.cash)
        f.profit_variable_per_rai = per_rai(f.revenue - f.variable)
        f.profit_total_per_rai = per_rai(f.revenue - f.total)
        if y:
            f.yield_per_rai = rnd2(y * RAI_M2 / area)
        if cycle.price > 0:
            f.breakeven_yield = rnd2(Decimal(f.total) * RAI_M2 / area / cycle.price)
        else:
            f.reasons["breakeven_yield"] = _("No farm-gate price: the break-even yield is "
                                             "not defined.")
    if y:
        f.cost_per_kg = f.breakeven_price = rnd(Decimal(f.total) / y)
    else:
        why = _("No harvest: cost per kg and break-even price are not defined.")
        f.reasons["cost_per_kg"] = f.reasons["breakeven_price"] = why
    if f.total > 0:
        f.bc = rnd2(Decimal(f.revenue) / f.total)
    else:
        f.reasons["bc"] = _("No cost keyed: the benefit/cost ratio is not defined.")
    return f


@dataclass(frozen=True)
class Comparison:
    reference: ReferenceFigure
    total_diff: int               # satang per rai, + above the reference
    total_pct: Decimal | None     # percent of the reference
    cost_per_kg_diff: int | None

    def sentence(self) -> str:
        ref = self.reference
        if self.total_diff == 0:
            where = _("equal to")
        elif self.total_diff > 0:
            where = _("above")
        else:
            where = _("below")
        from ..thai import format_baht

        pct = f" ({abs(self.total_pct)}%)" if self.total_pct is not None else ""
        year = f" {ref.year}" if ref.year else ""
        return _("Total cost per rai is {where} the OAE figure for {label}{year} "
                 "({ref} baht/rai) by {diff} baht{pct}.").format(
            where=where, label=ref.label, year=year, ref=format_baht(ref.total_per_rai),
            diff=format_baht(abs(self.total_diff)), pct=pct)


def compare(fig: Figures, ref: ReferenceFigure | None) -> Comparison | None:
    """How the cycle's cost per rai stands against the published figure."""
    if ref is None or ref.total_per_rai is None or fig.total_per_rai is None:
        return None
    diff = fig.total_per_rai - ref.total_per_rai
    pct = rnd2(Decimal(diff) * 100 / ref.total_per_rai) if ref.total_per_rai else None
    per_kg = (fig.cost_per_kg - ref.cost_per_kg
              if fig.cost_per_kg is not None and ref.cost_per_kg is not None else None)
    return Comparison(ref, diff, pct, per_kg)


def combine(figs: list[Figures], rate) -> Figures:
    """One figure over many cycles of a crop (sums, then per rai and per kg of the sums)."""
    rate = dec(rate)
    area = sum((f.rai for f in figs), Decimal(0))
    y = sum((f.yield_kg or Decimal(0) for f in figs), Decimal(0))
    out = Figures(rai=area, yield_kg=y or None, price=0, rate=rate, months=Decimal(0))
    out.structure = dict.fromkeys(STRUCTURE_ORDER, 0)
    for f in figs:
        out.variable_lines += f.variable_lines
        out.working_interest += f.working_interest
        out.fixed_lines += f.fixed_lines
        out.equipment_interest += f.equipment_interest
        out.cash += f.cash
        out.revenue += f.revenue
        for k, v in f.structure.items():
            out.structure[k] += v
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
        out.reasons["cost_per_kg"] = _("No harvest: cost per kg and break-even price are "
                                       "not defined.")
    if out.total > 0:
        out.bc = rnd2(Decimal(out.revenue) / out.total)
    return out
