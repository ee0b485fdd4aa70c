"""Money as integer satang: parse typed baht, show with separators, baht in words."""

from __future__ import annotations

import math
import numbers
import operator
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ..core.errors import UserError
from .text import arabic_to_thai_digits, normalize_space, thai_to_arabic_digits


class MoneyError(UserError, ValueError):
    """An amount of money that cannot be read (message in Thai)."""


# The largest amount the product takes (satang): one trillion baht is beyond any tambon's
# books, and well inside SQLite's 64-bit integers and Python's int-to-text limit.
MAX_SATANG = 100 * 10**12
OUT_OF_RANGE = "จำนวนเงินเกินขอบเขต"

_RE_BAHT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+")
_CENT = Decimal("0.01")


def format_baht(
    satang: int, unit: bool = False, sign: bool = True, thai_digits: bool = False
) -> str:
    """``123450`` -> ``"1,234.50"``; negative ``"-1,234.50"``.

    ``unit=True`` appends ``" บาท"``; ``sign=False`` shows the magnitude only (for
    layouts that show the sign another way).  ``satang`` must be an integer.
    """
    n = operator.index(satang)
    if abs(n) > MAX_SATANG * 1000:
        return OUT_OF_RANGE  # never a ValueError from int -> str
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
        return _bounded(int(value) * 100, value)
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
    if amount.adjusted() > 15:  # far too many digits: refuse before rounding
        raise MoneyError(_too_large(value))
    with localcontext() as ctx:
        ctx.prec = max(40, len(amount.as_tuple().digits) + 5)
        return _bounded(int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), value)


def _too_large(value) -> str:
    if isinstance(value, numbers.Integral) and abs(int(value)).bit_length() > 64:
        shown = "9" * 20
    else:
        shown = str(value)
    shown = shown[:20] + "…" if len(shown) > 24 else shown
    return f"จำนวนเงินมากเกินไป: {shown} (ไม่เกิน {MAX_SATANG // 100:,} บาท)"


def _bounded(satang: int, value) -> int:
    if abs(satang) > MAX_SATANG:
        raise MoneyError(_too_large(value))
    return satang


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
