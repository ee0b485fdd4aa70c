"""`household-register`: households and members per village, citizen IDs masked (PDPA)
unless an administrator asks to unmask them."""

from __future__ import annotations

from .. import registry
from ..core.auth import require
from ..core.i18n import _
from ..thai import format_citizen_id, mask_citizen_id
from .catalogue import register
from .model import Column, Table, Text, headed_document


@register("household-register", "Household register", params=("tambon", "village", "unmask"))
def household_register(ctx, village: int | None = None, unmask: bool = False, tambon=None):
    from ..core.audit import audit
    from ._scope import one_tambon

    if unmask:
        require(ctx, "admin", "unmask citizen IDs")
    tambon = one_tambon(tambon)
    doc = headed_document(
        "household-register", _("Household register"), [tambon] if tambon else [], landscape=True
    )
    vs = registry.villages(tambon) if tambon else []
    if village is not None:
        vs = [v for v in vs if v.moo == int(village)]
        doc.subtitle = registry.village_label(vs[0]) if vs else ""
    if unmask:
        # PDPA: full IDs are personal data - every page says so, and the log keeps who
        # printed them, of which tambon and village
        doc.confidential = True
        audit(
            ctx,
            "unmask",
            "household_register",
            tambon.id if tambon else None,
            note=f"report household-register, tambon {tambon.code if tambon else '-'}, "
            f"village {village if village is not None else 'all'}",
        )
    cols = [
        Column("house_no", _("House no."), "code", 0.8),
        Column("name", _("Name"), "text", 2.4),
        Column("citizen_id", _("Citizen ID"), "citizen_id", 1.6),
        Column("sex", _("Sex"), "text", 0.5),
        Column("birth_date", _("Birth date"), "date", 1.0),
        Column("relation", _("Relation"), "text", 1.2),
        Column("occupation", _("Occupation"), "text", 1.4),
    ]
    show = format_citizen_id if unmask else mask_citizen_id
    relations = registry.RELATIONS
    total_h = total_p = 0
    for v in vs:
        rows = []
        households = registry.register_rows(v)
        for h, members in households:
            for p in members:
                rows.append(
                    {
                        "house_no": h.house_no,
                        "name": f"{p.title}{p.first_name} {p.last_name}".strip(),
                        "citizen_id": show(p.citizen_id) if p.citizen_id else None,
                        "sex": {"M": _("M"), "F": _("F")}.get(p.sex, ""),
                        "birth_date": p.birth_date,
                        "relation": _(relations[p.relation])
                        if p.relation in relations
                        else p.relation,
                        "occupation": p.occupation,
                    }
                )
        total_h += len(households)
        total_p += len(rows)
        doc.blocks.append(
            Table(
                cols,
                rows,
                title=registry.village_label(v),
                totals={
                    "house_no": _("Total"),
                    "name": _("{h} households, {p} people").format(
                        h=f"{len(households):,}", p=f"{len(rows):,}"
                    ),
                },
                sheet_name=registry.village_label(v),
            )
        )
    doc.blocks.insert(
        0, Text(_("{h} households, {p} people").format(h=f"{total_h:,}", p=f"{total_p:,}"))
    )
    return doc
