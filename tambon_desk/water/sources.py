"""Water sources (แหล่งน้ำ): kinds, validation, audited saves, storage and yield."""

from __future__ import annotations

import functools

from ..core.auth import require
from ..core.errors import NotFound, ValidationError
from ..core.i18n import N_, _
from ..core.records import restore_record, save_record, tombstone_record
from ..db.models import Village, WaterSource
from ..thai import normalize_space, thai_sort_key
from .coefficients import coefficient, reference

KINDS = {
    "pond": N_("Pond"),
    "reservoir": N_("Reservoir"),
    "weir": N_("Weir"),
    "canal": N_("Canal"),
    "river": N_("River or stream"),
    "shallow_well": N_("Shallow well"),
    "deep_well": N_("Deep well"),
    "rain_tank": N_("Rain tank"),
    "piped": N_("Piped supply"),
}
CONDITIONS = {
    "good": N_("Good"),
    "fair": N_("Fair"),
    "poor": N_("Poor"),
    "broken": N_("Out of use"),
}


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
        errors[key] = (
            _("Enter a number from {low} to {high}.").format(low=low, high=high)
            if high is not None
            else _("Enter a number of zero or more.")
        )
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
    return (storage_m3(source) or 0.0) * (
        source.usable_share if source.usable_share is not None else 1.0
    )


def monthly_yield_m3(source, days: int = 30, pump_hours: float | None = None) -> float:
    """Water a well or pump gives in a month of `days` days (usable share applied)."""
    if not source.yield_m3_h:
        return 0.0
    hours = source.pump_hours or pump_hours or coefficient(reference(), "pump_hours")
    return source.yield_m3_h * hours * days * (source.usable_share or 0.0)


def validate_source(values: dict) -> dict:
    """Clean `values` (a WaterSource form) or raise ValidationError keyed by field."""
    errors: dict = {}
    out = {
        "village": values.get("village"),
        "name": normalize_space(values.get("name") or ""),
        "kind": values.get("kind") or "",
        "manager": normalize_space(values.get("manager") or ""),
        "condition": values.get("condition") or "good",
        "note": (values.get("note") or "").strip(),
    }
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
    has_size = out["capacity_m3"] or (out["area_m2"] and out["depth_m"]) or out["yield_m3_h"]
    if not has_size and not any(
        k in errors for k in ("area_m2", "depth_m", "capacity_m3", "yield_m3_h")
    ):
        errors["capacity_m3"] = _(
            "Give the size: area and depth, capacity in m³, or the yield in m³ per hour."
        )
    if (out["catchment_m2"] is None) != (out["runoff_coef"] is None) and not (
        "catchment_m2" in errors or "runoff_coef" in errors
    ):
        errors["runoff_coef"] = _(
            "A rain-filled source needs both the catchment area and the runoff coefficient."
        )
    if errors:
        raise ValidationError(errors)
    return out


def save_source(ctx, values: dict, source=None, *, expected_updated_at=None):
    """Create or update a water source (values as from the form; see validate_source)."""
    require(
        ctx, "clerk", "save water source", "water_source", source.id if source is not None else None
    )
    return save_record(
        ctx,
        WaterSource,
        validate_source(values),
        record=source,
        expected_updated_at=expected_updated_at,
        role=None,
    )


def delete_source(ctx, source, expected_updated_at=None):
    return tombstone_record(ctx, source, expected_updated_at=expected_updated_at)


def restore_source(ctx, source):
    return restore_record(ctx, source)


def get_source(source_id: str):
    s = WaterSource.get_or_none(WaterSource.id == source_id)
    if s is None:
        raise NotFound(_("Record not found."))
    return s


def sources_of(village=None, tambon=None, deleted: bool = False) -> list:
    """Sources of a village, or of every village of a tambon, by village then name."""
    q = (
        WaterSource.select(WaterSource, Village)
        .join(Village)
        .where(WaterSource.deleted_at.is_null(not deleted))
    )
    if village is not None:
        q = q.where(WaterSource.village == village)
    if tambon is not None:
        q = q.where(Village.tambon == tambon)
    return sorted(q, key=lambda s: (s.village.moo, thai_sort_key(s.name)))
