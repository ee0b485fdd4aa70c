"""Geometry of records: GeoJSON text in WGS84, checks, repair and area on the ellipsoid.

Areas are computed with `pyproj.Geod` on the WGS84 ellipsoid (never in Web Mercator, which
overstates them); rings are oriented first so holes are subtracted, and the result is taken
as an absolute value because its sign only says which way a ring runs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal

import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.validation import explain_validity, make_valid

from ..core.i18n import _
from ..thai import m2_to_rnw

GEOD = Geod(ellps="WGS84")

# Thailand with a margin of a few km (lon/lat): a point outside was drawn in the wrong place
# or its coordinates were swapped or given in another CRS.
THAILAND_BBOX = (97.30, 5.55, 105.70, 20.50)

# The land document and the drawn shape may differ by this share before the plot is flagged.
AREA_DIFF_THRESHOLD = 0.10

PLOT_TYPES = ("Point", "Polygon", "MultiPolygon")


@dataclass
class Feature:
    """One feature read from a file: its WGS84 geometry, attributes and what was found."""

    geometry: object  # shapely geometry (WGS84 lon/lat) or None
    properties: dict = field(default_factory=dict)
    folder: str = ""  # KML folder path "A/B", a GPX "waypoint"/"track"
    row: int = 0  # 1-based position in the file
    errors: list[str] = field(default_factory=list)  # the row cannot be saved
    notes: list[str] = field(default_factory=list)  # saved, but the clerk should know

    @property
    def name(self) -> str:
        for key in ("name", "Name", "NAME", "ชื่อ", "ชื่อแปลง"):
            value = self.properties.get(key)
            if value not in (None, ""):
                return str(value)
        return ""

    @property
    def ok(self) -> bool:
        return not self.errors


def to_geojson(geom) -> str | None:
    """Compact GeoJSON text of a shapely geometry (None for no geometry)."""
    if geom is None or geom.is_empty:
        return None
    return json.dumps(mapping(geom), separators=(",", ":"))


def from_geojson(text: str | None):
    """Shapely geometry of stored GeoJSON text (None for empty)."""
    if not text:
        return None
    return shape(json.loads(text))


def geodesic_area_m2(geom) -> float:
    """Area in m² on the WGS84 ellipsoid; 0 for points and lines."""
    if geom is None or geom.is_empty:
        return 0.0
    if isinstance(geom, Polygon):
        polys = [geom]
    elif isinstance(geom, MultiPolygon):
        polys = list(geom.geoms)
    elif hasattr(geom, "geoms"):
        polys = [g for g in geom.geoms if isinstance(g, (Polygon, MultiPolygon))]
        return sum(geodesic_area_m2(g) for g in polys)
    else:
        return 0.0
    return sum(abs(GEOD.geometry_area_perimeter(orient(p, 1.0))[0]) for p in polys)


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance in metres between two (lon, lat) points."""
    return abs(GEOD.inv(a[0], a[1], b[0], b[1])[2])


def rai_decimal(m2: float) -> Decimal:
    """Area in rai as a decimal with 4 places (1 rai = 1,600 m²)."""
    return (Decimal(str(round(m2, 4))) / 1600).quantize(Decimal("0.0001"))


def rnw_dash(m2: float) -> str:
    """Rai-ngan-wa as on a land document: ``"1-2-35"`` (wa rounded to a whole wa)."""
    total_wa = int(Decimal(str(m2 / 4)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    rai, rest = divmod(total_wa, 400)
    ngan, wa = divmod(rest, 100)
    return f"{rai}-{ngan}-{wa}"


def rnw_parts(m2: float) -> tuple[int, int, Decimal]:
    """``(rai, ngan, wa)`` with wa to two places (the thai helper's rounding)."""
    return m2_to_rnw(max(m2, 0))


def area_difference(geometry_m2: float | None, document_m2: float | None) -> float | None:
    """Share by which the drawn area differs from the land document's (None if unknown)."""
    if not geometry_m2 or not document_m2:
        return None
    return abs(geometry_m2 - document_m2) / document_m2


def area_flagged(
    geometry_m2: float | None, document_m2: float | None, threshold: float = AREA_DIFF_THRESHOLD
) -> bool:
    diff = area_difference(geometry_m2, document_m2)
    return diff is not None and diff > threshold


def centroid_text(geom) -> str:
    """``"lat,lon"`` of a point inside the shape (6 places, about 10 cm)."""
    if geom is None or geom.is_empty:
        return ""
    p = geom if isinstance(geom, Point) else geom.representative_point()
    return f"{p.y:.6f},{p.x:.6f}"


def inside_thailand(geom) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    x0, y0, x1, y1 = THAILAND_BBOX
    return x0 <= minx and maxx <= x1 and y0 <= miny and maxy <= y1


def _polygonal(geom):
    """The polygon parts of what make_valid returned (it may add stray lines or points)."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = []
    for g in getattr(geom, "geoms", []):
        if isinstance(g, Polygon):
            parts.append(g)
        elif isinstance(g, MultiPolygon):
            parts.extend(g.geoms)
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def repair(geom) -> tuple[object, list[str], bool]:
    """``(valid geometry, notes, self_intersecting)``: make_valid, and what it changed.

    A self-intersecting ring (a "bow tie" from a mis-clicked vertex) is reported as such so
    the import can refuse it unless the clerk accepts the repair; other faults (a ring not
    closed, repeated points, a hole touching the edge) are repaired with a note.
    """
    if geom is None or geom.is_empty or geom.is_valid:
        return geom, [], False
    reason = explain_validity(geom)
    before = geodesic_area_m2(geom.buffer(0)) if isinstance(geom, (Polygon, MultiPolygon)) else 0
    fixed = (
        _polygonal(make_valid(geom))
        if isinstance(geom, (Polygon, MultiPolygon))
        else make_valid(geom)
    )
    after = geodesic_area_m2(fixed)
    selfx = "self-intersection" in reason.lower() or "ring self" in reason.lower()
    note = _("Shape repaired ({reason}); area {before:,.1f} m² → {after:,.1f} m²").format(
        reason=reason.split("[")[0].strip(), before=before, after=after
    )
    return fixed, [note], selfx


def check_feature(feature: Feature, *, allowed=PLOT_TYPES, accept_repair: bool = False) -> Feature:
    """Fill `feature.errors`/`notes` with the Thai row-level checks; repair its geometry.

    Errors: no or empty geometry, a type a record cannot carry, outside Thailand, a
    self-intersecting shape (unless `accept_repair`). The household is checked by the
    caller, who knows the villages.
    """
    geom = feature.geometry
    if geom is None or geom.is_empty:
        feature.errors.append(_("The shape is empty (no coordinates)."))
        return feature
    if geom.geom_type not in allowed:
        feature.errors.append(
            _("A {kind} cannot be saved here (needs {allowed}).").format(
                kind=geom.geom_type, allowed=", ".join(allowed)
            )
        )
        return feature
    coords = shapely.get_coordinates(geom)
    if not all(math.isfinite(v) for v in coords.flat):
        feature.errors.append(_("The shape is empty (no coordinates)."))
        return feature
    if not inside_thailand(geom):
        x, y = coords[0]
        feature.errors.append(
            _(
                "The shape lies outside Thailand (first point {lat:.5f}, "
                "{lon:.5f}): check the coordinate system or swapped "
                "latitude and longitude."
            ).format(lat=y, lon=x)
        )
        return feature
    fixed, notes, selfx = repair(geom)
    if selfx and not accept_repair:
        feature.errors.append(
            _(
                "The shape crosses itself (self-intersecting boundary); "
                "redraw it or accept the repair."
            )
        )
        return feature
    if fixed is not None and fixed.is_empty:
        feature.errors.append(_("The shape is empty (no coordinates)."))
        return feature
    feature.geometry = fixed
    feature.notes.extend(notes)
    return feature
