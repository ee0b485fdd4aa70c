"""The land working group's meetings and the decisions they take (on a case or in general)."""

from __future__ import annotations

from ..core.errors import ValidationError
from ..core.i18n import _
from ..core.records import save_record, transaction
from ..db.models import LandDecision, LandMeeting
from .cases import _date


def save_meeting(ctx, values: dict, meeting=None, *, decisions=(), expected_updated_at=None):
    """Create or update a meeting; `decisions` [{decision, case, responsible, due_on}] added."""
    errors: dict[str, str] = {}
    tambon = values.get("tambon")
    tambon = getattr(tambon, "id", tambon)
    if not tambon:
        errors["tambon"] = _("Choose the tambon.")
    held_on = _date(values.get("held_on"), "held_on", errors, required=True)
    if errors:
        raise ValidationError(errors)
    clean = {
        "tambon": tambon,
        "held_on": held_on,
        "title": (values.get("title") or "").strip(),
        "place": (values.get("place") or "").strip(),
        "attendees": (values.get("attendees") or "").strip(),
        "note": (values.get("note") or "").strip(),
    }
    with transaction(ctx):
        meeting = save_record(
            ctx, LandMeeting, clean, meeting, expected_updated_at=expected_updated_at
        )
        for d in decisions:
            add_decision(
                ctx,
                meeting,
                d.get("decision", ""),
                case=d.get("case"),
                responsible=d.get("responsible", ""),
                due_on=d.get("due_on"),
            )
    return meeting


def add_decision(ctx, meeting, decision: str, *, case=None, responsible: str = "", due_on=None):
    errors: dict[str, str] = {}
    if not (decision or "").strip():
        errors["decision"] = _("Write the decision.")
    due = _date(due_on, "due_on", errors)
    if errors:
        raise ValidationError(errors)
    return save_record(
        ctx,
        LandDecision,
        {
            "meeting": meeting.id,
            "case": getattr(case, "id", case) or None,
            "decision": decision.strip(),
            "responsible": (responsible or "").strip(),
            "due_on": due,
        },
    )


def meetings(tambon=None) -> list[dict]:
    q = LandMeeting.select().where(LandMeeting.deleted_at.is_null())
    if tambon is not None:
        q = q.where(LandMeeting.tambon == getattr(tambon, "id", tambon))
    out = []
    for m in q.order_by(LandMeeting.held_on, LandMeeting.id):
        ds = (
            LandDecision.select()
            .where((LandDecision.meeting == m.id) & LandDecision.deleted_at.is_null())
            .order_by(LandDecision.created_at, LandDecision.id)
        )
        out.append(
            {
                "id": m.id,
                "held_on": m.held_on,
                "title": m.title,
                "place": m.place,
                "attendees": m.attendees,
                "note": m.note,
                "decisions": [
                    {
                        "id": d.id,
                        "case_id": d.case_id,
                        "decision": d.decision,
                        "responsible": d.responsible,
                        "due_on": d.due_on,
                    }
                    for d in ds
                ],
            }
        )
    return out
