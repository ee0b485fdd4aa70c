"""Base model every table shares: UUID keys, timestamps, author and tombstone.

UUID keys and tombstones (instead of hard deletes) are what let bundles from different
PCs merge without key collisions or lost deletes (ARCHITECTURE.md, "Domain model" and "Exchange"). Timestamps are UTC ISO
strings with microseconds so that "newer change wins" compares exactly across machines.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import uuid

from peewee import CharField, DatabaseProxy, IntegerField, Model, TextField

database_proxy = DatabaseProxy()


def utcnow() -> str:
    """Current UTC time as a sortable ISO string (microseconds, trailing Z)."""
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    return uuid.uuid4().hex


def uuid_spelling(value):
    """The one stored spelling of a UUID: 32 lower-case hex digits, no dashes or braces.

    Both engines store ids as text (never PostgreSQL's native uuid type), so an id typed or
    imported as `{A1B2…}` or `a1b2c3d4-…` must become the same text as `uuid4().hex`, or a
    record would exist twice. Values that are not UUIDs (other generated keys) pass as is.
    """
    if not isinstance(value, str) or len(value) == 32 and value.islower():
        return value
    if len(value) in (32, 36, 38):
        try:
            return uuid.UUID(value).hex
        except ValueError:
            return value
    return value


class _CopiedShallow:
    """peewee deep-copies each field a model inherits, for every model: a quarter of
    importing the models at every start. The base record's fields hold only immutable
    values, so a shallow copy is the same field and about ten times quicker."""

    def __deepcopy__(self, memo):
        return copy.copy(self)


class _Char(_CopiedShallow, CharField):
    pass


class _Integer(_CopiedShallow, IntegerField):
    pass


class IdField(_CopiedShallow, CharField):
    """A UUID primary key, stored in one spelling (`uuid_spelling`) on both engines."""

    def db_value(self, value):
        return super().db_value(uuid_spelling(value))


class MoneyField(IntegerField):
    """Money as integer satang. Floats are refused so rounding errors never reach the file."""

    field_type = "INTEGER"

    def db_value(self, value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"MoneyField takes integer satang, got {type(value).__name__}")
        return value


class DateField(CharField):
    """A CE calendar date stored as ISO text (BE exists only at the edges, ARCHITECTURE.md, "Conventions")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def db_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return value.isoformat()
        return _dt.date.fromisoformat(str(value)).isoformat()

    def python_value(self, value):
        if value is None or value == "":
            return None
        return _dt.date.fromisoformat(value)


class JSONField(TextField):
    """Small JSON documents (audit before/after, settings values)."""

    def db_value(self, value):
        return (
            None
            if value is None
            else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        )

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BaseModel(Model):
    """Every record: uuid, created/updated (UTC ISO), updated_by (username), deleted_at."""

    id = IdField(primary_key=True, max_length=32, default=new_id)
    created_at = _Char(max_length=27, default=utcnow)
    updated_at = _Char(max_length=27, default=utcnow, index=True)
    updated_by = _Char(max_length=64, null=True)
    deleted_at = _Char(max_length=27, null=True)
    # Raised by one on every write (core.records): the optimistic check and the merge compare
    # it, so two saves within one tick of a coarse clock are still told apart (migration 6).
    row_version = _Integer(default=1)

    class Meta:
        database = database_proxy
        legacy_table_names = False
        # How the table crosses a USB bundle (ARCHITECTURE.md, "Exchange"): every model's own
        # Meta says `exchange = "merge"` (by uuid) or `"local"` (stays on this PC). There is
        # no default, so a new table cannot travel (or stay) by accident;
        # tests/test_architecture.py fails on a model that does not say.

    @classmethod
    def alive(cls):
        """Select the records that are not tombstoned."""
        return cls.select().where(cls.deleted_at.is_null())

    def to_dict(self) -> dict:
        """Plain values of every column (for audit before/after and bundles)."""
        out = {}
        for name, field in self._meta.fields.items():
            value = self.__data__.get(field.name)
            out[name] = field.db_value(value) if value is not None else None
        return out
