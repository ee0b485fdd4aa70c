"""Demo map data: village centres, water sources and households as points, plots as polygons
around the villages (pomelo, mangosteen, rice, rubber), and a few land cases with their action
log and a meeting of the land working group.

Runs after the households and water modules (and the farming one, when present): plots the
farming demo made get a drawn shape of their own area; otherwise plots are added. Two plots
are drawn about 15 % larger than their land document, so the area flag shows. Through the
audited services (a few hundred records).
"""

from __future__ import annotations

import datetime as _dt
import math

from shapely.geometry import Polygon

from .. import geo, land, maps, registry, water
from ..core.records import save_record
from ..db.models import Crop, CropCycle, Household, Plot

# (crop code, share of plots, rai from-to)
CROPS = [
    ("rubber", 0.35, (5, 20)),
    ("pomelo", 0.25, (2, 6)),
    ("mangosteen", 0.2, (2, 8)),
    ("rice_main", 0.2, (3, 12)),
]
CELL_M = 230.0


def _rect(lon0, lat0, cx, cy, area_m2, angle, rng):
    """A rotated rectangle of `area_m2` centred (cx, cy) metres from (lon0, lat0), in lon/lat."""
    w = math.sqrt(area_m2 / rng.uniform(1.2, 2.0))
    h = area_m2 / w
    ca, sa = math.cos(angle), math.sin(angle)
    kx = 111_320.0 * math.cos(math.radians(lat0))
    pts = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        x, y = cx + dx * ca - dy * sa, cy + dx * sa + dy * ca
        pts.append((lon0 + x / kx, lat0 + y / 110_574.0))
    return Polygon(pts)


def _cells():
    """Grid cells around a village centre, nearest first, leaving the centre for houses."""
    cells = [(i, j) for i in range(-4, 5) for j in range(-4, 5) if max(abs(i), abs(j)) >= 1]
    return sorted(cells, key=lambda c: (c[0] ** 2 + c[1] ** 2, c))


def _pick_crop(rng):
    x, acc = rng.random(), 0.0
    for code, share, rai in CROPS:
        acc += share
        if x <= acc:
            return code, rai
    return CROPS[-1][0], CROPS[-1][2]


def build(ctx, rng, progress=None) -> None:
    tambon = registry.home_tambon()
    if tambon is None:
        return
    crops = {c.code: c for c in Crop.select()}
    year = _dt.date.today().year
    vs = registry.villages(tambon)
    made = 0
    for n, v in enumerate(vs):
        homes = list(
            Household.select()
            .where(
                (Household.village == v.id)
                & Household.deleted_at.is_null()
                & Household.lat.is_null(False)
            )
            .order_by(Household.house_no)
        )
        if not homes:
            continue
        lat0 = sum(h.lat for h in homes) / len(homes)
        lon0 = sum(h.lon for h in homes) / len(homes)
        maps.set_village_centre(ctx, v, round(lat0, 6), round(lon0, 6))
        for s in water.sources_of(village=v):
            maps.set_source_location(
                ctx,
                s,
                round(lat0 + rng.uniform(-0.003, 0.003), 6),
                round(lon0 + rng.uniform(-0.003, 0.003), 6),
            )
        cells = iter(_cells())
        existing = list(
            Plot.select()
            .join(Household)
            .where(
                (Household.village == v.id) & Plot.deleted_at.is_null() & Plot.geometry.is_null()
            )
        )
        for p in existing:  # the farming demo's plots: draw them
            cell = next(cells, None)
            if cell is None:
                break
            shape = _rect(
                lon0,
                lat0,
                cell[0] * CELL_M,
                cell[1] * CELL_M,
                p.area_m2,
                rng.uniform(0, math.pi),
                rng,
            )
            maps.set_plot_geometry(ctx, p, shape)
        if not existing:
            for h in homes[: max(2, len(homes) * 35 // 100)]:
                for k in range(rng.choice((1, 1, 2))):
                    cell = next(cells, None)
                    if cell is None:
                        break
                    code, (lo, hi) = _pick_crop(rng)
                    doc_m2 = int(rng.randint(lo * 4, hi * 4) * 400)  # whole ngan
                    drawn = doc_m2 * (1.15 if made % 40 == 7 else rng.uniform(0.97, 1.03))
                    shape = _rect(
                        lon0,
                        lat0,
                        cell[0] * CELL_M + rng.uniform(-20, 20),
                        cell[1] * CELL_M + rng.uniform(-20, 20),
                        drawn,
                        rng.uniform(0, math.pi),
                        rng,
                    )
                    crop = crops.get(code)
                    plot = save_record(
                        ctx,
                        Plot,
                        {
                            "household": h.id,
                            "name": f"แปลง{crop.name_th if crop else ''} {k + 1}",
                            "area_m2": doc_m2,
                            "land_document": rng.choice(
                                ("chanote", "chanote", "ns3k", "spk401", "none")
                            ),
                            "geometry": geo.to_geojson(shape),
                            "geometry_area_m2": geo.geodesic_area_m2(shape),
                        },
                    )
                    if crop is not None:
                        save_record(
                            ctx,
                            CropCycle,
                            {
                                "plot": plot.id,
                                "crop": crop.id,
                                "season": "year" if crop.perennial else "main",
                                "year": year,
                                "area_m2": doc_m2,
                            },
                        )
                    made += 1
        if progress:
            progress(n + 1, len(vs) + 1, "")
    _land_cases(ctx, rng, tambon, vs)
    if progress:
        progress(len(vs) + 1, len(vs) + 1, "")


def _land_cases(ctx, rng, tambon, vs) -> None:
    """Six cases across the problem kinds, a dated log each, and one meeting's decisions."""
    today = _dt.date.today()
    with_plots = list(Plot.select().where(Plot.deleted_at.is_null()).order_by(Plot.id).limit(40))
    landless = list(
        Household.select()
        .where(
            Household.deleted_at.is_null()
            & Household.id.not_in(Plot.select(Plot.household).where(Plot.deleted_at.is_null()))
        )
        .order_by(Household.house_no)
        .limit(2)
    )
    specs = []
    if landless:
        specs.append(
            (
                landless[0],
                [],
                "landless",
                "",
                "none",
                "referred",
                "สำนักงานจัดการที่ดินจังหวัด",
                ["สำรวจความต้องการที่ดินทำกิน", "ส่งรายชื่อเข้าโครงการจัดที่ดินทำกิน"],
            )
        )
    picks = rng.sample(with_plots, min(5, len(with_plots)))
    kinds = [
        (
            "state_land",
            "alro",
            "spk401",
            "in_progress",
            "ส.ป.ก. จังหวัด",
            ["ตรวจสอบแนวเขต ส.ป.ก. ทับแปลง", "รังวัดร่วมกับเจ้าหน้าที่ ส.ป.ก."],
        ),
        ("state_land", "forest", "none", "open", "", ["รับเรื่องร้องเรียน"]),
        ("no_title", "", "none", "referred", "สำนักงานที่ดินอำเภอ", ["ยื่นคำขอออก น.ส.3 ก"]),
        (
            "debt_risk",
            "",
            "chanote",
            "in_progress",
            "ธ.ก.ส. สาขา",
            ["เจรจาปรับโครงสร้างหนี้", "เข้ากองทุนหมู่บ้านช่วยชำระ"],
        ),
        (
            "dispute",
            "",
            "ns3k",
            "resolved",
            "ผู้ใหญ่บ้าน",
            ["ไกล่เกลี่ยแนวเขตกับเพื่อนบ้าน", "ตกลงแนวเขตได้ ลงนามบันทึก"],
        ),
    ]
    for p, k in zip(picks, kinds, strict=False):
        specs.append((p.household, [p.id], *k))
    cases = []
    for i, (hh, plot_ids, problem, state_land, doc, status, agency, steps) in enumerate(specs):
        opened = today - _dt.timedelta(days=200 - i * 20)
        case = land.save_case(
            ctx,
            {
                "household": hh,
                "plot_ids": plot_ids,
                "problem": problem,
                "state_land": state_land,
                "document": doc,
                "opened_on": opened,
                "area_m2": Plot.get_by_id(plot_ids[0]).area_m2 if plot_ids else None,
            },
        )
        for j, text in enumerate(steps):
            last = j == len(steps) - 1
            land.add_action(
                ctx,
                case,
                opened + _dt.timedelta(days=30 * (j + 1)),
                text,
                status=status if last and status != "open" else "",
                agency=agency if last else "",
            )
        cases.append(case)
    if cases:
        land.save_meeting(
            ctx,
            {
                "tambon": tambon,
                "held_on": today - _dt.timedelta(days=45),
                "title": "ประชุมคณะทำงานด้านที่ดินตำบล ครั้งที่ 1",
                "place": "ศาลาประชาคมหมู่ 1",
                "attendees": "กำนัน ผู้ใหญ่บ้าน ปลัด อบต. ผู้แทน ส.ป.ก. ผู้แทนสำนักงานที่ดิน",
            },
            decisions=[
                {
                    "decision": "เร่งรังวัดแปลงที่ทับซ้อนเขต ส.ป.ก.",
                    "case": cases[min(1, len(cases) - 1)],
                    "responsible": "ผู้แทน ส.ป.ก.",
                },
                {
                    "decision": "สำรวจครัวเรือนไร้ที่ดินทำกินทั้งตำบลให้เสร็จ ภายในไตรมาสหน้า",
                    "responsible": "อบต.",
                },
            ],
        )
