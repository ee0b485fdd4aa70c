"""Figures from the account books: per household, village and tambon, by month and period.

Everything is summed in SQL from living ledger lines through the partial covering index
`ledger_entry_alive_hdca` (household, date, category, amount), grouped per household, month
and category, then folded in Python into `Figures` (integer satang, exact). Definitions:

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

from .i18n import _
from .thai import be_year, fiscal_year_range, month_range, parse_month, year_range

INCOME_GROUPS = ("income_occupation", "income_other")
EXPENSE_GROUPS = ("expense_occupation", "household", "unnecessary", "debt_repayment")


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
        from .thai import format_month
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
    by_group: dict = field(default_factory=dict)      # group -> satang
    by_category: dict = field(default_factory=dict)   # category id -> satang
    lines: int = 0
    households: int = 0                               # households that recorded
    debt: int | None = None                           # outstanding at the end, satang

    def add_line_sum(self, group: str, category_id: str, amount: int, n: int) -> None:
        self.by_group[group] = self.by_group.get(group, 0) + amount
        self.by_category[category_id] = self.by_category.get(category_id, 0) + amount
        self.lines += n

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
    months: list                                      # 'YYYY-MM'
    per_month: dict                                   # month -> Figures
    total: Figures
    target: int | None = None                         # households expected to keep books

    def month(self, key: str) -> Figures:
        return self.per_month[key]


# --- SQL primitives ------------------------------------------------------------------------

def _db():
    from .db.models import LedgerEntry

    return LedgerEntry._meta.database


def _groups() -> dict:
    from .db.models import AccountCategory

    return dict(AccountCategory.select(AccountCategory.id, AccountCategory.group).tuples())


def _line_sums(clause: str, params: list, start: _dt.date, end: _dt.date):
    """Rows (household_id, village_id, 'YYYY-MM', category_id, satang, lines)."""
    sql = ("SELECT e.household_id, h.village_id, substr(e.date, 1, 7), e.category_id, "
           "SUM(e.amount), COUNT(*) FROM household h "
           "JOIN ledger_entry e INDEXED BY ledger_entry_alive_hdca ON e.household_id = h.id "
           f"WHERE {clause} AND h.deleted_at IS NULL AND e.deleted_at IS NULL "
           "AND e.date BETWEEN ? AND ? "
           "GROUP BY e.household_id, substr(e.date, 1, 7), e.category_id")
    return _db().execute_sql(sql, [*params, start.isoformat(), end.isoformat()]).fetchall()


def _debts(clause: str, params: list, last_month: str) -> dict:
    """{household_id: [(month, satang), …]} sorted, up to `last_month`."""
    sql = ("SELECT d.household_id, d.month, d.amount FROM household h "
           "JOIN debt_balance d ON d.household_id = h.id "
           f"WHERE {clause} AND h.deleted_at IS NULL AND d.deleted_at IS NULL "
           "AND d.month <= ? ORDER BY d.household_id, d.month, d.updated_at")
    out: dict = {}
    for hid, m, amount in _db().execute_sql(sql, [*params, last_month]):
        out.setdefault(hid, []).append((m, amount))
    return out


def _carry(history: list, months: list[str]) -> dict:
    """{month: debt} carrying the last known value forward."""
    out, i, last = {}, 0, None
    for m in months:
        while i < len(history) and history[i][0] <= m:
            last = history[i][1]
            i += 1
        out[m] = last
    return out


def debt_by_month(household_ids: list[str], months: list[str]) -> dict:
    """{household_id: {month: satang or None}} with carry-forward."""
    if not household_ids or not months:
        return {}
    ids = list(household_ids)
    hist = {}
    for i in range(0, len(ids), 900):
        part = ids[i:i + 900]
        hist.update(_debts(f"h.id IN ({','.join('?' * len(part))})", part, months[-1]))
    return {hid: _carry(hist.get(hid, []), months) for hid in ids}


def _fold(rows, months: list[str], key_of, debts: dict, households_of=None) -> dict:
    """Fold line sums into {key: Summary}; key_of(row) picks the unit (village, tambon …)."""
    groups = _groups()
    out: dict = {}
    seen_month: dict = {}
    seen_total: dict = {}
    for hid, vid, m, cid, amount, n in rows:
        key = key_of(hid, vid)
        s = out.get(key)
        if s is None:
            s = out[key] = Summary(months, {mm: Figures() for mm in months}, Figures())
        if m not in s.per_month:
            continue
        g = groups.get(cid, "")
        s.per_month[m].add_line_sum(g, cid, amount, n)
        s.total.add_line_sum(g, cid, amount, n)
        seen_month.setdefault((key, m), set()).add(hid)
        seen_total.setdefault(key, set()).add(hid)
    for (key, m), hs in seen_month.items():
        out[key].per_month[m].households = len(hs)
    for key, hs in seen_total.items():
        out[key].total.households = len(hs)
    for (hid, key), by_month in debts.items():
        s = out.get(key)
        if s is None:
            s = out[key] = Summary(months, {mm: Figures() for mm in months}, Figures())
        for m, amount in by_month.items():
            if amount is not None:
                f = s.per_month[m]
                f.debt = (f.debt or 0) + amount
        if months and by_month.get(months[-1]) is not None:
            s.total.debt = (s.total.debt or 0) + by_month[months[-1]]
    return out


def _summaries(clause: str, params: list, start, end, key_of) -> dict:
    months = months_in(start, end)
    rows = _line_sums(clause, params, start, end)
    debts = {}
    if months:
        sql_ids = ("SELECT h.id, h.village_id FROM household h "
                   f"WHERE {clause} AND h.deleted_at IS NULL")
        hv = dict(_db().execute_sql(sql_ids, params).fetchall())
        hist = _debts(clause, params, months[-1])
        debts = {(hid, key_of(hid, hv.get(hid))): _carry(h, months) for hid, h in hist.items()}
    return _fold(rows, months, key_of, debts)


def _empty(start, end) -> Summary:
    months = months_in(start, end)
    return Summary(months, {m: Figures() for m in months}, Figures())


# --- the figures ---------------------------------------------------------------------------

def household_summary(household, start: _dt.date, end: _dt.date) -> Summary:
    """One household's months in [start, end] and the total."""
    hid = getattr(household, "id", household)
    return _summaries("h.id = ?", [hid], start, end, lambda h, v: "h").get(
        "h", _empty(start, end))


def village_summary(village, start: _dt.date, end: _dt.date) -> Summary:
    """One village: sums of its households; `households` = recording households."""
    vid = getattr(village, "id", village)
    s = _summaries("h.village_id = ?", [vid], start, end, lambda h, v: "v").get(
        "v", _empty(start, end))
    s.target = getattr(village, "account_target", None)
    return s


def tambon_summary(tambon, start: _dt.date, end: _dt.date) -> tuple[dict, Summary]:
    """({village_id: Summary} for every living village of the tambon, tambon Summary)."""
    from .db.models import Village

    tid = getattr(tambon, "id", tambon)
    villages = list(Village.alive().where(Village.tambon == tid).order_by(Village.moo))
    clause = "h.village_id IN (SELECT id FROM village WHERE tambon_id = ? AND deleted_at IS NULL)"
    per_village = _summaries(clause, [tid], start, end, lambda h, v: v)
    whole = _summaries(clause, [tid], start, end, lambda h, v: "t").get("t", _empty(start, end))
    out = {}
    for v in villages:
        s = per_village.get(v.id) or _empty(start, end)
        s.target = v.account_target
        out[v.id] = s
    whole.target = sum(v.account_target for v in villages)
    return out, whole


def participation(start: _dt.date, end: _dt.date, villages=None) -> list[dict]:
    """Per village: target, recording households per month and in the whole period.

    Each household-month is one index probe (EXISTS), so a province of thousands of
    households costs tens of thousands of probes, not a scan of millions of lines.
    """
    from .db.models import Village

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
        part = [v.id for v in villages[i:i + 500]]
        sql = (f"WITH m(month, s, e) AS (VALUES {values}) "
               "SELECT h.village_id, m.month, h.id FROM household h, m "
               f"WHERE h.village_id IN ({','.join('?' * len(part))}) AND h.deleted_at IS NULL "
               "AND EXISTS (SELECT 1 FROM ledger_entry e INDEXED BY ledger_entry_alive_hdca "
               "WHERE e.household_id = h.id AND e.deleted_at IS NULL "
               "AND e.date BETWEEN m.s AND m.e)")
        for vid, m, hid in _db().execute_sql(sql, [*bounds, *part]):
            c = counts.setdefault(vid, {})
            c.setdefault(m, set()).add(hid)
    out = []
    for v in villages:
        c = counts.get(v.id, {})
        per_month = {m: len(c.get(m, ())) for m in months}
        anyone = set().union(*c.values()) if c else set()
        target = v.account_target
        out.append({
            "village": v, "target": target, "months": per_month,
            "recorded": len(anyone),
            "percent": {m: (round(100 * n / target, 1) if target else None)
                        for m, n in per_month.items()},
            "period_percent": round(100 * len(anyone) / target, 1) if target else None,
        })
    return out


def money_by_category(codes, village_ids=None, start: _dt.date | None = None,
                      end: _dt.date | None = None) -> dict:
    """{village_id: {'YYYY-MM': satang}} spent/received on categories `codes`.

    The water-account helper rolls up `water_fee` and `pump_fuel` with this.
    """
    from .db.models import AccountCategory

    cids = [c for (c,) in AccountCategory.select(AccountCategory.id)
            .where(AccountCategory.code.in_(list(codes))).tuples()]
    if not cids:
        return {}
    sql = ("SELECT h.village_id, substr(e.date, 1, 7), SUM(e.amount) FROM ledger_entry e "
           "JOIN household h ON h.id = e.household_id "
           "WHERE e.deleted_at IS NULL AND h.deleted_at IS NULL "
           f"AND e.category_id IN ({','.join('?' * len(cids))})")
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
