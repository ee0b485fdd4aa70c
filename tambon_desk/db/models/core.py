"""Core tables: the tambon and its villages, households and people, users and the system.

Search and sort helpers (`search_text`, `sort_key`) are stored denormalised on Household so
that the list of 50,000 households opens and filters in SQL with an index, never in Python.
"""

from peewee import BooleanField, CharField, FloatField, ForeignKeyField, IntegerField, TextField

from ..base import BaseModel, DateField, JSONField


class Tambon(BaseModel):
    code = CharField(max_length=6, unique=True)  # DOPA 6-digit code
    name_th = CharField()
    name_en = CharField(default="")
    district_code = CharField(max_length=4)
    district_th = CharField()
    district_en = CharField(default="")
    province_code = CharField(max_length=2)
    province_th = CharField()
    province_en = CharField(default="")

    class Meta:
        exchange = "merge"


class Village(BaseModel):
    tambon = ForeignKeyField(Tambon, backref="villages", on_delete="RESTRICT")
    moo = IntegerField()  # หมู่ที่
    name = CharField()
    account_target = IntegerField(default=10)  # households expected to keep books
    lat = FloatField(null=True)  # village centre (migration 8)
    lon = FloatField(null=True)

    class Meta:
        exchange = "merge"
        indexes = ((("tambon", "moo"), False),)


class Household(BaseModel):
    village = ForeignKeyField(Village, backref="households", on_delete="RESTRICT")
    house_no = CharField(max_length=32)  # บ้านเลขที่, text: "12/3"
    lat = FloatField(null=True)
    lon = FloatField(null=True)
    status = CharField(max_length=16, default="active")  # active | moved | dissolved
    note = TextField(default="")
    head_name = CharField(default="")  # denormalised for list and sort
    sort_key = CharField(default="", index=True)  # thai_sort_key(head_name)
    search_text = TextField(default="")  # house no, names, citizen ids
    member_count = IntegerField(default=0)

    class Meta:
        exchange = "merge"
        indexes = ((("village", "house_no"), False),)


class Person(BaseModel):
    household = ForeignKeyField(Household, backref="members", on_delete="RESTRICT")
    title = CharField(max_length=16, default="")  # นาย นาง นางสาว ด.ช. ด.ญ.
    first_name = CharField()
    last_name = CharField(default="")
    citizen_id = CharField(max_length=13, null=True, index=True)
    sex = CharField(max_length=1, default="")  # M | F | ""
    birth_date = DateField(null=True)
    relation = CharField(max_length=32, default="")  # "head" for the head of household
    education = CharField(default="")
    occupation = CharField(default="")
    phone = CharField(max_length=20, default="")
    order = IntegerField(default=0)

    class Meta:
        exchange = "merge"


class User(BaseModel):
    username = CharField(max_length=64, unique=True)
    display_name = CharField(default="")
    role = CharField(max_length=8)  # admin | clerk | viewer
    password_hash = CharField()
    must_change_password = BooleanField(default=False)
    active = BooleanField(default=True)
    last_login_at = CharField(null=True)
    failed_logins = IntegerField(default=0)  # since the last good login
    locked_until = CharField(max_length=27, null=True)  # UTC ISO; an admin can unlock
    scope = CharField(max_length=6, default="")  # "" all, or province/district/tambon

    class Meta:
        exchange = "local"


class UserPreference(BaseModel):
    """One user's UI preference (language, font, last folder): not shared by the PC."""

    user_id = CharField(max_length=32)
    key = CharField(max_length=64)
    value = JSONField(null=True)

    class Meta:
        exchange = "local"
        indexes = ((("user_id", "key"), True),)


class AuditLog(BaseModel):
    """Append-only: who did what to which record, with before/after values."""

    at = CharField(max_length=27, index=True)
    username = CharField(max_length=64)
    action = CharField(max_length=32)  # create update delete restore denied …
    table = CharField(max_length=64)
    record_id = CharField(max_length=32, null=True, index=True)
    before = JSONField(null=True)
    after = JSONField(null=True)
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class Setting(BaseModel):
    key = CharField(max_length=64, unique=True)
    value = JSONField(null=True)

    class Meta:
        exchange = "local"


class Attachment(BaseModel):
    """A file kept beside the database in attachments/, named by its SHA-256."""

    sha256 = CharField(max_length=64, index=True)
    filename = CharField()
    mime = CharField(default="application/octet-stream")
    size = IntegerField(default=0)
    owner_table = CharField(max_length=64)
    owner_id = CharField(max_length=32, index=True)
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class ImportMapping(BaseModel):
    """A clerk's column mapping for a spreadsheet layout, remembered by its header signature."""

    kind = CharField(max_length=32)
    signature = CharField(max_length=64)
    mapping = JSONField()

    class Meta:
        exchange = "merge"
        indexes = ((("kind", "signature"), True),)
