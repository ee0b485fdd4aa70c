"""Model registry: every table of the product, in dependency order.

Areas add their module here (one line). Exchange, migrations checks and tests walk
`ALL_MODELS`, so a table added by a later area travels and is checked without other edits.
"""
from peewee import sort_models

from .core import Attachment, AuditLog, Household, Person, Setting, Tambon, User, Village, ImportMapping
from .plan import FundingLine, MasterPlan, PlanIssue, Project, ProjectStatusChange
from .network import Committee, CommitteeMember, Lesson, Partner, ProjectPartner
from .exchange import ExchangeConflict, ExchangeLog, Office, SyncBase
from .accounts import AccountCategory, DebtBalance, LedgerEntry
from .water import CropArea, Livestock, Rainfall, WaterAgreement, WaterCoefficient, WaterSource, WaterVillage

_MODULES_MODELS = [Tambon, Village, Household, Person, User, AuditLog, Setting, Attachment,
                   ImportMapping]
_MODULES_MODELS += [MasterPlan, PlanIssue, Project, ProjectStatusChange, FundingLine, Committee, CommitteeMember, Partner, ProjectPartner, Lesson]  # noqa: E501
_MODULES_MODELS += [Office, SyncBase, ExchangeLog, ExchangeConflict]
_MODULES_MODELS += [AccountCategory, LedgerEntry, DebtBalance]
_MODULES_MODELS += [WaterSource, Rainfall, WaterVillage, Livestock, CropArea, WaterCoefficient,
                    WaterAgreement]

from .core import UserPreference  # noqa: E402  (issue 14)
_MODULES_MODELS += [UserPreference]

ALL_MODELS = sort_models(_MODULES_MODELS)

__all__ = ["ALL_MODELS", "Attachment", "AuditLog", "Household", "Person", "Setting", "Tambon",
           "User", "Village", "ImportMapping"]
__all__ += ["MasterPlan", "PlanIssue", "Project", "ProjectStatusChange", "FundingLine", "Committee", "CommitteeMember", "Partner", "ProjectPartner", "Lesson"]  # noqa: E501
__all__ += ["ExchangeConflict", "ExchangeLog", "Office", "SyncBase"]
__all__ += ["UserPreference"]
