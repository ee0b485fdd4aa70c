"""`water-balance`: the monthly water balance of a village or the tambon for a water year,
with the supply-versus-demand chart, the sources and the water-use agreements.

`balance_chart` and `balance_rows` are also what the water screen draws, so the chart in
the window and the chart in the PDF come from the same numbers.
"""

from __future__ import annotations

from .. import registry, water
from ..core.errors import UserError
from ..core.i18n import _
from ..thai import MONTHS_SHORT, format_month
from .catalogue import register
from .model import Chart, Column, KeyValues, Table, Text, column_sums, headed_document

# (table key, MonthBalance attribute) of the monthly flows and levels, in table order
_BALANCE_FIELDS = (
    ("rain", "rain_mm"),
    ("supply", "supply_m3"),
    ("domestic", "domestic_m3"),
    ("livestock", "livestock_m3"),
    ("crops", "crops_m3"),
    ("demand", "demand_m3"),
    ("balance", "balance_m3"),
    ("storage", "storage_m3"),
    ("deficit", "deficit_m3"),
)


def month_label(year: int, month: int) -> str:
    return format_month(year, month, "short")


def _month_labels(pairs) -> str:
    """'ม.ค. 69, ก.พ. 69' from (year, month) pairs."""
    return ", ".join(month_label(y, m) for y, m in pairs)


def _month_names(months) -> str:
    """'ม.ค., ก.พ.' from month numbers (a recurring month, no year)."""
    return ", ".join(MONTHS_SHORT[m - 1] for m in months)


def _m3(value: float) -> str:
    return f"{value:,.0f} " + _("m³")


def _monthly(bal, attr: str) -> list[int]:
    """One chart series: a MonthBalance attribute in whole m³, month by month."""
    return [round(getattr(r, attr)) for r in bal.rows]


def balance_chart(bal, title: str | None = None) -> Chart:
    """Supply, demand and shortage by month (m³) — one chart for screen and paper."""
    return Chart(
        "bar",
        title or _("Water supply and demand by month (m³)"),
        [MONTHS_SHORT[r.month - 1] for r in bal.rows],
        [
            (_("Supply"), _monthly(bal, "supply_m3")),
            (_("Demand"), _monthly(bal, "demand_m3")),
            (_("Shortage"), _monthly(bal, "deficit_m3")),
        ],
        y_label=_("m³"),
    )


def storage_chart(bal) -> Chart:
    return Chart(
        "line",
        _("Water in storage at the end of each month (m³)"),
        [MONTHS_SHORT[r.month - 1] for r in bal.rows],
        [(_("Storage"), _monthly(bal, "storage_m3"))],
        y_label=_("m³"),
    )


def balance_columns() -> list[Column]:
    return [
        Column("month", _("Month"), "text", 1.0),
        Column("rain", _("Rain (mm)"), "int", 0.8),
        Column("supply", _("Supply"), "int", 0.9),
        Column("domestic", _("Domestic use"), "int", 0.9),
        Column("livestock", _("Livestock"), "int", 0.9),
        Column("crops", _("Crops"), "int", 0.9),
        Column("demand", _("Total demand"), "int", 0.9),
        Column("balance", _("Supply minus demand"), "int", 0.9),
        Column("storage", _("Storage at month end"), "int", 1.0),
        Column("deficit", _("Shortage"), "int", 0.9),
        Column("flag", _("Note"), "text", 0.8),
    ]


def balance_rows(bal) -> list[dict]:
    """Rows of the monthly table in whole m³; `flag` marks the deficit months."""
    return [
        {
            "month": month_label(r.year, r.month),
            **{key: round(getattr(r, attr)) for key, attr in _BALANCE_FIELDS},
            "flag": _("Short of water") if r.deficit_m3 > 1e-9 else "",
            "is_deficit": r.deficit_m3 > 1e-9,
        }
        for r in bal.rows
    ]


def balance_totals(bal) -> dict:
    """Year totals of the flows; storage is a level, not a flow, so it has none."""
    return {
        "month": _("Total"),
        **{key: round(bal.total(attr)) for key, attr in _BALANCE_FIELDS if key != "storage"},
    }


def summary_items(bal, population: int | None = None) -> list[tuple[str, str]]:
    short = _month_labels(bal.deficit_months) or _("none")
    items = []
    if population is not None:
        items.append((_("People (domestic demand)"), f"{population:,}"))
    items += [
        (_("Usable storage capacity"), _m3(bal.capacity_m3)),
        (_("In storage at the start of the year"), _m3(bal.start_storage_m3)),
        (_("Supply in the year"), _m3(bal.total("supply_m3"))),
        (_("Demand in the year"), _m3(bal.total("demand_m3"))),
        (_("Shortage in the year"), _m3(bal.total("deficit_m3"))),
        (_("Months short of water"), short),
    ]
    return items


def _source_table(sources) -> Table:
    cols = [
        Column("village", _("Moo"), "year", 0.5),
        Column("name", _("Water source"), "text", 1.6),
        Column("kind", _("Type"), "text", 0.9),
        Column("storage", _("Storage (m³)"), "int", 0.9),
        Column("usable", _("Usable (m³)"), "int", 0.9),
        Column("yield", _("Yield (m³/h)"), "number", 0.8),
        Column("dry", _("Dry months"), "text", 1.0),
        Column("manager", _("Manager"), "text", 1.2),
        Column("condition", _("Condition"), "text", 0.7),
    ]
    rows = []
    for s in sources:
        st = water.storage_m3(s)
        rows.append(
            {
                "village": s.village.moo,
                "name": s.name,
                "kind": _(water.KINDS[s.kind]),
                "storage": round(st) if st is not None else None,
                "usable": round(water.usable_storage_m3(s)) if st is not None else None,
                "yield": s.yield_m3_h,
                "dry": _month_names(water.parse_months(s.dry_months)),
                "manager": s.manager,
                "condition": _(water.CONDITIONS[s.condition]),
            }
        )
    return Table(
        cols,
        rows,
        title=_("Water sources"),
        sheet_name=_("Water sources"),
        totals={"village": _("Total"), **column_sums(rows, "storage", "usable")},
    )


def _agreement_table(agreements, villages_by_id) -> Table:
    cols = [
        Column("title", _("Agreement"), "text", 2.0),
        Column("villages", _("Villages"), "text", 0.8),
        Column("parties", _("Parties"), "text", 1.6),
        Column("rules", _("Rules"), "text", 2.2),
        Column("agreed", _("Agreed on"), "date", 0.8),
        Column("review", _("Review on"), "date", 0.8),
        Column("status", _("Status"), "text", 0.7),
        Column("scans", _("Signed scans"), "int", 0.6),
    ]
    rows = [
        {
            "title": a.title,
            "villages": ", ".join(
                str(villages_by_id[v].moo) for v in (a.village_ids or []) if v in villages_by_id
            )
            or _("All villages"),
            "parties": a.parties,
            "rules": a.rules,
            "agreed": a.agreed_on,
            "review": a.review_on,
            "status": _(water.AGREEMENT_STATUSES[a.status]),
            "scans": len(water.agreement_scans(a)),
        }
        for a in agreements
    ]
    return Table(cols, rows, title=_("Water-use agreements"), sheet_name=_("Agreements"))


def money_table(rows) -> Table:
    """The money side of the water account: water fees and pumping fuel from the books."""
    cols = [
        Column("month", _("Month"), "text", 1.0),
        Column("water_fee", _("Water fees (baht)"), "money", 1.0),
        Column("pump_fuel", _("Pumping fuel (baht)"), "money", 1.0),
        Column("total", _("Total (baht)"), "money", 1.0),
    ]
    out = [
        {
            "month": month_label(r["year"], r["month"]),
            "water_fee": r["water_fee"],
            "pump_fuel": r["pump_fuel"],
            "total": r["water_fee"] + r["pump_fuel"],
        }
        for r in rows
    ]
    return Table(
        cols,
        out,
        title=_("Water spending in the household account books"),
        sheet_name=_("Water spending"),
        totals={"month": _("Total"), **column_sums(out, "water_fee", "pump_fuel", "total")},
    )


def _village_table(vs, per) -> Table:
    cols = [
        Column("village", _("Village"), "text", 1.6),
        Column("population", _("Number of people"), "int", 0.7),
        Column("capacity", _("Usable storage (m³)"), "int", 1.0),
        Column("supply", _("Supply"), "int", 0.9),
        Column("demand", _("Total demand"), "int", 0.9),
        Column("deficit", _("Shortage"), "int", 0.9),
        Column("months", _("Months short of water"), "text", 2.0),
    ]
    rows = []
    for v in vs:
        b = per[v.id]
        rows.append(
            {
                "village": registry.village_label(v),
                "population": b.inputs.population,
                "capacity": round(b.capacity_m3),
                "supply": round(b.total("supply_m3")),
                "demand": round(b.total("demand_m3")),
                "deficit": round(b.total("deficit_m3")),
                "months": _month_names(m for _y, m in b.deficit_months),
            }
        )
    return Table(cols, rows, title=_("Villages"), sheet_name=_("Villages"))


@register("water-balance", "Water balance", params=("tambon", "village", "year"))
def water_balance(ctx, village: int | None = None, year: int | None = None, tambon=None):
    """`tambon` is a DOPA code (or a Tambon); None is the home tambon."""
    from ._scope import one_tambon

    tambon = one_tambon(tambon)
    if tambon is None:
        raise UserError(_("No tambon is registered yet."))
    year = int(year) if year else water.default_year(tambon)
    vs = registry.villages(tambon)
    doc = headed_document("water-balance", _("Water balance"), [tambon], landscape=True)
    if village is not None:
        chosen = [v for v in vs if v.moo == int(village)]
        if not chosen:
            raise UserError(_("There is no village Moo {moo} in this tambon.").format(moo=village))
        v = chosen[0]
        bal = water.village_balance(v, year)
        where = registry.village_label(v)
        sources = water.sources_of(village=v)
        agreements = water.agreements_of(tambon, v)
        population = bal.inputs.population
    else:
        bal, per = water.tambon_balance(tambon, year)
        where = _("Whole tambon")
        sources = water.sources_of(tambon=tambon)
        agreements = water.agreements_of(tambon)
        population = sum(b.inputs.population for b in per.values())
    first, last = bal.rows[0], bal.rows[-1]
    doc.subtitle = _("{where}, water year {first} to {last}").format(
        where=where,
        first=month_label(first.year, first.month),
        last=month_label(last.year, last.month),
    )
    doc.blocks.append(KeyValues(summary_items(bal, population)))
    doc.blocks.append(
        Text(
            _(
                "Supply is the yield of wells and pumps and the rain reaching "
                "rain-filled sources; storage starts the year at the usable "
                "capacity times the start fill; a source gives nothing in its "
                "dry months. Each village is balanced on its own and the "
                "tambon is their sum."
            ),
            "note",
        )
    )
    if bal.missing_rain:
        doc.blocks.append(
            Text(
                _("No rainfall recorded for {months}; counted as no rain.").format(
                    months=_month_labels(bal.missing_rain)
                ),
                "note",
            )
        )
    doc.blocks.append(
        Table(
            balance_columns(),
            balance_rows(bal),
            title=_("Monthly water balance (m³)"),
            totals=balance_totals(bal),
            sheet_name=_("Monthly balance"),
        )
    )
    doc.blocks.append(balance_chart(bal))
    doc.blocks.append(storage_chart(bal))
    if village is None:
        doc.blocks.append(_village_table(vs, per))
    ids = [v.id] if village is not None else [x.id for x in vs]
    doc.blocks.append(money_table(water.water_money(ids, [(r.year, r.month) for r in bal.rows])))
    doc.blocks.append(Text(_("Only households that keep an account book are counted."), "note"))
    doc.blocks.append(_source_table(sources))
    doc.blocks.append(_agreement_table(agreements, {x.id: x for x in vs}))
    return doc
