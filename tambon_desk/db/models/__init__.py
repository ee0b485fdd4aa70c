"""Model registry: every table of the product, in dependency order.

An area adds its module and its models to `_TABLES` (one block). Exchange, migrations
checks and tests walk `ALL_MODELS`, so a table added by a later area travels and is checked
without other edits.

An area's tables (the core ones too) load the first time one of them is named
(`from tambon_desk.db.models import LedgerEntry`, PEP 562), or all at once through
`ALL_MODELS`. Defining the fifty peewee models costs about 15 ms, and the main window needs
only the core ones: the others are paid for by the screen or command that uses them.
"""

from __future__ import annotations

import importlib

from peewee import DeferredForeignKey, sort_models

# (module, its models) in the order ALL_MODELS has always listed them
_TABLES: list[tuple[str, tuple[str, ...]]] = [
    (
        "core",
        (
            "Tambon",
            "Village",
            "Household",
            "Person",
            "User",
            "AuditLog",
            "Setting",
            "Attachment",
            "ImportMapping",
        ),
    ),
    ("plan", ("MasterPlan", "PlanIssue", "Project", "ProjectStatusChange", "FundingLine")),
    ("network", ("Committee", "CommitteeMember", "Partner", "ProjectPartner", "Lesson")),
    ("exchange", ("Office", "SyncBase", "ExchangeLog", "ExchangeConflict")),
    ("accounts", ("AccountCategory", "LedgerEntry", "DebtBalance")),
    (
        "water",
        (
            "WaterSource",
            "Rainfall",
            "WaterVillage",
            "Livestock",
            "CropArea",
            "WaterCoefficient",
            "WaterAgreement",
        ),
    ),
    (
        "farming",
        (
            "Crop",
            "Plot",
            "Equipment",
            "CropCycle",
            "CostLine",
            "Enterprise",
            "EnterpriseMember",
            "Training",
            "TrainingParticipant",
        ),
    ),
    ("land", ("LandCase", "LandCaseAction", "LandMeeting", "LandDecision")),
    ("core", ("UserPreference",)),  # issue 14
]
_MODULE_OF = {name: module for module, names in _TABLES for name in names}

__all__ = ["ALL_MODELS", *_MODULE_OF]


def __getattr__(name: str):
    """Load an area's tables the first time one of them (or ALL_MODELS) is asked for."""
    if name == "ALL_MODELS":
        every = [__getattr__(n) for _module, names in _TABLES for n in names]
        value = globals()["ALL_MODELS"] = sort_models(every)
        return value
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _load(module)
    return globals()[name]


def _load(module: str) -> None:
    loaded = importlib.import_module(f"{__name__}.{module}")
    for other in (n for m, names in _TABLES if m == module for n in names):
        globals()[other] = getattr(loaded, other)
    # A table that names one defined later (LedgerEntry -> Enterprise) stays half-made
    # until that one is defined: load its module too.
    wanted = {dfk.rel_model_name for dfk in DeferredForeignKey._unresolved}
    for name, where in _MODULE_OF.items():
        if name.lower() in wanted and name not in globals():
            _load(where)
