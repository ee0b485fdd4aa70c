"""Which tables travel, walked from the model registry (ARCHITECTURE.md, "Exchange", issue 7 item 4).

Nothing here names an area's table: `db.models.ALL_MODELS` with each model's
`Meta.exchange` decides. "merge" tables travel and merge by UUID; "local" tables stay on
this PC and every local table states why in `LOCAL_REASONS` (tests fail otherwise).
"""

from __future__ import annotations

from peewee import ForeignKeyField

from ..db import models
from ..db.base import MoneyField

# Why a table stays on its PC. A model marked "local" without a line here fails the tests.
LOCAL_REASONS = {
    "user": "passwords and roles belong to one PC; a bundle must not carry password hashes",
    "setting": "UI preferences of one PC (font, theme, last folder)",
    "office": "this database's own identity in bundles",
    "sync_base": "what each peer holds; shipped inside data.sqlite for the importer to read, "
    "never merged as records",
    "user_preference": "one user's UI preferences on one PC (language, font, folders)",
    "exchange_log": "when this PC exported to whom (the 'changes since' watermark)",
}

# Tables whose rows point at a record of any table through (table column, id column).
POLYMORPHIC = {
    "attachment": ("owner_table", "owner_id"),
    "audit_log": ("table", "record_id"),
    "exchange_conflict": ("tbl", "record_id"),
    "sync_base": ("tbl", "record_id"),
}

# Natural keys besides unique indexes: a village is "moo N of tambon T" on every PC, and a
# person with a citizen ID is that person whichever PC typed them in (the partial unique
# index of migration 1 would otherwise refuse the whole bundle).
EXTRA_NATURAL_KEYS = {"village": ("tambon", "moo"), "person": ("citizen_id",)}

SYNC_TABLE = "sync_base"


def all_models():
    """The registry as it is now (read at call time: a later area's tables count too)."""
    return list(models.ALL_MODELS)


def merge_models():
    """Travelling models, parents before children."""
    return [m for m in all_models() if m._meta.exchange == "merge"]


def local_models():
    return [m for m in all_models() if m._meta.exchange == "local"]


def table(model) -> str:
    return model._meta.table_name


def columns(model) -> list[str]:
    return [f.column_name for f in model._meta.sorted_fields]


def foreign_keys(model) -> list[tuple[str, object]]:
    """[(column, parent model)] of the model's foreign keys."""
    return [
        (f.column_name, f.rel_model)
        for f in model._meta.sorted_fields
        if isinstance(f, ForeignKeyField)
    ]


def natural_keys(model) -> list[tuple[str, ...]]:
    """Column tuples that identify a record apart from its id (unique indexes and extras)."""
    keys = []
    for f in model._meta.sorted_fields:
        if f.unique and not f.primary_key:
            keys.append((f.column_name,))
    for fields, unique in model._meta.indexes:
        if unique and isinstance(fields, (tuple, list)):
            cols = tuple(
                model._meta.fields[n].column_name if n in model._meta.fields else n for n in fields
            )
            keys.append(cols)
    extra = EXTRA_NATURAL_KEYS.get(table(model))
    if extra:
        keys.append(tuple(model._meta.fields[n].column_name for n in extra))
    return keys


def money_columns(model) -> set[str]:
    return {f.column_name for f in model._meta.sorted_fields if isinstance(f, MoneyField)}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
