"""GPX from handheld GPS units and phone apps: waypoints are points; a closed track or route
is a polygon.

A plot walked with a GPS ends where it began, but never exactly: a track whose last point
lies within `CLOSE_M` metres of its first is closed into a polygon. Vertices are kept as
recorded (no simplification), so the area is the area that was walked.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from shapely.geometry import LineString, Point, Polygon

from ..core.errors import UserError
from ..core.i18n import _
from .geometry import Feature, distance_m

CLOSE_M = 10.0


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _field(el, name) -> str:
    for c in el:
        if _local(c.tag) == name:
            return (c.text or "").strip()
    return ""


def _props(el) -> dict:
    props = {}
    for key in ("name", "cmt", "desc", "type", "time"):
        value = _field(el, key)
        if value:
            props[key] = value
    return props


def _pts(el, tag) -> list[tuple[float, float]]:
    return [(float(p.get("lon")), float(p.get("lat"))) for p in el.iter() if _local(p.tag) == tag]


def _line_feature(points, props, folder, row) -> Feature:
    f = Feature(None, props, folder, row)
    if len(points) < 3:
        f.geometry = LineString(points) if len(points) >= 2 else Polygon()
        return f
    gap = distance_m(points[0], points[-1])
    if gap <= CLOSE_M:
        ring = points if points[0] == points[-1] else points + [points[0]]
        f.geometry = Polygon(ring)
        f.notes.append(
            _("Track closed into a plot boundary (ends {gap:.1f} m apart).").format(gap=gap)
        )
    else:
        f.geometry = LineString(points)
        f.errors.append(
            _(
                "The track is not closed: its ends are {gap:.0f} m apart (at most {limit:.0f} m)."
            ).format(gap=gap, limit=CLOSE_M)
        )
    return f


def read_gpx(data: bytes) -> list[Feature]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise UserError(_("The GPX file cannot be read: {error}").format(error=exc)) from None
    out: list[Feature] = []
    for el in root:
        tag = _local(el.tag)
        if tag == "wpt":
            out.append(
                Feature(
                    Point(float(el.get("lon")), float(el.get("lat"))),
                    _props(el),
                    "waypoint",
                    len(out) + 1,
                )
            )
        elif tag == "trk":
            points = _pts(el, "trkpt")
            out.append(_line_feature(points, _props(el), "track", len(out) + 1))
        elif tag == "rte":
            points = _pts(el, "rtept")
            out.append(_line_feature(points, _props(el), "route", len(out) + 1))
    return out
