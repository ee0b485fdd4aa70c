"""What an import did: counts per entity, rejected rows with Thai reasons, the xlsx report.

Row errors carry the sheet's own row number (what Excel shows at the left) and the sheet's
`ลำดับ` when it has one, because the clerk fixes the source file by looking those up.
Citizen IDs are never copied into the report (PDPA): the row number is enough to find them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from ..core.i18n import N_, _

OUTCOMES = ("added", "updated", "unchanged")
OUTCOME_LABELS = {"added": N_("added"), "updated": N_("updated"), "unchanged": N_("unchanged")}
_NO_VALUE_FIELDS = {"citizen_id"}


@dataclass
class RowError:
    row: int  # row number in the sheet (1-based, as Excel shows)
    seq: str | None  # the sheet's own ลำดับ, when it has that column
    field: str  # field name ("" for the whole row)
    field_label: str
    message: str
    value: str = ""


@dataclass
class ImportResult:
    kind_name: str
    kind_label: str
    source: Path
    sheet: str = ""
    dry_run: bool = False
    rows_read: int = 0  # data rows below the header (blank ones included)
    rows_blank: int = 0
    counts: dict = field(default_factory=dict)
    entity_labels: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    report_path: Path | None = None
    refused: bool = False  # the kind saved nothing (all or nothing, and errors found)

    def count(self, entity: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(entity, dict.fromkeys(OUTCOMES, 0))[outcome] += n

    def add_error(self, row, field_name: str, message: str, kind=None, value="") -> None:
        """Record a problem with `row` (an engine.ParsedRow) in `field_name`."""
        label = ""
        if field_name and kind is not None:
            try:
                label = kind.field(field_name).label
            except KeyError:
                label = field_name
        shown = "" if field_name in _NO_VALUE_FIELDS or value is None else _show(value)
        self.errors.append(RowError(row.row, row.seq, field_name, label, message, shown))
        row.rejected = True

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    @property
    def rejected_labels(self) -> list[str]:
        """The sheet's ลำดับ of each rejected row (its row number when it has none)."""
        seen, out = set(), []
        for e in sorted(self.errors, key=lambda e: e.row):
            if e.row not in seen:
                seen.add(e.row)
                out.append(e.seq if e.seq else f"#{e.row}")
        return out

    def summary_lines(self) -> list[str]:
        head = (
            _("Trial run (nothing was saved): {kind} from {file}")
            if self.dry_run
            else _("Loaded {kind} from {file}")
        ).format(kind=self.kind_label, file=self.source.name)
        lines = [head]
        for entity, c in self.counts.items():
            label = _(self.entity_labels.get(entity, entity))
            lines.append(
                _("{what}: {added} added, {updated} updated, {unchanged} unchanged").format(
                    what=label, **c
                )
            )
        lines.append(
            _("Rows read: {n}; blank rows skipped: {blank}; rows not loaded: {bad}").format(
                n=self.rows_read, blank=self.rows_blank, bad=len(self.rejected_rows)
            )
        )
        lines.extend(self.notes)
        return lines


def _show(value) -> str:
    if isinstance(value, _dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == _dt.time() else value.isoformat(" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def format_error(e: RowError) -> str:
    where = _("row {row}").format(row=e.row)
    if e.seq:
        where += " (" + _("No. {seq}").format(seq=e.seq) + ")"
    what = f"{e.field_label}: " if e.field_label else ""
    return f"{where}: {what}{e.message}"


def default_report_path(source: Path) -> Path:
    return Path(source).with_name(Path(source).stem + "-" + _("errors") + ".xlsx")


def write_error_report(result: ImportResult, path) -> Path:
    """The rejected rows as an xlsx the clerk can sort and tick off, plus the summary."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    from ..core.cells import append_row

    path = Path(path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _("Errors")[:31]
    headers = [_("Row in file"), _("No."), _("Field"), _("Value in file"), _("Problem")]
    append_row(ws, headers)
    for c in ws[1]:
        c.font = Font(bold=True)
    for e in sorted(result.errors, key=lambda e: e.row):
        append_row(ws, [e.row, e.seq or "", e.field_label, e.value, e.message])
    for col, width in zip("ABCDE", (12, 8, 22, 24, 70)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    summary = wb.create_sheet(_("Summary")[:31])
    for line in result.summary_lines():
        append_row(summary, [line])
    summary.column_dimensions["A"].width = 90
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
