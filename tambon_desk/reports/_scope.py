"""Which tambon a report is about, and how its heading names the scope.

A tambon report on a database holding several tambons (a district office's) must not
silently print the first one: without `tambon` it stops with a message listing the tambons
to choose from (the CLI prints it as its one-line error)."""

from __future__ import annotations

from .. import registry
from ..core.errors import UserError
from ..core.i18n import _


def one_tambon(tambon=None):
    """The Tambon asked for (a Tambon or a DOPA code); the only one when none is given;
    UserError listing them when the database holds several."""
    if tambon not in (None, ""):
        return registry.resolve_tambon(tambon)
    ts = registry.tambons()
    if len(ts) > 1:
        listed = ", ".join(f"{t.code} {t.name_th}" for t in ts)
        raise UserError(
            _("This database holds several tambons; choose one with --tambon: {tambons}.").format(
                tambons=listed
            )
        )
    return ts[0] if ts else None


def scope_kind(tambon=None, district=None, province=None) -> str | None:
    """ "province", "district" or None (one tambon): what the heading names."""
    if province and not district and not tambon:
        return "province"
    if district and not tambon:
        return "district"
    return None
