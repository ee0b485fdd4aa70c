"""Farming tables (issue 15): plots, crops, crop cycles and their cost lines, equipment,
community enterprises with members and trainings (their account book is the ledger:
`LedgerEntry.enterprise`, migration 10).

Only what a clerk keys is stored; every derived figure (cost per rai, per kg, break-even,
imputed interest) is computed by `tambon_desk.farming` so a changed setting never needs a save.

Areas: `Plot.area_m2` and `CropCycle.area_m2` are **integer square metres** (1 rai = 1,600 m²,
1 ngan = 400 m², 1 square wa = 4 m²), converted from the rai-ngan-wa the clerk typed; a
fraction of a square metre is rounded half up. `Plot.geometry` is GeoJSON in WGS84 written by
the maps area; `geometry_area_m2` is the area it measured (never overwrites `area_m2`).
"""

from peewee import BooleanField, CharField, FloatField, ForeignKeyField, IntegerField, TextField

from ..base import BaseModel, DateField, MoneyField
from .accounts import LedgerEntry
from .core import Household, Person, Tambon, Village
from .water import WaterSource


class Crop(BaseModel):
    """Editable reference list, seeded from resources/farming/crops.csv (ids uuid5(code))."""

    code = CharField(max_length=32, unique=True)
    name_th = CharField()
    name_en = CharField(default="")
    perennial = BooleanField(default=False)
    water_crop = CharField(max_length=32, default="")  # key of resources/water/crops.csv
    order = IntegerField(default=0)
    retired = BooleanField(default=False)

    class Meta:
        exchange = "merge"


class Plot(BaseModel):
    household = ForeignKeyField(Household, backref="plots", on_delete="RESTRICT")
    name = CharField()
    area_m2 = IntegerField()  # whole m², from rai-ngan-wa
    land_document = CharField(max_length=16, default="none")  # farming.LAND_DOCUMENTS
    tenure = CharField(max_length=8, default="owned")  # owned | rented | free
    rent_satang = MoneyField(default=0)  # rent a year (rented plots)
    water_source = ForeignKeyField(WaterSource, null=True, on_delete="RESTRICT")  # None: rain
    note = TextField(default="")
    geometry = TextField(null=True)  # GeoJSON WGS84 (maps area)
    geometry_area_m2 = FloatField(null=True)

    class Meta:
        exchange = "merge"


class Equipment(BaseModel):
    """A household's farm equipment, for straight-line depreciation and its interest."""

    household = ForeignKeyField(Household, backref="equipment", on_delete="RESTRICT")
    name = CharField()
    bought_year = IntegerField(null=True)  # CE
    cost = MoneyField()  # purchase price, satang
    salvage = MoneyField(default=0)  # value at the end of its life
    life_years = IntegerField()
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class CropCycle(BaseModel):
    plot = ForeignKeyField(Plot, backref="cycles", on_delete="RESTRICT")
    crop = ForeignKeyField(Crop, on_delete="RESTRICT")
    season = CharField(max_length=16, default="main")  # main | second | year | other
    year = IntegerField()  # season year, CE
    area_m2 = IntegerField()  # planted area, whole m²
    planted_on = DateField(null=True)
    harvested_on = DateField(null=True)
    months = FloatField(null=True)  # cycle length when dates do not say
    planting_year = IntegerField(null=True)  # perennials: year planted (CE)
    yield_kg = FloatField(null=True)  # None or 0: no harvest
    price = MoneyField(default=0)  # farm-gate satang per kg
    sold_kg = FloatField(null=True)
    kept_kg = FloatField(null=True)
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class CostLine(BaseModel):
    """One line of a production-cost account (OAE method); amount = quantity × unit price."""

    cycle = ForeignKeyField(CropCycle, backref="costs", on_delete="RESTRICT")
    kind = CharField(max_length=16)  # farming.COST_KINDS
    activity = CharField(max_length=16, default="")  # farming.ACTIVITIES (labour, hire)
    item = CharField(default="")
    family = BooleanField(default=False)  # family labour (non-cash)
    quantity = FloatField(default=1.0)
    unit = CharField(max_length=16, default="")
    unit_price = MoneyField(default=0)
    amount = MoneyField()
    cash = BooleanField(default=True)
    equipment = ForeignKeyField(Equipment, null=True, on_delete="RESTRICT")
    ledger_entry = ForeignKeyField(LedgerEntry, null=True, on_delete="RESTRICT")
    order = IntegerField(default=0)
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class Enterprise(BaseModel):
    """วิสาหกิจชุมชน."""

    tambon = ForeignKeyField(Tambon, backref="enterprises", on_delete="RESTRICT")
    village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
    name = CharField()
    reg_no = CharField(max_length=32, default="")
    kind = CharField(max_length=16, default="enterprise")  # enterprise | network | group
    product = CharField(default="")  # crop code or free text
    registered_on = DateField(null=True)
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class EnterpriseMember(BaseModel):
    enterprise = ForeignKeyField(Enterprise, backref="members", on_delete="RESTRICT")
    household = ForeignKeyField(Household, backref="enterprise_memberships", on_delete="RESTRICT")
    person = ForeignKeyField(Person, null=True, on_delete="RESTRICT")
    shares = IntegerField(default=0)
    share_value = MoneyField(default=0)  # satang per share
    role = CharField(max_length=16, default="member")  # member | chair | secretary | …
    joined_on = DateField(null=True)
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class Training(BaseModel):
    tambon = ForeignKeyField(Tambon, null=True, on_delete="RESTRICT")
    title = CharField()
    topic = CharField(max_length=32, default="")  # bookkeeping | production | …
    held_on = DateField(null=True)
    organiser = CharField(default="")
    hours = FloatField(null=True)
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class TrainingParticipant(BaseModel):
    training = ForeignKeyField(Training, backref="participants", on_delete="RESTRICT")
    enterprise = ForeignKeyField(Enterprise, null=True, backref="trainings", on_delete="RESTRICT")
    household = ForeignKeyField(Household, null=True, on_delete="RESTRICT")
    name = CharField(default="")

    class Meta:
        exchange = "merge"
