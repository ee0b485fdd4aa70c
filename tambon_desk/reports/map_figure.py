"""A printed map: plots coloured by crop, points for sources, households and cases, with a
scale bar, a north arrow and a legend (matplotlib, Agg, Sarabun for Thai).

Drawn in local metres about the map's centre (as the screen does), so a square plot prints
square and the scale bar is true. Imported lazily by the map reports (matplotlib is slow to
import).
"""

from __future__ import annotations

import io
import math

M_PER_DEG_LAT = 110_574.0
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
POINTS = {
    "sources": ("#1e88e5", "o", 18),
    "households": ("#6d4c41", "s", 4),
    "villages": ("#000000", "*", 60),
    "land_cases": ("#e53935", "D", 22),
}


def _nice(max_m: float) -> float:
    p = 10 ** math.floor(math.log10(max_m)) if max_m > 0 else 1
    return next((f * p for f in (5, 2, 1) if f * p <= max_m), p)


def crop_colours(items) -> dict[str, str]:
    """{crop code: colour} in order of first appearance (legend and map agree)."""
    out: dict[str, str] = {}
    for it in items:
        if it.style not in out:
            out[it.style] = CROP_COLOURS[len(out) % len(CROP_COLOURS)] if it.style else "#cfd8dc"
    return out


def map_png(
    layers: dict,
    *,
    width_in: float = 7.0,
    height_in: float = 7.0,
    dpi: int = 150,
    point_labels: dict | None = None,
) -> tuple[bytes, float]:
    """(PNG bytes, height/width) of the layers' items."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrow, Patch

    from .charts import _setup

    family = _setup()
    every = [it for items in layers.values() for it in items]
    if not every:
        raise ValueError("nothing to draw")
    b = [it.geometry.bounds for it in every]
    lon0 = (min(x[0] for x in b) + max(x[2] for x in b)) / 2
    lat0 = (min(x[1] for x in b) + max(x[3] for x in b)) / 2
    kx = 111_320.0 * math.cos(math.radians(lat0))

    def local(coords):
        return [((x - lon0) * kx, (y - lat0) * M_PER_DEG_LAT) for x, y, *_ in coords]

    fig = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0.02, 0.02, 0.96, 0.96])
    ax.set_aspect("equal")
    ax.axis("off")
    plots = layers.get("plots", [])
    colours = crop_colours(plots)
    polys, faces = [], []
    for it in plots:
        g = it.geometry
        parts = list(g.geoms) if g.geom_type == "MultiPolygon" else [g]
        for p in parts:
            if p.geom_type != "Polygon":
                continue
            polys.append(local(p.exterior.coords))
            faces.append(colours[it.style])
    if polys:
        ax.add_collection(
            PolyCollection(polys, facecolors=faces, edgecolors="#37474f", linewidths=0.4)
        )
    for layer, (colour, marker, size) in POINTS.items():
        pts = [it.geometry.representative_point() for it in layers.get(layer, [])]
        if pts:
            xy = local([(p.x, p.y) for p in pts])
            ax.scatter(
                [x for x, _y in xy],
                [y for _x, y in xy],
                s=size,
                c=colour,
                marker=marker,
                linewidths=0.3,
                edgecolors="white",
                zorder=3,
            )
    for layer in ("villages",):
        for it in layers.get(layer, []):
            ((x, y),) = local([(it.geometry.x, it.geometry.y)])
            ax.annotate(
                it.label,
                (x, y),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=7,
                family=family,
                zorder=4,
            )
    ax.autoscale_view()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    span = max(x1 - x0, y1 - y0, 100)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    pad = span * 0.55
    ratio = height_in / width_in  # keep metres square on the page
    ax.set_xlim(cx - pad / min(ratio, 1), cx + pad / min(ratio, 1))
    ax.set_ylim(cy - pad, cy + pad)
    # scale bar bottom left, north arrow top right
    bar = _nice(span / 4)
    bx, by = cx - pad * 0.92, cy - pad * 0.9
    ax.plot([bx, bx + bar], [by, by], color="black", linewidth=2.5)
    ax.text(
        bx + bar / 2,
        by + span * 0.015,
        f"{bar / 1000:g} กม." if bar >= 1000 else f"{bar:g} ม.",
        ha="center",
        va="bottom",
        fontsize=8,
        family=family,
    )
    ax.add_patch(
        FancyArrow(
            cx + pad * 0.88,
            cy + pad * 0.72,
            0,
            span * 0.1,
            width=span * 0.008,
            head_width=span * 0.035,
            head_length=span * 0.04,
            color="#263238",
        )
    )
    ax.text(cx + pad * 0.88, cy + pad * 0.68, "N", ha="center", va="top", fontsize=9, weight="bold")
    names = {it.style: it.props.get("crop") or "—" for it in plots}
    handles = [
        Patch(facecolor=c, edgecolor="#37474f", label=names.get(k) or "—")
        for k, c in colours.items()
    ]
    for layer, (colour, marker, _s) in POINTS.items():
        label = (point_labels or {}).get(layer)
        if label and layers.get(layer):
            from matplotlib.lines import Line2D

            handles.append(Line2D([], [], color=colour, marker=marker, linestyle="", label=label))
    if handles:
        ax.legend(
            handles=handles,
            loc="lower right",
            fontsize=7,
            prop={"family": family, "size": 7},
            framealpha=0.9,
        )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue(), height_in / width_in
