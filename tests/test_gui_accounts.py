"""A clerk keys a 30-line month of a paper account book with the keyboard alone (under Xvfb),
then finds the same totals in the summary screen, the household tab, the PDF and the XLSX."""

import datetime as dt
import subprocess

import pytest
from helpers import wait_until

from tambon_desk import accounts, thai
from tambon_desk.db.models import LedgerEntry, Village
from tambon_desk.registry import households

# day, what the clerk types for the category, the category it must find, amount typed, satang
LINES = [
    (1, "food", "food", "120", 12000),
    (1, "ยาง", "rubber", "2,450.50", 245050),
    (2, "ค่าน้ำ", "water_fee", "85", 8500),
    (2, "alc", "alcohol", "150", 15000),
    (3, "food", "food", "98.75", 9875),
    (3, "lot", "lottery", "80", 8000),
    (4, "power", "power", "642.30", 64230),
    (5, "ปุ๋ย", "fert", "1200", 120000),
    (5, "food", "food", "150", 15000),
    (6, "บุหรี่", "tobacco", "60", 6000),
    (7, "ยาง", "rubber", "1,980", 198000),
    (8, "ค่าเดินทาง", "travel", "40", 4000),
    (9, "food", "food", "110.50", 11050),
    (10, "save", "save_group", "500", 50000),
    (10, "ทำบุญ", "merit", "200", 20000),
    (11, "school", "school", "1,500", 150000),
    (12, "food", "food", "80", 8000),
    (13, "rem", "remit", "3000", 300000),
    (14, "pump", "pump_fuel", "350", 35000),
    (15, "debt_b", "debt_baac", "2500", 250000),
    (16, "lot", "lottery", "120", 12000),
    (17, "phone", "phone", "299", 29900),
    (18, "ผลไม้", "fruit", "6,400", 640000),
    (19, "food", "food", "135.25", 13525),
    (20, "welfare", "welfare", "300", 30000),
    (21, "alc", "alcohol", "90", 9000),
    (22, "ยาง", "rubber", "2100.75", 210075),
    (24, "food", "food", "๗๕", 7500),
    (28, "goods", "goods", "450", 45000),
    (1, "food", "food", "120", 12000),
]
# Line 28's amount is typed in Thai digits (๗๕ = 75 baht); line 30 repeats line 1 (asks).
# Hand-checked: rubber 2,450.50 + 1,980 + 2,100.75; remittance 3,000; fruit 6,400; welfare 300
INCOME = 245050 + 198000 + 210075 + 300000 + 640000 + 30000  # 16,231.25 baht
EXPENSE = 865580  # everything else but savings
SAVINGS = 50000
UNNECESSARY = 15000 + 8000 + 6000 + 12000 + 9000  # alcohol, lottery, tobacco


@pytest.fixture
def family(gui):
    v = Village.get(Village.moo == 1)
    households.save_household(gui.ctx, v, "12", [{"first_name": "มานี", "relation": "head"}])
    return households.save_household(
        gui.ctx, v, "45/1", [{"first_name": "สมชาย", "last_name": "ใจดี", "relation": "head"}]
    )


def test_key_a_month_by_keyboard_and_find_the_same_totals(gui, tk_root, keyboard, family, tmp_path):
    assert sum(a for *_x, a in LINES) == INCOME + EXPENSE + SAVINGS
    view = gui.show_view("accounts")
    sheet = view.entry
    sheet.hh_entry.focus_force()
    keyboard.type("45/")  # the house number as typed
    assert sheet.suggest.items and "45/1" in sheet.suggest.listbox.get(0)
    keyboard.press("Return")  # -> month field
    assert sheet.household.id == family.id
    assert keyboard.focused() is sheet.month_entry and sheet.month_entry.selection_present()
    keyboard.press("BackSpace")  # the preset month is selected: type over it
    keyboard.fill("11/2568")  # November 2025 -> a new line's day
    assert keyboard.focused() is sheet.rows[-1].day
    for day, typed, _code, amount, _satang in LINES:
        keyboard.fill(str(day), typed, amount, None)  # Enter after each; Enter on note saves
    assert len(gui.dialogs.messages) == 1 and gui.dialogs.messages[0][0] == "confirm"
    assert "ซ้ำ" in gui.dialogs.messages[0][1] or "เดียวกัน" in gui.dialogs.messages[0][1]

    saved = list(
        LedgerEntry.alive()
        .where(LedgerEntry.household == family.id)
        .order_by(LedgerEntry.created_at)
    )
    assert [(e.date.day, e.category.code, e.amount) for e in saved] == [
        (d, c, a) for d, _t, c, _typed, a in LINES
    ]
    assert all(e.date.month == 11 and e.date.year == 2025 for e in saved)
    f = sheet.figures()
    assert (f["income"], f["expense"], f["savings"], f["lines"]) == (INCOME, EXPENSE, SAVINGS, 30)
    assert thai.format_baht(INCOME) in sheet.totals.cget("text")

    # a 31st line, then Ctrl+Z takes it back
    keyboard.fill("29", "food", "55", None)
    assert LedgerEntry.alive().count() == 31
    keyboard.press("Control-z")
    assert LedgerEntry.alive().count() == 30 and sheet.figures()["lines"] == 30

    # a bad day stays on the line with a message, nothing saved
    keyboard.fill("31")
    assert "1–30" in sheet.rows[-1].status.cget("text")
    assert keyboard.focused() is sheet.rows[-1].day

    # the debt outstanding at the end of the month, typed in its field
    keyboard.press("Control-d")
    assert keyboard.focused() is sheet.debt
    keyboard.fill("45,000")
    assert accounts.debt_of_month(family, 2025, 11).amount == 4500000
    assert keyboard.focused() is sheet.rows[-1].day  # back to the lines

    # the summary screen
    summary = view.household
    view.notebook.select(summary)
    summary.bar.household.insert(0, "45/1")
    summary.bar.year.delete(0, "end")
    summary.bar.year.insert(0, "2569")
    s = summary.show(draw_chart=True)
    total = summary.table.row("รวม")
    assert total["income"] == thai.format_baht(INCOME) == "16,231.25"
    assert total["expense"] == thai.format_baht(EXPENSE)
    assert total["balance"] == thai.format_baht(INCOME - EXPENSE - SAVINGS)
    assert s.total.unnecessary == UNNECESSARY and total["debt"] == "45,000.00"
    assert summary.table.row("พ.ย. 68")["income"] == "16,231.25"

    # the household window's tab shows the same book
    form = gui.open_household(family.id)
    tk_root.update()
    # found by its title: other areas add tabs after it (land cases, plots)
    tab = next(
        form.notebook.nametowidget(t)
        for t in form.notebook.tabs()
        if form.notebook.tab(t, "text") == "บัญชีครัวเรือน"
    )
    assert tab.summary.table.row("รวม")["income"] == "16,231.25"
    form.destroy()

    # the PDF and the XLSX of the household statement
    from tambon_desk.reports import catalogue

    doc = catalogue.build(gui.ctx, "household-statement", household=family.id, fiscal_year=2569)
    catalogue.render(doc, "pdf", tmp_path / "s.pdf")
    catalogue.render(doc, "xlsx", tmp_path / "s.xlsx")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "s.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "16,231.25" in text and thai.format_baht(EXPENSE) in text
    assert thai.baht_text(INCOME - EXPENSE - SAVINGS) in text.replace("\n", "").replace(" ", "")
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    ws = wb["รายเดือน"]
    header = [c.value for c in ws[1]]
    total_row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "รวม")
    assert total_row[header.index("รายรับ")] == 16231.25
    assert total_row[header.index("รายจ่าย")] == EXPENSE / 100


def test_summary_pages_village_and_tambon(gui, family):
    accounts.add_entry(
        gui.ctx, family, dt.date(2025, 11, 3), accounts.category_by_code("rubber"), 100000
    )
    view = gui.show_view("accounts")
    view.village.bar.year.delete(0, "end")
    view.village.bar.year.insert(0, "2569")
    s = view.village.show(draw_chart=False)
    assert s.month("2025-11").households == 1
    assert view.village.table.row("พ.ย. 68")["participation"] == "10.0"
    view.tambon.bar.year.delete(0, "end")
    view.tambon.bar.year.insert(0, "2569")
    whole = view.tambon.show(draw_chart=False)
    assert whole.total.income == 100000
    assert view.tambon.table.row("รวม")["income"] == "1,000.00"


def test_admin_adds_and_retires_a_category(gui, keyboard):
    view = gui.show_view("accounts")
    page = view.categories
    view.notebook.select(page)
    page.new()
    page.code.focus_force()
    keyboard.type("durian")
    page.name_th.insert(0, "ขายทุเรียน")
    page.group.set_value("income_occupation")
    assert page.save()
    assert accounts.category_by_code("durian").name_th == "ขายทุเรียน"
    page.tree.selection_set(accounts.category_id("lottery"))
    page._load()
    page.retired_var.set(True)
    assert page.save()
    assert "lottery" not in [c.code for c in accounts.categories()]
    page.new()
    assert not page.save()  # empty: errors shown under the fields
    assert page.form.error_labels["code"].cget("text")


def test_import_window_from_the_sheet(gui, tk_root, family, tmp_path):
    from test_import_accounts import template_with_rows

    rows = [
        (1, "45/1", "03/11/2568", "rubber", "1,250.50", None),
        (None, None, "04/11/2568", "ค่าอาหาร", "99.75", None),
        (1, "45/1", "31/11/2568", "food", "10", None),
    ]  # no 31 November
    path = template_with_rows(tmp_path, rows)
    view = gui.show_view("accounts")
    dlg = view.entry.open_import()
    assert dlg.kind.name == "accounts"
    dlg.set_file(path).wait()
    tk_root.update()
    dlg.load_btn.invoke()
    wait_until(tk_root, lambda: dlg.result is not None, what="the import")
    assert LedgerEntry.select().count() == 0 and "ยังไม่ได้บันทึก" in dlg.summary.cget("text")
    assert str(dlg.load_btn.cget("state")) == "normal"  # may load again
    dlg.valid_only_var.set(True)
    dlg.result = None
    dlg.load_btn.invoke()
    wait_until(tk_root, lambda: dlg.result is not None, what="the import")
    assert LedgerEntry.select().count() == 2
    assert (
        accounts.household_summary(family, dt.date(2025, 11, 1), dt.date(2025, 11, 30)).total.income
        == 125050
    )


def test_tambon_page_in_a_district_database(gui, family):
    from tambon_desk.registry import places as tambons

    t2 = tambons.add_tambon(gui.ctx, "800102", [(1, "บ้านท่าวัง")])
    other = households.save_household(
        gui.ctx, tambons.villages(t2)[0], "5", [{"first_name": "ดวงใจ", "relation": "head"}]
    )
    accounts.add_entry(
        gui.ctx, other, dt.date(2025, 11, 3), accounts.category_by_code("fruit"), 250000
    )
    page = gui.show_view("accounts").tambon
    page.bar.year.delete(0, "end")
    page.bar.year.insert(0, "2569")
    assert page.show(draw_chart=False).total.income == 0  # the office's own tambon
    page.bar.tambon.set_value(t2.id)
    assert page.show(draw_chart=False).total.income == 250000
    assert page.table.row("หมู่ที่ 1 บ้านท่าวัง")["income"] == "2,500.00"


def test_viewer_sees_summaries_but_no_keying_sheet(gui, tk_root, as_role):
    """A viewer reads and prints the books; the keying sheet is not offered at all."""
    as_role("viewer")
    view = gui.show_view("accounts")
    titles = [view.notebook.tab(t, "text") for t in view.notebook.tabs()]
    assert view.entry is None and "บันทึกบัญชี" not in " ".join(titles)
    assert view.notebook.select() == str(view.household)
    assert view.on_close() is True
