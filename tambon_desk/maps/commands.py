"""CLI: `tambon-desk export-map --format kml|kmz|geojson|shp --out F [--village N] [--tambon C]`.

(`load plots FILE` is the shared `load` command with the `plots` kind.)
"""

from __future__ import annotations

from .. import cli, registry
from ..core.errors import UserError
from ..core.i18n import _
from .export import export_map
from .layers import tambon_of


def add_commands(sub) -> None:
    e = sub.add_parser(
        "export-map",
        help="plots, sources, households and land cases as a map "
        "file (KML, KMZ, GeoJSON, Shapefile zip)",
    )
    e.add_argument("--format", required=True, choices=["kml", "kmz", "geojson", "shp"])
    e.add_argument("--out", required=True)
    e.add_argument("--village", type=int, help="village number (moo); default: the tambon")
    e.add_argument("--tambon", help="tambon DOPA code (default: the office's own)")
    e.set_defaults(func=cmd_export_map)


def cmd_export_map(args) -> int:
    ctx = cli.login(cli.open_ctx(args), args)
    tambon = tambon_of(args.tambon)
    if tambon is None:
        raise UserError(_("Unknown tambon {code}.").format(code=args.tambon or ""))
    village = None
    if args.village is not None:
        village = next((v for v in registry.villages(tambon) if v.moo == args.village), None)
        if village is None:
            raise UserError(_("There is no village {moo} in this tambon.").format(moo=args.village))
    path, counts = export_map(ctx, args.format, args.out, tambon=tambon, village=village)
    print(_("Map written: {path}").format(path=path))
    for layer, n in counts.items():
        print(f"  {layer}: {n}")
    return 0
