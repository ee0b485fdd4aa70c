"""Water accounts (บัญชีน้ำ): sources, rainfall, demand inputs, and the inputs of the
monthly balance read from the database; the one service the views, reports and CLI call.

The arithmetic of the balance lives in `water_balance.py` as a pure function; this module
validates and saves what clerks enter (audited, role-checked through records.py) and turns
the stored records into `BalanceInputs`. Coefficients (`water_ref.py`, from
`resources/water/*.csv` with their sources, overridable per database) and agreements
(`water_agreements.py`) are re-exported here.
"""
from __future__ import annotations

import datetime as _dt
import functools

from .auth import require
from .errors import NotFound, ValidationError
from .i18n import _, N_
from .records import restore_record, save_record, tombstone_record, transaction
from .thai import be_year, ce_year, normalize_space
from .water_balance import (BalanceInputs, CropInput, LivestockInput, SourceInput,
                            compute_balance, sum_balances, water_year_months)
# Reference data and agreements live in their own modules, re-exported here so callers see
# one water service.
from .water_agreements import (AGREEMENT_STATUSES, AGREEMENT_TABLE, agreement_scans,  # noqa
                               agreements_of, attach_scan, delete_agreement, save_agreement,
                               validate_agreement)
from .water_ref import (EDITABLE, UNITS, Coefficient, coefficient, crops,  # noqa: F401
                        livestock_kinds, reference, reset_coefficient, set_coefficient,
                        shipped_reference)

KINDS = {"pond": N_("Pond"), "reservoir": N_("Reservoir"), "weir": N_("Weir"),
         "canal": N_("Canal"), "river": N_("River or stream"),
         "shallow_well": N_("Shallow well"), "deep_well": N_("Deep well"),
         "rain_tank": N_("Rain tank"), "piped": N_("Piped supply")}
CONDITIONS = {"good": N_("Good"), "fair": N_("Fair"), "poor": N_("Poor"),
              "broken": N_("Out of use")}


# --- small parsers ----------------------------------------------------------------------

def parse_months(value) -> tuple[int, ...]:
    """'3,4, 5' or [3, 4, 5] -> (3, 4, 5); ValueError for anything not a month 1-12."""
    if value is None or value == "":
        return ()
    items = value.replace(" ", "").split(",") if isinstance(value, str) else list(value)
    months = sorted({int(x) for x in items if str(x) != ""})
    if any(not 1 <= m <= 12 for m in months):
        raise ValueError(value)
    return tuple(months)


@functools.lru_cache(maxsize=512)
def _month_set(text: str) -> frozenset:
    return frozenset(parse_months(text))


def months_text(months) -> str:
    return ",".join(str(m) for m in parse_months(months))


def _number(values: dict, key: str, errors: dict, *, low=0.0, high=None, required=False):
    v = values.get(key)
    if v is None or v == "":
        if required:
            errors[key] = _("Enter a number.")
        return None
    try:
        v = float(str(v).replace(",", "")) if not isinstance(v, (int, float)) else float(v)
    except ValueError:
        errors[key] = _("Enter a number.")
        return None
    if v < low or (high is not None and v > high):
        errors[key] = (_("Enter a number from {low} to {high}.").format(low=low, high=high)
                       if high is not None else _("Enter a number of zero or more."))
        return None
    return v


# --- sources ----------------------------------------------------------------------------

def storage_m3(source) -> float | None:
    """Full storage of a source: the capacity if known, else area × depth; None for a
    source without storage (a well, a pump on a canal)."""
    if source.capacity_m3:
        return float(source.capacity_m3)
    if source.area_m2 and source.depth_m:
        return float(source.area_m2) * float(source.depth_m)
    return None


def usable_storage_m3(source) -> float:
    return (storage_m3(source) or 0.0) * (source.usable_share if source.usable_share
                                          is not None else 1.0)


def monthly_yield_m3(source, days: int = 30, pump_hours: float | None = None) -> float:
    """Water a well or pump gives in a month of `days` days (usable share applied)."""
    if not source.yield_m3_h:
        return 0.0
    hours = source.pump_hours or pump_hours or coefficient(reference(), "pump_hours")
    return source.yield_m3_h * hours * days * (source.usable_share or 0.0)


def validate_source(values: dict) -> dict:
    """Clean `values` (a WaterSource form) or raise ValidationError keyed by field."""
    errors: dict = {}
    out = {"village": values.get("village"), "name": normalize_space(values.get("name") or ""),
           "kind": values.get("kind") or "", "manager": normalize_space(values.get("manager")
                                                                        or ""),
           "condition": values.get("condition") or "good",
           "note": (values.get("note") or "").strip()}
    if out["village"] is None:
        errors["village"] = _("Choose the village.")
    if not out["name"]:
        errors["name"] = _("Enter the name of the water source.")
    if out["kind"] not in KINDS:
        errors["kind"] = _("Choose the type of water source.")
    if out["condition"] not in CONDITIONS:
        errors["condition"] = _("Choose the condition.")
    for key in ("area_m2", "depth_m", "capacity_m3", "yield_m3_h", "catchment_m2"):
        out[key] = _number(values, key, errors)
    out["pump_hours"] = _number(values, "pump_hours", errors, high=24)
    out["runoff_coef"] = _number(values, "runoff_coef", errors, high=1)
    share = _number(values, "usable_share", errors, high=1)
    out["usable_share"] = 1.0 if share is None else share
    out["lat"] = _number(values, "lat", errors, low=-90, high=90)
    out["lon"] = _number(values, "lon", errors, low=-180, high=180)
    if (out["lat"] is None) != (out["lon"] is None) and "lat" not in errors:
        errors["lat"] = _("Enter both latitude and longitude, or neither.")
    try:
        out["dry_months"] = months_text(values.get("dry_months") or "")
    except (TypeError, ValueError):
        errors["dry_months"] = _("Months are numbers from 1 to 12, separated by commas.")
    if (out["area_m2"] is None) != (out["depth_m"] is None) and not out["capacity_m3"]:
        errors["depth_m"] = _("Enter both the surface area and the depth.")
    has_size = (out["capacity_m3"] or (out["area_m2"] and out["depth_m"])
                or out["yield_m3_h"])
    if not has_size and not any(k in errors for k in ("area_m2", "depth_m", "capacity_m3",
                                                       "yield_m3_h")):
        errors["capacity_m3"] = _("Give the size: area and depth, capacity in m³, or the "
                                  "yield in m³ per hour.")
    if (out["catchment_m2"] is None) != (out["runoff_coef"] is None) and not (
            "catchment_m2" in errors or "runoff_coef" in errors):
        errors["runoff_coef"] = _("A rain-filled source needs both the catchment area and the "
                                  "runoff coefficient.")
    if errors:
        raise ValidationError(errors)
    return out


def save_source(ctx, values: dict, source=None, *, expected_updated_at=None):
    """Create or update a water source (values as from the form; see validate_source)."""
    from .db.models import WaterSource

    require(ctx, "clerk", "save water source", "water_source",
            source.id if source is not None else None)
    return save_record(ctx, WaterSource, validate_source(values), record=source,
                       expected_updated_at=expected_updated_at, role=None)


def delete_source(ctx, source, expected_updated_at=None):
    return tombstone_record(ctx, source, expected_updated_at=expected_updated_at)


def restore_source(ctx, source):
    return restore_record(ctx, source)


def get_source(source_id: str):
    from .db.models import WaterSource

    s = WaterSource.get_or_none(WaterSource.id == source_id)
    if s is None:
        raise NotFound(_("Record not found."))
    return s


def sources_of(village=None, tambon=None, deleted: bool = False) -> list:
    """Sources of a village, or of every village of a tambon, by village then name."""
    from .db.models import Village, WaterSource

    q = (WaterSource.select(WaterSource, Village).join(Village)
         .where(WaterSource.deleted_at.is_null(not deleted)))
    if village is not None:
        q = q.where(WaterSource.village == village)
    if tambon is not None:
        q = q.where(Village.tambon == tambon)
    from .thai import thai_sort_key
    return sorted(q, key=lambda s: (s.village.moo, thai_sort_key(s.name)))


# --- rainfall ---------------------------------------------------------------------------

def set_rainfall(ctx, tambon, year_ce: int, by_month: dict) -> int:
    """Save monthly rainfall (mm) of `tambon` for CE `year_ce`; `None` clears a month.
    Returns the number of months changed."""
    from .db.models import Rainfall

    errors = {}
    clean = {}
    for m, mm in by_month.items():
        m = int(m)
        if not 1 <= m <= 12:
            errors[f"month.{m}"] = _("Enter a month from 1 to 12.")
            continue
        if mm is None or mm == "":
            clean[m] = None
            continue
        try:
            mm = float(str(mm).replace(",", ""))
            if not 0 <= mm <= 3000:
                raise ValueError
            clean[m] = mm
        except ValueError:
            errors[f"month.{m}"] = _("Rainfall is a number of millimetres from 0 to 3,000.")
    if errors:
        raise ValidationError(errors)
    require(ctx, "clerk", "save rainfall", "rainfall")
    changed = 0
    with transaction(ctx):
        existing = {r.month: r for r in Rainfall.alive().where(
            (Rainfall.tambon == tambon) & (Rainfall.year == year_ce))
            .order_by(Rainfall.updated_at)}
        for m, mm in sorted(clean.items()):
            row = existing.get(m)
            if mm is None:
                if row is not None:
                    tombstone_record(ctx, row)
                    changed += 1
            elif row is None or row.mm != mm:
                save_record(ctx, Rainfall, {"tambon": tambon, "year": year_ce, "month": m,
                                            "mm": mm}, record=row, role=None)
                changed += 1
    return changed


def rainfall_of(tambon, year_ce: int) -> dict[int, float]:
    from .db.models import Rainfall

    # newest wins when two PCs entered the same month (bundles merged, DESIGN §5)
    return {r.month: r.mm for r in Rainfall.alive().where(
        (Rainfall.tambon == tambon) & (Rainfall.year == year_ce)).order_by(Rainfall.updated_at)}


def rainfall_years(tambon) -> list[int]:
    """CE years with any rainfall recorded, newest first."""
    from .db.models import Rainfall

    return [r.year for r in Rainfall.alive().select(Rainfall.year).where(
        Rainfall.tambon == tambon).distinct().order_by(Rainfall.year.desc())]


# --- demand inputs ----------------------------------------------------------------------

def registry_population(village_ids=None) -> dict[str, int]:
    """Living people in active households per village id, from the household registry."""
    from peewee import fn

    from .db.models import Household, Person

    q = (Person.select(Household.village, fn.COUNT(Person.id).alias("n")).join(Household)
         .where(Person.deleted_at.is_null() & Household.deleted_at.is_null()
                & (Household.status == "active"))
         .group_by(Household.village))
    if village_ids is not None:
        q = q.where(Household.village.in_(list(village_ids)))
    return {r["village"]: r["n"] for r in q.dicts()}


def population_override(village) -> int | None:
    from .db.models import WaterVillage

    row = WaterVillage.alive().where(WaterVillage.village == village).first()
    return row.population if row else None


def set_population(ctx, village, population) -> None:
    """Fix the population used for domestic demand; None goes back to the registry count."""
    from .db.models import WaterVillage

    if population not in (None, ""):
        try:
            population = int(str(population).replace(",", ""))
            if population < 0:
                raise ValueError
        except ValueError:
            raise ValidationError({"population": _("Enter a whole number of people.")})
    else:
        population = None
    require(ctx, "clerk", "save water village", "water_village")
    row = WaterVillage.alive().where(WaterVillage.village == village).first()
    save_record(ctx, WaterVillage, {"village": village, "population": population}, record=row,
                role=None)


def livestock_of(village) -> dict[str, int]:
    from .db.models import Livestock

    return {r.kind: r.head for r in Livestock.alive().where(Livestock.village == village)}


def set_livestock(ctx, village, heads: dict) -> None:
    """Set head counts by kind for a village ({kind: head}); 0 or None removes the kind."""
    from .db.models import Livestock

    kinds = livestock_kinds()
    errors = {}
    clean = {}
    for kind, head in heads.items():
        if kind not in kinds:
            errors[f"livestock.{kind}"] = _("Unknown kind of livestock.")
            continue
        try:
            clean[kind] = int(str(head or 0).replace(",", ""))
            if clean[kind] < 0:
                raise ValueError
        except ValueError:
            errors[f"livestock.{kind}"] = _("Enter a whole number of animals.")
    if errors:
        raise ValidationError(errors)
    require(ctx, "clerk", "save livestock", "livestock")
    with transaction(ctx):
        rows = {r.kind: r for r in Livestock.alive().where(Livestock.village == village)}
        for kind, head in clean.items():
            row = rows.get(kind)
            if head == 0:
                if row is not None:
                    tombstone_record(ctx, row)
            elif row is None or row.head != head:
                save_record(ctx, Livestock, {"village": village, "kind": kind, "head": head},
                            record=row, role=None)


def crop_areas_of(village) -> list:
    from .db.models import CropArea

    return list(CropArea.alive().where(CropArea.village == village).order_by(CropArea.crop))


def save_crop_area(ctx, village, crop: str, area_rai, months, record=None, *,
                   expected_updated_at=None):
    """A crop grown on `area_rai` rai in the given months ("2,3,4,5")."""
    from .db.models import CropArea

    errors = {}
    if crop not in crops():
        errors["crop"] = _("Choose the crop.")
    area = _number({"area_rai": area_rai}, "area_rai", errors, required=True)
    try:
        mtext = months_text(months)
        if not mtext:
            errors["months"] = _("Enter the months the crop is in the field.")
    except (TypeError, ValueError):
        errors["months"] = _("Months are numbers from 1 to 12, separated by commas.")
    if errors:
        raise ValidationError(errors)
    require(ctx, "clerk", "save crop area", "crop_area", record.id if record else None)
    return save_record(ctx, CropArea, {"village": village, "crop": crop, "area_rai": area,
                                       "months": mtext}, record=record,
                       expected_updated_at=expected_updated_at, role=None)


def delete_crop_area(ctx, record):
    return tombstone_record(ctx, record)


# --- balance inputs from the database ---------------------------------------------------

def water_year_start(ref=None) -> int:
    return int(coefficient(ref or reference(), "water_year_start"))


def _source_input(s, ref) -> SourceInput:
    return SourceInput(
        name=s.name, storage_m3=storage_m3(s) or 0.0, yield_m3_h=s.yield_m3_h or 0.0,
        pump_hours=s.pump_hours or coefficient(ref, "pump_hours"),
        usable_share=s.usable_share if s.usable_share is not None else 1.0,
        dry_months=_month_set(s.dry_months or ""),
        catchment_m2=s.catchment_m2 or 0.0, runoff_coef=s.runoff_coef or 0.0, key=s.id)


def new_source_input(name: str, *, storage_m3=0.0, yield_m3_h=0.0, usable_share=1.0,
                     dry_months=(), catchment_m2=0.0, runoff_coef=0.0, pump_hours=None,
                     ref=None) -> SourceInput:
    """A what-if source (not saved) with the same defaults as a saved one."""
    ref = ref or reference()
    return SourceInput(name=name, storage_m3=float(storage_m3), yield_m3_h=float(yield_m3_h),
                       pump_hours=pump_hours or coefficient(ref, "pump_hours"),
                       usable_share=float(usable_share),
                       dry_months=frozenset(parse_months(dry_months)),
                       catchment_m2=float(catchment_m2), runoff_coef=float(runoff_coef))


def _rain(tambon_id, months) -> tuple[tuple, tuple]:
    from .db.models import Rainfall

    years = {y for y, _m in months}
    got = {(r.year, r.month): r.mm for r in Rainfall.alive().where(
        (Rainfall.tambon == tambon_id) & Rainfall.year.in_(list(years)))
        .order_by(Rainfall.updated_at)}
    return (tuple(got.get(ym, 0.0) for ym in months),
            tuple(ym for ym in months if ym not in got))


def _inputs_for(villages, year_be: int, ref) -> dict:
    """BalanceInputs per village id, for every village in `villages` (few queries)."""
    from peewee import fn

    from .db.models import CropArea, Livestock, Village, WaterSource, WaterVillage

    if not villages:
        return {}
    ids = [v.id for v in villages]
    months = water_year_months(ce_year(year_be), water_year_start(ref))
    registry = registry_population(ids)
    overrides = {r.village_id: r.population for r in WaterVillage.alive().where(
        WaterVillage.village.in_(ids)) if r.population is not None}
    srcs, herd, fields = {}, {}, {}
    # plain tuples, not model instances: 5,000 crop rows per tambon (benchmarks/water.py)
    W = WaterSource
    for row in (W.select(W.village, W.id, W.name, W.capacity_m3, W.area_m2, W.depth_m,
                         W.yield_m3_h, W.pump_hours, W.usable_share, W.dry_months,
                         W.catchment_m2, W.runoff_coef)
                .where(W.deleted_at.is_null() & W.village.in_(ids) & (W.condition != "broken"))
                .namedtuples()):
        srcs.setdefault(row.village, []).append(_source_input(row, ref))
    for a in Livestock.alive().where(Livestock.village.in_(ids)):
        lpd = ref.get("livestock." + a.kind)
        if lpd is not None:
            herd.setdefault(a.village_id, []).append(LivestockInput(a.kind, a.head, lpd.value))
    per_month = {}
    # summed in SQL by (village, crop, months): the demand is linear in the area
    for vid, crop, in_field, area in (CropArea.select(CropArea.village, CropArea.crop,
                                                      CropArea.months,
                                                      fn.SUM(CropArea.area_rai))
                                      .where(CropArea.deleted_at.is_null()
                                             & CropArea.village.in_(ids))
                                      .group_by(CropArea.village, CropArea.crop,
                                                CropArea.months).tuples()):
        if crop not in per_month:
            season, n = ref.get("crop." + crop), ref.get("crop_months." + crop)
            per_month[crop] = (None if season is None
                               else season.value / (n.value if n and n.value else 1.0))
        if per_month[crop] is None:
            continue
        fields.setdefault(vid, []).append(
            CropInput(crop, area, _month_set(in_field), per_month[crop]))
    rain_cache = {}
    out = {}
    tambon_of = {v.id: v.tambon_id for v in Village.select(Village.id, Village.tambon)
                 .where(Village.id.in_(ids))}
    for v in villages:
        t = tambon_of[v.id]
        if t not in rain_cache:
            rain_cache[t] = _rain(t, months)
        rain, missing = rain_cache[t]
        out[v.id] = BalanceInputs(
            months=months, rain_mm=rain,
            population=overrides.get(v.id, registry.get(v.id, 0)),
            domestic_lpd=coefficient(ref, "domestic_lpd"),
            livestock=tuple(herd.get(v.id, ())), crops=tuple(fields.get(v.id, ())),
            sources=tuple(srcs.get(v.id, ())), start_fill=coefficient(ref, "start_fill"),
            missing_rain=missing, label=_("Moo {moo} {name}").format(moo=v.moo, name=v.name))
    return out


def inputs_by_village(tambon, year_be: int) -> dict:
    """{village_id: BalanceInputs} of every village of the tambon (the base of a what-if)."""
    from . import tambons

    return _inputs_for(tambons.villages(tambon), year_be, reference())


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
    from . import tambons

    vs = tambons.villages(tambon)
    inputs = _inputs_for(vs, year_be, reference())
    per = {vid: compute_balance(inp) for vid, inp in inputs.items()}
    return sum_balances([per[v.id] for v in vs]), per


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
    from . import accounts
    from .thai import month_range

    if not months:
        return []
    start = month_range(*months[0])[0]
    end = month_range(*months[-1])[1]
    ids = list(village_ids)
    per_code = {code: accounts.money_by_category([code], ids, start, end)
                for code in MONEY_CODES}
    rows = []
    for y, m in months:
        key = f"{y:04d}-{m:02d}"
        row = {"year": y, "month": m}
        for code in MONEY_CODES:
            row[code] = sum(int(by_month.get(key, 0)) for by_month in per_code[code].values())
        rows.append(row)
    return rows
