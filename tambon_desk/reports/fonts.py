"""Sarabun for reportlab, with searchable (copyable) shaped Thai.

reportlab shapes Thai through HarfBuzz. Glyphs that have no cmap entry (raised or
lowered tone marks such as ``uni0E48.small``, ฐ/ญ without their lower part, the
nikhahit+tone ligature) are given private-use code points (U+E000…) and the font's
ToUnicode CMap maps them to those code points, so ``pdftotext`` shows garbage.

:class:`ThaiTTFont` fixes this in our code only (site-packages untouched):

* at load time it walks the font's GSUB lookups (fontTools) to learn which Unicode
  text every substituted glyph stands for;
* it records which private code point reportlab gives each glyph name
  (wrapping ``hbAddPrivate``);
* its ``addObjects`` writes a ToUnicode CMap that maps those code points back to
  real Thai.

HarfBuzz also moves the nikhahit of SARA AM in front of a tone mark (น้ำ is drawn
น ํ ้ า). :func:`shape` puts zero-advance marks back into logical order in the
content stream (tone before nikhahit) - drawing is unchanged because such marks do
not move the pen - so the extracted text equals NFKC of what was typed.

Zero-advance marks also get a non-zero width in the PDF (MARK_PDF_WIDTH) so
pdfminer keeps them on their base's line; shaped drawing cancels it exactly.
Consequence: always draw Thai in these fonts shaped (every path in pdf.py does) and
measure with :func:`text_width`, not ``pdfmetrics.stringWidth``. pdf.py further wraps
each shaped line in an ActualText span for poppler's pdftotext.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, ShapedStr, TTFont, shapeStr

REGULAR = "Sarabun"
BOLD = "Sarabun-Bold"

_NIKHAHIT = "\u0e4d"

# Width (font units) written to the PDF for zero-advance marks. Drawing is not
# affected (reportlab's TJ adjustment cancels a glyph's PDF width against the
# HarfBuzz advance); text extractors use it to keep a mark on its base's line -
# pdfminer starts a new line between two zero-width characters.
MARK_PDF_WIDTH = 200


def font_dir() -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.ROOT) / "files"


def _thai_order(chars: str) -> str:
    """Logical order of a mark ligature: nikhahit (from SARA AM) after tone marks."""
    return "".join(sorted(chars, key=lambda c: c == _NIKHAHIT))


def glyph_texts(path: str) -> dict[str, str]:
    """glyph name -> the Unicode text it represents, via cmap and GSUB closure."""
    from fontTools.ttLib import TTFont as FTFont

    ft = FTFont(path, lazy=True)
    names: dict[str, str] = {}
    for code, name in ft.getBestCmap().items():
        names.setdefault(name, chr(code))
    if "GSUB" not in ft:
        return names
    subtables = []
    for lookup in ft["GSUB"].table.LookupList.Lookup:
        for st in lookup.SubTable:
            if lookup.LookupType == 7:
                st = st.ExtSubTable
            subtables.append(st)
    changed = True
    while changed:
        changed = False

        def put(name, text):
            nonlocal changed
            if text and name not in names:
                names[name] = text
                changed = True

        for st in subtables:
            kind = st.LookupType
            if kind == 1:
                for src, dst in st.mapping.items():
                    put(dst, names.get(src))
            elif kind == 3:
                for src, alts in st.alternates.items():
                    for dst in alts:
                        put(dst, names.get(src))
            elif kind == 4:
                for first, ligs in st.ligatures.items():
                    for lig in ligs:
                        parts = [names.get(g) for g in [first, *lig.Component]]
                        if all(parts):
                            put(lig.LigGlyph, _thai_order("".join(parts)))
    return names


def _utf16hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


class ThaiTTFont(TTFont):
    """TTFont whose ToUnicode CMap maps HarfBuzz-substituted glyphs to real text."""

    def __init__(self, name, filename, **kw):
        super().__init__(name, filename, **kw)
        self._glyph_text = glyph_texts(filename)
        self._private_text: dict[int, str] = {}
        widths = self.face.charWidths
        for code in list(widths):
            if 0x0E00 <= code <= 0x0E7F and widths[code] == 0:
                widths[code] = MARK_PDF_WIDTH

    def hbFont(self, fontSize=10):
        font = super().hbFont(fontSize)
        add = self.hbAddPrivate

        def add_private(name, gid, advance, _add=add):
            uchar = _add(name, gid, advance)
            if self.face.charWidths.get(uchar) == 0:
                self.face.charWidths[uchar] = MARK_PDF_WIDTH
            text = self._glyph_text.get(name)
            if text:
                self._private_text[uchar] = text
            return uchar

        self.hbAddPrivate = add_private
        return font

    def _cmap(self, basename: str, subset: list[int]) -> str:
        pairs = [(i, self._private_text.get(code, chr(code))) for i, code in enumerate(subset)]
        head = [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({basename})",
            f"/Ordering ({basename})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{basename} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
        ]
        body = []
        for start in range(0, len(pairs), 100):  # at most 100 entries per block
            chunk = pairs[start : start + 100]
            body.append(f"{len(chunk)} beginbfchar")
            body.extend(f"<{i:02X}> <{_utf16hex(t)}>" for i, t in chunk)
            body.append("endbfchar")
        tail = ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(head + body + tail)

    def addObjects(self, doc):
        """As TTFont.addObjects (reportlab 5.1), with our ToUnicode CMap."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            basename = (
                b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            ).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal
            pdf_font.BaseFont = basename
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = self._cmap(basename, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + basename)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, basename, subset)
            doc.Reference(pdf_font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = pdf_font
        del self.state[doc]


def register() -> None:
    """Register Sarabun regular and bold once per process (idempotent)."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    d = font_dir()
    pdfmetrics.registerFont(ThaiTTFont(REGULAR, str(d / "Sarabun-Regular.ttf")))
    pdfmetrics.registerFont(ThaiTTFont(BOLD, str(d / "Sarabun-Bold.ttf")))
    from reportlab.lib.fonts import addMapping

    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)


def _text_of(font: ThaiTTFont, ch: str) -> str:
    return font._private_text.get(ord(ch), ch)


def _reorder_marks(s: ShapedStr, font: ThaiTTFont) -> ShapedStr:
    """Within each run of zero-advance marks, put nikhahit glyphs after the others."""
    sd = s.__shapeData__
    chars = list(s)
    n = len(chars)
    changed = False
    i = 0
    while i < n:
        if sd[i].x_advance == 0:
            j = i
            while j < n and sd[j].x_advance == 0:
                j += 1
            if j - i > 1:
                run = list(range(i, j))
                order = sorted(run, key=lambda k: _text_of(font, chars[k]).startswith(_NIKHAHIT))
                if order != run:
                    chars[i:j] = [chars[k] for k in order]
                    sd[i:j] = [sd[k] for k in order]
                    changed = True
            i = j
        else:
            i += 1
    return ShapedStr("".join(chars), shapeData=sd) if changed else s


@lru_cache(maxsize=65536)
def shape(text: str, font_name: str, size: float):
    """Shaped text (a ShapedStr, or the plain str when shaping changes nothing).

    Cached: ShapedStr is immutable and its private code points are stable per font.
    """
    register()  # measuring before the first render needs the fonts too
    s = shapeStr(text, font_name, size)
    if isinstance(s, ShapedStr):
        s = _reorder_marks(
            ShapedStr(str(s), shapeData=list(s.__shapeData__)), pdfmetrics.getFont(font_name)
        )
    return s


@lru_cache(maxsize=65536)
def text_width(text: str, font_name: str, size: float) -> float:
    """Width of text as drawn (shaped advance when shaping applies)."""
    s = shape(text, font_name, size)
    if isinstance(s, ShapedStr):
        return sum(d.x_advance for d in s.__shapeData__) * size / 1000
    return pdfmetrics.stringWidth(text, font_name, size)
