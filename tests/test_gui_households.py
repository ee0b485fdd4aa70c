"""The household screens driven as a clerk drives them: keyboard only, under Xvfb."""

import datetime as dt

from helpers import last_window

from tambon_desk import thai
from tambon_desk.db.models import AuditLog, Household, Person
from tambon_desk.registry import households

CID1 = "1101700203450"
CID2 = thai.random_citizen_id(__import__("random").Random(7))


def _form(tk_root):
    from tambon_desk.views.households import HouseholdForm

    return last_window(tk_root, HouseholdForm)


def test_add_two_members_by_keyboard_search_edit(gui, tk_root, keyboard):
    view = gui.show_view("households")
    keyboard.press("Control-n")  # new household from the list
    form = _form(tk_root)
    form.village.focus_force()
    keyboard.type("ห")  # type-ahead: "หมู่ 1 บ้านควนเกย"
    assert form.village.get() == "หมู่ที่ 1 บ้านควนเกย"
    keyboard.press("Return")  # -> house number
    keyboard.fill("45/1", "บ้านริมคลอง")  # house no, note -> first member's title
    # head: title, first, last, citizen id, sex, birth date, relation, education, occupation, phone
    keyboard.fill(
        "นาย", "สมชาย", "ใจดี", CID1, "ช", "12/05/2510", None, "ป.6", "ทำสวนยาง", "0812345678"
    )  # Enter on the last field adds a member
    assert len(form.rows) == 2
    keyboard.fill("นาง", "สมหญิง", "ใจดี", CID2, "ห", "3 มี.ค. 2515", None, None, "ทำสวนยาง")
    keyboard.press("Control-s")
    assert not form.winfo_exists()

    h = Household.get(Household.house_no == "45/1")
    people = households.members_of(h)
    assert [(p.first_name, p.relation, p.sex) for p in people] == [
        ("สมชาย", "head", "M"),
        ("สมหญิง", "spouse", "F"),
    ]
    assert people[0].birth_date == dt.date(1967, 5, 12) and people[0].citizen_id == CID1
    assert people[1].birth_date == dt.date(1972, 3, 3) and h.note == "บ้านริมคลอง"

    view.search.focus_force()
    keyboard.type("สมหญิง")
    assert [r["house_no"] for r in view.table.rows] == ["45/1"]
    view.search.delete(0, "end")
    keyboard.type(CID1[:6])
    assert view.table.total == 1

    keyboard.press("Return")  # open the found household
    form = _form(tk_root)
    occupation = form.rows[1].widgets["occupation"]
    occupation.delete(0, "end")
    occupation.focus_force()
    keyboard.type("ค้าขาย")
    keyboard.press("Control-s")
    assert Person.get(Person.citizen_id == CID2).occupation == "ค้าขาย"
    change = (
        AuditLog.select()
        .where((AuditLog.table == "person") & (AuditLog.action == "update"))
        .order_by(AuditLog.at.desc())
        .first()
    )
    assert change.after == {"occupation": "ค้าขาย"} and change.username == "admin"


def test_field_errors_shown_and_nothing_lost(gui, tk_root, keyboard):
    gui.show_view("households").new_household()
    form = _form(tk_root)
    form.house_no.focus_force()
    keyboard.fill("9")
    keyboard.fill("", "นาย", "ทดสอบ", "ระบบ", "1101700203451", None, "1/1/2600")
    keyboard.press("Control-s")
    assert form.winfo_exists()  # not saved, still open with the input
    assert "หมู่บ้าน" in form.form.error_labels["village"].cget("text")
    row_error = form.rows[0].error.cget("text")
    assert "อนาคต" in row_error and "ตรวจสอบ" in row_error  # future birth date; bad check digit
    assert form.rows[0].widgets["first_name"].get() == "ทดสอบ"
    assert Household.select().count() == 0


def test_stale_save_names_who_and_when(gui, tk_root, as_role):
    from tambon_desk.db.models import Village

    v = Village.get(Village.moo == 1)
    h = households.save_household(gui.ctx, v, "7", [{"first_name": "ก", "relation": "head"}])
    form = gui.open_household(h.id)
    tk_root.update()
    me = gui.ctx.user
    as_role("clerk")  # someone else edits meanwhile
    households.save_household(
        gui.ctx,
        v,
        "7",
        [{"first_name": "ข", "relation": "head", "id": households.members_of(h)[0].id}],
        Household.get_by_id(h.id),
    )
    gui.ctx.user = me
    form.rows[0].widgets["first_name"].insert("end", "ค")
    assert form.save() is False
    kind, message = gui.dialogs.messages[-1]
    assert kind == "error" and "clerk1" in message and "25" in message  # who, BE date
    assert households.members_of(h)[0].first_name == "ข"


def test_recycle_bin_delete_and_restore(gui, tk_root, keyboard):
    from tambon_desk.db.models import Village

    v = Village.get(Village.moo == 2)
    households.save_household(gui.ctx, v, "12", [{"first_name": "มานี", "relation": "head"}])
    view = gui.show_view("households")
    view.on_show()
    view.table.tree.focus_force()
    keyboard.press("Delete")
    assert gui.dialogs.messages[-1][0] == "confirm"
    assert Household.get(Household.house_no == "12").deleted_at is not None
    assert view.table.total == 0
    view.buttons.switch.invoke()  # the recycle bin, as a click shows it
    assert view.table.total == 1
    view.restore_selected()
    assert Household.get(Household.house_no == "12").deleted_at is None


def test_viewer_cannot_save(gui, tk_root, as_role):
    as_role("viewer")
    form = gui.open_household(None)
    assert str(form.save_btn.cget("state")) == "disabled"
    form.house_no.insert(0, "1")
    form.rows[0].widgets["first_name"].insert(0, "ก")
    form.village.current(0)
    assert form.save() is False
    assert "ไม่มีสิทธิ์" in gui.dialogs.messages[-1][1] or "สิทธิ์" in gui.dialogs.messages[-1][1]
    assert AuditLog.select().where(AuditLog.action == "denied").count() == 1


def test_import_button_loads_sample_into_list(gui, tk_root):
    """The household list's import button opens the import window; a load refreshes the list."""
    from pathlib import Path

    from tambon_desk.db.models import Tambon
    from tambon_desk.registry import places as tambons
    from tambon_desk.views.importing import ImportDialog

    t = Tambon.get()
    for moo in range(3, 10):
        tambons.save_village(gui.ctx, t, moo, f"บ้านทดสอบ{moo}")
    view = gui.show_view("households")
    dlg = view.import_file()
    assert isinstance(dlg, ImportDialog)
    dlg.set_file(Path(__file__).parent / "data" / "households-sample-messy.xlsx").wait()
    tk_root.update()
    dlg.load().wait(timeout=120)
    tk_root.update()
    assert Household.alive().count() == 60
    assert view.table.total == 60
