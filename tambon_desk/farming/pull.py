"""Pulling occupation expenses already keyed in the household book into a crop cycle.

Each ledger line becomes one cost line that remembers it (`CostLine.ledger_entry`); a line
already pulled into any living cost line is never offered or pulled again, so nothing is
typed twice or counted twice.
"""

from __future__ import annotations

import datetime as _dt

from .. import accounts
from ..core.i18n import _
from ..core.records import transaction
from ..db.models import CostLine
from .cycles import add_line

# household-book category code -> cost kind
CATEGORY_KINDS = {
    "seed": "seed",
    "fert": "fertiliser",
    "chem": "pesticide",
    "fuel": "fuel",
    "pump_fuel": "fuel",
    "labour": "labour",
    "machine": "machinery",
    "land_rent": "land",
    "water_fee": "water",
    "occ_other": "other_variable",
}
LEAD_DAYS = 60  # inputs bought up to two months before planting belong to the cycle


def _window(cycle) -> tuple[_dt.date, _dt.date]:
    if cycle.planted_on:
        start = cycle.planted_on - _dt.timedelta(days=LEAD_DAYS)
    else:
        start = _dt.date(cycle.year, 1, 1)
    end = cycle.harvested_on or (
        _dt.date(cycle.year + 1, 12, 31)
        if not cycle.planted_on
        else cycle.planted_on + _dt.timedelta(days=366)
    )
    return start, end


def pulled_entry_ids(entry_ids) -> set:
    ids = list(entry_ids)
    if not ids:
        return set()
    return {
        r[0]
        for r in CostLine.select(CostLine.ledger_entry)
        .where(CostLine.ledger_entry.in_(ids) & CostLine.deleted_at.is_null())
        .tuples()
    }


def book_candidates(cycle, start: _dt.date | None = None, end: _dt.date | None = None) -> list:
    """[(ledger line, cost kind)] of the household's occupation expenses in the cycle's
    window that no living cost line has taken yet."""
    household = cycle.plot.household
    w0, w1 = _window(cycle)
    entries = accounts.entries_of(household, start or w0, end or w1)
    wanted = [e for e in entries if e.category.code in CATEGORY_KINDS]
    taken = pulled_entry_ids(e.id for e in wanted)
    return [(e, CATEGORY_KINDS[e.category.code]) for e in wanted if e.id not in taken]


def pull_from_book(ctx, cycle, entries=None) -> list:
    """Make a cost line of each given ledger line (default: every candidate); returns the
    new lines. Lines pulled before (by anyone) are skipped."""
    pairs = book_candidates(cycle)
    if entries is not None:
        wanted = {e.id for e in entries}
        pairs = [(e, k) for e, k in pairs if e.id in wanted]
    out = []
    with transaction(ctx):
        taken = pulled_entry_ids(e.id for e, _k in pairs)
        for e, kind in pairs:
            if e.id in taken:
                continue
            item = e.category.name_th + (f" – {e.note}" if e.note else "")
            out.append(
                add_line(
                    ctx,
                    cycle,
                    kind,
                    item=item,
                    quantity=1,
                    unit_price=e.amount,
                    cash=True,
                    ledger_entry=e,
                    note=_("From the household book, {date}").format(date=e.date.isoformat()),
                )
            )
    return out
