"""Rainfall kind: monthly rainfall (mm) of the tambon, from a weather station's or the
district's sheet.

Two layouts are read: one month per row (a month column such as `พ.ย. 2569`, `11/2569` or
an Excel date, and the millimetres), or one year per row (a year column in BE and twelve
month columns ม.ค. … ธ.ค., the way the Meteorological Department tabulates). Everything is
written through `water.set_rainfall`, the single authority for what a rainfall figure may
be. Loading the same sheet again changes nothing; a blank cell never erases a month.
"""

from __future__ import annotations

import datetime as _dt
import re
from contextlib import nullcontext

from .. import registry, water
from ..core.errors import UserError, ValidationError
from ..core.i18n import N_, _
from ..core.records import transaction
from ..importers import cleaning as c
from ..importers.kinds import Field, ImportKind, register
from ..thai import (
    MONTHS_LONG,
    MONTHS_SHORT,
    ThaiDateError,
    ce_year,
    normalize_space,
    parse_month,
    thai_to_arabic_digits,
)


def parse_mm(value) -> float | None:
    """Millimetres: `123.4`, `1,234`, Thai digits; `-` or blank is no figure."""
    if c.is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
    else:
        text = thai_to_arabic_digits(normalize_space(str(value))).replace(",", "")
        text = re.sub(r"\s*(มม\.?|mm)$", "", text, flags=re.IGNORECASE)
        try:
            v = float(text)
        except ValueError:
            raise c.FieldError(_("Write the rainfall as a number of millimetres.")) from None
    if not 0 <= v <= 3000:
        raise c.FieldError(_("Rainfall is a number of millimetres from 0 to 3,000."))
    return v


def parse_year(value) -> int | None:
    """A year in BE (`2569`, `๒๕๖๙`, `พ.ศ. 2569`) or CE (`2026`); returned as CE."""
    if c.is_blank(value):
        return None
    text = thai_to_arabic_digits(normalize_space(c._number_text(value)))
    m = re.search(r"(\d{4})", text)
    if not m:
        raise c.FieldError(_("Write the year as four digits, e.g. 2569."))
    y = int(m.group(1))
    return ce_year(y) if y > 2400 else y


def parse_month_cell(value):
    """(year_ce, month) from `พ.ย. 2569`, `11/2569`, an Excel date; or a bare month
    number/name (year from the year column) as (None, month)."""
    if c.is_blank(value):
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        y = value.year - 543 if value.year > 2400 else value.year
        return y, value.month
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 12:
            return None, int(value)
        raise c.FieldError(_("Write the month as 11/2569 or พ.ย. 2569."))
    text = normalize_space(str(value))
    for i, (long, short) in enumerate(zip(MONTHS_LONG, MONTHS_SHORT), start=1):
        if text in (long, short, short.replace(".", "")):
            return None, i
    try:
        return parse_month(text)
    except ThaiDateError as exc:
        raise c.FieldError(str(exc)) from None


def _month_field(i: int) -> Field:
    long, short = MONTHS_LONG[i - 1], MONTHS_SHORT[i - 1]
    english = _dt.date(2000, i, 1).strftime("%b").lower()
    full = _dt.date(2000, i, 1).strftime("%B").lower()
    return Field(
        f"m{i}",
        MONTH_TITLES[i - 1],
        parse_mm,
        (long, short, short.replace(".", ""), english, full),
        width=8,
    )


MONTH_TITLES = (
    N_("January (mm)"),
    N_("February (mm)"),
    N_("March (mm)"),
    N_("April (mm)"),
    N_("May (mm)"),
    N_("June (mm)"),
    N_("July (mm)"),
    N_("August (mm)"),
    N_("September (mm)"),
    N_("October (mm)"),
    N_("November (mm)"),
    N_("December (mm)"),
)

FIELDS = [
    Field(
        "year",
        N_("Year (BE)"),
        parse_year,
        ("ปี", "ปี พ.ศ.", "พ.ศ.", "year"),
        example=2569,
        width=8,
        fill_down=True,
    ),
    Field(
        "month",
        N_("Month"),
        parse_month_cell,
        ("เดือน", "เดือน/ปี", "month"),
        example="พ.ย. 2569",
        hint=N_("11/2569 or พ.ย. 2569"),
        as_text=True,
        width=12,
    ),
    Field(
        "mm",
        N_("Rainfall (mm)"),
        parse_mm,
        (
            "ปริมาณฝน",
            "ปริมาณน้ำฝน",
            "ฝน",
            "ฝน (มม.)",
            "ปริมาณฝน (มม.)",
            "มม.",
            "rain",
            "rainfall",
            "mm",
            "rainfall (mm)",
        ),
        example=612.4,
        width=10,
    ),
] + [_month_field(i) for i in range(1, 13)]

EXAMPLES = [
    {"seq": 1, "year": 2569, "month": "ต.ค. 2569", "mm": 320.5},
    {"seq": 2, "year": 2569, "month": "พ.ย. 2569", "mm": 612.4},
]
NOTES = (
    N_("One month per row (month and millimetres), or one year per row with twelve month columns."),
    N_("Years in the Buddhist Era. A blank or a dash leaves that month as it is."),
)


def _months_of(row):
    """[(year_ce, month, mm)] that `row` gives, or a (field, message) problem."""
    year = row.get("year")
    out = []
    if row.get("month") is not None:
        y, m = row.get("month")
        y = y or year
        if y is None:
            return None, ("month", _("Write the year with the month, e.g. พ.ย. 2569."))
        if row.get("mm") is not None:  # blank or a dash: that month stays as it is
            out.append((y, m, row.get("mm")))
    wide = [(i, row.get(f"m{i}")) for i in range(1, 13) if row.get(f"m{i}") is not None]
    if wide:
        if year is None:
            return None, ("year", _("Write the year of this row, e.g. 2569."))
        out += [(year, m, mm) for m, mm in wide]
    return out, None


def apply(ctx, rows, result, *, dry_run=False, progress=None, options=None):
    tambon = registry.home_tambon()
    if tambon is None:
        raise UserError(_("No tambon is registered yet."))
    kind = RAINFALL
    by_year: dict[int, dict[int, float]] = {}
    seen: dict[tuple, object] = {}
    for row in rows:
        if not row.ok:
            continue
        months, problem = _months_of(row)
        if problem:
            result.add_error(row, problem[0], problem[1], kind, row.raw.get(problem[0]))
            continue
        if not months:
            continue
        for y, m, mm in months:
            if (y, m) in seen and by_year[y][m] != mm:
                result.add_error(
                    row,
                    "month",
                    _("This month is already given with another figure in row {row}.").format(
                        row=seen[(y, m)]
                    ),
                    kind,
                )
                break
            seen[(y, m)] = row.seq or row.row
            by_year.setdefault(y, {})[m] = mm
    years = sorted(by_year)
    with transaction(ctx) if not dry_run else nullcontext():
        for i, y in enumerate(years):
            have = water.rainfall_of(tambon, y)
            for m, mm in by_year[y].items():
                outcome = "added" if m not in have else "unchanged" if have[m] == mm else "updated"
                result.count("months", outcome)
            if not dry_run:
                try:
                    water.set_rainfall(ctx, tambon, y, by_year[y])
                except ValidationError as exc:  # the service has the last word
                    result.notes.append("; ".join(exc.errors.values()))
            if progress:
                progress(i + 1, len(years), _("Year {year}").format(year=y + 543))
    if progress:
        progress(1, 1, _("Done"))


RAINFALL = register(
    ImportKind(
        name="rainfall",
        title=N_("Monthly rainfall"),
        fields=FIELDS,
        apply=apply,
        entities={"months": N_("Months of rainfall")},
        description=N_("Monthly rainfall of the tambon in millimetres."),
        notes=NOTES,
        examples=EXAMPLES,
    )
)
