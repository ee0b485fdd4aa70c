"""`network`: the directory of committees and working groups with their members and sectors,
and of partner organisations with the projects they fund or support."""

from __future__ import annotations

from .. import plan
from ..core.i18n import _
from . import _plan_scope
from .catalogue import register
from .model import Column, Table, Text


@register("network", "Committees and partners", params=("tambon", "district", "province"))
def network_directory(ctx, tambon=None, district=None, province=None):
    scope = _plan_scope.resolve(tambon, district, province)
    doc = _plan_scope.document("network", _("Committees and partners"), scope, landscape=True)
    ts = _plan_scope.scope_tambons(**scope)
    ids = {t.id for t in ts}
    order = {t.id: i for i, t in enumerate(ts)}
    names = {t.id: t.name_th for t in ts}
    cs = sorted(
        (c for c in plan.committees() if c.tambon_id is None or c.tambon_id in ids),
        key=lambda c: order.get(c.tambon_id, -1),
    )  # district-level first
    cols = [
        Column("no", _("No."), "int", 0.4),
        Column("name", _("Name"), "text", 2.0),
        Column("role", _("Position"), "text", 1.3),
        Column("sector", _("Sector"), "text", 1.2),
        Column("organisation", _("Organisation"), "text", 2.0),
        Column("phone", _("Phone"), "code", 1.0),
    ]
    for c in cs:
        members = plan.members_of(c)
        rows = [
            {
                "no": i,
                "name": m.name,
                "role": m.role,
                "sector": plan.sector_label(m.sector),
                "organisation": m.organisation,
                "phone": m.phone,
            }
            for i, m in enumerate(members, 1)
        ]
        counts = plan.sector_counts(c)
        by_sector = ", ".join(f"{plan.sector_label(s)} {n}" for s, n in counts.items())
        title = f"{c.name} ({plan.kind_label(c.kind)})"
        where = ""
        if len(ts) > 1:
            where = (
                _("T. {tambon}").format(tambon=names[c.tambon_id])
                if c.tambon_id is not None
                else _("District level")
            )
            title = f"{where} · {title}"
        doc.blocks.append(
            Table(
                cols,
                rows,
                title=title,
                totals={"no": _("{n} members: {sectors}").format(n=len(rows), sectors=by_sector)},
                sheet_name=f"{where} {c.name}".strip(),
            )
        )
    if not cs:
        doc.blocks.append(Text(_("No committees recorded."), "note"))
    several = len(ts) > 1
    pcols = ([Column("tambon", _("Tambon"), "text", 1.0)] if several else []) + [
        Column("name", _("Organisation"), "text", 1.8),
        Column("sector", _("Sector"), "text", 1.2),
        Column("contact", _("Contact"), "text", 1.2),
        Column("phone", _("Phone"), "code", 0.9),
        Column("projects", _("Projects funded or supported"), "text", 4.0),
        Column("approved", _("Approved (baht)"), "money", 1.2),
    ]
    rows = []
    for p in plan.partners():
        links = [e for e in plan.partner_projects(p) if e["project"].tambon_id in ids]
        if p.tambon_id is not None and p.tambon_id not in ids:
            continue
        text = "; ".join(
            f"{e['project'].title} ("
            + (
                _("T. {tambon}").format(tambon=names[e["project"].tambon_id]) + ", "
                if several
                else ""
            )
            + f"{_(plan.PARTNER_ROLES[e['role']])}, {e['project'].fiscal_year})"
            for e in links
        )
        rows.append(
            {
                "tambon": names.get(p.tambon_id, _("District level")),
                "name": p.name,
                "sector": plan.sector_label(p.sector),
                "contact": p.contact,
                "phone": p.phone,
                "projects": text,
                "approved": sum(e["approved"] for e in links) or None,
            }
        )
    if several:
        rows.sort(key=lambda r: (r["tambon"] != _("District level"), r["tambon"]))
    doc.blocks.append(
        Table(pcols, rows, title=_("Partner organisations"), sheet_name=_("Partners"))
    )
    return doc
