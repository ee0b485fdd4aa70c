"""maps: plots loaded from map files onto households, re-loads, export from the records, CLI."""

import pytest
from geo_fixtures import google_earth_kmz, handheld_gpx, land_office_shapefile_zip, qgis_geojson

from tambon_desk import geo, land, maps, registry
from tambon_desk.core.errors import UserError, ValidationError
from tambon_desk.db.models import AuditLog, CropCycle, Plot


@pytest.fixture
def tambon(ctx):
    t = registry.add_tambon(ctx, "800101", [(2, "บ้านสอง"), (3, "บ้านสาม")])
    vs = {v.moo: v for v in registry.villages(t)}
    for moo, house, name in ((3, "99/9", "สมชาย"), (3, "12", "บุญมี"), (2, "45", "ประเสริฐ")):
        registry.save_household(ctx, vs[moo], house, [{"first_name": name, "relation": "head"}])
    return t


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_google_earth_kmz_loads_on_the_named_households_and_reload_updates(ctx, tambon, tmp_path):
    path = write(tmp_path, "plots.kmz", google_earth_kmz())
    dry = maps.load_plots(ctx, path, dry_run=True)
    assert dry.result.counts["plots"]["added"] == 2 and Plot.select().count() == 0
    assert [e.row for e in dry.result.errors] == [3]  # the well names no household
    maps.load_plots(ctx, path)
    plots = {p.name: p for p in Plot.select()}
    assert set(plots) == {"แปลงส้มโอ นายสมชาย", "แปลงมีสระ"}
    a = plots["แปลงส้มโอ นายสมชาย"]
    assert a.household.house_no == "99/9" and abs(a.geometry_area_m2 - 16000) < 4
    assert a.area_m2 == 16000  # no document area: the drawn one
    crops = {c.plot.name: c.crop.name_th for c in CropCycle.select()}
    assert crops["แปลงส้มโอ นายสมชาย"].startswith("ส้มโอ")
    again = maps.load_plots(ctx, path)
    assert again.result.counts["plots"] == {"added": 0, "updated": 0, "unchanged": 2}
    assert Plot.select().count() == 2
    assert AuditLog.select().where(AuditLog.table == "plot").count() == 2


def test_gpx_of_one_household_with_household_option_and_reload_updates_geometry(
    ctx, tambon, tmp_path
):
    data, n = handheld_gpx()
    path = write(tmp_path, "walk.gpx", data)
    load = maps.load_plots(ctx, path, household="3/12")
    # the waypoint is a point plot, the closed track a polygon; both on house 12
    assert load.result.counts["plots"]["added"] == 2
    trk = Plot.get(Plot.name == "ACTIVE LOG 001")
    assert trk.household.house_no == "12"
    assert len(geo.from_geojson(trk.geometry).exterior.coords) == n + 1
    data2, _n = handheld_gpx(gap_m=2.0)
    again = maps.load_plots(ctx, write(tmp_path, "walk2.gpx", data2), household="3/12")
    assert again.result.counts["plots"]["updated"] >= 1 and Plot.select().count() == 2
    # the bulk update raises the row version, as a save does (the optimistic check sees it)
    assert trk.row_version == 1
    moved = Plot.get_by_id(trk.id)
    assert moved.geometry != trk.geometry and moved.row_version == 2
    with pytest.raises(UserError):
        maps.load_plots(ctx, path, household="9/999")


def test_unknown_household_and_mapping_remembered(ctx, tambon, tmp_path):
    path = write(tmp_path, "parcels.zip", land_office_shapefile_zip())
    # the DBF holds MOO and HOUSE_NO: found by their names; the parcel number is the name
    load = maps.load_plots(ctx, path, mapping={"name": "PARCEL_NO"})
    assert Plot.get().name == "4521" and load.result.counts["plots"]["added"] == 1
    assert maps.saved_mapping(load.attributes) == {"name": "PARCEL_NO"}
    again = maps.read_plots(path)  # no mapping given: remembered
    assert again.rows[0].plot_name == "4521" and again.rows[0].outcome == "unchanged"
    other = maps.read_plots(
        write(tmp_path, "q.geojson", qgis_geojson()), mapping={"house_no": "fid", "village": "moo"}
    )
    assert other.result.errors and "1" in other.result.errors[0].message


def test_clerk_assigns_household_for_unmatched_feature(ctx, tambon, tmp_path):
    path = write(tmp_path, "plots.kmz", google_earth_kmz())
    (h,) = maps.find_households("2/45")
    load = maps.load_plots(ctx, path, assignments={3: h.id})
    assert load.result.counts["plots"]["added"] == 3
    assert Plot.get(Plot.name == "บ่อบาดาล").household_id == h.id


def test_set_plot_geometry_checks_and_flags_document_area(ctx, tambon, tmp_path):
    maps.load_plots(ctx, write(tmp_path, "q.geojson", qgis_geojson()))
    p = Plot.get()
    from tambon_desk.core.records import save_record

    save_record(ctx, Plot, {"area_m2": 16000}, p)  # document says 10 rai
    check = maps.plot_area_check(Plot.get())
    assert check["drawn_rnw"] == "12-2-0" and check["flagged"]
    with pytest.raises(ValidationError):
        maps.set_plot_geometry(
            ctx, Plot.get(), geo.from_geojson('{"type":"Point","coordinates":[13.8,100.0]}')
        )


def test_export_map_from_records_reads_back(ctx, tambon, tmp_path):
    maps.load_plots(ctx, write(tmp_path, "plots.kmz", google_earth_kmz()))
    v3 = [v for v in registry.villages(tambon) if v.moo == 3][0]
    maps.set_village_centre(ctx, v3, 13.801, 100.051)
    (h,) = maps.find_households("3/99/9")
    maps.set_household_location(ctx, h, 13.8005, 100.0505)
    land.save_case(ctx, {"household": h, "problem": "dispute", "plot_ids": [Plot.get().id]})
    for fmt in ("kml", "kmz", "geojson", "shp"):
        out = tmp_path / f"map.{fmt if fmt != 'shp' else 'zip'}"
        path, counts = maps.export_map(ctx, fmt, out, tambon=tambon)
        assert counts == {"plots": 2, "households": 1, "villages": 1, "land_cases": 1}
        back = geo.read_features(path)
        plots = [f for f in back if f.properties.get("layer") == "plots"]
        assert len(plots) == 2
        p = next(f for f in plots if f.properties["name"] == "แปลงส้มโอ นายสมชาย")
        assert p.properties["area_rai_ngan_wa"] == "10-0-0"
        assert float(p.properties["area_rai"]) == pytest.approx(10, abs=0.003)
        assert p.properties["house_no"] == "99/9" and p.properties["crop"].startswith("ส้มโอ")
        assert p.properties["village"] == "หมู่ 3 บ้านสาม" or "3" in p.properties["village"]
        assert p.properties["centroid"].startswith("13.8")


def test_cli_load_plots_and_export_map(ctx, tambon, tmp_path, monkeypatch, capsys):
    from tambon_desk import cli
    from tambon_desk.core import auth

    auth.create_user(ctx, "clerk1", "pw-clerk", "clerk")
    monkeypatch.setenv("TAMBON_DESK_PASSWORD", "pw-clerk")
    db = str(ctx.db_path)
    path = write(tmp_path, "plots.kmz", google_earth_kmz())
    assert cli.main(["--db", db, "--user", "clerk1", "load", "plots", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2" in out and Plot.select().count() == 0
    assert cli.main(["--db", db, "--user", "clerk1", "load", "plots", str(path)]) == 0
    assert Plot.select().count() == 2
    assert (tmp_path / "plots-ข้อผิดพลาด.xlsx").exists() or list(tmp_path.glob("plots-*.xlsx"))
    out_file = tmp_path / "tambon.kml"
    assert (
        cli.main(
            [
                "--db",
                db,
                "--user",
                "clerk1",
                "export-map",
                "--format",
                "kml",
                "--out",
                str(out_file),
            ]
        )
        == 0
    )
    assert len([f for f in geo.read_features(out_file) if f.properties["layer"] == "plots"]) == 2
    assert (
        cli.main(
            [
                "--db",
                db,
                "--user",
                "clerk1",
                "export-map",
                "--format",
                "kml",
                "--village",
                "9",
                "--out",
                str(out_file),
            ]
        )
        == 2
    )
