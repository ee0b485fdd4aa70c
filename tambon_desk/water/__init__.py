"""Water accounts (บัญชีน้ำ): sources, rainfall, demand, the monthly balance (a pure function
in `balance.py`, fed from the database by `figures.py`), water-use agreements and the
reference coefficients.

Modules: sources, rainfall, demand, balance, figures, agreements, reference, importing
(the rainfall import kind), commands (the CLI).
"""

from .agreements import (
    AGREEMENT_STATUSES,
    agreement_scans,
    agreements_of,
    attach_scan,
    delete_agreement,
    get_agreement,
    save_agreement,
)
from .balance import (
    M3_PER_RAI_MM,
    BalanceInputs,
    SourceInput,
    compute_balance,
    effective_rain_mm,
    water_year_months,
)
from .coefficients import (
    UNITS,
    crops,
    livestock_kinds,
    reference,
    reset_coefficient,
    set_coefficient,
    shipped_reference,
)
from .demand import (
    crop_areas_of,
    delete_crop_area,
    get_crop_area,
    livestock_of,
    population_override,
    registry_population,
    save_crop_area,
    set_livestock,
    set_population,
)
from .figures import (
    default_year,
    inputs_by_village,
    new_source_input,
    tambon_balance,
    village_balance,
    village_inputs,
    water_money,
    what_if_balance,
)
from .rainfall import rainfall_of, set_rainfall
from .sources import (
    CONDITIONS,
    KINDS,
    delete_source,
    get_source,
    monthly_yield_m3,
    parse_months,
    restore_source,
    save_source,
    sources_of,
    storage_m3,
    usable_storage_m3,
    validate_source,
)

__all__ = [
    "AGREEMENT_STATUSES",
    "BalanceInputs",
    "CONDITIONS",
    "KINDS",
    "M3_PER_RAI_MM",
    "SourceInput",
    "UNITS",
    "agreement_scans",
    "agreements_of",
    "attach_scan",
    "compute_balance",
    "crop_areas_of",
    "crops",
    "default_year",
    "delete_agreement",
    "delete_crop_area",
    "delete_source",
    "restore_source",
    "effective_rain_mm",
    "get_agreement",
    "get_crop_area",
    "get_source",
    "inputs_by_village",
    "livestock_kinds",
    "livestock_of",
    "monthly_yield_m3",
    "new_source_input",
    "parse_months",
    "population_override",
    "rainfall_of",
    "reference",
    "registry_population",
    "reset_coefficient",
    "save_agreement",
    "save_crop_area",
    "save_source",
    "set_coefficient",
    "set_livestock",
    "set_population",
    "set_rainfall",
    "shipped_reference",
    "sources_of",
    "storage_m3",
    "tambon_balance",
    "usable_storage_m3",
    "validate_source",
    "village_balance",
    "village_inputs",
    "water_money",
    "water_year_months",
    "what_if_balance",
]
