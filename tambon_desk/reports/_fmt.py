"""Minimal Thai formatting for reports.

Temporary: these will be replaced by tambon_desk/thai.py (format_date, format_baht,
mask_citizen_id) when that module is merged. Keep them tiny and equivalent.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal


def be_date(d: date | datetime | None) -> str:
    """24/11/2569 (Buddhist Era)."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year + 543}"


def be_datetime(d: datetime) -> str:
    return f"{be_date(d)} {d.hour:02d}:{d.minute:02d}"


def baht(satang: int | None) -> str:
    """Integer satang -> '1,234.50' (exact, no float)."""
    if satang is None:
        return ""
    sign = "-" if satang < 0 else ""
    whole, frac = divmod(abs(int(satang)), 100)
    return f"{sign}{whole:,}.{frac:02d}"


def format_value(kind: str, value) -> str:
    """The text a cell shows in the PDF; xlsx writes typed values instead."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return baht(value)
    if kind == "int":
        return f"{int(value):,}"
    if kind == "percent":
        return f"{float(value):,.1f}"
    if kind == "number":
        if isinstance(value, Decimal):
            return f"{value:,.2f}"
        return f"{float(value):,.2f}"
    if kind == "date":
        return be_date(value) if isinstance(value, (date, datetime)) else str(value)
    return str(value)
