"""A feature names its household: "หมู่ 3 99/9", "ม.3 บ้านเลขที่ 99/9", or separate fields.

Pure text work (no database): the import matches the (moo, house number) it finds against the
registry. Thai digits are read as Arabic ones.
"""

from __future__ import annotations

import re

from ..thai import normalize_space, thai_to_arabic_digits

_HOUSE = r"(\d+(?:/\d+)?)"
_REF = re.compile(
    r"(?:หมู่(?:ที่)?|ม\.|moo|village)\s*(\d+)\s*[,;]?\s*"
    r"(?:บ้านเลขที่|เลขที่|บ้าน|house(?:\s*no\.?)?|no\.?)?\s*" + _HOUSE,
    re.IGNORECASE,
)
_REF_HOUSE_FIRST = re.compile(r"(?:บ้านเลขที่|เลขที่)\s*" + _HOUSE + r"\s*(?:หมู่(?:ที่)?|ม\.)\s*(\d+)")

# Attribute names (lower case) that hold the village number and the house number.
VILLAGE_KEYS = ("moo", "village", "village_no", "หมู่", "หมู่ที่", "vill", "moo_no", "mu")
HOUSE_KEYS = ("house_no", "houseno", "house", "บ้านเลขที่", "เลขที่", "hno", "house_num")
REF_KEYS = ("household", "ครัวเรือน", "owner", "เจ้าของ", "cmt", "desc", "description", "name", "ชื่อ")


def _clean(text) -> str:
    return normalize_space(thai_to_arabic_digits(str(text or "")))


def parse_ref(text) -> tuple[int, str] | None:
    """``(moo, house_no)`` named in a text, or None."""
    t = _clean(text)
    m = _REF.search(t)
    if m:
        return int(m.group(1)), m.group(2)
    m = _REF_HOUSE_FIRST.search(t)
    if m:
        return int(m.group(2)), m.group(1)
    return None


def parse_option(text: str) -> tuple[int, str] | None:
    """The `--household MOO/HOUSE` option: ``"3/99/9"`` → ``(3, "99/9")``."""
    t = _clean(text).replace(" ", "")
    moo, sep, house = t.partition("/")
    if not sep or not moo.isdigit() or not house:
        return parse_ref(text)
    return int(moo), house


def household_ref(properties: dict, mapping: dict | None = None) -> tuple[int, str] | None:
    """The household a feature's attributes name.

    `mapping` (remembered per file layout) may say which attribute holds ``village`` and
    ``house_no``, or ``household`` (one text like "หมู่ 3 99/9"); otherwise the usual names
    are tried, then any text attribute that reads like a reference.
    """
    props = {str(k).strip().lower(): v for k, v in properties.items()}
    mapping = {k: str(v).strip().lower() for k, v in (mapping or {}).items() if v}
    vkeys = (mapping["village"],) if "village" in mapping else VILLAGE_KEYS
    hkeys = (mapping["house_no"],) if "house_no" in mapping else HOUSE_KEYS
    moo = next((_clean(props[k]) for k in vkeys if props.get(k) not in (None, "")), None)
    house = next((_clean(props[k]) for k in hkeys if props.get(k) not in (None, "")), None)
    if moo and house:
        digits = re.sub(r"\D", "", moo.split(".")[0]) or ""
        if digits:
            return int(digits), house.replace(" ", "")
    rkeys = (mapping["household"],) if "household" in mapping else REF_KEYS
    for key in rkeys:
        if props.get(key) not in (None, ""):
            ref = parse_ref(props[key])
            if ref:
                return ref
    return None
