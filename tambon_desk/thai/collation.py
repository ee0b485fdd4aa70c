"""Thai dictionary order: leading vowels เ แ โ ใ ไ do not decide the order."""

from __future__ import annotations

import re

from .text import _TO_ARABIC, normalize_space, normalize_thai

_LEADING_VOWELS = frozenset("เแโใไ")
_CONSONANTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))  # ก .. ฮ
_SORT_MARKS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")  # ็ ่ ้ ๊ ๋ ์ ํ ๎
_LEVEL_SEP = "\x01"  # between levels: below every character a primary key holds
_CLUSTER_END = "\x02"  # ends each character's marks in the secondary level
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
    clusters: list[list[str]] = [["", ""]]  # slot 0 holds marks with no base
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
