"""The report catalogue (ARCHITECTURE.md, "Reports" and "Command line"): name -> Thai title, parameters and a data function.

A report module registers itself with `@register(name, title, params)`; its function takes
the context and the chosen parameters and returns a ReportDocument. The CLI, the GUI and the
tests all build reports through `build(ctx, name, **params)`, then render PDF or XLSX.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from dataclasses import dataclass

from ..core.auth import require
from ..core.errors import UserError
from ..core.i18n import _

_MODULES = [  # areas add their report modules here
    "household_register",
    "tambon_profile",
    "plan_projects",
    "plan_funding",
    "provincial_plan",
    "network_directory",
    "water_balance",
]
_MODULES += ["household_statement", "village_accounts", "participation"]
_MODULES += ["land_cases", "maps"]
_MODULES += ["crop_costs", "farm_plots", "enterprises"]


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str  # translation id
    params: tuple[str, ...]
    build: object


REGISTRY: dict[str, ReportSpec] = {}


def register(name: str, title: str, params=()):
    def deco(fn):
        REGISTRY[name] = ReportSpec(name, title, tuple(params), fn)
        return fn

    return deco


def _load():
    for mod in _MODULES:
        importlib.import_module(f"{__package__}.{mod}")


def reports() -> list[ReportSpec]:
    _load()
    return sorted(REGISTRY.values(), key=lambda r: r.name)


def spec_of(name: str) -> ReportSpec:
    _load()
    spec = REGISTRY.get(name)
    if spec is None:
        raise UserError(_("There is no report named {name}.").format(name=name))
    return spec


# Every report may be given the tambon (a district database holds several).
ALWAYS_ACCEPTED = ("tambon",)


def check_params(name: str, params: dict, labels: dict | None = None) -> None:
    """UserError naming the parameters report `name` does not take (given, not None).

    `labels` maps a parameter to how the caller shows it (the CLI: "--fiscal-year")."""
    spec = spec_of(name)
    labels = labels or {}
    extra = [
        k
        for k, v in params.items()
        if v is not None and v is not False and k not in spec.params and k not in ALWAYS_ACCEPTED
    ]
    if extra:
        show = lambda keys: ", ".join(labels.get(k, k) for k in keys) or "-"  # noqa: E731
        raise UserError(
            _("The report {name} does not take {given}; it takes: {accepted}.").format(
                name=name, given=show(extra), accepted=show(spec.params)
            )
        )


def build(ctx, name: str, **params):
    """Build the ReportDocument of report `name` (viewer role is enough to print)."""
    spec = spec_of(name)
    check_params(name, params)
    params = {k: v for k, v in params.items() if k in spec.params or k in ALWAYS_ACCEPTED}
    require(ctx, "viewer", "report " + name)
    doc = spec.build(ctx, **params)
    doc.printed_by = ctx.username
    doc.printed_at = doc.printed_at or _dt.datetime.now()
    return doc


def render(doc, fmt: str, out) -> None:
    if fmt == "pdf":
        from .pdf import render_pdf

        render_pdf(doc, out)
    elif fmt == "xlsx":
        from .xlsx import render_xlsx

        render_xlsx(doc, out)
    else:
        raise UserError(_("The format must be pdf or xlsx."))
