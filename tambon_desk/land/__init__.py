"""Land-problem cases (ปัญหาที่ดิน): cases with a dated action log, the land working group's
meetings and decisions.

Modules: cases (kinds, statuses, saves, action log, listings), meetings.
"""

from .cases import (
    DOCUMENTS,
    PROBLEMS,
    STATE_LANDS,
    STATUSES,
    actions_of,
    add_action,
    case_counts,
    cases,
    decisions_of_case,
    delete_case,
    get_case,
    save_case,
    validate_case,
)
from .meetings import add_decision, meetings, save_meeting

__all__ = [
    "DOCUMENTS",
    "PROBLEMS",
    "STATE_LANDS",
    "STATUSES",
    "actions_of",
    "add_action",
    "add_decision",
    "case_counts",
    "cases",
    "decisions_of_case",
    "delete_case",
    "get_case",
    "meetings",
    "save_case",
    "save_meeting",
    "validate_case",
]
