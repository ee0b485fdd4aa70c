"""The network behind the plan: committees and working groups with their members, and partner
organisations with the projects they fund or support.

A committee is saved with its members in one audited transaction (a member dict with `id`
updates that member; members missing from the list go to the recycle bin), the way a
household is saved with its people.
"""

from __future__ import annotations

from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import N_, _
from ..core.records import fetch, save_record, tombstone_record, transaction
from ..db.models import Committee, CommitteeMember, FundingLine, Partner, Project
from ..db.models import CommitteeMember as M
from ..db.models import ProjectPartner as PP
from ..thai import normalize_space, thai_sort_key

SECTORS = {
    "state": N_("State"),
    "local_gov": N_("Local government"),
    "civil_society": N_("Civil society"),
    "academic": N_("Academic"),
    "private": N_("Private sector"),
    "community": N_("Community"),
}
COMMITTEE_KINDS = {
    "executive": N_("Executive committee"),
    "strategy": N_("Strategy committee"),
    "working_group": N_("Tambon working group"),
    "other": N_("Other group"),
}
PARTNER_ROLES = {"fund": N_("Funds"), "support": N_("Supports")}
MEMBER_FIELDS = ("name", "role", "sector", "organisation", "phone")


def sector_label(key: str) -> str:
    return _(SECTORS[key]) if key in SECTORS else key


def kind_label(key: str) -> str:
    return _(COMMITTEE_KINDS[key]) if key in COMMITTEE_KINDS else key


# --- committees ----------------------------------------------------------------------------


def validate_committee(name: str, kind: str, members: list[dict]) -> None:
    errors = {}
    if not normalize_space(name):
        errors["name"] = _("Enter the committee's name.")
    if kind not in COMMITTEE_KINDS:
        errors["kind"] = _("Choose the kind of committee.")
    for i, m in enumerate(members):
        if not normalize_space(m.get("name") or ""):
            errors[f"members.{i}.name"] = _("Enter the member's name.")
        if m.get("sector", "community") not in SECTORS:
            errors[f"members.{i}.sector"] = _("Choose the sector.")
    if errors:
        raise ValidationError(errors)


def save_committee(
    ctx,
    tambon,
    name: str,
    kind: str,
    members: list[dict],
    note: str = "",
    committee=None,
    order: int = 0,
    *,
    expected_updated_at=None,
):
    """Create or edit a committee (tambon None: a district-level one) with its members."""
    require(ctx, "clerk", "save committee", "committee", committee.id if committee else None)
    members = [dict(m) for m in members]
    validate_committee(name, kind, members)
    with transaction(ctx):
        committee = save_record(
            ctx,
            Committee,
            {
                "tambon": tambon,
                "name": normalize_space(name),
                "kind": kind,
                "order": order,
                "note": (note or "").strip(),
            },
            record=committee,
            expected_updated_at=expected_updated_at,
            role=None,
        )
        old = {m.id: m for m in members_of(committee)}
        keep = set()
        for i, m in enumerate(members):
            fields = {k: normalize_space(m.get(k) or "") for k in MEMBER_FIELDS}
            fields["sector"] = fields["sector"] or "community"
            fields.update(committee=committee, order=i)
            rec = old.get(m.get("id"))
            if rec is not None and all(
                getattr(rec, k) == fields[k] for k in MEMBER_FIELDS + ("order",)
            ):
                keep.add(rec.id)
                continue
            rec = save_record(ctx, CommitteeMember, fields, record=rec, role=None)
            keep.add(rec.id)
        for rec in old.values():
            if rec.id not in keep:
                tombstone_record(ctx, rec)
    return committee


def committees(tambon=None) -> list:
    """Committees of a tambon (with district-level ones), executive first."""
    q = Committee.alive()
    if tambon is not None:
        q = q.where((Committee.tambon == tambon) | Committee.tambon.is_null())
    kinds = list(COMMITTEE_KINDS)
    return sorted(
        q,
        key=lambda c: (
            kinds.index(c.kind) if c.kind in kinds else 99,
            c.order,
            thai_sort_key(c.name),
        ),
    )


def members_of(committee) -> list:
    return list(M.alive().where(M.committee == committee).order_by(M.order))


def member_dicts(committee) -> list[dict]:
    return [
        {"id": m.id, **{k: getattr(m, k) for k in MEMBER_FIELDS}} for m in members_of(committee)
    ]


def delete_committee(ctx, committee):
    require(ctx, "clerk", "delete committee", "committee", committee.id)
    with transaction(ctx):
        tombstone_record(ctx, committee)
        for m in members_of(committee):
            tombstone_record(ctx, m)


def sector_counts(committee) -> dict:
    """{sector: members} — how broad a committee is."""
    out: dict = {}
    for m in members_of(committee):
        out[m.sector] = out.get(m.sector, 0) + 1
    return out


# --- partners ------------------------------------------------------------------------------


def save_partner(
    ctx,
    name: str,
    sector: str,
    contact: str = "",
    phone: str = "",
    note: str = "",
    tambon=None,
    partner=None,
    *,
    expected_updated_at=None,
):
    require(ctx, "clerk", "save partner", "partner", partner.id if partner else None)
    errors = {}
    name = normalize_space(name)
    if not name:
        errors["name"] = _("Enter the organisation's name.")
    if sector not in SECTORS:
        errors["sector"] = _("Choose the sector.")
    if name:
        clash = Partner.alive().where(Partner.name == name)
        if partner is not None:
            clash = clash.where(Partner.id != partner.id)
        if clash.exists():
            errors["name"] = _("This organisation is already in the list.")
    if errors:
        raise ValidationError(errors)
    return save_record(
        ctx,
        Partner,
        {
            "name": name,
            "sector": sector,
            "contact": normalize_space(contact),
            "phone": normalize_space(phone),
            "note": (note or "").strip(),
            "tambon": tambon,
            "sort_key": thai_sort_key(name),
        },
        record=partner,
        expected_updated_at=expected_updated_at,
        role=None,
    )


def partners(query: str = "", sector: str | None = None) -> list:
    q = Partner.alive()
    if sector:
        q = q.where(Partner.sector == sector)
    for token in normalize_space(query).split():
        q = q.where(Partner.name.contains(token) | Partner.contact.contains(token))
    return list(q.order_by(Partner.sort_key))


def link_partner(ctx, project, partner, role: str = "support", note: str = ""):
    """Record that `partner` funds or supports `project` (one link per pair)."""
    require(ctx, "clerk", "link partner", "project_partner")
    if role not in PARTNER_ROLES:
        raise ValidationError({"role": _("Choose funds or supports.")})
    rec = PP.alive().where((PP.project == project) & (PP.partner == partner)).first()
    return save_record(
        ctx,
        PP,
        {"project": project, "partner": partner, "role": role, "note": (note or "").strip()},
        record=rec,
        role=None,
    )


def unlink_partner(ctx, link):
    return tombstone_record(ctx, link)


def get_partner_link(link_id):
    """The project-partner link with this id, or None."""
    return fetch(PP, link_id)


def project_partners(project) -> list:
    return list(PP.alive().where(PP.project == project))


def partner_projects(partner) -> list[dict]:
    """Projects the partner funds or supports: explicit links, and funding lines naming it
    (role "fund"), one entry per project."""
    out: dict = {}
    for link in (
        PP.alive().join(Project).where((PP.partner == partner) & Project.deleted_at.is_null())
    ):
        out[link.project_id] = {"project": link.project, "role": link.role, "approved": 0}
    for f in (
        FundingLine.alive()
        .join(Project)
        .where((FundingLine.partner_id == partner.id) & Project.deleted_at.is_null())
    ):
        entry = out.setdefault(f.project_id, {"project": f.project, "role": "fund", "approved": 0})
        entry["role"] = "fund"
        entry["approved"] += f.approved or 0
    return sorted(out.values(), key=lambda e: (-e["project"].fiscal_year, e["project"].sort_key))


def delete_partner(ctx, partner):
    """The partner and its project links go to the recycle bin; funding lines keep the name."""
    require(ctx, "clerk", "delete partner", "partner", partner.id)
    with transaction(ctx):
        tombstone_record(ctx, partner)
        for link in PP.alive().where(PP.partner == partner):
            tombstone_record(ctx, link)


def get_partner(partner_id):
    """The Partner with this id, or None."""
    return fetch(Partner, partner_id)


def get_committee(committee_id):
    """The Committee with this id, or None."""
    return fetch(Committee, committee_id)
