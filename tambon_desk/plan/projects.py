"""Community master plan (แผนแม่บทชุมชน): plans and issues, projects with their status history
and funding lines, and the provincial-plan flag. Validation and audited writes live here; the
summaries the seed reports (per tambon and channel, averages per tambon, provincial plan, by
issue and status, year on year) are in `plan_summary.py`.

A project's funding lines are saved with the project in one transaction, like a household's
members: a line dict with an `id` updates that line, lines missing from the list go to the
recycle bin. Status changes are separate actions (`set_status`) so each one leaves a dated
history row and an audit entry.
"""

from __future__ import annotations

import datetime as _dt

from peewee import JOIN, fn

from ..core import attachments
from ..core.auth import require
from ..core.errors import UserError, ValidationError
from ..core.i18n import N_, _, pgettext
from ..core.records import fetch, restore_record, save_record, tombstone_record, transaction
from ..db import engines
from ..db.models import (
    FundingLine,
    MasterPlan,
    Partner,
    PlanIssue,
    Project,
    ProjectStatusChange,
    Tambon,
    Village,
)
from ..db.models import ProjectStatusChange as S
from ..thai import format_baht, normalize_space, thai_sort_key

CHANNELS = {
    "own": N_("Community's own means"),
    "local_gov": N_("Local government budget"),
    "outside_public": N_("Outside agency, public"),
    "outside_private": N_("Outside agency, private"),
    "other": N_("Other"),
}
OUTSIDE = ("outside_public", "outside_private")

STATUS_CONTEXT = "project status"  # msgctxt: "Done" here is not an import's "Done"
STATUSES = {
    "idea": N_("Idea"),
    "in_plan": N_("In the plan"),
    "proposed": N_("Proposed"),
    "funded": N_("Funded"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}
FLOW = ("idea", "in_plan", "proposed", "funded", "in_progress", "done")
LEVELS = {"tambon": N_("Tambon"), "village": N_("Village")}

MIN_YEAR, MAX_YEAR = 2400, 2800  # BE years a clerk may type


def channel_label(key: str) -> str:
    return _(CHANNELS[key]) if key in CHANNELS else key


def status_label(key: str) -> str:
    return pgettext(STATUS_CONTEXT, STATUSES[key]) if key in STATUSES else key


def allowed_next(status: str) -> list[str]:
    """Statuses a project may move to: any later step of the flow, or dropped (not once done);
    a dropped project may be revived as an idea or back into the plan."""
    if status == "dropped":
        return ["idea", "in_plan"]
    if status not in FLOW:
        return list(FLOW)
    later = list(FLOW[FLOW.index(status) + 1 :])
    return later + (["dropped"] if status != "done" else [])


class FundingWarning(UserError):
    """Amounts that do not add up; the clerk may confirm and save anyway (accept_warnings)."""

    def __init__(self, warnings: list[str]):
        self.warnings = list(warnings)
        super().__init__("\n".join(self.warnings))


# --- plans and issues ----------------------------------------------------------------------


def _is_money(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _year_ok(y) -> bool:
    return isinstance(y, int) and not isinstance(y, bool) and MIN_YEAR <= y <= MAX_YEAR


def save_plan(
    ctx,
    tambon,
    title: str,
    period_start: int,
    period_end: int,
    vision: str = "",
    village=None,
    note: str = "",
    plan=None,
    *,
    expected_updated_at=None,
):
    """Create or edit a master plan of a tambon (or of one of its villages)."""
    require(ctx, "clerk", "save plan", "master_plan", plan.id if plan else None)
    errors = {}
    title = normalize_space(title)
    if tambon is None:
        errors["tambon"] = _("Choose the tambon.")
    if not title:
        errors["title"] = _("Enter the plan's title.")
    if not _year_ok(period_start):
        errors["period_start"] = _("Enter the first year of the plan (BE, e.g. 2567).")
    if not _year_ok(period_end):
        errors["period_end"] = _("Enter the last year of the plan (BE, e.g. 2570).")
    elif _year_ok(period_start) and period_end < period_start:
        errors["period_end"] = _("The plan cannot end before it starts.")
    if village is not None and tambon is not None and village.tambon_id != tambon.id:
        errors["village"] = _("This village is not in the tambon.")
    if errors:
        raise ValidationError(errors)
    return save_record(
        ctx,
        MasterPlan,
        {
            "tambon": tambon,
            "village": village,
            "title": title,
            "period_start": period_start,
            "period_end": period_end,
            "vision": (vision or "").strip(),
            "note": (note or "").strip(),
        },
        record=plan,
        expected_updated_at=expected_updated_at,
        role=None,
    )


def plans(tambon=None) -> list:
    q = MasterPlan.alive()
    if tambon is not None:
        q = q.where(MasterPlan.tambon == tambon)
    return list(
        q.order_by(
            MasterPlan.tambon, MasterPlan.village.is_null(False), MasterPlan.period_start.desc()
        )
    )


def save_issue(
    ctx,
    plan,
    name: str,
    description: str = "",
    order: int | None = None,
    issue=None,
    *,
    expected_updated_at=None,
):
    """Add or rename an issue (ประเด็น) of a plan; names are unique within the plan."""
    require(ctx, "clerk", "save plan issue", "plan_issue", issue.id if issue else None)
    name = normalize_space(name)
    if not name:
        raise ValidationError({"name": _("Enter the issue's name.")})
    clash = PlanIssue.alive().where((PlanIssue.plan == plan) & (PlanIssue.name == name))
    if issue is not None:
        clash = clash.where(PlanIssue.id != issue.id)
    if clash.exists():
        raise ValidationError({"name": _("The plan already has this issue.")})
    if order is None:
        order = (
            issue.order
            if issue is not None
            else PlanIssue.alive().where(PlanIssue.plan == plan).count()
        )
    return save_record(
        ctx,
        PlanIssue,
        {"plan": plan, "name": name, "order": order, "description": (description or "").strip()},
        record=issue,
        expected_updated_at=expected_updated_at,
        role=None,
    )


def issues_of(plan) -> list:
    return list(
        PlanIssue.alive().where(PlanIssue.plan == plan).order_by(PlanIssue.order, PlanIssue.name)
    )


def project_counts_by_issue(plan) -> dict[str, int]:
    """{issue id: living projects} for the plan's issues (the issue list's count column)."""

    q = (
        Project.select(Project.issue, fn.COUNT(Project.id))
        .join(PlanIssue)
        .where(Project.deleted_at.is_null() & (PlanIssue.plan == plan))
        .group_by(Project.issue)
    )
    return {issue_id: n for issue_id, n in q.tuples()}


def issues_for_tambon(tambon) -> list:
    """Every issue of the tambon's plans (tambon and village plans), for project forms."""
    return list(
        PlanIssue.alive()
        .join(MasterPlan)
        .where((MasterPlan.tambon == tambon) & MasterPlan.deleted_at.is_null())
        .order_by(MasterPlan.period_start.desc(), PlanIssue.order)
    )


def delete_issue(ctx, issue):
    """An issue still carrying projects cannot go: move the projects first."""
    require(ctx, "clerk", "delete plan issue", "plan_issue", issue.id)
    n = Project.alive().where(Project.issue == issue).count()
    if n:
        raise ValidationError(
            {
                "issue": _(
                    "{n} projects belong to this issue; move them to another issue first."
                ).format(n=n)
            }
        )
    return tombstone_record(ctx, issue)


def delete_plan(ctx, plan):
    require(ctx, "clerk", "delete plan", "master_plan", plan.id)
    issues = issues_of(plan)
    if issues and Project.alive().where(Project.issue.in_([i.id for i in issues])).exists():
        raise ValidationError(
            {"plan": _("Projects belong to this plan's issues; move them to another issue first.")}
        )
    with transaction(ctx):
        for i in issues:
            tombstone_record(ctx, i)
        tombstone_record(ctx, plan)


# --- projects ------------------------------------------------------------------------------

PROJECT_FIELDS = (
    "tambon",
    "village",
    "level",
    "issue",
    "title",
    "objective",
    "fiscal_year",
    "responsible",
    "start_date",
    "end_date",
    "results",
    "indicators",
    "budget",
    "provincial",
    "provincial_fy",
    "provincial_amount",
    "note",
)
LINE_FIELDS = ("channel", "organisation", "partner_id", "requested", "approved", "date", "note")


def _line_errors(i: int, line: dict) -> dict:
    errors = {}
    key = f"funding.{i}."
    if line.get("channel") not in CHANNELS:
        errors[key + "channel"] = _("Choose the funding channel.")
    elif line["channel"] in OUTSIDE and not normalize_space(line.get("organisation") or ""):
        errors[key + "organisation"] = _("Name the agency or organisation.")
    if not _is_money(line.get("requested", 0)):
        errors[key + "requested"] = _("The amount must be zero or more baht.")
    if line.get("approved") is not None and not _is_money(line["approved"]):
        errors[key + "approved"] = _("The amount must be zero or more baht.")
    return errors


def validate_project(v: dict, funding: list[dict]) -> None:
    """Raise ValidationError keyed by field (funding.N.field for lines)."""
    errors = {}
    if v.get("tambon") is None:
        errors["tambon"] = _("Choose the tambon.")
    if not normalize_space(v.get("title") or ""):
        errors["title"] = _("Enter the project's title.")
    if v.get("level") not in LEVELS:
        errors["level"] = _("Choose village or tambon level.")
    village = v.get("village")
    if v.get("level") == "village" and village is None:
        errors["village"] = _("Choose the village of a village-level project.")
    if village is not None and v.get("tambon") is not None and village.tambon_id != v["tambon"].id:
        errors["village"] = _("This village is not in the tambon.")
    issue = v.get("issue")
    if issue is not None and v.get("tambon") is not None and issue.plan.tambon_id != v["tambon"].id:
        errors["issue"] = _("This issue belongs to another tambon's plan.")
    if not _year_ok(v.get("fiscal_year")):
        errors["fiscal_year"] = _("Enter the fiscal year (BE, e.g. 2569).")
    s, e = v.get("start_date"), v.get("end_date")
    if s is not None and e is not None and e < s:
        errors["end_date"] = _("The project cannot end before it starts.")
    if v.get("budget") is not None and not _is_money(v["budget"]):
        errors["budget"] = _("The amount must be zero or more baht.")
    if v.get("provincial"):
        if not _year_ok(v.get("provincial_fy")):
            errors["provincial_fy"] = _("Enter the fiscal year of the provincial plan.")
        if v.get("provincial_amount") is not None and not _is_money(v["provincial_amount"]):
            errors["provincial_amount"] = _("The amount must be zero or more baht.")
    for i, line in enumerate(funding):
        errors.update(_line_errors(i, line))
    if errors:
        raise ValidationError(errors)


def funding_warnings(v: dict, funding: list[dict]) -> list[str]:
    """Amounts that do not add up: the project's approved budget above what its funding lines
    approve, and a line approving more than it asked for."""
    out = []
    approved = sum(line.get("approved") or 0 for line in funding)
    if v.get("budget") is not None and v["budget"] > approved:
        out.append(
            _(
                "The project's approved budget {budget} baht is more than its funding "
                "lines approve ({lines} baht)."
            ).format(budget=format_baht(v["budget"]), lines=format_baht(approved))
        )
    for i, line in enumerate(funding):
        requested = line.get("requested") or 0
        if line.get("approved") is not None and 0 < requested < line["approved"]:
            out.append(
                _(
                    "Funding line {n}: {approved} baht approved is more than the "
                    "{requested} baht requested."
                ).format(
                    n=i + 1,
                    approved=format_baht(line["approved"]),
                    requested=format_baht(line.get("requested") or 0),
                )
            )
    return out


def _clean(v: dict) -> dict:
    out = {k: v.get(k) for k in PROJECT_FIELDS if k in v}
    for k in ("title", "responsible"):
        if k in out:
            out[k] = normalize_space(out[k] or "")
    for k in ("objective", "results", "indicators", "note"):
        if k in out:
            out[k] = (out[k] or "").strip()
    out["provincial"] = bool(v.get("provincial"))
    if not out["provincial"]:
        out["provincial_fy"] = out["provincial_amount"] = None
    return out


def _search_text(values: dict, funding: list[dict]) -> str:
    parts = [values.get("title", ""), values.get("responsible", "")]
    parts += [line.get("organisation") or "" for line in funding]
    return normalize_space(" ".join(parts)).lower()


def save_project(
    ctx,
    values: dict,
    funding: list[dict],
    project=None,
    *,
    expected_updated_at=None,
    accept_warnings: bool = False,
    status: str = "idea",
    status_date: _dt.date | None = None,
):
    """Create or update a project with its funding lines in one audited transaction.

    `status`/`status_date` give a new project's first status (its first history row);
    an existing project changes status only through `set_status`. Raises FundingWarning
    (nothing saved) when amounts do not add up, unless `accept_warnings`.
    """
    require(ctx, "clerk", "save project", "project", project.id if project else None)
    base = {k: getattr(project, k) for k in PROJECT_FIELDS} if project is not None else {}
    v = {**base, **_clean({**base, **values})}
    v.setdefault("level", "tambon")
    funding = [dict(line) for line in funding]
    validate_project(v, funding)
    if project is None and status not in STATUSES:
        raise ValidationError({"status": _("Choose the status.")})
    warnings = funding_warnings(v, funding)
    if warnings and not accept_warnings:
        raise FundingWarning(warnings)
    v.update(sort_key=thai_sort_key(v["title"]), search_text=_search_text(v, funding))
    with transaction(ctx):
        if project is None:
            day = status_date or _dt.date.today()
            project = save_record(
                ctx, Project, {**v, "status": status, "status_date": day}, role=None
            )
            save_record(
                ctx,
                ProjectStatusChange,
                {"project": project, "status": status, "from_status": None, "date": day},
                role=None,
            )
        else:
            project = save_record(
                ctx, Project, v, record=project, expected_updated_at=expected_updated_at, role=None
            )
        _save_lines(ctx, project, funding)
    return project


def _save_lines(ctx, project, funding: list[dict]) -> None:

    keep = set()
    old = {f.id: f for f in FundingLine.alive().where(FundingLine.project == project)}
    for order, line in enumerate(funding):
        fields = {k: line.get(k) for k in LINE_FIELDS}
        fields["organisation"] = normalize_space(fields["organisation"] or "")
        if not fields["partner_id"] and fields["organisation"]:
            # an organisation typed as a partner is named links the line to that partner,
            # so the network directory shows what the partner funds
            match = Partner.alive().where(Partner.name == fields["organisation"]).first()
            fields["partner_id"] = match.id if match is not None else None
        fields["note"] = (fields["note"] or "").strip()
        fields["requested"] = fields["requested"] or 0
        fields.update(project=project, order=order)
        rec = old.get(line.get("id"))
        if rec is not None:
            keep.add(rec.id)
            current = {k: getattr(rec, k) for k in LINE_FIELDS + ("order",)}
            if all(current[k] == fields[k] for k in current):
                continue  # unchanged: no write, no audit noise
        rec = save_record(ctx, FundingLine, fields, record=rec, role=None)
        keep.add(rec.id)
    for rec in old.values():
        if rec.id not in keep:
            tombstone_record(ctx, rec)


def set_status(
    ctx,
    project,
    status: str,
    date: _dt.date | None = None,
    note: str = "",
    *,
    expected_updated_at=None,
    today: _dt.date | None = None,
):
    """Move a project along the flow; the change and its date are kept as history."""
    require(ctx, "clerk", "change project status", "project", project.id)
    today = today or _dt.date.today()
    date = date or today
    errors = {}
    if status not in allowed_next(project.status):
        errors["status"] = _("A project cannot go from {old} to {new}.").format(
            old=status_label(project.status), new=status_label(status)
        )
    if date > today:
        errors["date"] = _("The date is in the future.")
    elif project.status_date is not None and date < project.status_date:
        errors["date"] = _("The date is before the previous change.")
    if errors:
        raise ValidationError(errors)
    with transaction(ctx):
        old = project.status
        project = save_record(
            ctx,
            Project,
            {"status": status, "status_date": date},
            record=project,
            expected_updated_at=expected_updated_at,
            role=None,
            action="status " + status,
        )
        save_record(
            ctx,
            ProjectStatusChange,
            {
                "project": project,
                "status": status,
                "from_status": old,
                "date": date,
                "note": (note or "").strip(),
            },
            role=None,
        )
    return project


def undo_status(ctx, project):
    """Take back the last status change (a wrong click): its history row goes to the bin."""
    require(ctx, "clerk", "undo project status", "project", project.id)
    hist = status_history(project)
    if len(hist) < 2:
        raise ValidationError({"status": _("There is no status change to undo.")})
    last, prev = hist[-1], hist[-2]
    with transaction(ctx):
        tombstone_record(ctx, last)
        return save_record(
            ctx,
            Project,
            {"status": prev.status, "status_date": prev.date},
            record=project,
            role=None,
            action="undo status",
        )


def status_history(project) -> list:
    return list(S.alive().where(S.project == project).order_by(S.date, S.created_at))


def funding_lines(project) -> list:
    return list(
        FundingLine.alive().where(FundingLine.project == project).order_by(FundingLine.order)
    )


def line_dicts(project) -> list[dict]:
    """The project's funding lines as the dicts `save_project` takes (for editing)."""
    return [{"id": f.id, **{k: getattr(f, k) for k in LINE_FIELDS}} for f in funding_lines(project)]


def get_project(project_id: str):
    return Project.get_or_none(Project.id == project_id)


def project_page(
    tambon=None,
    tambons=None,
    village=None,
    issue=None,
    status=None,
    channel=None,
    fiscal_year=None,
    provincial=None,
    query: str = "",
    offset: int = 0,
    limit: int = 100,
    deleted: bool = False,
):
    """(rows, total): one page of projects, Thai-collated by title, filtered in SQL.

    Each row carries its requested and approved totals over its living funding lines.
    """

    sums = (
        FundingLine.select(
            FundingLine.project.alias("pid"),
            fn.SUM(FundingLine.requested).alias("req"),
            fn.SUM(FundingLine.approved).alias("appr"),
            engines.group_concat(FundingLine.channel).alias("chans"),
        )
        .where(FundingLine.deleted_at.is_null())
        .group_by(FundingLine.project)
        .alias("sums")
    )
    q = (
        Project.select(
            Project.id,
            Project.title,
            Project.fiscal_year,
            Project.status,
            Project.status_date,
            Project.level,
            Project.provincial,
            Project.provincial_fy,
            Project.provincial_amount,
            Project.budget,
            Project.updated_at,
            Tambon.name_th.alias("tambon_name"),
            Village.moo.alias("moo"),
            PlanIssue.name.alias("issue_name"),
            sums.c.req.alias("requested"),
            sums.c.appr.alias("approved"),
            sums.c.chans.alias("channels"),
        )
        .join(Tambon, on=(Project.tambon == Tambon.id))
        .switch(Project)
        .join(Village, JOIN.LEFT_OUTER, on=(Project.village == Village.id))
        .switch(Project)
        .join(PlanIssue, JOIN.LEFT_OUTER, on=(Project.issue == PlanIssue.id))
        .switch(Project)
        .join(sums, JOIN.LEFT_OUTER, on=(sums.c.pid == Project.id))
    )
    q = q.where(Project.deleted_at.is_null(not deleted))
    if tambon is not None:
        q = q.where(Project.tambon == tambon)
    if tambons is not None:  # a district's or province's tambon ids
        q = q.where(Project.tambon.in_(list(tambons)))
    if village is not None:
        q = q.where(Project.village == village)
    if issue is not None:
        q = q.where(Project.issue == issue)
    if status:
        q = q.where(Project.status == status)
    if fiscal_year:
        q = q.where(Project.fiscal_year == fiscal_year)
    if provincial is not None:
        q = q.where(Project.provincial == bool(provincial))
    if channel:
        q = q.where(
            Project.id.in_(
                FundingLine.select(FundingLine.project).where(
                    (FundingLine.channel == channel) & FundingLine.deleted_at.is_null()
                )
            )
        )
    for token in normalize_space(query).lower().split():
        q = q.where(Project.search_text.contains(token))
    total = q.count()
    rows = list(
        q.order_by(Project.fiscal_year.desc(), Project.sort_key).offset(offset).limit(limit).dicts()
    )
    for r in rows:
        r["requested"] = r["requested"] or 0
        r["channels"] = sorted(
            set((r["channels"] or "").split(",")) - {""},
            key=lambda c: list(CHANNELS).index(c) if c in CHANNELS else 99,
        )
    return rows, total


def delete_project(ctx, project, expected_updated_at=None):
    """Project and its funding lines go to the recycle bin (history stays with it)."""
    require(ctx, "clerk", "delete project", "project", project.id)
    with transaction(ctx):
        tombstone_record(ctx, project, expected_updated_at=expected_updated_at)
        for f in funding_lines(project):  # stamped after the project: restore finds them
            tombstone_record(ctx, f)


def restore_project(ctx, project):
    require(ctx, "clerk", "restore project", "project", project.id)
    lines = list(
        FundingLine.select().where(
            (FundingLine.project == project) & (FundingLine.deleted_at >= project.deleted_at)
        )
    )
    with transaction(ctx):
        restore_record(ctx, project)
        for f in lines:
            restore_record(ctx, f)
    return project


# --- attachments (documents, photos of a project) -------------------------------------------


def attach_to_project(ctx, project, path, note: str = ""):
    return attachments.add_attachment(ctx, "project", project.id, path, note)


def project_attachments(project) -> list:
    return attachments.attachments_of("project", project.id)


def remove_project_file(ctx, attachment) -> None:
    """Take a file off the project (tombstoned: a bundle carries the removal too)."""
    attachments.remove_attachment(ctx, attachment)


def fiscal_years() -> list[int]:
    """BE fiscal years that have projects, newest first (for filters)."""
    q = (
        Project.select(Project.fiscal_year)
        .where(Project.deleted_at.is_null())
        .distinct()
        .order_by(Project.fiscal_year.desc())
    )
    return [r.fiscal_year for r in q]


def get_plan(masterplan_id):
    """The MasterPlan with this id, or None."""
    return fetch(MasterPlan, masterplan_id)


def get_issue(planissue_id):
    """The PlanIssue with this id, or None."""
    return fetch(PlanIssue, planissue_id)
