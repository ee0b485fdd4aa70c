"""Land-problem cases (ปัญหาที่ดิน, DESIGN §3): cases, their dated action log, and the land
working group's meetings with their decisions.

A case names its plots by id in a list (`plot_ids`) rather than a foreign key, so a case can
be opened for a landless household that has no plot, and can name several plots.
"""

from peewee import CharField, FloatField, ForeignKeyField, TextField

from ..base import BaseModel, DateField, JSONField
from .core import Household, Tambon


class LandCase(BaseModel):
    household = ForeignKeyField(Household, backref="land_cases", on_delete="RESTRICT")
    plot_ids = JSONField(default=list)
    problem = CharField(max_length=16)  # land.PROBLEMS: landless no_title state_land …
    state_land = CharField(max_length=16, default="")  # forest alro public (for state_land)
    document = CharField(max_length=16, default="none")  # land.DOCUMENTS (as a plot's)
    status = CharField(max_length=16, default="open")  # land.STATUSES
    agency = CharField(default="")  # referred to: land office, ALRO, forestry …
    opened_on = DateField(null=True)
    area_m2 = FloatField(null=True)  # area in question (rai-ngan-wa in the UI)
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class LandCaseAction(BaseModel):
    """One dated step of a case: what was done, and the status it left the case in."""

    case = ForeignKeyField(LandCase, backref="actions", on_delete="RESTRICT")
    on = DateField()
    action = TextField()
    status = CharField(max_length=16, default="")  # "" when the status did not change
    agency = CharField(default="")

    class Meta:
        exchange = "merge"


class LandMeeting(BaseModel):
    """A meeting of the land working group (คณะทำงานด้านที่ดิน)."""

    tambon = ForeignKeyField(Tambon, backref="land_meetings", on_delete="RESTRICT")
    held_on = DateField()
    title = CharField(default="")
    place = CharField(default="")
    attendees = TextField(default="")
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class LandDecision(BaseModel):
    meeting = ForeignKeyField(LandMeeting, backref="decisions", on_delete="RESTRICT")
    case = ForeignKeyField(LandCase, backref="decisions", null=True, on_delete="RESTRICT")
    decision = TextField()
    responsible = CharField(default="")
    due_on = DateField(null=True)

    class Meta:
        exchange = "merge"
