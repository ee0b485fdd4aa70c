"""Buddhist-Era dates and months: parse what clerks type, show BE, fiscal years.

Stored dates are ISO CE; BE exists only at the edges (typing, display, reports).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import numbers
import re

from ..core.errors import UserError
from .text import arabic_to_thai_digits, normalize_space, normalize_thai, thai_to_arabic_digits


class ThaiDateError(UserError, ValueError):
    """A date or month that cannot be read (message in Thai)."""


BE_OFFSET = 543

MONTHS_LONG = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

# Month names looked up with dots and spaces removed: "พ.ย." / "พย" / "พฤศจิกายน".
_MONTH_LOOKUP: dict[str, int] = {}
for _i, (_long, _short) in enumerate(zip(MONTHS_LONG, MONTHS_SHORT), start=1):
    _MONTH_LOOKUP[_long] = _i
    _MONTH_LOOKUP[_short.replace(".", "")] = _i
del _i, _long, _short

_DATE_HINT = "ใช้รูปแบบ วว/ดด/ปปปป เช่น 24/11/2569"
_MONTH_HINT = "ใช้รูปแบบ ดด/ปปปป เช่น 11/2569 หรือ พ.ย. 2569"


def be_year(ce_year: int) -> int:
    """Buddhist-Era year of a CE year (CE + 543)."""
    return int(ce_year) + BE_OFFSET


def ce_year(be_year: int) -> int:
    """CE year of a Buddhist-Era year (BE − 543)."""
    return int(be_year) - BE_OFFSET


def format_date(d: _dt.date | None, style: str = "short", thai_digits: bool = False) -> str:
    """Show a date in BE: short ``24/11/2569``, medium ``24 พ.ย. 2569``, long ``24 พฤศจิกายน 2569``.

    ``None`` gives ``""``.  A datetime shows its date only.
    """
    if d is None:
        return ""
    month_style, sep = {
        "short": ("numeric", "/"),
        "medium": ("short", " "),
        "long": ("long", " "),
    }.get(style, (None, None))
    if month_style is None:
        raise ValueError(f"unknown date style {style!r} (short, medium, long)")
    day = f"{d.day:02d}" if style == "short" else str(d.day)
    return (
        (arabic_to_thai_digits(day) if thai_digits else day)
        + sep
        + format_month(d.year, d.month, month_style, thai_digits)
    )


def format_month(year_ce: int, month: int, style: str = "long", thai_digits: bool = False) -> str:
    """Show a month in BE: long ``พฤศจิกายน 2569``, short ``พ.ย. 2569``, numeric ``11/2569``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    y = be_year(year_ce)
    if style == "long":
        text = f"{MONTHS_LONG[month - 1]} {y}"
    elif style == "short":
        text = f"{MONTHS_SHORT[month - 1]} {y}"
    elif style == "numeric":
        text = f"{month:02d}/{y}"
    else:
        raise ValueError(f"unknown month style {style!r} (long, short, numeric)")
    return arabic_to_thai_digits(text) if thai_digits else text


def _year_to_ce(ytext: str, original: str, exc=ThaiDateError) -> int:
    """Read a typed year: 2 digits = BE 25xx; 4 digits above 2400 = BE, else CE."""
    if len(ytext) == 2:
        return ce_year(2500 + int(ytext))
    if len(ytext) == 4:
        y = int(ytext)
        if y > 2400:
            return ce_year(y)
        if y < 1:
            raise exc(f"ปีไม่ถูกต้อง: {original!r}")
        return y
    raise exc(f"ปีต้องมี 2 หรือ 4 หลัก: {original!r}")


def _make_date(y: int, m: int, d: int, original: str) -> _dt.date:
    if not 1 <= m <= 12:
        raise ThaiDateError(f"วันที่ไม่ถูกต้อง: {original!r} (ไม่มีเดือนที่ {m})")
    try:
        return _dt.date(y, m, d)
    except ValueError:
        raise ThaiDateError(
            f"วันที่ไม่ถูกต้อง: {original!r} (เดือน{MONTHS_LONG[m - 1]} {be_year(y)} ไม่มีวันที่ {d})"
        ) from None


def _month_from_name(name: str) -> int | None:
    return _MONTH_LOOKUP.get(name.replace(".", "").replace(" ", ""))


# Era markers: optional "พ.ศ." (BE) or "ค.ศ." (CE) before the year.
_ERA = r"(?:(?P<era>พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*)?"
_RE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_RE_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*" + _ERA + r"(\d+)")
_RE_NAMED = re.compile(r"(\d{1,2})\s*([^\d\s][^\d]*?)\s*" + _ERA + r"(\d+)")
_RE_MONTH_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*" + _ERA + r"(\d+)")
_RE_MONTH_NAMED = re.compile(r"([^\d\s][^\d]*?)\s*" + _ERA + r"(\d+)")
_RE_MONTH_ISO = re.compile(r"(\d{4})-(\d{1,2})")


def _year_with_era(ytext: str, era: str | None, original: str) -> int:
    if era and era.startswith("ค"):  # ค.ศ. written: the year is CE whatever it is
        if len(ytext) != 4:
            raise ThaiDateError(f"ปี ค.ศ. ต้องมี 4 หลัก: {original!r}")
        return int(ytext)
    if era and len(ytext) == 4:  # พ.ศ. written: the year is BE
        return ce_year(int(ytext))
    return _year_to_ce(ytext, original)


def _clean_typed(text, what: str) -> str:
    """Typed text normalised for the date/month patterns (Thai digits, spaces, typos)."""
    if not isinstance(text, str):
        raise ThaiDateError(f"{what}ไม่ถูกต้อง: {text!r}")
    t = normalize_space(thai_to_arabic_digits(normalize_thai(text)))
    if not t:
        raise ThaiDateError(f"ไม่ได้ระบุ{what}")
    return t


def parse_date(text: str) -> _dt.date:
    """Read a typed date; BE by default.  Raises :class:`ThaiDateError`.

    Accepted: ``24/11/2569``, ``24-11-2569``, ``24.11.2569``, ``24/11/69`` (two-digit
    year = BE 25xx), ``24 พ.ย. 2569``, ``24 พฤศจิกายน 2569``, ``24 พ.ย. 69``, Thai
    digits, ISO ``2026-11-24``, an optional ``พ.ศ.``/``ค.ศ.`` before the year.  A
    four-digit year above 2400 is BE, otherwise CE (``24/11/2026``).
    """
    original = text
    t = _clean_typed(text, "วันที่")
    m = _RE_ISO.fullmatch(t)
    if m:
        y = _year_to_ce(m.group(1), original)
        return _make_date(y, int(m.group(2)), int(m.group(3)), original)
    m = _RE_NUMERIC.fullmatch(t)
    if m:
        y = _year_with_era(m.group(5), m.group("era"), original)
        return _make_date(y, int(m.group(3)), int(m.group(1)), original)
    m = _RE_NAMED.fullmatch(t)
    if m:
        month = _month_from_name(m.group(2))
        if month is None:
            raise ThaiDateError(f"วันที่ไม่ถูกต้อง: {original!r} (ไม่รู้จักชื่อเดือน {m.group(2)!r})")
        y = _year_with_era(m.group(4), m.group("era"), original)
        return _make_date(y, month, int(m.group(1)), original)
    raise ThaiDateError(f"วันที่ไม่ถูกต้อง: {original!r} ({_DATE_HINT})")


def parse_month(text: str) -> tuple[int, int]:
    """Read a month: ``11/2569``, ``พ.ย. 2569``, ``พฤศจิกายน 2569`` (also ISO ``2026-11``).

    Returns ``(year_ce, month)``; year rules as :func:`parse_date`.
    """
    original = text
    t = _clean_typed(text, "เดือน")
    m = _RE_MONTH_ISO.fullmatch(t)
    if m:
        y, month = _year_to_ce(m.group(1), original), int(m.group(2))
    else:
        m = _RE_MONTH_NUMERIC.fullmatch(t)
        if m:
            month = int(m.group(1))
            y = _year_with_era(m.group(3), m.group("era"), original)
        else:
            m = _RE_MONTH_NAMED.fullmatch(t)
            if not m:
                raise ThaiDateError(f"เดือนไม่ถูกต้อง: {original!r} ({_MONTH_HINT})")
            month = _month_from_name(m.group(1))
            if month is None:
                raise ThaiDateError(f"เดือนไม่ถูกต้อง: {original!r} (ไม่รู้จักชื่อเดือน {m.group(1)!r})")
            y = _year_with_era(m.group(3), m.group("era"), original)
    if not 1 <= month <= 12:
        raise ThaiDateError(f"เดือนไม่ถูกต้อง: {original!r} (ไม่มีเดือนที่ {month})")
    if not 1 <= y <= 9999:
        raise ThaiDateError(f"ปีไม่ถูกต้อง: {original!r}")
    return y, month


_RE_TRAILING_TIME = re.compile(r"(.*?\d)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*น\.)?")
_EXCEL_EPOCH = _dt.date(1899, 12, 30)  # serial 61 = 1900-03-01 (Excel's fake 29 Feb 1900)


def coerce_date(value) -> _dt.date | None:
    """Turn a spreadsheet cell into a date (or ``None`` for a blank cell).

    ``datetime``/``date`` -> its date, except a year above 2400, which is a BE year
    typed into a date cell (543 is subtracted); int/float -> Excel serial date
    (1900 system, time of day dropped); str -> :func:`parse_date` (a trailing time
    of day such as ``00:00:00`` is dropped).  Raises :class:`ThaiDateError`.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = normalize_space(value)
        if not text:
            return None
        timed = _RE_TRAILING_TIME.fullmatch(text)  # "2026-11-24 00:00:00" from a CSV
        return parse_date(timed.group(1) if timed else text)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        if value.year > 2400:
            try:
                return value.replace(year=value.year - BE_OFFSET)
            except ValueError:
                raise ThaiDateError(
                    f"วันที่ไม่ถูกต้อง: {value.day:02d}/{value.month:02d}/{value.year} "
                    f"(เดือน{MONTHS_LONG[value.month - 1]} {value.year} ไม่มีวันที่ {value.day})"
                ) from None
        return _dt.date(value.year, value.month, value.day)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if not math.isfinite(float(value)):
            raise ThaiDateError(f"วันที่ไม่ถูกต้อง: {value!r}")
        serial = math.floor(value)
        if serial == 60:
            raise ThaiDateError("วันที่ไม่ถูกต้อง: 29/02/1900 ไม่มีจริง (ค่าวันที่ 60 ของ Excel)")
        if serial < 1 or serial > 2958465:  # 2958465 = 9999-12-31
            raise ThaiDateError(f"วันที่ไม่ถูกต้อง: ค่าวันที่ของ Excel {value!r} อยู่นอกช่วง")
        if serial < 60:
            serial += 1
        return _EXCEL_EPOCH + _dt.timedelta(days=serial)
    raise ThaiDateError(f"วันที่ไม่ถูกต้อง: {value!r}")


def fiscal_year(d: _dt.date) -> int:
    """BE fiscal year (ปีงบประมาณ) of a date: 1 Oct – 30 Sep, named by the year it ends."""
    return be_year(d.year + 1 if d.month >= 10 else d.year)


def fiscal_year_range(fy_be: int) -> tuple[_dt.date, _dt.date]:
    """First and last day (inclusive) of a BE fiscal year: 2569 -> 2025-10-01 .. 2026-09-30."""
    y = ce_year(fy_be)
    return _dt.date(y - 1, 10, 1), _dt.date(y, 9, 30)


def year_range(be_year: int) -> tuple[_dt.date, _dt.date]:
    """1 January and 31 December of a BE calendar year."""
    y = ce_year(be_year)
    return _dt.date(y, 1, 1), _dt.date(y, 12, 31)


def month_range(year_ce: int, month: int) -> tuple[_dt.date, _dt.date]:
    """First and last day of a month (CE year)."""
    return _dt.date(year_ce, month, 1), _dt.date(
        year_ce, month, calendar.monthrange(year_ce, month)[1]
    )


def parse_be_year(text: str, *, low: int = 2400, high: int = 2700) -> tuple[int, str]:
    """A year typed where a Buddhist-Era year is expected: (BE year, note to show).

    Clerks often type the CE year off a calendar or a phone ("2026"): a 4-digit year in
    the CE range is converted and the note says so, so the clerk sees the change; a
    2-digit year is 25xx. Anything else is refused with the reason (ThaiDateError).
    One helper for every year field (views, importers, CLI).
    """
    from .text import thai_to_arabic_digits

    t = thai_to_arabic_digits(str(text or "")).strip()
    t = re.sub(r"^(พ\.?\s?ศ\.?)\s*", "", t)
    if not t:
        raise ThaiDateError("กรุณาพิมพ์ปี พ.ศ. เช่น 2569")
    if not t.isdigit():
        raise ThaiDateError(f"ปีต้องเป็นตัวเลข พ.ศ. เช่น 2569: {text!r}")
    y = int(t)
    if len(t) == 2:
        return 2500 + y, ""
    if len(t) == 4 and low - BE_OFFSET <= y <= high - BE_OFFSET and not low <= y <= high:
        be = y + BE_OFFSET
        return be, f"ปี {y} เป็นปี ค.ศ. จึงใช้ปี พ.ศ. {be}"
    if len(t) != 4 or not low <= y <= high:
        raise ThaiDateError(f"ปี พ.ศ. ต้องอยู่ระหว่าง {low} ถึง {high}: {text!r}")
    return y, ""
