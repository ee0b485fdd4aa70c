"""Cell cleaners for spreadsheets typed by other people.

Each `parse_*` takes one raw cell value as openpyxl or the csv module gives it (str, int,
float, datetime, None) and returns a clean Python value, `None` for a blank cell, or raises
`FieldError` with a Thai message for the clerk. Dates and citizen IDs go through `thai.py`
(one place for BE years and the mod-11 check); this module only adds what a file brings:
numbers where text was meant, Thai digits, stray spaces, village numbers written as
"หมู่ 3", sex and titles spelled a dozen ways.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

from ..core.i18n import _
from ..thai import (
    CitizenIdError,
    ThaiDateError,
    coerce_date,
    normalize_citizen_id,
    normalize_space,
    normalize_thai,
    thai_to_arabic_digits,
)


class FieldError(ValueError):
    """A cell that cannot be read; the message (Thai) goes into the error report."""


# What people type into a cell to say "nothing here".
_BLANK_MARKS = frozenset({"-", "--", "---", "–", "—", "−", "ー", "_", "."})
_RE_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.S)


def is_blank(value) -> bool:
    """True for None, empty or whitespace-only text (incl. NBSP and zero-width), and for a
    lone dash, which Thai forms use for "none"."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    t = normalize_space(value)
    return not t or t in _BLANK_MARKS


def unwrap(value):
    """The cell as the parsers want it: `="0812345678"` (Excel's keep-as-text trick in CSV
    exports) becomes its text; a dash meaning "none" becomes None."""
    if isinstance(value, str):
        m = _RE_EXCEL_TEXT.match(value.strip())
        if m:
            value = m.group(1)
        if is_blank(value):
            return None
    return value


def _number_text(value) -> str:
    """An integral number as its digits (Excel gives 12.0 for 12); other values as text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def parse_text(value) -> str | None:
    """Plain text: Thai typing fixes, Thai digits kept, spaces collapsed."""
    if is_blank(value):
        return None
    return normalize_space(normalize_thai(_number_text(value)))


def parse_digits_text(value) -> str | None:
    """Text where Thai digits become 0-9 (house numbers, registration numbers)."""
    text = parse_text(value)
    return thai_to_arabic_digits(text) if text is not None else None


_RE_HOUSE_PREFIX = re.compile(r"^(?:บ้านเลขที่|เลขที่|บ้าน\s*เลขที่|ที่)\s*")
_RE_HOUSE_MOO_TAIL = re.compile(r"\s*(?:หมู่\s*ที่|หมู่|ม\.)\s*\d{1,2}\b.*$")


def parse_house_no(value) -> str | None:
    """บ้านเลขที่ as text: `๑๒/๓` -> `12/3`; `12.0` -> `12`; a "12/3" that Excel turned
    into a date (12 March, d/m as Thai Excel reads it) comes back as `12/3`."""
    if isinstance(value, (_dt.datetime, _dt.date)):
        return f"{value.day}/{value.month}"
    text = parse_digits_text(value)
    if text is None:
        return None
    text = _RE_HOUSE_MOO_TAIL.sub("", _RE_HOUSE_PREFIX.sub("", text))
    text = re.sub(r"\s*/\s*", "/", text)
    if len(text) > 32:
        raise FieldError(_("The house number is too long (at most 32 characters)."))
    return text or None


def parse_citizen_id(value) -> str | None:
    """13 digits from a number, dashed or spaced text, Thai digits; check digit tested."""
    if isinstance(value, str):
        t = normalize_space(thai_to_arabic_digits(value))
        if re.fullmatch(r"\d(?:\.\d+)?[eE]\+?\d+", t):
            raise FieldError(
                _(
                    "The citizen ID was turned into a number like 1.23E+12 and lost "
                    "digits; format the column as text in the original file."
                )
            )
    try:
        return normalize_citizen_id(value)
    except CitizenIdError as exc:
        raise FieldError(str(exc)) from None


def parse_date(value) -> _dt.date | None:
    """A date cell or BE/CE text (`12/05/2510`, `12 พ.ค. 2510`, Thai digits); a BE year
    typed into a date cell (year > 2400) is corrected by `thai.coerce_date`.

    A bare number from 1900 to 2700 is a year alone, not an Excel serial date: refused
    rather than read as a day in 1905.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1900 <= value <= 2700:
        raise FieldError(_("Only a year was given; write the whole date (day/month/year)."))
    try:
        return coerce_date(value)
    except ThaiDateError as exc:
        raise FieldError(str(exc)) from None


def parse_int(value) -> int | None:
    if is_blank(value):
        return None
    text = thai_to_arabic_digits(normalize_space(_number_text(value))).replace(",", "")
    if not re.fullmatch(r"-?\d+", text):
        raise FieldError(_("Write a whole number."))
    return int(text)


_RE_MOO = re.compile(r"^(?:หมู่\s*ที่|หมู่|ม\.|ม\s|moo)?\s*(\d{1,2})(?:\s.*)?$", re.IGNORECASE)
_RE_MOO_ANYWHERE = re.compile(r"(?:หมู่\s*ที่|หมู่|ม\.|moo)\s*(\d{1,2})(?!\d)", re.IGNORECASE)


def parse_moo(value):
    """Village: its number as int (`3`, `หมู่ 3`, `ม.3`, `หมู่ที่ ๓`, `3 บ้านนา`), or the
    village's name as text when no number is written (resolved against the tambon later)."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 99:
            return int(value)
        raise FieldError(_("The village number must be a whole number from 1 to 99."))
    text = normalize_space(thai_to_arabic_digits(normalize_thai(str(value))))
    m = _RE_MOO.match(text) or _RE_MOO_ANYWHERE.search(text)
    if m:
        return int(m.group(1))
    if re.search(r"\d", text):
        raise FieldError(_("The village number must be a whole number from 1 to 99."))
    return text  # a village name


_SEX = {
    "M": ("ชาย", "ช", "m", "male", "man", "1", "ผู้ชาย", "เพศชาย"),
    "F": ("หญิง", "ญ", "f", "female", "woman", "2", "ผู้หญิง", "เพศหญิง"),
}
_SEX_LOOKUP = {w: code for code, words in _SEX.items() for w in words}


def parse_sex(value) -> str | None:
    """'M' or 'F' from ชาย/หญิง, ช/ญ, M/F, male/female, 1/2 (civil registration codes)."""
    if is_blank(value):
        return None
    key = normalize_space(_number_text(value)).lower().rstrip(".")
    if key in _SEX_LOOKUP:
        return _SEX_LOOKUP[key]
    if sex_of_title(key):  # a title where the sex was meant: นาย, น.ส.
        return sex_of_title(key)
    raise FieldError(_("Write the sex as ชาย or หญิง (also ช/ญ, M/F)."))


# Titles (คำนำหน้า): spelling in files -> the form the register uses, and the sex it implies.
TITLES = {
    "นาย": ("นาย", "M"),
    "mr": ("นาย", "M"),
    "นาง": ("นาง", "F"),
    "mrs": ("นาง", "F"),
    "นางสาว": ("นางสาว", "F"),
    "นส": ("นางสาว", "F"),
    "miss": ("นางสาว", "F"),
    "ms": ("นางสาว", "F"),
    "ดช": ("ด.ช.", "M"),
    "เด็กชาย": ("ด.ช.", "M"),
    "master": ("ด.ช.", "M"),
    "ดญ": ("ด.ญ.", "F"),
    "เด็กหญิง": ("ด.ญ.", "F"),
}


def _title_key(text: str) -> str:
    return re.sub(r"[\s.]", "", text).lower()


def parse_title(value) -> str | None:
    """นาย/นาง/นางสาว/ด.ช./ด.ญ. from their common spellings (น.ส., เด็กชาย, Mr. …);
    other titles (ranks, monks) are kept as written."""
    text = parse_text(value)
    if text is None:
        return None
    known = TITLES.get(_title_key(text))
    if known:
        return known[0]
    if len(text) > 16:
        raise FieldError(_("The title is too long (at most 16 characters)."))
    return text


def sex_of_title(title: str | None) -> str | None:
    known = TITLES.get(_title_key(title or ""))
    return known[1] if known else None


# Longest first, so "นางสาว" is tried before "นาง" and "นาย".
_NAME_PREFIXES = sorted(
    [
        "นาย",
        "นางสาว",
        "นาง",
        "น.ส.",
        "ด.ช.",
        "ด.ญ.",
        "เด็กชาย",
        "เด็กหญิง",
        "Mr.",
        "Mrs.",
        "Miss",
        "Ms.",
    ],
    key=len,
    reverse=True,
)


def split_title(text: str) -> tuple[str | None, str]:
    """`นางสาวมาลี` -> ("นางสาว", "มาลี"): a title typed into the name cell."""
    t = normalize_space(normalize_thai(text))
    for p in _NAME_PREFIXES:
        if t.startswith(p) and len(t) > len(p):
            return parse_title(p), t[len(p) :].strip()
    return None, t


def split_full_name(text: str) -> tuple[str | None, str, str]:
    """`นายสมชาย  ใจดี` -> ("นาย", "สมชาย", "ใจดี"); the last name is the last word."""
    title, t = split_title(text)
    parts = t.split(" ")
    if len(parts) == 1:
        return title, parts[0], ""
    return title, " ".join(parts[:-1]), parts[-1]


def parse_full_name(value):
    text = parse_text(value)
    return split_full_name(text) if text else None


def parse_phone(value) -> str | None:
    """Digits of a Thai phone number; a number cell that lost its leading 0 gets it back
    (9 digits from 6/8/9 = mobile, 8 digits = landline); +66 becomes 0. Text that is not
    one number (two numbers, an extension) is kept as written, stripped."""
    if is_blank(value):
        return None
    raw = thai_to_arabic_digits(normalize_space(_number_text(value)))
    digits = re.sub(r"[\s\-().]", "", raw)
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) == 11:
        digits = "0" + digits[2:]
    if digits.isdigit():
        if len(digits) in (8, 9) and not digits.startswith("0"):
            digits = "0" + digits
        if not (9 <= len(digits) <= 10):
            raise FieldError(_("A phone number has 9 or 10 digits."))
        return digits
    if len(raw) > 20:
        raise FieldError(_("The phone number is too long (at most 20 characters)."))
    return raw


_RELATIONS = {
    "head": ("หัวหน้าครัวเรือน", "หัวหน้า", "หัวหน้าบ้าน", "หัวหน้าครอบครัว", "เจ้าบ้าน", "head", "householder"),
    "spouse": (
        "คู่สมรส",
        "สามี",
        "ภรรยา",
        "ภริยา",
        "ภรรยาหัวหน้า",
        "สามีหัวหน้า",
        "spouse",
        "wife",
        "husband",
    ),
    "child": (
        "บุตร",
        "ลูก",
        "บุตรชาย",
        "บุตรสาว",
        "บุตรี",
        "ธิดา",
        "บุตรบุญธรรม",
        "ลูกชาย",
        "ลูกสาว",
        "ลูกบุญธรรม",
        "child",
        "son",
        "daughter",
    ),
    "parent": ("บิดา", "มารดา", "พ่อ", "แม่", "parent", "father", "mother"),
    "grandchild": ("หลาน", "หลานชาย", "หลานสาว", "grandchild"),
    "relative": (
        "ญาติ",
        "พี่",
        "น้อง",
        "พี่ชาย",
        "พี่สาว",
        "น้องชาย",
        "น้องสาว",
        "ปู่",
        "ย่า",
        "ตา",
        "ยาย",
        "ลุง",
        "ป้า",
        "น้า",
        "อา",
        "เขย",
        "สะใภ้",
        "ลูกเขย",
        "ลูกสะใภ้",
        "relative",
    ),
    "other": ("ผู้อาศัย", "อื่นๆ", "อื่น ๆ", "อื่น", "other"),
}
_RELATION_LOOKUP = {re.sub(r"\s", "", w).lower(): k for k, ws in _RELATIONS.items() for w in ws}


def parse_relation(value) -> str | None:
    """Relation to the head as the household service's code (head, spouse, child …);
    a relation the list does not know becomes "other" rather than losing the person."""
    text = parse_text(value)
    if text is None:
        return None
    return _RELATION_LOOKUP.get(re.sub(r"\s", "", text).lower(), "other")


_RE_ADDRESS_HOUSE = re.compile(r"(?:บ้านเลขที่|เลขที่)?\s*(\d+(?:\s*/\s*\d+)?)")


def parse_address(value):
    """An address cell, `12/3 หมู่ 4 ต.เกาะทวด` -> ("12/3", 4): house number and village
    (either may be None) for sheets that keep both in one column."""
    text = parse_digits_text(value)
    if text is None:
        return None
    moo_m = _RE_MOO_ANYWHERE.search(text)
    rest = text[: moo_m.start()] + " " + text[moo_m.end() :] if moo_m else text
    house_m = _RE_ADDRESS_HOUSE.search(rest)
    house = re.sub(r"\s+", "", house_m.group(1)) if house_m else None
    if house is None and moo_m is None:
        raise FieldError(_("No house number or village number found in the address."))
    return house, int(moo_m.group(1)) if moo_m else None
