"""Thai conventions in one pure package: dates, digits, citizen IDs, money, area, sorting.

Why this exists: the database stores plain values (ISO CE dates, integer satang,
square metres, 13-digit strings), but clerks type and read Buddhist-Era dates,
Thai digits, baht with commas, rai-ngan-wa and Thai names in dictionary order.
Every edge of the product (views, importers, reports, CLI) converts through the
functions here, so each rule is written, tested and fixed in exactly one place.

No tkinter, no database, no I/O: the standard library and `core.errors` only. Every parse
error is a ``core.errors.UserError`` (and a ``ValueError``) whose message is Thai and can be
shown to a clerk as is. Modules: text (digits, spaces), dates, citizen_id, money, area,
collation. See ARCHITECTURE.md, "Conventions".
"""

from __future__ import annotations

from .area import (
    NGAN_M2,
    RAI_M2,
    WA_M2,
    AreaError,
    format_rnw,
    m2_to_rnw,
    parse_rnw,
    rnw_to_m2,
)
from .citizen_id import (
    CitizenIdError,
    citizen_id_check_digit,
    format_citizen_id,
    is_valid_citizen_id,
    mask_citizen_id,
    normalize_citizen_id,
    random_citizen_id,
)
from .collation import thai_sort_key
from .dates import (
    BE_OFFSET,
    MONTHS_LONG,
    MONTHS_SHORT,
    ThaiDateError,
    be_year,
    ce_year,
    coerce_date,
    fiscal_year,
    fiscal_year_range,
    format_date,
    format_month,
    month_range,
    parse_be_year,
    parse_date,
    parse_month,
    year_range,
)
from .money import MoneyError, baht_text, format_baht, parse_baht
from .text import (
    arabic_to_thai_digits,
    normalize_space,
    normalize_thai,
    thai_to_arabic_digits,
)

__all__ = [
    "ThaiDateError",
    "CitizenIdError",
    "MoneyError",
    "AreaError",
    "MONTHS_LONG",
    "MONTHS_SHORT",
    "BE_OFFSET",
    "be_year",
    "ce_year",
    "format_date",
    "format_month",
    "parse_be_year",
    "parse_date",
    "parse_month",
    "coerce_date",
    "fiscal_year",
    "fiscal_year_range",
    "year_range",
    "month_range",
    "thai_to_arabic_digits",
    "arabic_to_thai_digits",
    "citizen_id_check_digit",
    "is_valid_citizen_id",
    "normalize_citizen_id",
    "format_citizen_id",
    "mask_citizen_id",
    "random_citizen_id",
    "format_baht",
    "parse_baht",
    "baht_text",
    "RAI_M2",
    "NGAN_M2",
    "WA_M2",
    "rnw_to_m2",
    "m2_to_rnw",
    "format_rnw",
    "parse_rnw",
    "thai_sort_key",
    "normalize_space",
    "normalize_thai",
]
