"""Reading any of the supported files by its name, and writing the export formats."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..core.errors import UserError
from ..core.i18n import _
from .csvfile import read_csv
from .geojson import geojson_bytes, read_geojson
from .geometry import Feature
from .gpx import read_gpx
from .kml import kml_bytes, kmz_bytes, read_kml, read_kmz
from .shp import read_shapefile, read_shapefile_zip, shapefile_zip_bytes

READ_SUFFIXES = (".kml", ".kmz", ".gpx", ".geojson", ".json", ".zip", ".shp", ".csv")
FORMATS = ("kml", "kmz", "geojson", "shp")


def read_features(path) -> list[Feature]:
    """Features (WGS84) of a KML/KMZ/GPX/GeoJSON/Shapefile/CSV file, by its suffix."""
    path = Path(path)
    if not path.exists():
        raise UserError(_("File not found: {path}").format(path=path))
    suffix = path.suffix.lower()
    if suffix == ".shp":
        return read_shapefile(path)
    data = path.read_bytes()
    if suffix == ".kmz" or (suffix == ".zip" and data[:2] == b"PK" and _is_kmz(data)):
        return read_kmz(data)
    readers = {
        ".kml": read_kml,
        ".gpx": read_gpx,
        ".geojson": read_geojson,
        ".json": read_geojson,
        ".zip": read_shapefile_zip,
        ".csv": read_csv,
    }
    reader = readers.get(suffix)
    if reader is None:
        raise UserError(
            _("Unknown map file type {suffix}: use {known}.").format(
                suffix=suffix or "?", known=", ".join(READ_SUFFIXES)
            )
        )
    return reader(data)


def _is_kmz(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = [n.lower() for n in z.namelist()]
    except zipfile.BadZipFile:
        return False
    return any(n.endswith(".kml") for n in names) and not any(n.endswith(".shp") for n in names)


def write_features(layers: list[tuple[str, list[Feature]]], fmt: str, out) -> Path:
    """Write `layers` [(title, features)] as kml, kmz, geojson or shp (a zip of shapefiles)."""
    writers = {
        "kml": kml_bytes,
        "kmz": kmz_bytes,
        "geojson": geojson_bytes,
        "shp": shapefile_zip_bytes,
    }
    if fmt not in writers:
        raise UserError(
            _("Unknown map format {fmt}: use {known}.").format(fmt=fmt, known=", ".join(FORMATS))
        )
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(writers[fmt](layers))
    tmp.replace(out)
    return out
