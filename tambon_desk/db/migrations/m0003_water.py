"""Water accounts: sources, rainfall, village demand settings, livestock, crop areas,
coefficient overrides, water-use agreements (frozen copies of db/models/water.py)."""

from peewee import CharField, FloatField, ForeignKeyField, IntegerField, TextField

from ._frozen import frozen_base

VERSION = 3


def up(db):
    Base = frozen_base(db)

    class Tambon(Base):
        class Meta:
            table_name = "tambon"

    class Village(Base):
        class Meta:
            table_name = "village"

    class WaterSource(Base):
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        name = CharField()
        kind = CharField(max_length=16)
        area_m2 = FloatField(null=True)
        depth_m = FloatField(null=True)
        capacity_m3 = FloatField(null=True)
        yield_m3_h = FloatField(null=True)
        pump_hours = FloatField(null=True)
        usable_share = FloatField(default=1.0)
        dry_months = CharField(max_length=40, default="")
        catchment_m2 = FloatField(null=True)
        runoff_coef = FloatField(null=True)
        lat = FloatField(null=True)
        lon = FloatField(null=True)
        manager = CharField(default="")
        condition = CharField(max_length=16, default="good")
        note = TextField(default="")

    class Rainfall(Base):
        tambon = ForeignKeyField(Tambon, on_delete="RESTRICT")
        year = IntegerField()
        month = IntegerField()
        mm = FloatField()

        class Meta:
            indexes = ((("tambon", "year", "month"), False),)

    class WaterVillage(Base):
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        population = IntegerField(null=True)

    class Livestock(Base):
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        kind = CharField(max_length=32)
        head = IntegerField()

    class CropArea(Base):
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        crop = CharField(max_length=32)
        area_rai = FloatField()
        months = CharField(max_length=40)

    class WaterCoefficient(Base):
        key = CharField(max_length=64, index=True)
        value = FloatField()
        label = CharField(default="")
        note = TextField(default="")

    class WaterAgreement(Base):
        tambon = ForeignKeyField(Tambon, on_delete="RESTRICT")
        title = CharField()
        source_ids = TextField()
        village_ids = TextField()
        parties = TextField(default="")
        rules = TextField(default="")
        agreed_on = CharField(max_length=10, null=True)
        review_on = CharField(max_length=10, null=True)
        status = CharField(max_length=16, default="draft")

    db.create_tables(
        [WaterSource, Rainfall, WaterVillage, Livestock, CropArea, WaterCoefficient, WaterAgreement]
    )
