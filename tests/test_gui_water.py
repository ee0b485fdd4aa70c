"""The water screen driven as a clerk drives it, under Xvfb: a pond tried in the what-if
panel shrinks the deficit, the chart shows the numbers the PDF prints, sources, rainfall,
demand and agreements are saved through the service."""

import pytest
from helpers import wait_until
from test_water import RAIN_2026, people

from tambon_desk import water
from tambon_desk.registry import households
from tambon_desk.registry import places as tambons
from tambon_desk.reports import catalogue
from tambon_desk.reports.model import Chart


@pytest.fixture
def water_gui(gui):
    ctx = gui.ctx
    t = tambons.home_tambon()
    v = tambons.villages(t)[0]
    water.set_coefficient(ctx, "domestic_lpd", 100)
    water.set_rainfall(ctx, t, 2026, RAIN_2026)
    households.save_household(ctx, v, "1", people(10))
    water.save_source(
        ctx,
        {
            "village": v,
            "name": "สระหนองบัว",
            "kind": "pond",
            "area_m2": 1600,
            "depth_m": 2,
            "usable_share": 0.5,
            "dry_months": "4",
            "catchment_m2": 10000,
            "runoff_coef": 0.3,
        },
    )
    water.save_source(
        ctx,
        {
            "village": v,
            "name": "บ่อบาดาล",
            "kind": "deep_well",
            "yield_m3_h": 2,
            "pump_hours": 5,
            "dry_months": "3,4",
        },
    )
    water.set_livestock(ctx, v, {"cattle": 10})
    water.save_crop_area(ctx, v, "rice", 6, "2,3")
    view = gui.show_view("water")
    view.balance.year.set(2569)
    view.balance.reload()
    return gui, view, v


def _deficit(tab, month_index):
    return tab.rows[month_index]["deficit"]


def test_trying_a_pond_shrinks_the_deficit(water_gui, keyboard):
    gui, view, v = water_gui
    tab = view.balance
    tab.scope.set_value(v.id)
    tab.recompute()
    assert tab.deficit_rows() == ["มี.ค. 2569", "เม.ย. 2569"]
    march_before = _deficit(tab, 2)  # 764 m³ short (hand sum in test_water)
    assert march_before == 764
    assert "deficit" in tab.tree.item("2", "tags")
    tab.pond_capacity.focus_force()
    keyboard.type("500")
    keyboard.press("Return")  # Enter in the capacity field tries it
    assert _deficit(tab, 2) == 264  # 500 m³ more stored: 764 − 500
    assert tab.deficit_rows() == ["มี.ค. 2569", "เม.ย. 2569"]
    tab.pond_capacity.delete(0, "end")
    tab.pond_capacity.focus_force()
    keyboard.type("1000")
    keyboard.press("Return")
    assert _deficit(tab, 2) == 0 and tab.deficit_rows() == []
    assert len(water.sources_of(village=v)) == 2  # nothing saved
    tab.clear_what_if()
    assert _deficit(tab, 2) == 764


def test_gui_chart_is_the_report_chart(water_gui):
    gui, view, v = water_gui
    tab = view.balance
    tab.scope.set_value(v.id)
    tab.recompute()
    doc = catalogue.build(gui.ctx, "water-balance", village=v.moo, year=2569)
    printed = next(b for b in doc.blocks if isinstance(b, Chart))
    assert tab.chart == printed
    ax = tab.figure.axes[0]
    heights = [round(p.get_height()) for p in ax.patches if p.get_width() < 0.5]
    assert heights == [x for _name, values in printed.series for x in values]
    shaded = [p for p in ax.patches if p.get_width() >= 0.99]  # deficit months
    assert len(shaded) == 2


def test_add_source_shows_storage_and_updates_balance(water_gui, keyboard):
    gui, view, v = water_gui
    view.notebook.select(view.sources)
    tab = view.sources
    tab.tree.focus_force()
    keyboard.press("Control-n")  # a new source window
    win = tab.window
    win.village.set_value(v.id)
    win.entries["name"].focus_force()
    keyboard.fill("สระใหม่", None, "1-0-0", "3")  # name, (manager), area 1 rai, depth 3 m
    assert "4,800" in win.storage_label.cget("text")
    win.entries["dry_months"].insert(0, "13")
    assert win.save() is False
    assert "1 ถึง 12" in win.form.error_labels["dry_months"].cget("text")
    win.entries["dry_months"].delete(0, "end")
    win.entries["name"].focus_force()
    keyboard.press("Control-s")
    assert not win.winfo_exists()
    pond = next(s for s in water.sources_of(village=v) if s.name == "สระใหม่")
    assert water.storage_m3(pond) == 4800
    assert tab.tree.selection() == (pond.id,)
    view.notebook.select(view.balance)
    view.balance.scope.set_value(v.id)
    view.balance.recompute()
    assert view.balance.deficit_rows() == []
    # open it again from the list, change the depth: the storage line follows
    tab.tree.focus_force()
    keyboard.press("Return")
    win = tab.window
    assert win.entries["area"].get() == "1 ไร่"
    win.entries["depth_m"].delete(0, "end")
    win.entries["depth_m"].insert(0, "2")
    assert "3,200" in win.storage_label.cget("text")
    win.destroy()


def test_rainfall_demand_and_agreement(water_gui, tmp_path):
    gui, view, v = water_gui
    rain = view.rainfall
    rain.year.set(2569)
    rain.load()
    assert rain.cells[11].get() == "600"
    rain.cells[4].delete(0, "end")
    rain.cells[4].insert(0, "-5")
    assert rain.save() is False
    rain.cells[4].delete(0, "end")
    rain.cells[4].insert(0, "120")
    assert rain.save()
    assert water.rainfall_of(tambons.home_tambon(), 2026)[4] == 120

    demand = view.demand
    demand.village.set_value(v.id)
    demand.load()
    assert "10" in demand.registry.cget("text")
    demand.heads["buffalo"].delete(0, "end")
    demand.heads["buffalo"].insert(0, "4")
    assert demand.save_livestock()
    assert water.livestock_of(v) == {"cattle": 10, "buffalo": 4}

    ag = view.agreements
    ag.new_agreement()
    ag.title.insert(0, "ข้อตกลงใช้น้ำสระหนองบัว")
    ag.agreed.var.set("15/01/2569")
    ag.status.set_value("active")
    ag.villages.selection_set(0)
    ag.rules.insert("1.0", "สูบได้วันละ 2 ชั่วโมง")
    scan = tmp_path / "signed.jpg"
    scan.write_bytes(b"\xff\xd8scan")
    assert ag.attach(str(scan))
    a = water.agreements_of(tambons.home_tambon())[0]
    assert a.village_ids == [v.id] and a.rules == "สูบได้วันละ 2 ชั่วโมง"
    assert [s.filename for s in water.agreement_scans(a)] == ["signed.jpg"]
    assert ag.scans.get(0) == "signed.jpg"


def test_what_if_for_the_whole_tambon(water_gui):
    gui, view, v = water_gui
    tab = view.balance
    tab.scope.set_value(None)  # whole tambon
    tab.recompute()
    before = sum(r["deficit"] for r in tab.rows)
    tab.pond_village.set_value(v.id)
    tab.pond_capacity.insert(0, "1000")
    assert tab.add_pond()
    after = sum(r["deficit"] for r in tab.rows)
    assert (before, after) == (764 + 44, 0)  # March and April of Moo 1 covered
    tab.pond_capacity.delete(0, "end")
    tab.pond_capacity.insert(0, "-3")
    assert tab.add_pond() is False and tab.what_if_error.cget("text")


def test_viewer_sees_but_cannot_change(gui, as_role):
    as_role("viewer")
    app = gui.rebuild()
    view = app.show_view("water")
    assert str(view.sources.new_btn.cget("state")) == "disabled"
    assert str(view.rainfall.save_btn.cget("state")) == "disabled"
    assert str(view.agreements.save_btn.cget("state")) == "disabled"
    assert str(view.balance.save_ponds_btn.cget("state")) == "disabled"
    app.destroy()


def test_rainfall_loaded_from_a_sheet(water_gui, tk_root, tmp_path):

    import openpyxl

    gui, view, v = water_gui
    wb = openpyxl.Workbook()
    wb.active.append(["เดือน", "ปริมาณฝน (มม.)"])
    wb.active.append(["เม.ย. 2569", 250])
    path = tmp_path / "rain.xlsx"
    wb.save(path)
    rain = view.rainfall
    view.notebook.select(rain)
    rain.year.set(2569)
    dlg = rain.open_import()
    dlg.set_file(path).wait()
    tk_root.update()
    dlg.load_btn.invoke()
    wait_until(tk_root, lambda: dlg.loaded, what="the rainfall import")
    dlg.close()
    tk_root.update()
    assert rain.cells[4].get() == "250"  # the grid follows
    assert view.balance.stale  # and the balance will recompute
    view.balance.scope.set_value(v.id)
    view.balance.recompute()
    assert view.balance.rows[3]["rain"] == 250


def test_balance_shows_the_money_side(water_gui):
    import datetime as dt

    from tambon_desk import accounts
    from tambon_desk.db.models import Household

    gui, view, v = water_gui
    h = Household.get(Household.village == v)
    accounts.add_entry(
        gui.ctx,
        h,
        dt.date(2026, 3, 5),
        accounts.category_by_code("water_fee"),
        12050,
        confirmed=True,
    )
    tab = view.balance
    tab.scope.set_value(v.id)
    tab.mark_stale()
    tab.recompute()
    assert "120.50" in tab.money.cget("text") and "0.00" in tab.money.cget("text")


def test_district_database_chooses_the_tambon(gui):
    """Several tambons: the water screen offers them; each tab then shows the chosen one."""
    ctx = gui.ctx
    home = tambons.home_tambon()
    other = tambons.add_tambon(ctx, "800102", [(1, "บ้านอื่น")])
    v = tambons.villages(other)[0]
    water.save_source(ctx, {"village": v, "name": "สระตำบลอื่น", "kind": "pond", "capacity_m3": 900})
    view = gui.show_view("water")
    gui.root.update()
    assert view.scope.winfo_ismapped()
    assert [c[0] for c in view.scope._choices] == [home.id, other.id]
    assert view.sources.sources == [] and view.balance.tambon == home
    view.notebook.select(1)
    view.scope.set_value(other.id)
    view.scope.event_generate("<<ComboboxSelected>>")
    gui.root.update()
    assert view.notebook.index("current") == 1  # the clerk stays on the tab
    assert [s.name for s in view.sources.sources] == ["สระตำบลอื่น"]
    assert view.balance.tambon == other and view.agreements.tambon == other
    assert [c[1] for c in view.demand.village._choices] == ["หมู่ที่ 1 บ้านอื่น"]
    view.rainfall.year.set(2569)
    view.rainfall.load()
    view.rainfall.cells[5].insert(0, "120")
    assert view.rainfall.save()
    assert water.rainfall_of(other, 2026) == {5: 120} and water.rainfall_of(home, 2026) == {}
    view.balance.year.set(2569)
    view.balance.reload()
    assert view.balance.rows[4]["rain"] == 120


def test_reports_screen_offers_the_tambons_for_water_balance(gui):
    """The report screen's scope chooser now reaches water-balance: the second tambon's
    villages follow the choice and the parameters carry its DOPA code."""
    other = tambons.add_tambon(gui.ctx, "800102", [(3, "บ้านสาม")])
    view = gui.show_view("reports")
    view.select("water-balance")
    assert str(view.scope.cget("state")) == "readonly"
    labels = [label for _v, label in view.scope._choices]
    assert len(labels) == 2 and other.name_th in labels[1]
    view.scope.current(1)
    view.scope.event_generate("<<ComboboxSelected>>")
    gui.root.update()
    assert [v for v, _label in view.village._choices] == [None, 3]  # all, or moo 3
    view.village.current(1)
    assert view.params() == {"tambon": "800102", "village": 3}


def test_a_failed_pond_save_does_not_say_saved(water_gui, keyboard, monkeypatch):
    from tambon_desk.core.errors import ValidationError

    gui, view, v = water_gui
    tab = view.balance
    tab.scope.set_value(v.id)
    tab.recompute()
    tab.pond_capacity.focus_force()
    keyboard.type("500")
    keyboard.press("Return")
    assert len(tab.ponds) == 1
    gui.set_status("")

    def refuse(ctx, values, *a, **k):
        raise ValidationError({"name": "ชื่อซ้ำ"})

    monkeypatch.setattr(water, "save_source", refuse)
    tab.save_ponds()
    assert gui.message.cget("text") != "บันทึกแล้ว"
    assert ("error", "ชื่อซ้ำ") in gui.dialogs.messages
    assert len(tab.ponds) == 1  # the tried pond is kept, not lost
    monkeypatch.undo()
    tab.save_ponds()
    assert gui.message.cget("text") == "บันทึกแล้ว"
    assert len(water.sources_of(village=v)) == 3 and tab.ponds == []


def test_deleted_source_waits_in_the_recycle_bin(water_gui):
    """Issue 12: water sources have a recycle bin like households and projects."""
    app, view, v = water_gui
    tab = view.sources
    view.notebook.select(tab)
    pond = next(s for s in water.sources_of(village=v) if s.name == "สระหนองบัว")
    tab.tree.selection_set(pond.id)
    tab.delete_selected()
    assert not tab.tree.exists(pond.id)
    tab.buttons.switch.invoke()  # the recycle bin, as a click shows it
    assert tab.tree.exists(pond.id) and tab.restore_btn.winfo_manager() == "pack"
    assert tab.open_selected() is None  # a deleted source is not edited
    tab.tree.selection_set(pond.id)
    assert tab.restore_selected()
    assert not tab.tree.exists(pond.id)
    tab.buttons.switch.invoke()
    assert tab.tree.exists(pond.id)
