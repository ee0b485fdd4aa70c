"""`tables.xlsx`: the bundle's tables readable without the app (one sheet per table).

Written with openpyxl's write-only mode straight from the trimmed `data.sqlite`, so a
large tambon streams through without holding the rows in memory. Money columns (integer
satang) are shown as baht with two decimals through Decimal, never through floats.
"""
from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from . import tables as T
from .tables import quote as q

MONEY_FORMAT = "#,##0.00"


def _sheet_title(name: str, used: set) -> str:
    title = name[:31]
    n = 2
    while title in used:
        suffix = f"~{n}"
        title = name[:31 - len(suffix)] + suffix
        n += 1
    used.add(title)
    return title


def write_tables(data: Path, dest: Path, progress=None) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    con = sqlite3.connect(f"file:{data}?mode=ro", uri=True)
    used: set = set()
    models = T.merge_models()
    try:
        for i, model in enumerate(models):
            tbl = T.table(model)
            cols = T.columns(model)
            money = T.money_columns(model)
            ws = wb.create_sheet(_sheet_title(tbl, used))
            bold = Font(bold=True)
            header = []
            for c in cols:
                cell = WriteOnlyCell(ws, value=c + (" (baht)" if c in money else ""))
                cell.font = bold
                header.append(cell)
            ws.append(header)
            money_idx = [j for j, c in enumerate(cols) if c in money]
            sql = f"SELECT {', '.join(q(c) for c in cols)} FROM {q(tbl)} ORDER BY rowid"
            bad = ILLEGAL_CHARACTERS_RE
            for row in con.execute(sql):
                if money_idx:
                    row = list(row)
                    for j in money_idx:
                        if row[j] is not None:
                            cell = WriteOnlyCell(ws, value=Decimal(row[j]) / 100)
                            cell.number_format = MONEY_FORMAT
                            row[j] = cell
                # Control characters (e.g. inside sort keys) are not allowed in xlsx cells.
                ws.append([bad.sub("", v) if isinstance(v, str) else v for v in row])
            if progress:
                progress((i + 1) / len(models), tbl)
    finally:
        con.close()
    wb.save(str(dest))
    return dest
