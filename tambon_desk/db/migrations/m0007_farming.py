"""Farming: crops (seeded), plots, equipment, crop cycles, cost lines, community enterprises,
members, trainings, participants and the enterprise book (frozen copies of
db/models/farming.py). Crop ids are uuid5(code) so every PC seeds the same ids."""

import uuid

from peewee import BooleanField, CharField, FloatField, ForeignKeyField, IntegerField, TextField

from ._frozen import frozen_base

VERSION = 7

NAMESPACE = uuid.UUID("7f3e9a41-2b8c-4d6e-a1f0-5c9b8e7d6a15")


def crop_id(code: str) -> str:
    return uuid.uuid5(NAMESPACE, code).hex


def seed_rows() -> list[dict]:
    """The shipped crop list (resources/farming/crops.csv)."""
    import csv

    from ...core.resources import resource_path

    with open(resource_path("farming", "crops.csv"), encoding="utf-8", newline="") as f:
        return [
            dict(r, order=int(r["order"]), perennial=r["perennial"] == "1")
            for r in csv.DictReader(f)
        ]


def up(db):
    from ..base import utcnow

    Base = frozen_base(db)

    class Tambon(Base):
        class Meta:
            table_name = "tambon"

    class Village(Base):
        class Meta:
            table_name = "village"

    class Household(Base):
        class Meta:
            table_name = "household"

    class Person(Base):
        class Meta:
            table_name = "person"

    class WaterSource(Base):
        class Meta:
            table_name = "water_source"

    class LedgerEntry(Base):
        class Meta:
            table_name = "ledger_entry"

    class Crop(Base):
        code = CharField(max_length=32, unique=True)
        name_th = CharField()
        name_en = CharField(default="")
        perennial = BooleanField(default=False)
        water_crop = CharField(max_length=32, default="")
        order = IntegerField(default=0)
        retired = BooleanField(default=False)

    class Plot(Base):
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        name = CharField()
        area_m2 = IntegerField()
        land_document = CharField(max_length=16, default="none")
        tenure = CharField(max_length=8, default="owned")
        rent_satang = IntegerField(default=0)
        water_source = ForeignKeyField(WaterSource, null=True, on_delete="RESTRICT")
        note = TextField(default="")
        geometry = TextField(null=True)
        geometry_area_m2 = FloatField(null=True)

    class Equipment(Base):
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        name = CharField()
        bought_year = IntegerField(null=True)
        cost = IntegerField()
        salvage = IntegerField(default=0)
        life_years = IntegerField()
        note = TextField(default="")

    class CropCycle(Base):
        plot = ForeignKeyField(Plot, on_delete="RESTRICT")
        crop = ForeignKeyField(Crop, on_delete="RESTRICT")
        season = CharField(max_length=16, default="main")
        year = IntegerField()
        area_m2 = IntegerField()
        planted_on = CharField(max_length=10, null=True)
        harvested_on = CharField(max_length=10, null=True)
        months = FloatField(null=True)
        planting_year = IntegerField(null=True)
        yield_kg = FloatField(null=True)
        price = IntegerField(default=0)
        sold_kg = FloatField(null=True)
        kept_kg = FloatField(null=True)
        note = TextField(default="")

    class CostLine(Base):
        cycle = ForeignKeyField(CropCycle, on_delete="RESTRICT")
        kind = CharField(max_length=16)
        activity = CharField(max_length=16, default="")
        item = CharField(default="")
        family = BooleanField(default=False)
        quantity = FloatField(default=1.0)
        unit = CharField(max_length=16, default="")
        unit_price = IntegerField(default=0)
        amount = IntegerField()
        cash = BooleanField(default=True)
        equipment = ForeignKeyField(Equipment, null=True, on_delete="RESTRICT")
        ledger_entry = ForeignKeyField(LedgerEntry, null=True, on_delete="RESTRICT")
        order = IntegerField(default=0)
        note = TextField(default="")

    class Enterprise(Base):
        tambon = ForeignKeyField(Tambon, on_delete="RESTRICT")
        village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
        name = CharField()
        reg_no = CharField(max_length=32, default="")
        kind = CharField(max_length=16, default="enterprise")
        product = CharField(default="")
        registered_on = CharField(max_length=10, null=True)
        note = TextField(default="")

    class EnterpriseMember(Base):
        enterprise = ForeignKeyField(Enterprise, on_delete="RESTRICT")
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        person = ForeignKeyField(Person, null=True, on_delete="RESTRICT")
        shares = IntegerField(default=0)
        share_value = IntegerField(default=0)
        role = CharField(max_length=16, default="member")
        joined_on = CharField(max_length=10, null=True)
        note = TextField(default="")

    class Training(Base):
        tambon = ForeignKeyField(Tambon, null=True, on_delete="RESTRICT")
        title = CharField()
        topic = CharField(max_length=32, default="")
        held_on = CharField(max_length=10, null=True)
        organiser = CharField(default="")
        hours = FloatField(null=True)
        note = TextField(default="")

    class TrainingParticipant(Base):
        training = ForeignKeyField(Training, on_delete="RESTRICT")
        enterprise = ForeignKeyField(Enterprise, null=True, on_delete="RESTRICT")
        household = ForeignKeyField(Household, null=True, on_delete="RESTRICT")
        name = CharField(default="")

    class EnterpriseEntry(Base):
        enterprise = ForeignKeyField(Enterprise, on_delete="RESTRICT")
        date = CharField(max_length=10)
        category = CharField(max_length=32)
        amount = IntegerField()
        household = ForeignKeyField(Household, null=True, on_delete="RESTRICT")
        note = TextField(default="")

    db.create_tables(
        [
            Crop,
            Plot,
            Equipment,
            CropCycle,
            CostLine,
            Enterprise,
            EnterpriseMember,
            Training,
            TrainingParticipant,
            EnterpriseEntry,
        ],
        safe=False,
    )
    # The district cost summary sums living lines by cycle and reads the depreciation lines
    # with their equipment: this covering index serves both without touching the table.
    db.execute_sql(
        "CREATE INDEX cost_line_alive_cycle_kind ON cost_line "
        "(cycle_id, kind, amount, cash, quantity, equipment_id) "
        "WHERE deleted_at IS NULL"
    )
    now = utcnow()
    Crop.insert_many(
        [
            {
                "id": crop_id(r["code"]),
                "created_at": now,
                "updated_at": now,
                "updated_by": "system",
                "code": r["code"],
                "name_th": r["name_th"],
                "name_en": r["name_en"],
                "perennial": r["perennial"],
                "water_crop": r["water_crop"],
                "order": r["order"],
                "retired": False,
            }
            for r in seed_rows()
        ]
    ).execute()
