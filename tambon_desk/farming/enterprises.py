"""Community enterprises (วิสาหกิจชุมชน): members with shares, committee posts, trainings and
participants, and the summary of the enterprise's account book.

The book itself is the household book's ledger: its lines are `accounts` ledger lines owned
by the enterprise (`accounts.add_entry(ctx, enterprise, …)`, the same checks, the same
keying sheet), in the enterprise categories (`accounts.categories(book="enterprise")`:
income, expenses, members' share capital, dividends). A share or dividend line names the
member household (`member`). This module only sums the book and splits dividends.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .. import accounts
from ..core.errors import UserError, ValidationError
from ..core.i18n import _
from ..core.records import save_record, tombstone_record, transaction
from ..db.models import Enterprise, EnterpriseMember, Training, TrainingParticipant
from ..thai import normalize_space
from .reference import ROLES

KINDS = {"enterprise": "วิสาหกิจชุมชน", "network": "เครือข่ายวิสาหกิจชุมชน", "group": "กลุ่มเกษตรกร"}


# --- enterprises -------------------------------------------------------------------------------


def enterprises(tambon_ids=None) -> list:
    q = Enterprise.alive()
    if tambon_ids is not None:
        q = q.where(Enterprise.tambon.in_(list(tambon_ids)))
    return list(q.order_by(Enterprise.name, Enterprise.id))


def save_enterprise(ctx, tambon, values: dict, record=None, *, expected_updated_at=None):
    name = normalize_space(values.get("name", record.name if record else ""))
    kind = values.get("kind", record.kind if record else "enterprise")
    errors = {}
    if not name:
        errors["name"] = _("Enter the enterprise's name.")
    if kind not in KINDS:
        errors["kind"] = _("Choose the kind.")
    if errors:
        raise ValidationError(errors)
    data = {"tambon": tambon, "name": name, "kind": kind}
    for key in ("village", "reg_no", "product", "registered_on", "note"):
        if key in values:
            v = values[key]
            data[key] = normalize_space(v) if isinstance(v, str) else v
    return save_record(
        ctx, Enterprise, data, record=record, expected_updated_at=expected_updated_at
    )


def delete_enterprise(ctx, enterprise):
    return tombstone_record(ctx, enterprise)


def members_of(enterprise) -> list:
    return list(
        EnterpriseMember.alive()
        .where(EnterpriseMember.enterprise == enterprise)
        .order_by(EnterpriseMember.created_at, EnterpriseMember.id)
    )


def save_member(
    ctx,
    enterprise,
    household,
    *,
    shares: int = 0,
    share_value: int = 0,
    role: str = "member",
    person=None,
    joined_on=None,
    note: str = "",
    record=None,
):
    errors = {}
    if household is None:
        errors["household"] = _("Choose the household.")
    if not isinstance(shares, int) or shares < 0:
        errors["shares"] = _("Shares must be zero or more.")
    if not isinstance(share_value, int) or share_value < 0:
        errors["share_value"] = _("The value of a share must be zero or more.")
    if role not in ROLES:
        errors["role"] = _("Choose the role.")
    if (
        record is None
        and household is not None
        and EnterpriseMember.alive()
        .where(
            (EnterpriseMember.enterprise == enterprise) & (EnterpriseMember.household == household)
        )
        .exists()
    ):
        errors["household"] = _("This household is already a member.")
    if errors:
        raise ValidationError(errors)
    return save_record(
        ctx,
        EnterpriseMember,
        {
            "enterprise": enterprise,
            "household": household,
            "person": person,
            "shares": shares,
            "share_value": share_value,
            "role": role,
            "joined_on": joined_on,
            "note": note,
        },
        record=record,
    )


def remove_member(ctx, member):
    return tombstone_record(ctx, member)


def memberships_of(household) -> list:
    """The household's living memberships, with the enterprise."""
    return list(
        EnterpriseMember.alive()
        .join(Enterprise)
        .where((EnterpriseMember.household == household) & Enterprise.deleted_at.is_null())
        .order_by(Enterprise.name, Enterprise.id)
    )


# --- trainings ---------------------------------------------------------------------------------


def save_training(
    ctx,
    title: str,
    *,
    tambon=None,
    topic: str = "",
    held_on=None,
    organiser: str = "",
    hours=None,
    note: str = "",
    record=None,
):
    title = normalize_space(title or "")
    if not title:
        raise ValidationError({"title": _("Enter the training's title.")})
    return save_record(
        ctx,
        Training,
        {
            "tambon": tambon,
            "title": title,
            "topic": topic,
            "held_on": held_on,
            "organiser": organiser,
            "hours": hours,
            "note": note,
        },
        record=record,
    )


def add_participant(ctx, training, *, enterprise=None, household=None, name: str = ""):
    if enterprise is None and household is None and not normalize_space(name):
        raise ValidationError({"name": _("Name the participant or the enterprise.")})
    return save_record(
        ctx,
        TrainingParticipant,
        {
            "training": training,
            "enterprise": enterprise,
            "household": household,
            "name": normalize_space(name),
        },
    )


def trainings_of(enterprise) -> list:
    """[(training, participants of this enterprise)] newest first."""
    rows: dict = {}
    for p in (
        TrainingParticipant.alive()
        .join(Training)
        .where((TrainingParticipant.enterprise == enterprise) & Training.deleted_at.is_null())
        .order_by(TrainingParticipant.created_at, TrainingParticipant.id)
    ):
        rows.setdefault(p.training_id, [p.training, []])[1].append(p)
    return sorted(
        ((t, ps) for t, ps in rows.values()),
        key=lambda x: (x[0].held_on or _dt.date.min, x[0].id),
        reverse=True,
    )


def trained_enterprise_count(topic: str | None = None, tambon_ids=None) -> int:
    """How many enterprises had someone at a training (on `topic`)."""
    q = (
        TrainingParticipant.select(TrainingParticipant.enterprise)
        .distinct()
        .join(Training)
        .switch(TrainingParticipant)
        .join(Enterprise)
        .where(
            TrainingParticipant.deleted_at.is_null()
            & Training.deleted_at.is_null()
            & Enterprise.deleted_at.is_null()
        )
    )
    if topic:
        q = q.where(Training.topic == topic)
    if tambon_ids is not None:
        q = q.where(Enterprise.tambon.in_(list(tambon_ids)))
    return q.count()


# --- the enterprise book (lines in the accounts ledger) ----------------------------------------


@dataclass
class BookSummary:
    months: list[str]
    by_month: dict = field(default_factory=dict)  # month -> {group: satang}
    by_category: dict = field(default_factory=dict)  # category code -> satang
    income: int = 0
    expense: int = 0
    shares_in: int = 0
    shares_out: int = 0
    dividends: int = 0
    share_capital: int = 0  # members' shares × value (register)
    by_member: dict = field(default_factory=dict)  # household id -> {group: satang}

    @property
    def profit(self) -> int:
        return self.income - self.expense

    @property
    def cash(self) -> int:
        return self.income - self.expense + self.shares_in - self.shares_out - self.dividends


_TOTALS = {
    "ent_income": "income",
    "ent_expense": "expense",
    "ent_share_in": "shares_in",
    "ent_share_out": "shares_out",
    "ent_dividend": "dividends",
}


def book_summary(enterprise, start: _dt.date, end: _dt.date) -> BookSummary:
    """Income and expenses by category and month, shares and dividends (in total and per
    member), in [start, end], from the enterprise's ledger lines."""
    s = BookSummary(accounts.months_in(start, end))
    for e in accounts.entries_of(enterprise, start, end):
        g = e.category.group
        m = accounts.month_key(e.date)
        s.by_month.setdefault(m, {}).setdefault(g, 0)
        s.by_month[m][g] += e.amount
        code = e.category.code
        s.by_category[code] = s.by_category.get(code, 0) + e.amount
        if g in _TOTALS:
            setattr(s, _TOTALS[g], getattr(s, _TOTALS[g]) + e.amount)
        if e.member_id is not None:
            per = s.by_member.setdefault(e.member_id, {})
            per[g] = per.get(g, 0) + e.amount
    s.share_capital = sum(m.shares * m.share_value for m in members_of(enterprise))
    return s


def pay_dividends(ctx, enterprise, date, total: int, *, today=None) -> list:
    """Split `total` satang over the members by their shares (largest remainders, so the
    parts add up to the satang) and book one dividend line per member, naming the member."""
    members = [m for m in members_of(enterprise) if m.shares > 0]
    if not members:
        raise UserError(_("No member holds shares."))
    category = accounts.category_by_code("ent_dividend")
    if category is None:
        raise UserError(_("The dividend category is missing from the chart of accounts."))
    all_shares = sum(m.shares for m in members)
    parts = [(total * m.shares // all_shares, total * m.shares % all_shares, m) for m in members]
    left = total - sum(p for p, _r, _m in parts)
    parts.sort(key=lambda x: -x[1])
    out = []
    with transaction(ctx):
        for i, (p, _r, m) in enumerate(parts):
            amount = p + (1 if i < left else 0)
            if amount > 0:
                out.append(
                    accounts.add_entry(
                        ctx,
                        enterprise,
                        date,
                        category,
                        amount,
                        member=m.household,
                        confirmed=True,
                        today=today,
                    )
                )
    return out
