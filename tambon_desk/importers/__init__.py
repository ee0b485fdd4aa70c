"""Loading other people's spreadsheets (xlsx, CSV) into the database.

The machinery is shared by every import; an area adds a *kind* (kinds.ImportKind) and
lists its module in `kinds.KIND_MODULES`:

    prepared = engine.prepare(kind, path)           # header row, column mapping
    result = engine.run_import(ctx, prepared, dry_run=True, progress=cb)
    report.write_error_report(result, path)

Modules: reading (xlsx/CSV to rows), mapping (header detection, auto-map, remembered
mappings), cleaning (cell parsers), engine (pipeline), report (result, xlsx error report),
template (Excel template), households (first kind), commands (CLI).
"""

from .kinds import Field, ImportKind, all_kinds, get_kind, register
from .report import ImportResult, RowError  # kinds with their own file reader (maps) fill these

__all__ = ["Field", "ImportKind", "ImportResult", "RowError", "all_kinds", "get_kind", "register"]
