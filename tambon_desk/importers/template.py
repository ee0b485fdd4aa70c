"""The Excel template of a kind: Thai headers with format hints, an example sheet, notes.

The data sheet has the header in row 1 and nothing else, so a filled-in template loads
back with no mapping step; hints sit in brackets in the header (ignored when matching) and
in cell comments. Columns that must stay text (citizen IDs, house numbers, BE dates) are
formatted as text for the first rows, so Excel does not turn `12/3` into a date or drop
an ID's leading zero. Example rows are on their own sheet, never loaded by mistake.
"""

from __future__ import annotations

from pathlib import Path

from ..core.i18n import _

TEXT_ROWS = 2000


def _header(f) -> str:
    return f"{f.label} ({_(f.hint)})" if f.hint else f.label


def template_fields(kind) -> list:
    """The template's columns: every field, less stand-ins for fields already present."""
    return [f for f in kind.fields if not any(g.alternative == f.name for g in kind.fields)]


def write_template(kind, path) -> Path:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    fields = template_fields(kind)
    from ..core.cells import append_row, set_value

    wb = openpyxl.Workbook()
    data = wb.active
    data.title = _("Data")[:31]
    example = wb.create_sheet(_("Example")[:31])
    notes = wb.create_sheet(_("How to fill in")[:31])
    fill = PatternFill("solid", fgColor="DDEBF7")
    for ws in (data, example):
        append_row(ws, [_header(f) for f in fields])
        for col, f in enumerate(fields, start=1):
            cell = ws.cell(row=1, column=col)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = max(f.width, len(f.label) + 2)
            if f.required:
                cell.comment = Comment(_("Required"), "Tambon Desk")
        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 36
    for col, f in enumerate(fields, start=1):
        if f.as_text:
            for row in range(2, TEXT_ROWS + 2):
                data.cell(row=row, column=col).number_format = "@"
    rows = kind.examples or [{f.name: f.example for f in fields}]
    for r, values in enumerate(rows, start=2):
        for col, f in enumerate(fields, start=1):
            cell = set_value(example, r, col, values.get(f.name))
            if f.as_text:
                cell.number_format = "@"
    notes.column_dimensions["A"].width = 100
    append_row(notes, [kind.label])
    notes["A1"].font = Font(bold=True, size=14)
    if kind.description:
        append_row(notes, [_(kind.description)])
    for line in kind.notes:
        append_row(notes, [_(line)])
    append_row(
        notes,
        [_("Columns marked Required must be filled in; other columns may be left out or empty.")],
    )
    append_row(notes, [])
    for f in fields:
        append_row(
            notes,
            [
                f"{f.label}: {_(f.hint) if f.hint else ''}"
                + (f" ({_('Required')})" if f.required else "")
            ],
        )
    if kind.extra_sheets is not None:
        kind.extra_sheets(wb)
    wb.active = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
