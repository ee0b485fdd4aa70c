"""Putting records on the map: a village's centre, a household's or a water source's point.

Audited writes of the location columns only, so placing a house on the map never re-runs (or
fails) the household form's validation.
"""

from __future__ import annotations

from shapely.geometry import Point

from .. import geo
from ..core.errors import ValidationError
from ..core.i18n import _
from ..core.records import save_record
from ..db.models import Household, Village, WaterSource


def _checked(lat, lon) -> tuple[float | None, float | None]:
    if lat in (None, "") and lon in (None, ""):
        return None, None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise ValidationError({"lat": _("Enter latitude and longitude as numbers.")}) from None
    f = geo.check_feature(geo.Feature(Point(lon, lat)), allowed=("Point",))
    if f.errors:
        raise ValidationError({"lat": f.errors[0]})
    return lat, lon


def _set(ctx, model, record, lat, lon, role="clerk"):
    lat, lon = _checked(lat, lon)
    return save_record(
        ctx, model, {"lat": lat, "lon": lon}, record, role=role, action="set location"
    )


def set_village_centre(ctx, village, lat, lon):
    v = village if isinstance(village, Village) else Village.get_by_id(village)
    return _set(ctx, Village, v, lat, lon)


def set_household_location(ctx, household, lat, lon):
    h = household if isinstance(household, Household) else Household.get_by_id(household)
    return _set(ctx, Household, h, lat, lon)


def set_source_location(ctx, source, lat, lon):
    s = source if isinstance(source, WaterSource) else WaterSource.get_by_id(source)
    return _set(ctx, WaterSource, s, lat, lon)


def find_households(text: str, tambon=None, limit: int = 20) -> list:
    """Households a search box means: "3/99/9" (moo/house, house numbers may hold a slash),
    "หมู่ 3 99/9", or a house number alone (every village)."""
    ref = geo.parse_option(text) if text and "/" in text or "หมู่" in (text or "") else None
    q = Household.select(Household, Village).join(Village).where(Household.deleted_at.is_null())
    if tambon is not None:
        q = q.where(Village.tambon == getattr(tambon, "id", tambon))
    house = (text or "").strip().replace(" ", "")
    exact = []
    if ref is not None:
        exact = list(q.where((Village.moo == ref[0]) & (Household.house_no == ref[1])))
    return exact or list(q.where(Household.house_no == house).order_by(Village.moo).limit(limit))


def find_households_in_village(village_id: str) -> list[dict]:
    """The living households of a village (for pickers): id, house number, head."""
    q = (
        Household.select(Household.id, Household.house_no, Household.head_name)
        .where((Household.village == village_id) & Household.deleted_at.is_null())
        .order_by(Household.sort_key)
    )
    return [{"id": h.id, "house_no": h.house_no, "head_name": h.head_name} for h in q]
