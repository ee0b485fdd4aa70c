"""`household-statement`: one household's book for a year or fiscal year, to hand back to
the family: totals with the balance in Thai words, 12-month table and chart, the expense
structure and the unnecessary expenses."""

from __future__ import annotations

from .. import accounts, registry
from ..core.errors import UserError
from ..core.i18n import _
from ..thai import baht_text
from ._accounts import (
    choose_period,
    figure_columns,
    figure_row,
    find_village,
    income_expense_chart,
    month_label,
    new_doc,
)
from .catalogue import register
from .model import Chart, Column, KeyValues, Table, Text


def _find_household(household, village, tambon=None):

    h = registry.get_household(str(household)) if household else None
    if h is None and household:
        # one reading of "99/9", "3/99/9", "หมู่ 3 99/9" for every household chooser
        t = registry.resolve_tambon(tambon) if tambon else None
        v = find_village(village, t) if village is not None else None
        rows = registry.households_for_key(str(household), village=v, tambon=t, limit=2)
        if len(rows) == 1:
            h = registry.get_household(rows[0]["id"])
    if h is None:
        raise UserError(_("Choose the household (its id, or its house number with the village)."))
    return h


@register(
    "household-statement",
    "Household account statement",
    params=("tambon", "household", "village", "year", "fiscal_year"),
)
def household_statement(
    ctx, household=None, village=None, year=None, fiscal_year=None, tambon=None
):
    from ._fmt import format_value
    from .model import Value

    h = _find_household(household, village, tambon)
    start, end, label = choose_period(year=year, fiscal_year=fiscal_year)
    s = accounts.household_summary(h, start, end)
    who = _("House no. {no} {name}, {village}").format(
        no=h.house_no, name=h.head_name, village=registry.village_label(h.village)
    )
    doc = new_doc(
        "household-statement",
        _("Household account statement"),
        f"{who} · {label}",
        tambon=h.village.tambon,
    )
    t = s.total
    recorded = sum(1 for m in s.months if s.month(m).lines)
    if not recorded:
        doc.blocks.append(
            Text(_("This household recorded nothing in its account book in this period."))
        )
        _crop_results(doc, h, start, end)  # a farm without a book still has results
        return doc
    bt = _("baht")
    from ._accounts import unnecessary_share

    pct = unnecessary_share(t)
    share = f"({format_value('percent', pct)}%)" if pct is not None else ""
    doc.blocks.append(
        KeyValues(
            [
                (_("Income"), Value(t.income, "money", bt)),
                (_("Expense"), Value(t.expense, "money", bt)),
                (_("Savings"), Value(t.savings, "money", bt)),
                (_("Balance"), Value(t.balance, "money", bt, f"({baht_text(t.balance)})")),
                (
                    _("Debt outstanding"),
                    Value(t.debt, "money", bt) if t.debt is not None else _("not recorded"),
                ),
                (_("Unnecessary expenses"), Value(t.unnecessary, "money", bt, share)),
                (_("Months recorded"), _("{n} of {m}").format(n=recorded, m=len(s.months))),
            ]
        )
    )
    rows = [{"month": month_label(m), **figure_row(s.month(m))} for m in s.months]
    cols = figure_columns(Column("month", _("Month"), "text", 0.8))
    doc.blocks.append(
        Table(
            cols,
            rows,
            title=_("Month by month (baht)"),
            totals={"month": _("Total"), **figure_row(t)},
            sheet_name=_("Months"),
        )
    )
    labels = [month_label(m) for m in s.months]
    doc.blocks.append(
        income_expense_chart(
            _("Income and expense by month"), labels, [s.month(m) for m in s.months]
        )
    )
    _structure(doc, t)
    _unnecessary(doc, s)
    _crop_results(doc, h, start, end)
    return doc


def _crop_results(doc, h, start, end):
    """The household's crop cycles whose season year falls in the period (issue 15)."""
    from .. import farming
    from .crop_costs import cycle_columns, cycle_row

    rows = [r for r in farming.household_crop_results(h).rows if start.year <= r.year <= end.year]
    if rows:
        cols = [c for c in cycle_columns() if c.key not in ("village", "household")]
        doc.blocks.append(
            Table(
                cols,
                [cycle_row(r) for r in rows],
                title=_("Crop results (production-cost accounts)"),
                sheet_name=_("Crops"),
            )
        )


def _structure(doc, t):
    """Expense groups as shares of the expense - the same base as the "% unnecessary"
    figure above, so the unnecessary share reads the same on every page."""
    groups = list(accounts.EXPENSE_GROUPS)
    out = t.expense
    rows = [
        {
            "group": accounts.group_label(g),
            "amount": t.group(g),
            "share": 100 * t.group(g) / out if out else None,
        }
        for g in groups
    ]
    doc.blocks.append(
        Table(
            [
                Column("group", _("Where the money went"), "text", 2.0),
                Column("amount", _("Baht"), "money", 1.2),
                Column("share", _("Percent"), "percent", 0.8),
            ],
            rows,
            title=_("Expense structure"),
            totals={"group": _("Total"), "amount": out, "share": 100.0 if out else None},
            sheet_name=_("Expense structure"),
        )
    )
    if out:
        shown = [(r["group"], r["amount"] / 100) for r in rows if r["amount"]]
        doc.blocks.append(
            Chart(
                "pie",
                _("Expense structure"),
                [g for g, _v in shown],
                [("", [v for _g, v in shown])],
            )
        )


def _unnecessary(doc, s):
    cats = accounts.category_map()
    codes = [cid for cid, c in cats.items() if c.group == "unnecessary"]
    rows = []
    for cid in sorted(codes, key=lambda c: cats[c].order):
        amount = s.total.by_category.get(cid, 0)
        if amount:
            rows.append(
                {
                    "category": cats[cid].name_th,
                    "amount": amount,
                    **{m: s.month(m).by_category.get(cid) for m in s.months},
                }
            )
    if not rows:
        doc.blocks.append(Text(_("No unnecessary expenses were recorded in this period.")))
        return
    cols = (
        [Column("category", _("Unnecessary expenses"), "text", 1.6)]
        + [Column(m, month_label(m), "money", 0.8) for m in s.months]
        + [Column("amount", _("Total"), "money", 1.0)]
    )
    doc.blocks.append(
        Table(
            cols,
            rows,
            title=_("Unnecessary expenses by month (baht)"),
            totals={
                "category": _("Total"),
                "amount": s.total.unnecessary,
                **{m: s.month(m).unnecessary for m in s.months},
            },
            sheet_name=_("Unnecessary"),
        )
    )
