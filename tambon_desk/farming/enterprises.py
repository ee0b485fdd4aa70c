"""Community enterprises (วิสาหกิจชุมชน): members with shares, committee posts, trainings and
participants, and the enterprise's account book.

The book follows the household book's rules (accounts: CEILING asks, HARD_LIMIT refuses, no
future dates, months as accounts.month_key) with the enterprise's own categories
(resources/farming/enterprise_categories.csv: income, expense, share capital, dividends).
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
from dataclasses import dataclass, field

from .. import accounts
from ..core.errors import UserError, ValidationError
from ..core.i18n import _
from ..core.records import save_record, tombstone_record, transaction
from ..core.resources import resource_path
from ..db.models import Enterprise, EnterpriseEntry, EnterpriseMember, Training, TrainingParticipant
from ..thai import format_baht, normalize_space
from .reference import ROLES

KINDS = {"enterprise": "วิสาหกิจชุมชน", "network": "เครือข่ายวิสาหกิจชุมชน", "group": "กลุ่มเกษตรกร"}


@dataclass(frozen=True)
class BookCategory:
    code: str
    name_th: str
    name_en: str
    group: str  # income | expense | share | share_out | dividend


@functools.lru_cache(maxsize=1)
def book_categories() -> tuple[BookCategory, ...]:
    with open(
        resource_path("farming", "enterprise_categories.csv"), encoding="utf-8", newline=""
    ) as f:
        return tuple(
            BookCategory(r["code"], r["name_th"], r["name_en"], r["group"])
            for r in csv.DictReader(f)
        )


def book_category(code_or_name: str) -> BookCategory | None:
    t = normalize_space(code_or_name or "")
    return next((c for c in book_categories() if t in (c.code, c.name_th)), None)


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


# --- the enterprise book -----------------------------------------------------------------------


def _check_entry(enterprise, date, category, amount, today) -> dict:
    errors = {}
    if enterprise is None or enterprise.deleted_at is not None:
        errors["enterprise"] = _("Choose the enterprise.")
    if not isinstance(date, _dt.date):
        errors["date"] = _("Enter the date.")
    elif date > today:
        errors["date"] = _("The date is in the future.")
    if book_category(category) is None:
        errors["category"] = _("Choose the category.")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        errors["amount"] = _("The amount must be more than zero.")
    elif amount > accounts.HARD_LIMIT:
        errors["amount"] = _("The amount is too large.")
    return errors


def add_book_entry(
    ctx,
    enterprise,
    date,
    category: str,
    amount: int,
    *,
    household=None,
    note: str = "",
    confirmed: bool = False,
    today=None,
):
    """A line of the enterprise's book; an amount above the household book's ceiling asks."""
    errors = _check_entry(enterprise, date, category, amount, today or _dt.date.today())
    if errors:
        raise ValidationError(errors)
    if not confirmed and amount > accounts.CEILING * 10:
        raise accounts.ConfirmationNeeded(
            {
                "amount": _(
                    "{amount} baht is an unusually large amount for one line. Is it right?"
                ).format(amount=format_baht(amount))
            }
        )
    return save_record(
        ctx,
        EnterpriseEntry,
        {
            "enterprise": enterprise,
            "date": date,
            "category": book_category(category).code,
            "amount": amount,
            "household": household,
            "note": normalize_space(note),
        },
    )


def delete_book_entry(ctx, entry):
    return tombstone_record(ctx, entry)


def book_entries(enterprise, start=None, end=None) -> list:
    q = EnterpriseEntry.alive().where(EnterpriseEntry.enterprise == enterprise)
    if start:
        q = q.where(EnterpriseEntry.date >= start)
    if end:
        q = q.where(EnterpriseEntry.date <= end)
    return list(q.order_by(EnterpriseEntry.date, EnterpriseEntry.created_at, EnterpriseEntry.id))


@dataclass
class BookSummary:
    months: list[str]
    by_month: dict = field(default_factory=dict)  # month -> {group: satang}
    by_category: dict = field(default_factory=dict)  # code -> satang
    income: int = 0
    expense: int = 0
    shares_in: int = 0
    shares_out: int = 0
    dividends: int = 0
    share_capital: int = 0  # members' shares × value (register)

    @property
    def profit(self) -> int:
        return self.income - self.expense

    @property
    def cash(self) -> int:
        return self.income - self.expense + self.shares_in - self.shares_out - self.dividends


def book_summary(enterprise, start: _dt.date, end: _dt.date) -> BookSummary:
    """Income and expenses by category and month, shares and dividends, in [start, end]."""
    groups = {c.code: c.group for c in book_categories()}
    s = BookSummary(accounts.months_in(start, end))
    for e in book_entries(enterprise, start, end):
        g = groups.get(e.category, "expense")
        m = accounts.month_key(e.date)
        s.by_month.setdefault(m, {}).setdefault(g, 0)
        s.by_month[m][g] += e.amount
        s.by_category[e.category] = s.by_category.get(e.category, 0) + e.amount
        if g == "income":
            s.income += e.amount
        elif g == "expense":
            s.expense += e.amount
        elif g == "share":
            s.shares_in += e.amount
        elif g == "share_out":
            s.shares_out += e.amount
        elif g == "dividend":
            s.dividends += e.amount
    s.share_capital = sum(m.shares * m.share_value for m in members_of(enterprise))
    return s


def pay_dividends(ctx, enterprise, date, total: int, *, today=None) -> list:
    """Split `total` satang over the members by their shares (largest remainders, so the
    parts add up to the satang) and book one dividend line per member."""
    members = [m for m in members_of(enterprise) if m.shares > 0]
    if not members:
        raise UserError(_("No member holds shares."))
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
                    add_book_entry(
                        ctx,
                        enterprise,
                        date,
                        "dividend",
                        amount,
                        household=m.household,
                        confirmed=True,
                        today=today,
                    )
                )
    return out
