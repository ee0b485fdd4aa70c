"""`land-cases`: land-problem cases by type and status, each case with its action log, and
the land working group's meetings with their decisions."""

from __future__ import annotations

from .. import land, registry
from ..core.errors import UserError
from ..core.i18n import _
from .catalogue import register
from .model import Column, KeyValues, Table, Text, headed_document


@register("land-cases", "Land cases", params=("tambon", "village"))
def land_cases(ctx, tambon=None, village=None):
    t = registry.resolve_tambon(tambon)
    if t is None:
        raise UserError(_("No tambon is registered yet."))
    v = None
    if village is not None:
        v = next((x for x in registry.villages(t) if x.moo == int(village)), None)
        if v is None:
            raise UserError(_("There is no village Moo {moo} in this tambon.").format(moo=village))
    doc = headed_document(
        "land-cases",
        _("Land cases"),
        [t],
        landscape=True,
        subtitle=registry.village_label(v) if v else "",
    )
    rows = land.cases(tambon=t, village=v)
    doc.blocks.append(
        KeyValues(
            [
                (_("Cases"), f"{len(rows):,}"),
                (
                    _("Open or in progress"),
                    f"{sum(r['status'] in ('open', 'referred', 'in_progress') for r in rows):,}",
                ),  # noqa: E501
                (_("Resolved"), f"{sum(r['status'] == 'resolved' for r in rows):,}"),
            ]
        )
    )  # noqa: E501
    statuses = list(land.STATUSES)
    counts = [
        {
            "problem": _(label),
            **{s: sum(1 for r in rows if r["problem"] == p and r["status"] == s) for s in statuses},
            "total": sum(1 for r in rows if r["problem"] == p),
        }
        for p, label in land.PROBLEMS.items()
    ]
    totals = {
        "problem": _("Total"),
        **{s: sum(c[s] for c in counts) for s in statuses},
        "total": len(rows),
    }
    doc.blocks.append(
        Table(
            [Column("problem", _("Problem"), "text", 2.4)]
            + [Column(s, _(land.STATUSES[s]), "int") for s in statuses]
            + [Column("total", _("Total"), "int")],
            counts,
            title=_("Cases by problem and status"),
            totals=totals,
            sheet_name=_("By status"),
        )
    )
    doc.blocks.append(
        Table(
            [
                Column("house", _("House"), "text", 1.6),
                Column("problem", _("Problem"), "text", 1.8),
                Column("document", _("Document held"), "text", 1.2),
                Column("status", _("Status"), "text", 1.2),
                Column("agency", _("Referred to"), "text", 1.4),
                Column("opened", _("Opened"), "date"),
            ],
            [
                {
                    "house": f"{r['moo']}/{r['house_no']} {r['head_name']}",
                    "problem": r["problem_label"],
                    "document": r["document_label"],
                    "status": r["status_label"],
                    "agency": r["agency"],
                    "opened": r["opened_on"],
                }
                for r in rows
            ],
            title=_("Cases"),
            sheet_name=_("Cases"),
        )
    )
    log = []
    for r in rows:
        for a in land.actions_of(r["id"]):
            log.append(
                {
                    "house": f"{r['moo']}/{r['house_no']}",
                    "on": a["on"],
                    "action": a["action"],
                    "status": a["status_label"],
                    "agency": a["agency"],
                }
            )
    doc.blocks.append(
        Table(
            [
                Column("house", _("House"), "text", 0.8),
                Column("on", _("Date"), "date"),
                Column("action", _("Action"), "text", 3.0),
                Column("status", _("Status"), "text", 1.2),
                Column("agency", _("Referred to"), "text", 1.4),
            ],
            log,
            title=_("Action log"),
            sheet_name=_("Action log"),
        )
    )
    meetings = land.meetings(t)
    if meetings:
        mrows = [
            {
                "held": m["held_on"],
                "title": m["title"],
                "decision": d["decision"],
                "responsible": d["responsible"],
            }
            for m in meetings
            for d in (m["decisions"] or [{"decision": "", "responsible": ""}])
        ]
        doc.blocks.append(
            Table(
                [
                    Column("held", _("Date"), "date"),
                    Column("title", _("Meeting"), "text", 1.8),
                    Column("decision", _("Decision"), "text", 3.0),
                    Column("responsible", _("Responsible"), "text", 1.2),
                ],
                mrows,
                title=_("Land working group meetings"),
                sheet_name=_("Meetings"),
            )
        )
    else:
        doc.blocks.append(Text(_("No meeting of the land working group is recorded."), "note"))
    return doc
