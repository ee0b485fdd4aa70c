"""The master-plan screens driven by keyboard under Xvfb: a project with two funding lines,
moved to funded, seen in the summary; the plan's issues; the warning when amounts differ."""

import datetime as dt

from helpers import last_window

from tambon_desk.db.models import AuditLog, FundingLine, Project
from tambon_desk.plan import projects as plan


def _form(tk_root):
    from tambon_desk.views.plan.project_form import ProjectForm

    return last_window(tk_root, ProjectForm)


def test_project_with_two_lines_by_keyboard_funded_in_summary(gui, tk_root, keyboard):
    view = gui.show_view("plan")
    view.projects.search.focus_force()
    keyboard.press("Control-n")
    form = _form(tk_root)
    form.title_e.focus_force()
    # title, fiscal year, level, village, issue, responsible, objective, start, end, results,
    # indicators, budget, provincial (toggle), provincial FY, amount, note, status, status date
    form.fy.delete(0, "end")
    keyboard.fill(
        "ฝายชะลอน้ำบ้านควนเกย",
        "2569",
        None,
        None,
        None,
        "คณะทำงานตำบล",
        "เก็บน้ำไว้ใช้หน้าแล้ง",
        "1/12/2568",
        "30/9/2569",
        None,
        None,
        "250,000",
    )
    keyboard.fill(None, None, None, None, None)  # -> status date (today, selected)
    assert keyboard.focused() is form.first_date
    form.first_date.delete(0, "end")  # a clerk's typing replaces the selection
    keyboard.fill("1/10/2568")
    # the first funding line (channel preset to own means): channel, organisation,
    # requested, approved, date; Enter on the date adds the second line
    keyboard.fill(None, None, "50,000", "50,000", "1/11/2568")
    assert len(form.funding.rows) == 2
    keyboard.type("ง")  # type-ahead: งบประมาณ อปท.
    assert form.funding.rows[1].widgets["channel"].get_value() == "local_gov"
    keyboard.press("Return")
    keyboard.fill("อบต.ในเมือง", "200,000", "200,000")
    keyboard.press("Control-s")
    assert not form.winfo_exists()
    p = Project.get(Project.title == "ฝายชะลอน้ำบ้านควนเกย")
    assert (p.fiscal_year, p.budget, p.status) == (2569, 25_000_000, "idea")
    assert p.start_date == dt.date(2025, 12, 1) and p.status_date == dt.date(2025, 10, 1)
    lines = plan.funding_lines(p)
    assert [(f.channel, f.organisation, f.requested, f.approved) for f in lines] == [
        ("own", "", 5_000_000, 5_000_000),
        ("local_gov", "อบต.ในเมือง", 20_000_000, 20_000_000),
    ]
    assert view.projects.table.selected_id() == p.id

    view.projects.table.tree.focus_force()  # reopen from the list with Enter
    keyboard.press("Return")
    form = _form(tk_root)
    keyboard.press("Control-t")  # to the status change
    assert keyboard.focused() is form.next_status
    keyboard.type("ไ")  # type-ahead: ได้รับงบประมาณ
    assert form.next_status.get_value() == "funded"
    keyboard.press("Return")
    form.status_date.delete(0, "end")
    keyboard.fill("15/1/2569")
    keyboard.type("อบต. อนุมัติงบ")
    keyboard.press("Return")  # Enter on the note changes the status
    p = Project.get_by_id(p.id)
    assert p.status == "funded" and p.status_date == dt.date(2026, 1, 15)
    assert [h.status for h in plan.status_history(p)] == ["idea", "funded"]
    assert "ได้รับงบประมาณ" in form.status_now.cget("text")
    assert len(form.history.get_children()) == 2
    keyboard.press("Escape")

    view.notebook.select(view.summary)
    tk_root.update()
    s = view.summary.summary
    assert s.totals["local_gov"].count == 1 and s.totals["local_gov"].approved == 20_000_000
    rows = [view.summary.groups.item(i, "values") for i in view.summary.groups.get_children()]
    assert rows[1] == ("งบประมาณ อปท.", "1", "200,000.00", "1", "200,000.00")
    assert rows[0][1:3] == ("1", "50,000.00")


def test_over_budget_asks_and_cancel_keeps_form(gui, tk_root, keyboard):
    view = gui.show_view("plan")
    form = view.projects.new_project()
    tk_root.update()
    form.title_e.insert(0, "โรงสีข้าวชุมชน")
    form.budget.insert(0, "900,000")
    form.funding.rows[0].widgets["requested"].insert(0, "100,000")
    form.funding.rows[0].widgets["approved"].insert(0, "100,000")
    gui.dialogs.answer = False
    assert form.save() is False and form.winfo_exists()
    assert "900,000.00" in gui.dialogs.messages[-1][1]
    assert Project.select().count() == 0
    gui.dialogs.answer = True
    assert form.save() is True
    assert Project.get().budget == 90_000_000 and FundingLine.select().count() == 1


def test_field_errors_on_form_and_lines(gui, tk_root, keyboard):
    form = gui.show_view("plan").projects.new_project()
    tk_root.update()
    form.fy.delete(0, "end")
    form.fy.insert(0, "สองห้า")
    row = form.funding.rows[0]
    row.widgets["channel"].set_value("outside_public")
    row.widgets["requested"].insert(0, "abc")
    assert form.save() is False
    assert form.form.error_labels["title"].cget("text").strip()
    assert form.form.error_labels["fiscal_year"].cget("text").strip()
    assert "1,234.50" in row.error.cget("text") or row.error.cget("text")
    assert Project.select().count() == 0


def test_plan_and_issues_tab(gui, tk_root, keyboard):
    view = gui.show_view("plan")
    view.notebook.select(view.editor)
    tk_root.update()
    ed = view.editor
    ed.title_e.focus_force()
    keyboard.fill("แผนแม่บทชุมชนตำบลในเมือง", "2567", "2570", "ชุมชนพึ่งตนเอง")
    assert ed.save_plan()
    ed.issue_name.focus_force()
    keyboard.fill("วิสาหกิจชุมชนข้าว", "โรงสีชุมชน")  # Enter on description adds
    keyboard.fill("การจัดการน้ำ", "")
    assert [ed.issues.item(i, "values")[0] for i in ed.issues.get_children()] == [
        "วิสาหกิจชุมชนข้าว",
        "การจัดการน้ำ",
    ]
    keyboard.fill("การจัดการน้ำ", "")  # duplicate: error line, nothing added
    assert ed.error.cget("text") and len(ed.issues.get_children()) == 2
    p = plan.plans()[0]
    assert (p.period_start, p.period_end, p.vision) == (2567, 2570, "ชุมชนพึ่งตนเอง")
    assert AuditLog.select().where(AuditLog.table == "plan_issue").count() == 2


def test_district_database_project_picks_its_tambon(gui, tk_root):
    from tambon_desk.registry import places as tambons

    other = tambons.add_tambon(gui.ctx, "800102", [(5, "บ้านท่าวัง")])
    p = plan.save_plan(gui.ctx, other, "แผนท่าวัง", 2567, 2570)
    plan.save_issue(gui.ctx, p, "ส้มโอ")
    form = gui.show_view("plan").projects.new_project()
    tk_root.update()
    form.tambon_box.set_value(other.id)
    form.tambon_box.event_generate("<<ComboboxSelected>>")
    tk_root.update()
    assert [label for _v, label in form.village._choices] == ["—", "หมู่ที่ 5 บ้านท่าวัง"]
    form.issue.current(1)
    form.title_e.insert(0, "ส้มโอทับทิมสยาม")
    assert form.save() is True
    saved = Project.get(Project.title == "ส้มโอทับทิมสยาม")
    assert saved.tambon_id == other.id and saved.issue.name == "ส้มโอ"


def test_delete_to_bin_and_restore(gui, tk_root, keyboard):
    from tambon_desk.registry import places as tambons

    p = plan.save_project(
        gui.ctx, {"tambon": tambons.home_tambon(), "title": "ธนาคารขยะ", "fiscal_year": 2569}, []
    )
    view = gui.show_view("plan")
    tk_root.update()
    view.projects.table.tree.focus_force()
    keyboard.press("Delete")  # confirmed by the recording dialogs
    assert Project.get_by_id(p.id).deleted_at is not None
    assert view.projects.table.total == 0
    view.projects.buttons.switch.invoke()  # the recycle bin, as a click shows it
    assert view.projects.table.rows[0]["id"] == p.id
    view.projects.restore_selected()
    assert Project.get_by_id(p.id).deleted_at is None


def test_viewer_cannot_press_the_issue_buttons(gui, tk_root, as_role):
    """Walking the screens as a viewer: the issue buttons and "New plan" were live and only
    ended in a refusal (Delete even asked first); now they are greyed."""
    as_role("viewer")
    view = gui.show_view("plan")
    view.notebook.select(view.editor)
    tk_root.update()
    ed = view.editor
    assert [str(b.cget("state")) for b in ed.issue_btns + [ed.new_plan_btn]] == ["disabled"] * 4


def test_delete_plan_unlink_partner_and_remove_file_ask_first(gui, tk_root, keyboard, tmp_path):
    """The plan editor deletes an empty plan; the project window unlinks a partner and takes
    a file off, each after asking (Delete key on the list, or the button)."""
    from tambon_desk.registry import places as tambons

    view = gui.show_view("plan")
    view.notebook.select(view.editor)
    tk_root.update()
    ed = view.editor
    ed.title_e.focus_force()
    keyboard.fill("แผนทดลอง", "2567", "2570", "")
    assert ed.save_plan()
    gui.dialogs.answer = False
    assert not ed.delete_plan() and len(plan.plans()) == 1  # "No" keeps it
    gui.dialogs.answer = True
    assert ed.delete_plan() and plan.plans() == []

    ctx = gui.ctx
    t = tambons.home_tambon()
    proj = plan.save_project(
        ctx, {"tambon": t, "level": "tambon", "title": "ฝายมีชีวิต", "fiscal_year": 2569}, []
    )
    from tambon_desk.plan import network

    partner = network.save_partner(ctx, "กรมทรัพยากรน้ำ", "state")
    network.link_partner(ctx, proj, partner, "support")
    doc = tmp_path / "แบบฝาย.txt"
    doc.write_text("แบบ", encoding="utf-8")
    plan.attach_to_project(ctx, proj, doc)
    from tambon_desk.views.plan.project_form import ProjectForm

    form = ProjectForm(tk_root, gui, proj.id)
    form.notebook.select(form.links_page)
    tk_root.update()
    link_id = form.partner_tree.get_children()[0]
    form.partner_tree.selection_set(link_id)
    form.partner_tree.focus_force()
    keyboard.press("Delete")
    assert network.project_partners(proj) == [] and form.partner_tree.get_children() == ()
    form.files.selection_set(form.files.get_children()[0])
    assert form.remove_file()
    assert plan.project_attachments(proj) == []
    assert ("confirm", "นำไฟล์ แบบฝาย.txt ออกจากโครงการนี้หรือไม่") in gui.dialogs.messages
    form.destroy()
