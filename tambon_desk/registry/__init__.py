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
    household_page,
    members_of,
    restore_household,
    save_household,
    village_counts,
)
from .importing import HOUSEHOLDS
from .keys import find_household, house_key_candidates, households_for_key, normalize_house_no
from .places import (
    add_tambon,
    districts,
    home_tambon,
    is_district_database,
    provinces,
    resolve_tambon,
    save_village,
    scopes,
    subdistricts,
    tambons,
    village_label,
    villages,
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
    "BROAD_BANDS",
    "COUNT_CAP",
    "FIVE_YEAR_BANDS",
    "HEAD",
    "HOUSEHOLDS",
    "RELATIONS",
    "add_tambon",
    "age_on",
    "band_index",
    "band_label",
    "delete_household",
    "districts",
    "find_household",
    "first_start",
    "home_tambon",
    "household_page",
    "house_key_candidates",
    "households_for_key",
    "normalize_house_no",
    "is_district_database",
    "members_of",
    "needs_first_start",
    "parse_villages",
    "population_profile",
    "provinces",
    "resolve_tambon",
    "restore_household",
    "save_household",
    "save_village",
    "scopes",
    "subdistricts",
    "tambons",
    "village_counts",
    "village_label",
    "villages",
]
