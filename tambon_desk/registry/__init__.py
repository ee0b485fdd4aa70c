"""The registry: the tambon and its villages (with the DOPA list to pick them from),
households and their members, population figures, and the first start of an empty database.

Modules: places (tambons and villages), households, population, firststart, importing (the households import kind).
"""

from .firststart import first_start, needs_first_start, parse_villages
from .households import (
    COUNT_CAP,
    HEAD,
    RELATIONS,
    delete_household,
    get_household,
    house_number_key,
    household_page,
    members_of,
    register_rows,
    restore_household,
    save_household,
    village_counts,
)
from .keys import find_household, house_key_candidates, households_for_key, normalize_house_no
from .places import (
    add_tambon,
    districts,
    get_tambon,
    get_village,
    home_tambon,
    is_district_database,
    lookup_tambon_code,
    provinces,
    resolve_tambon,
    save_village,
    scopes,
    subdistricts,
    tambons,
    village_label,
    villages,
    villages_of_tambons,
)
from .population import (
    BROAD_BANDS,
    FIVE_YEAR_BANDS,
    age_on,
    band_index,
    band_label,
    population_profile,
)

__all__ = [
    'BROAD_BANDS',
    'COUNT_CAP',
    'FIVE_YEAR_BANDS',
    'HEAD',
    'HOUSEHOLDS',
    'RELATIONS',
    'add_tambon',
    'age_on',
    'band_index',
    'band_label',
    'delete_household',
    'districts',
    'find_household',
    'first_start',
    'get_household',
    'get_tambon',
    'get_village',
    'home_tambon',
    'house_key_candidates',
    'house_number_key',
    'household_page',
    'households_for_key',
    'is_district_database',
    'lookup_tambon_code',
    'members_of',
    'needs_first_start',
    'normalize_house_no',
    'parse_villages',
    'population_profile',
    'provinces',
    'register_rows',
    'resolve_tambon',
    'restore_household',
    'row_household',
    'save_household',
    'save_village',
    'scopes',
    'subdistricts',
    'tambons',
    'village_counts',
    'village_label',
    'villages',
    'villages_of_tambons',
]


def __getattr__(name: str):
    """The households import kind and its row lookup load the shared import machinery
    (about 5 ms): only when an import asks for them, not at every start."""
    if name in ("HOUSEHOLDS", "row_household"):
        from . import importing

        return getattr(importing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
