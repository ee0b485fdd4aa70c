"""`tambon-desk export | verify | import` (ARCHITECTURE.md, "Command line"): the exchange over the command line."""

from __future__ import annotations

import os
import sys

from .. import cli
from ..core import auth, config
from ..core.errors import UserError
from ..core.i18n import _
from ..db.models import User
from . import export_bundle, import_bundle, import_bundles, verify


def _read_passphrase_file(name: str) -> str:
    try:
        with open(name, encoding="utf-8-sig") as f:
            return f.read().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            _("The passphrase file {name} could not be read ({error}).").format(
                name=name, error=exc.__class__.__name__
            )
        ) from None


def _passphrase(args, files=(), *, confirm: bool = False) -> str | None:
    """From --passphrase-file, else a prompt (--passphrase, or a sealed bundle to read
    while a terminal is attached); None when the bundle is not to be sealed."""
    import getpass

    from .crypto import is_sealed

    if getattr(args, "passphrase_file", None):
        return _read_passphrase_file(args.passphrase_file)
    wanted = getattr(args, "ask_passphrase", False) or any(is_sealed(f) for f in files)
    if not wanted:
        return None
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(
            _("This bundle is protected by a passphrase: give it with --passphrase-file FILE.")
        )
    phrase = getpass.getpass(_("Passphrase: "))
    if confirm and getpass.getpass(_("The passphrase again: ")) != phrase:
        raise UserError(_("The two passphrases differ."))
    return phrase


def cmd_export(args) -> int:
    ctx = cli.login(cli.open_ctx(args), args)
    result = export_bundle(
        ctx,
        args.out,
        village=args.village,
        tambon_code=args.tambon,
        since_last=args.since_last,
        passphrase=_passphrase(args, confirm=True),
    )
    print(result.path)
    return 0


def cmd_verify(args) -> int:
    bundle = verify(args.file, passphrase=_passphrase(args, [args.file]))
    m = bundle.manifest
    print(_("The bundle is complete and undamaged."))
    print(
        _("Tambon {code}, exported by {who} at {when}, database version {v}.").format(
            code=m.get("tambon"),
            who=m.get("exported_by"),
            when=m.get("exported_at_local"),
            v=m.get("schema_version"),
        )
    )
    for tbl, n in sorted(m.get("counts", {}).items()):
        if n:
            print(f"  {tbl}\t{n}")
    return 0


def _print_report(report) -> None:
    for tbl, c in sorted(report.tables.items()):
        d = c.as_dict()
        if any(d[k] for k in ("add", "change", "delete", "conflict", "keep")):
            print(
                f"  {tbl}\t+{d['add']}\t~{d['change']}\t-{d['delete']}\t!{d['conflict']}"
                f"\t={d['keep']}"
            )
    for c in report.conflicts[:50]:
        print(
            "  "
            + _("conflict: {table} {id}, kept the {winner} version").format(
                table=c["table"], id=c["record_id"], winner=c["winner"]
            )
        )
    print(report.summary())


def _ctx_for_import(args):
    """Open (creating) the database; a brand-new one gets its first admin from --user."""
    ctx = cli.open_ctx(args)
    if not User.select().exists():
        username = args.user or os.environ.get(config.ENV_USER)
        password = os.environ.get(config.ENV_PASSWORD)
        if not username or not password:
            raise UserError(
                _(
                    "This database is new: give the first administrator with --user "
                    "and TAMBON_DESK_PASSWORD."
                )
            )
        auth.create_user(ctx, username, password, "admin", bootstrap=True)
    return cli.login(ctx, args)


def cmd_import(args) -> int:
    ctx = _ctx_for_import(args)
    phrase = _passphrase(args, args.file)
    changes = False
    for f in args.file:
        report = import_bundle(ctx, f, dry_run=True, passphrase=phrase)
        print(_("Dry run (nothing changed yet):") + f" {report.bundle}")
        _print_report(report)
        changes = changes or report.changes_anything
    if args.dry_run:
        return 0
    if not changes:
        print(_("Nothing to import: this database already holds everything in the bundle."))
        return 0
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise UserError(_("Add --yes to import without a question."))
        answer = input(_("Import these changes? [y/N] ")).strip().lower()
        if answer not in ("y", "yes", "ใช่"):
            print(_("Nothing was imported."))
            return 1
    reports = (
        import_bundles(ctx, args.file, passphrase=phrase)
        if len(args.file) > 1
        else [import_bundle(ctx, args.file[0], passphrase=phrase)]
    )
    if reports[0].backup:
        print(_("Imported. A backup was taken first: {path}").format(path=reports[0].backup))
    else:  # a hub: the server's own backups
        print(_("Imported."))
    for report in reports:
        print(report.bundle)
        _print_report(report)
    return 0


def add_commands(sub) -> None:
    e = sub.add_parser("export", help="write a USB bundle (.tambon) into a folder")
    e.add_argument("--out", required=True, help="folder, e.g. the USB drive")
    e.add_argument("--village", type=int, help="only this village (moo number)")
    e.add_argument("--tambon", help="only this tambon (DOPA code), in a district database")
    e.add_argument(
        "--since-last", metavar="OFFICE", help="only changes since the last export to this office"
    )
    e.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="seal the bundle with the passphrase in FILE (full citizen IDs inside)",
    )
    e.add_argument(
        "--passphrase",
        dest="ask_passphrase",
        action="store_true",
        help="seal the bundle with a passphrase typed at a prompt",
    )
    e.set_defaults(func=cmd_export)
    v = sub.add_parser("verify", help="check a bundle file")
    v.add_argument("file")
    v.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="passphrase of a sealed bundle (else asked at a prompt)",
    )
    v.set_defaults(func=cmd_verify)
    i = sub.add_parser("import", help="merge bundles into this database (a district: many)")
    i.add_argument("file", nargs="+")
    i.add_argument("--dry-run", action="store_true", help="only show what would change")
    i.add_argument("--yes", action="store_true", help="import without asking")
    i.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="passphrase of sealed bundles (else asked at a prompt)",
    )
    i.set_defaults(func=cmd_import)
