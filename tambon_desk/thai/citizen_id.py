"""The 13-digit citizen ID: its mod-11 check digit, normal form, display and PDPA mask."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..core.errors import UserError
from .text import normalize_space, thai_to_arabic_digits


class CitizenIdError(UserError, ValueError):
    """A citizen ID that is malformed or fails its check digit (message in Thai)."""


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
        if re.fullmatch(r"\d{13}\.0+", text):  # a number exported as text: "1101700203451.0"
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
