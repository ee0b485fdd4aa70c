"""What the map shows, read from the records: plots, water sources, households, village
centres and land cases, each as a MapItem with a WGS84 shapely geometry.

The map screen, the export and the map pages of reports all draw from `map_items`, so a plot
looks the same on screen, in Google Earth and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry import Point

from .. import geo, land
from ..core.i18n import N_, _
from ..db.models import CostLine, Crop, CropCycle, Household, Plot, Tambon, Village, WaterSource

LAYERS = {
    "plots": N_("Plots"),
    "sources": N_("Water sources"),
    "households": N_("Households"),
    "villages": N_("Village centres"),
    "land_cases": N_("Land cases"),
}


@dataclass
class MapItem:
    layer: str
    id: str
    geometry: object  # shapely, WGS84 lon/lat
    label: str
    style: str = ""  # crop code, source kind, case status …
    props: dict = field(default_factory=dict)
    household_id: str | None = None


def _scope(q, model_village, tambon, village):
    if village is not None:
        q = q.where(model_village.id == getattr(village, "id", village))
    elif tambon is not None:
        q = q.where(model_village.tambon == getattr(tambon, "id", tambon))
    return q


def _point(lat, lon):
    return Point(lon, lat) if lat is not None and lon is not None else None


def _latest_cycles(plot_ids) -> dict[str, tuple]:
    """{plot id: (crop code, crop name, cost per rai in baht or None)} of each latest cycle."""
    out: dict[str, tuple] = {}
    if not plot_ids:
        return out
    rows = (
        CropCycle.select(
            CropCycle.id, CropCycle.plot, CropCycle.year, CropCycle.area_m2, Crop.code, Crop.name_th
        )
        .join(Crop)
        .where(CropCycle.deleted_at.is_null())
        .order_by(CropCycle.year, CropCycle.created_at, CropCycle.id)
        .tuples()
    )
    latest = {}
    for cid, pid, _year, area, code, name in rows:
        latest[pid] = (cid, area, code, name)
    costs: dict[str, int] = {}
    ids = [v[0] for v in latest.values()]
    if ids:
        from peewee import fn

        for cid, total in (
            CostLine.select(CostLine.cycle, fn.SUM(CostLine.amount))
            .where(CostLine.deleted_at.is_null() & CostLine.cycle.in_(ids))
            .group_by(CostLine.cycle)
            .tuples()
        ):
            costs[cid] = total or 0
    for pid, (cid, area, code, name) in latest.items():
        per_rai = (costs[cid] / 100) / (area / 1600) if cid in costs and area else None
        out[pid] = (code, name, per_rai)
    return out


def plot_props(name, village_label, house_no, crop, document, geom, drawn_m2, doc_m2) -> dict:
    """The properties every exported plot carries (issue 16): name … centroid."""
    area = drawn_m2 if drawn_m2 else float(doc_m2 or 0)
    return {
        "layer": "plots",
        "name": name,
        "village": village_label,
        "house_no": house_no,
        "crop": crop,
        "land_document": document,
        "area_m2": round(area, 2),
        "area_rai": float(geo.rai_decimal(area)),
        "area_rai_ngan_wa": geo.rnw_dash(area),
        "centroid": geo.centroid_text(geom),
    }


def _case_status_by_plot() -> dict[str, str]:
    """{plot id or household id: status of its most recent living land case}."""
    out: dict[str, str] = {}
    for c in sorted(land.cases(), key=lambda c: (c["updated_at"], c["id"])):
        for pid in c["plot_ids"]:
            out[pid] = c["status"]
        out[c["household_id"]] = c["status"]
    return out


def _doc_label(key: str) -> str:
    label = land.DOCUMENTS.get(key or "none")
    return _(label) if label else (key or "")


def plot_items(tambon=None, village=None) -> list[MapItem]:
    q = (
        Plot.select(
            Plot.id,
            Plot.name,
            Plot.geometry,
            Plot.geometry_area_m2,
            Plot.area_m2,
            Plot.land_document,
            Household.id,
            Household.house_no,
            Village.moo,
            Village.name,
        )
        .join(Household)
        .join(Village)
        .where(Plot.deleted_at.is_null() & Plot.geometry.is_null(False))
    )
    q = q.order_by(Village.moo, Household.house_no, Plot.name, Plot.id)  # same on every PC
    rows = list(_scope(q, Village, tambon, village).tuples())
    cycles = _latest_cycles([r[0] for r in rows])
    status = _case_status_by_plot()
    out = []
    for pid, name, text, drawn, doc_m2, doc, hid, house_no, moo, vname in rows:
        geom = geo.from_geojson(text)
        if geom is None:
            continue
        code, crop, per_rai = cycles.get(pid, ("", "", None))
        vlabel = _("Moo {moo} {name}").format(moo=moo, name=vname)
        props = plot_props(name, vlabel, house_no, crop, _doc_label(doc), geom, drawn, doc_m2)
        props["document_rai_ngan_wa"] = geo.rnw_dash(doc_m2 or 0)
        props["area_flagged"] = "yes" if geo.area_flagged(drawn, doc_m2) else ""
        item = MapItem("plots", pid, geom, name, code, props, hid)
        item.cost_per_rai = per_rai
        item.land_status = status.get(pid) or status.get(hid) or ""
        out.append(item)
    return out


def source_items(tambon=None, village=None) -> list[MapItem]:
    q = (
        WaterSource.select(WaterSource, Village)
        .join(Village)
        .where(WaterSource.deleted_at.is_null() & WaterSource.lat.is_null(False))
    )
    out = []
    for s in _scope(q, Village, tambon, village).order_by(
        Village.moo, WaterSource.name, WaterSource.id
    ):
        geom = _point(s.lat, s.lon)
        out.append(
            MapItem(
                "sources",
                s.id,
                geom,
                s.name,
                s.kind,
                {
                    "layer": "sources",
                    "name": s.name,
                    "kind": s.kind,
                    "village": _("Moo {moo} {name}").format(moo=s.village.moo, name=s.village.name),
                    "manager": s.manager,
                    "centroid": geo.centroid_text(geom),
                },
            )
        )
    return out


def household_items(tambon=None, village=None) -> list[MapItem]:
    q = (
        Household.select(Household, Village)
        .join(Village)
        .where(Household.deleted_at.is_null() & Household.lat.is_null(False))
    )
    out = []
    for h in _scope(q, Village, tambon, village).order_by(
        Village.moo, Household.house_no, Household.id
    ):
        geom = _point(h.lat, h.lon)
        label = f"{h.house_no} {h.head_name}".strip()
        out.append(
            MapItem(
                "households",
                h.id,
                geom,
                label,
                h.status,
                {
                    "layer": "households",
                    "name": label,
                    "house_no": h.house_no,
                    "village": _("Moo {moo} {name}").format(moo=h.village.moo, name=h.village.name),
                    "head": h.head_name,
                    "members": h.member_count,
                    "centroid": geo.centroid_text(geom),
                },
                h.id,
            )
        )
    return out


def village_items(tambon=None, village=None) -> list[MapItem]:
    q = Village.select().where(Village.deleted_at.is_null() & Village.lat.is_null(False))
    if village is not None:
        q = q.where(Village.id == getattr(village, "id", village))
    elif tambon is not None:
        q = q.where(Village.tambon == getattr(tambon, "id", tambon))
    out = []
    for v in q.order_by(Village.moo):
        geom = _point(v.lat, v.lon)
        label = _("Moo {moo} {name}").format(moo=v.moo, name=v.name)
        out.append(
            MapItem(
                "villages",
                v.id,
                geom,
                label,
                "",
                {
                    "layer": "villages",
                    "name": label,
                    "moo": v.moo,
                    "centroid": geo.centroid_text(geom),
                },
            )
        )
    return out


def land_case_items(tambon=None, village=None, plots: list[MapItem] | None = None) -> list[MapItem]:
    """Cases at their first plot's centre, else at the household's location."""
    by_plot = {p.id: p.geometry for p in (plots if plots is not None else plot_items())}
    out = []
    for c in land.cases(tambon=tambon, village=village):
        geom = next(
            (by_plot[p].representative_point() for p in c["plot_ids"] if p in by_plot), None
        ) or _point(c["lat"], c["lon"])
        if geom is None:
            continue
        label = f"{c['house_no']} {c['head_name']}".strip()
        out.append(
            MapItem(
                "land_cases",
                c["id"],
                geom,
                label,
                c["status"],
                {
                    "layer": "land_cases",
                    "name": label,
                    "house_no": c["house_no"],
                    "village": _("Moo {moo} {name}").format(moo=c["moo"], name=c["village"]),
                    "problem": c["problem_label"],
                    "status": c["status_label"],
                    "document": c["document_label"],
                    "agency": c["agency"],
                    "centroid": geo.centroid_text(geom),
                },
                c["household_id"],
            )
        )
    return out


def map_items(tambon=None, village=None, layers=tuple(LAYERS)) -> dict[str, list[MapItem]]:
    """Every layer's items of a village or tambon (all tambons when both are None)."""
    out: dict[str, list[MapItem]] = {}
    plots = plot_items(tambon, village) if "plots" in layers or "land_cases" in layers else []
    if "plots" in layers:
        out["plots"] = plots
    if "sources" in layers:
        out["sources"] = source_items(tambon, village)
    if "households" in layers:
        out["households"] = household_items(tambon, village)
    if "villages" in layers:
        out["villages"] = village_items(tambon, village)
    if "land_cases" in layers:
        out["land_cases"] = land_case_items(tambon, village, plots)
    return out


def crop_totals(items: list[MapItem]) -> list[tuple[str, str, int, float]]:
    """[(crop code, crop name, plots, rai)] of plot items, largest area first."""
    totals: dict[str, list] = {}
    for it in items:
        key = it.style or ""
        t = totals.setdefault(key, [key, it.props.get("crop") or _("No crop recorded"), 0, 0.0])
        t[2] += 1
        t[3] += it.props["area_m2"] / 1600
    return sorted((tuple(t) for t in totals.values()), key=lambda t: (-round(t[3], 6), t[0]))


def tambon_of(code: str | None):
    if not code:
        return Tambon.alive().order_by(Tambon.created_at).first()
    return Tambon.alive().where(Tambon.code == code).first()
