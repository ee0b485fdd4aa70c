"""An offline map on a Tk canvas: layers, pan, zoom, scale bar, north arrow, click to open.

No tile server and no matplotlib: features are projected once to local metres (equirectangular
about the map's centre, exact enough over a tambon), kept in one numpy array, and a redraw
only moves existing canvas items with `coords()` — which keeps thousands of plots smooth.
Dragging moves the items directly and redraws once on release.
"""

from __future__ import annotations

import math
import tkinter as tk

import numpy as np

from ..fonts import SMALL_BOLD

M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON = 111_320.0

CROP_COLOURS = [
    "#4caf50",
    "#ff9800",
    "#9c27b0",
    "#e6c229",
    "#795548",
    "#03a9f4",
    "#e91e63",
    "#607d8b",
    "#8bc34a",
    "#ff5722",
]
STATUS_COLOURS = {
    "open": "#e53935",
    "referred": "#fb8c00",
    "in_progress": "#fdd835",
    "resolved": "#43a047",
    "closed": "#757575",
    "": "#90a4ae",
}
POINT_STYLE = {
    "sources": ("#1e88e5", 5, "oval"),
    "households": ("#6d4c41", 3, "rect"),
    "villages": ("#000000", 6, "star"),
    "land_cases": ("#e53935", 6, "diamond"),
}
ORDER = ("plots", "villages", "households", "sources", "land_cases")


def nice_length(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ metres not above `max_m`."""
    if max_m <= 0:
        return 1.0
    p = 10 ** math.floor(math.log10(max_m))
    for f in (5, 2, 1):
        if f * p <= max_m:
            return f * p
    return p


class MapCanvas(tk.Canvas):
    """`set_items({layer: [MapItem]})`, then `fit()`; `on_open(item)` runs on a click."""

    def __init__(self, master, *, on_open=None, on_select=None, width=800, height=600, **kw):
        super().__init__(
            master, width=width, height=height, background="#f4f1e8", highlightthickness=0, **kw
        )
        self.on_open, self.on_select = on_open, on_select
        self.lon0 = self.lat0 = 0.0
        self.kx = M_PER_DEG_LON
        self.cx = self.cy = 0.0  # view centre, local metres
        self.scale = 1.0  # pixels per metre
        self.items: dict[str, list] = {}
        self.visible = {k: True for k in ORDER}
        self.colour_by = "crop"
        self._parts: list[tuple[int, object, int, int, bool]] = []  # (canvas id, item, a, b, hole)
        self._xy = np.zeros((0, 2))
        self._points: list[tuple[int, object, float, float, str]] = []
        self._by_canvas: dict[int, object] = {}
        self._drag = None
        self._moved = False
        self._highlight = None
        self.background = None
        self._bg_image = None
        self.bind("<ButtonPress-1>", self._press)
        self.bind("<B1-Motion>", self._motion)
        self.bind("<ButtonRelease-1>", self._release)
        self.bind("<MouseWheel>", lambda e: self.zoom(1.25 if e.delta > 0 else 0.8, e.x, e.y))
        self.bind("<Button-4>", lambda e: self.zoom(1.25, e.x, e.y))
        self.bind("<Button-5>", lambda e: self.zoom(0.8, e.x, e.y))
        self.bind("<plus>", lambda e: self.zoom(1.25))
        self.bind("<equal>", lambda e: self.zoom(1.25))
        self.bind("<minus>", lambda e: self.zoom(0.8))
        for key, (dx, dy) in {
            "Left": (60, 0),
            "Right": (-60, 0),
            "Up": (0, 60),
            "Down": (0, -60),
        }.items():
            self.bind(f"<{key}>", lambda e, dx=dx, dy=dy: self.pan(dx, dy))
        self.bind("<Configure>", lambda e: self.redraw())

    # --- data ---------------------------------------------------------------------------

    def _local(self, coords) -> np.ndarray:
        a = np.asarray(coords, dtype=float)[:, :2]
        return np.column_stack(
            ((a[:, 0] - self.lon0) * self.kx, (a[:, 1] - self.lat0) * M_PER_DEG_LAT)
        )

    def set_items(self, items: dict[str, list], keep_view: bool = False) -> None:
        """Replace every layer's features; creates the canvas items once."""
        self.delete("all")
        self.items = items
        self._parts, self._points, self._by_canvas = [], [], {}
        every = [it for layer in ORDER for it in items.get(layer, [])]
        if every and not keep_view:
            b = np.array([it.geometry.bounds for it in every])
            self.lon0 = float((b[:, 0].min() + b[:, 2].max()) / 2)
            self.lat0 = float((b[:, 1].min() + b[:, 3].max()) / 2)
            self.kx = M_PER_DEG_LON * math.cos(math.radians(self.lat0))
        chunks, start = [], 0
        crops = {}
        for layer in ORDER:
            for it in items.get(layer, []):
                g = it.geometry
                if g.geom_type in ("Polygon", "MultiPolygon"):
                    polys = list(g.geoms) if g.geom_type == "MultiPolygon" else [g]
                    colour = self._fill(it, crops)
                    for p in polys:
                        for ring, hole in [(p.exterior, False)] + [(h, True) for h in p.interiors]:
                            xy = self._local(ring.coords)
                            cid = self.create_polygon(
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                outline="#37474f",
                                fill=self["background"] if hole else colour,
                                width=1,
                                tags=("feature", layer),
                            )
                            self._parts.append((cid, it, start, start + len(xy), hole))
                            self._by_canvas[cid] = it
                            chunks.append(xy)
                            start += len(xy)
                else:
                    pt = g if g.geom_type == "Point" else g.representative_point()
                    x, y = self._local([(pt.x, pt.y)])[0]
                    colour, r, shape = POINT_STYLE.get(layer, ("#000", 4, "oval"))
                    if layer == "land_cases":
                        colour = STATUS_COLOURS.get(it.style, colour)
                    cid = self._make_point(shape, colour, r, layer)
                    self._points.append((cid, it, float(x), float(y), shape))
                    self._by_canvas[cid] = it
        self._xy = np.concatenate(chunks) if chunks else np.zeros((0, 2))
        self._crop_colours = crops
        if not keep_view:
            self.fit()
        else:
            self.redraw()

    def _make_point(self, shape, colour, r, layer):
        if shape == "rect":
            return self.create_rectangle(
                0, 0, 0, 0, fill=colour, outline="white", tags=("feature", layer)
            )
        if shape in ("star", "diamond"):
            return self.create_polygon(
                0, 0, 0, 0, 0, 0, fill=colour, outline="white", tags=("feature", layer)
            )
        return self.create_oval(0, 0, 0, 0, fill=colour, outline="white", tags=("feature", layer))

    def _fill(self, it, crops: dict) -> str:
        if self.colour_by == "status":
            return STATUS_COLOURS.get(getattr(it, "land_status", ""), "#90a4ae")
        if self.colour_by == "cost":
            v = getattr(it, "cost_per_rai", None)
            if v is None:
                return "#cfd8dc"
            bands = getattr(self, "cost_bands", (2000, 5000, 10000))
            return ["#c8e6c9", "#fff59d", "#ffcc80", "#ef9a9a"][sum(v > b for b in bands)]
        key = it.style or ""
        if key not in crops:
            crops[key] = CROP_COLOURS[len(crops) % len(CROP_COLOURS)] if key else "#cfd8dc"
        return crops[key]

    def set_colour_by(self, mode: str) -> None:
        self.colour_by = mode
        costs = sorted(
            v
            for it in self.items.get("plots", [])
            if (v := getattr(it, "cost_per_rai", None)) is not None
        )
        if costs:
            q = [costs[int(len(costs) * f)] for f in (0.25, 0.5, 0.75)]
            self.cost_bands = tuple(q)
        crops: dict = {}
        done = set()
        for cid, it, _a, _b, hole in self._parts:
            if not hole and (cid, it.id) not in done:
                self.itemconfigure(cid, fill=self._fill(it, crops))
        self._crop_colours = crops

    def legend(self) -> list[tuple[str, str]]:
        """[(colour, label)] of the plot colouring in use."""
        if self.colour_by == "status":
            return [(c, k) for k, c in STATUS_COLOURS.items() if k]
        if self.colour_by == "cost":
            b = getattr(self, "cost_bands", (2000, 5000, 10000))
            fills = ["#c8e6c9", "#fff59d", "#ffcc80", "#ef9a9a"]
            labels = [
                f"≤ {b[0]:,.0f}",
                f"{b[0]:,.0f}–{b[1]:,.0f}",
                f"{b[1]:,.0f}–{b[2]:,.0f}",
                f"> {b[2]:,.0f}",
            ]
            return [(c, t + " ฿/ไร่") for c, t in zip(fills, labels, strict=True)] + [
                ("#cfd8dc", "—")
            ]
        names = {it.style: it.props.get("crop") or "" for it in self.items.get("plots", [])}
        return [(c, names.get(k, k) or "—") for k, c in self._crop_colours.items()]

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        self.visible[layer] = visible
        self.itemconfigure(layer, state="normal" if visible else "hidden")

    # --- view ---------------------------------------------------------------------------

    def fit(self) -> None:
        if len(self._xy) == 0 and not self._points:
            self.redraw()
            return
        pts = [self._xy] + (
            [np.array([(p[2], p[3]) for p in self._points])] if self._points else []
        )
        allxy = np.concatenate([p for p in pts if len(p)])
        x0, y0 = allxy.min(axis=0)
        x1, y1 = allxy.max(axis=0)
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2
        w, h = self._size()
        self.scale = 0.9 * min(w / max(x1 - x0, 50), h / max(y1 - y0, 50))
        self.redraw()

    def _size(self) -> tuple[int, int]:
        w, h = self.winfo_width(), self.winfo_height()
        if w <= 1:
            w, h = int(self["width"]), int(self["height"])
        return w, h

    def to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self._local([(lon, lat)])[0]
        w, h = self._size()
        return (x - self.cx) * self.scale + w / 2, (self.cy - y) * self.scale + h / 2

    def to_lonlat(self, sx: float, sy: float) -> tuple[float, float]:
        w, h = self._size()
        x = (sx - w / 2) / self.scale + self.cx
        y = self.cy - (sy - h / 2) / self.scale
        return x / self.kx + self.lon0, y / M_PER_DEG_LAT + self.lat0

    def zoom(self, factor: float, sx: float | None = None, sy: float | None = None) -> None:
        """Zoom about a screen point (the pointer), keeping it where it is."""
        w, h = self._size()
        sx = w / 2 if sx is None else sx
        sy = h / 2 if sy is None else sy
        mx = (sx - w / 2) / self.scale + self.cx
        my = self.cy - (sy - h / 2) / self.scale
        self.scale = min(max(self.scale * factor, 1e-4), 50.0)
        self.cx = mx - (sx - w / 2) / self.scale
        self.cy = my + (sy - h / 2) / self.scale
        self.redraw()

    def pan(self, dx: float, dy: float) -> None:
        self.cx -= dx / self.scale
        self.cy += dy / self.scale
        self.redraw()

    def centre_on(self, lon: float, lat: float, metres_across: float | None = 400) -> None:
        x, y = self._local([(lon, lat)])[0]
        self.cx, self.cy = float(x), float(y)
        if metres_across:
            self.scale = self._size()[0] / metres_across
        self.redraw()

    def highlight(self, item) -> None:
        self.delete("highlight")
        self._highlight = item
        if item is None:
            return
        g = item.geometry
        b = g.bounds
        (x0, y1), (x1, y0) = self.to_screen(b[0], b[1]), self.to_screen(b[2], b[3])
        self.create_rectangle(
            x0 - 6,
            y0 - 6,
            x1 + 6,
            y1 + 6,
            outline="#d50000",
            width=3,
            dash=(4, 2),
            tags=("highlight",),
        )

    def redraw(self) -> None:
        """Move every item to the current view; overlays (scale bar, arrow) on top."""
        w, h = self._size()
        s = self.scale
        if len(self._xy):
            sx = (self._xy[:, 0] - self.cx) * s + w / 2
            sy = (self.cy - self._xy[:, 1]) * s + h / 2
            flat = np.empty(len(sx) * 2)
            flat[0::2], flat[1::2] = sx, sy
            flat = flat.tolist()
            coords = self.coords
            for cid, _it, a, b, _hole in self._parts:
                coords(cid, flat[2 * a : 2 * b])
        for cid, _it, x, y, shape in self._points:
            px, py = (x - self.cx) * s + w / 2, (self.cy - y) * s + h / 2
            r = POINT_STYLE.get(_it.layer, ("", 4, ""))[1]
            if shape == "star":
                self.coords(
                    cid,
                    px,
                    py - r - 2,
                    px + r,
                    py + r,
                    px - r - 1,
                    py - r / 3,
                    px + r + 1,
                    py - r / 3,
                    px - r,
                    py + r,
                )
            elif shape == "diamond":
                self.coords(cid, px, py - r, px + r, py, px, py + r, px - r, py)
            else:
                self.coords(cid, px - r, py - r, px + r, py + r)
        self._draw_background(w, h)
        self._draw_overlays(w, h)
        if self._highlight is not None:
            self.highlight(self._highlight)

    def set_background(self, background) -> None:
        """An offline image source (geo.Background) drawn under the features; None removes."""
        self.background = background
        self.redraw()

    def _draw_background(self, w, h) -> None:
        self.delete("background")
        if self.background is None:
            return
        from PIL import ImageTk

        lon0, lat0 = self.to_lonlat(0, h)
        lon1, lat1 = self.to_lonlat(w, 0)
        img = self.background.image((lon0, lat0, lon1, lat1), (w, h))
        self._bg_image = ImageTk.PhotoImage(img, master=self)
        self.create_image(0, 0, image=self._bg_image, anchor="nw", tags=("background",))
        self.tag_lower("background")

    def _draw_overlays(self, w, h) -> None:
        self.delete("overlay")
        # scale bar: a round length of at most ~120 px, bottom left
        metres = nice_length(120 / self.scale) if self.scale > 0 else 1
        px = metres * self.scale
        x0, y0 = 16, h - 20
        self.create_rectangle(
            x0 - 6,
            y0 - 22,
            x0 + px + 40,
            y0 + 8,
            fill="white",
            outline="",
            stipple="gray50",
            tags=("overlay", "scalebar"),
        )
        self.create_line(x0, y0, x0 + px, y0, width=3, tags=("overlay", "scalebar"))
        for x in (x0, x0 + px):
            self.create_line(x, y0 - 6, x, y0 + 1, width=2, tags=("overlay", "scalebar"))
        text = f"{metres / 1000:g} กม." if metres >= 1000 else f"{metres:g} ม."
        self.create_text(x0 + px / 2, y0 - 12, text=text, tags=("overlay", "scalebar"))
        self.scale_text = text
        # north arrow, top right
        ax, ay = w - 30, 18
        self.create_polygon(
            ax,
            ay,
            ax + 9,
            ay + 26,
            ax,
            ay + 20,
            ax - 9,
            ay + 26,
            fill="#263238",
            tags=("overlay", "north"),
        )
        self.create_text(ax, ay + 38, text="N", font=SMALL_BOLD, tags=("overlay", "north"))

    # --- mouse --------------------------------------------------------------------------

    def _press(self, e):
        self.focus_set()
        self._drag = (e.x, e.y)
        self._moved = False

    def _motion(self, e):
        if self._drag is None:
            return
        dx, dy = e.x - self._drag[0], e.y - self._drag[1]
        if abs(dx) + abs(dy) > 3 or self._moved:
            self._moved = True
            self.move("feature", dx, dy)
            self.move("highlight", dx, dy)
            self.move("background", dx, dy)
            self.cx -= dx / self.scale
            self.cy += dy / self.scale
            self._drag = (e.x, e.y)

    def _release(self, e):
        if self._moved:
            self._moved = False
            self._drag = None
            self.redraw()
            return
        self._drag = None
        item = self.item_at(e.x, e.y)
        if item is not None:
            self.highlight(item)
            if self.on_select:
                self.on_select(item)
            if self.on_open:
                self.on_open(item)

    def item_at(self, x: float, y: float):
        """The topmost visible feature under a screen point (points before plots)."""
        found = [
            c
            for c in self.find_overlapping(x - 3, y - 3, x + 3, y + 3)
            if c in self._by_canvas and self.itemcget(c, "state") != "hidden"
        ]
        if not found:
            return None
        points = [c for c in found if self._by_canvas[c].layer != "plots"]
        return self._by_canvas[(points or found)[-1]]
