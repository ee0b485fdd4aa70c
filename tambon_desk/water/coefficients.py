"""Reference data of the water account: demand coefficients shipped in
`resources/water/*.csv` (each figure with its source named) and this database's overrides.

Shipped figures never change on a clerk's PC; an override is a `WaterCoefficient` record
(audited, travels in bundles) and "back to the shipped figure" tombstones it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import N_, _
from ..core.records import save_record, tombstone_record, transaction
from ..core.resources import resource_path
from ..db.models import WaterCoefficient
from ..thai import normalize_space

UNITS = {
    "L/person/day": N_("litres per person a day"),
    "L/head/day": N_("litres per head a day"),
    "hours/day": N_("hours a day"),
    "share": N_("share (0-1)"),
    "month": N_("month"),
    "months": N_("months"),
    "m3/rai/season": N_("m³ per rai per season"),
    "m3/(rai*mm)": N_("m³ per rai per mm"),
}
# Coefficients a clerk may override; m3_per_rai_mm is exact arithmetic, not an estimate.
EDITABLE = ("domestic_lpd", "pump_hours", "start_fill", "water_year_start")


@dataclass(frozen=True)
class Coefficient:
    key: str
    value: float
    unit: str
    label: str
    source: str
    overridden: bool = False


def _read_csv(name: str) -> list[dict]:
    with open(resource_path("water", name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def shipped_reference() -> dict[str, Coefficient]:
    """Every shipped coefficient keyed `domestic_lpd`, `livestock.cattle`, `crop.rice`,
    `crop_months.rice` …, as read from resources/water/*.csv."""
    out = {}
    for r in _read_csv("coefficients.csv"):
        out[r["key"]] = Coefficient(
            r["key"], float(r["value"]), r["unit"], r["label_th"], r["source"]
        )
    for r in _read_csv("livestock.csv"):
        out["livestock." + r["kind"]] = Coefficient(
            "livestock." + r["kind"],
            float(r["litres_per_head_day"]),
            "L/head/day",
            r["label_th"],
            r["source"],
        )
    for r in _read_csv("crops.csv"):
        out["crop." + r["crop"]] = Coefficient(
            "crop." + r["crop"],
            float(r["m3_per_rai_season"]),
            "m3/rai/season",
            r["label_th"],
            r["source"],
        )
        out["crop_months." + r["crop"]] = Coefficient(
            "crop_months." + r["crop"],
            float(r["season_months"]),
            "months",
            r["label_th"],
            r["source"],
        )
    return out


def reference() -> dict[str, Coefficient]:
    """Shipped coefficients with this database's overrides and added kinds/crops applied."""
    ref = shipped_reference()
    for o in WaterCoefficient.alive().order_by(WaterCoefficient.updated_at):
        base = ref.get(o.key)
        unit = (
            base.unit
            if base
            else (
                "L/head/day"
                if o.key.startswith("livestock.")
                else "m3/rai/season"
                if o.key.startswith("crop.")
                else "months"
            )
        )
        ref[o.key] = Coefficient(
            o.key,
            o.value,
            unit,
            o.label or (base.label if base else ""),
            o.note or (base.source if base else ""),
            True,
        )
    return ref


def coefficient(ref: dict, key: str) -> float:
    return ref[key].value


def livestock_kinds(ref=None) -> dict[str, str]:
    ref = ref or reference()
    return {k.split(".", 1)[1]: c.label for k, c in ref.items() if k.startswith("livestock.")}


def crops(ref=None) -> dict[str, str]:
    ref = ref or reference()
    return {k.split(".", 1)[1]: c.label for k, c in ref.items() if k.startswith("crop.")}


def set_coefficient(ctx, key: str, value, label: str = "", note: str = ""):
    """Override a coefficient, or add a livestock kind (`livestock.goat`) or a crop
    (`crop.durian` with `crop_months.durian`). The shipped CSV stays as it is."""
    require(ctx, "clerk", "set water coefficient", "water_coefficient")
    key = (key or "").strip()
    errors = {}
    prefix, _dot, name = key.partition(".")
    if key not in EDITABLE and not (
        prefix in ("livestock", "crop", "crop_months") and name.isidentifier()
    ):
        errors["key"] = _("This coefficient cannot be changed.")
    try:
        value = float(value)
        if value < 0:
            raise ValueError
    except (TypeError, ValueError):
        errors["value"] = _("Enter a number of zero or more.")
    else:
        if key == "start_fill" and value > 1:
            errors["value"] = _("Enter a share from 0 to 1.")
        if key == "water_year_start" and (value != int(value) or not 1 <= value <= 12):
            errors["value"] = _("Enter a month from 1 to 12.")
        if prefix == "crop_months" and (value != int(value) or not 1 <= value <= 12):
            errors["value"] = _("A season lasts 1 to 12 months.")
    if key not in shipped_reference() and not normalize_space(label) and not errors:
        errors["label"] = _("Enter the Thai name.")
    if errors:
        raise ValidationError(errors)
    old = WaterCoefficient.alive().where(WaterCoefficient.key == key).first()
    return save_record(
        ctx,
        WaterCoefficient,
        {
            "key": key,
            "value": value,
            "label": normalize_space(label),
            "note": normalize_space(note),
        },
        record=old,
    )


def reset_coefficient(ctx, key: str) -> None:
    """Drop this database's override: the shipped figure applies again."""
    require(ctx, "clerk", "reset water coefficient", "water_coefficient")
    with transaction(ctx):
        for o in WaterCoefficient.alive().where(WaterCoefficient.key == key):
            tombstone_record(ctx, o)
