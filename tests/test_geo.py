"""geo: map files as the tools write them, areas on the ellipsoid, checks, round trips."""

import json

import pytest
from geo_fixtures import (
    PRJ_32647,
    TEN_RAI,
    google_earth_kmz,
    handheld_gpx,
    land_office_shapefile_zip,
    metric_polygon,
    qgis_geojson,
)
from shapely.geometry import MultiPolygon, Point, Polygon

from tambon_desk import geo
from tambon_desk.core.errors import UserError

WA = 4.0  # one ตารางวา in m²


def read(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return geo.read_features(path)


# --- areas -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lon,lat", [(100.05, 13.8), (99.2, 18.8), (104.8, 15.2), (100.5, 7.0)])
def test_ten_rai_is_ten_rai_anywhere_in_thailand(lon, lat):
    poly = metric_polygon(TEN_RAI, lon0=lon, lat0=lat)
    area = geo.geodesic_area_m2(poly)
    assert abs(area - 16000) < WA
    assert geo.rnw_dash(area) == "10-0-0"
    assert geo.rai_decimal(area) == pytest.approx(10, abs=0.003)


def test_hole_is_subtracted_whatever_the_ring_orientation():
    shell = [(0, 0), (40, 0), (40, 40), (0, 40)]
    hole = [(10, 10), (10, 20), (20, 20), (20, 10)]
    p = metric_polygon(shell, [hole])
    flipped = Polygon(list(p.exterior.coords)[::-1], [list(p.interiors[0].coords)[::-1]])
    for poly in (p, flipped):
        assert abs(geo.geodesic_area_m2(poly) - (1600 - 100)) < 0.5
    assert geo.rnw_dash(1500) == "0-3-75"
    assert geo.rnw_dash(16000 + 1600 * 2 + 400 * 3 + 4 * 35) == "12-3-35"


def test_area_against_land_document_is_flagged_over_threshold():
    assert not geo.area_flagged(16500, 16000)
    assert geo.area_flagged(19000, 16000)
    assert geo.area_flagged(None, 16000) is False


# --- KML / KMZ -------------------------------------------------------------------------------


def test_google_earth_kmz_keeps_folders_and_extended_data(tmp_path):
    feats = read(tmp_path, "ส้มโอ.kmz", google_earth_kmz())
    assert [f.name for f in feats] == ["แปลงส้มโอ นายสมชาย", "แปลงมีสระ", "บ่อบาดาล"]
    a, b, well = feats
    assert a.folder == "หมู่ 3/ส้มโอ" and well.folder == "หมู่ 3"
    assert a.properties["house_no"] == "99/9" and a.properties["crop"] == "ส้มโอ"
    assert b.properties["crop"] == "มังคุด" and b.properties["description"] == "ขุดสระกลางแปลง"
    assert geo.household_ref(a.properties) == (3, "99/9")
    assert geo.household_ref(b.properties) == (3, "12")
    assert abs(geo.geodesic_area_m2(a.geometry) - 16000) < WA
    assert len(b.geometry.interiors) == 1
    assert abs(geo.geodesic_area_m2(b.geometry) - 4000) < WA
    assert isinstance(well.geometry, Point)
    for f in feats:
        assert geo.check_feature(f).ok, f.errors


def test_kmz_without_kml_and_broken_kml_are_told(tmp_path):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "x")
    with pytest.raises(UserError):
        read(tmp_path, "empty.kmz", buf.getvalue())
    with pytest.raises(UserError):
        read(tmp_path, "broken.kml", b"<kml><Document><Placemark>")


# --- GPX -------------------------------------------------------------------------------------


def test_handheld_track_closes_into_polygon_with_every_vertex(tmp_path):
    data, n = handheld_gpx(gap_m=4.0)
    wpt, trk = read(tmp_path, "etrex.gpx", data)
    assert isinstance(wpt.geometry, Point) and wpt.properties["cmt"].startswith("หมู่ 3 99/9")
    assert geo.household_ref(wpt.properties) == (3, "99/9")
    assert isinstance(trk.geometry, Polygon)
    assert len(trk.geometry.exterior.coords) == n + 1  # kept as walked, closed
    assert abs(geo.geodesic_area_m2(trk.geometry) - 8000) < 80 * 4 / 2 + WA  # gap sliver
    assert geo.household_ref(trk.properties) == (3, "99/9")
    assert geo.check_feature(trk).ok


def test_open_track_is_a_row_error(tmp_path):
    data, _n = handheld_gpx(gap_m=45.0)
    _wpt, trk = read(tmp_path, "open.gpx", data)
    assert not trk.ok and "45" in trk.errors[0]


# --- GeoJSON ---------------------------------------------------------------------------------


def test_qgis_multipolygon_with_hole(tmp_path):
    (f,) = read(tmp_path, "plots.geojson", qgis_geojson())
    assert isinstance(f.geometry, MultiPolygon) and len(f.geometry.geoms) == 2
    assert sum(len(p.interiors) for p in f.geometry.geoms) == 1
    assert abs(geo.geodesic_area_m2(f.geometry) - 20000) < WA
    assert geo.rnw_dash(geo.geodesic_area_m2(f.geometry)) == "12-2-0"
    assert geo.household_ref(f.properties) == (2, "45")


def test_geojson_crs_member_is_honoured_and_missing_crs_refused(tmp_path):
    utm = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32647"}},
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": [500000, 1500000]},
            }
        ],
    }
    (f,) = read(tmp_path, "utm.geojson", json.dumps(utm).encode())
    assert f.geometry.x == pytest.approx(99.0, abs=1e-9)
    assert 13.5 < f.geometry.y < 13.6
    del utm["crs"]
    (g,) = read(tmp_path, "nocrs.geojson", json.dumps(utm).encode())
    assert not g.ok


# --- Shapefile -------------------------------------------------------------------------------


def test_zipped_land_office_shapefile_in_utm_47n(tmp_path):
    (f,) = read(tmp_path, "parcels.zip", land_office_shapefile_zip())
    assert f.properties["HOUSE_NO"] == "99/9" and f.properties["DOC"] == "โฉนด"
    assert geo.household_ref(f.properties) == (3, "99/9")
    minx, miny, maxx, maxy = f.geometry.bounds
    assert minx == pytest.approx(99.0, abs=1e-9)  # the zone's central meridian
    # 16,000 m² of UTM grid on the central meridian is 16,000 / 0.9996² on the ground
    assert abs(geo.geodesic_area_m2(f.geometry) - 16000 / 0.9996**2) < WA
    assert geo.check_feature(f).ok


def test_loose_shapefile_and_indian_1975_datum_shift(tmp_path):
    import io
    import zipfile

    z = zipfile.ZipFile(io.BytesIO(land_office_shapefile_zip(folder="")))
    z.extractall(tmp_path)
    (wgs,) = geo.read_features(tmp_path / "parcels.shp")
    indian = geo.epsg_of("EPSG:24047")
    assert indian == 24047
    from pyproj import CRS

    prj = CRS.from_epsg(24047).to_wkt()
    (ind,) = read(tmp_path, "indian.zip", land_office_shapefile_zip(prj=prj))
    shift = geo.distance_m(wgs.geometry.exterior.coords[0], ind.geometry.exterior.coords[0])
    assert 300 < shift < 800  # Indian 1975 → WGS 84 in Thailand


def test_shapefile_without_prj_in_metres_is_refused(tmp_path):
    with pytest.raises(UserError, match=".prj"):
        read(tmp_path, "noprj.zip", land_office_shapefile_zip(prj=None))
    assert geo.epsg_of(PRJ_32647) == 32647


# --- CSV -------------------------------------------------------------------------------------


def test_csv_lat_lon_points(tmp_path):
    data = "ชื่อ,lat,lon,หมู่,บ้านเลขที่\nบ่อ 1,13.81,100.06,3,99/9\nผิด,abc,100,3,1\n"
    a, b = read(tmp_path, "points.csv", data.encode("utf-8-sig"))
    assert (a.geometry.x, a.geometry.y) == (100.06, 13.81)
    assert geo.household_ref(a.properties) == (3, "99/9")
    assert not geo.check_feature(b).ok


# --- row-level checks ------------------------------------------------------------------------


def test_row_errors_outside_thailand_empty_selfintersecting():
    swapped = geo.Feature(Point(13.8, 100.05))
    assert "Thailand" in geo.check_feature(swapped).errors[0] or swapped.errors
    assert not geo.check_feature(geo.Feature(Polygon())).ok
    assert not geo.check_feature(geo.Feature(None)).ok
    bow = metric_polygon([(0, 0), (50, 50), (50, 0), (0, 50)])
    f = geo.check_feature(geo.Feature(bow))
    assert not f.ok
    g = geo.check_feature(geo.Feature(bow), accept_repair=True)
    assert g.ok and g.notes and g.geometry.is_valid
    assert abs(geo.geodesic_area_m2(g.geometry) - 1250) < 1


def test_thai_messages():
    from tambon_desk.core import i18n

    i18n.set_language("th") if hasattr(i18n, "set_language") else None
    f = geo.check_feature(geo.Feature(Polygon()))
    assert f.errors and any("\u0e00" <= ch <= "\u0e7f" for ch in f.errors[0])


# --- export round trips ----------------------------------------------------------------------


def _layers():
    plot = metric_polygon(
        [(0, 0), (40, 0), (40, 40), (0, 40)], [[(10, 10), (10, 20), (20, 20), (20, 10)]]
    )
    multi = MultiPolygon([metric_polygon(TEN_RAI), metric_polygon([(300, 0), (330, 0), (330, 30)])])
    area = geo.geodesic_area_m2(plot)
    props = {
        "layer": "plots",
        "name": "แปลง ก",
        "village": "หมู่ 3 บ้านดอน",
        "house_no": "99/9",
        "crop": "ส้มโอ",
        "land_document": "โฉนด",
        "area_m2": round(area, 2),
        "area_rai": float(geo.rai_decimal(area)),
        "area_rai_ngan_wa": geo.rnw_dash(area),
        "centroid": geo.centroid_text(plot),
    }
    plots = [geo.Feature(plot, props), geo.Feature(multi, dict(props, name="แปลง ข"))]
    well = [
        geo.Feature(
            Point(100.0512345678, 13.8012345678),
            {"layer": "sources", "name": "บ่อบาดาล", "kind": "well"},
        )
    ]
    return [("plots", plots), ("sources", well)]


@pytest.mark.parametrize("fmt", ["kml", "kmz", "geojson", "shp"])
def test_export_reads_back_identical(tmp_path, fmt):
    layers = _layers()
    out = geo.write_features(layers, fmt, tmp_path / f"map.{'zip' if fmt == 'shp' else fmt}")
    back = geo.read_features(out)
    written = [f for _t, feats in layers for f in feats]
    assert len(back) == len(written)
    by_name = {f.name: f for f in back}
    for f in written:
        g = by_name[f.name]
        assert g.geometry.normalize().equals_exact(f.geometry.normalize(), 1e-9), fmt
        for k, v in f.properties.items():
            got = g.properties.get(k)
            if isinstance(v, float):
                assert float(got) == pytest.approx(v, abs=1e-6), (fmt, k)
            else:
                assert str(got) == str(v), (fmt, k)


# --- offline backgrounds ---------------------------------------------------------------------


def _png(colour) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(buf, "PNG")
    return buf.getvalue()


def test_mbtiles_background_gives_the_tile_under_the_window(tmp_path):
    import math
    import sqlite3

    path = tmp_path / "ortho.mbtiles"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name text, value text)")
    con.execute(
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
        "tile_data blob)"
    )
    z, lon, lat = 14, 100.05, 13.80
    n = 2**z
    tx = int((lon + 180) / 360 * n)
    ty = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    con.execute("INSERT INTO tiles VALUES (?,?,?,?)", (z, tx, n - 1 - ty, _png((200, 30, 30))))
    con.executemany(
        "INSERT INTO metadata VALUES (?,?)",
        [("bounds", "100.0,13.7,100.1,13.9"), ("format", "png")],
    )
    con.commit()
    con.close()
    bg = geo.open_background(path)
    assert bg.kind == "mbtiles" and bg.bounds == (100.0, 13.7, 100.1, 13.9)
    img = bg.image((lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001), (100, 100))
    assert img.size == (100, 100)
    r, g, b = img.getpixel((50, 50))
    assert r > 150 and g < 80  # the red tile, not blank


def test_geotiff_background_in_utm_is_placed_by_its_geokeys(tmp_path):
    import numpy as np
    import tifffile

    arr = np.zeros((100, 200, 3), dtype=np.uint8)
    arr[:, 100:] = (0, 0, 255)  # east half blue
    geokeys = (1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 32647)  # projected, EPSG:32647
    tifffile.imwrite(
        tmp_path / "ortho.tif",
        arr,
        photometric="rgb",
        extratags=[
            (33550, "d", 3, (1.0, 1.0, 0.0), False),  # 1 m pixels
            (33922, "d", 6, (0, 0, 0, 500000.0, 1500100.0, 0), False),
            (34735, "H", len(geokeys), geokeys, False),
        ],
    )
    bg = geo.open_background(tmp_path / "ortho.tif")
    assert bg.kind == "geotiff"
    assert bg.bounds[0] == pytest.approx(99.0, abs=1e-6)  # west edge on the meridian
    x0, y0, x1, y1 = bg.bounds
    west = bg.image((x0, y0, x0 + (x1 - x0) / 2, y1), (20, 20)).getpixel((10, 10))
    east = bg.image((x0 + (x1 - x0) / 2, y0, x1, y1), (20, 20)).getpixel((10, 10))
    assert west[2] < 60 and east[2] > 200
    with pytest.raises(UserError):
        geo.open_background(tmp_path / "missing.mbtiles")


def test_kml_export_colours_plots_by_crop_for_google_earth(tmp_path):
    import xml.etree.ElementTree as ET

    out = geo.write_features(_layers(), "kml", tmp_path / "m.kml")
    root = ET.parse(out).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    styles = {s.get("id"): s for s in root.iter("{http://www.opengis.net/kml/2.2}Style")}
    pms = root.findall(".//k:Placemark", ns)
    urls = [pm.find("k:styleUrl", ns).text.lstrip("#") for pm in pms]
    assert all(u in styles for u in urls)
    plot_style = styles[urls[0]]
    assert plot_style.find("k:PolyStyle/k:color", ns) is not None
    assert urls[0] == urls[1] and urls[2] != urls[0]  # same crop, then a well
