"""Debt outstanding at the end of each month, typed on the keying sheet."""

from __future__ import annotations

import datetime as _dt

from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import _
from ..core.records import save_record
from ..db.models import DebtBalance
from ..thai import format_baht, normalize_space
from .ledger import HARD_LIMIT, _household_error

# --- monthly debt outstanding --------------------------------------------------------------


def set_debt(ctx, household, year: int, month: int, amount: int, note: str = ""):
    """Record the debt outstanding at the end of a month (CE year); replaces that month's."""
    require(ctx, "clerk", "record debt", "debt_balance")
    errors = {}
    if _household_error(household):
        errors["household"] = _household_error(household)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        errors["amount"] = _("The debt must be zero or more.")
    elif amount > HARD_LIMIT:
        errors["amount"] = _("The amount {amount} baht is too large for a household book.").format(
            amount=format_baht(amount)
        )
    if not 1 <= int(month) <= 12 or _dt.date(int(year), int(month), 1) > _dt.date.today():
        errors["month"] = _("Choose a month that has begun.")
    if errors:
        raise ValidationError(errors)
    key = f"{int(year):04d}-{int(month):02d}"
    old = (
        DebtBalance.alive()
        .where((DebtBalance.household == household) & (DebtBalance.month == key))
        .first()
    )
    return save_record(
        ctx,
        DebtBalance,
        {"household": household, "month": key, "amount": amount, "note": normalize_space(note)},
        record=old,
        role=None,
    )


def debt_of_month(household, year: int, month: int):
    """The DebtBalance written for exactly this month, or None."""
    return (
        DebtBalance.alive()
        .where(
            (DebtBalance.household == household)
            & (DebtBalance.month == f"{int(year):04d}-{int(month):02d}")
        )
        .first()
    )
