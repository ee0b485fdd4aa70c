"""The province dashboard screen (issue 17): figures shown, drill-down to the villages."""

import datetime as dt
import time

from tambon_desk import accounts, registry
from tambon_desk.registry import places
from tambon_desk.views import province as pview


def _wait(root, cond, timeout=30):
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out"
        root.update()
        time.sleep(0.01)


def test_dashboard_rows_and_drill_down(gui):
    ctx = gui.ctx
    t2 = places.add_tambon(ctx, "800201", [(1, "บ้านพรหมโลก"), (2, "บ้านนา"), (3, "บ้านควน")])
    home = registry.villages(registry.tambons()[0])
    h = registry.save_household(ctx, home[0], "1", [{"first_name": "สมชาย", "relation": "head"}])
    registry.save_household(
        ctx, registry.villages(t2)[2], "7", [{"first_name": "มานี", "relation": "head"}]
    )
    cat = accounts.categories()[0]
    accounts.add_entry(ctx, h, dt.date(2026, 5, 2), cat, 5000, today=dt.date(2026, 6, 1))
    view = gui.show_view("province")
    view.month.delete(0, "end")
    view.month.insert(0, "05/2569")  # typed in the Buddhist Era, as everywhere
    view.board = None
    view.refresh()
    _wait(gui.root, lambda: view.board is not None and view.tree.get_children())
    tree = view.tree
    top = tree.get_children()[0]
    assert tree.item(top, "values")[0] == "2"  # households
    assert tree.item(top, "values")[1] == "1 / 50"  # books / target
    districts = tree.get_children(top)
    assert [view.rows[d].code for d in districts] == ["8001", "8002"]
    tambon = tree.get_children(districts[1])[0]
    assert view.rows[tambon].code == "800201"
    tree.focus(tambon)
    tree.event_generate("<Return>")  # keyboard opens it
    gui.root.update()
    villages = tree.get_children(tambon)
    assert [tree.item(v, "text") for v in villages] == ["บ้านพรหมโลก", "บ้านนา", "บ้านควน"]
    assert [tree.item(v, "values")[0] for v in villages] == ["0", "0", "1"]
    assert "stale" in tree.item(tambon, "tags")  # never sent a bundle


def test_bad_month_is_refused_with_a_message(gui):
    view = gui.show_view("province")
    _wait(gui.root, lambda: view.board is not None)  # the first load
    view.month.delete(0, "end")
    view.month.insert(0, "13/2569")
    before = view.board
    view.refresh()
    gui.root.update()
    assert view.board is before
    assert "ไม่มีเดือนที่ 13" in gui.message.cget("text")  # the Thai reason, from thai.parse_month
    assert pview.is_stale(None)
    assert not pview.is_stale("2026-05-30T00:00:00.000000Z", today=dt.date(2026, 6, 1))
