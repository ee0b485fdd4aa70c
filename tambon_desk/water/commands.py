"""Command-line access to the water accounts: print a water balance, show or set rainfall.

tambon-desk water-balance [--year 2569] [--village 3]
tambon-desk rainfall --year 2569 [--set 1=180,2=70,...]
"""

from __future__ import annotations

from .. import cli, registry, water
from ..core.errors import UserError
from ..core.i18n import _
from ..thai import ce_year, format_month


def _tambon(code=None):
    """The tambon named by --tambon (a district database holds several), else the home one."""
    t = registry.resolve_tambon(code)
    if t is None:
        raise UserError(_("No tambon is registered yet."))
    return t


def cmd_balance(args) -> int:
    cli.login(cli.open_ctx(args), args)
    t = _tambon(args.tambon)
    year = args.year or water.default_year(t)
    if args.village is not None:
        v = next((v for v in registry.villages(t) if v.moo == args.village), None)
        if v is None:
            raise UserError(
                _("There is no village Moo {moo} in this tambon.").format(moo=args.village)
            )
        bal = water.village_balance(v, year)
    else:
        bal = water.tambon_balance(t, year)[0]
    print(
        "\t".join(
            [
                _("Month"),
                _("Supply"),
                _("Total demand"),
                _("Supply minus demand"),
                _("Storage at month end"),
                _("Shortage"),
            ]
        )
    )
    for r in bal.rows:
        print(
            "\t".join(
                [format_month(r.year, r.month, "short")]
                + [
                    f"{x:,.0f}"
                    for x in (r.supply_m3, r.demand_m3, r.balance_m3, r.storage_m3, r.deficit_m3)
                ]
            )
        )
    short = ", ".join(format_month(y, m, "short") for y, m in bal.deficit_months)
    print(_("Months short of water") + ": " + (short or _("none")))
    return 0


def cmd_rainfall(args) -> int:
    ctx = cli.login(cli.open_ctx(args), args)
    t = _tambon(args.tambon)
    year = ce_year(args.year)
    if args.set:
        try:
            pairs = dict(p.split("=", 1) for p in args.set.split(","))
        except ValueError:
            raise UserError(_("Write rainfall as month=mm pairs, e.g. 1=180,2=70."))
        water.set_rainfall(ctx, t, year, {int(m): mm for m, mm in pairs.items()})
    got = water.rainfall_of(t, year)
    for m in range(1, 13):
        print(
            f"{format_month(year, m, 'short')}\t{got[m]:g}"
            if m in got
            else f"{format_month(year, m, 'short')}\t-"
        )
    return 0


def add_commands(sub) -> None:
    b = sub.add_parser("water-balance", help="monthly water balance of the tambon or a village")
    b.add_argument("--year", type=int, help="water year (BE), default: latest with rainfall")
    b.add_argument("--village", type=int)
    b.add_argument("--tambon", help="tambon DOPA code (a district database holds several)")
    b.set_defaults(func=cmd_balance)
    r = sub.add_parser("rainfall", help="show or set monthly rainfall (mm) of a BE year")
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--set", help="month=mm pairs, e.g. 1=180,2=70")
    r.add_argument("--tambon", help="tambon DOPA code (a district database holds several)")
    r.set_defaults(func=cmd_rainfall)
