"""Network screens under Xvfb: a committee typed row by row, a partner, a lesson found by a
word of its summary with a file attached."""

import datetime as dt

from tambon_desk.db.models import Committee, Lesson
from tambon_desk.plan import lessons, network
from tambon_desk.plan import projects as plan
from tambon_desk.registry import places as tambons


def test_committee_members_by_keyboard(gui, tk_root, keyboard):
    view = gui.show_view("network")
    tab = view.committees
    tab.name.focus_force()
    keyboard.fill("คณะทำงานตำบลในเมือง", None, "ประชุมทุกเดือน")
    first = tab.members.rows[0].widgets["name"]
    first.focus_force()
    keyboard.fill("นายสมชาย ใจดี", "ประธาน", None, None, "0812345678")  # Enter adds a row
    keyboard.fill("นางมาลี ศรีสุข", "เลขานุการ")
    keyboard.type("อ")  # sector type-ahead: องค์กรปกครองส่วนท้องถิ่น
    keyboard.press("Return")
    keyboard.fill("อบต.ในเมือง")
    keyboard.press("Control-s")
    c = Committee.get(Committee.name == "คณะทำงานตำบลในเมือง")
    assert c.kind == "working_group" and c.note == "ประชุมทุกเดือน"
    assert [(m.name, m.role, m.sector, m.organisation) for m in network.members_of(c)] == [
        ("นายสมชาย ใจดี", "ประธาน", "community", ""),
        ("นางมาลี ศรีสุข", "เลขานุการ", "local_gov", "อบต.ในเมือง"),
    ]
    assert tab.list.get_children() == (c.id,)
    tab.name.focus_force()
    tab.name.delete(0, "end")
    keyboard.press("Control-s")  # empty name: error under the field
    assert tab.form.error_labels["name"].cget("text").strip()


def test_partner_and_lesson_search_with_attachment(gui, tk_root, keyboard, tmp_path):
    t = tambons.home_tambon()
    p = plan.save_plan(gui.ctx, t, "แผน", 2567, 2570)
    water = plan.save_issue(gui.ctx, p, "การจัดการน้ำ")
    view = gui.show_view("network")
    view.notebook.select(view.partners)
    tk_root.update()
    view.partners.name.focus_force()
    keyboard.fill("มหาวิทยาลัยวลัยลักษณ์")
    keyboard.type("ภภ")  # ภาครัฐ → ภาคประชาสังคม → ภาควิชาการ
    keyboard.press("Control-s")
    partner = network.partners()[0]
    assert (partner.name, partner.sector) == ("มหาวิทยาลัยวลัยลักษณ์", "academic")

    view.notebook.select(view.lessons)
    tk_root.update()
    tab = view.lessons
    tab.title_e.focus_force()
    tab.date.delete(0, "end")
    keyboard.fill("ฝายมีชีวิต", "บ้านควนเกย หมู่ 1", "1/3/2569", "นางมาลี")
    keyboard.type("ก")  # issue type-ahead: การจัดการน้ำ
    assert tab.issue.get_value() == water.id
    tab.summary.insert("1.0", "ชุมชนร่วมกันสร้างฝาย เก็บน้ำได้ถึงหน้าแล้ง")
    keyboard.press("Control-s")
    lesson = Lesson.get(Lesson.title == "ฝายมีชีวิต")
    assert lesson.date == dt.date(2026, 3, 1) and lesson.issue_id == water.id
    doc = tmp_path / "ถอดบทเรียน.pdf"
    doc.write_bytes(b"%PDF-1.4")
    tab.attach(doc)
    assert [a.filename for a in lessons.attachments_of(lesson)] == ["ถอดบทเรียน.pdf"]
    assert len(tab.files.get_children()) == 1
    tab.search.focus_force()
    keyboard.type("หน้าแล้ง")
    assert tab.list.get_children() == (lesson.id,)
    keyboard.type("xyz")
    assert tab.list.get_children() == ()


def test_each_tab_asks_before_moving_to_the_recycle_bin(gui, tk_root):
    """Delete on each tab names the record, asks, and a "no" keeps it (one shared path)."""
    ctx = gui.ctx
    c = network.save_committee(ctx, tambons.home_tambon(), "คณะกรรมการน้ำ", "executive", [])
    p = network.save_partner(ctx, "สำนักงานเกษตรอำเภอ", "state")
    x = lessons.save_lesson(
        ctx,
        {
            "tambon": tambons.home_tambon(),
            "title": "ธนาคารน้ำใต้ดิน",
            "date": dt.date(2026, 1, 5),
            "summary": "ขุดบ่อ",
        },
    )
    view = gui.show_view("network")
    for tab, record, name, model in (
        (view.committees, c, "คณะกรรมการน้ำ", Committee),
        (view.partners, p, "สำนักงานเกษตรอำเภอ", type(p)),
        (view.lessons, x, "ธนาคารน้ำใต้ดิน", Lesson),
    ):
        view.notebook.select(tab)
        tk_root.update()
        tab.list.selection_set(record.id)
        tk_root.update()
        assert tab.record.id == record.id
        gui.dialogs.answer = False
        tab.delete()
        assert gui.dialogs.messages[-1] == ("confirm", f"ย้าย {name} ไปถังขยะหรือไม่")
        assert model.get_by_id(record.id).deleted_at is None
        gui.dialogs.answer = True
        tab.delete()
        assert model.get_by_id(record.id).deleted_at is not None
        assert tab.record is None and record.id not in tab.list.get_children()
