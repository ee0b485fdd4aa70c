"""Offline background images for the map: an MBTiles tile file or a georeferenced GeoTIFF.

Nothing is fetched from the internet. MBTiles is a SQLite file of PNG/JPEG tiles (TMS rows);
the standard library's sqlite3 reads it and Pillow decodes the tiles, so no extra library is
needed. GeoTIFF is read with tifffile (small, numpy only, actively kept; it reads tiled and
compressed TIFFs and exposes the GeoKeys) instead of rasterio/GDAL, which are large binary
wheels for a feature the office uses once in a while. A GeoTIFF in UTM is placed by its
corners reprojected to WGS84 (a tambon is small enough for the grid's rotation not to show).
"""

from __future__ import annotations

import io
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import UserError
from ..core.i18n import _
from .crs import WGS84, to_wgs84


@dataclass
class Background:
    """An image source: `image(bounds, size)` gives a Pillow image for a lon/lat window."""

    path: Path
    kind: str  # "mbtiles" | "geotiff"
    bounds: tuple[float, float, float, float]  # lon/lat of what the file covers
    _image: object = None  # GeoTIFF: the whole picture (Pillow)
    minzoom: int = 0
    maxzoom: int = 18

    def image(self, bounds, size: tuple[int, int]):
        """The part of the background inside `bounds` (lon/lat), scaled to `size` pixels."""
        from PIL import Image

        w, h = max(1, int(size[0])), max(1, int(size[1]))
        if self.kind == "geotiff":
            return _crop(self._image, self.bounds, bounds, (w, h))
        return _mbtiles_image(self, bounds, (w, h), Image)


def _crop(img, img_bounds, bounds, size):
    from PIL import Image

    x0, y0, x1, y1 = img_bounds
    W, H = img.size
    px = lambda lon: (lon - x0) / (x1 - x0) * W  # noqa: E731
    py = lambda lat: (y1 - lat) / (y1 - y0) * H  # noqa: E731
    box = (px(bounds[0]), py(bounds[3]), px(bounds[2]), py(bounds[1]))
    out = Image.new("RGB", size, "white")
    # transform with EXTENT maps the window of the image (may lie partly outside) onto size
    part = img.convert("RGB").transform(
        size, Image.Transform.EXTENT, box, Image.Resampling.BILINEAR, fillcolor="white"
    )
    out.paste(part, (0, 0))
    return out


def _tile_xy(lon, lat, z):
    n = 2**z
    x = (lon + 180.0) / 360.0 * n
    lat_r = math.radians(max(min(lat, 85.0511), -85.0511))
    y = (1.0 - math.asinh(math.tan(lat_r)) / math.pi) / 2.0 * n
    return x, y


def _mbtiles_image(bg: Background, bounds, size, Image):
    w, h = size
    lon_span = max(bounds[2] - bounds[0], 1e-9)
    z = int(math.log2(360.0 / lon_span * w / 256.0))
    z = max(bg.minzoom, min(bg.maxzoom, z))
    fx0, fy0 = _tile_xy(bounds[0], bounds[3], z)
    fx1, fy1 = _tile_xy(bounds[2], bounds[1], z)
    tx0, ty0, tx1, ty1 = int(fx0), int(fy0), int(fx1), int(fy1)
    if (tx1 - tx0 + 1) * (ty1 - ty0 + 1) > 64:
        return Image.new("RGB", size, "white")
    mosaic = Image.new("RGB", ((tx1 - tx0 + 1) * 256, (ty1 - ty0 + 1) * 256), "white")
    con = sqlite3.connect(f"file:{bg.path}?mode=ro", uri=True)
    try:
        for tx in range(tx0, tx1 + 1):
            for ty in range(ty0, ty1 + 1):
                row = con.execute(
                    "SELECT tile_data FROM tiles WHERE zoom_level=? AND "
                    "tile_column=? AND tile_row=?",
                    (z, tx, (2**z - 1) - ty),
                ).fetchone()
                if row:
                    tile = Image.open(io.BytesIO(row[0])).convert("RGB")
                    mosaic.paste(tile, ((tx - tx0) * 256, (ty - ty0) * 256))
    finally:
        con.close()
    box = ((fx0 - tx0) * 256, (fy0 - ty0) * 256, (fx1 - tx0) * 256, (fy1 - ty0) * 256)
    return mosaic.transform(size, Image.Transform.EXTENT, box, Image.Resampling.BILINEAR)


def _open_mbtiles(path: Path) -> Background:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(con.execute("SELECT name, value FROM metadata").fetchall())
        zooms = con.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        con.close()
    except sqlite3.Error:
        raise UserError(
            _("The MBTiles file cannot be read: {path}").format(path=path.name)
        ) from None
    b = [float(v) for v in meta.get("bounds", "-180,-85,180,85").split(",")]
    return Background(path, "mbtiles", tuple(b), minzoom=zooms[0] or 0, maxzoom=zooms[1] or 18)


def _open_geotiff(path: Path) -> Background:
    import numpy as np
    import tifffile
    from PIL import Image
    from shapely.geometry import box

    try:
        with tifffile.TiffFile(path) as tif:
            page = tif.pages[0]
            tags = page.geotiff_tags or {}
            arr = page.asarray()
    except (tifffile.TiffFileError, OSError, ValueError):
        raise UserError(
            _("The GeoTIFF file cannot be read: {path}").format(path=path.name)
        ) from None
    scale, tie = tags.get("ModelPixelScale"), tags.get("ModelTiepoint")
    if not scale or not tie:
        raise UserError(
            _("The TIFF file is not georeferenced (no GeoTIFF tags): {path}").format(path=path.name)
        )
    epsg = int(tags.get("ProjectedCSTypeGeoKey") or tags.get("GeographicTypeGeoKey") or WGS84)
    h, w = arr.shape[:2]
    x0, y1 = tie[3] - tie[0] * scale[0], tie[4] + tie[1] * scale[1]
    x1, y0 = x0 + w * scale[0], y1 - h * scale[1]
    lonlat = to_wgs84(box(x0, y0, x1, y1), int(epsg)).bounds
    if arr.dtype != np.uint8:
        lo, hi = float(arr.min()), float(arr.max()) or 1.0
        arr = ((arr - lo) / max(hi - lo, 1e-9) * 255).astype(np.uint8)
    img = Image.fromarray(arr[..., :3] if arr.ndim == 3 else arr)
    return Background(path, "geotiff", lonlat, img)


def open_background(path) -> Background:
    """The background image file an office has (.mbtiles, .tif/.tiff)."""
    path = Path(path)
    if not path.exists():
        raise UserError(_("File not found: {path}").format(path=path))
    suffix = path.suffix.lower()
    if suffix == ".mbtiles":
        return _open_mbtiles(path)
    if suffix in (".tif", ".tiff"):
        return _open_geotiff(path)
    raise UserError(_("Use a GeoTIFF (.tif) or MBTiles (.mbtiles) file as the background."))
