"""ESRI Shapefiles in and out (pyshp): a `.zip` or loose `.shp/.shx/.dbf` with `.prj`.

The land office and QGIS deliver parcels in UTM (EPSG:32647/32648) or Indian 1975 UTM; the
`.prj` says which, and the geometry is reprojected to WGS84. Without a `.prj`, coordinates that
are degrees are taken as WGS84 and anything else is refused (guessing a zone puts a parcel
hundreds of kilometres away). DBF text is read with the `.cpg` encoding, else UTF-8, else
TIS-620 (cp874), which older Thai GIS files use.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import shapefile
from shapely.geometry import LineString, MultiPolygon, Polygon, shape
from shapely.geometry.polygon import orient

from ..core.errors import UserError
from ..core.i18n import _
from .crs import WGS84, epsg_of, looks_like_degrees, to_wgs84, wkt_of
from .geometry import Feature

# DBF field names have at most 10 characters: the export's long property names and back.
SHORT_NAMES = {
    "area_rai_ngan_wa": "area_rnw",
    "land_document": "land_doc",
    "geometry_area_m2": "geom_m2",
    "problem_type": "problem",
    "household": "household",
}
LONG_NAMES = {v: k for k, v in SHORT_NAMES.items()}


def _encoding(cpg: bytes | None, dbf: bytes) -> str:
    if cpg:
        text = cpg.decode("ascii", "ignore").strip().lower()
        if text in ("874", "tis-620", "tis620", "cp874", "windows-874"):
            return "cp874"
        if text:
            return text.replace("utf8", "utf-8")
    try:
        dbf.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp874"


def _read_one(
    shp: bytes, shx: bytes | None, dbf: bytes, prj: bytes | None, cpg: bytes | None, layer: str
) -> list[Feature]:
    enc = _encoding(cpg, dbf)
    try:
        reader = shapefile.Reader(
            shp=io.BytesIO(shp),
            shx=io.BytesIO(shx) if shx else None,
            dbf=io.BytesIO(dbf),
            encoding=enc,
            encodingErrors="replace",
        )
    except shapefile.ShapefileException as exc:
        raise UserError(_("The shapefile cannot be read: {error}").format(error=exc)) from None
    epsg = epsg_of(prj.decode("utf-8", "replace")) if prj else None
    if epsg is None and reader.shapeType != shapefile.NULL and not looks_like_degrees(reader.bbox):
        raise UserError(
            _(
                "The shapefile has no .prj file and its coordinates are not degrees: "
                "add the .prj (its coordinate system) and load it again."
            )
        )
    names = [f[0] for f in reader.fields[1:]]
    out: list[Feature] = []
    for i, sr in enumerate(reader.iterShapeRecords(), 1):
        props = {LONG_NAMES.get(n, n): v for n, v in zip(names, sr.record, strict=False)}
        geom = None
        if sr.shape.shapeType != shapefile.NULL and sr.shape.points:
            geom = to_wgs84(shape(sr.shape.__geo_interface__), epsg or WGS84)
        out.append(Feature(geom, props, layer, i))
    return out


def read_shapefile_zip(data: bytes) -> list[Feature]:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UserError(_("The file is not a valid zip file.")) from None
    with z:
        members = {n.lower(): n for n in z.namelist()}
        shps = sorted(n for n in members if n.endswith(".shp"))
        if not shps:
            raise UserError(_("The zip file holds no shapefile (.shp)."))
        out: list[Feature] = []
        for s in shps:
            stem = s[:-4]

            def part(ext, required=False, stem=stem):
                name = members.get(stem + ext)
                if name is None:
                    if required:
                        raise UserError(
                            _("The shapefile {name} lacks its {ext} file.").format(
                                name=Path(stem).name, ext=ext
                            )
                        )
                    return None
                return z.read(name)

            feats = _read_one(
                part(".shp", True),
                part(".shx"),
                part(".dbf", True),
                part(".prj"),
                part(".cpg"),
                Path(stem).name,
            )
            for f in feats:
                f.row = len(out) + 1
                out.append(f)
        return out


def read_shapefile(path: Path) -> list[Feature]:
    """A `.shp` with its sibling files (any case of extension)."""
    path = Path(path)
    siblings = {p.suffix.lower(): p for p in path.parent.glob(path.stem + ".*")}

    def part(ext, required=False):
        p = siblings.get(ext)
        if p is None:
            if required:
                raise UserError(
                    _("The shapefile {name} lacks its {ext} file.").format(name=path.stem, ext=ext)
                )
            return None
        return p.read_bytes()

    return _read_one(
        part(".shp", True), part(".shx"), part(".dbf", True), part(".prj"), part(".cpg"), path.stem
    )


# --- writing -------------------------------------------------------------------------------


def _family(geom) -> str:
    if isinstance(geom, (Polygon, MultiPolygon)):
        return "polygon"
    if isinstance(geom, LineString):
        return "line"
    return "point"


def _field_type(values) -> tuple[str, int, int]:
    vals = [v for v in values if v not in (None, "")]
    if vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return "N", 18, 0
    if vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return "N", 24, 6
    return "C", 254, 0


def _write_layer(z: zipfile.ZipFile, stem: str, features: list[Feature], epsg: int = WGS84):
    family = _family(features[0].geometry)
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    kind = {"polygon": shapefile.POLYGON, "line": shapefile.POLYLINE, "point": shapefile.POINT}[
        family
    ]
    w = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=kind, encoding="utf-8")
    keys: list[str] = []
    for f in features:
        for k in f.properties:
            if k not in keys:
                keys.append(k)
    for k in keys:
        ftype, size, dec = _field_type([f.properties.get(k) for f in features])
        w.field(SHORT_NAMES.get(k, k)[:10], ftype, size=size, decimal=dec)
    for f in features:
        g = f.geometry
        if family == "polygon":
            polys = list(g.geoms) if isinstance(g, MultiPolygon) else [g]
            rings = []
            for p in polys:
                p = orient(p, -1.0)  # shapefile: outer rings clockwise, holes not
                rings.append([list(c) for c in p.exterior.coords])
                rings.extend([list(c) for c in h.coords] for h in p.interiors)
            w.poly(rings)
        elif family == "line":
            w.line([[list(c) for c in g.coords]])
        else:
            w.point(g.x, g.y)
        w.record(*[f.properties.get(k) if f.properties.get(k) is not None else "" for k in keys])
    w.close()
    z.writestr(stem + ".shp", shp.getvalue())
    z.writestr(stem + ".shx", shx.getvalue())
    z.writestr(stem + ".dbf", dbf.getvalue())
    z.writestr(stem + ".prj", wkt_of(epsg))
    z.writestr(stem + ".cpg", "UTF-8")


def shapefile_zip_bytes(layers: list[tuple[str, list[Feature]]]) -> bytes:
    """A zip of shapefiles: one per layer and geometry kind (a shapefile holds one kind)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, features in layers:
            groups: dict[str, list[Feature]] = {}
            for f in features:
                if f.geometry is not None and not f.geometry.is_empty:
                    groups.setdefault(_family(f.geometry), []).append(f)
            for family, feats in groups.items():
                stem = name if len(groups) == 1 else f"{name}_{family}"
                _write_layer(z, stem, feats)
    return buf.getvalue()
