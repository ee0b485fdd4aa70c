"""Read functions for the reports and screens: the plot register, a household's crop
results, and the enterprises with their members, trainings and book (no writes here)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..core.i18n import _
from ..db.base import database_proxy
from ..db.models import Crop, CropCycle, Equipment, Household, Plot, Village
from ..thai import be_year
from .enterprises import book_summary, enterprises, members_of, trainings_of
from .reference import SEASONS, label
from .summary import cost_summary


@dataclass(frozen=True)
class PlotRow:
    tambon: str
    moo: int
    village: str
    household_id: str
    house_no: str
    head_name: str
    plot_id: str
    name: str
    area_m2: int
    land_document: str
    tenure: str
    rent: int
    water_source: str  # "" = rain-fed
    crop: str  # latest cycle's crop (Thai) or ""
    has_geometry: bool


def plot_register(*, tambon_ids=None, village_ids=None) -> list[PlotRow]:
    where, params = ["p.deleted_at IS NULL", "h.deleted_at IS NULL"], []
    for col, ids in (("v.tambon_id", tambon_ids), ("h.village_id", village_ids)):
        if ids is not None:
            ids = list(ids)
            where.append(f"{col} IN ({','.join('?' * len(ids)) or 'NULL'})")
            params += ids
    sql = (
        "SELECT t.name_th, v.moo, v.name, h.id, h.house_no, h.head_name, p.id, p.name, "
        "p.area_m2, p.land_document, p.tenure, p.rent_satang, COALESCE(w.name, ''), "
        "COALESCE((SELECT cr.name_th FROM crop_cycle c JOIN crop cr ON cr.id = c.crop_id "
        "WHERE c.plot_id = p.id AND c.deleted_at IS NULL ORDER BY c.year DESC, "
        "c.planted_on DESC LIMIT 1), ''), p.geometry IS NOT NULL "
        "FROM plot p JOIN household h ON h.id = p.household_id "
        "JOIN village v ON v.id = h.village_id JOIN tambon t ON t.id = v.tambon_id "
        "LEFT JOIN water_source w ON w.id = p.water_source_id "
        f"WHERE {' AND '.join(where)} ORDER BY t.name_th, v.moo, h.sort_key, h.house_no, "
        "p.name, p.id"
    )
    return [
        PlotRow(*r[:14], bool(r[14]))
        for r in database_proxy.obj.execute_sql(sql, params).fetchall()
    ]


def household_crop_results(household, year_be: int | None = None):
    """The household's cycles with their figures (a CostSummary)."""
    return cost_summary(household_ids=[household.id], year_be=year_be)


@dataclass
class EnterpriseRow:
    enterprise: object
    members: list
    trainings: list
    book: object


def enterprise_rows(
    tambon_ids=None, start: _dt.date | None = None, end: _dt.date | None = None
) -> list[EnterpriseRow]:
    end = end or _dt.date.today()
    start = start or _dt.date(end.year, 1, 1)
    return [
        EnterpriseRow(e, members_of(e), trainings_of(e), book_summary(e, start, end))
        for e in enterprises(tambon_ids)
    ]


def household_by_id(household_id: str):
    """A household (living or not) by id, or None; for screens opened on one household."""
    return Household.get_or_none(Household.id == household_id) if household_id else None


def equipment_by_id(equipment_id: str):
    return Equipment.get_or_none(Equipment.id == equipment_id) if equipment_id else None


def cycle_rows(*, tambon_ids=None, village_ids=None, year_be=None) -> list:
    """Rows of the cycle list on the farming screen (the summary rows, figures included)."""
    return cost_summary(tambon_ids=tambon_ids, village_ids=village_ids, year_be=year_be).rows


def cycle_choices(*, tambon_ids=None, village_ids=None, year_be=None) -> list[tuple[str, str]]:
    """[(cycle id, "หมู่ 1 · 7 สมชาย · นาหลังบ้าน · ข้าวนาปี นาปี 2567")] of living cycles, in
    village, house and season order: the reports screen's choice of one cycle's cost sheet."""
    q = (
        CropCycle.select(
            CropCycle.id,
            CropCycle.season,
            CropCycle.year,
            Plot.name,
            Household.house_no,
            Household.head_name,
            Household.sort_key,
            Village.moo,
            Crop.name_th,
        )
        .join(Plot)
        .join(Household)
        .join(Village)
        .switch(CropCycle)
        .join(Crop)
        .where(
            CropCycle.deleted_at.is_null()
            & Plot.deleted_at.is_null()
            & Household.deleted_at.is_null()
        )
    )
    if tambon_ids is not None:
        q = q.where(Village.tambon.in_(list(tambon_ids)))
    if village_ids is not None:
        q = q.where(Village.id.in_(list(village_ids)))
    if year_be is not None:
        q = q.where(CropCycle.year == int(year_be) - 543)
    rows = q.order_by(Village.moo, Household.sort_key, Plot.name, CropCycle.year.desc()).tuples()
    return [
        (
            cid,
            f"{_('Moo')} {moo} · {no} {head} · {plot} · {crop} "
            f"{label(SEASONS, season)} {be_year(year)}",
        )
        for cid, season, year, plot, no, head, _sk, moo, crop in rows
    ]
