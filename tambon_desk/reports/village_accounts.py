"""`village-accounts`: per village and month — participation against the target, income,
expense, savings, debt, averages per recording household and the expense structure; with
no village chosen, the villages side by side first, then each village month by month."""
from __future__ import annotations

from .. import accounts, tambons
from ..i18n import _
from ._accounts import (choose_period, figure_columns, figure_row, find_village, month_label,
                        new_doc, structure_chart)
from .catalogue import register
from .model import Column, Table, Text


def _village_table(v, s) -> Table:
    cols = figure_columns(Column("month", _("Month"), "text", 0.8), with_households=True) + [
        Column("avg_income", _("Average income per household"), "money", 1.1),
        Column("avg_expense", _("Average expense per household"), "money", 1.1)]
    rows = []
    for m in s.months:
        f = s.month(m)
        rows.append({"month": month_label(m), **figure_row(f, v.account_target),
                     "avg_income": f.per_household(f.income),
                     "avg_expense": f.per_household(f.expense)})
    t = s.total
    return Table(cols, rows, title=_("{village} — target {n} households").format(
                     village=tambons.village_label(v), n=v.account_target),
                 totals={"month": _("Total"), **figure_row(t, v.account_target),
                         "avg_income": t.per_household(t.income),
                         "avg_expense": t.per_household(t.expense)},
                 sheet_name=_("Moo {moo} {name}").format(moo=v.moo, name="").strip())


@register("village-accounts", "Household accounts by village and month",
          params=("village", "year", "fiscal_year", "month"))
def village_accounts(ctx, village=None, year=None, fiscal_year=None, month=None, tambon=None):
    start, end, label = choose_period(year=year, fiscal_year=fiscal_year, month=month)
    tambon = tambon or tambons.home_tambon()
    doc = new_doc("village-accounts", _("Household accounts by village and month"), label,
                  tambon=tambon)
    if tambon is None:
        doc.blocks.append(Text(_("No tambon is set up yet.")))
        return doc
    per_village, whole = accounts.tambon_summary(tambon, start, end)
    villages = tambons.villages(tambon)
    if village is not None:
        v = find_village(village, tambon)
        villages = [v]
        doc.subtitle = f"{tambons.village_label(v)} · {label}"
    else:
        cols = figure_columns(Column("village", _("Village"), "text", 1.6),
                              with_households=True)
        rows = [{"village": tambons.village_label(v),
                 **figure_row(per_village[v.id].total, v.account_target)} for v in villages]
        doc.blocks.append(Table(cols, rows, title=_("Villages side by side"),
                                totals={"village": _("Whole tambon"),
                                        **figure_row(whole.total, whole.target)},
                                sheet_name=_("Villages")))
        doc.blocks.append(structure_chart(_("Expense structure by village"),
                                          [f"{_('Moo')} {v.moo}" for v in villages],
                                          [per_village[v.id].total for v in villages]))
    for v in villages:
        s = per_village[v.id]
        doc.blocks.append(_village_table(v, s))
        if village is not None:
            doc.blocks.append(structure_chart(_("Expense structure by month"),
                                              [month_label(m) for m in s.months],
                                              [s.month(m) for m in s.months]))
    return doc
