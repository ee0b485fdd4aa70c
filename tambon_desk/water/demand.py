"""What a village needs water for: people, livestock and crop areas, with overrides."""

from __future__ import annotations

from peewee import fn

from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import _
from ..core.records import fetch, save_record, tombstone_record, transaction
from ..db.models import CropArea, Household, Livestock, Person, WaterVillage
from .coefficients import crops, livestock_kinds
from .sources import _number, months_text

# --- demand inputs ----------------------------------------------------------------------


def registry_population(village_ids=None) -> dict[str, int]:
    """Living people in active households per village id, from the household registry."""

    q = (
        Person.select(Household.village, fn.COUNT(Person.id).alias("n"))
        .join(Household)
        .where(
            Person.deleted_at.is_null()
            & Household.deleted_at.is_null()
            & (Household.status == "active")
        )
        .group_by(Household.village)
    )
    if village_ids is not None:
        q = q.where(Household.village.in_(list(village_ids)))
    return {r["village"]: r["n"] for r in q.dicts()}


def population_override(village) -> int | None:
    row = WaterVillage.alive().where(WaterVillage.village == village).first()
    return row.population if row else None


def set_population(ctx, village, population) -> None:
    """Fix the population used for domestic demand; None goes back to the registry count."""
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
    save_record(
        ctx, WaterVillage, {"village": village, "population": population}, record=row, role=None
    )


def livestock_of(village) -> dict[str, int]:
    return {r.kind: r.head for r in Livestock.alive().where(Livestock.village == village)}


def set_livestock(ctx, village, heads: dict) -> None:
    """Set head counts by kind for a village ({kind: head}); 0 or None removes the kind."""
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
                save_record(
                    ctx,
                    Livestock,
                    {"village": village, "kind": kind, "head": head},
                    record=row,
                    role=None,
                )


def crop_areas_of(village) -> list:
    return list(CropArea.alive().where(CropArea.village == village).order_by(CropArea.crop))


def save_crop_area(
    ctx, village, crop: str, area_rai, months, record=None, *, expected_updated_at=None
):
    """A crop grown on `area_rai` rai in the given months ("2,3,4,5")."""
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
    return save_record(
        ctx,
        CropArea,
        {"village": village, "crop": crop, "area_rai": area, "months": mtext},
        record=record,
        expected_updated_at=expected_updated_at,
        role=None,
    )


def delete_crop_area(ctx, record):
    return tombstone_record(ctx, record)


def get_crop_area(croparea_id):
    """The CropArea with this id, or None."""
    return fetch(CropArea, croparea_id)
