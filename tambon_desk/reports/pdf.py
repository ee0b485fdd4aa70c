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
from reportlab.platypus import Flowable, Image, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from . import fonts, thaiwrap
from ._fmt import be_date, format_value
from .model import NUMERIC_KINDS, Chart, Figure, KeyValues, ReportDocument, Table, Text

MARGIN = 15 * mm
HEADER_H = 31 * mm
FOOTER_H = 10 * mm
CELL_PAD = 3
HEADER_TOP_PAD = 6  # room for marks above the line in header cells (ปี, ที่)
TABLE_SIZES = (14, 13, 12, 11, 10)  # tables: 14 pt unless a wide table needs less
CONTINUED = " (ต่อ)"
CONFIDENTIAL = "ข้อมูลส่วนบุคคล"

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


def _style(name, size, bold=False, align=TA_LEFT, leading=None, color=colors.black):
    return ParagraphStyle(
        name,
        fontName=fonts.BOLD if bold else fonts.REGULAR,
        fontSize=size,
        leading=leading or round(size * 1.45, 2),
        alignment=align,
        textColor=color,
        shaping=1,
    )


# Thai official documents: 16 pt body text (ระเบียบงานสารบรรณ); tables 14 pt.
STYLES = {
    "title": _style("title", 18, bold=True, align=TA_CENTER, leading=24),
    "place": _style("place", 15, align=TA_CENTER, leading=20),
    "heading": _style("heading", 16, bold=True),
    "body": _style("body", 16),
    "note": _style("note", 14, color=colors.HexColor("#444444")),
    "cell": _style("cell", 14),
    "cell_bold": _style("cell_bold", 14, bold=True),
    "footer": _style("footer", 12, color=colors.HexColor("#444444")),
    "confidential": _style(
        "confidential", 14, bold=True, align=TA_RIGHT, color=colors.HexColor("#b00020")
    ),
}


def cell_styles(size: float) -> tuple[ParagraphStyle, ParagraphStyle]:
    """(regular, bold) table-cell styles at `size` pt."""
    return (_style(f"cell{size}", size), _style(f"cell_bold{size}", size, bold=True))


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

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        align: int | None = None,
        overflow_width: float | None = None,
    ):
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
            for text, st in (
                (doc.title, STYLES["title"]),
                (doc.place_line(), STYLES["place"]),
                (doc.subtitle, STYLES["place"]),
            ):
                if text:
                    draw_text(self, w / 2, y, text, st)
                    y -= st.leading
            if doc.confidential:
                draw_text(
                    self,
                    w - MARGIN,
                    h - MARGIN - 12,
                    CONFIDENTIAL,
                    STYLES["confidential"],
                    TA_RIGHT,
                )
            self.setStrokeColor(GRID)
            self.setLineWidth(0.6)
            self.line(MARGIN, h - MARGIN - HEADER_H + 4, w - MARGIN, h - MARGIN - HEADER_H + 4)
            fy = MARGIN - 2
            self.line(MARGIN, fy + 11, w - MARGIN, fy + 11)
            draw_text(self, MARGIN, fy, printed, STYLES["footer"], TA_LEFT)
            draw_text(
                self,
                w - MARGIN,
                fy,
                f"หน้า {self._pageNumber} จาก {total}",
                STYLES["footer"],
                TA_RIGHT,
            )

    return NumberedCanvas


def _tokens_width(text: str, measure) -> float:
    """Width of the widest piece a line may not break inside (a word, a number)."""
    widest = 0.0
    for line in text.split("\n"):
        for tok in thaiwrap.segment(line):
            if not tok.isspace():
                parts = thaiwrap.sub_words(tok) if len(tok) > 12 else (tok,)
                widest = max(widest, max(measure(p) for p in parts))
    return widest


def _needs(t: Table, size: float, sample: int = 300) -> tuple[list[float], list[float]]:
    """Per column (narrowest width that breaks no word, width holding every cell on one
    line); numbers, dates and codes never break."""
    reg = lambda s: fonts.text_width(s, fonts.REGULAR, size)  # noqa: E731
    bold = lambda s: fonts.text_width(s, fonts.BOLD, size)  # noqa: E731
    mins, wants = [], []
    pad = 2 * CELL_PAD + 1
    for c in t.columns:
        need = _tokens_width(c.title, bold)
        # a short header stays on one line ("ต.ค. 68"); a long one wraps between words
        full = max((bold(x) for x in c.title.split("\n")), default=0)
        want = full if full <= 4 * size else need
        numeric = c.kind in NUMERIC_KINDS or c.kind in ("date", "citizen_id", "code")
        for r in t.rows[:sample]:
            text = format_value(c.kind, r.get(c.key))
            if text:
                w = reg(text)
                need = max(need, w if numeric else _tokens_width(text, reg))
                want = max(want, w)
        if t.totals and c is not t.columns[0]:
            v = t.totals.get(c.key)
            if v is not None:
                w = bold(format_value(c.kind, v))
                need, want = max(need, w), max(want, w)
        mins.append(need + pad)
        wants.append(max(want, need) + pad)
    return mins, wants


def table_layout(t: Table, avail_w: float) -> tuple[float, list[float]]:
    """(font size, column widths), as a browser lays out an automatic table: the largest
    size from 14 pt (not below 12) at which every cell fits on one line; else the largest
    at which every column holds its widest word with room to spare, wrapping text columns.
    Numbers never wrap."""
    total_rel = sum(c.width for c in t.columns) or 1
    chosen = None
    for size in TABLE_SIZES:
        if size < 12:
            break
        mins, wants = _needs(t, size)
        if sum(wants) <= avail_w:
            spare = avail_w - sum(wants)
            return size, [
                w + spare * c.width / total_rel for w, c in zip(wants, t.columns, strict=False)
            ]
    for size in TABLE_SIZES:
        mins, wants = _needs(t, size)
        chosen = (size, mins, wants)
        if sum(mins) <= 0.7 * avail_w:
            break
    size, mins, wants = chosen
    if sum(mins) >= avail_w:  # even 10 pt does not fit: shrink by weight
        k = avail_w / sum(mins)
        return size, [m * k for m in mins]
    stretch = [max(w - m, 0) for m, w in zip(mins, wants, strict=False)]
    spare = avail_w - sum(mins)
    total = sum(stretch) or 1
    return size, [m + spare * x / total for m, x in zip(mins, stretch, strict=False)]


class TableBlock(Flowable):
    """A table with its caption above it, split across pages by hand.

    On the next page the caption comes back with "(ต่อ)" and the header row is repeated;
    the caption never stays alone at a foot of page (keep-with-next: nothing is drawn
    unless a body row fits under it) and the totals row never starts a page alone. Row
    heights are known here, so the split is a sum, not a re-layout of every cell.
    """

    def __init__(self, caption, header, body, totals, col_w, heights, cmds_for, first_index=0):
        super().__init__()
        self.caption = caption  # ThaiParagraph or None
        self.header, self.body, self.totals = header, body, totals
        self.col_w, self.heights = col_w, heights  # heights: header, body…, totals
        self.cmds_for = cmds_for
        self.first_index = first_index  # index of body[0] in the whole table (zebra)
        self._rl = None

    def _caption_h(self, avail_w):
        return self.caption.wrap(avail_w, 1e6)[1] + 3 if self.caption is not None else 0

    def _table(self):
        if self._rl is None:
            data = [self.header] + self.body + ([self.totals] if self.totals else [])
            self._rl = RLTable(
                data,
                colWidths=self.col_w,
                rowHeights=self.heights,
                style=TableStyle(
                    self.cmds_for(len(self.body), bool(self.totals), self.first_index)
                ),
                hAlign="LEFT",
            )
        return self._rl

    def wrap(self, availWidth, availHeight):
        self.width = sum(self.col_w)
        self.height = self._caption_h(availWidth) + sum(self.heights)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        room = availHeight - self._caption_h(availWidth) - self.heights[0]
        body_h = self.heights[1 : 1 + len(self.body)]
        n, used = 0, 0.0
        while n < len(body_h) and used + body_h[n] <= room:
            used += body_h[n]
            n += 1
        if n >= len(self.body):
            # The frame asks for a split, so the whole block does not fit (within the frame's
            # rounding): the last body row goes on, with the totals row when there is one.
            n = len(self.body) - 1
        if n < min(2, len(self.body)) and availHeight < 0.8 * _FRAME_H[0]:
            return []  # a caption with one row at a page foot: move on
        if n <= 0:
            if availHeight < 0.8 * _FRAME_H[0] or not self.body:
                return []  # start the table on the next page, caption and all
            n = 1  # a row taller than a page: let it overflow
        head_h = self.heights[0]
        first = TableBlock(
            self.caption,
            self.header,
            self.body[:n],
            None,
            self.col_w,
            [head_h] + body_h[:n],
            self.cmds_for,
            self.first_index,
        )
        cont = None
        if self.caption is not None:
            base = getattr(self.caption, "base_text", self.caption.text)
            cont = ThaiParagraph(base + CONTINUED, self.caption.style)
            cont.base_text = base
        rest_h = [head_h] + body_h[n:] + ([self.heights[-1]] if self.totals else [])
        rest = TableBlock(
            cont,
            self.header,
            self.body[n:],
            self.totals,
            self.col_w,
            rest_h,
            self.cmds_for,
            self.first_index + n,
        )
        return [first, rest]

    def draw(self):
        y = self.height
        if self.caption is not None:
            ch = self.caption.wrap(self.width, 1e6)[1]
            self.caption.drawOn(self.canv, 0, y - ch)
            y -= ch + 3
        tbl = self._table()
        tbl.wrapOn(self.canv, self.width, y)
        tbl.drawOn(self.canv, 0, y - sum(self.heights))


_FRAME_H = [700.0]  # the frame height of the document being built (set in render_pdf)


def table_cells(t: Table, avail_w: float):
    """(size, col_w, header, body rows, totals row) of ThaiParagraphs, as the PDF lays them
    out - also what the word-break test reads."""
    size, col_w = table_layout(t, avail_w)
    cell, bold = cell_styles(size)
    aligns = [_ALIGN.get(c.alignment, TA_LEFT) for c in t.columns]
    header = [ThaiParagraph(c.title, bold, TA_CENTER) for c in t.columns]
    body = [
        [
            ThaiParagraph(format_value(c.kind, row.get(c.key)), cell, a)
            for c, a in zip(t.columns, aligns, strict=False)
        ]
        for row in t.rows
    ]
    totals = None
    span = 0
    if t.totals:
        # The label runs over the blank cells after it ("รวมทั้งสิ้น" in a narrow ลำดับ
        # column). Not a SPAN: reportlab recomputes span ranges at every split.
        while span + 1 < len(t.columns) and t.totals.get(t.columns[span + 1].key) is None:
            span += 1
        label_w = sum(col_w[: span + 1]) - 2 * CELL_PAD
        totals = [
            ThaiParagraph(
                format_value(c.kind if i else "text", t.totals.get(c.key)),
                bold,
                a if i else TA_LEFT,
                overflow_width=None if i else label_w,
            )
            for i, (c, a) in enumerate(zip(t.columns, aligns, strict=False))
        ]
    return size, col_w, header, body, totals, span


def _table_flowable(t: Table, avail_w: float) -> TableBlock:
    size, col_w, header, body, totals, span = table_cells(t, avail_w)

    def height(r, top=CELL_PAD):
        tallest = max(p.wrap(w - 2 * CELL_PAD, 1e6)[1] for p, w in zip(r, col_w, strict=False))
        return tallest + top + CELL_PAD

    heights = [height(header, HEADER_TOP_PAD)] + [height(r) for r in body]
    if totals:
        heights.append(height(totals))
    ncols = len(t.columns)

    def cmds_for(n_body: int, with_totals: bool, first_index: int):
        last_body = n_body  # row index of the last body row
        cmds = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, 0), HEADER_TOP_PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.4, GRID),
            ("INNERGRID", (0, 0), (-1, last_body), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ]
        if n_body:
            bgs = [colors.white, ZEBRA_BG] if first_index % 2 == 0 else [ZEBRA_BG, colors.white]
            cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, last_body), bgs))
        if with_totals:
            cmds.append(("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG))
            cmds.append(("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black))
            if span + 1 < ncols:
                cmds.append(("LINEBEFORE", (span + 1, -1), (-1, -1), 0.4, GRID))
        return cmds

    caption = None
    if t.title:
        caption = ThaiParagraph(t.title, STYLES["heading"])
        caption.base_text = t.title
    return TableBlock(caption, header, body, totals, col_w, heights, cmds_for)


def _chart_flowable(chart: Chart, avail_w: float, avail_h: float) -> Image:
    from .charts import chart_png

    # at most ~half the frame high, so two charts share a page
    w_in, h_in = avail_w / 72, min(avail_w / 72 * 0.5, (avail_h - 20) / 2 / 72)
    png = chart_png(chart, dpi=150, width_in=w_in, height_in=h_in)
    return Image(io.BytesIO(png), width=avail_w, height=h_in * 72)


def _keyvalues_flowable(kv: KeyValues, avail_w: float) -> RLTable:
    cell, bold = STYLES["body"], _style("kv_bold", 16, bold=True)
    label_w = (
        max(fonts.text_width(k, fonts.BOLD, 16) for k, _v in kv.items) + 12
        if kv.items
        else avail_w * 0.35
    )
    label_w = min(max(label_w, avail_w * 0.25), avail_w * 0.45)
    data = [[ThaiParagraph(k, bold), ThaiParagraph(str(v), cell)] for k, v in kv.items]
    tbl = RLTable(
        data,
        colWidths=[label_w, avail_w - label_w],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
            ]
        ),
    )
    return tbl


def story_for(doc: ReportDocument, avail_w: float, avail_h: float) -> list:
    story = []
    for block in doc.blocks:
        if isinstance(block, Text):
            para = ThaiParagraph(block.text, STYLES.get(block.style, STYLES["body"]))
            if block.style == "heading":
                para.keepWithNext = True  # never alone at the foot of a page
            story.append(para)
            story.append(Spacer(1, 4))
        elif isinstance(block, Table):
            story.append(_table_flowable(block, avail_w))
            story.append(Spacer(1, 10))
        elif isinstance(block, Chart):
            story.append(_chart_flowable(block, avail_w, avail_h))
            story.append(Spacer(1, 8))
        elif isinstance(block, KeyValues):
            story.append(_keyvalues_flowable(block, avail_w))
            story.append(Spacer(1, 10))
        elif isinstance(block, Figure):
            if block.title:
                story.append(ThaiParagraph(block.title, STYLES["heading"]))
            h = min(avail_w * block.aspect, avail_h - 40)
            story.append(Image(io.BytesIO(block.png), width=h / block.aspect, height=h))
            story.append(Spacer(1, 8))
        else:
            raise TypeError(f"unknown report block {type(block).__name__}")
    while story and isinstance(story[-1], Spacer):  # no page holding only a spacer
        story.pop()
    return story


def render_pdf(doc: ReportDocument, out) -> int:
    """Render doc to out (a path or a binary file object); returns the page count."""
    fonts.register()
    if isinstance(out, (str, Path)):
        out = str(out)
    pagesize = landscape(A4) if doc.landscape else A4
    template = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_H,
        bottomMargin=MARGIN + FOOTER_H,
        initialFontName=fonts.REGULAR,  # no stray unembedded Helvetica
        title=doc.title,
        author=doc.printed_by,
        subject=doc.subtitle,
        creator="Tambon Desk",
    )
    _FRAME_H[0] = template.height - 12  # the frame's own padding
    result: dict = {}
    story = story_for(doc, template.width, template.height)
    if not story:
        story = [Spacer(1, 1)]
    template.build(story, canvasmaker=_numbered_canvas(doc, result))
    return result["pages"]
