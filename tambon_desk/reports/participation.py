"""`participation`: households that really recorded, against the target, per village and
month (a household recorded a month when its book has a line in it)."""

from __future__ import annotations

from .. import accounts, registry
from ..core.errors import UserError
from ..core.i18n import _
from ._accounts import choose_period, find_village, month_label, scoped_doc
from .catalogue import register
from .model import Chart, Column, Table, Text


@register(
    "participation",
    "Account-book participation against target",
    params=("tambon", "district", "province", "village", "year", "fiscal_year"),
)
def participation(
    ctx, village=None, year=None, fiscal_year=None, tambon=None, district=None, province=None
):
    start, end, label = choose_period(year=year, fiscal_year=fiscal_year)
    doc, ts = scoped_doc(
        "participation",
        _("Account-book participation against target"),
        label,
        tambon,
        district,
        province,
    )
    if not ts:
        return doc
    several = len(ts) > 1
    if village is not None:
        if several:
            raise UserError(_("Choose one tambon to report on one village."))
        villages = [find_village(village, ts[0])]
    else:
        villages = [v for t in ts for v in registry.villages(t)]
    data = accounts.participation(start, end, villages)
    months = accounts.months_in(start, end)
    cols = (
        [Column("village", _("Village"), "text", 1.6), Column("target", _("Target"), "int", 0.6)]
        + [Column(m, month_label(m), "int", 0.55) for m in months]
        + [
            Column("recorded", _("Recorded at least once"), "int", 0.8),
            Column("percent", _("% of target"), "percent", 0.7),
        ]
    )
    rows = []
    for r in data:
        rows.append(
            {
                "village": registry.village_label(r["village"], with_tambon=several),
                "target": r["target"],
                **r["months"],
                "recorded": r["recorded"],
                "percent": r["period_percent"],
            }
        )
    target = sum(r["target"] for r in data)
    recorded = sum(r["recorded"] for r in data)
    totals = {
        "village": _("Total"),
        "target": target,
        "recorded": recorded,
        "percent": round(100 * recorded / target, 1) if target else None,
        **{m: sum(r["months"][m] for r in data) for m in months},
    }
    doc.blocks.append(
        Text(
            _(
                "{n} of {t} target households recorded at least one month; "
                "a household counts for a month when its book has a line in "
                "that month."
            ).format(n=f"{recorded:,}", t=f"{target:,}")
        )
    )
    doc.blocks.append(
        Table(
            cols,
            rows,
            title=_("Recording households by month"),
            totals=totals,
            sheet_name=_("Participation"),
        )
    )
    if several:  # one bar pair per tambon: villages would be hundreds
        units = [(t.name_th, [r for r in data if r["village"].tambon_id == t.id]) for t in ts]
    else:
        units = [(f"{_('Moo')} {r['village'].moo}", [r]) for r in data]
    doc.blocks.append(
        Chart(
            "bar",
            _("Target and recording households"),
            [name for name, _rs in units],
            [
                (_("Target"), [sum(r["target"] for r in rs) for _n, rs in units]),
                (_("Recorded at least once"), [sum(r["recorded"] for r in rs) for _n, rs in units]),
            ],
            y_label=_("Households"),
        )
    )
    return doc
