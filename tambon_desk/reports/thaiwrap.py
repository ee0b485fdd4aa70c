"""Thai line breaking: dictionary words, then character clusters, measured with the font.

Thai has no spaces between words and neither reportlab nor matplotlib knows where a
Thai line may break. We segment with newmm-tokenizer (dictionary maximal matching),
split a word that alone is wider than the line at Thai Character Cluster (TCC)
boundaries, so a combining vowel or tone mark never leaves its base consonant, and
pack tokens greedily by width. Segmentation and token widths are cached because a big
table asks for the same cell texts again and again.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from newmm_tokenizer.tcc import segment as _tcc_segment
from newmm_tokenizer.tokenizer import word_tokenize

Measure = Callable[[str], float]

# Characters that may never start a line (combining marks; they belong to the
# previous cluster) - a guard in case a tokenizer ever splits before them.
_COMBINING = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))


def _glue_marks(parts) -> tuple[str, ...]:
    """Join a piece that starts with a combining mark onto the piece before it."""
    out: list[str] = []
    for part in parts:
        if out and part and part[0] in _COMBINING:
            out[-1] += part
        else:
            out.append(part)
    return tuple(out)


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[str, ...]:
    """Words of one line of text (no newlines); spaces are kept as their own tokens."""
    if not text:
        return ()
    return _glue_marks(word_tokenize(text))


@lru_cache(maxsize=16384)
def clusters(word: str) -> tuple[str, ...]:
    """Thai character clusters of a word (the smallest unit that may be broken)."""
    return _glue_marks(_tcc_segment(word))


def break_lines(text: str, width: float, measure: Measure) -> list[str]:
    """Break text into lines no wider than width (a line holding one cluster may be wider).

    ``measure(s)`` returns the width of s in the same unit as width; pass a cached
    function. Newlines are hard breaks. Spaces at a line break are dropped.
    """
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(_break_paragraph(para, width, measure))
    return lines


def _break_paragraph(text: str, width: float, measure: Measure) -> list[str]:
    if not text:
        return [""]
    if measure(text) <= width:
        return [text]
    lines: list[str] = []
    cur = ""
    cur_w = 0.0
    for tok in segment(text):
        w = measure(tok)
        if cur_w + w <= width or (not cur and w <= width):
            cur += tok
            cur_w += w
            continue
        if tok.isspace():           # a break at a space: drop the space
            if cur:
                lines.append(cur.rstrip())
            cur, cur_w = "", 0.0
            continue
        if w <= width:              # the word fits on a fresh line
            if cur.strip():
                lines.append(cur.rstrip())
            cur, cur_w = tok, w
            continue
        # The word is wider than a whole line: fill up cluster by cluster.
        for cl in clusters(tok):
            cw = measure(cl)
            if cur and cur_w + cw > width:
                lines.append(cur.rstrip())
                cur, cur_w = "", 0.0
            cur += cl
            cur_w += cw
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines
