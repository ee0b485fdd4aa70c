"""Map and land reports: the crop issue map's totals, the plot map pages, the land-case
report's counts and action log, as PDF and XLSX."""

import openpyxl
import pytest
from geo_fixtures import google_earth_kmz, qgis_geojson
from pypdf import PdfReader

from tambon_desk import land, maps, registry
from tambon_desk.reports import catalogue
from tambon_desk.reports.model import Figure, Table


@pytest.fixture
def mapped(ctx, tmp_path):
    t = registry.add_tambon(ctx, "800101", [(2, "บ้านสอง"), (3, "บ้านสาม")])
    vs = {v.moo: v for v in registry.villages(t)}
    for moo, house in ((3, "99/9"), (3, "12"), (2, "45")):
        registry.save_household(ctx, vs[moo], house, [{"first_name": "ก", "relation": "head"}])
    for name, data in (("a.kmz", google_earth_kmz()), ("b.geojson", qgis_geojson())):
        p = tmp_path / name
        p.write_bytes(data)
        maps.load_plots(ctx, p)
    return t


def _text(path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_crop_map_totals_per_crop_in_rai(ctx, mapped, tmp_path):
    doc = catalogue.build(ctx, "crop-map")
    assert any(isinstance(b, Figure) and b.png[:4] == b"\x89PNG" for b in doc.blocks)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    by_crop = {r["crop"]: r for r in table.rows}
    # pomelo: the 10-rai plot; mangosteen: 4,000 m² = 2.5 rai; rice: the QGIS multipolygon
    pomelo = next(v for k, v in by_crop.items() if k.startswith("ส้มโอ"))
    assert pomelo["rai"] == pytest.approx(10, abs=0.01) and pomelo["rnw"] == "10-0-0"
    assert by_crop["มังคุด"]["rai"] == pytest.approx(2.5, abs=0.01)
    assert table.totals["rai"] == pytest.approx(10 + 2.5 + 12.5, abs=0.02)
    catalogue.render(doc, "pdf", tmp_path / "crop.pdf")
    text = _text(tmp_path / "crop.pdf")
    assert "มังคุด" in text and "10-0-0" in text
    catalogue.render(doc, "xlsx", tmp_path / "crop.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "crop.xlsx")
    cells = [c.value for ws in wb for row in ws.iter_rows() for c in row]
    assert "มังคุด" in cells


def test_plot_map_pages_one_per_village_with_area_table(ctx, mapped, tmp_path):
    doc = catalogue.build(ctx, "plots-map")
    figures = [b for b in doc.blocks if isinstance(b, Figure)]
    assert len(figures) == 2  # moo 2 and moo 3 have plots
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    moo3 = next(t for t in tables if "3" in t.title)
    assert {r["drawn"] for r in moo3.rows} >= {"10-0-0"}
    one = catalogue.build(ctx, "plots-map", village=2)
    assert len([b for b in one.blocks if isinstance(b, Figure)]) == 1
    catalogue.render(doc, "pdf", tmp_path / "plots.pdf")
    assert len(PdfReader(tmp_path / "plots.pdf").pages) >= 2


def test_land_cases_report_counts_and_log(ctx, mapped, tmp_path):
    (h,) = maps.find_households("3/99/9")
    (h2,) = maps.find_households("2/45")
    c1 = land.save_case(
        ctx,
        {"household": h, "problem": "state_land", "state_land": "forest", "opened_on": "1/2/2569"},
    )
    land.add_action(ctx, c1, "3/3/2569", "ส่งเรื่องให้ป่าไม้", status="referred", agency="ป่าไม้จังหวัด")
    land.save_case(ctx, {"household": h2, "problem": "landless", "opened_on": "5/2/2569"})
    land.save_meeting(
        ctx,
        {"tambon": mapped, "held_on": "10/3/2569", "title": "ครั้งที่ 1"},
        decisions=[{"decision": "รังวัดร่วม", "case": c1}],
    )
    doc = catalogue.build(ctx, "land-cases")
    by_status = next(b for b in doc.blocks if isinstance(b, Table))
    row = next(r for r in by_status.rows if r["problem"] == "ทับซ้อนที่ดินของรัฐ")
    assert row["referred"] == 1 and row["total"] == 1
    assert by_status.totals["total"] == 2 and by_status.totals["open"] == 1
    log = next(b for b in doc.blocks if isinstance(b, Table) and b.sheet_name == "บันทึกการดำเนินการ")
    assert [r["action"] for r in log.rows if r["house"] == "3/99/9"] == ["เปิดเรื่อง", "ส่งเรื่องให้ป่าไม้"]
    catalogue.render(doc, "pdf", tmp_path / "land.pdf")
    text = _text(tmp_path / "land.pdf")
    assert "ส่งเรื่องให้ป่าไม้" in text and "รังวัดร่วม" in text
    catalogue.render(doc, "xlsx", tmp_path / "land.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "land.xlsx")
    assert any("ป่าไม้จังหวัด" == c.value for ws in wb for row in ws.iter_rows() for c in row)
