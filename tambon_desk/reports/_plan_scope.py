"""What the plan reports share: turning the `tambon` / `district` / `province` parameters into
the set of tambons a summary covers, and the heading that names it."""

from __future__ import annotations

from ..core.i18n import _
from ..plan import scope_tambons
from .model import ReportDocument, headed_document


def resolve(tambon=None, district=None, province=None) -> dict:
    """Keyword arguments for plan_summary functions; `tambon` may be a Tambon or a DOPA code."""
    from ..registry import resolve_tambon

    if isinstance(tambon, str):
        tambon = resolve_tambon(tambon)
    return {"tambon": tambon, "district_code": district or None, "province_code": province or None}


def document(
    name: str, title: str, scope: dict, subtitle: str = "", landscape: bool = False
) -> ReportDocument:
    """A ReportDocument headed by the one tambon, or the district / province it covers."""
    kind = (
        "province"
        if scope.get("province_code")
        and not scope.get("district_code")
        and scope.get("tambon") is None
        else "district"
        if scope.get("district_code") and scope.get("tambon") is None
        else None
    )
    return headed_document(name, title, scope_tambons(**scope), subtitle, landscape, kind)


def fiscal_label(fiscal_year) -> str:
    return _("Fiscal year {fy}").format(fy=fiscal_year) if fiscal_year else ""
