"""Map reports: `crop-map` (the pomelo/mangosteen/rice issue map of a tambon: plots by crop
and the totals per crop in rai) and `plots-map` (one map page per village).

`plot_map_pages(tambon, village)` is what the `plots` report of the farming area adds after
its tables (one call), so the map page in that report and here are the same.
"""

from __future__ import annotations

from .. import geo, maps, registry
from ..core.errors import UserError
from ..core.i18n import _
from .catalogue import register
from .model import Column, Figure, Table, Text, headed_document


def _tambon(tambon):
    t = registry.resolve_tambon(tambon)
    if t is None:
        raise UserError(_("No tambon is registered yet."))
    return t


def _labels() -> dict:
    return {k: _(v) for k, v in maps.LAYERS.items()}


def crop_table(plot_items, title: str) -> Table:
    rows = [
        {"crop": name, "plots": n, "rai": round(rai, 2), "rnw": geo.rnw_dash(rai * 1600)}
        for _code, name, n, rai in maps.crop_totals(plot_items)
    ]
    totals = {
        "crop": _("Total"),
        "plots": sum(r["plots"] for r in rows),
        "rai": round(sum(r["rai"] for r in rows), 2),
        "rnw": geo.rnw_dash(sum(r["rai"] for r in rows) * 1600),
    }
    return Table(
        [
            Column("crop", _("Crop"), "text", 2.0),
            Column("plots", _("Plots"), "int"),
            Column("rai", _("Area (rai)"), "number"),
            Column("rnw", _("Area (rai-ngan-wa)"), "text", 1.2, "right"),
        ],
        rows,
        title=title,
        totals=totals,
        sheet_name=_("Crops"),
    )


def plot_map_pages(tambon, village=None) -> list:
    """Per village: a heading, the map of its plots (by crop), sources, houses and centre,
    and the table of its plots with the drawn and documented areas (flag when they differ)."""
    blocks: list = []
    vs = registry.villages(tambon)
    if village is not None:
        vs = [v for v in vs if v.moo == int(village)]
    for v in vs:
        items = maps.map_items(tambon, v, layers=("plots", "sources", "villages"))
        if not items.get("plots"):
            continue
        png, aspect = _map(items)
        blocks.append(
            Figure(_("Plots of {village}").format(village=registry.village_label(v)), png, aspect)
        )
        rows = [
            {
                "name": it.props["name"],
                "house": it.props["house_no"],
                "crop": it.props["crop"],
                "drawn": it.props["area_rai_ngan_wa"],
                "document": it.props["document_rai_ngan_wa"],
                "flag": _("check") if it.props.get("area_flagged") else "",
            }
            for it in sorted(items["plots"], key=lambda i: (i.props["house_no"], i.props["name"]))
        ]
        blocks.append(
            Table(
                [
                    Column("name", _("Plot"), "text", 2.0),
                    Column("house", _("House number"), "text"),
                    Column("crop", _("Crop"), "text", 1.2),
                    Column("drawn", _("Area measured on the map"), "text", 1.2, "right"),
                    Column("document", _("Area on the land document"), "text", 1.2, "right"),
                    Column("flag", _("Differs"), "text", 0.8),
                ],
                rows,
                title=_("Plots of {village}").format(village=registry.village_label(v)),
                sheet_name=f"{_('Moo')} {v.moo}",
            )
        )
    return blocks


def _map(items, height_in: float = 7.0):
    from .map_figure import map_png

    return map_png(items, point_labels=_labels(), height_in=height_in)


@register("crop-map", "Crop issue map", params=("tambon",))
def crop_map(ctx, tambon=None):
    t = _tambon(tambon)
    doc = headed_document("crop-map", _("Crop issue map"), [t])
    items = maps.map_items(t, None, layers=("plots", "sources", "villages"))
    if not items.get("plots"):
        doc.blocks.append(Text(_("No plot has a shape on the map yet."), "note"))
        return doc
    png, aspect = _map(items, height_in=5.2)  # the crop totals fit below it
    doc.blocks.append(Figure(_("Plots by crop"), png, aspect))
    doc.blocks.append(crop_table(items["plots"], _("Plots and area by crop")))
    return doc


@register("plots-map", "Plot map pages", params=("tambon", "village"))
def plots_map(ctx, tambon=None, village=None):
    t = _tambon(tambon)
    doc = headed_document("plots-map", _("Plot map pages"), [t])
    blocks = plot_map_pages(t, village)
    doc.blocks.extend(blocks or [Text(_("No plot has a shape on the map yet."), "note")])
    return doc
