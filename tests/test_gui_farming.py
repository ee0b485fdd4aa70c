"""A clerk keys a rice cycle's cost account with the keyboard alone (under Xvfb) and finds
the hand-computed figures of tests/test_farming.py; the plots tab and farming screen open."""

import time

import pytest

from tambon_desk import farming
from tambon_desk.db.models import Village
from tambon_desk.registry import households

# kind typed, activity typed, item typed, quantity, unit price (None: keep the offered one)
LINES = [
    ("mach", "land_p", "ไถดะ", "10", "350"),
    ("mach", "harv", "รถเกี่ยวนวด", "10", "500"),
    ("seed", "", "เมล็ดพันธุ์", "250", "25.50"),
    ("fert", "", "ปุ๋ย", "5", "875.25"),
    ("labour", "plant", "จ้างปักดำ", "3", "350"),
    ("labour_f", "care", None, "12.5", None),  # offered wage 300.00, non-cash
    ("labour_f", "harv", None, "4", "320"),  # the typed price wins
    ("land_t", "", "ภาษีที่ดิน", "1", "20"),
]


@pytest.fixture
def plot(gui):
    farming.set_settings(gui.ctx, wage=300_00, rate="6", land_use_per_rai=500_00)
    v = Village.get(Village.moo == 1)
    h = households.save_household(gui.ctx, v, "7", [{"first_name": "สมชาย", "relation": "head"}])
    return farming.save_plot(
        gui.ctx, h, {"name": "นาหลังบ้าน", "area": "10-0-0", "tenure": "rented", "rent": 6000_00}
    )


def test_key_a_rice_cycle_by_keyboard(gui, tk_root, keyboard, plot):
    from tambon_desk.views.farming.sheet import open_cycle_window

    sheet = open_cycle_window(gui, plot)
    sheet.crop.focus_force()
    keyboard.type("ข")  # ข้าวนาปี
    keyboard.press("Return", "Return")  # season stays นาปี
    keyboard.press("BackSpace")  # the year is selected: type over it
    keyboard.fill("2567", None, None, None, "4", None, "4500", "9.50", "4000", "500")
    cycle = sheet.cycle
    assert cycle is not None and cycle.crop.code == "rice_main" and cycle.year == 2024
    assert cycle.price == 950 and cycle.yield_kg == 4500 and cycle.months == 4
    assert [ln.kind for ln in farming.lines_of(cycle)] == ["land"]  # rent proposed
    assert keyboard.focused() is sheet.rows[-1].kind_entry
    for kind, act, item, qty, price in LINES:
        keyboard.fill(kind, act, item)  # Enter after each field
        keyboard.press("BackSpace")  # quantity "1" is selected
        keyboard.fill(qty)
        if price is not None:
            keyboard.press("BackSpace")
            keyboard.type(price)
        keyboard.press("Return", "Return")  # price, then cash/non-cash saves
    assert "✓" in str(sheet.rows[-2].status.cget("text"))
    f = farming.cycle_figures(cycle)
    assert f.total == 3_185_788 and f.cash == 2_632_125  # as computed by hand
    assert f.cost_per_kg == 708
    fam = [ln for ln in farming.lines_of(cycle) if ln.family]
    assert [(ln.unit_price, ln.cash) for ln in fam] == [(30_000, False), (32_000, False)]
    assert "31,857.88" in sheet.figs.cget("text")
    # the figures follow typing before a save: a pending line changes the total shown
    keyboard.fill("fuel", "", "ดีเซล")
    keyboard.press("BackSpace")
    keyboard.type("10")
    assert "31,857.88" in sheet.figs.cget("text")  # no price yet: nothing pending
    keyboard.press("Return")
    keyboard.type("30")
    assert "32,163.88" in sheet.figs.cget("text")  # + 300.00 and its 6% × 4/12 interest
    keyboard.press("Escape")  # a typed line: asks before closing
    assert gui.dialogs.messages[-1][0] == "confirm"
    assert not sheet.winfo_exists()


def test_plots_tab_and_farming_screen_open(gui, tk_root, plot):
    from tambon_desk.views.farming.plots import PlotsTab

    farming.save_cycle(
        gui.ctx,
        plot,
        {"crop": farming.crop_by_code("rice_main"), "year": 2024, "yield_kg": 1000, "price": 1000},
    )
    tab = PlotsTab(tk_root, gui, plot.household_id)
    tk_root.update()
    assert tab.tree.get_children() == (plot.id,)
    assert len(tab.cycles.get_children()) == 1
    tab.cycles.selection_set(tab.cycles.get_children()[0])
    assert tab.delete_cycle()  # asks first, then deletes
    assert gui.dialogs.messages[-1][0] == "confirm" and not tab.cycles.get_children()
    farming.save_cycle(
        gui.ctx,
        plot,
        {"crop": farming.crop_by_code("rice_main"), "year": 2024, "yield_kg": 1000, "price": 1000},
    )
    tab.destroy()
    view = gui.show_view("farming")
    tk_root.update()
    assert len(view.cycles.tree.get_children()) == 1


def test_key_an_enterprise_book_in_the_household_sheet(gui, tk_root, keyboard, plot):
    """The enterprise's book is the household book's keying sheet on the enterprise: the
    same keys, its own categories, a member by house number; the lines land in the ledger."""
    from tambon_desk import accounts
    from tambon_desk.views.accounts.entry import BookEntry

    h = plot.household
    t = h.village.tambon
    e = farming.save_enterprise(gui.ctx, t, {"name": "วิสาหกิจชุมชนมังคุด"})
    farming.save_member(gui.ctx, e, h, shares=2, share_value=100_00)
    view = gui.show_view("farming")
    view.nb.select(view.enterprises)
    page = view.enterprises
    page.refresh()
    page.tree.selection_set(e.id)
    page.tabs.select(page.book_page)
    tk_root.update()
    sheet = page.book_sheet
    assert isinstance(sheet, BookEntry) and sheet.owner.id == e.id
    sheet.month_entry.focus_force()
    sheet.month_entry.delete(0, "end")
    keyboard.type("11/2569")
    keyboard.press("Return")
    assert keyboard.focused() is sheet.rows[-1].day
    keyboard.fill("3", "ขาย", "12,345.50", None, "ขายมังคุด")  # no member on a sale
    keyboard.fill("4", "หุ้น", "200", "7", None)  # share capital of house no. 7
    keyboard.fill("5", "ปันผล", "50", "99")  # 99 is not a member: stays on the member
    assert "99" in str(sheet.rows[-1].status.cget("text"))
    assert keyboard.focused() is sheet.rows[-1].member
    lines = accounts.entries_of(e, *farming_month())
    assert [(x.category.code, x.amount, x.member_id) for x in lines] == [
        ("ent_sales", 1_234_550, None),
        ("ent_share_in", 200_00, h.id),
    ]
    assert accounts.entries_of(h, *farming_month()) == []  # not the member's own book
    assert "12,345.50" in sheet.totals.cget("text") and "200.00" in sheet.totals.cget("text")
    # the household sheet never offers the enterprise's categories
    hh_sheet = gui.show_view("accounts").entry
    hh_sheet.choose_household(h.id)
    hh_sheet.open_month((2026, 11))
    row = hh_sheet.rows[-1]
    row.cat.focus_force()
    keyboard.type("ปันผล")
    assert all(not c.code.startswith("ent_") for c, _l in hh_sheet.suggest.items)


def farming_month():
    import datetime as dt

    return dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def _cycle_with_lines(gui, plot):
    c = farming.save_cycle(
        gui.ctx,
        plot,
        {"crop": farming.crop_by_code("rice_main"), "year": 2024, "yield_kg": 4500, "price": 950},
    )
    farming.add_line(gui.ctx, c, "seed", quantity=250, unit_price=2550)
    return c


def test_reports_screen_prints_one_cycle_in_pdf_and_xlsx(gui, tk_root, plot):
    """The crop-costs report of one cycle is reachable from the reports screen: choose the
    report, then the cycle; PDF and XLSX both come out with that cycle's cost sheet."""
    import subprocess

    import openpyxl

    c = _cycle_with_lines(gui, plot)
    view = gui.show_view("reports")
    view.select("crop-costs")
    assert str(view.cycle.cget("state")) == "readonly"
    labels = dict(view.cycle._choices)
    assert c.id in labels and "นาหลังบ้าน" in labels[c.id] and "2567" in labels[c.id]
    view.cycle.set_value(c.id)
    view.fmt.set_value("pdf")
    view.generate().wait(timeout=60)
    tk_root.update()
    text = subprocess.run(
        ["pdftotext", "-layout", str(view.output), "-"], capture_output=True, text=True
    ).stdout
    assert "เมล็ดพันธุ์" in text and "นาหลังบ้าน" in text  # the cycle's own cost sheet
    view.fmt.set_value("xlsx")
    view.generate().wait(timeout=60)
    tk_root.update()
    wb = openpyxl.load_workbook(view.output)
    cells = [v for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v]
    assert "นาหลังบ้าน" in " ".join(str(v) for v in cells) and 6375 in cells  # 250 × 25.50
    view.select("household-register")  # a report without cycles greys the field
    assert str(view.cycle.cget("state")) == "disabled"


def test_cycle_sheet_prints_its_own_report_by_ctrl_p(gui, tk_root, keyboard, plot):
    from tambon_desk.views.farming.sheet import open_cycle_window

    c = _cycle_with_lines(gui, plot)
    sheet = open_cycle_window(gui, plot, c)
    tk_root.update()
    sheet.rows[-1].kind_entry.focus_force()
    keyboard.press("Control-p")
    view = gui.views["reports"]
    assert view.spec.name == "crop-costs" and view.cycle.get_value() == c.id
    assert view.fmt.get_value() == "pdf"
    deadline = time.monotonic() + 60
    while view.output is None and time.monotonic() < deadline:  # the report is being built
        tk_root.update()
        time.sleep(0.05)
    assert view.output.read_bytes()[:4] == b"%PDF"
    sheet.winfo_toplevel().destroy()
    sheet2 = open_cycle_window(gui, plot, c)
    task = sheet2.print_report("xlsx")
    task.wait(timeout=60)
    tk_root.update()
    assert view.output.suffix == ".xlsx" and view.output.exists()
    sheet2.winfo_toplevel().destroy()
