"""`export-map`: the plots, sources, households, village centres and land cases of a village
or tambon as KML, KMZ, GeoJSON or a zip of shapefiles that open in Google Earth and QGIS."""

from __future__ import annotations

from pathlib import Path

from .. import geo
from ..core.roles import require
from .layers import LAYERS, map_items


def export_layers(tambon=None, village=None) -> list[tuple[str, list[geo.Feature]]]:
    """[(layer title, features)] with each item's export properties (issue 16 §3)."""
    items = map_items(tambon, village)
    out = []
    for key in LAYERS:
        feats = [
            geo.Feature(it.geometry, dict(it.props), key, i + 1)
            for i, it in enumerate(items.get(key, []))
        ]
        if feats:
            out.append((key, feats))  # folder / shapefile named by the layer key
    return out


def export_map(ctx, fmt: str, out, *, tambon=None, village=None) -> tuple[Path, dict]:
    """Write the map file; returns (path, {layer: number of features})."""
    require(ctx, "viewer", "export map")
    layers = export_layers(tambon, village)
    path = geo.write_features(layers, fmt, out)
    return path, {k: len(v) for k, v in layers}
