"""`provincial-plan`: projects taken into the provincial development plan, with the amount in
the plan; count and total per plan fiscal year and overall."""

from __future__ import annotations

from ..core.i18n import _
from ..plan import provincial_summary, status_label
from . import _plan_scope
from .catalogue import register
from .model import Column, KeyValues, Table, Value


@register(
    "provincial-plan",
    "Projects in the provincial development plan",
    params=("fiscal_year", "tambon", "district", "province"),
)
def provincial_plan(ctx, fiscal_year=None, tambon=None, district=None, province=None):
    scope = _plan_scope.resolve(tambon, district, province)
    prov = provincial_summary(fiscal_year=fiscal_year, **scope)
    doc = _plan_scope.document(
        "provincial-plan",
        _("Projects in the provincial development plan"),
        scope,
        _plan_scope.fiscal_label(fiscal_year),
        landscape=True,
    )
    doc.blocks.append(
        KeyValues(
            [
                (_("Projects in the provincial plan"), Value(prov.count)),
                (_("Total in the plan (baht)"), Value(prov.total, "money")),
            ]
        )
    )
    cols = [
        Column("no", _("No."), "int", 0.4),
        Column("tambon", _("Tambon"), "text", 1.2),
        Column("title", _("Project"), "text", 3.2),
        Column("issue", _("Issue"), "text", 1.6),
        Column("status", _("Status"), "text", 1.0),
        Column("amount", _("Amount in the plan (baht)"), "money", 1.4),
    ]
    for fy, (n, total) in prov.by_year.items():
        rows = [
            {
                "no": i,
                "tambon": r["tambon_name"],
                "title": r["title"],
                "issue": r["issue_name"] or "",
                "status": status_label(r["status"]),
                "amount": r["amount"],
            }
            for i, r in enumerate((r for r in prov.projects if r["provincial_fy"] == fy), 1)
        ]
        doc.blocks.append(
            Table(
                cols,
                rows,
                title=_("Provincial plan, fiscal year {fy}").format(fy=fy),
                totals={"no": _("Total {n} projects").format(n=n), "amount": total},
                sheet_name=_("Fiscal year {fy}").format(fy=fy),
            )
        )
    return doc
