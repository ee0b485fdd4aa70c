"""The keying sheet a clerk can trust (issue 12), keyboard only, on a 1024×768 screen: a
month of a paper book with a wrong day, a wrong amount and an unknown category, each error
shown on its own line and on screen; then another household and another month chosen with
a line half-typed, which asks first and never shows one household's lines under another."""

import pytest

from tambon_desk import accounts
from tambon_desk.db.models import LedgerEntry, Village
from tambon_desk.registry import households


@pytest.fixture
def small_screen(tk_root):
    tk_root._tambon_screen = (1024, 768)
    tk_root.geometry("1024x768+0+0")
    yield
    tk_root._tambon_screen = None
    tk_root.geometry("1280x800+0+0")


@pytest.fixture
def homes(small_screen, gui):
    v = Village.get(Village.moo == 1)
    first = households.save_household(
        gui.ctx, v, "45/1", [{"first_name": "สมชาย", "last_name": "ใจดี", "relation": "head"}]
    )
    second = households.save_household(
        gui.ctx,
        v,
        "๙๙/๙",
        [  # Thai digits, stored 99/9
            {"first_name": "มานี", "last_name": "มีนา", "relation": "head"}
        ],
    )
    return first, second


def visible_in(sheet, widget) -> bool:
    """The widget is shown and lies inside the sheet's visible lines and the window."""
    widget.update_idletasks()
    c = sheet.scroller.canvas
    top, bottom = c.winfo_rooty(), c.winfo_rooty() + c.winfo_height()
    left, right = c.winfo_rootx(), c.winfo_rootx() + c.winfo_width()
    root = widget.winfo_toplevel()
    y, x = widget.winfo_rooty(), widget.winfo_rootx()
    return (
        widget.winfo_ismapped()
        and top - 1 <= y
        and y + widget.winfo_height() <= bottom + 1
        and left - 1 <= x
        and x + widget.winfo_width() <= right + 1
        and x + widget.winfo_width() <= root.winfo_rootx() + root.winfo_width() + 1
    )


def error_on_line(sheet, row) -> str:
    text = str(row.status.cget("text")).replace("\n", "")
    assert visible_in(sheet, row.status), f"the line's message is off screen: {text}"
    return text


def test_key_a_month_with_mistakes_then_switch_household_and_month(gui, tk_root, keyboard, homes):
    first, second = homes
    assert second.house_no == "99/9"
    sheet = gui.show_view("accounts").entry
    sheet.hh_entry.focus_force()
    keyboard.type("หมู่ 1 45/1")  # the way clerks write it on the book
    keyboard.press("Return")
    assert sheet.household.id == first.id
    keyboard.press("BackSpace")
    keyboard.fill("11/2568")  # November 2025: 30 days
    row = sheet.rows[-1]
    assert keyboard.focused() is row.day

    # 1. a good line
    keyboard.fill("1", "ยาง", "2,450", None)
    assert sheet.rows[0].entry is not None and sheet.rows[0].category.code == "rubber"

    # 2. a wrong day: the error is on this line, on screen, and the focus stays on the day
    row = sheet.rows[-1]
    keyboard.fill("31")
    assert "1–30" in error_on_line(sheet, row)
    assert keyboard.focused() is row.day
    row.day.delete(0, "end")
    keyboard.fill("3")
    assert keyboard.focused() is row.cat

    # 3. an unknown category: said on the line while typing and again on Enter
    keyboard.type("zzzz")
    assert error_on_line(sheet, row)
    keyboard.press("Return")
    assert keyboard.focused() is row.cat and error_on_line(sheet, row)
    row.cat.delete(0, "end")
    # อาหาร is ค่าอาหาร (food), not ค่าอาหารสัตว์ (animal feed): shown before saving
    keyboard.type("อาหาร")
    assert error_on_line(sheet, row) == "→ ค่าอาหาร"
    keyboard.press("Return")
    assert row.category.code == "food" and keyboard.focused() is row.amount

    # 4. a wrong amount: on the line, focus stays on the amount
    keyboard.fill("12x")
    assert error_on_line(sheet, row) and keyboard.focused() is row.amount
    row.amount.delete(0, "end")
    keyboard.fill("120", None)
    assert row.entry is not None and row.entry.amount == 12000

    # more lines of the month: the line being typed always stays in view
    for day in range(4, 16):
        keyboard.fill(str(day), "food", "50", None)
        assert visible_in(sheet, sheet.rows[-1].day)
    assert LedgerEntry.select().where(LedgerEntry.household == first.id).count() == 14

    # 5. Ctrl+Z asks before taking a saved line back (here: No, the line stays)
    gui.dialogs.answer = False
    before = len(gui.dialogs.messages)
    keyboard.press("Control-z")
    assert gui.dialogs.messages[before][0] == "confirm"
    assert LedgerEntry.select().where(LedgerEntry.household == first.id).count() == 14

    # 6. a line half-typed, then another household: it asks; "No" keeps everything
    keyboard.fill("16", "food")
    assert not sheet.rows[-1].is_blank()
    sheet.hh_entry.focus_force()
    sheet.hh_var.set("")
    keyboard.type("99/9")
    keyboard.press("Return")
    assert gui.dialogs.messages[-1][0] == "confirm"
    assert sheet.household.id == first.id and len(sheet.rows) == 15

    # ... "Yes" clears the sheet at once: no line, total or debt of the first household
    gui.dialogs.answer = True
    sheet.hh_var.set("")
    sheet.hh_entry.focus_force()
    keyboard.type("๙๙/๙")  # Thai digits find the same household
    keyboard.press("Return")
    assert sheet.household.id == second.id
    assert sheet.rows == [] and sheet.debt.get() == ""
    assert "0.00" in str(sheet.totals.cget("text")) and "14" not in str(sheet.totals.cget("text"))
    keyboard.press("BackSpace")
    keyboard.fill("11/2568")
    assert len(sheet.rows) == 1 and sheet.rows[0].entry is None  # the new household's
    assert keyboard.focused() is sheet.rows[0].day

    # 7. a half-typed line, then another month: asks first; "No" stays on the month
    keyboard.fill("2", "food")
    gui.dialogs.answer = False
    n = len(gui.dialogs.messages)
    sheet.month_entry.focus_force()
    sheet.month_entry.delete(0, "end")
    keyboard.fill("12/2568")
    assert gui.dialogs.messages[n][0] == "confirm" and sheet.month == (2025, 11)
    gui.dialogs.answer = True
    sheet.month_entry.delete(0, "end")
    keyboard.fill("12/2568")
    assert sheet.month == (2025, 12) and len(sheet.rows) == 1
    assert accounts.entries_of(second, *sheet.period) == []
