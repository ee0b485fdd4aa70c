"""The plain data a report is made of.

Data functions fill these dataclasses with already-computed numbers and
already-translated text; pdf.py and xlsx.py only lay them out. Keeping the renderers
dumb is what guarantees the PDF and the workbook show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

NUMERIC_KINDS = frozenset({"int", "money", "percent", "number"})


@dataclass
class Column:
    key: str
    title: str  # already-translated header text
    kind: str = "text"  # text|int|year|money(int satang)|percent(0-100)|number|date|
    #                          citizen_id|code  (year: a BE year or moo number, no separator)
    width: float = 1.0  # relative width
    align: str | None = None  # default: right for numeric kinds, left otherwise

    @property
    def alignment(self) -> str:
        if self.align:
            return self.align
        if self.kind == "year":
            return "center"
        return "right" if self.kind in NUMERIC_KINDS else "left"


@dataclass
class Table:
    columns: list[Column]
    rows: list[dict]  # values keyed by Column.key; None allowed (blank)
    title: str | None = None
    totals: dict | None = None  # totals row computed by the data function
    sheet_name: str | None = None  # xlsx sheet (default from title)


@dataclass
class Chart:
    kind: str  # bar | stacked_bar | line | pie
    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]  # (name, values) in display units
    y_label: str = ""


@dataclass
class Figure:
    """A picture drawn by a report module (a map page): PNG bytes and its width/height ratio.
    XLSX lists it by title; the numbers behind it travel as a Table beside it."""

    title: str
    png: bytes
    aspect: float = 1.0  # height / width


@dataclass
class Text:
    text: str
    style: str = "body"  # heading | body | note


@dataclass(frozen=True)
class Value:
    """A headline figure kept typed, so the workbook gets a number with a number format and
    the PDF the same figure formatted once (`str(value)`)."""

    value: object
    kind: str = "int"  # as Column.kind
    unit: str = ""  # shown after the number: "บาท", "คน", "ลบ.ม."
    note: str = ""  # shown after the unit: "(ชาย 50, หญิง 52)"

    def __str__(self) -> str:
        from ._fmt import format_value

        text = format_value(self.kind, self.value)
        if self.unit and text:
            text += " " + self.unit
        if self.note:
            text = f"{text} {self.note}".strip()
        return text


@dataclass
class KeyValues:
    items: list[tuple[str, object]]  # label, value (text already formatted, or a Value)


@dataclass
class ReportDocument:
    name: str
    title: str
    tambon: str = ""
    district: str = ""
    province: str = ""
    subtitle: str = ""  # e.g. period label
    landscape: bool = False
    confidential: bool = False  # unmasked personal data: marked on every page
    printed_by: str = ""
    printed_at: datetime | None = None
    blocks: list = field(default_factory=list)  # Text | Table | Chart | KeyValues

    def place_line(self) -> str:
        """'ตำบล… อำเภอ… จังหวัด…' from whichever parts are given."""
        parts = []
        if self.tambon:
            parts.append(f"ตำบล{self.tambon}")
        if self.district:
            parts.append(f"อำเภอ{self.district}")
        if self.province:
            parts.append(f"จังหวัด{self.province}")
        return " ".join(parts)


def headed_document(
    name: str,
    title: str,
    tambons: list,
    subtitle: str = "",
    landscape: bool = False,
    scope: str | None = None,
) -> ReportDocument:
    """A ReportDocument headed by the tambons it covers: the tambon when there is one, the
    district / province when all of them share it (one rule for every report heading).

    `scope` ("province" / "district") is what was asked for: a province report names the
    province only, even when this database holds tambons of one district alone."""
    doc = ReportDocument(name=name, title=title, subtitle=subtitle, landscape=landscape)
    if tambons:
        first = tambons[0]
        if len(tambons) == 1 and scope not in ("district", "province"):
            doc.tambon = first.name_th
        if len({t.district_code for t in tambons}) == 1 and scope != "province":
            doc.district = first.district_th
        if len({t.province_code for t in tambons}) == 1:
            doc.province = first.province_th
    return doc


def column_sums(rows: list[dict], *keys: str) -> dict:
    """Totals-row cells adding up columns; a blank (None) cell counts as nothing."""
    return {k: sum(r[k] or 0 for r in rows) for k in keys}
