"""Land area in rai-ngan-wa (1 ไร่ = 4 งาน = 400 ตารางวา = 1,600 m²)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..core.errors import UserError
from .money import _CENT
from .text import normalize_space, normalize_thai, thai_to_arabic_digits


class AreaError(UserError, ValueError):
    """An area that cannot be read (message in Thai)."""


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
    return (
        _to_decimal(rai, "จำนวนไร่") * RAI_M2
        + _to_decimal(ngan, "จำนวนงาน") * NGAN_M2
        + _to_decimal(wa, "จำนวนตารางวา") * WA_M2
    )


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
