"""Which column holds which field: finding the header row, auto-mapping, remembering.

A sheet from another office has a title block above its header row (merged cells, a date
line, blank rows). The header row is the one whose cells match most of the kind's field
aliases; failing that, the first wide row. Headers are matched to fields by their
normalised text, exact alias first, then containment (longest alias wins). The clerk
confirms the mapping once; it is stored in `ImportMapping` under the header row's
signature, so the next file with the same layout maps itself.
"""

from __future__ import annotations

import hashlib
import re

from ..core.errors import UserError
from ..core.i18n import _
from ..core.records import save_record
from ..db.models import ImportMapping
from ..thai import normalize_space, normalize_thai, thai_to_arabic_digits
from .cleaning import is_blank

HEADER_SCAN_ROWS = 40
IGNORE = "-"


def normalize_header(value) -> str:
    """Header text reduced for comparison: no hints in brackets, spaces or punctuation."""
    if is_blank(value):
        return ""
    t = thai_to_arabic_digits(normalize_thai(str(value))).lower()
    t = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", t)
    return re.sub(r"[\s.*:_\-–/\\'\"#,]", "", t) or normalize_space(str(value)).lower()


def _aliases(field) -> list[str]:
    out = {normalize_header(a) for a in field.aliases}
    out.add(normalize_header(field.title))
    out.add(normalize_header(field.label))
    out.add(normalize_header(field.name))
    out.discard("")
    return sorted(out, key=len, reverse=True)


def _candidates(headers: list[str], kind) -> list[tuple]:
    """(score, alias length, column, field name) for every plausible header/field pair."""
    out = []
    norms = [normalize_header(h) for h in headers]
    for f in kind.fields:
        for alias in _aliases(f):
            for col, h in enumerate(norms):
                if not h:
                    continue
                if h == alias:
                    out.append((2, len(alias), col, f.name))
                elif len(alias) >= 4 and alias in h:
                    out.append((1, len(alias), col, f.name))
    return out


def auto_map(headers: list, kind) -> dict[int, str]:
    """{column index: field name}, each field and each column used at most once."""
    mapping: dict[int, str] = {}
    used = set()
    for _score, _n, col, name in sorted(
        _candidates(headers, kind), key=lambda c: (-c[0], -c[1], c[2])
    ):
        if col not in mapping and name not in used:
            mapping[col] = name
            used.add(name)
    return dict(sorted(mapping.items()))


def field_score(cells, kind) -> int:
    """How many fields a row of headings maps to (one column per field, as auto_map)."""
    return len(auto_map([c if isinstance(c, str) else None for c in cells], kind))


def _all_text(cells) -> bool:
    return all(is_blank(c) or isinstance(c, str) for c in cells)


def combine_header_rows(upper: list, lower: list) -> list:
    """Two header rows as one: the lower row's text where it has one (the sub-heading under
    a merged group heading), else the upper row's."""
    width = max(len(upper), len(lower))
    upper, lower = list(upper) + [None] * width, list(lower) + [None] * width
    return [lower[i] if not is_blank(lower[i]) else upper[i] for i in range(width)]


def find_header(rows: list[tuple[int, list]], kind) -> tuple[int, int]:
    """(index into `rows`, number of rows) of the header: one row, or two when a row of
    group headings ("ที่อยู่", "ชื่อ-สกุล" merged over sub-columns) sits above the real one.
    The header is the row (or pair) matching most of the kind's fields; failing that, the
    first row nearly as wide as the widest. Raises UserError when there is no data."""
    if not rows:
        raise UserError(_("The sheet is empty."))
    scan = rows[:HEADER_SCAN_ROWS]
    best, best_score = None, 1
    for i, (_n, cells) in enumerate(scan):
        score = field_score(cells, kind)
        if score > best_score:
            best, best_score = (i, 1), score
        if (
            i + 1 < len(scan)
            and _all_text(cells)
            and _all_text(scan[i + 1][1])
            and field_score(scan[i + 1][1], kind)
        ):
            pair = field_score(combine_header_rows(cells, scan[i + 1][1]), kind)
            if pair > best_score and pair > field_score(scan[i + 1][1], kind):
                best, best_score = (i, 2), pair
    if best is not None:
        return best
    counts = [sum(1 for c in cells if not is_blank(c)) for _n, cells in scan]
    widest = max(counts)
    for i, c in enumerate(counts):
        if c >= max(2, 0.6 * widest):
            return i, 1
    return 0, 1


def header_texts(cells: list) -> list[str]:
    return [normalize_space(str(c)) if not is_blank(c) else "" for c in cells]


def signature(headers: list[str]) -> str:
    """SHA-256 of the normalised header row: the key a confirmed mapping is kept under."""
    joined = "\x1f".join(normalize_header(h) for h in headers).rstrip("\x1f")
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def saved_mapping(kind_name: str, sig: str) -> dict[int, str] | None:
    rec = ImportMapping.get_or_none(
        (ImportMapping.kind == kind_name)
        & (ImportMapping.signature == sig)
        & ImportMapping.deleted_at.is_null()
    )
    if rec is None or not isinstance(rec.mapping, dict):
        return None
    cols = rec.mapping.get("columns", {})
    return {int(k): v for k, v in cols.items()}


def remember_mapping(
    ctx, kind_name: str, sig: str, mapping: dict[int, str], headers: list[str]
) -> None:
    """Store (or update) the confirmed mapping for this layout; audited like any write."""
    value = {"columns": {str(k): v for k, v in sorted(mapping.items())}, "headers": headers}
    rec = ImportMapping.get_or_none(
        (ImportMapping.kind == kind_name) & (ImportMapping.signature == sig)
    )
    if rec is not None and rec.mapping == value and rec.deleted_at is None:
        return
    values = {"kind": kind_name, "signature": sig, "mapping": value}
    if rec is not None:
        values["deleted_at"] = None
    save_record(ctx, ImportMapping, values, record=rec, action="remember import mapping")


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _resolve_column(spec: str, headers: list[str]) -> int:
    s = spec.strip()
    if re.fullmatch(r"\d+", s):
        col = int(s) - 1
        if 0 <= col < max(len(headers), 1):
            return col
    elif re.fullmatch(r"[A-Za-z]{1,3}", s):
        from openpyxl.utils import column_index_from_string

        col = column_index_from_string(s.upper()) - 1
        if col < len(headers):
            return col
    for col, h in enumerate(headers):
        if h == s:
            return col
    norm = normalize_header(s)
    for col, h in enumerate(headers):
        if norm and normalize_header(h) == norm:
            return col
    raise UserError(
        _("No column {col} in the header row ({headers}).").format(
            col=spec, headers=", ".join(h for h in headers if h)
        )
    )


def _resolve_field(spec: str, kind) -> str:
    s = spec.strip()
    if s in ("", IGNORE):
        return IGNORE
    norm = normalize_header(s)
    for f in kind.fields:
        if s == f.name or norm in (normalize_header(f.title), normalize_header(f.label)):
            return f.name
    raise UserError(
        _("Unknown field {field}; fields of {kind}: {names}.").format(
            field=spec, kind=kind.name, names=", ".join(f.name for f in kind.fields)
        )
    )


def apply_specs(
    mapping: dict[int, str], specs: list[str], headers: list[str], kind
) -> dict[int, str]:
    """Apply `col=field` overrides (column as header text, letter or number; field as
    name or title; `col=-` ignores the column) to a mapping."""
    out = dict(mapping)
    for spec in specs or ():
        if "=" not in spec:
            raise UserError(_("Write a mapping as column=field, e.g. \"ชื่อ=first_name\"."))
        col_s, field_s = spec.rsplit("=", 1)
        col, name = _resolve_column(col_s, headers), _resolve_field(field_s, kind)
        out.pop(col, None)
        if name != IGNORE:
            for c in [c for c, n in out.items() if n == name]:
                del out[c]
            out[col] = name
    return dict(sorted(out.items()))


def missing_required(mapping: dict[int, str], kind) -> list:
    """Required fields the mapping does not cover (an `alternative` field counts)."""
    mapped = set(mapping.values())
    return [
        f
        for f in kind.fields
        if f.required and f.name not in mapped and not (f.alternative and f.alternative in mapped)
    ]
