"""`tambon-desk demo [--households N] [--seed S] [--tambon CODE | --district CODE
[--tambons K]]`: build the demo tambon (or any tambon, or several of one district) into --db.

Refuses a database that already holds data (the demo never mixes with real records).
Without --db (or TAMBON_DESK_DB) it builds `demo.db` in the data folder — the file
`tambon-desk --demo` opens — never the office's own `tambon.db`, which may simply not have
been set up yet. The demo administrator is admin/admin and must change the password at
first login.
"""

from __future__ import annotations

import os

from .. import cli
from ..core import config
from ..core.i18n import _
from .database import build_into, demo_database_path


def cmd_demo(args) -> int:
    if not (args.db or os.environ.get(config.ENV_DB)):
        args.db = str(demo_database_path())
    ctx = cli.open_ctx(args)

    def progress(done, total, text):
        print(f"{done * 100 // (total or 1):3d}% {text}".rstrip(), flush=True)

    from .database import demo_tambon_codes

    codes = demo_tambon_codes(
        getattr(args, "tambon", None),
        getattr(args, "district", None),
        getattr(args, "tambons", 3) or 3,
    )
    build_into(ctx, households=args.households, seed=args.seed, progress=progress, tambons=codes)
    print(_("Demo database ready: {path}").format(path=ctx.db_path))
    print(_("Log in as admin with password admin (you will be asked to change it)."))
    return 0


def add_commands(sub) -> None:
    d = sub.add_parser(
        "demo",
        help="build a demo tambon into an empty database (default: demo.db in the data folder)",
    )
    d.add_argument("--households", type=int, default=300, help="number of households (300)")
    d.add_argument("--seed", type=int, default=2569, help="random seed (same seed, same data)")
    d.add_argument("--tambon", help="build this tambon (DOPA code) instead of the demo one")
    d.add_argument(
        "--district",
        help="build several tambons of this district (DOPA code), "
        "each with its own households, books, water and plan",
    )
    d.add_argument("--tambons", type=int, default=3, help="with --district: how many (3)")
    d.set_defaults(func=cmd_demo)
