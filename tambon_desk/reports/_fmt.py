"""Cell formatting for reports, on top of tambon_desk/thai.py (one place for BE and baht)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ..thai import format_baht, format_date


def be_date(d: date | datetime | None) -> str:
    """24/11/2569 (Buddhist Era)."""
    if isinstance(d, datetime):
        d = d.date()
    return format_date(d)


def baht(satang: int | None) -> str:
    """Integer satang -> '1,234.50' (exact, no float)."""
    return "" if satang is None else format_baht(int(satang))


def format_value(kind: str, value) -> str:
    """The text a cell shows in the PDF; xlsx writes typed values instead."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return baht(value)
    if kind == "int":
        return f"{int(value):,}"
    if kind == "year":  # a BE year or a moo number: no separator
        return str(int(value))
    if kind == "percent":
        return f"{float(value):,.1f}"
    if kind == "number":
        if isinstance(value, Decimal):
            return f"{value:,.2f}"
        return f"{float(value):,.2f}"
    if kind == "date":
        return be_date(value) if isinstance(value, (date, datetime)) else str(value)
    return str(value)
