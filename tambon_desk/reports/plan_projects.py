"""`plan-projects`: master-plan projects by issue and funding channel, by issue and status,
year on year, and the list of projects under each issue."""

from __future__ import annotations

from decimal import Decimal

from ..core.i18n import _
from ..plan import (
    GROUPS,
    by_issue_channel,
    by_issue_status,
    channel_label,
    flow_statuses,
    project_page,
    status_label,
    year_on_year,
)
from ..thai import thai_sort_key
from . import _plan_scope
from .catalogue import register
from .model import Chart, Column, Table, column_sums


def _issue_name(name: str) -> str:
    return name or _("(no issue)")


def _issue_order(names) -> list[str]:
    """Issue names in Thai order, the projects with no issue last."""
    return sorted(names, key=lambda n: (n == "", thai_sort_key(n)))


def _group_cols(first: Column) -> list[Column]:
    cols = [first]
    for g, (label, _chans) in GROUPS.items():
        cols += [
            Column(g + "_n", _("{channel}: projects").format(channel=_(label)), "int", 0.9),
            Column(g + "_b", _("{channel}: baht").format(channel=_(label)), "money", 1.3),
        ]
    return cols


def _group_row(row: dict, cells: dict, totals: dict) -> dict:
    for g in GROUPS:
        row[g + "_n"], row[g + "_b"] = cells[g].count, cells[g].approved
        totals[g + "_n"] = totals.get(g + "_n", 0) + cells[g].count
        totals[g + "_b"] = totals.get(g + "_b", 0) + cells[g].approved
    return row


@register(
    "plan-projects",
    "Master-plan projects by issue and channel",
    params=("fiscal_year", "tambon", "district", "province"),
)
def plan_projects(ctx, fiscal_year=None, tambon=None, district=None, province=None):
    scope = _plan_scope.resolve(tambon, district, province)
    doc = _plan_scope.document(
        "plan-projects",
        _("Master-plan projects by issue and channel"),
        scope,
        _plan_scope.fiscal_label(fiscal_year),
        landscape=True,
    )
    # by issue and channel
    ic = by_issue_channel(fiscal_year=fiscal_year, **scope)
    totals = {"issue": _("Total")}
    rows = [_group_row({"issue": _issue_name(name)}, ic[name], totals) for name in _issue_order(ic)]
    doc.blocks.append(
        Table(
            _group_cols(Column("issue", _("Issue"), "text", 2.0)),
            rows,
            title=_("Projects and approved budget by issue and funding channel"),
            totals=totals,
            sheet_name=_("By issue and channel"),
        )
    )
    # by issue and status
    st = by_issue_status(fiscal_year=fiscal_year, **scope)
    statuses = flow_statuses()
    cols = (
        [Column("issue", _("Issue"), "text", 2.0)]
        + [Column(s, status_label(s), "int", 0.8) for s in statuses]
        + [Column("all", _("All"), "int", 0.7)]
    )
    rows, totals = [], {"issue": _("Total")}
    for name in _issue_order(st):
        row = {"issue": _issue_name(name), **{s: st[name][s] for s in statuses}}
        row["all"] = sum(st[name][s] for s in statuses)
        for k in statuses + ["all"]:
            totals[k] = totals.get(k, 0) + row[k]
        rows.append(row)
    doc.blocks.append(
        Table(
            cols,
            rows,
            title=_("Projects by issue and status"),
            totals=totals,
            sheet_name=_("By issue and status"),
        )
    )
    # year on year (whole scope, every fiscal year)
    yoy = year_on_year(**scope)
    totals = {"fy": _("Total")}
    rows = []
    for fy, cells in yoy.items():
        row = _group_row({"fy": fy, "projects": cells["projects"]}, cells, totals)
        totals["projects"] = totals.get("projects", 0) + cells["projects"]
        rows.append(row)
    cols = _group_cols(Column("fy", _("Fiscal year"), "year", 0.8))
    cols.insert(1, Column("projects", _("Projects"), "int", 0.8))
    doc.blocks.append(
        Table(cols, rows, title=_("Year on year"), totals=totals, sheet_name=_("Year on year"))
    )
    if yoy:
        doc.blocks.append(
            Chart(
                "stacked_bar",
                _("Approved budget by fiscal year (baht)"),
                [str(fy) for fy in yoy],
                [
                    (_(label), [float(Decimal(c[g].approved) / 100) for c in yoy.values()])
                    for g, (label, _chans) in GROUPS.items()
                ],
                y_label=_("baht"),
            )
        )
    # the projects themselves, by issue
    page, _total = project_page(
        fiscal_year=fiscal_year,
        limit=1_000_000,
        tambons=[t.id for t in _plan_scope.scope_tambons(**scope)],
    )
    cols = [
        Column("title", _("Project"), "text", 3.0),
        Column("tambon", _("Tambon"), "text", 1.1),
        Column("moo", _("Moo"), "year", 0.5),
        Column("fy", _("Fiscal year"), "year", 0.7),
        Column("status", _("Status"), "text", 1.0),
        Column("channels", _("Funding channels"), "text", 1.8),
        Column("requested", _("Requested (baht)"), "money", 1.2),
        Column("approved", _("Approved (baht)"), "money", 1.2),
    ]
    by_issue: dict = {}
    for r in page:
        by_issue.setdefault(r["issue_name"] or "", []).append(r)
    for name in _issue_order(by_issue):
        rs = by_issue[name]
        rows = [
            {
                "title": r["title"],
                "tambon": r["tambon_name"],
                "moo": r["moo"],
                "fy": r["fiscal_year"],
                "status": status_label(r["status"]),
                "channels": ", ".join(channel_label(c) for c in r["channels"]),
                "requested": r["requested"],
                "approved": r["approved"],
            }
            for r in rs
        ]
        doc.blocks.append(
            Table(
                cols,
                rows,
                title=_issue_name(name),
                totals={
                    "title": _("{n} projects").format(n=len(rows)),
                    **column_sums(rs, "requested", "approved"),
                },
            )
        )
    return doc
