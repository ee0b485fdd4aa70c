"""CLI of the farming area: `crop-costs` (per-crop summary with the OAE comparison),
`farm-settings` (wage, interest rate, owner's land use) and `water-from-plots` (a village's
water-account crop areas from its plots). Import: `template crop-costs`, `load crop-costs`."""

from __future__ import annotations

from .. import cli, registry
from ..core.auth import require
from ..core.errors import UserError
from ..core.i18n import _
from ..thai import format_baht, parse_baht
from .reference import set_settings, settings
from .summary import cost_summary
from .water_areas import set_uses_plots, sync_water_crop_areas, uses_plots


def _village(t, moo):
    v = next((v for v in registry.villages(t) if v.moo == moo), None)
    if v is None:
        raise UserError(_("There is no village Moo {moo} in this tambon.").format(moo=moo))
    return v


def _money(x) -> str:
    return format_baht(x) if x is not None else "-"


def cmd_crop_costs(args) -> int:
    ctx = cli.login(cli.open_ctx(args), args)
    require(ctx, "viewer", "crop costs")
    t = registry.resolve_tambon(args.tambon)
    if t is None:
        raise UserError(_("No tambon is set up yet."))
    vids = [_village(t, args.village).id] if args.village is not None else None
    s = cost_summary(tambon_ids=[t.id], village_ids=vids, year_be=args.year)
    print(_("Interest rate {rate}% a year").format(rate=s.rate))
    print(
        "\t".join(
            [
                _("Crop"),
                _("Cycles"),
                _("Area (rai)"),
                _("Total cost per rai"),
                _("Cost per kg"),
                _("Profit per rai over total cost"),
                _("B/C"),
                _("Compared with OAE (baht/rai)"),
            ]
        )
    )
    for code, f in sorted(s.by_crop.items()):
        cmp = s.comparisons.get(code)
        print(
            "\t".join(
                [
                    s.crop_names[code],
                    str(sum(1 for r in s.rows if r.crop == code)),
                    f"{f.rai:,.2f}",
                    _money(f.total_per_rai),
                    _money(f.cost_per_kg),
                    _money(f.profit_total_per_rai),
                    str(f.bc or "-"),
                    _money(cmp.total_diff) if cmp else "-",
                ]
            )
        )
    return 0


def cmd_settings(args) -> int:
    ctx = cli.login(cli.open_ctx(args), args)
    if any(v is not None for v in (args.rate, args.wage, args.land_use)):
        set_settings(
            ctx,
            rate=args.rate,
            wage=parse_baht(args.wage) if args.wage is not None else None,
            land_use_per_rai=parse_baht(args.land_use) if args.land_use is not None else None,
        )
    s = settings()
    print(_("Interest rate {rate}% a year").format(rate=s.rate))
    print(_("Family labour {wage} baht a day").format(wage=format_baht(s.wage)))
    print(_("Owner's land use {land} baht a rai").format(land=format_baht(s.land_use_per_rai)))
    return 0


def cmd_water(args) -> int:
    ctx = cli.login(cli.open_ctx(args), args)
    t = registry.resolve_tambon(args.tambon)
    v = _village(t, args.village)
    if args.state is not None:
        set_uses_plots(ctx, v, args.state == "on")
    elif uses_plots(v):
        sync_water_crop_areas(ctx, v)
    print(_("On") if uses_plots(v) else _("Off"))
    return 0


def add_commands(sub) -> None:
    c = sub.add_parser("crop-costs", help="production costs per crop with the OAE comparison")
    c.add_argument("--tambon")
    c.add_argument("--village", type=int)
    c.add_argument("--year", type=int, help="season year (BE)")
    c.set_defaults(func=cmd_crop_costs)
    s = sub.add_parser("farm-settings", help="show or set wage, interest rate, land use")
    s.add_argument("--rate", help="annual interest rate in percent (0: none imputed)")
    s.add_argument("--wage", help="family labour, baht a day")
    s.add_argument("--land-use", dest="land_use", help="owner's land use, baht a rai")
    s.set_defaults(func=cmd_settings)
    w = sub.add_parser(
        "water-from-plots", help="take a village's water-account crop areas from its plots"
    )
    w.add_argument("--tambon")
    w.add_argument("--village", type=int, required=True)
    w.add_argument("state", nargs="?", choices=["on", "off"])
    w.set_defaults(func=cmd_water)
