"""Cost figures over many cycles (village, tambon, district), read in a few SQL queries.

Lines are summed in SQL by (cycle, kind, cash); only depreciation lines, whose imputed
interest is rounded line by line, are read one by one. The per-cycle arithmetic is the same
`figures.compute` the cycle sheet uses, so a report and the sheet always agree.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

from ..db import engines
from ..db.base import database_proxy
from .figures import (
    STRUCTURE,
    STRUCTURE_ORDER_NO_INTEREST,
    Comparison,
    CycleInput,
    Figures,
    Totals,
    compare,
    div_round,
    from_sums,
    months_between,
    ratio,
    revenue_of,
)
from .reference import ReferenceFigure, age_class_for, is_fixed, reference_for, settings

SUM_GROUPS = STRUCTURE_ORDER_NO_INTEREST
PERENNIAL_MONTHS = Decimal(12)
DEFAULT_MONTHS = Decimal(4)


@dataclass(slots=True)
class CycleRow:
    cycle_id: str
    tambon_id: str
    tambon: str
    village_id: str
    moo: int
    village: str
    household_id: str
    house_no: str
    head_name: str
    plot: str
    crop: str
    crop_name: str
    season: str
    year: int  # CE
    planting_year: int | None
    inputs: tuple = ()  # (CycleInput, variable, fixed, cash, structure, eq interest, rate)
    reference: ReferenceFigure | None = None
    _figures: Figures | None = None

    @property
    def figures(self) -> Figures:
        """The cycle's figures, computed when first asked for (a district summary of
        30,000 cycles needs only their sums; a report's rows need them all)."""
        if self._figures is None:
            cyc, variable, fixed, cash, sums, eq, rate = self.inputs
            struct = dict(zip(SUM_GROUPS, sums[3:], strict=True))
            self._figures = from_sums(cyc, variable, fixed, cash, struct, eq, rate)
        return self._figures

    @property
    def comparison(self) -> Comparison | None:
        return compare(self.figures, self.reference)

    @property
    def age(self) -> int | None:
        return self.year - self.planting_year if self.planting_year else None

    @property
    def age_class(self):
        """The perennial's age class in the season (None: unknown or none sourced)."""
        return age_class_for(self.crop, self.age) if self.age is not None else None


@dataclass
class CostSummary:
    rate: Decimal
    rows: list[CycleRow] = field(default_factory=list)
    by_crop: dict = field(default_factory=dict)  # crop code -> combined Figures
    crop_names: dict = field(default_factory=dict)
    comparisons: dict = field(default_factory=dict)  # crop code -> Comparison | None
    references: dict = field(default_factory=dict)  # crop code -> ReferenceFigure | None


def _db():
    return database_proxy.obj


def cost_summary(
    *,
    tambon_ids=None,
    village_ids=None,
    household_ids=None,
    year_be=None,
    crop_codes=None,
    rate=None,
) -> CostSummary:
    """Every living cycle in the scope (None: the whole database) with its figures, and
    the combined figures per crop with the OAE comparison. `year_be`: season year (B.E.)."""
    rate = settings().rate if rate is None else Decimal(str(rate))
    where, params = ["c.deleted_at IS NULL", "p.deleted_at IS NULL", "h.deleted_at IS NULL"], []
    for col, ids in (
        ("v.tambon_id", tambon_ids),
        ("h.village_id", village_ids),
        ("p.household_id", household_ids),
        ("cr.code", crop_codes),
    ):
        if ids is not None:
            ids = list(ids)
            where.append(f"{col} IN ({','.join('?' * len(ids)) or 'NULL'})")
            params += ids
    if year_be is not None:
        where.append("c.year = ?")
        params.append(int(year_be) - 543)
    clause = " AND ".join(where)
    base = (
        "FROM crop_cycle c JOIN plot p ON p.id = c.plot_id "
        "JOIN household h ON h.id = p.household_id JOIN village v ON v.id = h.village_id "
        "JOIN tambon t ON t.id = v.tambon_id JOIN crop cr ON cr.id = c.crop_id "
        f"WHERE {clause}"
    )
    db = _db()
    cycles = db.execute_sql(
        "SELECT c.id, t.id, t.name_th, v.id, v.moo, v.name, h.id, h.house_no, h.head_name, "
        "p.name, cr.code, cr.name_th, cr.perennial, c.season, c.year, c.planting_year, "
        "c.area_m2, c.yield_kg, c.price, c.months, c.planted_on, c.harvested_on "
        + base
        + " ORDER BY t.name_th, v.moo, h.sort_key, h.house_no, p.name, c.year, c.season, c.id",
        params,
    ).fetchall()
    # The cycles' ids, handed to the two line queries as one JSON parameter (no limit on
    # their number, and the five-table scope join is not run again).
    scope = json.dumps([r[0] for r in cycles])
    # One row per cycle: fixed, total and cash sums, then one sum per structure group
    # (read in cycle order from the covering index cost_line_alive_cycle_kind).
    gkeys = SUM_GROUPS
    width = 3 + len(gkeys)

    def kinds_in(pred) -> str:
        return "(" + ",".join(f"'{k}'" for k in STRUCTURE if pred(k)) + ")"

    known = kinds_in(lambda k: True)
    group_sums = ", ".join(
        f"SUM(CASE WHEN l.kind IN {kinds_in(lambda k, g=g: STRUCTURE[k] == g)} THEN l.amount "
        "ELSE 0 END)"
        if g != "other"
        else f"SUM(CASE WHEN l.kind IN {kinds_in(lambda k: STRUCTURE[k] == 'other')} "
        f"OR l.kind NOT IN {known} THEN l.amount ELSE 0 END)"
        for g in gkeys
    )
    lines = {
        row[0]: row[1:]
        for row in db.execute_sql(
            f"SELECT l.cycle_id, SUM(CASE WHEN l.kind IN {kinds_in(is_fixed)} THEN l.amount "
            f"ELSE 0 END), SUM(l.amount), SUM(CASE WHEN l.cash THEN l.amount ELSE 0 END), "
            f"{group_sums} FROM cost_line l WHERE l.deleted_at IS NULL AND "
            f"{engines.in_id_list_sql('l.cycle_id', db)} GROUP BY l.cycle_id",
            (scope,),
        )
    }
    rn, rd = ratio(rate)
    rd100 = rd * 100
    deps: dict = {}
    for cid, qty, cost, salvage in db.execute_sql(
        "SELECT l.cycle_id, l.quantity, e.cost, e.salvage "
        "FROM cost_line l JOIN equipment e ON e.id = l.equipment_id "
        "WHERE l.deleted_at IS NULL AND l.kind = 'depreciation' AND "
        f"{engines.in_id_list_sql('l.cycle_id', db)}",
        (scope,),
    ):
        qn, qd = ratio(qty)
        deps.setdefault(cid, []).append((qn, qd, div_round(cost + salvage, 2)))
    out = CostSummary(rate)
    # per crop: [area, yield (whole kg), yield (other, Decimal), variable, working interest,
    # fixed, equipment interest, cash, revenue, *structure sums]
    accs: dict = {}
    refs: dict = {}
    classes: dict = {}  # (crop, age) -> age-class code (one file read per summary)
    mratio: dict = {}
    empty = (0,) * width
    den = rd * 1200
    rows = out.rows
    for r in cycles:
        (
            cid,
            tid,
            tname,
            vid,
            moo,
            vname,
            hid,
            house_no,
            head,
            plot,
            code,
            cname,
            perennial,
            season,
            year,
            py,
            area,
            ykg,
            price,
            months,
            planted,
            harvested,
        ) = r
        if not months:
            m = months_between(
                _dt.date.fromisoformat(planted) if planted else None,
                _dt.date.fromisoformat(harvested) if harvested else None,
            )
            months = m or (PERENNIAL_MONTHS if perennial else DEFAULT_MONTHS)
        sums = lines.get(cid) or empty
        fixed = sums[0]
        variable = sums[1] - fixed
        eq = wi = 0
        if rn:
            for qn, qd, value in deps.get(cid, ()):
                eq += div_round(value * rn * qn, rd100 * qd)
            mr = mratio.get(months)
            if mr is None:
                mr = mratio[months] = ratio(months)
            wi = div_round(variable * rn * mr[0], den * mr[1])
        acc = accs.get(code)
        if acc is None:
            acc = accs[code] = [0, 0, Decimal(0), 0, 0, 0, 0, 0, 0] + [0] * (width - 3)
            out.crop_names[code] = cname
        acc[0] += area
        if ykg:
            if ykg.is_integer() if isinstance(ykg, float) else isinstance(ykg, int):
                acc[1] += int(ykg)
                revenue = int(ykg) * price
            else:
                acc[2] += Decimal(str(ykg))
                revenue = revenue_of(ykg, price)
        else:
            revenue = 0
        acc[3] += variable
        acc[4] += wi
        acc[5] += fixed
        acc[6] += eq
        acc[7] += sums[2]
        acc[8] += revenue
        for i in range(3, width):
            acc[i + 6] += sums[i]
        cls = None
        if py:
            ck = (code, year - py)
            if ck not in classes:
                found = age_class_for(code, year - py)
                classes[ck] = found.code if found else None
            cls = classes[ck]
        key = (code, year, cls)
        ref = refs.get(key)
        if ref is None and key not in refs:
            ref = refs[key] = reference_for(code, year + 543, key[2])
        rows.append(
            CycleRow(
                cid,
                tid,
                tname,
                vid,
                moo,
                vname,
                hid,
                house_no,
                head,
                plot,
                code,
                cname,
                season,
                year,
                py,
                (
                    CycleInput(area, ykg or None, price, months),
                    variable,
                    fixed,
                    sums[2],
                    sums,
                    eq,
                    rate,
                ),
                ref,
            )
        )
    for code, acc in accs.items():
        t = Totals()
        t.add(
            acc[0],
            None,
            acc[3],
            acc[4],
            acc[5],
            acc[6],
            acc[7],
            acc[8],
            dict(zip(SUM_GROUPS, acc[9:], strict=True)),
        )
        t.yield_int, t.yield_dec = acc[1], acc[2]
        out.by_crop[code] = t.figures(rate)
        ref = reference_for(code, year_be)
        out.references[code] = ref
        out.comparisons[code] = compare(out.by_crop[code], ref)
    return out
