"""Community master plan (แผนแม่บทชุมชน) and the people behind it: plan issues, projects with
their status history and funding lines, the seed's summary tables, the network (committees,
partners) and lessons from pilot areas.

Modules: projects, summary, network, lessons, commands (the CLI).
"""

from .lessons import (
    attach,
    attachments_of,
    delete_lesson,
    get_lesson,
    save_lesson,
    search_lessons,
)
from .network import (
    COMMITTEE_KINDS,
    PARTNER_ROLES,
    SECTORS,
    committees,
    delete_committee,
    delete_partner,
    get_committee,
    get_partner,
    kind_label,
    link_partner,
    member_dicts,
    members_of,
    partner_projects,
    partners,
    project_partners,
    save_committee,
    save_partner,
    sector_counts,
    sector_label,
)
from .projects import (
    CHANNELS,
    FLOW,
    LEVELS,
    STATUSES,
    FundingWarning,
    allowed_next,
    attach_to_project,
    channel_label,
    delete_issue,
    delete_project,
    fiscal_years,
    get_issue,
    get_plan,
    get_project,
    issues_for_tambon,
    issues_of,
    line_dicts,
    plans,
    project_attachments,
    project_counts_by_issue,
    project_page,
    restore_project,
    save_issue,
    save_plan,
    save_project,
    set_status,
    status_history,
    status_label,
    undo_status,
    validate_project,
)
from .summary import (
    GROUPS,
    by_issue_channel,
    by_issue_status,
    count_value,
    flow_statuses,
    format_count,
    funding_and_provincial,
    funding_summary,
    provincial_summary,
    scope_tambons,
    year_on_year,
)

from .network import get_partner_link, unlink_partner
from .projects import delete_plan, remove_project_file

__all__ = ['CHANNELS', 'COMMITTEE_KINDS', 'FLOW', 'FundingWarning', 'GROUPS', 'LEVELS', 'PARTNER_ROLES', 'SECTORS', 'STATUSES', 'allowed_next', 'attach', 'attach_to_project', 'attachments_of', 'by_issue_channel', 'by_issue_status', 'channel_label', 'committees', 'count_value', 'delete_committee', 'delete_issue', 'delete_lesson', 'delete_partner', 'delete_plan', 'delete_project', 'fiscal_years', 'flow_statuses', 'format_count', 'funding_and_provincial', 'funding_summary', 'get_committee', 'get_issue', 'get_lesson', 'get_partner', 'get_partner_link', 'get_plan', 'get_project', 'issues_for_tambon', 'issues_of', 'kind_label', 'line_dicts', 'link_partner', 'member_dicts', 'members_of', 'partner_projects', 'partners', 'plans', 'project_attachments', 'project_counts_by_issue', 'project_page', 'project_partners', 'provincial_summary', 'remove_project_file', 'restore_project', 'save_committee', 'save_issue', 'save_lesson', 'save_partner', 'save_plan', 'save_project', 'scope_tambons', 'search_lessons', 'sector_counts', 'sector_label', 'set_status', 'status_history', 'status_label', 'undo_status', 'unlink_partner', 'validate_project', 'year_on_year']
