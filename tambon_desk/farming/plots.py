"""Plots (แปลง) a household farms and the household's farm equipment.

Areas are typed in rai-ngan-wa ("3-2-50", "3 ไร่ 2 งาน", a bare number of rai) and stored as
whole square metres (`Plot.area_m2`, rounded half up).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..core.errors import UserError, ValidationError
from ..core.i18n import _
from ..core.records import save_record, tombstone_record
from ..db.models import CostLine, CropCycle, Equipment, Plot
from ..thai import AreaError, normalize_space, parse_rnw
from .figures import rnd
from .reference import LAND_DOCUMENTS, TENURES


def area_m2(value) -> int:
    """Typed rai-ngan-wa (or m² as an int) -> whole square metres; AreaError (Thai)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(Decimal(parse_rnw(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def plots_of(household, deleted: bool = False) -> list:
    return list(
        Plot.select()
        .where((Plot.household == household) & Plot.deleted_at.is_null(not deleted))
        .order_by(Plot.name, Plot.id)
    )


def get_plot(plot_id: str):
    return Plot.get_or_none(Plot.id == plot_id)


def save_plot(ctx, household, values: dict, record=None, *, expected_updated_at=None):
    """Create or change a plot. `values`: name, area (rai-ngan-wa text or m²),
    land_document, tenure, rent (satang a year), water_source (or None: rain-fed), note."""
    errors = {}
    name = normalize_space(values.get("name", record.name if record else ""))
    if not name:
        errors["name"] = _("Enter the plot's name.")
    m2 = record.area_m2 if record else None
    if "area" in values:
        try:
            m2 = area_m2(values["area"])
            if m2 <= 0:
                errors["area"] = _("The area must be more than zero.")
        except AreaError as exc:
            errors["area"] = str(exc)
    elif m2 is None:
        errors["area"] = _("Enter the area (rai-ngan-wa).")
    doc = values.get("land_document", record.land_document if record else "none") or "none"
    if doc not in LAND_DOCUMENTS:
        errors["land_document"] = _("Choose the land document.")
    tenure = values.get("tenure", record.tenure if record else "owned")
    if tenure not in TENURES:
        errors["tenure"] = _("Choose owned, rented or used for free.")
    rent = values.get("rent", record.rent_satang if record else 0) or 0
    if not isinstance(rent, int) or rent < 0:
        errors["rent"] = _("The rent must be zero or more.")
    if tenure != "rented":
        rent = 0
    if household is None or getattr(household, "deleted_at", None):
        errors["household"] = _("Choose the household.")
    if errors:
        raise ValidationError(errors)
    data = {
        "household": household,
        "name": name,
        "area_m2": m2,
        "land_document": doc,
        "tenure": tenure,
        "rent_satang": rent,
        "water_source": values.get("water_source", record.water_source_id if record else None),
        "note": normalize_space(values.get("note", record.note if record else "")),
    }
    return save_record(ctx, Plot, data, record=record, expected_updated_at=expected_updated_at)


def delete_plot(ctx, plot):
    """To the recycle bin; refused while living crop cycles use it."""
    if CropCycle.alive().where(CropCycle.plot == plot).exists():
        raise UserError(_("This plot has crop cycles; delete them first."))
    return tombstone_record(ctx, plot)


# --- equipment --------------------------------------------------------------------------------


def equipment_of(household) -> list:
    return list(
        Equipment.alive()
        .where(Equipment.household == household)
        .order_by(Equipment.name, Equipment.id)
    )


def annual_depreciation(eq) -> int:
    """Straight line: (cost − salvage) ÷ life in years, satang (half up)."""
    return rnd(Decimal(eq.cost - eq.salvage) / eq.life_years) if eq.life_years else 0


def equipment_value(eq) -> int:
    """Average money tied up in the equipment, (cost + salvage) ÷ 2, satang half up."""
    return rnd(Decimal(eq.cost + eq.salvage) / 2)


def save_equipment(
    ctx,
    household,
    name: str,
    cost: int,
    life_years: int,
    *,
    salvage: int = 0,
    bought_year: int | None = None,
    note: str = "",
    record=None,
):
    errors = {}
    name = normalize_space(name or "")
    if not name:
        errors["name"] = _("Enter the equipment's name.")
    if not isinstance(cost, int) or cost <= 0:
        errors["cost"] = _("Enter the purchase price.")
    if not isinstance(salvage, int) or salvage < 0 or (isinstance(cost, int) and salvage > cost):
        errors["salvage"] = _("The salvage value must be between zero and the price.")
    if not isinstance(life_years, int) or life_years <= 0:
        errors["life_years"] = _("Enter the working life in years.")
    if errors:
        raise ValidationError(errors)
    return save_record(
        ctx,
        Equipment,
        {
            "household": household,
            "name": name,
            "cost": cost,
            "salvage": salvage,
            "life_years": life_years,
            "bought_year": bought_year,
            "note": note,
        },
        record=record,
    )


def delete_equipment(ctx, eq):
    if CostLine.alive().where(CostLine.equipment == eq).exists():
        raise UserError(_("Cost lines depreciate this equipment; delete them first."))
    return tombstone_record(ctx, eq)
