"""Account books (บัญชีครัวเรือน, and a community enterprise's book): categories, ledger
lines, monthly debt.

Categories are reference data seeded from `resources/accounts/categories.csv` with ids
derived from their code (uuid5), so two PCs seeding the same list hold the same ids and
their bundles merge without duplicate categories. Ledger lines carry only what the paper
book says (household, date, category, amount in satang, note); every figure is computed
from them. The partial covering index `ledger_entry_alive_hmcad` (household, month, category,
amount, date; made in migration 2) keeps village, tambon and participation queries fast at
province scale.

One ledger holds both books (migration 10): a line belongs to a household's book
(`household`) or to a community enterprise's book (`enterprise`), exactly one of the two (a
CHECK constraint, and `accounts.ledger` says so in Thai first). An enterprise line may name
a member household (`member`: whose share capital came in or whose dividend went out); a
household line never does. Every household figure reads lines by `household_id`, so an
enterprise line (household NULL) never counts in a household's, village's or tambon's sums.
"""

from peewee import (
    BooleanField,
    CharField,
    Check,
    DeferredForeignKey,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from ..base import BaseModel, DateField, MoneyField
from .core import Household


class AccountCategory(BaseModel):
    code = CharField(max_length=32, unique=True)  # short code typed by clerks
    name_th = CharField()
    name_en = CharField(default="")
    group = CharField(max_length=24)  # one of accounts.chart.GROUPS
    order = IntegerField(default=0)
    retired = BooleanField(default=False)  # not offered for new lines

    class Meta:
        exchange = "merge"


# The book a line belongs to: exactly one owner; a member only on an enterprise's line.
ONE_BOOK_CHECK = (
    "(household_id IS NULL) <> (enterprise_id IS NULL) "
    "AND (member_id IS NULL OR enterprise_id IS NOT NULL)"
)


class LedgerEntry(BaseModel):
    household = ForeignKeyField(
        Household, backref="ledger", null=True, on_delete="RESTRICT", index=False
    )
    date = DateField()
    category = ForeignKeyField(AccountCategory, on_delete="RESTRICT")
    amount = MoneyField()  # satang, always > 0
    note = TextField(default="")
    # the enterprise's book (db/models/farming.py defines Enterprise, which imports this module)
    enterprise = DeferredForeignKey(
        "Enterprise", backref="ledger", null=True, on_delete="RESTRICT", index=True
    )
    member = ForeignKeyField(
        Household, backref="enterprise_lines", null=True, on_delete="RESTRICT", index=True
    )

    class Meta:
        exchange = "merge"
        constraints = [Check(ONE_BOOK_CHECK)]


class DebtBalance(BaseModel):
    """Debt outstanding at the end of a month, as the family wrote it in the book."""

    household = ForeignKeyField(Household, backref="debts", on_delete="RESTRICT")
    month = CharField(max_length=7)  # "2026-11" (CE)
    amount = MoneyField()  # satang, >= 0
    note = TextField(default="")

    class Meta:
        exchange = "merge"
