"""The monthly balance read from the database: inputs per village, what-if, the money side.

The arithmetic is the pure `balance.py`; this module turns stored records into its inputs.
"""

from __future__ import annotations

import datetime as _dt

from peewee import fn

from .. import accounts, registry
from ..core.i18n import _
from ..db.models import CropArea, Livestock, Rainfall, Village, WaterSource, WaterVillage
from ..thai import be_year, ce_year, month_range
from .balance import (
    BalanceInputs,
    CropInput,
    LivestockInput,
    SourceInput,
    compute_balance,
    sum_balances,
    water_year_months,
)
from .coefficients import coefficient, reference
from .demand import registry_population
from .rainfall import rainfall_years
from .sources import _month_set, parse_months, storage_m3

# --- balance inputs from the database ---------------------------------------------------


def water_year_start(ref=None) -> int:
    return int(coefficient(ref or reference(), "water_year_start"))


def _source_input(s, ref) -> SourceInput:
    return SourceInput(
        name=s.name,
        storage_m3=storage_m3(s) or 0.0,
        yield_m3_h=s.yield_m3_h or 0.0,
        pump_hours=s.pump_hours or coefficient(ref, "pump_hours"),
        usable_share=s.usable_share if s.usable_share is not None else 1.0,
        dry_months=_month_set(s.dry_months or ""),
        catchment_m2=s.catchment_m2 or 0.0,
        runoff_coef=s.runoff_coef or 0.0,
        key=s.id,
    )


def new_source_input(
    name: str,
    *,
    storage_m3=0.0,
    yield_m3_h=0.0,
    usable_share=1.0,
    dry_months=(),
    catchment_m2=0.0,
    runoff_coef=0.0,
    pump_hours=None,
    ref=None,
) -> SourceInput:
    """A what-if source (not saved) with the same defaults as a saved one."""
    ref = ref or reference()
    return SourceInput(
        name=name,
        storage_m3=float(storage_m3),
        yield_m3_h=float(yield_m3_h),
        pump_hours=pump_hours or coefficient(ref, "pump_hours"),
        usable_share=float(usable_share),
        dry_months=frozenset(parse_months(dry_months)),
        catchment_m2=float(catchment_m2),
        runoff_coef=float(runoff_coef),
    )


def _rains(tambon_ids, months) -> dict:
    """{tambon_id: (rain per month, months without a figure)} in one query; the newest
    figure wins when two PCs entered the same month (ordered by `updated_at`)."""
    years = sorted({y for y, _m in months})
    got: dict = {t: {} for t in tambon_ids}
    R = Rainfall
    for tid, year, month, mm in (
        R.select(R.tambon, R.year, R.month, R.mm)
        .where(R.deleted_at.is_null() & R.tambon.in_(list(got)) & R.year.in_(years))
        .order_by(R.updated_at)
        .tuples()
    ):
        got[tid][(year, month)] = mm
    return {
        t: (tuple(g.get(ym, 0.0) for ym in months), tuple(ym for ym in months if ym not in g))
        for t, g in got.items()
    }


def _inputs_for(villages, year_be: int, ref) -> dict:
    """BalanceInputs per village id, for every village in `villages` (few queries)."""

    if not villages:
        return {}
    ids = [v.id for v in villages]
    months = water_year_months(ce_year(year_be), water_year_start(ref))
    registry = registry_population(ids)
    overrides = {
        r.village_id: r.population
        for r in WaterVillage.alive().where(WaterVillage.village.in_(ids))
        if r.population is not None
    }
    srcs, herd, fields = {}, {}, {}
    # plain tuples, not model instances: 5,000 crop rows per tambon (benchmarks/water.py)
    W = WaterSource
    for row in (
        W.select(
            W.village,
            W.id,
            W.name,
            W.capacity_m3,
            W.area_m2,
            W.depth_m,
            W.yield_m3_h,
            W.pump_hours,
            W.usable_share,
            W.dry_months,
            W.catchment_m2,
            W.runoff_coef,
        )
        .where(W.deleted_at.is_null() & W.village.in_(ids) & (W.condition != "broken"))
        .namedtuples()
    ):
        srcs.setdefault(row.village, []).append(_source_input(row, ref))
    for a in Livestock.alive().where(Livestock.village.in_(ids)):
        lpd = ref.get("livestock." + a.kind)
        if lpd is not None:
            herd.setdefault(a.village_id, []).append(LivestockInput(a.kind, a.head, lpd.value))
    per_month = {}
    # summed in SQL by (village, crop, months): the demand is linear in the area
    for vid, crop, in_field, area in (
        CropArea.select(CropArea.village, CropArea.crop, CropArea.months, fn.SUM(CropArea.area_rai))
        .where(CropArea.deleted_at.is_null() & CropArea.village.in_(ids))
        .group_by(CropArea.village, CropArea.crop, CropArea.months)
        .tuples()
    ):
        if crop not in per_month:
            season, n = ref.get("crop." + crop), ref.get("crop_months." + crop)
            per_month[crop] = (
                None if season is None else season.value / (n.value if n and n.value else 1.0)
            )
        if per_month[crop] is None:
            continue
        fields.setdefault(vid, []).append(
            CropInput(crop, area, _month_set(in_field), per_month[crop])
        )
    out = {}
    tambon_of = {
        v.id: v.tambon_id
        for v in Village.select(Village.id, Village.tambon).where(Village.id.in_(ids))
    }
    rains = _rains(set(tambon_of.values()), months)
    for v in villages:
        rain, missing = rains[tambon_of[v.id]]
        out[v.id] = BalanceInputs(
            months=months,
            rain_mm=rain,
            population=overrides.get(v.id, registry.get(v.id, 0)),
            domestic_lpd=coefficient(ref, "domestic_lpd"),
            livestock=tuple(herd.get(v.id, ())),
            crops=tuple(fields.get(v.id, ())),
            sources=tuple(srcs.get(v.id, ())),
            start_fill=coefficient(ref, "start_fill"),
            missing_rain=missing,
            label=_("Moo {moo} {name}").format(moo=v.moo, name=v.name),
        )
    return out


def inputs_by_village(tambon, year_be: int) -> dict:
    """{village_id: BalanceInputs} of every village of the tambon (the base of a what-if)."""
    return _inputs_for(registry.villages(tambon), year_be, reference())


def what_if_balance(base: dict, ponds=(), crop_areas=(), only=None):
    """(Balance, {village_id: Balance}) of `base` inputs with unsaved changes applied:
    `ponds` [(village_id, SourceInput)], `crop_areas` [(village_id, crop, total rai)].
    `only` restricts to one village id; otherwise the tambon sum. Nothing is saved."""
    per = {}
    for vid, inp in base.items():
        if only is not None and vid != only:
            continue
        for pv, src in ponds:
            if pv == vid:
                inp = inp.with_source(src)
        for cv, crop, rai in crop_areas:
            if cv == vid and any(c.crop == crop for c in inp.crops):
                inp = inp.with_crop_area(crop, rai)
        per[vid] = compute_balance(inp)
    if only is not None:
        return per[only], per
    return sum_balances(list(per.values())), per


def village_inputs(village, year_be: int) -> BalanceInputs:
    return _inputs_for([village], year_be, reference())[village.id]


def village_balance(village, year_be: int):
    return compute_balance(village_inputs(village, year_be))


def tambon_balance(tambon, year_be: int):
    """(tambon Balance, {village_id: Balance}) for a water year (BE year it starts in)."""
    vs = registry.villages(tambon)
    inputs = _inputs_for(vs, year_be, reference())
    per = {vid: compute_balance(inp) for vid, inp in inputs.items()}
    return sum_balances([per[v.id] for v in vs]), per


def tambons_balance(tambons, year_be: int) -> dict:
    """{tambon_id: (tambon Balance, {village_id: Balance})} for many tambons at once: the
    same figures as `tambon_balance` for each, read in a few queries over all of them (the
    province dashboard's water-deficit months for 165 tambons)."""
    ids = [getattr(t, "id", t) for t in tambons]
    vs = registry.villages_of_tambons(ids)
    inputs = _inputs_for(vs, year_be, reference())
    per_tambon: dict = {t: {} for t in ids}
    for v in vs:  # villages in the order `tambon_balance` sums them
        per_tambon[v.tambon_id][v.id] = compute_balance(inputs[v.id])
    return {t: (sum_balances(list(per.values())), per) for t, per in per_tambon.items()}


def default_year(tambon) -> int:
    """The BE water year to show first: the latest with rainfall, else this year."""
    years = rainfall_years(tambon) if tambon is not None else []
    return be_year(years[0]) if years else be_year(_dt.date.today().year)


# --- the money side (account books) -----------------------------------------------------

MONEY_CODES = ("water_fee", "pump_fuel")


def water_money(village_ids, months) -> list[dict]:
    """Water fees and pumping fuel households wrote in their account books, by month of the
    water year, summed over `village_ids`: [{"year", "month", "water_fee", "pump_fuel"}] in
    satang. Only households that keep an account book are counted."""
    if not months:
        return []
    start = month_range(*months[0])[0]
    end = month_range(*months[-1])[1]
    ids = list(village_ids)
    per_code = {code: accounts.money_by_category([code], ids, start, end) for code in MONEY_CODES}
    rows = []
    for y, m in months:
        key = f"{y:04d}-{m:02d}"
        row = {"year": y, "month": m}
        for code in MONEY_CODES:
            row[code] = sum(int(by_month.get(key, 0)) for by_month in per_code[code].values())
        rows.append(row)
    return rows
