"""Master plan and network: plans, issues, projects, status history, funding lines,
committees, members, partners, project partners, lessons."""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from ._frozen import frozen_base

VERSION = 4


def up(db):
    Base = frozen_base(db)

    class Tambon(Base):  # existing table (m0001); only the key is needed here
        pass

    class Village(Base):
        pass

    class MasterPlan(Base):
        tambon = ForeignKeyField(Tambon, on_delete="RESTRICT")
        village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
        title = CharField()
        period_start = IntegerField()
        period_end = IntegerField()
        vision = TextField(default="")
        note = TextField(default="")

    class PlanIssue(Base):
        plan = ForeignKeyField(MasterPlan, on_delete="RESTRICT")
        name = CharField()
        description = TextField(default="")
        order = IntegerField(default=0)

    class Project(Base):
        tambon = ForeignKeyField(Tambon, on_delete="RESTRICT")
        village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
        level = CharField(max_length=8, default="tambon")
        issue = ForeignKeyField(PlanIssue, null=True, on_delete="RESTRICT")
        title = CharField()
        objective = TextField(default="")
        fiscal_year = IntegerField(index=True)
        status = CharField(max_length=12, default="idea", index=True)
        status_date = CharField(max_length=10, null=True)
        responsible = CharField(default="")
        start_date = CharField(max_length=10, null=True)
        end_date = CharField(max_length=10, null=True)
        results = TextField(default="")
        indicators = TextField(default="")
        budget = IntegerField(null=True)
        provincial = BooleanField(default=False, index=True)
        provincial_fy = IntegerField(null=True)
        provincial_amount = IntegerField(null=True)
        note = TextField(default="")
        sort_key = CharField(default="", index=True)
        search_text = TextField(default="")

        class Meta:
            indexes = ((("tambon", "fiscal_year"), False),)

    class ProjectStatusChange(Base):
        project = ForeignKeyField(Project, on_delete="RESTRICT")
        status = CharField(max_length=12)
        from_status = CharField(max_length=12, null=True)
        date = CharField(max_length=10)
        note = TextField(default="")

    class FundingLine(Base):
        project = ForeignKeyField(Project, on_delete="RESTRICT")
        channel = CharField(max_length=16)
        organisation = CharField(default="")
        partner_id = CharField(max_length=32, null=True, index=True)
        requested = IntegerField(default=0)
        approved = IntegerField(null=True)
        date = CharField(max_length=10, null=True)
        note = TextField(default="")
        order = IntegerField(default=0)

        class Meta:
            indexes = ((("project", "channel"), False),)

    class Committee(Base):
        tambon = ForeignKeyField(Tambon, null=True, on_delete="RESTRICT")
        name = CharField()
        kind = CharField(max_length=16, default="working_group")
        note = TextField(default="")
        order = IntegerField(default=0)

    class CommitteeMember(Base):
        committee = ForeignKeyField(Committee, on_delete="RESTRICT")
        name = CharField()
        role = CharField(default="")
        sector = CharField(max_length=16, default="community")
        organisation = CharField(default="")
        phone = CharField(max_length=20, default="")
        order = IntegerField(default=0)

    class Partner(Base):
        tambon = ForeignKeyField(Tambon, null=True, on_delete="RESTRICT")
        name = CharField()
        sector = CharField(max_length=16, default="state")
        contact = CharField(default="")
        phone = CharField(max_length=20, default="")
        note = TextField(default="")
        sort_key = CharField(default="", index=True)

    class ProjectPartner(Base):
        project = ForeignKeyField(Project, on_delete="RESTRICT")
        partner = ForeignKeyField(Partner, on_delete="RESTRICT")
        role = CharField(max_length=8, default="support")
        note = TextField(default="")

    class Lesson(Base):
        tambon = ForeignKeyField(Tambon, null=True, on_delete="RESTRICT")
        village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
        area = CharField(default="")
        date = CharField(max_length=10, null=True)
        author = CharField(default="")
        title = CharField()
        summary = TextField(default="")
        issue = ForeignKeyField(PlanIssue, null=True, on_delete="RESTRICT")
        search_text = TextField(default="")

    db.create_tables(
        [
            MasterPlan,
            PlanIssue,
            Project,
            ProjectStatusChange,
            FundingLine,
            Committee,
            CommitteeMember,
            Partner,
            ProjectPartner,
            Lesson,
        ]
    )
