"""CSV of latitude/longitude points (a GPS app's export, or a sheet typed by hand)."""

from __future__ import annotations

import csv
import io

from shapely.geometry import Point

from ..core.errors import UserError
from ..core.i18n import _
from ..thai import thai_to_arabic_digits
from .geometry import Feature

LAT = ("lat", "latitude", "y", "ละติจูด", "พิกัด y", "lat_dd")
LON = ("lon", "lng", "long", "longitude", "x", "ลองจิจูด", "พิกัด x", "lon_dd")


def read_csv(data: bytes) -> list[Feature]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp874", "replace")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    header = [h.strip() for h in rows[0]]
    low = [h.lower() for h in header]
    ilat = next((low.index(k) for k in LAT if k in low), None)
    ilon = next((low.index(k) for k in LON if k in low), None)
    if ilat is None or ilon is None:
        raise UserError(_("The CSV file needs latitude and longitude columns (lat, lon)."))
    out: list[Feature] = []
    for i, row in enumerate(rows[1:], 1):
        if not any(c.strip() for c in row):
            continue
        props = {
            h: (row[j].strip() if j < len(row) else "")
            for j, h in enumerate(header)
            if j not in (ilat, ilon)
        }
        f = Feature(None, props, "", i)
        try:
            lat = float(thai_to_arabic_digits(row[ilat]).strip())
            lon = float(thai_to_arabic_digits(row[ilon]).strip())
            f.geometry = Point(lon, lat)
        except (ValueError, IndexError):
            f.geometry = None
        out.append(f)
    return out
