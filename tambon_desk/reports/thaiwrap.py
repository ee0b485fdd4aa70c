"""Thai line breaking: dictionary words, then character clusters, measured with the font.

Thai has no spaces between words and neither reportlab nor matplotlib knows where a
Thai line may break. We segment with newmm-tokenizer (dictionary maximal matching),
split a word that alone is wider than the line at Thai Character Cluster (TCC)
boundaries, so a combining vowel or tone mark never leaves its base consonant, and
pack tokens greedily by width. Segmentation and token widths are cached because a big
table asks for the same cell texts again and again.

The segmenter also learns the product's own vocabulary (resources/words/product_words.txt:
"ปีงบประมาณ", "ลบ.ม./ชม.", "องค์กรปกครองส่วนท้องถิ่น" …). A word wider than the line is
first split into the dictionary words it is made of (ปี|งบประมาณ), and only then at
clusters. A line never ends with an opening bracket nor starts with ":" or a closing one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from newmm_tokenizer.newmm import DEFAULT_WORD_DICT_TRIE as _TRIE
from newmm_tokenizer.tcc import segment as _tcc_segment
from newmm_tokenizer.tokenizer import word_tokenize

from ..core.resources import resource_path

Measure = Callable[[str], float]

# Characters that may never start a line (combining marks; they belong to the
# previous cluster) - a guard in case a tokenizer ever splits before them.
_COMBINING = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))


_OPENING = frozenset("([{“‘«")
_CLOSING = frozenset(")]}”’»:;,.!?%")


def _load_words() -> frozenset[str]:
    """The product word list, added to the segmenter's dictionary once."""
    try:
        text = resource_path("words", "product_words.txt").read_text(encoding="utf-8")
    except (OSError, FileNotFoundError):
        return frozenset()
    words = frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    for w in words:
        _TRIE.add(w)
    return words


PRODUCT_WORDS = _load_words()


def _glue_marks(parts) -> tuple[str, ...]:
    """Join a piece that starts with a combining mark (or a closing bracket, a colon)
    onto the piece before it, and a piece ending with an opening bracket onto the next."""
    out: list[str] = []
    glue_next = False
    for part in parts:
        if (
            out
            and part
            and (
                glue_next
                or part[0] in _COMBINING
                or (part[0] in _CLOSING and not out[-1].isspace())
            )
        ):
            out[-1] += part
        else:
            out.append(part)
        glue_next = bool(part) and part[-1] in _OPENING
    return tuple(out)


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[str, ...]:
    """Words of one line of text (no newlines); spaces are kept as their own tokens."""
    if not text:
        return ()
    return _glue_marks(word_tokenize(text, custom_dict=_TRIE))


@lru_cache(maxsize=4096)
def sub_words(word: str) -> tuple[str, ...]:
    """A compound split into the fewest dictionary words it is made of ("ปีงบประมาณ" ->
    ("ปี", "งบประมาณ")), cut at cluster boundaries; (word,) when it cannot be."""
    cl = clusters(word)
    n = len(cl)
    if n < 2:
        return (word,)
    known = _TRIE.words
    best: list = [None] * (n + 1)  # best[i]: fewest pieces covering cl[:i]
    best[0] = ()
    for i in range(1, n + 1):
        for j in range(i):
            if best[j] is None:
                continue
            piece = "".join(cl[j:i])
            if (
                piece in known
                and piece != word
                and (best[i] is None or len(best[j]) + 1 < len(best[i]))
            ):
                best[i] = best[j] + (piece,)
    return best[n] if best[n] else (word,)


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
    return _break_paragraph_tokens(segment(text), width, measure)


def _break_paragraph_tokens(tokens, width: float, measure: Measure) -> list[str]:
    lines: list[str] = []
    cur = ""
    cur_w = 0.0
    for tok in tokens:
        w = measure(tok)
        if cur_w + w <= width or (not cur and w <= width):
            cur += tok
            cur_w += w
            continue
        if tok.isspace():  # a break at a space: drop the space
            if cur:
                lines.append(cur.rstrip())
            cur, cur_w = "", 0.0
            continue
        if w <= width:  # the word fits on a fresh line
            if cur.strip():
                lines.append(cur.rstrip())
            cur, cur_w = tok, w
            continue
        # The word is wider than a whole line: its dictionary parts, then clusters.
        parts = sub_words(tok)
        if len(parts) > 1:
            if cur.strip():
                lines.append(cur.rstrip())
            sub = _break_paragraph_tokens(parts, width, measure)
            lines.extend(sub[:-1])
            cur = sub[-1]
            cur_w = measure(cur)
            continue
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


def break_offsets(text: str, lines: list[str]) -> list[int]:
    """Offsets in `text` where break_lines(text) put a line break (spaces dropped at a
    break are skipped) - for tests that check no break falls inside a known word."""
    out, pos = [], 0
    for line in lines[:-1]:
        pos = text.index(line, pos) + len(line) if line else pos
        out.append(pos)
        while pos < len(text) and text[pos] in " \n":
            pos += 1
    return out


def breaks_inside_words(text: str, lines: list[str], words=None) -> list[str]:
    """The known words (product list by default) a line break falls inside; a compound may
    break only between the dictionary words it is made of (ปี|งบประมาณ)."""
    words = PRODUCT_WORDS if words is None else words
    cuts = break_offsets(text, lines)
    bad = []
    for w in words:
        start = text.find(w)
        while start >= 0:
            allowed, at = set(), start
            for piece in sub_words(w):
                at += len(piece)
                allowed.add(at)
            if any(start < c < start + len(w) and c not in allowed for c in cuts):
                bad.append(w)
            start = text.find(w, start + 1)
    return bad
