"""Monthly rainfall of a tambon (mm), typed or loaded from a file."""

from __future__ import annotations

from ..core.auth import require
from ..core.errors import ValidationError
from ..core.i18n import _
from ..core.records import save_record, tombstone_record, transaction
from ..db.models import Rainfall

# --- rainfall ---------------------------------------------------------------------------


def set_rainfall(ctx, tambon, year_ce: int, by_month: dict) -> int:
    """Save monthly rainfall (mm) of `tambon` for CE `year_ce`; `None` clears a month.
    Returns the number of months changed."""
    errors = {}
    clean = {}
    for m, mm in by_month.items():
        m = int(m)
        if not 1 <= m <= 12:
            errors[f"month.{m}"] = _("Enter a month from 1 to 12.")
            continue
        if mm is None or mm == "":
            clean[m] = None
            continue
        try:
            mm = float(str(mm).replace(",", ""))
            if not 0 <= mm <= 3000:
                raise ValueError
            clean[m] = mm
        except ValueError:
            errors[f"month.{m}"] = _("Rainfall is a number of millimetres from 0 to 3,000.")
    if errors:
        raise ValidationError(errors)
    require(ctx, "clerk", "save rainfall", "rainfall")
    changed = 0
    with transaction(ctx):
        existing = {
            r.month: r
            for r in Rainfall.alive()
            .where((Rainfall.tambon == tambon) & (Rainfall.year == year_ce))
            .order_by(Rainfall.updated_at)
        }
        for m, mm in sorted(clean.items()):
            row = existing.get(m)
            if mm is None:
                if row is not None:
                    tombstone_record(ctx, row)
                    changed += 1
            elif row is None or row.mm != mm:
                save_record(
                    ctx,
                    Rainfall,
                    {"tambon": tambon, "year": year_ce, "month": m, "mm": mm},
                    record=row,
                    role=None,
                )
                changed += 1
    return changed


def rainfall_of(tambon, year_ce: int) -> dict[int, float]:
    # newest wins when two PCs entered the same month (bundles merged, ARCHITECTURE.md, "Exchange")
    return {
        r.month: r.mm
        for r in Rainfall.alive()
        .where((Rainfall.tambon == tambon) & (Rainfall.year == year_ce))
        .order_by(Rainfall.updated_at)
    }


def rainfall_years(tambon) -> list[int]:
    """CE years with any rainfall recorded, newest first."""
    return [
        r.year
        for r in Rainfall.alive()
        .select(Rainfall.year)
        .where(Rainfall.tambon == tambon)
        .distinct()
        .order_by(Rainfall.year.desc())
    ]
