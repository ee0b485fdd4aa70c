"""The map and land screens driven as a clerk drives them, under Xvfb: the map draws the
plots, zooms about the pointer, a click opens the plot; a map file is previewed and saved;
a land case is opened, saved with Ctrl+S and given a dated step."""

import pytest
from geo_fixtures import google_earth_kmz

from tambon_desk import land, maps, registry
from tambon_desk.registry import places as tambons


@pytest.fixture
def map_gui(gui, tmp_path):
    ctx = gui.ctx
    t = tambons.home_tambon()
    v = tambons.villages(t)[0]
    registry.save_household(ctx, v, "99/9", [{"first_name": "สมชาย", "relation": "head"}])
    registry.save_household(ctx, v, "12", [{"first_name": "บุญมี", "relation": "head"}])
    path = tmp_path / "plots.kmz"
    path.write_bytes(google_earth_kmz(moo=1))
    return gui, path, v


def _screen_point(view, item):
    p = item.geometry.representative_point()
    return view.canvas.to_screen(p.x, p.y)


def _click(canvas, x, y):
    canvas.event_generate("<ButtonPress-1>", x=int(x), y=int(y))
    canvas.event_generate("<ButtonRelease-1>", x=int(x), y=int(y))
    canvas.update()


def test_map_draws_zooms_and_opens_a_plot_by_clicking(map_gui):
    gui, path, v = map_gui
    maps.load_plots(gui.ctx, path)
    view = gui.show_view("map")
    view.load()
    gui.root.update()
    assert len(view.items["plots"]) == 2
    assert view.canvas.find_withtag("scalebar") and view.canvas.find_withtag("north")
    plot = next(i for i in view.items["plots"] if i.label == "แปลงส้มโอ นายสมชาย")
    before = view.canvas.scale
    bar_before = view.canvas.scale_text
    x, y = _screen_point(view, plot)
    view.canvas.zoom(2.0, x, y)  # about the pointer: the plot stays put
    assert view.canvas.scale == pytest.approx(before * 2)
    x2, y2 = _screen_point(view, plot)
    assert (x2, y2) == pytest.approx((x, y), abs=0.5)
    assert view.canvas.scale_text != bar_before or view.canvas.scale_text
    _click(view.canvas, x2, y2)
    from helpers import last_window

    from tambon_desk.views.maps.screen import PlotWindow

    win = last_window(gui.root, PlotWindow)
    assert win.record["name"] == "แปลงส้มโอ นายสมชาย" and win.record["drawn_rnw"] == "10-0-0"
    win.destroy()
    view.search.insert(0, "1/12")
    view.find()
    other = next(i for i in view.items["plots"] if i.label == "แปลงมีสระ")
    cx, cy = view.canvas.winfo_width() / 2, view.canvas.winfo_height() / 2
    sx, sy = _screen_point(view, other)
    assert (sx, sy) == pytest.approx((cx, cy), abs=2)
    view.colour_box.set_value("status")
    view.recolour()
    assert [label for _c, label in view.canvas.legend()][:2] == ["open", "referred"]
    view.colour_box.set_value("cost")
    view.recolour()  # no cost lines yet: all grey
    assert len(view.canvas.legend()) == 5
    assert {view.canvas.itemcget(c, "fill") for c in view.canvas.find_withtag("plots")} <= {
        "#cfd8dc",
        view.canvas["background"],
    }


def test_preview_then_save_a_map_file(map_gui):
    gui, path, v = map_gui
    view = gui.show_view("map")
    dlg = view.load_file(str(path))
    gui.root.update()
    assert len(dlg.tree.get_children()) == 3
    assert len(dlg.canvas.items["plots"]) == 2
    # the well names no household: the clerk picks one for it
    hh = maps.find_households("1/12")[0]
    dlg.tree.selection_set("3")
    dlg.household_box.set_value(hh.id)
    dlg._assign()
    assert "บุญมี" in dlg.tree.item("3", "values")[2]
    dlg.save()
    for _i in range(200):
        gui.root.update()
        if not dlg.winfo_exists():
            break
        gui.root.after(20)
    assert len(maps.plot_items()) == 3
    assert len(view.items["plots"]) == 2 + 0 or len(view.items["plots"]) >= 2


def test_land_case_window_saves_and_logs_a_step(map_gui, keyboard):
    gui, _path, v = map_gui
    view = gui.show_view("land")
    win = view.new_case()
    hh = maps.find_households("1/99/9")[0]
    win.household.set_value(hh.id)
    win.problem.set_value("state_land")
    win.agency.focus_force()
    keyboard.press("Control-s")
    assert "state_land" in win.form.error_labels and win.form.error_labels["state_land"].cget(
        "text"
    )
    win.state_land.set_value("forest")
    win.opened.var.set("5/1/2569")
    win.area.insert(0, "2-1-50")
    win.note.focus_force()
    keyboard.press("Control-s")
    (case,) = land.cases()
    assert case["status"] == "open" and case["area_m2"] == 2 * 1600 + 400 + 200
    win.action_date.var.set("20/1/2569")
    win.action_text.insert(0, "ส่งเรื่องป่าไม้จังหวัด")
    win.action_status.set_value("referred")
    win.add_action()
    assert land.cases()[0]["status"] == "referred"
    assert len(win.log.get_children()) == 2
    assert len(view.tree.get_children()) == 1
    win.destroy()


def test_household_window_has_the_land_cases_tab(map_gui):
    gui, _path, v = map_gui
    (hh,) = maps.find_households("1/99/9")
    land.save_case(gui.ctx, {"household": hh, "problem": "no_title"})
    win = gui.open_household(hh.id)
    gui.root.update()
    titles = [win.notebook.tab(t, "text") for t in win.notebook.tabs()]
    assert "ปัญหาที่ดิน" in titles
    from tambon_desk.views.land import HouseholdLandTab

    tab = next(w for w in win.notebook.winfo_children() if isinstance(w, HouseholdLandTab))
    assert len(tab.tree.get_children()) == 1
    win.destroy()


def test_map_draws_an_mbtiles_background_under_the_plots(map_gui, tmp_path):
    import sqlite3

    gui, path, v = map_gui
    maps.load_plots(gui.ctx, path)
    bg = tmp_path / "bg.mbtiles"
    con = sqlite3.connect(bg)
    con.execute("CREATE TABLE metadata (name text, value text)")
    con.execute(
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, "
        "tile_row integer, tile_data blob)"
    )
    con.execute("INSERT INTO metadata VALUES ('bounds', '99,13,101,15')")
    con.commit()
    con.close()
    view = gui.show_view("map")
    view.load()
    view.choose_background(str(bg))
    gui.root.update()
    c = view.canvas
    assert c.find_withtag("background")
    assert c.find_all().index(c.find_withtag("background")[0]) == 0  # lowest item


def test_right_click_places_a_house_and_the_village_centre(map_gui):
    gui, path, v = map_gui
    maps.load_plots(gui.ctx, path)
    view = gui.show_view("map")
    view.load()
    gui.root.update()
    plot = next(i for i in view.items["plots"] if i.label == "แปลงส้มโอ นายสมชาย")
    x, y = _screen_point(view, plot)
    view.search.insert(0, "1/99/9")
    assert view.place_household_at(x, y)
    (hh,) = maps.find_households("1/99/9")
    p = plot.geometry.representative_point()
    assert (hh.lon, hh.lat) == pytest.approx((p.x, p.y), abs=2e-5)  # within ~2 m
    assert len(view.items["households"]) == 1
    view.village_box.set_value(v.id)
    assert view.place_village_at(x + 40, y)
    (centre,) = maps.map_items(v.tambon, v, layers=("villages",))["villages"]
    assert centre.geometry.x > p.x
