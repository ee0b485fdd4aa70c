"""Geometry for Tambon Desk: shapes on records, CRS, geodesic area, map files in and out.

Pure: no database and no windows. Modules: geometry (Feature, checks, repair, area on the
ellipsoid, rai-ngan-wa), crs (UTM 47N/48N, Indian 1975, WGS84), refs (a feature's household),
kml, gpx, geojson, shp, csvfile (readers and writers), files (by file name), background
(offline GeoTIFF and MBTiles images behind the map).
"""

from .background import Background, open_background
from .crs import KNOWN as KNOWN_CRS
from .crs import epsg_of, from_wgs84, to_wgs84, utm_epsg
from .files import FORMATS, READ_SUFFIXES, read_features, write_features
from .geometry import (
    AREA_DIFF_THRESHOLD,
    PLOT_TYPES,
    THAILAND_BBOX,
    Feature,
    area_difference,
    area_flagged,
    centroid_text,
    check_feature,
    distance_m,
    from_geojson,
    geodesic_area_m2,
    inside_thailand,
    rai_decimal,
    repair,
    rnw_dash,
    rnw_parts,
    to_geojson,
)
from .gpx import CLOSE_M
from .refs import household_ref, parse_option, parse_ref

__all__ = [
    "AREA_DIFF_THRESHOLD",
    "CLOSE_M",
    "FORMATS",
    "KNOWN_CRS",
    "PLOT_TYPES",
    "READ_SUFFIXES",
    "THAILAND_BBOX",
    "Background",
    "Feature",
    "area_difference",
    "area_flagged",
    "centroid_text",
    "check_feature",
    "distance_m",
    "epsg_of",
    "from_geojson",
    "from_wgs84",
    "geodesic_area_m2",
    "household_ref",
    "inside_thailand",
    "open_background",
    "parse_option",
    "parse_ref",
    "rai_decimal",
    "read_features",
    "repair",
    "rnw_dash",
    "rnw_parts",
    "to_geojson",
    "to_wgs84",
    "utm_epsg",
    "write_features",
]
