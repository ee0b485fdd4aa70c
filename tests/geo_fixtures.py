# ruff: noqa: E501, W291 -- the files below are written line for line as the tools write them
"""Map files as the offices' tools write them, built in code (never downloaded).

Shapes are laid out in metres in an equal-area projection centred on the plot, so their true
area on the ellipsoid is known independently of the code under test.
"""

from __future__ import annotations

import io
import zipfile

import shapely
from pyproj import Transformer
from shapely.geometry import Polygon

# Moo 3 of a pomelo tambon in Nakhon Pathom (UTM 47N).
LON0, LAT0 = 100.05, 13.80


def laea(lon0=LON0, lat0=LAT0):
    """metres (x east, y north) around (lon0, lat0) -> lon/lat, equal-area."""
    return Transformer.from_crs(
        f"+proj=laea +lat_0={lat0} +lon_0={lon0} +ellps=WGS84", "EPSG:4326", always_xy=True
    )


def metric_polygon(shell, holes=(), lon0=LON0, lat0=LAT0):
    """A WGS84 polygon drawn in metres around (lon0, lat0); its area is Polygon(shell).area."""
    t = laea(lon0, lat0)
    return shapely.transform(
        Polygon(shell, list(holes)), lambda x, y: t.transform(x, y), interleaved=False
    )


def coords_text(ring) -> str:
    return " ".join(f"{x!r},{y!r},0" for x, y in ring.coords)


# 10 rai = 16,000 m²; 2-1-50 = 3,200+400+200 = 3,800 m² after a 200 m² hole is cut
TEN_RAI = [(0, 0), (100, 0), (100, 160), (0, 160)]
SHELL_B = [(300, 0), (360, 0), (360, 70), (300, 70)]  # 4,200 m²
HOLE_B = [(320, 20), (340, 20), (340, 30), (320, 30)]  # 200 m²


def google_earth_kmz(moo: int = 3) -> bytes:
    """A KMZ as Google Earth Pro saves it: Schema, StyleMap, nested folders, both kinds of
    ExtendedData, tessellated polygons, coordinates with altitude, tabs and newlines."""
    a = metric_polygon(TEN_RAI)
    b = metric_polygon(SHELL_B, [HOLE_B])
    pt = metric_polygon([(50, 250), (51, 250), (51, 251)]).exterior.coords[0]
    kml = f"""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2" xmlns:kml="http://www.opengis.net/kml/2.2" xmlns:atom="http://www.w3.org/2005/Atom">
<Document>
\t<name>แปลงส้มโอ หมู่ 3.kmz</name>
\t<Schema name="แปลง" id="S_plots_SSSSS">
\t\t<SimpleField type="string" name="moo"></SimpleField>
\t\t<SimpleField type="string" name="house_no"></SimpleField>
\t\t<SimpleField type="string" name="crop"></SimpleField>
\t</Schema>
\t<StyleMap id="m_ylw-pushpin">
\t\t<Pair><key>normal</key><styleUrl>#s_ylw-pushpin</styleUrl></Pair>
\t</StyleMap>
\t<Style id="s_ylw-pushpin"><IconStyle><scale>1.1</scale></IconStyle></Style>
\t<Folder>
\t\t<name>หมู่ 3</name>
\t\t<open>1</open>
\t\t<Folder>
\t\t\t<name>ส้มโอ</name>
\t\t\t<Placemark>
\t\t\t\t<name>แปลงส้มโอ นายสมชาย</name>
\t\t\t\t<styleUrl>#m_ylw-pushpin</styleUrl>
\t\t\t\t<ExtendedData>
\t\t\t\t\t<SchemaData schemaUrl="#S_plots_SSSSS">
\t\t\t\t\t\t<SimpleData name="moo">{moo}</SimpleData>
\t\t\t\t\t\t<SimpleData name="house_no">99/9</SimpleData>
\t\t\t\t\t\t<SimpleData name="crop">ส้มโอ</SimpleData>
\t\t\t\t\t</SchemaData>
\t\t\t\t</ExtendedData>
\t\t\t\t<Polygon>
\t\t\t\t\t<tessellate>1</tessellate>
\t\t\t\t\t<outerBoundaryIs>
\t\t\t\t\t\t<LinearRing>
\t\t\t\t\t\t\t<coordinates>
\t\t\t\t\t\t\t\t{coords_text(a.exterior)} 
\t\t\t\t\t\t\t</coordinates>
\t\t\t\t\t\t</LinearRing>
\t\t\t\t\t</outerBoundaryIs>
\t\t\t\t</Polygon>
\t\t\t</Placemark>
\t\t\t<Placemark>
\t\t\t\t<name>แปลงมีสระ</name>
\t\t\t\t<description>ขุดสระกลางแปลง</description>
\t\t\t\t<ExtendedData>
\t\t\t\t\t<Data name="household"><value>หมู่ {moo} บ้านเลขที่ 12</value></Data>
\t\t\t\t\t<Data name="crop"><value>มังคุด</value></Data>
\t\t\t\t</ExtendedData>
\t\t\t\t<Polygon><tessellate>1</tessellate>
\t\t\t\t\t<outerBoundaryIs><LinearRing><coordinates>{coords_text(b.exterior)}</coordinates></LinearRing></outerBoundaryIs>
\t\t\t\t\t<innerBoundaryIs><LinearRing><coordinates>{coords_text(b.interiors[0])}</coordinates></LinearRing></innerBoundaryIs>
\t\t\t\t</Polygon>
\t\t\t</Placemark>
\t\t</Folder>
\t\t<Placemark>
\t\t\t<name>บ่อบาดาล</name>
\t\t\t<LookAt><longitude>{pt[0]!r}</longitude><latitude>{pt[1]!r}</latitude></LookAt>
\t\t\t<Point><gx:drawOrder>1</gx:drawOrder><coordinates>{pt[0]!r},{pt[1]!r},0</coordinates></Point>
\t\t</Placemark>
\t</Folder>
</Document>
</kml>
"""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("doc.kml", kml.encode("utf-8"))
        z.writestr("files/icon.png", b"\x89PNG\r\n\x1a\n")
    return buf.getvalue()


def handheld_gpx(gap_m: float = 4.0) -> tuple[bytes, int]:
    """A Garmin eTrex track walked around an 80 m x 100 m plot, a point every ~10 m, ending
    `gap_m` short of the start; plus a waypoint. Returns (file, number of track points)."""
    t = laea()
    pts = []
    for x in range(0, 80, 10):
        pts.append((x, 0))
    for y in range(0, 100, 10):
        pts.append((80, y))
    for x in range(80, 0, -10):
        pts.append((x, 100))
    for y in range(100, int(gap_m) - 1, -10):
        pts.append((0, y))
    pts.append((0, gap_m))
    seg = "\n".join(
        f'   <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>4.{i % 9}</ele>'
        f"<time>2026-11-20T02:{i // 60:02d}:{i % 60:02d}Z</time></trkpt>"
        for i, (lon, lat) in enumerate(t.transform(x, y) for x, y in pts)
    )
    wlon, wlat = t.transform(40, 50)
    gpx = f"""<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3" creator="eTrex 10" version="1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
 <metadata><link href="http://www.garmin.com"><text>Garmin International</text></link><time>2026-11-20T02:10:00Z</time></metadata>
 <wpt lat="{wlat:.7f}" lon="{wlon:.7f}"><ele>5.1</ele><time>2026-11-20T02:05:00Z</time><name>001</name><cmt>หมู่ 3 99/9 บ่อน้ำ</cmt><desc>บ่อน้ำตื้น</desc><sym>Flag, Blue</sym></wpt>
 <trk>
  <name>ACTIVE LOG 001</name>
  <cmt>หมู่ 3 99/9</cmt>
  <extensions><gpxx:TrackExtension><gpxx:DisplayColor>Cyan</gpxx:DisplayColor></gpxx:TrackExtension></extensions>
  <trkseg>
{seg}
  </trkseg>
 </trk>
</gpx>
"""
    return gpx.encode("utf-8"), len(pts)


def qgis_geojson() -> bytes:
    """GeoJSON as QGIS 3 exports it: name, OGC CRS84 crs member, one feature per line."""
    import json

    a = metric_polygon(TEN_RAI)
    b = metric_polygon(SHELL_B, [HOLE_B])

    def rings(p):
        return [[list(c) for c in p.exterior.coords]] + [
            [list(c) for c in h.coords] for h in p.interiors
        ]

    geom = {"type": "MultiPolygon", "coordinates": [rings(a), rings(b)]}
    feat = {
        "type": "Feature",
        "properties": {"fid": 1, "name": "แปลงรวม", "moo": 2, "house_no": "45", "crop": "ข้าว"},
        "geometry": geom,
    }
    return (
        '{\n"type": "FeatureCollection",\n"name": "plots",\n'
        '"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },\n'
        '"features": [\n' + json.dumps(feat, ensure_ascii=False) + "\n]\n}\n"
    ).encode("utf-8")


# The .prj QGIS/ArcGIS write beside a shapefile in WGS 84 / UTM zone 47N (ESRI WKT1).
PRJ_32647 = (
    'PROJCS["WGS_1984_UTM_Zone_47N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",'
    'SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
    'PARAMETER["Central_Meridian",99.0],PARAMETER["Scale_Factor",0.9996],'
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)


def land_office_shapefile_zip(x0=500000.0, y0=1500000.0, prj=PRJ_32647, folder="parcels/") -> bytes:
    """A zipped shapefile in EPSG:32647: a 100 m x 160 m parcel on the central meridian with
    Thai DBF text (TIS-620 with a .cpg, as Thai offices' files often are)."""
    import shapefile

    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    w = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding="cp874")
    w.field("PARCEL_NO", "C", 20)
    w.field("MOO", "N", 4, 0)
    w.field("HOUSE_NO", "C", 20)
    w.field("DOC", "C", 40)
    ring = [[x0, y0], [x0, y0 + 160], [x0 + 100, y0 + 160], [x0 + 100, y0], [x0, y0]]  # clockwise
    w.poly([ring])
    w.record("4521", 3, "99/9", "โฉนด")
    w.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(folder + "parcels.shp", shp.getvalue())
        z.writestr(folder + "parcels.shx", shx.getvalue())
        z.writestr(folder + "parcels.dbf", dbf.getvalue())
        if prj:
            z.writestr(folder + "parcels.prj", prj)
        z.writestr(folder + "parcels.cpg", "874")
    return buf.getvalue()
