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
    if unmask:
        require(ctx, "admin", "unmask citizen IDs")
    tambon = registry.resolve_tambon(tambon)
    doc = headed_document("household-register", _("Household register"),
                          [tambon] if tambon else [], landscape=True)
    vs = registry.villages(tambon) if tambon else []
    if village is not None:
        vs = [v for v in vs if v.moo == int(village)]
        doc.subtitle = registry.village_label(vs[0]) if vs else ""
    cols = [Column("house_no", _("House no."), "code", 0.8),
            Column("name", _("Name"), "text", 2.4),
            Column("citizen_id", _("Citizen ID"), "citizen_id", 1.6),
            Column("sex", _("Sex"), "text", 0.5),
            Column("birth_date", _("Birth date"), "date", 1.0),
            Column("relation", _("Relation"), "text", 1.2),
            Column("occupation", _("Occupation"), "text", 1.4)]
    show = format_citizen_id if unmask else mask_citizen_id
    from ..registry import RELATIONS
    total_h = total_p = 0
    for v in vs:
        rows = []
        register_rows = registry.village_register(v)
        for h, members in register_rows:
            for p in members:
                rows.append({"house_no": h.house_no,
                             "name": f"{p.title}{p.first_name} {p.last_name}".strip(),
                             "citizen_id": show(p.citizen_id) if p.citizen_id else None,
                             "sex": {"M": _("M"), "F": _("F")}.get(p.sex, ""),
                             "birth_date": p.birth_date,
                             "relation": _(RELATIONS[p.relation]) if p.relation in RELATIONS
                             else p.relation,
                             "occupation": p.occupation})
        total_h += len(register_rows)
        total_p += len(rows)
        doc.blocks.append(Table(cols, rows, title=registry.village_label(v),
                                totals={"house_no": _("Total"),
                                        "name": _("{h} households, {p} people").format(
                                            h=len(register_rows), p=len(rows))},
                                sheet_name=_("Moo {moo} {name}").format(moo=v.moo, name="")
                                .strip()))
    doc.blocks.insert(0, Text(_("{h} households, {p} people").format(h=total_h, p=total_p)))
    return doc
