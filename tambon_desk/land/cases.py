"""Land-problem cases: validation, audited saves, the dated action log, and listings.

A status change is always an action (date, what was done, the new status), so the case's
history reads as a log; the case row keeps the current status for listing and the map.
"""

from __future__ import annotations

import datetime as _dt

from ..core.errors import NotFound, ValidationError
from ..core.i18n import N_, _
from ..core.records import save_record, tombstone_record, transaction
from ..db.models import Household, LandCase, LandCaseAction, LandDecision, Village
from ..thai import parse_date

PROBLEMS = {
    "landless": N_("Landless (no land to farm)"),
    "no_title": N_("No title document"),
    "state_land": N_("Overlap with state land"),
    "debt_risk": N_("At risk of loss through debt"),
    "dispute": N_("Boundary or ownership dispute"),
}
STATE_LANDS = {
    "": "",
    "forest": N_("Forest reserve or park"),
    "alro": N_("Land reform land (ส.ป.ก.)"),
    "public": N_("Public land"),
}
# The same keys and labels as the plots' land documents (farming.LAND_DOCUMENTS).
DOCUMENTS = {
    "none": N_("No document"),
    "chanote": N_("Title deed (โฉนด)"),
    "ns3": N_("น.ส.3"),
    "ns3k": N_("น.ส.3ก"),
    "spk401": N_("ส.ป.ก.4-01"),
    "pbt5": N_("ภ.บ.ท.5"),
    "sk1": N_("ส.ค.1"),
    "other": N_("Other document"),
}
STATUSES = {
    "open": N_("Open"),
    "referred": N_("Referred to an agency"),
    "in_progress": N_("Being resolved"),
    "resolved": N_("Resolved"),
    "closed": N_("Closed without resolution"),
}


def _date(value, key, errors, required=False):
    if value in (None, ""):
        if required:
            errors[key] = _("Enter a date.")
        return None
    if isinstance(value, _dt.date):
        return value

    try:
        return parse_date(value)
    except ValueError:
        errors[key] = _("Enter a date as day/month/BE year, e.g. 24/11/2569.")
        return None


def validate_case(values: dict) -> dict:
    """Clean values of a case form; ValidationError with per-field Thai messages."""
    errors: dict[str, str] = {}
    out = {}
    hh = values.get("household")
    hh = getattr(hh, "id", hh)
    if (
        not hh
        or Household.get_or_none((Household.id == hh) & Household.deleted_at.is_null()) is None
    ):
        errors["household"] = _("Choose the household.")
    out["household"] = hh
    problem = values.get("problem")
    if problem not in PROBLEMS:
        errors["problem"] = _("Choose the kind of land problem.")
    out["problem"] = problem
    state_land = values.get("state_land") or ""
    if state_land not in STATE_LANDS:
        errors["state_land"] = _("Choose the kind of state land.")
    if problem == "state_land" and not state_land:
        errors["state_land"] = _("Choose the kind of state land.")
    out["state_land"] = state_land if problem == "state_land" else ""
    document = values.get("document") or "none"
    if document not in DOCUMENTS:
        errors["document"] = _("Choose the document held.")
    out["document"] = document
    status = values.get("status") or "open"
    if status not in STATUSES:
        errors["status"] = _("Choose a status.")
    out["status"] = status
    out["agency"] = (values.get("agency") or "").strip()
    out["opened_on"] = _date(values.get("opened_on"), "opened_on", errors)
    area = values.get("area_m2")
    if area in (None, ""):
        out["area_m2"] = None
    else:
        try:
            if isinstance(area, str):
                from ..thai import parse_rnw

                area = float(parse_rnw(area))
            out["area_m2"] = float(area)
        except (ValueError, TypeError):
            errors["area_m2"] = _("Enter the area as rai-ngan-wa, e.g. 3-2-50.")
    out["plot_ids"] = [str(p) for p in (values.get("plot_ids") or [])]
    out["note"] = (values.get("note") or "").strip()
    if errors:
        raise ValidationError(errors)
    return out


def save_case(ctx, values: dict, case=None, *, expected_updated_at=None):
    """Create or update a case. A new case logs its opening as the first action."""
    clean = validate_case(values)
    is_new = case is None
    status_changed = is_new or case.status != clean["status"]
    with transaction(ctx):
        case = save_record(ctx, LandCase, clean, case, expected_updated_at=expected_updated_at)
        if status_changed:
            save_record(
                ctx,
                LandCaseAction,
                {
                    "case": case.id,
                    "on": (clean["opened_on"] if is_new else None) or _dt.date.today(),
                    "action": _("Case opened") if is_new else _("Status changed"),
                    "status": clean["status"],
                    "agency": clean["agency"],
                },
            )
    return case


def add_action(ctx, case, on, action: str, *, status: str = "", agency: str = ""):
    """Log a dated step; a status given moves the case to it (and an agency is recorded)."""
    errors: dict[str, str] = {}
    day = _date(on, "on", errors, required=True)
    if not (action or "").strip():
        errors["action"] = _("Write what was done.")
    if status and status not in STATUSES:
        errors["status"] = _("Choose a status.")
    if errors:
        raise ValidationError(errors)
    with transaction(ctx):
        row = save_record(
            ctx,
            LandCaseAction,
            {
                "case": case.id,
                "on": day,
                "action": action.strip(),
                "status": status,
                "agency": (agency or "").strip(),
            },
        )
        changes = {}
        if status and status != case.status:
            changes["status"] = status
        if agency and agency.strip() != case.agency:
            changes["agency"] = agency.strip()
        if changes:
            save_record(ctx, LandCase, changes, case)
    return row


def delete_case(ctx, case, *, expected_updated_at=None):
    return tombstone_record(ctx, case, expected_updated_at=expected_updated_at)


def get_case(case_id: str):
    case = LandCase.get_or_none((LandCase.id == case_id) & LandCase.deleted_at.is_null())
    if case is None:
        raise NotFound(_("Record not found."))
    return case


def _row(case, hh, village) -> dict:
    return {
        "id": case.id,
        "household_id": hh.id,
        "house_no": hh.house_no,
        "head_name": hh.head_name,
        "moo": village.moo,
        "village": village.name,
        "village_id": village.id,
        "tambon_id": village.tambon_id,
        "problem": case.problem,
        "problem_label": _(PROBLEMS[case.problem]),
        "state_land": case.state_land,
        "document": case.document,
        "document_label": _(DOCUMENTS.get(case.document or "none", "")),
        "status": case.status,
        "status_label": _(STATUSES.get(case.status, case.status)),
        "agency": case.agency,
        "opened_on": case.opened_on,
        "area_m2": case.area_m2,
        "plot_ids": list(case.plot_ids or []),
        "note": case.note,
        "lat": hh.lat,
        "lon": hh.lon,
        "updated_at": case.updated_at,
    }


def cases(*, tambon=None, village=None, household=None, status=None, problem=None) -> list[dict]:
    """Living cases as plain rows (for lists, the map layer and the report)."""
    q = (
        LandCase.select(LandCase, Household, Village)
        .join(Household)
        .join(Village)
        .where(LandCase.deleted_at.is_null())
    )
    if tambon is not None:
        q = q.where(Village.tambon == getattr(tambon, "id", tambon))
    if village is not None:
        q = q.where(Village.id == getattr(village, "id", village))
    if household is not None:
        q = q.where(Household.id == getattr(household, "id", household))
    if status:
        q = q.where(LandCase.status == status)
    if problem:
        q = q.where(LandCase.problem == problem)
    rows = [_row(c, c.household, c.household.village) for c in q]
    rows.sort(key=lambda r: (r["moo"], r["house_no"], r["opened_on"] or _dt.date.min, r["id"]))
    return rows


def actions_of(case_id: str) -> list[dict]:
    q = (
        LandCaseAction.select()
        .where((LandCaseAction.case == case_id) & LandCaseAction.deleted_at.is_null())
        .order_by(LandCaseAction.on, LandCaseAction.created_at, LandCaseAction.id)
    )
    return [
        {
            "id": a.id,
            "on": a.on,
            "action": a.action,
            "status": a.status,
            "status_label": _(STATUSES[a.status]) if a.status else "",
            "agency": a.agency,
            "by": a.updated_by or "",
        }
        for a in q
    ]


def decisions_of_case(case_id: str) -> list[dict]:
    q = LandDecision.select(LandDecision).where(
        (LandDecision.case == case_id) & LandDecision.deleted_at.is_null()
    )
    return [
        {
            "id": d.id,
            "meeting_id": d.meeting_id,
            "held_on": d.meeting.held_on,
            "decision": d.decision,
            "responsible": d.responsible,
            "due_on": d.due_on,
        }
        for d in q
    ]


def case_counts(tambon=None) -> dict[tuple[str, str], int]:
    """{(problem, status): number of cases}."""
    out: dict[tuple[str, str], int] = {}
    for r in cases(tambon=tambon):
        key = (r["problem"], r["status"])
        out[key] = out.get(key, 0) + 1
    return out
