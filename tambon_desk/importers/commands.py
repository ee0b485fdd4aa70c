"""CLI: `tambon-desk template KIND --out FILE` and `tambon-desk load KIND FILE [--dry-run]`.

`load` prints the column mapping it used, a Thai summary and the rejected rows, and writes
the error report (xlsx) next to the file (or into the data folder when that folder is
read-only). Rows rejected are still a success (exit 0); a wrong kind, file or mapping is a
user mistake (exit 2, one line on stderr, via cli.main).
"""

from __future__ import annotations

from pathlib import Path

from .. import cli
from ..core.i18n import _
from . import engine, report
from .kinds import get_kind
from .report import default_report_path, write_error_report
from .template import write_template

MAX_PRINTED_ERRORS = 100


def add_commands(sub) -> None:
    t = sub.add_parser("template", help="write the Excel template of an import kind")
    t.add_argument("kind", help="import kind, e.g. households")
    t.add_argument("--out", help="file to write (default: KIND-template.xlsx)")
    t.set_defaults(func=cmd_template)
    ld = sub.add_parser("load", help="load a spreadsheet (xlsx or CSV) of an import kind")
    ld.add_argument("kind", help="import kind, e.g. households")
    ld.add_argument("file")
    ld.add_argument("--dry-run", action="store_true", help="report what would change, save nothing")
    ld.add_argument(
        "--mapping",
        nargs="+",
        action="extend",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a column (header text, letter or number) to a field; COLUMN=- ignores it",
    )
    ld.add_argument("--sheet", help="sheet name (default: the workbook's active sheet)")
    ld.add_argument("--header-row", type=int, help="row number of the header (default: found)")
    ld.add_argument("--tambon", help="DOPA code of the tambon (default: the office's own)")
    ld.add_argument("--errors", help="where to write the error report (.xlsx)")
    ld.add_argument(
        "--valid-only",
        action="store_true",
        help="kinds that load all or nothing (accounts): load the valid rows only",
    )
    ld.add_argument(
        "--household",
        metavar="MOO/HOUSE",
        help="map files (plots): the household every feature belongs to, e.g. 3/99/9",
    )
    ld.add_argument(
        "--accept-repair",
        action="store_true",
        help="map files (plots): save self-intersecting shapes as repaired",
    )
    ld.set_defaults(func=cmd_load)


def cmd_template(args) -> int:
    kind = get_kind(args.kind)
    out = Path(args.out or f"{kind.name}-template.xlsx")
    write_template(kind, out)
    print(_("Template written: {path}").format(path=out))
    return 0


def _write_report(result, args, ctx, source: Path) -> Path:
    """Next to the file; into the data folder when the file's folder is read-only."""
    if args.errors:
        return write_error_report(result, args.errors)
    path = default_report_path(source)
    try:
        return write_error_report(result, path)
    except OSError:
        return write_error_report(result, Path(ctx.data_dir) / "imports" / path.name)


def cmd_load(args) -> int:
    kind = get_kind(args.kind)
    ctx = cli.login(cli.open_ctx(args), args)
    if kind.load_file is not None:
        return _load_other(kind, ctx, args)
    prepared = engine.prepare(
        kind, args.file, sheet=args.sheet, specs=args.mapping, header_row=args.header_row
    )
    print(
        _("Header row {row} of sheet {sheet}; columns:").format(
            row=prepared.header_row, sheet=prepared.sheet.name
        )
    )
    for line in prepared.describe_mapping():
        print("  " + line)
    options = {"tambon": args.tambon} if args.tambon else {}
    if args.valid_only:
        options["valid_only"] = True
    result = engine.run_import(ctx, prepared, dry_run=args.dry_run, options=options)
    for line in result.summary_lines():
        print(line)
    if result.errors:
        errors = sorted(result.errors, key=lambda e: e.row)
        print(_("Rows not loaded:"))
        for e in errors[:MAX_PRINTED_ERRORS]:
            print("  " + report.format_error(e))
        if len(errors) > MAX_PRINTED_ERRORS:
            print(
                "  " + _("… and {n} more in the report.").format(n=len(errors) - MAX_PRINTED_ERRORS)
            )
        path = _write_report(result, args, ctx, Path(args.file))
        print(_("Error report: {path}").format(path=path))
    return 0


def _load_other(kind, ctx, args) -> int:
    """A kind with its own file reader (map files): same summary, errors and report."""
    from . import report

    mapping = {}
    for spec in args.mapping:
        attr, sep, fld = spec.partition("=")
        if sep and fld.strip() != "-":
            mapping[fld.strip()] = attr.strip()
    options = {
        "household": args.household,
        "mapping": mapping,
        "accept_repair": args.accept_repair,
        "tambon": args.tambon,
    }
    result = kind.load_file(ctx, args.file, dry_run=args.dry_run, options=options)
    for line in result.summary_lines():
        print(line)
    if result.errors:
        errors = sorted(result.errors, key=lambda e: e.row)
        print(_("Rows not loaded:"))
        for e in errors[:MAX_PRINTED_ERRORS]:
            print("  " + report.format_error(e))
        path = _write_report(result, args, ctx, Path(args.file))
        print(_("Error report: {path}").format(path=path))
    return 0
