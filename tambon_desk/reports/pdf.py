"""PDF rendering of a ReportDocument (reportlab, A4, Thai).

Why a custom flowable: reportlab cannot break Thai lines (see ARCHITECTURE.md, "Conventions"). Every
piece of text - paragraphs, table cells, header, footer - goes through
:class:`ThaiParagraph`, which breaks lines itself with :mod:`thaiwrap` for the width
it is given in ``wrap()`` and draws each line as one HarfBuzz-shaped unit
(:func:`fonts.shape`), so nothing is ever re-wrapped by reportlab. The styles are
ordinary ParagraphStyles with ``shaping=1`` so the intent is visible to anyone who
swaps a cell back to a reportlab Paragraph.
"""
from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from . import fonts, thaiwrap
from ._fmt import be_date, format_value
from .model import Chart, Figure, KeyValues, ReportDocument, Table, Text

MARGIN = 15 * mm
HEADER_H = 24 * mm
FOOTER_H = 10 * mm
CELL_PAD = 3

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


def _style(name, size, bold=False, align=TA_LEFT, leading=None, color=colors.black):
    return ParagraphStyle(
        name, fontName=fonts.BOLD if bold else fonts.REGULAR, fontSize=size,
        leading=leading or round(size * 1.45, 2), alignment=align, textColor=color,
        shaping=1)


STYLES = {
    "title": _style("title", 15, bold=True, align=TA_CENTER),
    "place": _style("place", 11, align=TA_CENTER),
    "heading": _style("heading", 13, bold=True),
    "body": _style("body", 11),
    "note": _style("note", 9, color=colors.HexColor("#555555")),
    "cell": _style("cell", 9.5),
    "cell_bold": _style("cell_bold", 9.5, bold=True),
    "footer": _style("footer", 8.5, color=colors.HexColor("#444444")),
}

HEADER_BG = colors.HexColor("#dbe5f1")
ZEBRA_BG = colors.HexColor("#f4f6f9")
TOTAL_BG = colors.HexColor("#e8edf3")
GRID = colors.HexColor("#9aa5b1")


def draw_text(canv, x, y, text, style, align=None):
    """Draw one already-broken line, shaped, at baseline y; x is the left/right/centre."""
    font, size = style.fontName, style.fontSize
    shaped = fonts.shape(text, font, size)
    width = fonts.text_width(text, font, size)
    align = style.alignment if align is None else align
    if align == TA_RIGHT:
        x -= width
    elif align == TA_CENTER:
        x -= width / 2
    t = canv.beginText(x, y)
    t.setFont(font, size)
    t.setFillColor(style.textColor)
    t.textOut(shaped)
    if shaped is text:
        canv.drawText(t)
        return
    # Shaped Thai: zero-advance marks sit at pen positions that poppler (pdftotext)
    # sorts into the wrong order; an ActualText span gives it the typed text. pdfminer
    # ignores the span and reads the glyphs, which the ToUnicode map makes right.
    canv.addLiteral(f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC")
    canv.drawText(t)
    canv.addLiteral("EMC")


class ThaiParagraph(Flowable):
    """Text broken at Thai word boundaries for the width given to wrap(), drawn shaped."""

    def __init__(self, text: str, style: ParagraphStyle, align: int | None = None,
                 overflow_width: float | None = None):
        """overflow_width: break lines for this (larger) width and draw past the cell's
        right edge - for a totals label running over blank cells without a SPAN."""
        super().__init__()
        self.overflow_width = overflow_width
        self.text = "" if text is None else str(text)
        self.style = style
        self.align = style.alignment if align is None else align
        self._lines: list[str] = []
        self._wrap_w = None

    def _measure(self, s: str) -> float:
        return fonts.text_width(s, self.style.fontName, self.style.fontSize)

    def wrap(self, availWidth, availHeight):
        if availWidth != self._wrap_w:
            w = max(availWidth, self.overflow_width or 0)
            self._lines = thaiwrap.break_lines(self.text, w, self._measure)
            self._wrap_w = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        n = int(availHeight // self.style.leading)
        if n <= 0 or n >= len(self._lines):
            return [] if n <= 0 else [self]
        first = ThaiParagraph("\n".join(self._lines[:n]), self.style, self.align)
        rest = ThaiParagraph("\n".join(self._lines[n:]), self.style, self.align)
        return [first, rest]

    def draw(self):
        st = self.style
        # baseline: leading minus descent-ish share keeps marks below inside the line
        y = self.height - st.fontSize * 1.1
        x = {TA_RIGHT: self.width, TA_CENTER: self.width / 2}.get(self.align, 0)
        for line in self._lines:
            if line:
                draw_text(self.canv, x, y, line, st, self.align)
            y -= st.leading


def _numbered_canvas(doc: ReportDocument, result: dict):
    """Canvas class that draws header and footer once the page total is known."""
    printed_at = doc.printed_at or datetime.now()
    printed = f"พิมพ์เมื่อ {be_date(printed_at)} เวลา {printed_at:%H:%M} น."
    if doc.printed_by:
        printed += f" โดย {doc.printed_by}"

    class NumberedCanvas(Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            result["pages"] = total
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total):
            w, h = self._pagesize
            y = h - MARGIN - 12
            for text, st in ((doc.title, STYLES["title"]), (doc.place_line(), STYLES["place"]),
                             (doc.subtitle, STYLES["place"])):
                if text:
                    draw_text(self, w / 2, y, text, st)
                    y -= st.leading
            self.setStrokeColor(GRID)
            self.setLineWidth(0.6)
            self.line(MARGIN, h - MARGIN - HEADER_H + 4, w - MARGIN, h - MARGIN - HEADER_H + 4)
            fy = MARGIN - 2
            self.line(MARGIN, fy + 11, w - MARGIN, fy + 11)
            draw_text(self, MARGIN, fy, printed, STYLES["footer"], TA_LEFT)
            draw_text(self, w - MARGIN, fy, f"หน้า {self._pageNumber} จาก {total}",
                      STYLES["footer"], TA_RIGHT)

    return NumberedCanvas


def _table_flowable(t: Table, avail_w: float) -> RLTable:
    total_rel = sum(c.width for c in t.columns) or 1
    col_w = [avail_w * c.width / total_rel for c in t.columns]
    cell, bold = STYLES["cell"], STYLES["cell_bold"]
    aligns = [_ALIGN.get(c.alignment, TA_LEFT) for c in t.columns]
    data = [[ThaiParagraph(c.title, bold, TA_CENTER) for c in t.columns]]
    for row in t.rows:
        data.append([ThaiParagraph(format_value(c.kind, row.get(c.key)), cell, a)
                     for c, a in zip(t.columns, aligns)])
    span = 0
    if t.totals:
        # The label runs over the blank cells after it ("รวมทั้งสิ้น" in a narrow ลำดับ
        # column). Not a SPAN: any span makes reportlab recompute span ranges over all
        # remaining rows at every page split (+0.8 s for 2,000 rows).
        while span + 1 < len(t.columns) and t.totals.get(t.columns[span + 1].key) is None:
            span += 1
        label_w = sum(col_w[:span + 1]) - 2 * CELL_PAD
        data.append([ThaiParagraph(format_value(c.kind if i else "text", t.totals.get(c.key)),
                                   bold, a if i else TA_LEFT,
                                   overflow_width=None if i else label_w)
                     for i, (c, a) in enumerate(zip(t.columns, aligns))])
    # Row heights computed here (we know our cells) so reportlab does not re-wrap
    # every remaining cell each time the table is split onto a new page.
    heights = []
    for r in data:
        h = max(p.wrap(w - 2 * CELL_PAD, 1e6)[1] for p, w in zip(r, col_w))
        heights.append(h + 2 * CELL_PAD)
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.4, GRID),
        ("INNERGRID", (0, 0), (-1, -2 if t.totals else -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("ROWBACKGROUNDS", (0, 1), (-1, len(t.rows)), [colors.white, ZEBRA_BG]),
    ]
    if t.totals:
        cmds.append(("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG))
        cmds.append(("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black))
        if span + 1 < len(t.columns):
            cmds.append(("LINEBEFORE", (span + 1, -1), (-1, -1), 0.4, GRID))
    tbl = RLTable(data, colWidths=col_w, rowHeights=heights, repeatRows=1,
                  style=TableStyle(cmds), hAlign="LEFT")
    return tbl


def _chart_flowable(chart: Chart, avail_w: float, avail_h: float) -> Image:
    from .charts import chart_png
    # at most ~half the frame high, so two charts share a page
    w_in, h_in = avail_w / 72, min(avail_w / 72 * 0.5, (avail_h - 20) / 2 / 72)
    png = chart_png(chart, dpi=150, width_in=w_in, height_in=h_in)
    return Image(io.BytesIO(png), width=avail_w, height=h_in * 72)


def _keyvalues_flowable(kv: KeyValues, avail_w: float) -> RLTable:
    data = [[ThaiParagraph(k, STYLES["cell_bold"]), ThaiParagraph(v, STYLES["cell"])]
            for k, v in kv.items]
    tbl = RLTable(data, colWidths=[avail_w * 0.35, avail_w * 0.65], hAlign="LEFT",
                  style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID)]))
    return tbl


def story_for(doc: ReportDocument, avail_w: float, avail_h: float) -> list:
    story = []
    for block in doc.blocks:
        if isinstance(block, Text):
            story.append(ThaiParagraph(block.text, STYLES.get(block.style, STYLES["body"])))
            story.append(Spacer(1, 4))
        elif isinstance(block, Table):
            if block.title:
                story.append(ThaiParagraph(block.title, STYLES["heading"]))
                story.append(Spacer(1, 3))
            story.append(_table_flowable(block, avail_w))
            story.append(Spacer(1, 8))
        elif isinstance(block, Chart):
            story.append(_chart_flowable(block, avail_w, avail_h))
            story.append(Spacer(1, 8))
        elif isinstance(block, KeyValues):
            story.append(_keyvalues_flowable(block, avail_w))
            story.append(Spacer(1, 8))
        elif isinstance(block, Figure):
            if block.title:
                story.append(ThaiParagraph(block.title, STYLES["heading"]))
            h = min(avail_w * block.aspect, avail_h - 40)
            story.append(Image(io.BytesIO(block.png), width=h / block.aspect, height=h))
            story.append(Spacer(1, 8))
        else:
            raise TypeError(f"unknown report block {type(block).__name__}")
    return story


def render_pdf(doc: ReportDocument, out) -> int:
    """Render doc to out (a path or a binary file object); returns the page count."""
    fonts.register()
    if isinstance(out, (str, Path)):
        out = str(out)
    pagesize = landscape(A4) if doc.landscape else A4
    template = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_H, bottomMargin=MARGIN + FOOTER_H,
        initialFontName=fonts.REGULAR,   # no stray unembedded Helvetica
        title=doc.title, author=doc.printed_by, subject=doc.subtitle, creator="Tambon Desk")
    result: dict = {}
    story = story_for(doc, template.width, template.height)
    if not story:
        story = [Spacer(1, 1)]
    template.build(story, canvasmaker=_numbered_canvas(doc, result))
    return result["pages"]
