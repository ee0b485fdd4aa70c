"""The doors and the frame of the program, driven under Xvfb: first start, login, forced
password change, language switch, the reports screen."""

import pytest
from helpers import last_window, wait_until

from tambon_desk.core import auth
from tambon_desk.db.models import AuditLog, Tambon, User, Village
from tambon_desk.registry import firststart
from tambon_desk.views.widgets import RecordingDialogs


@pytest.fixture
def empty(tmp_path):
    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database, open_database

    path = tmp_path / "new.db"
    ctx = Context(db=open_database(path), db_path=path)
    yield ctx
    close_database()


def _toplevel(root, cls):
    root.update()
    return last_window(root, cls)


def _close(root, apps):
    for app in apps:
        app.destroy()
    import tkinter as tk

    for w in root.winfo_children():
        if isinstance(w, tk.Toplevel):
            w.destroy()


def test_first_start_creates_tambon_villages_admin(empty, tk_root, keyboard):
    from tambon_desk.app import start_session
    from tambon_desk.views.login import FirstStartDialog

    apps = []
    start_session(
        tk_root, empty, modal=False, dialogs=RecordingDialogs(tk_root), on_ready=apps.append
    )
    dlg = _toplevel(tk_root, FirstStartDialog)
    assert dlg.province.get() == "นครศรีธรรมราช"  # offered first
    dlg.choose("80", "8013", "801304")
    dlg.villages.insert("1.0", "1 บ้านควนเกย\nหมู่ ๒ บ้านนาดี\n")
    dlg.password.insert(0, "pass1234")
    dlg.again.insert(0, "pass9999")
    dlg.submit()
    assert "ไม่ตรงกัน" in dlg.form.error_labels["password_again"].cget("text")
    assert firststart.needs_first_start()  # nothing half-made
    dlg.again.delete(0, "end")
    dlg.again.focus_force()
    keyboard.type("pass1234")
    keyboard.press("Return")
    assert apps, "main window not opened"
    t = Tambon.get()
    assert (t.code, t.name_th, t.district_th) == ("801304", "ควนเกย", "ร่อนพิบูลย์")
    assert [(v.moo, v.name) for v in Village.select().order_by(Village.moo)] == [
        (1, "บ้านควนเกย"),
        (2, "บ้านนาดี"),
    ]
    assert User.get().role == "admin" and empty.user.username == "admin"
    _close(tk_root, apps)


def test_login_wrong_then_right_then_forced_password_change(ctx, tk_root, keyboard):
    from tambon_desk.app import start_session
    from tambon_desk.registry import places as tambons
    from tambon_desk.views.login import ChangePasswordDialog, LoginDialog

    tambons.add_tambon(ctx, "800101", [(1, "บ้านหนึ่ง")])
    auth.create_user(ctx, "somsri", "first-pass", "clerk", must_change_password=True)
    ctx.user = None
    apps = []
    start_session(
        tk_root, ctx, modal=False, dialogs=RecordingDialogs(tk_root), on_ready=apps.append
    )
    login = _toplevel(tk_root, LoginDialog)
    login.username.focus_force()
    keyboard.fill("somsri")
    keyboard.type("nope")
    keyboard.press("Return")
    assert "ไม่ถูกต้อง" in login.form.error_labels["password"].cget("text") and not apps
    keyboard.type("first-pass")
    keyboard.press("Return")
    change = _toplevel(tk_root, ChangePasswordDialog)
    assert not apps  # no way around it
    change.old.focus_force()
    keyboard.fill("first-pass", "my-own-pass")
    keyboard.type("my-own-pass")
    keyboard.press("Return")
    assert apps and apps[0].ctx.username == "somsri"
    user = User.get(User.username == "somsri")
    assert not user.must_change_password and auth.verify_password("my-own-pass", user.password_hash)
    assert "households" in apps[0].nav_buttons and "settings" in apps[0].nav_buttons
    _close(tk_root, apps)


def test_language_switch_rebuilds_in_english(gui, tk_root):
    from tambon_desk.core import config, i18n

    view = gui.show_view("settings")
    view.language.set_value("en")
    view.apply_display()
    app = tk_root.tambon_app
    try:
        assert config.get_preference(app.ctx, "language") == "en"  # this user's own
        assert config.get_setting("language") == "th"  # not the PC's (#14)
        assert app.nav_buttons["households"].cget("text") == "Households"
        view = app.show_view("settings")
        view.language.set_value("th")
        view.apply_display()
        assert tk_root.tambon_app.nav_buttons["households"].cget("text") == "ครัวเรือน"
    finally:
        i18n.set_language("th")
        tk_root.tambon_app.destroy()
        gui.frame = tk_root.tambon_app.frame  # the fixture tears down the live one


def test_admin_adds_clerk_in_settings(gui, tk_root):
    view = gui.show_view("settings")
    view.new_name.insert(0, "malee")
    view.new_role.set_value("clerk")
    view.new_password.insert(0, "x1")
    view.add_user()
    assert "อย่างน้อย" in view.user_form.error_labels["password"].cget("text")
    view.new_password.delete(0, "end")
    view.new_password.insert(0, "start-1234")
    view.add_user()
    u = User.get(User.username == "malee")
    assert u.role == "clerk" and u.must_change_password
    assert (
        AuditLog.select().where((AuditLog.table == "user") & (AuditLog.record_id == u.id)).exists()
    )


def test_reports_view_generates_and_saves(gui, tk_root, tmp_path):
    from tambon_desk.core import config
    from tambon_desk.registry import households

    v = Village.get(Village.moo == 1)
    households.save_household(
        gui.ctx,
        v,
        "1",
        [{"first_name": "ประเสริฐ", "relation": "head", "citizen_id": "1101700203450", "sex": "M"}],
    )
    view = gui.show_view("reports")
    view.select("household-register")
    view.fmt.set_value("pdf")
    task = view.generate()
    task.wait(timeout=60)
    tk_root.update()
    assert view.output is not None and view.output.read_bytes()[:4] == b"%PDF"
    assert str(view.save_btn.cget("state")) == "normal"
    target = tmp_path / "usb" / "register.pdf"
    target.parent.mkdir()
    view.ask_save_path = lambda suggested: str(target)
    assert view.save_as() == target and target.exists()
    assert config.get_preference(gui.ctx, "last_report_folder") == str(target.parent)

    view.select("tambon-profile")
    view.period.set_value("year")
    view.period_value.delete(0, "end")
    assert view.generate() is None  # a period kind with no year
    assert "2569" in view.form.error_labels["period_value"].cget("text")


def test_daily_backup_taken_in_background_once(gui, tk_root):
    from tambon_desk.app import _daily_backup
    from tambon_desk.db.backup import list_backups

    first = _daily_backup(gui)
    wait_until(tk_root, lambda: first.finished, timeout=60, what="the daily backup")
    path = first.result
    assert first.error is None and path is not None and path.is_file()
    assert [b.path for b in list_backups(gui.ctx.backup_dir)] == [path]
    assert gui.message.cget("text") == "สำรองข้อมูลประจำวันแล้ว"  # the status line says so
    second = _daily_backup(gui)  # same day: no second copy
    wait_until(tk_root, lambda: second.finished, timeout=60, what="the second daily backup")
    assert second.error is None and second.result is None
    assert [b.path for b in list_backups(gui.ctx.backup_dir)] == [path]


def test_district_database_names_tambons_everywhere(gui, tk_root):
    """After USB merges a database holds several tambons: every screen lets you choose."""
    from tambon_desk.registry import households
    from tambon_desk.registry import places as tambons

    t2 = tambons.add_tambon(gui.ctx, "800102", [(1, "บ้านท่าวัง")])  # same district
    v1 = Village.get(Village.moo == 1, Village.tambon != t2)
    v2 = Village.get(Village.tambon == t2)
    households.save_household(gui.ctx, v1, "1", [{"first_name": "ก", "relation": "head"}])
    households.save_household(gui.ctx, v2, "1", [{"first_name": "ข", "relation": "head"}])
    households.save_household(gui.ctx, v2, "2", [{"first_name": "ค", "relation": "head"}])
    app = gui.rebuild()
    try:
        dash = app.show_view("dashboard")
        assert "2" in dash.title.cget("text") and dash.card_values["households"].cget("text") == "3"
        dash.scope.set_value(t2.id)
        dash.on_show()
        assert dash.card_values["households"].cget("text") == "2"
        view = app.show_view("households")
        view.village.set_value("tambon:" + t2.id)
        view.refresh()
        assert view.table.total == 2
        assert any(label.startswith("ต.") for _v, label in view.village._choices)
        reports = app.show_view("reports")
        reports.select("plan-funding")
        labels = [label for _v, label in reports.scope._choices]
        assert any(label.startswith("ทั้งอำเภอ") for label in labels)
        reports.select("household-register")
        reports.scope.current(1)
        reports._scope_chosen()
        assert reports.params()["tambon"] == "800102"
    finally:
        app.destroy()
        gui.frame = app.frame


def test_database_on_usb_is_copied_in_when_the_clerk_agrees(tmp_path, monkeypatch):
    """WAL must not run on a stick: the program offers a local copy instead of opening it."""
    import sqlite3

    from tambon_desk import app as app_mod
    from tambon_desk.core import config
    from tambon_desk.core.errors import UserError

    stick = tmp_path / "media" / "usb" / "tambon.db"
    stick.parent.mkdir(parents=True)
    con = sqlite3.connect(stick)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (42)")
    con.commit()
    con.close()
    local = tmp_path / "data"
    monkeypatch.setattr(
        config, "location_problem", lambda p, *a: "USB" if "media" in str(p) else None
    )
    monkeypatch.setattr(config, "default_data_dir", lambda: local)
    with pytest.raises(UserError):
        app_mod._local_copy_if_needed(stick, RecordingDialogs(answer=False))
    copied = app_mod._local_copy_if_needed(stick, RecordingDialogs(answer=True))
    assert copied.parent == local and copied.name == "tambon.db"
    assert sqlite3.connect(copied).execute("SELECT x FROM t").fetchone() == (42,)
    again = app_mod._local_copy_if_needed(stick, RecordingDialogs(answer=True))
    assert again != copied and again.exists()  # never overwrites the first copy


def test_admin_cannot_demote_self_and_disabling_asks_first(gui, tk_root):
    """Walking the settings screen: an admin's own role stays (no office left without an
    administrator), and disabling another user asks before it locks them out."""
    other = auth.create_user(gui.ctx, "somsri", "start-1234", "clerk")
    view = gui.show_view("settings")
    me = gui.ctx.user
    view.users.selection_set(me.id)
    view.new_role.set_value("viewer")
    view.set_role()
    assert User.get_by_id(me.id).role == "admin"
    assert gui.dialogs.messages[-1][0] == "error"
    view.users.selection_set(other.id)
    gui.dialogs.answer = False
    view.toggle_active()
    assert User.get_by_id(other.id).active
    assert gui.dialogs.messages[-1] == (
        "confirm",
        "ระงับบัญชี somsri หรือไม่? ผู้ใช้นี้จะเข้าระบบไม่ได้จนกว่าผู้ดูแลระบบจะเปิดใช้บัญชีอีกครั้ง",
    )
    gui.dialogs.answer = True
    view.toggle_active()
    assert not User.get_by_id(other.id).active
    view.toggle_active()  # turning it on again: no question
    assert User.get_by_id(other.id).active and gui.dialogs.messages[-1][0] == "confirm"
    assert len([m for m in gui.dialogs.messages if m[0] == "confirm"]) == 2


def test_admin_adds_a_village_and_sets_its_target(gui, tk_root, keyboard):
    """No screen could add a moo after first start: a bare tambon stayed without villages.
    Settings now lists them; a new one is typed, a target corrected, mistakes shown."""
    view = gui.show_view("settings")
    box = view.villages
    view.admin_tabs.select(box)
    tk_root.update()
    assert [box.tree.item(i, "values")[1] for i in box.tree.get_children()] == [
        "บ้านควนเกย",
        "บ้านนาดี",
    ]
    box.new()
    box.moo.insert(0, "3")
    box.name.insert(0, "บ้านใหม่พัฒนา")
    box.target.delete(0, "end")
    box.target.insert(0, "12")
    assert box.save()
    v = Village.get(Village.moo == 3)
    assert (v.name, v.account_target) == ("บ้านใหม่พัฒนา", 12)
    assert box.tree.selection() == (v.id,)
    box.target.delete(0, "end")
    box.target.insert(0, "สิบ")
    assert not box.save()
    assert box.form.error_labels["account_target"].cget("text")
    box.new()
    box.moo.insert(0, "1")
    box.name.insert(0, "ซ้ำ")
    assert not box.save()  # moo 1 exists already
    assert "1" in box.form.error_labels["moo"].cget("text")
    dash = gui.show_view("dashboard")
    assert len(dash.tree.get_children()) == 3


def test_wrap_label_breaks_thai_only_between_words(tk_root):
    """Tk's wraplength cuts Thai mid-word; WrapLabel breaks where the segmenter allows."""
    from itertools import accumulate

    from tambon_desk.reports.thaiwrap import segment
    from tambon_desk.views.widgets import WrapLabel

    text = "ผู้ใหญ่บ้านเรียกประชุมชาวบ้านเรื่องน้ำประปาหมู่บ้านและที่ดินทำกินทุกเดือน"
    label = WrapLabel(tk_root, text=text, wrap=140)
    lines = label.cget("text").split("\n")
    assert len(lines) > 1 and "".join(lines) == text
    word_ends = set(accumulate(len(w) for w in segment(text)))
    ends = list(accumulate(len(line) for line in lines))
    assert all(e in word_ends for e in ends)
    label.configure(text="")
    assert label.cget("text") == ""
    label.destroy()
