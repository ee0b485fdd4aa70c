"""`tambon-desk plan-summary`: the seed's funding table from the command line, for a tambon,
a district or a province database (after USB merges), optionally written as a plan report
with the district/province/fiscal-year parameters the generic `report` command lacks."""

from __future__ import annotations

from .. import cli
from ..core.i18n import _
from ..reports import catalogue
from ..reports._plan_scope import resolve
from ..reports.plan_funding import seed_lines
from .summary import funding_summary, provincial_summary


def cmd_plan_summary(args) -> int:
    ctx = cli.login(cli.open_ctx(args), args)
    scope = resolve(args.tambon, args.district, args.province)
    if args.out:
        params = {
            k: v
            for k, v in (
                ("fiscal_year", args.fiscal_year),
                ("tambon", args.tambon),
                ("district", args.district),
                ("province", args.province),
            )
            if v
        }
        doc = catalogue.build(ctx, args.report, **params)
        fmt = "xlsx" if str(args.out).lower().endswith(".xlsx") else "pdf"
        catalogue.render(doc, fmt, args.out)
        print(args.out)
        return 0
    s = funding_summary(fiscal_year=args.fiscal_year, **scope)
    print(_("{n} tambons").format(n=s.n_tambons))
    for label, text in seed_lines(s, provincial_summary(**scope)).items:
        print(f"{label}\t{text}")
    return 0


def add_commands(sub) -> None:
    p = sub.add_parser(
        "plan-summary",
        help="master-plan projects and budgets per tambon (averages, provincial plan)",
    )
    p.add_argument("--fiscal-year", type=int, dest="fiscal_year")
    p.add_argument("--tambon", help="DOPA tambon code")
    p.add_argument("--district", help="DOPA district code, e.g. 8001")
    p.add_argument("--province", help="DOPA province code, e.g. 80")
    p.add_argument(
        "--report",
        default="plan-funding",
        choices=["plan-funding", "plan-projects", "provincial-plan", "network"],
    )
    p.add_argument("--out", help="write the report (pdf or xlsx) instead of printing")
    p.set_defaults(func=cmd_plan_summary)
