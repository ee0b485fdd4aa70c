"""Household account books: categories (seeded), ledger lines, monthly debt outstanding.

Categories are seeded from resources/accounts/categories.csv (the reference list shipped
with the program; later additions to it are added by `accounts.sync_categories`) with ids
uuid5(code), so every PC holds the same category ids and bundles merge without duplicates.
"""

import uuid

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from ._frozen import frozen_base

VERSION = 2

NAMESPACE = uuid.UUID("5d0a3c62-6c1e-4b7e-9a55-2f3b4a6e0c02")


def seed_rows() -> list[dict]:
    """The shipped category list (resources/accounts/categories.csv)."""
    import csv

    from ...core.resources import resource_path

    with open(resource_path("accounts", "categories.csv"), encoding="utf-8", newline="") as f:
        return [dict(r, order=int(r["order"])) for r in csv.DictReader(f)]


def category_id(code: str) -> str:
    return uuid.uuid5(NAMESPACE, code).hex


def up(db):
    from ..base import utcnow

    Base = frozen_base(db)

    class Household(Base):  # only the key is needed for the FK
        pass

    class AccountCategory(Base):
        code = CharField(max_length=32, unique=True)
        name_th = CharField()
        name_en = CharField(default="")
        group = CharField(max_length=24)
        order = IntegerField(default=0)
        retired = BooleanField(default=False)

    class LedgerEntry(Base):
        household = ForeignKeyField(Household, on_delete="RESTRICT", index=False)
        date = CharField(max_length=10)
        category = ForeignKeyField(AccountCategory, on_delete="RESTRICT")
        amount = IntegerField()
        note = TextField(default="")

    class DebtBalance(Base):
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        month = CharField(max_length=7)
        amount = IntegerField()
        note = TextField(default="")

    db.create_tables([AccountCategory, LedgerEntry, DebtBalance], safe=False)
    # Every figure reads living lines by household and month; this one index covers them all
    # (households -> month range -> category, amount, date) without touching the table, and
    # its order is the GROUP BY order (household, month, category), so no sort is needed.
    db.execute_sql(
        "CREATE INDEX ledger_entry_alive_hmcad ON ledger_entry "
        "(household_id, substr(date, 1, 7), category_id, amount, date) "
        "WHERE deleted_at IS NULL"
    )
    db.execute_sql(
        "CREATE INDEX debt_balance_household_month ON debt_balance (household_id, month)"
    )
    now = utcnow()
    AccountCategory.insert_many(
        [
            {
                "id": category_id(r["code"]),
                "created_at": now,
                "updated_at": now,
                "updated_by": "system",
                "code": r["code"],
                "name_th": r["name_th"],
                "name_en": r["name_en"],
                "group": r["group"],
                "order": r["order"],
                "retired": False,
            }
            for r in seed_rows()
        ]
    ).execute()
