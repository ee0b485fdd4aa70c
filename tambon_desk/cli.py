"""Command line (ARCHITECTURE.md, "Command line"): headless sub-commands acting as a user, over the service layer.

Exit status 0 on success; a user's mistake gives one Thai/English line on stderr and exit 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys

from . import __version__
from .core import auth, backups, config
from .core.context import Context
from .core.errors import UserError
from .core.hub import open_target
from .core.i18n import _
from .db import SchemaTooNewError, engines, migrations

# Areas add their sub-commands in their own module (one line here), each exposing
# `add_commands(sub)` that adds argparse sub-parsers with `set_defaults(func=...)`. Their
# functions use `cli.open_ctx(args)` and `cli.login(ctx, args)` below.
COMMAND_MODULES: list[str] = [
    "tambon_desk.demo.commands",
    "tambon_desk.plan.commands",
    "tambon_desk.importers.commands",
    "tambon_desk.exchange.commands",
    "tambon_desk.water.commands",
    "tambon_desk.farming.commands",
]
COMMAND_MODULES += ["tambon_desk.maps.commands"]


def login(ctx, args):
    """Authenticate the --user / TAMBON_DESK_USER of `args` and set it on the context.

    After it, the context holds an active user, which is all a read needs (viewer is the
    lowest role); every write and every report checks its own role in the service layer,
    so sub-commands never repeat `require` calls.
    """
    return _login(ctx, args)


def open_ctx(args):
    """Open the database of --db / TAMBON_DESK_DB (refusing network paths) as a Context."""
    return _open(args)


def _login(ctx, args, *, password_change: bool = False):
    """Log in; a user who must change the password may only do that (`users password`)."""
    username = args.user or os.environ.get(config.ENV_USER)
    if not username:
        raise UserError(_("Set the user with --user or TAMBON_DESK_USER."))
    password = os.environ.get(config.ENV_PASSWORD)
    if password is None and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"{username} password: ")
    user = auth.authenticate(ctx, username, password or "")
    if user is None:
        raise UserError(_("Wrong user name or password."))
    if user.must_change_password and not password_change:
        raise UserError(
            _(
                "You must change your password before doing anything else: run "
                "`tambon-desk users password` (the new password from "
                "TAMBON_DESK_NEW_PASSWORD or a prompt)."
            )
        )
    ctx.user = user
    return ctx


def _ask_hub_password():
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    return getpass.getpass(_("Hub database password: "))


def _open(args):
    try:
        db, path = open_target(args.db, ask_password=_ask_hub_password)
    except SchemaTooNewError:
        raise UserError(
            _(
                "This database was made by a newer Tambon Desk. "
                "Install the newer version to open it."
            )
        )
    return Context(db=db, db_path=path)


def cmd_check(args) -> int:
    ctx = _open(args)
    v = migrations.current_version(ctx.db)
    result = engines.integrity_check(ctx.db)
    print(
        _("Database schema version {v} (this program supports up to {latest}).").format(
            v=v, latest=migrations.LATEST
        )
    )
    print(_("Integrity check: {result}").format(result=result))
    return 0 if result == "ok" else 1


def cmd_backup(args) -> int:
    ctx = _login(_open(args), args)
    path = backups.create_backup(ctx, reason="manual")  # role-checked and audited
    print(_("Backup written: {path}").format(path=path))
    return 0


def _new_password() -> str:
    """A new password: TAMBON_DESK_NEW_PASSWORD, or typed at a terminal."""
    password = os.environ.get("TAMBON_DESK_NEW_PASSWORD")
    if password:
        return password
    if sys.stdin is None or not sys.stdin.isatty():
        raise UserError(
            _("Give the new password in TAMBON_DESK_NEW_PASSWORD (no terminal to type it in).")
        )
    return getpass.getpass(_("New password: "))


def cmd_users(args) -> int:
    ctx = _open(args)
    if args.action == "first-admin":
        # A new hub (or file): its first administrator, once, before anyone can log in.
        if not (args.name or "").strip():
            raise UserError(
                _("Give the new user's name: tambon-desk users add NAME [--role clerk].")
            )
        password = os.environ.get(config.ENV_PASSWORD) or _new_password()
        auth.create_user(ctx, args.name, password, "admin", bootstrap=True)
        print(_("First administrator {name} created.").format(name=args.name))
        return 0
    ctx = _login(ctx, args, password_change=args.action == "password")
    if args.action == "password":
        auth.change_password(
            ctx, ctx.user, os.environ.get(config.ENV_PASSWORD) or "", _new_password()
        )
        print(_("Password changed."))
        return 0
    if args.action in ("unlock", "scope"):
        user = auth.find_user(args.name or "")
        if user is None:
            raise UserError(_("No user named {name}.").format(name=args.name))
        if args.action == "unlock":
            auth.unlock_user(ctx, user)
        else:
            auth.set_scope(ctx, user, args.scope or "")
    if args.action == "add":
        if not (args.name or "").strip():
            raise UserError(
                _("Give the new user's name: tambon-desk users add NAME [--role clerk].")
            )
        auth.create_user(
            ctx,
            args.name,
            _new_password(),
            args.role,
            must_change_password=True,
            scope=args.scope or "",
        )
    for u in auth.list_users():
        print(f"{u.username}\t{u.role}\t{'active' if u.active else 'disabled'}\t{u.scope or '*'}")
    return 0


# Report options and the report parameter each fills (ARCHITECTURE.md, "Command line").
REPORT_OPTIONS = {
    "village": "--village",
    "year": "--year",
    "fiscal_year": "--fiscal-year",
    "month": "--month",
    "household": "--household",
    "unmask": "--unmask",
    "tambon": "--tambon",
    "district": "--district",
    "province": "--province",
}
REPORT_OPTIONS["cycle"] = "--cycle"


def report_params(args) -> dict:
    """The report parameters given on the command line (period checked early)."""
    from .reports.period import period_from_params

    params = {k: getattr(args, k, None) for k in REPORT_OPTIONS}
    params = {k: v for k, v in params.items() if v not in (None, False, "")}
    period_from_params(params)  # a bad --month or --year fails before logging in
    return params


def cmd_report(args) -> int:
    from .reports import catalogue

    if args.list:
        for spec in catalogue.reports():
            opts = " ".join(REPORT_OPTIONS.get(p, "--" + p) for p in spec.params)
            print(f"{spec.name}\t{_(spec.title)}\t{opts}")
        return 0
    if not args.name or not args.out:
        raise UserError(_("Give the report name and --out FILE."))
    params = report_params(args)
    catalogue.check_params(args.name, params, REPORT_OPTIONS)
    ctx = _login(_open(args), args)
    doc = catalogue.build(ctx, args.name, **params)
    fmt = args.format or ("xlsx" if str(args.out).lower().endswith(".xlsx") else "pdf")
    catalogue.render(doc, fmt, args.out)
    print(args.out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tambon-desk", description="Tambon Desk")
    p.add_argument("--version", action="version", version=__version__)
    p.add_argument("--db", help="database file (default: data folder; env TAMBON_DESK_DB)")
    p.add_argument("--user", help="act as this user (env TAMBON_DESK_USER)")
    p.add_argument(
        "--demo",
        action="store_true",
        help="open the window on the demo database (built the first time)",
    )
    sub = p.add_subparsers(dest="command")
    sub.add_parser("check", help="integrity check and schema version").set_defaults(func=cmd_check)
    sub.add_parser("backup", help="write a backup now").set_defaults(func=cmd_backup)
    u = sub.add_parser("users", help="list users, or add one")
    u.add_argument(
        "action",
        nargs="?",
        choices=["list", "add", "password", "unlock", "scope", "first-admin"],
        default="list",
    )
    u.add_argument("name", nargs="?")
    u.add_argument("--role", choices=["admin", "clerk", "viewer"], default="clerk")
    u.add_argument(
        "--scope",
        help="on a hub: the DOPA code (province 2, district 4, tambon 6 "
        "digits) the user may write in; empty: everywhere",
    )
    u.set_defaults(func=cmd_users)
    r = sub.add_parser("report", help="build a report (report --list)")
    r.add_argument("name", nargs="?")
    r.add_argument("--list", action="store_true")
    r.add_argument("--village", type=int, help="village number (moo)")
    r.add_argument("--tambon", help="tambon DOPA code (a district database holds several)")
    r.add_argument("--district", help="district code: sum over its tambons")
    r.add_argument("--province", help="province code: sum over its tambons")
    period = r.add_mutually_exclusive_group()
    period.add_argument("--year", help="Buddhist-Era calendar year, e.g. 2569")
    period.add_argument(
        "--fiscal-year",
        dest="fiscal_year",
        help="Buddhist-Era fiscal year (1 Oct - 30 Sep), e.g. 2569",
    )
    period.add_argument("--month", help="month as MM/YYYY in the Buddhist Era, e.g. 11/2569")
    r.add_argument("--household", help="household (id)")
    r.add_argument("--unmask", action="store_true", help="admin only: full citizen IDs")
    r.add_argument("--cycle", help="crop cycle (id): its production-cost account")
    r.add_argument("--format", choices=["pdf", "xlsx"])
    r.add_argument("--out")
    r.set_defaults(func=cmd_report)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub)
    _accept_global_options_after(sub)
    return p


def _accept_global_options_after(sub) -> None:
    """`tambon-desk check --db X` as well as `tambon-desk --db X check` (ARCHITECTURE.md).

    Each sub-parser learns --db and --user with a suppressed default, so a value given after
    the sub-command overrides the one before it and an absent one leaves it alone.
    """
    for parser in set(sub.choices.values()):
        known = {s for a in parser._actions for s in a.option_strings}
        if "--db" not in known:
            parser.add_argument(
                "--db",
                default=argparse.SUPPRESS,
                help="database file (default: data folder; env TAMBON_DESK_DB)",
            )
        if "--user" not in known:
            parser.add_argument(
                "--user", default=argparse.SUPPRESS, help="act as this user (env TAMBON_DESK_USER)"
            )


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from .app import run_gui

        try:
            return run_gui(args.db, demo=args.demo)
        except UserError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    try:
        return args.func(args)
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return 2
