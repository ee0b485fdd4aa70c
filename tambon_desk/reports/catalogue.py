"""The report catalogue (DESIGN §7, §8): name -> Thai title, parameters and a data function.

A report module registers itself with `@register(name, title, params)`; its function takes
the context and the chosen parameters and returns a ReportDocument. The CLI, the GUI and the
tests all build reports through `build(ctx, name, **params)`, then render PDF or XLSX.
"""
from __future__ import annotations

import datetime as _dt
import importlib
from dataclasses import dataclass

from ..auth import require
from ..errors import UserError
from ..i18n import _

_MODULES = ["household_register"]       # areas add their report module here (one line)
_MODULES += ["household_statement", "village_accounts", "participation"]


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str              # translation id
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


def build(ctx, name: str, **params):
    """Build the ReportDocument of report `name` (viewer role is enough to print)."""
    _load()
    spec = REGISTRY.get(name)
    if spec is None:
        raise UserError(_("There is no report named {name}.").format(name=name))
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
