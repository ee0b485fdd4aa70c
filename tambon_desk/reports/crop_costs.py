"""`crop-costs`: production-cost accounts by the OAE method — one cycle's cost sheet, or every
cycle of a village, tambon or district with the per-crop summary, the comparison with the
OAE reference and the cost-structure chart. `--year` is the cycle's season year (B.E.).

The XLSX has one row per cycle with named columns (area, yield, cost per rai, cost per kg,
profit per rai, break-even, B/C). A cycle without a harvest leaves cost per kg and
break-even blank and the reason column says why, never 0.
"""

from __future__ import annotations

from decimal import Decimal

from .. import farming, registry
from ..core.errors import UserError
from ..core.i18n import N_, _
from ..thai import be_year, format_baht, format_rnw
from ._accounts import scoped_doc
from .catalogue import register
from .model import Chart, Column, KeyValues, Table, Text, headed_document

STRUCTURE_LABELS = {
    "labour": N_("Labour"),
    "machinery": N_("Machinery and animal hire"),
    "materials": N_("Materials"),
    "water": N_("Water fees"),
    "interest": N_("Imputed interest"),
    "land": N_("Land"),
    "equipment": N_("Depreciation"),
    "other": N_("Other"),
}


def _n(x) -> float | None:
    return float(x) if x is not None else None


def _rai(f) -> float:
    return float(round(f.rai, 2))


def cycle_columns() -> list[Column]:
    return [
        Column("village", _("Village"), "text", 1.1),
        Column("household", _("Household"), "text", 1.4),
        Column("plot", _("Plot"), "text", 1.0),
        Column("crop", _("Crop"), "text", 0.8),
        Column("season", _("Season"), "text", 1.0),
        Column("age", _("Age class"), "text", 0.9),
        Column("area_rai", _("Area (rai)"), "number", 0.7),
        Column("yield_kg", _("Yield (kg)"), "number", 0.95),
        Column("total_per_rai", _("Total cost per rai"), "money", 0.95),
        Column("variable_per_rai", _("Variable cost per rai"), "money", 0.9),
        Column("fixed_per_rai", _("Fixed cost per rai"), "money", 0.9),
        Column("cash_per_rai", _("Cash cost per rai"), "money", 0.9),
        Column("cost_per_kg", _("Cost per kg"), "money", 0.8),
        Column("profit_per_rai", _("Profit per rai over total cost"), "money", 0.95),
        Column("breakeven_price", _("Break-even price (baht/kg)"), "money", 0.8),
        Column("bc", _("B/C"), "number", 0.6),
        Column("vs_oae", _("Compared with OAE (baht/rai)"), "money", 0.95),
        Column("why", _("Note"), "text", 1.3),
    ]


def cycle_row(r) -> dict:
    f = r.figures
    why = f.reasons.get("cost_per_kg", "")
    return {
        "village": f"{_('Moo')} {r.moo} {r.village}",
        "household": f"{r.house_no} {r.head_name}".strip(),
        "plot": r.plot,
        "crop": r.crop_name,
        "season": f"{farming.label(farming.SEASONS, r.season)} {be_year(r.year)}",
        "age": farming.age_class_text(r.crop, r.age) if r.age is not None else "",
        "area_rai": _rai(f),
        "yield_kg": _n(f.yield_kg),
        "total_per_rai": f.total_per_rai,
        "variable_per_rai": f.variable_per_rai,
        "fixed_per_rai": f.fixed_per_rai,
        "cash_per_rai": f.cash_per_rai,
        "cost_per_kg": f.cost_per_kg,
        "profit_per_rai": f.profit_total_per_rai,
        "breakeven_price": f.breakeven_price,
        "bc": _n(f.bc),
        "vs_oae": r.comparison.total_diff if r.comparison else None,
        "why": why,
    }


def structure_chart(title: str, labels: list[str], figs: list) -> Chart:
    """Cost per rai (baht) by structure group, one bar per crop or cycle."""
    series = []
    for key in farming.STRUCTURE_ORDER:
        vals = [
            float(Decimal(f.structure.get(key, 0)) / f.rai / 100) if f.rai else 0.0 for f in figs
        ]
        if any(vals):
            series.append((_(STRUCTURE_LABELS[key]), vals))
    return Chart("stacked_bar", title, labels, series, y_label=_("baht per rai"))


def _settings_text(rate) -> Text:
    s = farming.settings()
    return Text(
        _(
            "Method of the Office of Agricultural Economics (OAE). Interest on working "
            "capital and on equipment imputed at {rate}% a year; family labour offered "
            "at {wage} baht a day; an owner's land use proposed at {land} baht a rai."
        ).format(rate=rate, wage=format_baht(s.wage), land=format_baht(s.land_use_per_rai)),
        "note",
    )


@register(
    "crop-costs",
    "Crop production costs",
    params=("tambon", "district", "province", "village", "year", "cycle"),
)
def crop_costs(ctx, tambon=None, district=None, province=None, village=None, year=None, cycle=None):
    if cycle:
        return _one_cycle(cycle)
    label = _("Season year {year}").format(year=year) if year else _("All seasons")
    doc, ts = scoped_doc(
        "crop-costs", _("Crop production costs"), label, tambon, district, province
    )
    if not ts:
        return doc
    village_ids = None
    if village is not None:
        if len(ts) > 1:
            raise UserError(_("Choose one tambon to report on one village."))
        from ._accounts import find_village

        v = find_village(village, ts[0])
        village_ids = [v.id]
        doc.subtitle = f"{registry.village_label(v)} · {label}"
    s = farming.cost_summary(
        tambon_ids=[t.id for t in ts], village_ids=village_ids, year_be=int(year) if year else None
    )
    doc.blocks.append(_settings_text(s.rate))
    if not s.rows:
        doc.blocks.append(Text(_("No crop cycle has been recorded for this choice.")))
        return doc
    codes = sorted(s.by_crop, key=lambda c: s.crop_names[c])
    crop_rows = []
    for code in codes:
        f, cmp = s.by_crop[code], s.comparisons.get(code)
        crop_rows.append(
            {
                "crop": s.crop_names[code],
                "cycles": sum(1 for r in s.rows if r.crop == code),
                "area_rai": _rai(f),
                "yield_per_rai": _n(f.yield_per_rai),
                "total_per_rai": f.total_per_rai,
                "variable_per_rai": f.variable_per_rai,
                "fixed_per_rai": f.fixed_per_rai,
                "cost_per_kg": f.cost_per_kg,
                "profit_per_rai": f.profit_total_per_rai,
                "bc": _n(f.bc),
                "oae": cmp.reference.total_per_rai if cmp else None,
                "vs_oae": cmp.total_diff if cmp else None,
                "vs_pct": _n(cmp.total_pct) if cmp else None,
            }
        )
    doc.blocks.append(
        Table(
            [
                Column("crop", _("Crop"), "text", 1.2),
                Column("cycles", _("Cycles"), "int", 0.5),
                Column("area_rai", _("Area (rai)"), "number", 0.7),
                Column("yield_per_rai", _("Yield (kg/rai)"), "number", 0.7),
                Column("total_per_rai", _("Total cost per rai"), "money", 0.9),
                Column("variable_per_rai", _("Variable cost per rai"), "money", 0.9),
                Column("fixed_per_rai", _("Fixed cost per rai"), "money", 0.9),
                Column("cost_per_kg", _("Cost per kg"), "money", 0.7),
                Column("profit_per_rai", _("Profit per rai over total cost"), "money", 0.9),
                Column("bc", _("B/C"), "number", 0.5),
                Column("oae", _("OAE cost per rai"), "money", 0.9),
                Column("vs_oae", _("Difference (baht/rai)"), "money", 0.9),
                Column("vs_pct", _("Difference (%)"), "number", 0.7),
            ],
            crop_rows,
            title=_("By crop, compared with the OAE reference"),
            sheet_name=_("By crop"),
        )
    )
    for code in codes:
        cmp = s.comparisons.get(code)
        if cmp:
            doc.blocks.append(
                Text(
                    f"{s.crop_names[code]}: {cmp.sentence()} "
                    + _("Source: {source}.").format(source=cmp.reference.source),
                    "note",
                )
            )
        else:
            doc.blocks.append(
                Text(
                    _("{crop}: no OAE reference figure for this crop.").format(
                        crop=s.crop_names[code]
                    ),
                    "note",
                )
            )
    doc.blocks.append(
        structure_chart(
            _("Cost structure per rai by crop (baht)"),
            [s.crop_names[c] for c in codes],
            [s.by_crop[c] for c in codes],
        )
    )
    doc.blocks.append(
        Table(
            cycle_columns(),
            [cycle_row(r) for r in s.rows],
            title=_("Cycle by cycle"),
            sheet_name=_("Cycles"),
        )
    )
    losing = sum(1 for r in s.rows if r.figures.profit < 0)
    unharvested = sum(1 for r in s.rows if not r.figures.harvested)
    doc.blocks.append(
        Text(
            _("{n} cycles, {losing} at a loss over total cost, {none} without a harvest.").format(
                n=len(s.rows), losing=losing, none=unharvested
            )
        )
    )
    return doc


def cycle_kv(c, f, cmp) -> KeyValues:
    def money(x, unit=_("baht")):
        return f"{format_baht(x)} {unit}" if x is not None else "—"

    items = [
        (_("Planted area"), format_rnw(c.area_m2)),
        (_("Yield"), f"{f.yield_kg:,.2f} " + _("kg") if f.yield_kg else _("No harvest")),
        (_("Farm-gate price"), money(c.price, _("baht/kg"))),
        (_("Revenue"), money(f.revenue)),
        (_("Variable cost"), money(f.variable)),
        (_("Fixed cost"), money(f.fixed)),
        (_("Total cost"), money(f.total)),
        (_("Cash cost"), money(f.cash)),
        (_("Total cost per rai"), money(f.total_per_rai)),
        (_("Profit per rai over cash cost"), money(f.profit_cash_per_rai)),
        (_("Profit per rai over variable cost"), money(f.profit_variable_per_rai)),
        (_("Profit per rai over total cost"), money(f.profit_total_per_rai)),
        (
            _("Cost per kg (break-even price)"),
            money(f.cost_per_kg, _("baht/kg"))
            if f.cost_per_kg is not None
            else f.reasons.get("cost_per_kg", ""),
        ),
        (
            _("Break-even yield"),
            f"{f.breakeven_yield:,.2f} " + _("kg/rai")
            if f.breakeven_yield is not None
            else f.reasons.get("breakeven_yield", "—"),
        ),
        (_("Benefit/cost ratio"), f"{f.bc}" if f.bc is not None else f.reasons.get("bc", "")),
        (
            _("Compared with OAE"),
            cmp.sentence() if cmp else _no_reference(c),
        ),
    ]
    if c.planting_year:
        items.insert(
            1,
            (
                _("Age of the trees"),
                _("{text} (planted {year})").format(
                    text=farming.age_class_text(c.crop.code, farming.age_years(c)),
                    year=be_year(c.planting_year),
                ),
            ),
        )
    return KeyValues(items)


def _no_reference(c) -> str:
    """Why a cycle has no comparison: no figure for the crop, or one for another age class."""
    cls = farming.age_class_of(c)
    if cls is not None and farming.reference_for(c.crop.code) is not None:
        return _(
            "The published figure for this crop is for another age class; "
            "this cycle is {cls}, so it is not compared."
        ).format(cls=cls.label_th)
    return _("No OAE reference figure for this crop.")


def _one_cycle(cycle_id):
    c = farming.get_cycle(str(cycle_id))
    f = farming.cycle_figures(c)
    cmp = farming.compare(f, farming.cycle_reference(c))
    h = c.plot.household
    who = _("House no. {no} {name}, {village}").format(
        no=h.house_no, name=h.head_name, village=registry.village_label(h.village)
    )
    doc = headed_document(
        "crop-costs",
        _("Production-cost account"),
        [h.village.tambon],
        f"{c.crop.name_th} · {c.plot.name} · {who} · "
        f"{farming.label(farming.SEASONS, c.season)} {be_year(c.year)}",
    )
    doc.blocks.append(cycle_kv(c, f, cmp))
    rows = []
    for ln in farming.lines_of(c):
        rows.append(
            {
                "group": _("Fixed") if farming.is_fixed(ln.kind) else _("Variable"),
                "kind": farming.kind_label(ln.kind),
                "activity": farming.label(farming.ACTIVITIES, ln.activity),
                "item": ln.item + (" (" + _("family") + ")" if ln.family else ""),
                "quantity": ln.quantity,
                "unit": ln.unit,
                "unit_price": ln.unit_price,
                "amount": ln.amount,
                "cash": _("Cash") if ln.cash else _("Non-cash"),
            }
        )
    if f.working_interest:
        rows.append(
            {
                "group": _("Variable"),
                "kind": _("Interest on working capital"),
                "item": _("{rate}% × {months} months ÷ 12").format(rate=f.rate, months=f.months),
                "amount": f.working_interest,
                "cash": _("Non-cash"),
            }
        )
    if f.equipment_interest:
        rows.append(
            {
                "group": _("Fixed"),
                "kind": _("Interest on equipment"),
                "item": _("{rate}% of the average value").format(rate=f.rate),
                "amount": f.equipment_interest,
                "cash": _("Non-cash"),
            }
        )
    doc.blocks.append(
        Table(
            [
                Column("group", _("Cost"), "text", 0.7),
                Column("kind", _("Kind"), "text", 1.3),
                Column("activity", _("Activity"), "text", 0.9),
                Column("item", _("Item"), "text", 1.6),
                Column("quantity", _("Quantity"), "number", 0.6),
                Column("unit", _("Unit"), "text", 0.5),
                Column("unit_price", _("Unit price"), "money", 0.8),
                Column("amount", _("Amount (baht)"), "money", 0.9),
                Column("cash", _("Cash / non-cash"), "text", 0.7),
            ],
            rows,
            title=_("Cost lines"),
            totals={"group": _("Total"), "amount": f.total},
            sheet_name=_("Cost lines"),
        )
    )
    doc.blocks.append(structure_chart(_("Cost structure per rai (baht)"), [c.crop.name_th], [f]))
    doc.blocks.append(_settings_text(f.rate))
    return doc
