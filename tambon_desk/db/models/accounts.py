"""Household account books (บัญชีครัวเรือน): categories, ledger lines, monthly debt.

Categories are reference data seeded from `resources/accounts/categories.csv` with ids
derived from their code (uuid5), so two PCs seeding the same list hold the same ids and
their bundles merge without duplicate categories. Ledger lines carry only what the paper
book says (household, date, category, amount in satang, note); every figure is computed
from them. The partial covering index `ledger_entry_alive_hmcad` (household, month, category,
amount, date; made in migration 2) keeps village, tambon and participation queries fast at
province scale.
"""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

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


class LedgerEntry(BaseModel):
    household = ForeignKeyField(Household, backref="ledger", on_delete="RESTRICT", index=False)
    date = DateField()
    category = ForeignKeyField(AccountCategory, on_delete="RESTRICT")
    amount = MoneyField()  # satang, always > 0
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class DebtBalance(BaseModel):
    """Debt outstanding at the end of a month, as the family wrote it in the book."""

    household = ForeignKeyField(Household, backref="debts", on_delete="RESTRICT")
    month = CharField(max_length=7)  # "2026-11" (CE)
    amount = MoneyField()  # satang, >= 0
    note = TextField(default="")

    class Meta:
        exchange = "merge"
