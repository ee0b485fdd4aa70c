"""The water account's crop areas taken from the plots' current crops (an option per village).

When the option is on for a village, `sync_water_crop_areas` replaces that village's typed
crop areas (water.CropArea) by the sums of the current cycles on its plots, by the water
crop of each crop (Crop.water_crop), with the months the cycles are in the field; the
water area itself is unchanged and reads its crop areas as before. Crops without a water
crop are left out (the water account has no coefficient for them).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from .. import water
from ..core.config import get_setting, set_setting
from ..core.records import transaction
from ..db.models import CropCycle, Household, Plot
from .figures import RAI_M2

SETTING = "farming.water_from_plots"  # list of village ids


def uses_plots(village) -> bool:
    return village.id in (get_setting(SETTING, []) or [])


def set_uses_plots(ctx, village, on: bool) -> None:
    ids = set(get_setting(SETTING, []) or [])
    ids = ids | {village.id} if on else ids - {village.id}
    set_setting(ctx, SETTING, sorted(ids))
    if on:
        sync_water_crop_areas(ctx, village)


def _months(cycle) -> set[int]:
    if cycle.crop.perennial or not cycle.planted_on:
        return set(range(1, 13)) if cycle.crop.perennial else set()
    end = cycle.harvested_on or cycle.planted_on + _dt.timedelta(days=120)
    out, d = set(), cycle.planted_on.replace(day=1)
    while d <= end:
        out.add(d.month)
        d = (d + _dt.timedelta(days=32)).replace(day=1)
    return out


def plot_crop_areas(village, year: int | None = None) -> dict:
    """{water crop: (rai, months)} of the village's cycles in the latest (or given) CE year."""
    q = (
        CropCycle.alive()
        .join(Plot)
        .join(Household)
        .where(
            (Household.village == village)
            & Plot.deleted_at.is_null()
            & Household.deleted_at.is_null()
        )
    )
    cycles = list(q)
    if not cycles:
        return {}
    year = year or max(c.year for c in cycles)
    out: dict = {}
    for c in cycles:
        if c.year != year and not (c.crop.perennial and c.year <= year):
            continue
        key = c.crop.water_crop
        if not key:
            continue
        rai, months = out.get(key, (Decimal(0), set()))
        out[key] = (rai + Decimal(c.area_m2) / RAI_M2, months | (_months(c) or {1}))
    return out


def sync_water_crop_areas(ctx, village) -> int:
    """Replace the village's crop areas by those of its plots; returns rows written."""
    known = water.crops()
    areas = {k: v for k, v in plot_crop_areas(village).items() if k in known}
    with transaction(ctx):
        for row in water.crop_areas_of(village):
            water.delete_crop_area(ctx, row)
        for key, (rai, months) in sorted(areas.items()):
            water.save_crop_area(
                ctx, village, key, float(round(rai, 2)), ",".join(str(m) for m in sorted(months))
            )
    return len(areas)
