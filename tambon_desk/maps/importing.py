"""The `plots` import kind: map files (KML/KMZ/GPX/GeoJSON/Shapefile/CSV) through the shared
import machinery's CLI, result and error report, with its own file reader (`load_file`)."""

from __future__ import annotations

from ..core.i18n import N_
from ..importers import Field, ImportKind, register
from .plots import load_plots


def _apply(ctx, rows, result, **_kw):  # pragma: no cover - map files never reach the sheet path
    raise NotImplementedError


def _load_file(ctx, path, *, dry_run=False, options=None, progress=None):
    options = options or {}
    load = load_plots(
        ctx,
        path,
        dry_run=dry_run,
        household=options.get("household"),
        mapping=options.get("mapping"),
        accept_repair=options.get("accept_repair", False),
        tambon=options.get("tambon"),
        progress=progress,
    )
    return load.result


PLOTS = register(
    ImportKind(
        name="plots",
        title=N_("Plots (map)"),
        fields=[
            Field("name", N_("Plot name")),
            Field("household", N_("Household (one text)")),
            Field("village", N_("Village number")),
            Field("house_no", N_("House number")),
            Field("crop", N_("Crop")),
            Field("document_area", N_("Area on the land document")),
        ],
        apply=_apply,
        entities={"plots": N_("plots")},
        description=N_(
            "Plots drawn in Google Earth, walked with a GPS, or from QGIS or the land "
            "office: KML, KMZ, GPX, GeoJSON, Shapefile (.zip) or CSV of lat/lon."
        ),
        load_file=_load_file,
    )
)
