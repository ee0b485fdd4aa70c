"""The seed's tables, computed from the projects: per tambon and funding channel, averages
per tambon, the provincial plan, by issue and status, year on year.

Counting rules (stated once, used by the GUI, the reports and the tests):
- A project counts unless it is dropped or in the recycle bin.
- A funding line *counts* once it has an approved amount (0 is an amount: community labour
  with no money still makes an own-means project). A project counts once per channel group
  however many lines it has there; its budget there is the sum of those lines' approved
  amounts. A project with lines in two channels counts in both.
- "Outside agencies" is the seed's heading for the public and private outside channels
  together.
- Averages are over every tambon in the scope (a tambon with no projects counts as zero), so
  a district database gives the district's average per tambon. Average counts are rounded
  half up to 2 decimals and shown without trailing zeros (3.9, 1.58, 3); average budgets are
  rounded half up to the satang (exact integer arithmetic, never floats).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from peewee import JOIN

from ..core.i18n import N_
from ..db import engines
from ..db.models import PlanIssue, Project, Tambon, Village
from .projects import CHANNELS, FLOW, OUTSIDE, STATUSES

# The seed's headings: own means, local government, outside agencies; then the rest.
GROUPS = {
    "own": (N_("Community's own means"), ("own",)),
    "local_gov": (N_("Local government budget"), ("local_gov",)),
    "outside": (N_("Outside agencies"), OUTSIDE),
    "other": (N_("Other"), ("other",)),
}
CHANNEL_GROUPS = {key: (label, (key,)) for key, label in CHANNELS.items()}


def average_count(total: int, n: int) -> Decimal:
    """Projects per tambon, rounded half up to 2 decimals: 47/12 -> 3.92, 19/12 -> 1.58."""
    if n <= 0:
        return Decimal("0.00")
    return (Decimal(total) / Decimal(n)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def average_satang(total: int, n: int) -> int:
    """Satang per tambon, rounded half up to the satang with integers only."""
    if n <= 0:
        return 0
    q, r = divmod(abs(total), n)
    q += 1 if 2 * r >= n else 0
    return q if total >= 0 else -q


def format_count(d: Decimal | int) -> str:
    """3.90 -> '3.9', 1.58 -> '1.58', 3.00 -> '3' (the seed's way of writing averages)."""
    text = f"{Decimal(d):,.2f}"
    return text.rstrip("0").rstrip(".")


def count_value(d: Decimal):
    """The average as a plain number for a report cell: int when whole, else float (3.9)."""
    d = Decimal(d)
    return int(d) if d == d.to_integral_value() else float(d)


@dataclass
class Cell:
    count: int = 0
    approved: int = 0  # satang
    requested: int = 0  # satang (of the counted lines)


@dataclass
class FundingSummary:
    groups: dict  # key -> (label msgid, channels)
    tambons: list  # Tambon rows in the scope
    rows: dict = field(default_factory=dict)  # tambon id -> {group: Cell}
    totals: dict = field(default_factory=dict)  # group -> Cell

    @property
    def n_tambons(self) -> int:
        return len(self.tambons)

    def average_count(self, group: str) -> Decimal:
        return average_count(self.totals[group].count, self.n_tambons)

    def average_budget(self, group: str) -> int:
        return average_satang(self.totals[group].approved, self.n_tambons)


def scope_tambons(
    tambon=None, district_code: str | None = None, province_code: str | None = None
) -> list:
    """Tambons a summary covers: one, a district's, a province's, or all in the database."""
    q = Tambon.alive()
    if tambon is not None:
        q = q.where(Tambon.id == getattr(tambon, "id", tambon))
    if district_code:
        q = q.where(Tambon.district_code == district_code)
    if province_code:
        q = q.where(Tambon.province_code == province_code)
    return list(q.order_by(Tambon.district_code, Tambon.code))


def _where(tambons, fiscal_year, alias="p"):
    sql = [f"{alias}.deleted_at IS NULL", f"{alias}.status != 'dropped'"]
    params: list = []
    if tambons is not None:
        sql.append(engines.in_id_list_sql(f"{alias}.tambon_id", None))
        import json

        params.append(json.dumps([t.id for t in tambons]))
    if fiscal_year:
        sql.append(f"{alias}.fiscal_year = ?")
        params.append(int(fiscal_year))
    return " AND ".join(sql), params


def _case(groups: dict) -> tuple[str, list]:
    whens, params = [], []
    for key, (_label, chans) in groups.items():
        whens.append(f"WHEN f.channel IN ({','.join('?' * len(chans))}) THEN ?")
        params += list(chans) + [key]
    return "CASE " + " ".join(whens) + " END", params


def funding_summary(
    tambon=None,
    district_code=None,
    province_code=None,
    fiscal_year=None,
    groups: dict = GROUPS,
    db=None,
) -> FundingSummary:
    """Per tambon and channel group: projects counted and approved budget; totals; averages.

    One grouped SQL query, so a province (165 tambons, 20,000 projects) stays fast.
    """
    db = db or Project._meta.database
    ts = scope_tambons(tambon, district_code, province_code)
    out = FundingSummary(groups=groups, tambons=ts)
    out.rows = {t.id: {g: Cell() for g in groups} for t in ts}
    out.totals = {g: Cell() for g in groups}
    where, params = _where(ts, fiscal_year)
    case, cparams = _case(groups)
    sql = (
        f"SELECT p.tambon_id, {case} AS g, COUNT(DISTINCT p.id), SUM(f.approved), "
        f"SUM(f.requested) FROM funding_line f JOIN project p ON p.id = f.project_id "
        f"WHERE f.deleted_at IS NULL AND f.approved IS NOT NULL AND {where} "
        f"GROUP BY p.tambon_id, g"
    )
    for tid, g, count, appr, req in db.execute_sql(sql, cparams + params):
        if g is None or tid not in out.rows:
            continue
        cell = out.rows[tid][g]
        cell.count, cell.approved, cell.requested = count, appr or 0, req or 0
        tot = out.totals[g]
        tot.count += count
        tot.approved += appr or 0
        tot.requested += req or 0
    return out


@dataclass
class ProvincialSummary:
    projects: list  # dicts: tambon, title, issue, fiscal_year, amount, status …
    count: int
    total: int  # satang
    by_year: dict  # BE fiscal year -> (count, satang)


def provincial_summary(
    tambon=None, district_code=None, province_code=None, fiscal_year=None
) -> ProvincialSummary:
    """Projects taken into the provincial development plan (not dropped), with amounts.

    `fiscal_year` here is the provincial plan's fiscal year.
    """

    ts = scope_tambons(tambon, district_code, province_code)
    q = (
        Project.select(
            Project.id,
            Project.title,
            Project.provincial_fy,
            Project.provincial_amount,
            Project.status,
            Project.fiscal_year,
            Project.responsible,
            Tambon.name_th.alias("tambon_name"),
            Tambon.code.alias("tambon_code"),
            Village.moo.alias("moo"),
            PlanIssue.name.alias("issue_name"),
        )
        .join(Tambon, on=(Project.tambon == Tambon.id))
        .switch(Project)
        .join(Village, JOIN.LEFT_OUTER, on=(Project.village == Village.id))
        .switch(Project)
        .join(PlanIssue, JOIN.LEFT_OUTER, on=(Project.issue == PlanIssue.id))
        .where(
            Project.deleted_at.is_null()
            & (Project.status != "dropped")
            & (Project.provincial == True)  # noqa: E712
            & Project.tambon.in_([t.id for t in ts])
        )
    )
    if fiscal_year:
        q = q.where(Project.provincial_fy == int(fiscal_year))
    rows = list(q.order_by(Project.provincial_fy, Tambon.code, Project.sort_key).dicts())
    by_year: dict = {}
    for r in rows:
        r["amount"] = r.pop("provincial_amount") or 0
        c, s = by_year.get(r["provincial_fy"], (0, 0))
        by_year[r["provincial_fy"]] = (c + 1, s + r["amount"])
    return ProvincialSummary(rows, len(rows), sum(r["amount"] for r in rows), by_year)


def funding_and_provincial(
    tambon=None, district_code=None, province_code=None, fiscal_year=None
) -> tuple[FundingSummary, ProvincialSummary]:
    """The plan-funding report's two figures for one scope and ONE period: the funding per
    tambon of the projects of `fiscal_year`, and the provincial plan of that same fiscal year
    (not every year's - the figure `provincial-plan` gives for the year)."""
    scope = {"tambon": tambon, "district_code": district_code, "province_code": province_code}
    return (
        funding_summary(fiscal_year=fiscal_year, **scope),
        provincial_summary(fiscal_year=fiscal_year, **scope),
    )


def _issue_key(name):
    return name if name else ""


def by_issue_status(tambon=None, district_code=None, province_code=None, fiscal_year=None):
    """{issue name: {status: count}} over every status (dropped included, to see it), issues
    matched by name so a district database adds up the same issue across tambons.
    Projects without an issue are under ""."""
    ts = scope_tambons(tambon, district_code, province_code)
    sql = (
        "SELECT i.name, p.status, COUNT(*) FROM project p LEFT JOIN plan_issue i "
        "ON i.id = p.issue_id WHERE p.deleted_at IS NULL AND "
        + engines.in_id_list_sql("p.tambon_id", Project._meta.database)
    )
    params = [json.dumps([t.id for t in ts])]
    if fiscal_year:
        sql += " AND p.fiscal_year = ?"
        params.append(int(fiscal_year))
    out: dict = {}
    for name, status, n in Project._meta.database.execute_sql(
        sql + " GROUP BY i.name, p.status", params
    ):
        out.setdefault(_issue_key(name), {s: 0 for s in STATUSES})[status] = n
    return out


def by_issue_channel(
    tambon=None, district_code=None, province_code=None, fiscal_year=None, groups: dict = GROUPS
) -> dict:
    """{issue name: {group: Cell}}, same counting rules as `funding_summary`."""
    ts = scope_tambons(tambon, district_code, province_code)
    where, params = _where(ts, fiscal_year)
    case, cparams = _case(groups)
    sql = (
        f"SELECT i.name, {case} AS g, COUNT(DISTINCT p.id), SUM(f.approved), "
        f"SUM(f.requested) FROM funding_line f JOIN project p ON p.id = f.project_id "
        f"LEFT JOIN plan_issue i ON i.id = p.issue_id "
        f"WHERE f.deleted_at IS NULL AND f.approved IS NOT NULL AND {where} "
        f"GROUP BY i.name, g"
    )
    out: dict = {}
    for name, g, n, appr, req in Project._meta.database.execute_sql(sql, cparams + params):
        if g is None:
            continue
        row = out.setdefault(_issue_key(name), {k: Cell() for k in groups})
        row[g] = Cell(n, appr or 0, req or 0)
    return out


def year_on_year(
    tambon=None, district_code=None, province_code=None, groups: dict = GROUPS
) -> dict:
    """{BE fiscal year: {"projects": n (not dropped), group: Cell, ...}} in year order."""
    ts = scope_tambons(tambon, district_code, province_code)
    where, params = _where(ts, None)
    case, cparams = _case(groups)
    db = Project._meta.database
    out: dict = {}
    for fy, n in db.execute_sql(
        f"SELECT p.fiscal_year, COUNT(*) FROM project p WHERE {where} GROUP BY p.fiscal_year",
        params,
    ):
        out[fy] = {"projects": n, **{g: Cell() for g in groups}}
    sql = (
        f"SELECT p.fiscal_year, {case} AS g, COUNT(DISTINCT p.id), SUM(f.approved), "
        f"SUM(f.requested) FROM funding_line f JOIN project p ON p.id = f.project_id "
        f"WHERE f.deleted_at IS NULL AND f.approved IS NOT NULL AND {where} "
        f"GROUP BY p.fiscal_year, g"
    )
    for fy, g, n, appr, req in db.execute_sql(sql, cparams + params):
        if g is not None and fy in out:
            out[fy][g] = Cell(n, appr or 0, req or 0)
    return dict(sorted(out.items()))


def flow_statuses() -> list[str]:
    return list(FLOW) + ["dropped"]
