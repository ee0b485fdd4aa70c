"""Model registry: every table of the product, in dependency order.

Areas add their module here (one line). Exchange, migrations checks and tests walk
`ALL_MODELS`, so a table added by a later area travels and is checked without other edits.
"""

from peewee import sort_models

from .accounts import AccountCategory, DebtBalance, LedgerEntry
from .core import (
    Attachment,
    AuditLog,
    Household,
    ImportMapping,
    Person,
    Setting,
    Tambon,
    User,
    Village,
)
from .exchange import ExchangeConflict, ExchangeLog, Office, SyncBase
from .farming import (
    CostLine,
    Crop,
    CropCycle,
    Enterprise,
    EnterpriseMember,
    Equipment,
    Plot,
    Training,
    TrainingParticipant,
)  # noqa: E501
from .land import LandCase, LandCaseAction, LandDecision, LandMeeting
from .network import Committee, CommitteeMember, Lesson, Partner, ProjectPartner
from .plan import FundingLine, MasterPlan, PlanIssue, Project, ProjectStatusChange
from .water import (
    CropArea,
    Livestock,
    Rainfall,
    WaterAgreement,
    WaterCoefficient,
    WaterSource,
    WaterVillage,
)

_MODULES_MODELS = [
    Tambon,
    Village,
    Household,
    Person,
    User,
    AuditLog,
    Setting,
    Attachment,
    ImportMapping,
]
_MODULES_MODELS += [
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
]  # noqa: E501
_MODULES_MODELS += [Office, SyncBase, ExchangeLog, ExchangeConflict]
_MODULES_MODELS += [AccountCategory, LedgerEntry, DebtBalance]
_MODULES_MODELS += [
    WaterSource,
    Rainfall,
    WaterVillage,
    Livestock,
    CropArea,
    WaterCoefficient,
    WaterAgreement,
]
_MODULES_MODELS += [
    Crop,
    Plot,
    Equipment,
    CropCycle,
    CostLine,
    Enterprise,
    EnterpriseMember,
    Training,
    TrainingParticipant,
]  # noqa: E501

_MODULES_MODELS += [LandCase, LandCaseAction, LandMeeting, LandDecision]

from .core import UserPreference  # noqa: E402  (issue 14)

_MODULES_MODELS += [UserPreference]

ALL_MODELS = sort_models(_MODULES_MODELS)

__all__ = [
    "ALL_MODELS",
    "Attachment",
    "AuditLog",
    "Household",
    "Person",
    "Setting",
    "Tambon",
    "User",
    "Village",
    "ImportMapping",
]
__all__ += [
    "MasterPlan",
    "PlanIssue",
    "Project",
    "ProjectStatusChange",
    "FundingLine",
    "Committee",
    "CommitteeMember",
    "Partner",
    "ProjectPartner",
    "Lesson",
]  # noqa: E501
__all__ += ["ExchangeConflict", "ExchangeLog", "Office", "SyncBase"]
__all__ += ["LandCase", "LandCaseAction", "LandDecision", "LandMeeting"]
__all__ += [
    "Crop",
    "Plot",
    "Equipment",
    "CropCycle",
    "CostLine",
    "Enterprise",
    "EnterpriseMember",
    "Training",
    "TrainingParticipant",
]  # noqa: E501
__all__ += ["UserPreference"]
