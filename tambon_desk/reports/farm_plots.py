"""`plots`: the register of farm plots by village and household, with area and document."""

from __future__ import annotations

from .. import farming, registry
from ..core.errors import UserError
from ..core.i18n import _
from ..thai import format_rnw
from ._accounts import find_village, scoped_doc
from .catalogue import register
from .maps import plot_map_pages
from .model import Column, KeyValues, Table, Text


@register("plots", "Register of farm plots", params=("tambon", "district", "province", "village"))
def plots_report(ctx, tambon=None, district=None, province=None, village=None):
    doc, ts = scoped_doc("plots", _("Register of farm plots"), "", tambon, district, province)
    if not ts:
        return doc
    village_ids = None
    if village is not None:
        if len(ts) > 1:
            raise UserError(_("Choose one tambon to report on one village."))
        v = find_village(village, ts[0])
        village_ids = [v.id]
        doc.subtitle = registry.village_label(v)
    rows = farming.plot_register(tambon_ids=[t.id for t in ts], village_ids=village_ids)
    if not rows:
        doc.blocks.append(Text(_("No plot has been recorded for this choice.")))
        return doc
    by_doc: dict = {}
    for r in rows:
        by_doc[r.land_document] = by_doc.get(r.land_document, 0) + r.area_m2
    total = sum(r.area_m2 for r in rows)
    doc.blocks.append(
        KeyValues(
            [
                (_("Plots"), f"{len(rows):,}"),
                (_("Households"), f"{len({r.household_id for r in rows}):,}"),
                (_("Total area"), format_rnw(total)),
            ]
            + [
                (farming.label(farming.LAND_DOCUMENTS, k), format_rnw(v))
                for k, v in sorted(by_doc.items(), key=lambda kv: -kv[1])
            ]
        )
    )
    out = [
        {
            "village": f"{_('Moo')} {r.moo} {r.village}",
            "household": f"{r.house_no} {r.head_name}".strip(),
            "plot": r.name,
            "area": format_rnw(r.area_m2),
            "area_rai": round(r.area_m2 / 1600, 2),
            "document": farming.label(farming.LAND_DOCUMENTS, r.land_document),
            "tenure": farming.label(farming.TENURES, r.tenure),
            "rent": r.rent or None,
            "water": r.water_source or _("Rain-fed"),
            "crop": r.crop,
        }
        for r in rows
    ]
    doc.blocks.append(
        Table(
            [
                Column("village", _("Village"), "text", 1.3),
                Column("household", _("Household"), "text", 1.7),
                Column("plot", _("Plot"), "text", 1.2),
                Column("area", _("Area"), "text", 1.2),
                Column("area_rai", _("Area (rai)"), "number", 0.7),
                Column("document", _("Land document"), "text", 1.0),
                Column("tenure", _("Tenure"), "text", 0.8),
                Column("rent", _("Rent a year (baht)"), "money", 0.8),
                Column("water", _("Water source"), "text", 1.0),
                Column("crop", _("Latest crop"), "text", 0.9),
            ],
            out,
            title=_("Plots by village and household"),
            totals={"village": _("Total"), "area_rai": round(total / 1600, 2)},
            sheet_name=_("Plots"),
        )
    )
    for t in ts:  # a map page per village with drawn plots (#16)
        doc.blocks += plot_map_pages(t, village)
    return doc
