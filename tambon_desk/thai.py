"""Thai conventions in one pure module: dates, digits, citizen IDs, money, area, sorting.

Why this exists: the database stores plain values (ISO CE dates, integer satang,
square metres, 13-digit strings), but clerks type and read Buddhist-Era dates,
Thai digits, baht with commas, rai-ngan-wa and Thai names in dictionary order.
Every edge of the product (views, importers, reports, CLI) converts through the
functions here, so each rule is written, tested and fixed in exactly one place.

No tkinter, no database, no I/O: only the standard library.  Every parse error is
a ``ValueError`` subclass whose message is Thai and can be shown to a clerk as is.
See DESIGN.md section 4.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import numbers
import operator
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

__all__ = [
    "ThaiDateError", "CitizenIdError", "MoneyError", "AreaError",
    "MONTHS_LONG", "MONTHS_SHORT", "BE_OFFSET",
    "be_year", "ce_year", "format_date", "format_month", "parse_date", "parse_month",
    "coerce_date", "fiscal_year", "fiscal_year_range", "year_range", "month_range",
    "thai_to_arabic_digits", "arabic_to_thai_digits",
    "citizen_id_check_digit", "is_valid_citizen_id", "normalize_citizen_id",
    "format_citizen_id", "mask_citizen_id", "random_citizen_id",
    "format_baht", "parse_baht", "baht_text",
    "RAI_M2", "NGAN_M2", "WA_M2", "rnw_to_m2", "m2_to_rnw", "format_rnw", "parse_rnw",
    "thai_sort_key", "normalize_space", "normalize_thai",
]


class ThaiDateError(ValueError):
    """A date or month that cannot be read (message in Thai)."""


class CitizenIdError(ValueError):
    """A citizen ID that is malformed or fails its check digit (message in Thai)."""


class MoneyError(ValueError):
    """An amount of money that cannot be read (message in Thai)."""


class AreaError(ValueError):
    """An area that cannot be read (message in Thai)."""


# ---------------------------------------------------------------------------
# Text helpers and digits
# ---------------------------------------------------------------------------

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)

# Zero-width characters that sneak in from web pages and Word (removed outright).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def thai_to_arabic_digits(s: str) -> str:
    """Replace Thai digits ๐–๙ with 0–9; everything else is kept."""
    return str(s).translate(_TO_ARABIC)


def arabic_to_thai_digits(s: str) -> str:
    """Replace 0–9 with Thai digits ๐–๙; everything else is kept."""
    return str(s).translate(_TO_THAI)


def normalize_space(s: str | None) -> str:
    """Strip, drop zero-width characters, collapse any whitespace (incl. NBSP) to one space."""
    if s is None:
        return ""
    return " ".join(str(s).translate(_ZERO_WIDTH).split())


_TONES = "\u0e48\u0e49\u0e4a\u0e4b"                    # ่ ้ ๊ ๋
_UPPER_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37"       # ั ิ ี ึ ื
_MARKS_NO_REPEAT = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"   # combining marks (regex class body)
_RE_DOUBLE_MARK = re.compile(f"([{_MARKS_NO_REPEAT}])\\1+")
_RE_TONE_BEFORE_VOWEL = re.compile(f"([{_TONES}])([{_UPPER_VOWELS}])")
_RE_NIKHAHIT_TONE_AA = re.compile(f"\u0e4d([{_TONES}])\u0e32")   # ํ ่ า  -> ่ ำ


def normalize_thai(s: str | None) -> str:
    """NFC plus fixes for common Thai typing errors.

    * sara am typed as nikhahit + sara aa (``ํา`` -> ``ำ``), also with the tone
      typed in between (``น ํ ้ า`` -> ``น้ำ``);
    * a tone mark typed before an upper vowel (``ก่ี`` -> ``กี่``);
    * the same mark typed twice in a row (``ก่่`` -> ``ก่``).
    Whitespace is left alone (see :func:`normalize_space`).
    """
    if s is None:
        return ""
    t = str(s)
    while True:                       # each pass only shortens or moves tones right
        before = t
        t = unicodedata.normalize("NFC", t)
        t = _RE_DOUBLE_MARK.sub("\\1", t)
        t = _RE_NIKHAHIT_TONE_AA.sub("\\1\u0e33", t)
        t = t.replace("\u0e4d\u0e32", "\u0e33")
        t = _RE_TONE_BEFORE_VOWEL.sub("\\2\\1", t)
        if t == before:
            return t


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

BE_OFFSET = 543

MONTHS_LONG = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
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
    month_style, sep = {"short": ("numeric", "/"), "medium": ("short", " "),
                        "long": ("long", " ")}.get(style, (None, None))
    if month_style is None:
        raise ValueError(f"unknown date style {style!r} (short, medium, long)")
    day = f"{d.day:02d}" if style == "short" else str(d.day)
    return (arabic_to_thai_digits(day) if thai_digits else day) + sep + format_month(
        d.year, d.month, month_style, thai_digits)


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
            f"วันที่ไม่ถูกต้อง: {original!r} "
            f"(เดือน{MONTHS_LONG[m - 1]} {be_year(y)} ไม่มีวันที่ {d})"
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
    if era and era.startswith("ค"):          # ค.ศ. written: the year is CE whatever it is
        if len(ytext) != 4:
            raise ThaiDateError(f"ปี ค.ศ. ต้องมี 4 หลัก: {original!r}")
        return int(ytext)
    if era and len(ytext) == 4:               # พ.ศ. written: the year is BE
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
_EXCEL_EPOCH = _dt.date(1899, 12, 30)   # serial 61 = 1900-03-01 (Excel's fake 29 Feb 1900)


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
        timed = _RE_TRAILING_TIME.fullmatch(text)      # "2026-11-24 00:00:00" from a CSV
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
        if serial < 1 or serial > 2958465:          # 2958465 = 9999-12-31
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
    return _dt.date(year_ce, month, 1), _dt.date(year_ce, month, calendar.monthrange(year_ce, month)[1])


# ---------------------------------------------------------------------------
# Citizen ID (เลขประจำตัวประชาชน)
# ---------------------------------------------------------------------------

_CID_BAD_CHECK = "เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบผิด)"
_RE_CID_JUNK = re.compile(r"[\s\-\u2010-\u2015_.]")


def citizen_id_check_digit(first12: str) -> int:
    """Check digit of the first 12 digits: (11 − Σ dᵢ·(13−i) mod 11) mod 10."""
    digits = thai_to_arabic_digits(first12)
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        raise CitizenIdError("ต้องใช้เลข 12 หลักแรกของเลขประจำตัวประชาชน")
    total = sum(int(c) * (13 - i) for i, c in enumerate(digits))
    return (11 - total % 11) % 10


def _cid_digits(value) -> str | None:
    """13-digit string from any input, or None for blank; no check-digit test.

    Numbers (ints, integral floats/Decimals as Excel gives them) with 12 digits get
    their lost leading zero back.  Strings may contain spaces, dashes, Thai digits.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise CitizenIdError("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก")
    if isinstance(value, (int, float, Decimal)):
        try:
            if value != value or value < 0 or value != int(value):
                raise CitizenIdError("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก")
            digits = str(int(value))
        except (OverflowError, ValueError, InvalidOperation):
            raise CitizenIdError("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก") from None
        if len(digits) == 12:
            digits = "0" + digits
    else:
        text = normalize_space(thai_to_arabic_digits(str(value)))
        if not text:
            return None
        if re.fullmatch(r"\d{13}\.0+", text):       # a number exported as text: "1101700203451.0"
            text = text.split(".")[0]
        digits = _RE_CID_JUNK.sub("", text)
        if not (digits.isascii() and digits.isdigit()):
            raise CitizenIdError("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก")
    if len(digits) != 13:
        raise CitizenIdError(f"เลขประจำตัวประชาชนต้องมี 13 หลัก (พบ {len(digits)} หลัก)")
    return digits


def normalize_citizen_id(value) -> str | None:
    """The 13-digit string of an ID typed or read from a file; ``None`` when blank.

    Accepts int, float (Excel numbers), str with dashes/spaces/Thai digits.  Raises
    :class:`CitizenIdError` for a wrong length, non-digits or a bad check digit.
    Messages do not repeat the ID (PDPA: they end up in logs).
    """
    digits = _cid_digits(value)
    if digits is None:
        return None
    if citizen_id_check_digit(digits[:12]) != int(digits[12]):
        raise CitizenIdError(_CID_BAD_CHECK)
    return digits


def is_valid_citizen_id(s) -> bool:
    """True when ``s`` normalises to 13 digits with a correct check digit."""
    try:
        return normalize_citizen_id(s) is not None
    except CitizenIdError:
        return False


def _cid_parts(cid) -> str | None:
    d = _cid_digits(cid)
    return d and f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}"


def format_citizen_id(cid) -> str:
    """``1-2345-67890-12-3``; ``""`` for blank.  The check digit is not tested, so an
    old record with a bad ID still prints; a wrong length raises CitizenIdError."""
    return _cid_parts(cid) or ""


def mask_citizen_id(cid) -> str:
    """``1-2345-xxxxx-xx-3`` (first five digits and the last kept); ``""`` for blank."""
    d = _cid_digits(cid)
    return f"{d[0]}-{d[1:5]}-xxxxx-xx-{d[12]}" if d else ""


def random_citizen_id(rng) -> str:
    """A valid random ID (first digit 1–8) for demo data; ``rng`` is a ``random.Random``."""
    first12 = str(rng.randint(1, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    return first12 + str(citizen_id_check_digit(first12))


# ---------------------------------------------------------------------------
# Money (integer satang)
# ---------------------------------------------------------------------------

_RE_BAHT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+")
_CENT = Decimal("0.01")


def format_baht(satang: int, unit: bool = False, sign: bool = True, thai_digits: bool = False) -> str:
    """``123450`` -> ``"1,234.50"``; negative ``"-1,234.50"``.

    ``unit=True`` appends ``" บาท"``; ``sign=False`` shows the magnitude only (for
    layouts that show the sign another way).  ``satang`` must be an integer.
    """
    n = operator.index(satang)
    baht, st = divmod(abs(n), 100)
    text = f"{baht:,}.{st:02d}"
    if n < 0 and sign:
        text = "-" + text
    if unit:
        text += " บาท"
    return arabic_to_thai_digits(text) if thai_digits else text


def parse_baht(value) -> int:
    """Amount in baht (str, int, float, Decimal) -> integer satang.

    Strings may have commas (in groups of three), Thai digits, spaces, ``บาท`` or
    ``฿``, a leading ``-``/``+``, accounting brackets ``(1,234.50)`` and the Thai
    ``500.-`` for whole baht.  More than two decimals are accepted and rounded half
    away from zero to the satang (``0.005`` -> 1 satang), as a cash book would.
    Floats go through ``Decimal(str(x))``.  Raises :class:`MoneyError`.
    """
    if isinstance(value, bool) or value is None:
        raise MoneyError(f"จำนวนเงินไม่ถูกต้อง: {value!r}")
    if isinstance(value, numbers.Integral):
        return int(value) * 100
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MoneyError(f"จำนวนเงินไม่ถูกต้อง: {value!r}")
        amount = Decimal(str(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(f"จำนวนเงินไม่ถูกต้อง: {value!r}")
        amount = value
    elif isinstance(value, str):
        amount = _parse_baht_text(value)
    else:
        raise MoneyError(f"จำนวนเงินไม่ถูกต้อง: {value!r}")
    with localcontext() as ctx:
        ctx.prec = max(40, len(amount.as_tuple().digits) + 5)
        return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _parse_baht_text(text: str) -> Decimal:
    original = text
    t = normalize_space(thai_to_arabic_digits(text))
    t = t.replace("บาท", "").replace("฿", "").replace(" ", "")
    if not t:
        raise MoneyError("ไม่ได้ระบุจำนวนเงิน")
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    if t[:1] in "-+\u2212" and t:
        negative, t = negative != (t[0] != "+"), t[1:]
    if t.endswith(".-"):
        t = t[:-2]
    elif t.endswith("-") and t[:-1].replace(",", "").isdigit():
        t = t[:-1]
    if not _RE_BAHT.fullmatch(t):
        raise MoneyError(f"จำนวนเงินไม่ถูกต้อง: {original!r} (ตัวอย่าง 1,234.50)")
    amount = Decimal(t.replace(",", "").rstrip(".") or "0")
    return -amount if negative else amount


_DIGIT_WORDS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACE_WORDS = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")


def _number_words(n: int, after: bool = False) -> str:
    """Thai words for n > 0; ``after`` means something non-zero was read before it
    (so a final 1 is เอ็ด, as in หนึ่งล้านเอ็ด)."""
    if n >= 1_000_000:
        high, low = divmod(n, 1_000_000)
        return _number_words(high, after) + "ล้าน" + (_number_words(low, True) if low else "")
    digits = str(n)
    out = []
    for pos, ch in zip(range(len(digits) - 1, -1, -1), digits):
        d = int(ch)
        if d == 0:
            continue
        if pos == 0:
            out.append("เอ็ด" if d == 1 and (n > 9 or after) else _DIGIT_WORDS[d])
        elif pos == 1:
            out.append({1: "สิบ", 2: "ยี่สิบ"}.get(d, _DIGIT_WORDS[d] + "สิบ"))
        else:
            out.append(_DIGIT_WORDS[d] + _PLACE_WORDS[pos])
    return "".join(out)


def baht_text(satang: int) -> str:
    """Amount in Thai words as written on cheques.

    ``123450`` -> ``หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์``, ``10000`` ->
    ``หนึ่งร้อยบาทถ้วน``, ``0`` -> ``ศูนย์บาทถ้วน``, ``50`` -> ``ห้าสิบสตางค์``;
    millions repeat (หนึ่งล้านล้าน); negatives start with ``ลบ``.  A units 1 after any
    higher digit is เอ็ด (หนึ่งร้อยเอ็ด, หนึ่งล้านเอ็ด), alone it is หนึ่ง.
    """
    n = operator.index(satang)
    if n < 0:
        return "ลบ" + baht_text(-n)
    baht, st = divmod(n, 100)
    if st == 0:
        return (_number_words(baht) if baht else "ศูนย์") + "บาทถ้วน"
    words = _number_words(baht) + "บาท" if baht else ""
    return words + _number_words(st) + "สตางค์"


# ---------------------------------------------------------------------------
# Area (ไร่-งาน-ตารางวา)
# ---------------------------------------------------------------------------

RAI_M2 = 1600
NGAN_M2 = 400
WA_M2 = 4


def _to_decimal(x, what: str) -> Decimal:
    if isinstance(x, bool) or x is None:
        raise AreaError(f"{what}ไม่ถูกต้อง: {x!r}")
    try:
        if isinstance(x, float):
            d = Decimal(str(x))
        elif isinstance(x, str):
            d = Decimal(thai_to_arabic_digits(normalize_space(x)).replace(",", ""))
        else:
            d = Decimal(x)
    except (InvalidOperation, TypeError, ValueError):
        raise AreaError(f"{what}ไม่ถูกต้อง: {x!r}") from None
    if not d.is_finite() or d < 0:
        raise AreaError(f"{what}ไม่ถูกต้อง: {x!r}")
    return d


def rnw_to_m2(rai=0, ngan=0, wa=0) -> Decimal:
    """Square metres of rai-ngan-wa (each int, Decimal, str or float; wa may be fractional)."""
    return (_to_decimal(rai, "จำนวนไร่") * RAI_M2 + _to_decimal(ngan, "จำนวนงาน") * NGAN_M2
            + _to_decimal(wa, "จำนวนตารางวา") * WA_M2)


def m2_to_rnw(m2) -> tuple[int, int, Decimal]:
    """Square metres -> ``(rai, ngan, wa)``; wa is a Decimal rounded (half up) to 2 dp."""
    total_wa = (_to_decimal(m2, "พื้นที่") / WA_M2).quantize(_CENT, rounding=ROUND_HALF_UP)
    rai, rest = divmod(total_wa, 400)
    ngan, wa = divmod(rest, 100)
    return int(rai), int(ngan), wa.quantize(_CENT)


def _plain_decimal(d: Decimal) -> str:
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_rnw(m2) -> str:
    """``"3 ไร่ 2 งาน 50 ตร.ว."``; zero parts omitted, ``"0 ตร.ว."`` for no area."""
    rai, ngan, wa = m2_to_rnw(m2)
    parts = []
    if rai:
        parts.append(f"{rai:,} ไร่")
    if ngan:
        parts.append(f"{ngan} งาน")
    if wa or not parts:
        parts.append(f"{_plain_decimal(wa)} ตร.ว.")
    return " ".join(parts)


_NUM = r"(\d[\d,]*(?:\.\d+)?|\.\d+)"
_RE_RNW_DASH = re.compile(rf"(\d[\d,]*)-(\d+)-{_NUM}(?:ไร่)?")
_RE_RNW_WORDS = re.compile(
    rf"(?:{_NUM}ไร่)?(?:{_NUM}งาน)?(?:{_NUM}(?:ตร\.?ว\.?|ตร\.?วา|ตารางวา|ว\.))?"
)
_RE_RNW_PLAIN = re.compile(_NUM)


def parse_rnw(text) -> Decimal:
    """Typed area -> square metres (Decimal).  Raises :class:`AreaError`.

    Accepts ``3-2-50`` (ngan 0–3, wa below 100; optional ``ไร่`` after), words in
    any combination ``3 ไร่ 2 งาน 50 ตร.ว.`` / ``50 ตารางวา`` / ``2 งาน``, and a bare
    number meaning rai (``2.5``).  Thai digits and thousands commas are fine.
    """
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        return rnw_to_m2(text, 0, 0)
    if not isinstance(text, str):
        raise AreaError(f"พื้นที่ไม่ถูกต้อง: {text!r}")
    original = text
    t = normalize_space(thai_to_arabic_digits(normalize_thai(text))).replace(" ", "")
    if not t:
        raise AreaError("ไม่ได้ระบุพื้นที่")
    m = _RE_RNW_DASH.fullmatch(t)
    if m:
        rai, ngan, wa = (_to_decimal(g, "พื้นที่") for g in m.groups())
        if ngan > 3 or wa >= 100:
            raise AreaError(f"พื้นที่ไม่ถูกต้อง: {original!r} (งานต้องไม่เกิน 3 และตารางวาต้องน้อยกว่า 100)")
        return rnw_to_m2(rai, ngan, wa)
    m = _RE_RNW_PLAIN.fullmatch(t)
    if m:
        return rnw_to_m2(m.group(1), 0, 0)
    m = _RE_RNW_WORDS.fullmatch(t)
    if m and any(m.groups()):
        rai, ngan, wa = (g or "0" for g in m.groups())
        return rnw_to_m2(rai, ngan, wa)
    raise AreaError(f"พื้นที่ไม่ถูกต้อง: {original!r} (ตัวอย่าง 3-2-50 หรือ 3 ไร่ 2 งาน 50 ตร.ว.)")


# ---------------------------------------------------------------------------
# Sorting
# ---------------------------------------------------------------------------

_LEADING_VOWELS = frozenset("เแโใไ")
_CONSONANTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))     # ก .. ฮ
_SORT_MARKS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")  # ็ ่ ้ ๊ ๋ ์ ํ ๎
_LEVEL_SEP = "\x01"      # between levels: below every character a primary key holds
_CLUSTER_END = "\x02"    # ends each character's marks in the secondary level
_RE_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def thai_sort_key(s: str | None) -> str:
    """A str whose plain (code point / UTF-8 byte / SQLite BINARY) order is Thai dictionary order.

    Built from ``normalize_thai(normalize_space(s))`` (control characters count as
    spaces), in three levels joined by ``\\x01``:

    1. primary: every leading vowel เ แ โ ใ ไ is moved after the consonant that
       follows it (เก -> กเ), diacritics ็ ่ ้ ๊ ๋ ์ ํ ๎ are left out, Latin is
       lower-cased and Thai digits become 0–9.  Unicode already orders Thai
       consonants ก..ฮ before the vowels ะ ั า ำ ิ ี ึ ื ุ ู เ แ โ ใ ไ, as the
       Royal Institute dictionary does (กก < กา < เก < ไก < ขวด);
    2. secondary: for each primary character, the marks written on it (in the
       order typed) followed by ``\\x02``, so no mark < ็ < ่ < ้ < ๊ < ๋ < ์ and
       only ties of the primary level are decided here (กอน < ก่อน < ก้อน);
    3. tertiary: the normalised text itself, so keys are equal exactly when the
       normalised texts are equal (``Apple`` and ``apple`` differ only here).

    ``\\x01`` is below every character kept in a key, so a shorter word sorts before
    its extensions (กา < กาก).
    """
    text = normalize_thai(normalize_space(_RE_CONTROL.sub(" ", s or "")))
    # Split into clusters: (base character, marks written on it).
    clusters: list[list[str]] = [["", ""]]         # slot 0 holds marks with no base
    for ch in text:
        if ch in _SORT_MARKS:
            clusters[-1][1] += ch
        else:
            clusters.append([ch, ""])
    # Move each leading vowel after the consonant that follows it.
    i = 1
    while i < len(clusters) - 1:
        if clusters[i][0] in _LEADING_VOWELS and clusters[i + 1][0] in _CONSONANTS:
            clusters[i], clusters[i + 1] = clusters[i + 1], clusters[i]
            i += 2
        else:
            i += 1
    primary = "".join(base for base, _ in clusters[1:]).lower().translate(_TO_ARABIC)
    secondary = "".join(marks + _CLUSTER_END for _, marks in clusters)
    return primary + _LEVEL_SEP + secondary + _LEVEL_SEP + text
