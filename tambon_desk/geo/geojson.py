"""GeoJSON in and out, with the coordinate system checked.

RFC 7946 GeoJSON is WGS84 lon/lat and has no `crs` member, but QGIS and older GDAL write one
(`urn:ogc:def:crs:OGC:1.3:CRS84`, or `EPSG:32647` for a layer saved in UTM). A named CRS is
honoured and reprojected; coordinates that cannot be degrees without a CRS are refused rather
than placed in the sea.
"""

from __future__ import annotations

import json

from shapely.geometry import mapping, shape

from ..core.errors import UserError
from ..core.i18n import _
from .crs import WGS84, epsg_of, looks_like_degrees, to_wgs84
from .geometry import Feature


def read_geojson(data: bytes) -> list[Feature]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(_("The GeoJSON file cannot be read: {error}").format(error=exc)) from None
    crs_name = ((doc.get("crs") or {}).get("properties") or {}).get("name")
    epsg = epsg_of(crs_name) if crs_name else WGS84
    if doc.get("type") == "FeatureCollection":
        items = doc.get("features") or []
    elif doc.get("type") == "Feature":
        items = [doc]
    else:
        items = [{"type": "Feature", "geometry": doc, "properties": {}}]
    out: list[Feature] = []
    for i, item in enumerate(items, 1):
        props = dict(item.get("properties") or {})
        g = item.get("geometry")
        f = Feature(None, props, "", i)
        try:
            geom = shape(g) if g else None
        except (ValueError, TypeError, AttributeError, KeyError):
            geom = None
        if geom is not None and not geom.is_empty:
            if epsg == WGS84 and not crs_name and not looks_like_degrees(geom.bounds):
                f.errors.append(
                    _(
                        "The coordinates are not degrees and the file names no "
                        "coordinate system (save it as EPSG:4326 in QGIS)."
                    )
                )
            else:
                geom = to_wgs84(geom, epsg)
        f.geometry = geom
        out.append(f)
    return out


def geojson_bytes(layers: list[tuple[str, list[Feature]]]) -> bytes:
    """One RFC 7946 FeatureCollection (WGS84, no crs member) of every layer's features."""
    features = []
    for _title, items in layers:
        for f in items:
            features.append(
                {
                    "type": "Feature",
                    "properties": f.properties,
                    "geometry": mapping(f.geometry) if f.geometry is not None else None,
                }
            )
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
