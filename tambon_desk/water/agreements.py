"""Water-use agreements (ข้อตกลงการใช้น้ำ): title, sources, villages, parties, rules, agreed
and review dates, status, and the signed scans attached to each (attachments.py).
"""

from __future__ import annotations

from ..core.attachments import add_attachment, attachments_of
from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import N_, _
from ..core.records import fetch, save_record, tombstone_record
from ..db.models import WaterAgreement
from ..thai import ThaiDateError, coerce_date, normalize_space
from .sources import sources_of

AGREEMENT_STATUSES = {
    "draft": N_("Draft"),
    "active": N_("In force"),
    "review": N_("Under review"),
    "ended": N_("Ended"),
}
AGREEMENT_TABLE = "water_agreement"


def validate_agreement(values: dict) -> dict:
    errors = {}
    out = {
        "title": normalize_space(values.get("title") or ""),
        "parties": (values.get("parties") or "").strip(),
        "rules": (values.get("rules") or "").strip(),
        "status": values.get("status") or "draft",
        "source_ids": list(values.get("source_ids") or []),
        "village_ids": list(values.get("village_ids") or []),
    }
    if not out["title"]:
        errors["title"] = _("Enter the title of the agreement.")
    if out["status"] not in AGREEMENT_STATUSES:
        errors["status"] = _("Choose the status.")
    for key in ("agreed_on", "review_on"):
        try:
            out[key] = coerce_date(values.get(key))
        except ThaiDateError as exc:
            errors[key] = str(exc)
    if out.get("agreed_on") and out.get("review_on") and out["review_on"] < out["agreed_on"]:
        errors["review_on"] = _("The review date is before the date agreed.")
    if out["status"] == "active" and not out.get("agreed_on") and "agreed_on" not in errors:
        errors["agreed_on"] = _("An agreement in force needs the date it was agreed.")
    if errors:
        raise ValidationError(errors)
    return out


def save_agreement(ctx, tambon, values: dict, agreement=None, *, expected_updated_at=None):
    require(
        ctx,
        "clerk",
        "save water agreement",
        AGREEMENT_TABLE,
        agreement.id if agreement is not None else None,
    )
    clean = validate_agreement(values)
    clean["tambon"] = tambon
    return save_record(
        ctx,
        WaterAgreement,
        clean,
        record=agreement,
        expected_updated_at=expected_updated_at,
        role=None,
    )


def agreements_of(tambon, village=None, deleted: bool = False) -> list:
    """Agreements of a tambon; with `village`, those naming the village or one of its
    sources (or no village at all: tambon-wide)."""
    q = WaterAgreement.select().where(
        (WaterAgreement.tambon == tambon) & WaterAgreement.deleted_at.is_null(not deleted)
    )
    rows = list(q.order_by(WaterAgreement.agreed_on.desc(), WaterAgreement.title))
    if village is None:
        return rows

    own = {s.id for s in sources_of(village=village)}
    return [
        a
        for a in rows
        if village.id in (a.village_ids or []) or own & set(a.source_ids or []) or not a.village_ids
    ]


def delete_agreement(ctx, agreement, expected_updated_at=None):
    return tombstone_record(ctx, agreement, expected_updated_at=expected_updated_at)


def attach_scan(ctx, agreement, path, note: str = ""):
    """Attach a signed scan (PDF, photo) to an agreement."""
    return add_attachment(ctx, AGREEMENT_TABLE, agreement.id, path, note)


def agreement_scans(agreement) -> list:
    return attachments_of(AGREEMENT_TABLE, agreement.id)


def get_agreement(wateragreement_id):
    """The WaterAgreement with this id, or None."""
    return fetch(WaterAgreement, wateragreement_id)
