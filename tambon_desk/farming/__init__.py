"""Farming (issue 15): plots a household farms, crop cycles and their production-cost
accounts by the OAE method, the comparison with published figures, and community
enterprises with their members, trainings and account book.

Modules: reference (crops, labels, settings, published figures), plots (plots, equipment),
cycles (cycles, cost lines, proposals), figures (the pure OAE arithmetic), summary (many
cycles at once), pull (from the household book), enterprises, water_areas (crop areas for
the water account), importing (the crop-costs import kind), commands (the CLI).
"""

from .cycles import (
    add_line,
    age_years,
    cycle_figures,
    cycle_months,
    cycles_of,
    cycles_of_household,
    delete_cycle,
    delete_line,
    edit_line,
    get_cycle,
    line_amount,
    lines_of,
    offered_price,
    propose_land_line,
    save_cycle,
)
from .enterprises import (
    KINDS,
    BookSummary,
    add_book_entry,
    add_participant,
    book_categories,
    book_category,
    book_entries,
    book_summary,
    delete_book_entry,
    delete_enterprise,
    enterprises,
    members_of,
    memberships_of,
    pay_dividends,
    remove_member,
    save_enterprise,
    save_member,
    save_training,
    trained_enterprise_count,
    trainings_of,
)
from .figures import (
    RAI_M2,
    STRUCTURE_ORDER,
    Comparison,
    CycleInput,
    Figures,
    LineInput,
    combine,
    compare,
    compute,
)
from .plots import (
    annual_depreciation,
    area_m2,
    delete_equipment,
    delete_plot,
    equipment_of,
    get_plot,
    plots_of,
    save_equipment,
    save_plot,
)
from .pull import CATEGORY_KINDS, book_candidates, pull_from_book
from .reference import (
    ACTIVITIES,
    COST_KINDS,
    LAND_DOCUMENTS,
    ROLES,
    SEASONS,
    TENURES,
    ReferenceFigure,
    Settings,
    crop_by_code,
    crops,
    find_crop,
    is_fixed,
    kind_label,
    label,
    reference_figures,
    reference_for,
    save_crop,
    set_settings,
    settings,
)
from .registers import enterprise_rows, household_crop_results, plot_register
from .summary import CostSummary, CycleRow, cost_summary
from .water_areas import plot_crop_areas, set_uses_plots, sync_water_crop_areas, uses_plots

__all__ = [
    "ACTIVITIES", "BookSummary", "CATEGORY_KINDS", "COST_KINDS", "Comparison", "CostSummary",
    "CycleInput", "CycleRow", "Figures", "KINDS", "LAND_DOCUMENTS", "LineInput", "RAI_M2",
    "ROLES", "ReferenceFigure", "SEASONS", "STRUCTURE_ORDER", "Settings", "TENURES",
    "add_book_entry", "add_line", "add_participant", "age_years", "annual_depreciation",
    "area_m2", "book_candidates", "book_categories", "book_category", "book_entries",
    "book_summary", "combine", "compare", "compute", "cost_summary", "crop_by_code", "crops",
    "cycle_figures", "cycle_months", "cycles_of", "cycles_of_household", "delete_book_entry",
    "delete_cycle", "delete_enterprise", "delete_equipment", "delete_line", "delete_plot",
    "edit_line", "enterprise_rows", "enterprises", "equipment_of", "find_crop", "get_cycle",
    "get_plot", "household_crop_results", "is_fixed", "kind_label", "label", "line_amount",
    "lines_of", "members_of", "memberships_of", "offered_price", "pay_dividends",
    "plot_crop_areas", "plot_register", "plots_of", "propose_land_line", "pull_from_book",
    "reference_figures", "reference_for", "remove_member", "save_crop", "save_cycle",
    "save_enterprise", "save_equipment", "save_member", "save_plot", "save_training",
    "set_settings", "set_uses_plots", "settings", "sync_water_crop_areas",
    "trained_enterprise_count", "trainings_of", "uses_plots",
]
