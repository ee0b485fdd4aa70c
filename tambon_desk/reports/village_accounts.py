"""`village-accounts`: per village and month — participation against the target, income,
expense, savings, debt, averages per recording household and the expense structure; with
no village chosen, the villages side by side first, then each village month by month. For a
district or province (a merged database): the tambons side by side, all of them by month,
and every village on one table."""

from __future__ import annotations

from .. import accounts, registry
from ..core.errors import UserError
from ..core.i18n import _
from ._accounts import (
    choose_period,
    figure_columns,
    figure_row,
    find_village,
    merged,
    month_label,
    scoped_doc,
    structure_chart,
)
from .catalogue import register
from .model import Column, Table


def _village_table(v, s) -> Table:
    cols = figure_columns(Column("month", _("Month"), "text", 0.8), with_households=True) + [
        Column("avg_income", _("Average income per household"), "money", 1.1),
        Column("avg_expense", _("Average expense per household"), "money", 1.1),
    ]
    rows = []
    for m in s.months:
        f = s.month(m)
        rows.append(
            {
                "month": month_label(m),
                **figure_row(f, v.account_target),
                "avg_income": f.per_household(f.income),
                "avg_expense": f.per_household(f.expense),
            }
        )
    t = s.total
    return Table(
        cols,
        rows,
        title=_("{village} — target {n} households").format(
            village=registry.village_label(v), n=v.account_target
        ),
        totals={
            "month": _("Total"),
            **figure_row(t, v.account_target),
            "avg_income": t.per_household(t.income),
            "avg_expense": t.per_household(t.expense),
        },
        sheet_name=registry.village_label(v),
    )


def _months_table(s, title: str) -> Table:
    cols = figure_columns(Column("month", _("Month"), "text", 0.8), with_households=True)
    rows = [{"month": month_label(m), **figure_row(s.month(m), s.target)} for m in s.months]
    return Table(
        cols,
        rows,
        title=title,
        totals={"month": _("Total"), **figure_row(s.total, s.target)},
        sheet_name=_("Months"),
    )


def _several_tambons(doc, ts, start, end):
    """A district or province: tambons side by side, every village, the months, a chart."""
    by_tambon = []
    village_rows = []
    for t in ts:
        per_village, whole = accounts.tambon_summary(t, start, end)
        by_tambon.append(whole)
        for v in registry.villages(t):
            village_rows.append(
                {
                    "village": registry.village_label(v, with_tambon=True),
                    **figure_row(per_village[v.id].total, v.account_target),
                }
            )
    everything = merged(by_tambon)
    cols = figure_columns(Column("tambon", _("Tambon"), "text", 1.4), with_households=True)
    doc.blocks.append(
        Table(
            cols,
            [
                {"tambon": t.name_th, **figure_row(w.total, w.target)}
                for t, w in zip(ts, by_tambon, strict=False)
            ],
            title=_("Tambons side by side"),
            totals={"tambon": _("Total"), **figure_row(everything.total, everything.target)},
            sheet_name=_("Tambons"),
        )
    )
    doc.blocks.append(
        structure_chart(
            _("Expense structure by tambon"), [t.name_th for t in ts], [w.total for w in by_tambon]
        )
    )
    doc.blocks.append(_months_table(everything, _("All tambons by month")))
    cols = figure_columns(Column("village", _("Village"), "text", 2.0), with_households=True)
    doc.blocks.append(
        Table(cols, village_rows, title=_("Villages side by side"), sheet_name=_("Villages"))
    )
    return doc


@register(
    "village-accounts",
    "Household accounts by village and month",
    params=("tambon", "district", "province", "village", "year", "fiscal_year", "month"),
)
def village_accounts(
    ctx,
    village=None,
    year=None,
    fiscal_year=None,
    month=None,
    tambon=None,
    district=None,
    province=None,
):
    start, end, label = choose_period(year=year, fiscal_year=fiscal_year, month=month)
    doc, ts = scoped_doc(
        "village-accounts",
        _("Household accounts by village and month"),
        label,
        tambon,
        district,
        province,
    )
    if not ts:
        return doc
    if len(ts) > 1:
        if village is not None:
            raise UserError(_("Choose one tambon to report on one village."))
        return _several_tambons(doc, ts, start, end)
    tambon = ts[0]
    per_village, whole = accounts.tambon_summary(tambon, start, end)
    villages = registry.villages(tambon)
    if village is not None:
        v = find_village(village, tambon)
        villages = [v]
        doc.subtitle = f"{registry.village_label(v)} · {label}"
    else:
        cols = figure_columns(Column("village", _("Village"), "text", 1.6), with_households=True)
        rows = [
            {
                "village": registry.village_label(v),
                **figure_row(per_village[v.id].total, v.account_target),
            }
            for v in villages
        ]
        doc.blocks.append(
            Table(
                cols,
                rows,
                title=_("Villages side by side"),
                totals={"village": _("Whole tambon"), **figure_row(whole.total, whole.target)},
                sheet_name=_("Villages"),
            )
        )
        doc.blocks.append(
            structure_chart(
                _("Expense structure by village"),
                [f"{_('Moo')} {v.moo}" for v in villages],
                [per_village[v.id].total for v in villages],
            )
        )
    for v in villages:
        s = per_village[v.id]
        doc.blocks.append(_village_table(v, s))
        if village is not None:
            doc.blocks.append(
                structure_chart(
                    _("Expense structure by month"),
                    [month_label(m) for m in s.months],
                    [s.month(m) for m in s.months],
                )
            )
    return doc
