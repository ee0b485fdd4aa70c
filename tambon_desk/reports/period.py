"""The period a report covers: a BE calendar year, a BE fiscal year or one month.

Report parameters `year` (2569), `fiscal_year` (2569: 1 Oct 2568 – 30 Sep 2569) and `month`
("11/2569", "พ.ย. 2569") all come here, from the CLI, the GUI's Reports view and every area's
report, so the date range and its Thai label are worked out once. Dates go through thai.py
(BE years exist only at the edges). Mistakes raise UserError with one translated line.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .. import thai
from ..core.errors import UserError
from ..core.i18n import _

PERIOD_PARAMS = ("year", "fiscal_year", "month")
MIN_BE, MAX_BE = 2400, 2800


@dataclass(frozen=True)
class Period:
    start: _dt.date  # first day, inclusive
    end: _dt.date  # last day, inclusive
    label_th: str  # "ปี พ.ศ. 2569", "ปีงบประมาณ 2569", "เดือนพฤศจิกายน 2569"
    kind: str  # year | fiscal_year | month

    def contains(self, d: _dt.date) -> bool:
        return self.start <= d <= self.end

    def months(self) -> list[tuple[int, int]]:
        """(CE year, month) of every month in the period, in order."""
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def reference_date(self, today: _dt.date | None = None) -> _dt.date:
        """The day to count ages and balances at: the period's last day, or today while the
        period is still running."""
        today = today or _dt.date.today()
        return min(self.end, today) if self.start <= today else self.end

    @classmethod
    def year(cls, be: int) -> Period:
        start, end = thai.year_range(_be_year(be, "--year"))
        return cls(start, end, f"ปี พ.ศ. {int(be)}", "year")

    @classmethod
    def fiscal_year(cls, be: int) -> Period:
        start, end = thai.fiscal_year_range(_be_year(be, "--fiscal-year"))
        return cls(start, end, f"ปีงบประมาณ {int(be)}", "fiscal_year")

    @classmethod
    def month(cls, text) -> Period:
        try:
            y, m = thai.parse_month(str(text))
        except thai.ThaiDateError as exc:
            raise UserError(str(exc)) from None
        start, end = thai.month_range(y, m)
        return cls(start, end, "เดือน" + thai.format_month(y, m, "long"), "month")

    @classmethod
    def from_args(cls, year=None, fiscal_year=None, month=None) -> Period | None:
        """The one period given, or None when none is; more than one is a mistake."""
        given = [
            (k, v)
            for k, v in (("year", year), ("fiscal_year", fiscal_year), ("month", month))
            if v not in (None, "")
        ]
        if not given:
            return None
        if len(given) > 1:
            raise UserError(_("Give only one period: --year, --fiscal-year or --month."))
        kind, value = given[0]
        return {"year": cls.year, "fiscal_year": cls.fiscal_year, "month": cls.month}[kind](value)


def _be_year(value, option: str) -> int:
    try:
        be = int(str(value).strip())
    except ValueError:
        be = None
    if be is None or not MIN_BE <= be <= MAX_BE:
        raise UserError(
            _("{option}: give the year in the Buddhist Era, e.g. 2569 (got {value}).").format(
                option=option, value=value
            )
        )
    return be


def period_from_params(params: dict) -> Period | None:
    """Period.from_args over a report's parameter dict (keys year, fiscal_year, month)."""
    return Period.from_args(**{k: params.get(k) for k in PERIOD_PARAMS})
