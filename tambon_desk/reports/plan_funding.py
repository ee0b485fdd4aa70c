"""`plan-funding`: master-plan projects and budgets per tambon and funding channel, with the
average per tambon the seed reports (e.g. 3.9 projects and 897,183.33 baht per tambon), and
the provincial-plan count and total. Counting and rounding rules: plan_summary.py."""

from __future__ import annotations

from ..core.i18n import _
from ..plan import GROUPS, funding_and_provincial
from ..thai import format_baht
from . import _plan_scope
from .catalogue import register
from .model import Column, KeyValues, Table, Text, Value


def average_table(summary, title: str) -> Table:
    """The seed's table: per channel group, projects and budget in total and per tambon."""
    cols = [
        Column("group", _("Funding channel"), "text", 2.2),
        Column("count", _("Projects"), "int", 0.9),
        Column("approved", _("Budget (baht)"), "money", 1.5),
        Column("avg_count", _("Projects per tambon"), "number", 1.1),
        Column("avg_budget", _("Baht per tambon"), "money", 1.5),
    ]
    rows = []
    for g, (label, _chans) in summary.groups.items():
        tot = summary.totals[g]
        rows.append(
            {
                "group": _(label),
                "count": tot.count,
                "approved": tot.approved,
                "avg_count": summary.average_count(g),
                "avg_budget": summary.average_budget(g),
            }
        )
    return Table(cols, rows, title=title, sheet_name=_("Average per tambon"))


def seed_lines(summary, prov) -> KeyValues:
    """One line per channel as the seed writes it, then the provincial plan."""
    items = []
    for g, (label, _chans) in summary.groups.items():
        items.append(
            (
                _(label),
                _("{n} projects and {baht} baht per tambon").format(
                    n=f"{summary.average_count(g):,.2f}",
                    baht=format_baht(summary.average_budget(g)),
                ),
            )
        )
    items.append((_("Projects in the provincial plan"), Value(prov.count, "int")))
    items.append((_("Total in the plan (baht)"), Value(prov.total, "money")))
    return KeyValues(items)


@register(
    "plan-funding",
    "Master-plan funding per tambon",
    params=("fiscal_year", "tambon", "district", "province"),
)
def plan_funding(ctx, fiscal_year=None, tambon=None, district=None, province=None):
    scope = _plan_scope.resolve(tambon, district, province)
    s, prov = funding_and_provincial(fiscal_year=fiscal_year, **scope)
    doc = _plan_scope.document(
        "plan-funding",
        _("Master-plan funding per tambon"),
        scope,
        _plan_scope.fiscal_label(fiscal_year),
        landscape=True,
    )
    cols = [Column("tambon", _("Tambon"), "text", 1.8)]
    for g, (label, _chans) in GROUPS.items():
        cols += [
            Column(g + "_n", _("{channel}: projects").format(channel=_(label)), "int", 0.9),
            Column(g + "_b", _("{channel}: baht").format(channel=_(label)), "money", 1.3),
        ]
    rows = []
    for t in s.tambons:
        row = {"tambon": t.name_th}
        for g in GROUPS:
            row[g + "_n"], row[g + "_b"] = s.rows[t.id][g].count, s.rows[t.id][g].approved
        rows.append(row)
    totals = {"tambon": _("Total")}
    for g in GROUPS:
        totals[g + "_n"], totals[g + "_b"] = s.totals[g].count, s.totals[g].approved
    doc.blocks.append(
        Text(
            _(
                "{n} tambons. A project counts in a channel once a funding line "
                "there has an approved amount; dropped projects do not count. "
                "Averages are over all tambons, rounded half up (counts to 2 "
                "decimals, budgets to the satang)."
            ).format(n=f"{s.n_tambons:,}"),
            "note",
        )
    )
    doc.blocks.append(seed_lines(s, prov))
    doc.blocks.append(average_table(s, _("Average per tambon")))
    doc.blocks.append(
        Table(
            cols,
            rows,
            title=_("Projects and budget per tambon"),
            totals=totals,
            sheet_name=_("Per tambon"),
        )
    )
    return doc
