"""Crop cycles (รอบการผลิต) and their cost lines: audited writes and the proposals the
OAE method makes (owner's land use, rent of a rented plot, the family wage, depreciation).

A line's amount is quantity × unit price (half up to the satang), and the typed unit price
always wins: the wage setting and an equipment's depreciation are only the prices offered.
The owner's land use is proposed once, when the cycle is created; it is then a line like any
other (deleted or changed by the clerk), never imputed again.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from ..core.errors import NotFound, ValidationError
from ..core.i18n import _
from ..core.records import save_record, tombstone_record, transaction
from ..db.models import CostLine, CropCycle, Plot
from ..thai import be_year, normalize_space
from .figures import RAI_M2, CycleInput, LineInput, compute, dec, months_between, rnd
from .plots import annual_depreciation, area_m2, equipment_value
from .reference import COST_KINDS, SEASONS, age_class_for, reference_for, settings
from .water_areas import sync_water_crop_areas, uses_plots

DEFAULT_MONTHS = Decimal(4)  # an annual crop with neither dates nor length
PERENNIAL_MONTHS = Decimal(12)


def cycles_of(plot, deleted: bool = False) -> list:
    return list(
        CropCycle.select()
        .where((CropCycle.plot == plot) & CropCycle.deleted_at.is_null(not deleted))
        .order_by(CropCycle.year.desc(), CropCycle.season, CropCycle.id)
    )


def cycles_of_household(household) -> list:
    return list(
        CropCycle.alive()
        .join(Plot)
        .where((Plot.household == household) & Plot.deleted_at.is_null())
        .order_by(CropCycle.year.desc(), Plot.name, CropCycle.id)
    )


def get_cycle(cycle_id: str):
    c = CropCycle.get_or_none(CropCycle.id == cycle_id)
    if c is None:
        raise NotFound(_("This crop cycle no longer exists."))
    return c


def cycle_months(cycle) -> Decimal:
    if cycle.months:
        return dec(cycle.months)
    m = months_between(cycle.planted_on, cycle.harvested_on)
    if m:
        return m
    return PERENNIAL_MONTHS if cycle.crop.perennial else DEFAULT_MONTHS


def _number(values, key, errors, *, positive=False):
    v = values.get(key)
    if v in (None, ""):
        return None
    try:
        d = float(v)
    except (TypeError, ValueError):
        errors[key] = _("Enter a number.")
        return None
    if d < 0 or (positive and d == 0):
        errors[key] = (
            _("The number must be more than zero.")
            if positive
            else _("The number must not be negative.")
        )
    return d


def save_cycle(
    ctx, plot, values: dict, record=None, *, expected_updated_at=None, propose_land: bool = True
):
    """Create or change a cycle. `values`: crop, season, year (CE), area (rai-ngan-wa or m²;
    default the plot's), planted_on, harvested_on, months, planting_year, yield_kg, price
    (satang/kg), sold_kg, kept_kg, note. A new cycle gets the land line proposed."""
    old = record.__data__ if record else {}
    errors = {}
    crop = values.get("crop", record.crop if record else None)
    if crop is None:
        errors["crop"] = _("Choose the crop.")
    season = values.get("season", old.get("season", "main"))
    if season not in SEASONS:
        errors["season"] = _("Choose the season.")
    year = values.get("year", old.get("year"))
    if not isinstance(year, int) or not (1950 <= year <= 2200):
        errors["year"] = _("Enter the season year (B.E.).")
    m2 = old.get("area_m2") or plot.area_m2
    if values.get("area") not in (None, ""):
        try:
            m2 = area_m2(values["area"])
        except ValueError as exc:
            errors["area"] = str(exc)
    if m2 is not None and m2 <= 0:
        errors["area"] = _("The area must be more than zero.")
    planted = values.get("planted_on", record.planted_on if record else None)
    harvested = values.get("harvested_on", record.harvested_on if record else None)
    if planted and harvested and harvested < planted:
        errors["harvested_on"] = _("The harvest is before the planting.")
    nums = {}
    for key in ("months", "yield_kg", "sold_kg", "kept_kg"):
        nums[key] = (
            _number(values, key, errors, positive=key == "months")
            if key in values
            else old.get(key)
        )
    price = values.get("price", old.get("price", 0)) or 0
    if not isinstance(price, int) or price < 0:
        errors["price"] = _("Enter the farm-gate price (baht per kg).")
    if (
        nums["yield_kg"] is not None
        and nums["sold_kg"] is not None
        and nums["sold_kg"] > nums["yield_kg"]
    ):
        errors["sold_kg"] = _("More sold than harvested.")
    py = values.get("planting_year", old.get("planting_year"))
    if py is not None and (not isinstance(py, int) or (isinstance(year, int) and py > year)):
        errors["planting_year"] = _("The year of planting is after the season.")
    if errors:
        raise ValidationError(errors)
    data = {
        "plot": plot,
        "crop": crop,
        "season": season,
        "year": year,
        "area_m2": m2,
        "planted_on": planted,
        "harvested_on": harvested,
        "price": price,
        "planting_year": py,
        "note": normalize_space(values.get("note", old.get("note", ""))),
        **nums,
    }
    with transaction(ctx):
        cycle = save_record(
            ctx, CropCycle, data, record=record, expected_updated_at=expected_updated_at
        )
        if record is None and propose_land:
            propose_land_line(ctx, cycle)
        _water_follows(ctx, plot)
    return cycle


def _water_follows(ctx, plot) -> None:
    """A village whose water account takes its crop areas from plots sees the change."""
    village = plot.household.village
    if uses_plots(village):
        sync_water_crop_areas(ctx, village)


def propose_land_line(ctx, cycle):
    """The land line of a new cycle: rent (share of the plot's area) for a rented plot, the
    owner's land use from the per-rai setting (non-cash) for an owned one; none when free."""
    plot = cycle.plot
    if plot.tenure == "rented" and plot.rent_satang:
        amount = rnd(Decimal(plot.rent_satang) * cycle.area_m2 / plot.area_m2)
        return add_line(
            ctx, cycle, "land", item=_("Land rent"), quantity=1, unit_price=amount, cash=True
        )
    if plot.tenure == "owned":
        per_rai = settings().land_use_per_rai
        if per_rai:
            rai = Decimal(cycle.area_m2) / RAI_M2
            return add_line(
                ctx,
                cycle,
                "land",
                item=_("Own land use (opportunity cost)"),
                quantity=rai.quantize(Decimal("0.0001")),
                unit=_("rai"),
                unit_price=per_rai,
                cash=False,
            )
    return None


def delete_cycle(ctx, cycle):
    """The cycle and its lines go to the recycle bin together."""
    with transaction(ctx):
        for ln in CostLine.alive().where(CostLine.cycle == cycle):
            tombstone_record(ctx, ln)
        done = tombstone_record(ctx, cycle)
        _water_follows(ctx, cycle.plot)
        return done


# --- cost lines ------------------------------------------------------------------------------


def lines_of(cycle) -> list:
    return list(
        CostLine.alive()
        .where(CostLine.cycle == cycle)
        .order_by(CostLine.order, CostLine.created_at, CostLine.id)
    )


def offered_price(kind: str, *, family: bool = False, equipment=None) -> int | None:
    """The unit price offered when a line is keyed (the clerk's typing wins)."""
    if kind == "labour" and family:
        return settings().wage
    if kind == "depreciation" and equipment is not None:
        return annual_depreciation(equipment)
    return None


def line_amount(quantity, unit_price: int) -> int:
    return rnd(dec(quantity) * unit_price)


def _check_line(kind, quantity, unit_price, errors):
    if kind not in COST_KINDS:
        errors["kind"] = _("Choose the kind of cost.")
    try:
        q = dec(quantity)
        if q <= 0:
            errors["quantity"] = _("The quantity must be more than zero.")
    except (ArithmeticError, ValueError, TypeError):
        errors["quantity"] = _("Enter a number.")
    if isinstance(unit_price, bool) or not isinstance(unit_price, int) or unit_price < 0:
        errors["unit_price"] = _("Enter the unit price.")


def add_line(
    ctx,
    cycle,
    kind: str,
    *,
    activity: str = "",
    item: str = "",
    quantity=1,
    unit: str = "",
    unit_price: int | None = None,
    cash: bool | None = None,
    family: bool = False,
    equipment=None,
    ledger_entry=None,
    note: str = "",
):
    """Save a cost line. Without a unit price the offered one is used; family labour and
    depreciation default to non-cash."""
    if unit_price is None:
        unit_price = offered_price(kind, family=family, equipment=equipment)
    errors = {}
    _check_line(kind, quantity, unit_price, errors)
    if ledger_entry is not None and ledger_entry.household_id != cycle.plot.household_id:
        # an enterprise's line, or another household's, is never a cost of this cycle
        errors["ledger_entry"] = _("Only a line of this household's own book can be pulled.")
    if errors:
        raise ValidationError(errors)
    if cash is None:
        cash = not (family or kind == "depreciation")
    order = (CostLine.select().where(CostLine.cycle == cycle).count() + 1) * 10
    return save_record(
        ctx,
        CostLine,
        {
            "cycle": cycle,
            "kind": kind,
            "activity": activity or "",
            "item": normalize_space(item),
            "family": bool(family),
            "quantity": float(quantity),
            "unit": normalize_space(unit),
            "unit_price": unit_price,
            "amount": line_amount(quantity, unit_price),
            "cash": bool(cash),
            "equipment": equipment,
            "ledger_entry": ledger_entry,
            "order": order,
            "note": normalize_space(note),
        },
    )


def edit_line(ctx, line, *, expected_updated_at=None, **values):
    """Change a line's fields; the amount follows quantity × unit price."""
    kind = values.get("kind", line.kind)
    quantity = values.get("quantity", line.quantity)
    unit_price = values.get("unit_price", line.unit_price)
    errors = {}
    _check_line(kind, quantity, unit_price, errors)
    if errors:
        raise ValidationError(errors)
    data = {
        k: v
        for k, v in values.items()
        if k in ("kind", "activity", "item", "family", "unit", "cash", "equipment", "note")
    }
    data.update(
        kind=kind,
        quantity=float(quantity),
        unit_price=unit_price,
        amount=line_amount(quantity, unit_price),
    )
    return save_record(ctx, CostLine, data, record=line, expected_updated_at=expected_updated_at)


def delete_line(ctx, line):
    return tombstone_record(ctx, line)


# --- figures of stored cycles -----------------------------------------------------------------


def line_inputs(lines) -> list[LineInput]:
    out = []
    for ln in lines:
        eq = ln.equipment if ln.equipment_id else None
        out.append(
            LineInput(
                ln.kind,
                ln.amount,
                ln.cash,
                dec(ln.quantity),
                equipment_value(eq) if eq is not None else None,
                ln.family,
            )
        )
    return out


def cycle_input(cycle) -> CycleInput:
    return CycleInput(
        cycle.area_m2,
        dec(cycle.yield_kg) if cycle.yield_kg else None,
        cycle.price,
        cycle_months(cycle),
    )


def cycle_figures(cycle, rate=None):
    """The derived figures of a stored cycle under the current (or given) interest rate."""
    rate = settings().rate if rate is None else rate
    return compute(cycle_input(cycle), line_inputs(lines_of(cycle)), rate)


def age_years(cycle) -> int | None:
    """Age of a perennial in the season (years since planting), or None."""
    return cycle.year - cycle.planting_year if cycle.planting_year else None


def age_class_of(cycle):
    """The perennial's age class in the season (resources/farming/age_classes.csv), or None
    (an annual crop, no planting year, or no sourced class for the crop)."""
    if not cycle.crop.perennial:
        return None
    return age_class_for(cycle.crop.code, age_years(cycle))


def cycle_reference(cycle):
    """The published figure this cycle is compared with: its crop, the nearest year, and
    its age class where the figure is per age class (None: nothing comparable)."""
    cls = age_class_of(cycle)
    return reference_for(cycle.crop.code, be_year(cycle.year), cls.code if cls else None)


def today() -> _dt.date:
    return _dt.date.today()
