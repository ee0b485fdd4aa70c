"""Coordinate reference systems the offices' files come in, and reprojection to WGS84.

The land office and QGIS users hand over UTM zone 47N/48N (EPSG:32647/32648) or the old
Indian 1975 UTM grids (EPSG:24047/24048); Google Earth, GPS apps and GeoJSON use WGS84
lon/lat. Everything is stored in WGS84; pyproj does the datum shift.
"""

from __future__ import annotations

from functools import lru_cache

import shapely
from pyproj import CRS, Transformer

from ..core.errors import UserError
from ..core.i18n import _

WGS84 = 4326
KNOWN = {
    4326: "WGS 84",
    32647: "WGS 84 / UTM 47N",
    32648: "WGS 84 / UTM 48N",
    24047: "Indian 1975 / UTM 47N",
    24048: "Indian 1975 / UTM 48N",
}

# Spellings of WGS84 lon/lat in GeoJSON "crs" members (QGIS writes the OGC URN).
_WGS84_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:epsg::4326",
    "epsg:4326",
    "crs84",
    "ogc:crs84",
    "wgs84",
}


def epsg_of(text_or_code) -> int:
    """EPSG code of a GeoJSON crs name, a `.prj` WKT, or a code; UserError if unknown."""
    if isinstance(text_or_code, int):
        return text_or_code
    text = str(text_or_code).strip()
    if text.lower() in _WGS84_NAMES:
        return WGS84
    try:
        crs = CRS.from_user_input(text)
    except Exception:  # noqa: BLE001 — pyproj raises several kinds for unreadable text
        raise UserError(_("Unknown coordinate system: {crs}").format(crs=text[:80])) from None
    code = crs.to_epsg(min_confidence=60)
    if code is None:
        # ESRI .prj files name UTM zones without an EPSG code; match by the zone's parameters
        for known in KNOWN:
            if crs.equals(CRS.from_epsg(known), ignore_axis_order=True):
                return known
        if crs.is_geographic and crs.datum and "WGS" in crs.datum.name.upper().replace("_", " "):
            return WGS84
        raise UserError(_("Unknown coordinate system: {crs}").format(crs=crs.name))
    return code


@lru_cache(maxsize=16)
def _transformer(src: int, dst: int) -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(src), CRS.from_epsg(dst), always_xy=True)


def to_wgs84(geom, epsg: int):
    """The geometry reprojected from `epsg` to WGS84 lon/lat (unchanged when already so)."""
    if geom is None or epsg == WGS84:
        return geom
    t = _transformer(epsg, WGS84)
    return shapely.transform(geom, lambda x, y: t.transform(x, y), interleaved=False)


def from_wgs84(geom, epsg: int):
    """The geometry reprojected from WGS84 lon/lat to `epsg`."""
    if geom is None or epsg == WGS84:
        return geom
    t = _transformer(WGS84, epsg)
    return shapely.transform(geom, lambda x, y: t.transform(x, y), interleaved=False)


def utm_epsg(lon: float) -> int:
    """UTM zone (WGS84) for a longitude in Thailand: 47N west of 102°E, 48N east of it."""
    return 32647 if lon < 102.0 else 32648


def wkt_of(epsg: int) -> str:
    """ESRI WKT for a `.prj` file (what ArcGIS and QGIS write beside a shapefile)."""
    from pyproj.enums import WktVersion

    return CRS.from_epsg(epsg).to_wkt(WktVersion.WKT1_ESRI)


def looks_like_degrees(bounds) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
