"""Water-account tables (ARCHITECTURE.md, "Domain model"): sources, rainfall, demand inputs, coefficients, agreements.

Only what a clerk enters is stored. Storage in m³, monthly supply, demand and the balance are
derived (tambon_desk/water.py, water_balance.py) so a what-if edit never needs a save.
"""

from peewee import CharField, FloatField, ForeignKeyField, IntegerField, TextField

from ..base import BaseModel, DateField, JSONField
from .core import Tambon, Village


class WaterSource(BaseModel):
    village = ForeignKeyField(Village, backref="water_sources", on_delete="RESTRICT")
    name = CharField()
    kind = CharField(max_length=16)  # pond reservoir weir canal river … (water.KINDS)
    area_m2 = FloatField(null=True)  # surface, with depth_m -> storage
    depth_m = FloatField(null=True)
    capacity_m3 = FloatField(null=True)  # when the capacity is known directly
    yield_m3_h = FloatField(null=True)  # wells, pumps, piped supply
    pump_hours = FloatField(null=True)  # hours a day the yield is drawn (default: ref)
    usable_share = FloatField(default=1.0)  # 0..1 of storage/yield that can be used
    dry_months = CharField(max_length=40, default="")  # "3,4,5": months it runs dry
    catchment_m2 = FloatField(null=True)  # rain-filled sources: area draining into it
    runoff_coef = FloatField(null=True)  # share of rain on the catchment that arrives
    lat = FloatField(null=True)
    lon = FloatField(null=True)
    manager = CharField(default="")
    condition = CharField(max_length=16, default="good")  # good fair poor broken
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class Rainfall(BaseModel):
    """Monthly rainfall (mm) of a tambon; one living row per (tambon, year, month)."""

    tambon = ForeignKeyField(Tambon, backref="rainfall", on_delete="RESTRICT")
    year = IntegerField()  # CE
    month = IntegerField()
    mm = FloatField()

    class Meta:
        exchange = "merge"
        indexes = ((("tambon", "year", "month"), False),)


class WaterVillage(BaseModel):
    """Per-village demand settings; absent or None fields fall back to defaults."""

    village = ForeignKeyField(Village, backref="water_settings", on_delete="RESTRICT")
    population = IntegerField(null=True)  # None: count from the household registry

    class Meta:
        exchange = "merge"


class Livestock(BaseModel):
    village = ForeignKeyField(Village, backref="livestock", on_delete="RESTRICT")
    kind = CharField(max_length=32)  # key of resources/water/livestock.csv
    head = IntegerField()

    class Meta:
        exchange = "merge"


class CropArea(BaseModel):
    village = ForeignKeyField(Village, backref="crop_areas", on_delete="RESTRICT")
    crop = CharField(max_length=32)  # key of resources/water/crops.csv
    area_rai = FloatField()
    months = CharField(max_length=40)  # "2,3,4,5": months the crop is in the field

    class Meta:
        exchange = "merge"


class WaterCoefficient(BaseModel):
    """A clerk's override of a shipped coefficient (or an added crop / livestock kind)."""

    key = CharField(max_length=64, index=True)  # domestic_lpd, livestock.cattle, crop.rice …
    value = FloatField()
    label = CharField(default="")  # Thai name for an added crop or kind
    note = TextField(default="")  # where the figure comes from

    class Meta:
        exchange = "merge"


class WaterAgreement(BaseModel):
    """ข้อตกลงการใช้น้ำ; signed scans are Attachments owned by ("water_agreement", id)."""

    tambon = ForeignKeyField(Tambon, backref="water_agreements", on_delete="RESTRICT")
    title = CharField()
    source_ids = JSONField(default=list)
    village_ids = JSONField(default=list)
    parties = TextField(default="")
    rules = TextField(default="")
    agreed_on = DateField(null=True)
    review_on = DateField(null=True)
    status = CharField(max_length=16, default="draft")  # draft active review ended

    class Meta:
        exchange = "merge"
