"""The import pipeline every kind shares: read -> find header -> map -> clean -> apply.

`prepare()` reads the file and settles the mapping (remembered one for this layout, else
auto-mapped, then the clerk's overrides) without touching the database beyond a lookup;
`parse_rows()` cleans every row field by field; `run_import()` hands the rows to the kind's
`apply`, which writes through the area's service. The same code runs the dry run: it only
skips the writes, so its counts and errors are the real ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.auth import require
from ..core.errors import UserError
from ..core.i18n import _
from ..thai import normalize_space
from . import mapping as mp
from .cleaning import FieldError, is_blank, unwrap
from .reading import Sheet, read_sheet
from .report import ImportResult


@dataclass
class ParsedRow:
    row: int  # sheet row number
    seq: str | None
    values: dict  # field name -> clean value (blank fields absent)
    raw: dict  # field name -> cell as read
    errors: list = field(default_factory=list)  # (field name, message) from cleaning
    rejected: bool = False  # set when any error is recorded for the row

    @property
    def ok(self) -> bool:
        return not self.errors and not self.rejected

    def get(self, name, default=None):
        return self.values.get(name, default)


@dataclass
class Prepared:
    kind: object
    sheet: Sheet
    header_index: int  # index into sheet.rows
    headers: list[str]
    signature: str
    mapping: dict[int, str]
    source: str  # "saved" | "auto" | "given"
    header_span: int = 1  # 2 when group headings sit above the header row

    @property
    def header_row(self) -> int:
        return self.sheet.rows[self.header_index][0]

    @property
    def data_rows(self) -> list[tuple[int, list]]:
        return self.sheet.rows[self.header_index + self.header_span :]

    @property
    def missing(self) -> list:
        return mp.missing_required(self.mapping, self.kind)

    def describe_mapping(self) -> list[str]:
        """`A ลำดับ -> No.` lines, for the CLI and the wizard."""
        out = []
        for col, h in enumerate(self.headers):
            name = self.mapping.get(col)
            target = self.kind.field(name).label if name else _("(not loaded)")
            if h or name:
                out.append(f"{mp.column_letter(col)} {h or '-'} -> {target}")
        return out


def _best_score(sheet: Sheet, kind) -> int:
    """How many of the kind's fields the sheet's best header row names (0 if empty)."""
    if not sheet.rows:
        return 0
    idx, span = mp.find_header(sheet.rows, kind)
    cells = sheet.rows[idx][1]
    if span == 2:
        cells = mp.combine_header_rows(cells, sheet.rows[idx + 1][1])
    return mp.field_score(cells, kind)


def prepare(
    kind,
    path,
    *,
    sheet: str | None = None,
    specs: list[str] | None = None,
    header_row: int | None = None,
    mapping: dict[int, str] | None = None,
) -> Prepared:
    """Read `path` and decide the header row and the column mapping.

    Without `sheet`, the workbook's active sheet is read; when its columns name fewer than
    two of the kind's fields, the sheet that names most of them is taken instead (a notes
    or cover sheet saved as the active one).

    `header_row` (sheet row number) overrides the detection; `mapping` replaces the
    remembered/automatic one (the wizard's confirmed mapping); `specs` are CLI overrides.
    """
    sh = read_sheet(path, sheet)
    if sheet is None and len(sh.sheet_names) > 1 and _best_score(sh, kind) < 2:
        sh = max(
            (read_sheet(path, name) for name in sh.sheet_names),
            key=lambda other: _best_score(other, kind),
        )
    if not sh.rows:
        raise UserError(_("The sheet is empty."))
    if header_row is not None:
        idx = next((i for i, (n, _c) in enumerate(sh.rows) if n == header_row), None)
        if idx is None:
            raise UserError(_("The sheet has no row {row}.").format(row=header_row))
        span = 1
    else:
        idx, span = mp.find_header(sh.rows, kind)
    cells = sh.rows[idx][1]
    if span == 2:
        cells = mp.combine_header_rows(cells, sh.rows[idx + 1][1])
    headers = mp.header_texts(cells)
    sig = mp.signature(headers)
    if mapping is not None:
        chosen, source = dict(mapping), "given"
    else:
        saved = mp.saved_mapping(kind.name, sig)
        chosen, source = (saved, "saved") if saved else (mp.auto_map(headers, kind), "auto")
    if specs:
        chosen, source = mp.apply_specs(chosen, specs, headers, kind), "given"
    chosen = {c: n for c, n in chosen.items() if c < len(headers)}
    return Prepared(kind, sh, idx, headers, sig, chosen, source, span)


def _is_repeated_header(cells, header_norms: list[str]) -> bool:
    """The header printed again further down (page breaks in the source file)."""
    first = next((i for i, h in enumerate(header_norms) if h), None)
    if (
        first is None
        or first >= len(cells)
        or not isinstance(cells[first], str)
        or mp.normalize_header(cells[first]) != header_norms[first]
    ):
        return False
    return [mp.normalize_header(t) for t in mp.header_texts(cells)] == header_norms


def _is_column_numbers(cells) -> bool:
    """A row of 1, 2, 3 … (or (1), (2) …) under a header that numbers its columns."""
    vals = [str(c).strip().strip("()") for c in cells if not is_blank(c)]
    return len(vals) >= 3 and vals == [str(i) for i in range(1, len(vals) + 1)]


def parse_rows(prepared: Prepared, result: ImportResult | None = None) -> list[ParsedRow]:
    """Clean every data row; blank and near-blank rows (only a ลำดับ, or spaces) are skipped
    and counted in `result.rows_blank`; cell errors are recorded on the row."""
    kind, mapping = prepared.kind, prepared.mapping
    fields = {col: kind.field(name) for col, name in mapping.items()}
    carried: dict[str, object] = {}
    header_norms = [mp.normalize_header(h) for h in prepared.headers]
    # A row is near-blank when the fields that say something are empty: the sheet's own
    # number, and village/house cells left over from merged blocks, say nothing alone.
    content = [f.name for f in fields.values() if f.name != "seq" and not f.fill_down] or [
        f.name for f in fields.values() if f.name != "seq"
    ]
    out: list[ParsedRow] = []
    blank = 0
    for i, (number, cells) in enumerate(prepared.data_rows):
        raw = {
            f.name: unwrap(cells[col]) if col < len(cells) else None for col, f in fields.items()
        }
        if (
            all(is_blank(raw[k]) for k in content)
            or _is_repeated_header(cells, header_norms)
            or (i == 0 and _is_column_numbers(cells))
        ):
            blank += 1
            continue
        for f in fields.values():
            if f.fill_down:
                if is_blank(raw[f.name]):
                    raw[f.name] = carried.get(f.name)
                else:
                    carried[f.name] = raw[f.name]
        seq = raw.get("seq")
        row = ParsedRow(number, normalize_space(str(seq)) if not is_blank(seq) else None, {}, raw)
        if isinstance(seq, float) and seq.is_integer():
            row.seq = str(int(seq))
        for f in fields.values():
            try:
                value = f.parser(raw[f.name])
            except FieldError as exc:
                row.errors.append((f.name, str(exc)))
                continue
            if value is not None:
                row.values[f.name] = value
        for f in kind.fields:
            if (
                f.required
                and f.name not in row.values
                and not (f.alternative and f.alternative in row.values)
                and not any(n == f.name for n, _m in row.errors)
            ):
                row.errors.append((f.name, _("This cell must not be empty.")))
        out.append(row)
    if result is not None:
        result.rows_read = len(prepared.data_rows)
        result.rows_blank = blank
        for row in out:
            for name, message in row.errors:
                result.add_error(row, name, message, kind, row.raw.get(name))
    return out


def run_import(
    ctx,
    prepared: Prepared,
    *,
    dry_run: bool = False,
    progress=None,
    options: dict | None = None,
    remember: bool = True,
) -> ImportResult:
    """Load the prepared sheet through its kind; returns the ImportResult.

    A real run checks the role first, backs the database up, remembers the mapping for
    this layout, then lets the kind write. `progress(done, total, text)` is called from
    the running thread (the GUI's worker), so it must only hand values over.
    """
    kind = prepared.kind
    missing = prepared.missing
    if missing:
        raise UserError(
            _(
                "No column is mapped to: {fields}. Map them (in the program, or "
                "with --mapping COLUMN=FIELD)."
            ).format(fields=", ".join(f.label for f in missing))
        )
    result = ImportResult(
        kind.name,
        kind.label,
        Path(prepared.sheet.path),
        prepared.sheet.name,
        dry_run,
        entity_labels=dict(kind.entities),
    )
    for entity in kind.entities:
        for outcome in ("added", "updated", "unchanged"):
            result.count(entity, outcome, 0)
    if not dry_run:
        require(ctx, kind.role, f"import {kind.name}", kind.name)
    if progress:
        progress(0, 1, _("Reading the file…"))
    rows = parse_rows(prepared, result)
    if not dry_run:
        from ..db.backup import backup_database

        backup_database(ctx.db, ctx.backup_dir, reason=f"before-import-{kind.name}")
    kind.apply(
        ctx,
        rows,
        result,
        dry_run=dry_run,
        progress=progress,
        options=options if options is not None else {},
    )
    # The mapping is remembered only for a load that was saved: a refused file changes
    # nothing in the database, not even its mapping or an audit row (issue 14).
    if not dry_run and remember and not result.refused:
        mp.remember_mapping(ctx, kind.name, prepared.signature, prepared.mapping, prepared.headers)
    return result
