"""Thai text: Thai and Arabic digits, spaces and the order of combining marks."""

from __future__ import annotations

import re
import unicodedata

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


_TONES = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
_UPPER_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37"  # ั ิ ี ึ ื
_MARKS_NO_REPEAT = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # combining marks (regex class body)
_RE_DOUBLE_MARK = re.compile(f"([{_MARKS_NO_REPEAT}])\\1+")
_RE_TONE_BEFORE_VOWEL = re.compile(f"([{_TONES}])([{_UPPER_VOWELS}])")
_RE_NIKHAHIT_TONE_AA = re.compile(f"\u0e4d([{_TONES}])\u0e32")  # ํ ่ า  -> ่ ำ


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
    while True:  # each pass only shortens or moves tones right
        before = t
        t = unicodedata.normalize("NFC", t)
        t = _RE_DOUBLE_MARK.sub("\\1", t)
        t = _RE_NIKHAHIT_TONE_AA.sub("\\1\u0e33", t)
        t = t.replace("\u0e4d\u0e32", "\u0e33")
        t = _RE_TONE_BEFORE_VOWEL.sub("\\2\\1", t)
        if t == before:
            return t
