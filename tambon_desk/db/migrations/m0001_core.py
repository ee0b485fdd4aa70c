"""Core schema: tambon, village, household, person, user, audit log, setting, attachment."""

from peewee import BooleanField, CharField, FloatField, ForeignKeyField, IntegerField, TextField

from ._frozen import frozen_base

VERSION = 1


def up(db):
    Base = frozen_base(db)

    class Tambon(Base):
        code = CharField(max_length=6, unique=True)
        name_th = CharField()
        name_en = CharField(default="")
        district_code = CharField(max_length=4)
        district_th = CharField()
        district_en = CharField(default="")
        province_code = CharField(max_length=2)
        province_th = CharField()
        province_en = CharField(default="")

    class Village(Base):
        tambon = ForeignKeyField(Tambon, on_delete="RESTRICT")
        moo = IntegerField()
        name = CharField()
        account_target = IntegerField(default=10)

        class Meta:
            indexes = ((("tambon", "moo"), False),)

    class Household(Base):
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        house_no = CharField(max_length=32)
        lat = FloatField(null=True)
        lon = FloatField(null=True)
        status = CharField(max_length=16, default="active")
        note = TextField(default="")
        head_name = CharField(default="")
        sort_key = CharField(default="", index=True)
        search_text = TextField(default="")
        member_count = IntegerField(default=0)

        class Meta:
            indexes = ((("village", "house_no"), False),)

    class Person(Base):
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        title = CharField(max_length=16, default="")
        first_name = CharField()
        last_name = CharField(default="")
        citizen_id = CharField(max_length=13, null=True, index=True)
        sex = CharField(max_length=1, default="")
        birth_date = CharField(max_length=10, null=True)
        relation = CharField(max_length=32, default="")
        education = CharField(default="")
        occupation = CharField(default="")
        phone = CharField(max_length=20, default="")
        order = IntegerField(default=0)

    class User(Base):
        username = CharField(max_length=64, unique=True)
        display_name = CharField(default="")
        role = CharField(max_length=8)
        password_hash = CharField()
        must_change_password = BooleanField(default=False)
        active = BooleanField(default=True)
        last_login_at = CharField(null=True)

    class AuditLog(Base):
        at = CharField(max_length=27, index=True)
        username = CharField(max_length=64)
        action = CharField(max_length=32)
        table = CharField(max_length=64)
        record_id = CharField(max_length=32, null=True, index=True)
        before = TextField(null=True)
        after = TextField(null=True)
        note = TextField(default="")

    class Setting(Base):
        key = CharField(max_length=64, unique=True)
        value = TextField(null=True)

    class Attachment(Base):
        sha256 = CharField(max_length=64, index=True)
        filename = CharField()
        mime = CharField(default="application/octet-stream")
        size = IntegerField(default=0)
        owner_table = CharField(max_length=64)
        owner_id = CharField(max_length=32, index=True)
        note = TextField(default="")

    class ImportMapping(Base):
        kind = CharField(max_length=32)
        signature = CharField(max_length=64)
        mapping = TextField()

        class Meta:
            indexes = ((("kind", "signature"), True),)

    db.create_tables(
        [Tambon, Village, Household, Person, User, AuditLog, Setting, Attachment, ImportMapping]
    )
    # A citizen ID is unique among living people (ARCHITECTURE.md, "Domain model"); tombstoned rows keep theirs.
    db.execute_sql(
        "CREATE UNIQUE INDEX person_citizen_id_alive ON person (citizen_id) "
        "WHERE citizen_id IS NOT NULL AND deleted_at IS NULL"
    )
