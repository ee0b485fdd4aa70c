"""Maps and land: village centres (lat/lon) and the land-case tables (frozen copies of
db/models/land.py). Households and water sources already carry lat/lon (migrations 1, 3)."""

from peewee import CharField, FloatField, ForeignKeyField, TextField

from ._frozen import frozen_base

VERSION = 8


def up(db):
    Base = frozen_base(db)

    class Tambon(Base):
        class Meta:
            table_name = "tambon"

    class Household(Base):
        class Meta:
            table_name = "household"

    class LandCase(Base):
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        plot_ids = TextField(default="[]")
        problem = CharField(max_length=16)
        state_land = CharField(max_length=16, default="")
        document = CharField(max_length=16, default="none")
        status = CharField(max_length=16, default="open")
        agency = CharField(default="")
        opened_on = CharField(max_length=10, null=True)
        area_m2 = FloatField(null=True)
        note = TextField(default="")

    class LandCaseAction(Base):
        case = ForeignKeyField(LandCase, on_delete="RESTRICT")
        on = CharField(max_length=10)
        action = TextField()
        status = CharField(max_length=16, default="")
        agency = CharField(default="")

    class LandMeeting(Base):
        tambon = ForeignKeyField(Tambon, on_delete="RESTRICT")
        held_on = CharField(max_length=10)
        title = CharField(default="")
        place = CharField(default="")
        attendees = TextField(default="")
        note = TextField(default="")

    class LandDecision(Base):
        meeting = ForeignKeyField(LandMeeting, on_delete="RESTRICT")
        case = ForeignKeyField(LandCase, null=True, on_delete="RESTRICT")
        decision = TextField()
        responsible = CharField(default="")
        due_on = CharField(max_length=10, null=True)

    # playhouse.migrate pulls in psycopg2 (about 20 ms): only when a file is migrated
    from playhouse.migrate import SqliteMigrator, migrate

    columns = {c.name for c in db.get_columns("village")}
    ops = []
    migrator = SqliteMigrator(db)
    for name in ("lat", "lon"):
        if name not in columns:
            ops.append(migrator.add_column("village", name, FloatField(null=True)))
    migrate(*ops)
    db.create_tables([LandCase, LandCaseAction, LandMeeting, LandDecision])
