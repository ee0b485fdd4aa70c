"""The network behind the plan: committees and their members, partners, and lessons learnt.

`ProjectPartner` says which projects a partner funds or supports; a funding line may also name
its partner (`FundingLine.partner_id`), kept as a plain id so the plan tables do not depend on
this module.
"""

from peewee import CharField, ForeignKeyField, IntegerField, TextField

from ..base import BaseModel, DateField
from .core import Tambon, Village
from .plan import PlanIssue, Project


class Committee(BaseModel):
    tambon = ForeignKeyField(Tambon, null=True, on_delete="RESTRICT")  # None: district level
    name = CharField()
    # executive | strategy | working_group | other (network.COMMITTEE_KINDS)
    kind = CharField(max_length=16, default="working_group")
    note = TextField(default="")
    order = IntegerField(default=0)

    class Meta:
        exchange = "merge"


class CommitteeMember(BaseModel):
    committee = ForeignKeyField(Committee, backref="members", on_delete="RESTRICT")
    name = CharField()
    role = CharField(default="")  # ประธาน, เลขานุการ, กรรมการ …
    sector = CharField(max_length=16, default="community")
    organisation = CharField(default="")
    phone = CharField(max_length=20, default="")
    order = IntegerField(default=0)

    class Meta:
        exchange = "merge"


class Partner(BaseModel):
    tambon = ForeignKeyField(Tambon, null=True, on_delete="RESTRICT")
    name = CharField()
    sector = CharField(max_length=16, default="state")
    contact = CharField(default="")
    phone = CharField(max_length=20, default="")
    note = TextField(default="")
    sort_key = CharField(default="", index=True)

    class Meta:
        exchange = "merge"


class ProjectPartner(BaseModel):
    project = ForeignKeyField(Project, backref="partners", on_delete="RESTRICT")
    partner = ForeignKeyField(Partner, backref="projects", on_delete="RESTRICT")
    role = CharField(max_length=8, default="support")  # fund | support
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class Lesson(BaseModel):
    """บทเรียน from a pilot area."""

    tambon = ForeignKeyField(Tambon, null=True, on_delete="RESTRICT")
    village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
    area = CharField(default="")  # pilot area as people name it
    date = DateField(null=True)
    author = CharField(default="")
    title = CharField()
    summary = TextField(default="")
    issue = ForeignKeyField(PlanIssue, null=True, on_delete="RESTRICT")
    search_text = TextField(default="")

    class Meta:
        exchange = "merge"
