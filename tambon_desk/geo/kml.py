"""KML and KMZ in and out: folders, placemarks, ExtendedData (Data and SchemaData).

Google Earth writes `<Folder>` trees and keeps attributes in `<ExtendedData>` either as
`<Data name><value>` or, for layers that came from a shapefile, as
`<SchemaData><SimpleData name>`; both are read so no attribute is dropped. A KMZ is a zip
holding `doc.kml` (or, from some apps, another single `.kml`).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from shapely.geometry import LinearRing, LineString, MultiPolygon, Point, Polygon

from ..core.errors import UserError
from ..core.i18n import _
from .geometry import Feature

KML_NS = "http://www.opengis.net/kml/2.2"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el, name):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _children(el, name):
    return [c for c in el if _local(c.tag) == name]


def _text(el, name) -> str:
    c = _child(el, name)
    return (c.text or "").strip() if c is not None else ""


def _coords(el) -> list[tuple[float, float]]:
    c = None
    for d in el.iter():
        if _local(d.tag) == "coordinates":
            c = d
            break
    if c is None or not (c.text or "").strip():
        return []
    out = []
    for tup in c.text.split():
        parts = tup.split(",")
        if len(parts) >= 2:
            out.append((float(parts[0]), float(parts[1])))
    return out


def _ring(el):
    ring = None
    for d in el.iter():
        if _local(d.tag) == "LinearRing":
            ring = d
            break
    return _coords(ring) if ring is not None else []


def _geometry(el):
    """Shapely geometry of a KML geometry element (None for what a record cannot carry)."""
    kind = _local(el.tag)
    if kind == "Point":
        pts = _coords(el)
        return Point(pts[0]) if pts else Point()
    if kind == "LineString":
        pts = _coords(el)
        return LineString(pts) if len(pts) >= 2 else LineString()
    if kind == "LinearRing":
        pts = _coords(el)
        return Polygon(pts) if len(pts) >= 3 else Polygon()
    if kind == "Polygon":
        outer = _child(el, "outerBoundaryIs")
        shell = _ring(outer) if outer is not None else []
        holes = [_ring(b) for b in _children(el, "innerBoundaryIs")]
        if len(shell) < 3:
            return Polygon()
        return Polygon(shell, [h for h in holes if len(h) >= 3])
    if kind == "MultiGeometry":
        parts = [_geometry(c) for c in el if _local(c.tag) in _GEOMS]
        parts = [p for p in parts if p is not None and not p.is_empty]
        polys = [p for p in parts if isinstance(p, Polygon)]
        if polys and len(polys) == len(parts):
            return MultiPolygon(polys) if len(polys) > 1 else polys[0]
        if len(parts) == 1:
            return parts[0]
        from shapely.geometry import GeometryCollection

        return GeometryCollection(parts)
    return None


_GEOMS = {"Point", "LineString", "LinearRing", "Polygon", "MultiGeometry"}


def _extended(pm) -> dict:
    props = {}
    ext = _child(pm, "ExtendedData")
    if ext is None:
        return props
    for d in ext:
        tag = _local(d.tag)
        if tag == "Data":
            props[d.get("name", "")] = _text(d, "value")
        elif tag == "SchemaData":
            for s in d:
                if _local(s.tag) == "SimpleData":
                    props[s.get("name", "")] = (s.text or "").strip()
    return props


def read_kml(data: bytes) -> list[Feature]:
    """Features of a KML document, each with its folder path and attributes."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise UserError(_("The KML file cannot be read: {error}").format(error=exc)) from None
    out: list[Feature] = []

    def walk(el, path):
        for c in el:
            tag = _local(c.tag)
            if tag in ("Folder", "Document"):
                name = _text(c, "name")
                walk(c, path + [name] if tag == "Folder" else path)
            elif tag == "Placemark":
                geom_el = next((g for g in c if _local(g.tag) in _GEOMS), None)
                props = {"name": _text(c, "name")}
                desc = _text(c, "description")
                if desc:
                    props["description"] = desc
                props.update(_extended(c))
                geom = _geometry(geom_el) if geom_el is not None else None
                out.append(Feature(geom, props, "/".join(p for p in path if p), len(out) + 1))
            elif tag == "kml":
                walk(c, path)

    walk(root if _local(root.tag) != "kml" else root, [])
    return out


def read_kmz(data: bytes) -> list[Feature]:
    """Features of a KMZ (zip): doc.kml, or the first .kml inside."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = [n for n in z.namelist() if n.lower().endswith(".kml")]
            if not names:
                raise UserError(_("The KMZ file holds no .kml document."))
            name = "doc.kml" if "doc.kml" in names else sorted(names)[0]
            return read_kml(z.read(name))
    except zipfile.BadZipFile:
        raise UserError(_("The KMZ file is not a valid zip file.")) from None


# --- writing -------------------------------------------------------------------------------


def _fmt(v: float) -> str:
    return repr(float(v))


def _coord_text(coords) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)},0" for x, y, *_ in coords)


def _add_geometry(parent, geom):
    sub = ET.SubElement
    if isinstance(geom, Point):
        sub(sub(parent, "Point"), "coordinates").text = _coord_text(geom.coords)
    elif isinstance(geom, LineString):
        sub(sub(parent, "LineString"), "coordinates").text = _coord_text(geom.coords)
    elif isinstance(geom, LinearRing):
        sub(sub(parent, "LinearRing"), "coordinates").text = _coord_text(geom.coords)
    elif isinstance(geom, Polygon):
        p = sub(parent, "Polygon")
        ring = sub(sub(p, "outerBoundaryIs"), "LinearRing")
        sub(ring, "coordinates").text = _coord_text(geom.exterior.coords)
        for hole in geom.interiors:
            ring = sub(sub(p, "innerBoundaryIs"), "LinearRing")
            sub(ring, "coordinates").text = _coord_text(hole.coords)
    elif hasattr(geom, "geoms"):
        m = sub(parent, "MultiGeometry")
        for g in geom.geoms:
            _add_geometry(m, g)


# KML colours are aabbggrr. Plots by crop (half transparent), points by layer.
_CROP_FILLS = ["7f50af4c", "7f0098ff", "7fb0279c", "7f29c2e6", "7f485579", "7ff4a903"]
_POINT_COLOURS = {
    "sources": "ffe5881e",
    "households": "ff414c6d",
    "villages": "ff000000",
    "land_cases": "ff3539e5",
}


def _styles(doc, layers) -> dict:
    """Shared <Style>s so plots show coloured by crop in Google Earth; {key: style id}."""
    ids: dict = {}
    for _title, features in layers:
        for f in features:
            layer = str(f.properties.get("layer", ""))
            if isinstance(f.geometry, (Polygon, MultiPolygon)):
                key = ("poly", str(f.properties.get("crop", "")))
            else:
                key = ("point", layer)
            if key in ids:
                continue
            sid = f"s{len(ids) + 1}"
            ids[key] = sid
            st = ET.SubElement(doc, "Style", id=sid)
            if key[0] == "poly":
                n = sum(1 for k in ids if k[0] == "poly") - 1
                ls = ET.SubElement(st, "LineStyle")
                ET.SubElement(ls, "color").text = "ff263238"
                ET.SubElement(ls, "width").text = "1.5"
                ps = ET.SubElement(st, "PolyStyle")
                ET.SubElement(ps, "color").text = _CROP_FILLS[n % len(_CROP_FILLS)]
            else:
                ic = ET.SubElement(st, "IconStyle")
                ET.SubElement(ic, "color").text = _POINT_COLOURS.get(layer, "ffffffff")
                ET.SubElement(ic, "scale").text = "0.8"
    return ids


def _style_key(f):
    if isinstance(f.geometry, (Polygon, MultiPolygon)):
        return ("poly", str(f.properties.get("crop", "")))
    return ("point", str(f.properties.get("layer", "")))


def kml_bytes(layers: list[tuple[str, list[Feature]]], title: str = "Tambon Desk") -> bytes:
    """A KML document with one folder per layer; attributes as ExtendedData/Data; plots
    coloured by crop."""
    ET.register_namespace("", KML_NS)
    root = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = title
    styles = _styles(doc, layers)
    for layer_title, features in layers:
        folder = ET.SubElement(doc, "Folder")
        ET.SubElement(folder, "name").text = layer_title
        for f in features:
            pm = ET.SubElement(folder, "Placemark")
            ET.SubElement(pm, "name").text = f.name
            if f.geometry is not None and _style_key(f) in styles:
                ET.SubElement(pm, "styleUrl").text = "#" + styles[_style_key(f)]
            ext = ET.SubElement(pm, "ExtendedData")
            for k, v in f.properties.items():
                d = ET.SubElement(ext, "Data", name=str(k))
                ET.SubElement(d, "value").text = "" if v is None else str(v)
            if f.geometry is not None and not f.geometry.is_empty:
                _add_geometry(pm, f.geometry)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")


def kmz_bytes(layers, title: str = "Tambon Desk") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("doc.kml", kml_bytes(layers, title))
    return buf.getvalue()
