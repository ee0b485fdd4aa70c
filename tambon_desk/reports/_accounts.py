"""Pieces the three account-book reports share: period choice, month labels, month rows."""

from __future__ import annotations

import datetime as _dt

from .. import accounts, registry, thai
from ..core.errors import UserError
from ..core.i18n import _
from ..thai import MONTHS_SHORT, be_year
from ._scope import one_tambon, scope_kind
from .model import Chart, Column, ReportDocument, Text, headed_document


def choose_period(year=None, fiscal_year=None, month=None):
    """(start, end, label) of the period asked for (reports/period.py reads it, so every
    report names periods alike); the current fiscal year when none is given."""
    from .period import Period

    p = Period.from_args(year=year, fiscal_year=fiscal_year, month=month)
    if p is None:
        p = Period.fiscal_year(thai.fiscal_year(_dt.date.today()))
    return p.start, p.end, p.label_th


def month_label(key: str) -> str:
    """'2025-11' -> 'พ.ย. 68'."""
    y, m = int(key[:4]), int(key[5:])
    return f"{MONTHS_SHORT[m - 1]} {be_year(y) % 100:02d}"


def scope_tambons(tambon=None, district=None, province=None) -> list:
    """The tambons a report covers: one (a Tambon or DOPA code; the office's own by
    default), or every tambon of a district or province in this database."""
    if district or province:
        ts = [
            t
            for t in registry.tambons()
            if (not district or t.district_code == str(district))
            and (not province or t.province_code == str(province))
        ]
        if not ts:
            raise UserError(_("This database holds no tambon of that district or province."))
        return ts
    t = one_tambon(tambon)
    return [t] if t is not None else []


def new_doc(
    name: str,
    title: str,
    subtitle: str,
    landscape: bool = True,
    tambon=None,
    scope: list | None = None,
    kind: str | None = None,
) -> ReportDocument:
    """A document headed by its tambon, or by the district / province of several."""
    ts = scope if scope is not None else [t for t in [tambon or registry.home_tambon()] if t]
    return headed_document(name, title, ts, subtitle, landscape, kind)


def scoped_doc(
    name: str, title: str, subtitle: str, tambon=None, district=None, province=None
) -> tuple[ReportDocument, list]:
    """(document, tambons) of a report over one tambon, a district or a province. With no
    tambon set up the document already says so and the caller returns it as it is."""
    ts = scope_tambons(tambon, district, province)
    doc = new_doc(name, title, subtitle, scope=ts, kind=scope_kind(tambon, district, province))
    if not ts:
        doc.blocks.append(Text(_("No tambon is set up yet.")))
    return doc, ts


def merged(summaries: list):
    """One Summary adding up several (units never share a household)."""
    from ..accounts import Figures, Summary

    months = summaries[0].months if summaries else []
    out = Summary(months, {m: Figures() for m in months}, Figures(), target=0)
    for s in summaries:
        out.total.merge(s.total)
        for m in months:
            out.per_month[m].merge(s.per_month[m])
        out.target += s.target or 0
    return out


def find_village(moo, tambon=None):
    t = registry.resolve_tambon(tambon)
    for v in registry.villages(t) if t else []:
        if v.moo == int(moo):
            return v
    raise UserError(_("There is no village number {moo}.").format(moo=moo))


def figure_columns(first: Column, with_households: bool = False) -> list[Column]:
    cols = [first]
    if with_households:
        cols += [
            Column("households", _("Recording households"), "int", 0.8),
            Column("participation", _("% of target"), "percent", 0.7),
        ]
    cols += [
        Column("income", _("Income"), "money", 1.1),
        Column("expense", _("Expense"), "money", 1.1),
        Column("savings", _("Savings"), "money", 1.0),
        Column("balance", _("Balance"), "money", 1.1),
        Column("debt", _("Debt outstanding"), "money", 1.1),
        Column("unnecessary", _("Unnecessary"), "money", 1.0),
        Column("share", _("% unnecessary"), "percent", 0.7),
    ]
    return cols


def unnecessary_share(f) -> float | None:
    """Percent of the expense that was unnecessary, unrounded: every page rounds this one
    number once when it shows it, so the statement says the same share everywhere."""
    return 100 * f.unnecessary / f.expense if f.expense else None


def figure_row(f, target: int | None = None) -> dict:
    row = {
        "income": f.income,
        "expense": f.expense,
        "savings": f.savings,
        "balance": f.balance,
        "debt": f.debt,
        "unnecessary": f.unnecessary,
        "share": unnecessary_share(f),
        "households": f.households,
    }
    if target:
        row["participation"] = round(100 * f.households / target, 1)
    return row


def structure_chart(title: str, labels: list[str], figures: list) -> Chart:
    """Stacked bars: the expense groups (and savings) of each unit or month, in baht."""
    series = [
        (accounts.group_label(g), [f.group(g) / 100 for f in figures])
        for g in (*accounts.EXPENSE_GROUPS, accounts.SAVINGS_GROUP)
    ]
    return Chart("stacked_bar", title, labels, series, y_label=_("Baht"))


def income_expense_chart(title: str, labels: list[str], figures: list) -> Chart:
    return Chart(
        "bar",
        title,
        labels,
        [
            (_("Income"), [f.income / 100 for f in figures]),
            (_("Expense"), [f.expense / 100 for f in figures]),
        ],
        y_label=_("Baht"),
    )
