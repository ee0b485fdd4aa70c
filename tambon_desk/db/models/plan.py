"""Community master plan tables: plans and their issues, projects, status history, funding.

`Project.tambon` is stored even for village-level projects so that a district database (many
tambons merged from USB bundles) groups and averages per tambon in one SQL pass. `status` and
`status_date` on the project repeat the last `ProjectStatusChange` for the same reason; the
history rows are the record of when each change happened.
"""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from ..base import BaseModel, DateField, MoneyField
from .core import Tambon, Village


class MasterPlan(BaseModel):
    """แผนแม่บทชุมชน of a tambon, or of one village when the village keeps its own."""

    tambon = ForeignKeyField(Tambon, backref="plans", on_delete="RESTRICT")
    village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
    title = CharField()
    period_start = IntegerField()  # BE year
    period_end = IntegerField()  # BE year
    vision = TextField(default="")
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class PlanIssue(BaseModel):
    """ประเด็น of a plan: rice enterprise, fruit enterprises, water, land, household accounts …"""

    plan = ForeignKeyField(MasterPlan, backref="issues", on_delete="RESTRICT")
    name = CharField()
    description = TextField(default="")
    order = IntegerField(default=0)

    class Meta:
        exchange = "merge"


class Project(BaseModel):
    tambon = ForeignKeyField(Tambon, backref="projects", on_delete="RESTRICT")
    village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
    level = CharField(max_length=8, default="tambon")  # village | tambon
    issue = ForeignKeyField(PlanIssue, null=True, backref="projects", on_delete="RESTRICT")
    title = CharField()
    objective = TextField(default="")
    fiscal_year = IntegerField(index=True)  # BE
    status = CharField(max_length=12, default="idea", index=True)
    status_date = DateField(null=True)  # date of the last status change
    responsible = CharField(default="")  # responsible body
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    results = TextField(default="")
    indicators = TextField(default="")
    budget = MoneyField(null=True)  # approved total for the project
    provincial = BooleanField(default=False, index=True)  # taken into the provincial plan
    provincial_fy = IntegerField(null=True)  # BE fiscal year of that plan
    provincial_amount = MoneyField(null=True)  # amount in the provincial plan
    note = TextField(default="")
    sort_key = CharField(default="", index=True)  # thai_sort_key(title)
    search_text = TextField(default="")

    class Meta:
        exchange = "merge"
        indexes = ((("tambon", "fiscal_year"), False),)


class ProjectStatusChange(BaseModel):
    project = ForeignKeyField(Project, backref="status_changes", on_delete="RESTRICT")
    status = CharField(max_length=12)
    from_status = CharField(max_length=12, null=True)
    date = DateField()
    note = TextField(default="")

    class Meta:
        exchange = "merge"


class FundingLine(BaseModel):
    project = ForeignKeyField(Project, backref="funding", on_delete="RESTRICT")
    # own | local_gov | outside_public | outside_private | other (plan.CHANNELS)
    channel = CharField(max_length=16)
    organisation = CharField(default="")
    partner_id = CharField(max_length=32, null=True, index=True)  # network Partner, if linked
    requested = MoneyField(default=0)
    approved = MoneyField(null=True)  # None until decided
    date = DateField(null=True)
    note = TextField(default="")
    order = IntegerField(default=0)

    class Meta:
        exchange = "merge"
        indexes = ((("project", "channel"), False),)
