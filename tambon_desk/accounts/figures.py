"""Figures from the account books: per household, village and tambon, by month and period.

Everything is summed in SQL from living ledger lines through the partial covering index
`ledger_entry_alive_hmcad` (household, month, category, amount, date), grouped per
household, month and category in index order (no sort), then folded in Python into
`Figures` (integer satang, exact). Definitions:

* income   = income from occupation + other income
* expense  = occupation costs + household + unnecessary + debt repayment
* savings  = the savings group (money put aside, not spent)
* balance  = income − expense − savings (cash left over)
* unnecessary share = unnecessary / expense, in percent
* debt     = debt outstanding entered per month (DebtBalance); a month without an entry
             carries the last one forward, so a village's debt is the sum of what each
             household last wrote.
* a household *recorded* a month when it has at least one living line in it.

Lines of tombstoned households are left out everywhere.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..core.i18n import _
from ..db import engines
from ..db.models import AccountCategory, LedgerEntry, Village
from ..thai import be_year, fiscal_year_range, month_range, parse_month, year_range
from .chart import EXPENSE_GROUPS, INCOME_GROUPS


def month_key(d: _dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def months_in(start: _dt.date, end: _dt.date) -> list[str]:
    """'YYYY-MM' of every month touching [start, end]."""
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def period(year=None, fiscal_year=None, month=None) -> tuple[_dt.date, _dt.date, str]:
    """(first day, last day, Thai label) of a BE year, BE fiscal year or month "11/2569"."""
    if month is not None:
        y, m = parse_month(str(month)) if not isinstance(month, tuple) else month
        start, end = month_range(y, m)
        from ..thai import format_month

        return start, end, format_month(y, m)
    if fiscal_year is not None:
        start, end = fiscal_year_range(int(fiscal_year))
        return start, end, _("Fiscal year {year}").format(year=int(fiscal_year))
    if year is not None:
        start, end = year_range(int(year))
        return start, end, _("Year {year}").format(year=int(year))
    today = _dt.date.today()
    return period(fiscal_year=be_year(today.year + (1 if today.month >= 10 else 0)))


@dataclass
class Figures:
    """Sums for one unit (household, village, tambon) over one month or a period."""

    by_group: dict = field(default_factory=dict)  # group -> satang
    by_category: dict = field(default_factory=dict)  # category id -> satang
    lines: int = 0
    households: int = 0  # households that recorded
    debt: int | None = None  # outstanding at the end, satang

    def merge(self, other: Figures) -> None:
        """Add another unit's figures (units never share a household)."""
        for g, v in other.by_group.items():
            self.by_group[g] = self.by_group.get(g, 0) + v
        for c, v in other.by_category.items():
            self.by_category[c] = self.by_category.get(c, 0) + v
        self.lines += other.lines
        self.households += other.households
        if other.debt is not None:
            self.debt = (self.debt or 0) + other.debt

    def group(self, name: str) -> int:
        return self.by_group.get(name, 0)

    @property
    def income(self) -> int:
        return sum(self.group(g) for g in INCOME_GROUPS)

    @property
    def expense(self) -> int:
        return sum(self.group(g) for g in EXPENSE_GROUPS)

    @property
    def savings(self) -> int:
        return self.group("savings")

    @property
    def unnecessary(self) -> int:
        return self.group("unnecessary")

    @property
    def balance(self) -> int:
        return self.income - self.expense - self.savings

    @property
    def unnecessary_share(self) -> float | None:
        """Percent of expense spent on unnecessary things (None when nothing was spent)."""
        return None if not self.expense else round(100 * self.unnecessary / self.expense, 2)

    def per_household(self, value: int) -> int | None:
        """Average per recording household, rounded half up to the satang."""
        if not self.households:
            return None
        q, r = divmod(value, self.households)
        return q + (1 if 2 * r >= self.households else 0)


@dataclass
class Summary:
    """Monthly Figures over a period plus the period total."""

    months: list  # 'YYYY-MM'
    per_month: dict  # month -> Figures
    total: Figures
    target: int | None = None  # households expected to keep books

    def month(self, key: str) -> Figures:
        return self.per_month[key]


# --- SQL primitives ------------------------------------------------------------------------


def _db():
    return LedgerEntry._meta.database


def _groups() -> dict:
    return dict(AccountCategory.select(AccountCategory.id, AccountCategory.group).tuples())


_IDS_PER_QUERY = 5000


def _household_villages(clause: str, params: list) -> dict:
    """{household_id: village_id} of living households matching `clause` (alias h)."""
    sql = f"SELECT h.id, h.village_id FROM household h WHERE {clause} AND h.deleted_at IS NULL"
    return dict(_db().execute_sql(sql, params).fetchall())


def _line_sums(household_ids: list, start: _dt.date, end: _dt.date):
    """Rows (household_id, 'YYYY-MM', category_id, satang, lines), in index order.

    The households are given as an IN list (not a join) so SQLite walks the index
    household by household and groups without a temporary B-tree.
    """
    out = []
    months = (month_key(start), month_key(end))
    for i in range(0, len(household_ids), _IDS_PER_QUERY):
        part = household_ids[i : i + _IDS_PER_QUERY]
        sql = (
            "SELECT household_id, substr(date, 1, 7), category_id, SUM(amount), COUNT(*) "
            f"FROM ledger_entry {engines.indexed_by('ledger_entry_alive_hmcad', _db())}"
            f"WHERE household_id IN ({','.join('?' * len(part))}) AND deleted_at IS NULL "
            "AND substr(date, 1, 7) BETWEEN ? AND ? AND date BETWEEN ? AND ? "
            "GROUP BY household_id, substr(date, 1, 7), category_id"
        )
        out += (
            _db().execute_sql(sql, [*part, *months, start.isoformat(), end.isoformat()]).fetchall()
        )
    return out


def _debts(clause: str, params: list, last_month: str) -> dict:
    """{household_id: [(month, satang), …]} sorted, up to `last_month`."""
    sql = (
        "SELECT d.household_id, d.month, d.amount FROM household h "
        "JOIN debt_balance d ON d.household_id = h.id "
        f"WHERE {clause} AND h.deleted_at IS NULL AND d.deleted_at IS NULL "
        "AND d.month <= ? ORDER BY d.household_id, d.month, d.updated_at"
    )
    out: dict = {}
    for hid, m, amount in _db().execute_sql(sql, [*params, last_month]):
        out.setdefault(hid, []).append((m, amount))
    return out


def _carry(history: list, months: list[str]) -> dict:
    """{month: debt} carrying the last known value forward (never into months to come)."""
    out, i, last = {}, 0, None
    now = month_key(_dt.date.today())
    for m in months:
        if m > now:
            out[m] = None
            continue
        while i < len(history) and history[i][0] <= m:
            last = history[i][1]
            i += 1
        out[m] = last
    return out


def _fold(rows, months: list[str], unit_of: dict, debts: dict) -> dict:
    """Fold line sums into {unit: Summary}; `unit_of` maps household -> unit key.

    Per row only the category sum, the line count and the household set are touched; the
    groups are derived from the categories afterwards (rows are many, categories few).
    """
    groups = _groups()
    acc: dict = {}
    for hid, m, cid, amount, n in rows:
        k = (unit_of[hid], m)
        a = acc.get(k)
        if a is None:
            a = acc[k] = ({}, [0], set())
        bc = a[0]
        bc[cid] = bc.get(cid, 0) + amount
        a[1][0] += n
        a[2].add(hid)
    out: dict = {}
    seen: dict = {}

    def summary(key):
        s = out.get(key)
        if s is None:
            s = out[key] = Summary(months, {mm: Figures() for mm in months}, Figures())
        return s

    for (key, m), (by_cat, lines, hs) in acc.items():
        s = summary(key)
        if m not in s.per_month:
            continue
        f = s.per_month[m]
        f.by_category, f.lines, f.households = by_cat, lines[0], len(hs)
        for cid, amount in by_cat.items():
            g = groups.get(cid, "")
            f.by_group[g] = f.by_group.get(g, 0) + amount
        seen.setdefault(key, set()).update(hs)
    for key, s in out.items():
        for m in months:
            s.total.merge(s.per_month[m])
        s.total.households = len(seen.get(key, ()))
        s.total.debt = None
    for hid, by_month in debts.items():
        s = summary(unit_of[hid])
        for m, amount in by_month.items():
            if amount is not None:
                f = s.per_month[m]
                f.debt = (f.debt or 0) + amount
        known = [m for m in months if by_month.get(m) is not None]
        if known:  # the period's debt: at its end, or now if it runs on
            s.total.debt = (s.total.debt or 0) + by_month[known[-1]]
    return out


def _summaries(clause: str, params: list, start, end, unit) -> dict:
    """{unit key: Summary} for the households of `clause`; unit(hid, vid) -> key."""
    months = months_in(start, end)
    hv = _household_villages(clause, params)
    unit_of = {hid: unit(hid, vid) for hid, vid in hv.items()}
    rows = _line_sums(sorted(hv), start, end)
    debts = {}
    if months:
        hist = _debts(clause, params, months[-1])
        debts = {hid: _carry(h, months) for hid, h in hist.items() if hid in unit_of}
    return _fold(rows, months, unit_of, debts)


def _empty(start, end) -> Summary:
    months = months_in(start, end)
    return Summary(months, {m: Figures() for m in months}, Figures())


# --- the figures ---------------------------------------------------------------------------


def household_summary(household, start: _dt.date, end: _dt.date) -> Summary:
    """One household's months in [start, end] and the total."""
    hid = getattr(household, "id", household)
    return _summaries("h.id = ?", [hid], start, end, lambda h, v: "h").get("h", _empty(start, end))


def village_summary(village, start: _dt.date, end: _dt.date) -> Summary:
    """One village: sums of its households; `households` = recording households."""
    vid = getattr(village, "id", village)
    s = _summaries("h.village_id = ?", [vid], start, end, lambda h, v: "v").get(
        "v", _empty(start, end)
    )
    s.target = getattr(village, "account_target", None)
    return s


def tambon_summary(tambon, start: _dt.date, end: _dt.date) -> tuple[dict, Summary]:
    """({village_id: Summary} for every living village of the tambon, tambon Summary)."""
    tid = getattr(tambon, "id", tambon)
    villages = list(Village.alive().where(Village.tambon == tid).order_by(Village.moo))
    clause = "h.village_id IN (SELECT id FROM village WHERE tambon_id = ? AND deleted_at IS NULL)"
    per_village = _summaries(clause, [tid], start, end, lambda h, v: v)
    whole = _empty(start, end)
    out = {}
    for v in villages:
        s = per_village.get(v.id) or _empty(start, end)
        s.target = v.account_target
        out[v.id] = s
        whole.total.merge(s.total)
        for m in s.months:
            whole.per_month[m].merge(s.per_month[m])
    whole.target = sum(v.account_target for v in villages)
    return out, whole


def participation(start: _dt.date, end: _dt.date, villages=None) -> list[dict]:
    """Per village: target, recording households per month and in the whole period.

    Each household-month is one index probe (EXISTS), so a province of thousands of
    households costs tens of thousands of probes, not a scan of millions of lines.
    """
    if villages is None:
        villages = list(Village.alive().order_by(Village.tambon, Village.moo))
    villages = list(villages)
    if not villages:
        return []
    months = months_in(start, end)
    bounds = []
    for m in months:
        y, mm = int(m[:4]), int(m[5:])
        a, b = month_range(y, mm)
        bounds += [m, max(a, start).isoformat(), min(b, end).isoformat()]
    values = ",".join("(?,?,?)" for _m in months)
    counts: dict = {}
    for i in range(0, len(villages), 500):
        part = [v.id for v in villages[i : i + 500]]
        sql = (
            f"WITH m(month, s, e) AS (VALUES {values}) "
            "SELECT h.village_id, m.month, h.id FROM household h CROSS JOIN m "
            f"WHERE h.village_id IN ({','.join('?' * len(part))}) AND h.deleted_at IS NULL "
            "AND EXISTS (SELECT 1 FROM ledger_entry e "
            f"{engines.indexed_by('ledger_entry_alive_hmcad', _db())}"
            "WHERE e.household_id = h.id AND e.deleted_at IS NULL "
            "AND substr(e.date, 1, 7) = m.month AND e.date BETWEEN m.s AND m.e)"
        )
        for vid, m, hid in _db().execute_sql(sql, [*bounds, *part]):
            c = counts.setdefault(vid, {})
            c.setdefault(m, set()).add(hid)
    out = []
    for v in villages:
        c = counts.get(v.id, {})
        per_month = {m: len(c.get(m, ())) for m in months}
        anyone = set().union(*c.values()) if c else set()
        target = v.account_target
        out.append(
            {
                "village": v,
                "target": target,
                "months": per_month,
                "recorded": len(anyone),
                "percent": {
                    m: (round(100 * n / target, 1) if target else None)
                    for m, n in per_month.items()
                },
                "period_percent": round(100 * len(anyone) / target, 1) if target else None,
            }
        )
    return out


def money_by_category(
    codes, village_ids=None, start: _dt.date | None = None, end: _dt.date | None = None
) -> dict:
    """{village_id: {'YYYY-MM': satang}} spent/received on categories `codes`.

    The water-account helper rolls up `water_fee` and `pump_fuel` with this.
    """
    cids = [
        c
        for (c,) in AccountCategory.select(AccountCategory.id)
        .where(AccountCategory.code.in_(list(codes)))
        .tuples()
    ]
    if not cids:
        return {}
    sql = (
        "SELECT h.village_id, substr(e.date, 1, 7), SUM(e.amount) FROM ledger_entry e "
        "JOIN household h ON h.id = e.household_id "
        "WHERE e.deleted_at IS NULL AND h.deleted_at IS NULL "
        f"AND e.category_id IN ({','.join('?' * len(cids))})"
    )
    params: list = list(cids)
    if village_ids is not None:
        vids = list(village_ids)
        if not vids:
            return {}
        sql += f" AND h.village_id IN ({','.join('?' * len(vids))})"
        params += vids
    if start is not None:
        sql += " AND e.date >= ?"
        params.append(start.isoformat())
    if end is not None:
        sql += " AND e.date <= ?"
        params.append(end.isoformat())
    sql += " GROUP BY h.village_id, substr(e.date, 1, 7)"
    out: dict = {}
    for vid, m, amount in _db().execute_sql(sql, params):
        out.setdefault(vid, {})[m] = amount
    return out
