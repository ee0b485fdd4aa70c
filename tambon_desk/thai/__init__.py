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

Each name is loaded from its module the first time it is used (PEP 562): the main window
needs the dates and nothing else here at start-up.
"""

from __future__ import annotations

from ..lazy import lazy_names

_MODULE_OF = {
    "arabic_to_thai_digits": "text",
    "normalize_space": "text",
    "normalize_thai": "text",
    "thai_to_arabic_digits": "text",
    "BE_OFFSET": "dates",
    "MONTHS_LONG": "dates",
    "MONTHS_SHORT": "dates",
    "ThaiDateError": "dates",
    "be_year": "dates",
    "ce_year": "dates",
    "coerce_date": "dates",
    "fiscal_year": "dates",
    "fiscal_year_range": "dates",
    "format_date": "dates",
    "format_month": "dates",
    "month_range": "dates",
    "parse_be_year": "dates",
    "parse_date": "dates",
    "parse_month": "dates",
    "year_range": "dates",
    "CitizenIdError": "citizen_id",
    "citizen_id_check_digit": "citizen_id",
    "format_citizen_id": "citizen_id",
    "is_valid_citizen_id": "citizen_id",
    "mask_citizen_id": "citizen_id",
    "normalize_citizen_id": "citizen_id",
    "random_citizen_id": "citizen_id",
    "MoneyError": "money",
    "baht_text": "money",
    "format_baht": "money",
    "parse_baht": "money",
    "NGAN_M2": "area",
    "RAI_M2": "area",
    "WA_M2": "area",
    "AreaError": "area",
    "format_rnw": "area",
    "m2_to_rnw": "area",
    "parse_rnw": "area",
    "rnw_to_m2": "area",
    "thai_sort_key": "collation",
}

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


__getattr__, __dir__ = lazy_names(__name__, _MODULE_OF)
