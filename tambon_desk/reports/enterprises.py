"""`enterprises`: community enterprises with their members and shares, trainings, and the
summary of their account book for the year (the enterprise's lines of the accounts ledger;
each member's share capital paid in and dividends are the lines that name the member)."""

from __future__ import annotations

from .. import farming
from ..core.i18n import _
from ..thai import format_baht, format_date
from ._accounts import choose_period, scoped_doc
from .catalogue import register
from .model import Column, KeyValues, Table, Text


def _product(code: str) -> str:
    crop = farming.crop_by_code(code) if code else None
    return crop.name_th if crop is not None else code


@register(
    "enterprises",
    "Community enterprises",
    params=("tambon", "district", "province", "year", "fiscal_year"),
)
def enterprises_report(ctx, tambon=None, district=None, province=None, year=None, fiscal_year=None):
    start, end, label = choose_period(year=year, fiscal_year=fiscal_year)
    doc, ts = scoped_doc(
        "enterprises", _("Community enterprises"), label, tambon, district, province
    )
    if not ts:
        return doc
    ids = [t.id for t in ts]
    rows = farming.enterprise_rows(ids, start, end)
    if not rows:
        doc.blocks.append(Text(_("No community enterprise has been recorded.")))
        return doc
    doc.blocks.append(
        KeyValues(
            [
                (_("Enterprises"), f"{len(rows):,}"),
                (_("Member households"), f"{sum(len(r.members) for r in rows):,}"),
                (
                    _("Enterprises trained in bookkeeping"),
                    f"{farming.trained_enterprise_count('bookkeeping', ids):,}",
                ),
            ]
        )
    )
    summary = []
    for r in rows:
        b = r.book
        summary.append(
            {
                "name": r.enterprise.name,
                "reg_no": r.enterprise.reg_no,
                "product": _product(r.enterprise.product),
                "members": len(r.members),
                "shares": sum(m.shares for m in r.members),
                "capital": b.share_capital,
                "income": b.income,
                "expense": b.expense,
                "profit": b.profit,
                "dividends": b.dividends,
                "trainings": len(r.trainings),
            }
        )
    doc.blocks.append(
        Table(
            [
                Column("name", _("Enterprise"), "text", 2.0),
                Column("reg_no", _("Registration no."), "code", 1.0),
                Column("product", _("Product"), "text", 0.8),
                Column("members", _("Members"), "int", 0.6),
                Column("shares", _("Shares"), "int", 0.6),
                Column("capital", _("Share capital"), "money", 0.9),
                Column("income", _("Income"), "money", 0.9),
                Column("expense", _("Expense"), "money", 0.9),
                Column("profit", _("Profit"), "money", 0.9),
                Column("dividends", _("Dividends"), "money", 0.8),
                Column("trainings", _("Trainings"), "int", 0.6),
            ],
            summary,
            title=_("Enterprises and their accounts"),
            sheet_name=_("Enterprises"),
            totals={
                "name": _("Total"),
                **{
                    k: sum(s[k] for s in summary)
                    for k in (
                        "members",
                        "shares",
                        "capital",
                        "income",
                        "expense",
                        "profit",
                        "dividends",
                    )
                },
            },
        )
    )
    members, trainings = [], []
    for r in rows:
        for m in r.members:
            h = m.household
            paid = r.book.by_member.get(h.id, {})  # the member's lines in the enterprise book
            members.append(
                {
                    "enterprise": r.enterprise.name,
                    "household": f"{h.house_no} {h.head_name}",
                    "village": f"{_('Moo')} {h.village.moo}",
                    "role": farming.label(farming.ROLES, m.role),
                    "shares": m.shares,
                    "value": m.shares * m.share_value,
                    "paid_in": paid.get("ent_share_in", 0),
                    "dividends": paid.get("ent_dividend", 0),
                }
            )
        for t, ps in r.trainings:
            trainings.append(
                {
                    "enterprise": r.enterprise.name,
                    "title": t.title,
                    "date": format_date(t.held_on) if t.held_on else "",
                    "organiser": t.organiser,
                    "people": len(ps),
                    "names": ", ".join(p.name for p in ps if p.name),
                }
            )
    doc.blocks.append(
        Table(
            [
                Column("enterprise", _("Enterprise"), "text", 1.8),
                Column("household", _("Household"), "text", 1.6),
                Column("village", _("Village"), "text", 0.6),
                Column("role", _("Role"), "text", 0.9),
                Column("shares", _("Shares"), "int", 0.5),
                Column("value", _("Share value"), "money", 0.8),
                Column("paid_in", _("Shares paid in"), "money", 0.8),
                Column("dividends", _("Dividends"), "money", 0.8),
            ],
            members,
            title=_("Members and committees"),
            sheet_name=_("Members"),
        )
    )
    doc.blocks.append(
        Table(
            [
                Column("enterprise", _("Enterprise"), "text", 1.6),
                Column("title", _("Training"), "text", 1.8),
                Column("date", _("Date"), "text", 0.8),
                Column("organiser", _("Organiser"), "text", 1.0),
                Column("people", _("Participants"), "int", 0.6),
                Column("names", _("Names"), "text", 1.8),
            ],
            trainings,
            title=_("Trainings"),
            sheet_name=_("Trainings"),
        )
    )
    if any(r.book.income or r.book.expense for r in rows):
        doc.blocks.append(
            Text(
                _(
                    "Book figures cover {period}; profit is income less "
                    "expenses, before dividends ({total} baht paid)."
                ).format(period=label, total=format_baht(sum(r.book.dividends for r in rows))),
                "note",
            )
        )
    return doc
