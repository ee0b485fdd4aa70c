"""A shared office PC (issue 12): log out and switch user with Ctrl+L, lock after idle
minutes, the sidebar's icons and Ctrl+B, Ctrl+0 for the tenth screen, Thai dialog buttons,
the window's remembered size clamped to the screen, and small things of the screens."""

import pytest
from helpers import last_window

from tambon_desk.core import auth, config
from tambon_desk.views.widgets import RecordingDialogs


def test_ctrl_l_logs_out_and_another_user_logs_in(gui, tk_root, keyboard):
    from tambon_desk.views.login import LoginDialog

    auth.create_user(gui.ctx, "somsri", "somsri-pass", "clerk")
    apps = []
    gui.on_relogin = apps.append
    gui.root.focus_force()
    keyboard.press("Control-l")
    assert not gui.frame.winfo_exists()  # the admin's window is gone
    assert gui.ctx.user is None
    login = last_window(tk_root, LoginDialog)
    login.username.delete(0, "end")
    login.username.focus_force()
    keyboard.fill("somsri")
    keyboard.type("somsri-pass")
    keyboard.press("Return")
    assert apps and apps[0].ctx.username == "somsri"
    assert "backups" not in apps[0].nav_buttons  # a clerk's sidebar
    apps[0].destroy()


def test_logout_asks_about_a_half_typed_line(gui, tk_root):
    from tambon_desk.db.models import Village
    from tambon_desk.registry import households

    v = Village.get(Village.moo == 1)
    h = households.save_household(gui.ctx, v, "7", [{"first_name": "มานี", "relation": "head"}])
    view = gui.show_view("accounts")
    view.entry.choose_household(h.id)
    view.entry.open_month((2025, 11))
    view.entry.rows[-1].day.insert(0, "3")
    gui.dialogs.answer = False
    assert gui.logout() is False  # "leave it?" No: still logged in
    assert gui.frame.winfo_exists() and gui.dialogs.messages[-1][0] == "confirm"


def test_idle_lock_hides_the_window_until_the_same_user_logs_in(
    gui, tk_root, keyboard, monkeypatch
):
    from tambon_desk.views.login import LoginDialog

    config.set_setting(gui.ctx, "auto_lock_minutes", "5")
    app = gui.rebuild()
    tk_root.update()
    assert app._idle.minutes == 5
    now = [1000.0]
    app._idle._clock = lambda: now[0]
    app._idle.touch()
    now[0] += 4 * 60
    app._idle.check()
    assert app.frame.winfo_ismapped()  # 4 minutes: not yet
    now[0] += 2 * 60
    app._idle.check()
    tk_root.update()
    assert not app.frame.winfo_ismapped()  # 6 minutes: locked
    login = last_window(tk_root, LoginDialog)
    assert login.username.get() == "admin"
    login.password.focus_force()
    keyboard.type("admin-pass")
    keyboard.press("Return")
    tk_root.update()
    assert app.frame.winfo_ismapped() and app.frame.winfo_exists()  # same session back
    app._idle.stop()
    tk_root.tambon_app = app
    app.destroy()


def test_sidebar_icons_on_a_narrow_window_and_ctrl_b(gui, tk_root, keyboard):
    tk_root.geometry("1100x700+0+0")
    tk_root.update()
    gui._window_resized()
    assert gui.narrow is True
    assert all(str(b.cget("text")) == "" for b in gui.nav_buttons.values())
    gui.root.focus_force()
    keyboard.press("Control-b")
    assert gui.narrow is False and str(gui.nav_buttons["settings"].cget("text"))
    tk_root.geometry("1280x800+0+0")


def test_ctrl_0_reaches_the_tenth_screen(gui, tk_root, keyboard):
    keys = dict(gui.screen_keys())
    assert len(gui.specs) >= 10 and keys["<Control-Key-0>"] == gui.specs[9].key
    gui.root.focus_force()
    keyboard.press("Control-Key-0")
    assert gui.current is gui.views[gui.specs[9].key]


def test_notebooks_move_with_ctrl_tab(gui, tk_root):
    view = gui.show_view("water")
    nb = view.notebook
    nb.select(0)
    nb.focus_force()
    tk_root.update()
    nb.event_generate("<Control-Tab>")
    tk_root.update()
    assert nb.index("current") == 1


def test_dialog_buttons_are_thai(tk_root):
    from ttkbootstrap.localization import MessageCatalog

    from tambon_desk.views.widgets import install_thai_buttons

    install_thai_buttons(tk_root, "th")
    assert MessageCatalog.translate("Yes") == "ใช่"
    assert MessageCatalog.translate("Cancel") == "ยกเลิก"
    install_thai_buttons(tk_root, "en")
    assert MessageCatalog.translate("Yes") == "Yes"
    install_thai_buttons(tk_root, "th")


def test_restore_asks_with_no_as_the_default(gui, tk_root):
    from tambon_desk.core import backups

    backups.create_backup(gui.ctx)
    view = gui.show_view("backups")
    view.reload()
    gui.dialogs.answer = False
    assert view.restore() is None
    assert gui.dialogs.last_default_no is True


def test_backup_copied_to_a_usb_stick(gui, tk_root, tmp_path):
    from tambon_desk.core import backups

    path = backups.create_backup(gui.ctx)
    stick = tmp_path / "stick"
    stick.mkdir()
    view = gui.show_view("backups")
    view.reload()
    view.tree.selection_set(str(path))
    task = view.copy_to_usb(stick)
    task.wait(timeout=30)
    tk_root.update()
    assert (stick / path.name).read_bytes() == path.read_bytes()


def test_remembered_window_size_is_clamped_to_the_screen(ctx, tk_root):
    from tambon_desk.app import _geometry_file, place_main_window

    tk_root._tambon_screen = None
    _geometry_file(ctx).write_text("2400x1400+1900+30", encoding="utf-8")
    sw, sh = tk_root.winfo_screenwidth(), tk_root.winfo_screenheight()
    geometry = place_main_window(tk_root, ctx)
    w, rest = geometry.split("x")
    h, x, y = (int(v) for v in rest.split("+"))
    assert int(w) <= sw and h <= sh - 40 and int(w) + x <= sw and h + y <= sh
    _geometry_file(ctx).unlink()
    tk_root.attributes("-zoomed", False)
    tk_root.geometry("1280x800+0+0")


def test_title_sets_the_sex_and_reports_forget_the_old_file(gui, tk_root, tmp_path):
    from tambon_desk.db.models import Village

    form = gui.open_household(None, village=Village.get(Village.moo == 1).id)
    row = form.rows[0]
    row.widgets["title"].set("นาย")
    row.widgets["title"].event_generate("<<ComboboxSelected>>")
    assert row.widgets["sex"].get_value() == "M"
    form.destroy()

    view = gui.show_view("reports")
    view.output = tmp_path / "old.pdf"
    view.open_btn.configure(state="normal")
    view.listbox.selection_clear(0, "end")
    view.listbox.selection_set(1)
    view._chosen()
    assert view.output is None and str(view.open_btn.cget("state")) == "disabled"


@pytest.mark.parametrize("typed", ["2026", "69", "2569"])
def test_a_ce_year_in_the_summary_is_converted_and_said(gui, tk_root, typed):
    view = gui.show_view("accounts")
    bar = view.tambon.bar
    bar.year.delete(0, "end")
    bar.year.insert(0, typed)
    period = bar.period()
    assert period is not None and bar.year.get() in ("2569", "69")
    assert ("ค.ศ." in str(bar.error.cget("text"))) is (typed == "2026")


def test_messages_wrap_thai_and_recorder_keeps_default(tk_root):
    d = RecordingDialogs(tk_root)
    d.confirm("?", default_no=True)
    assert d.last_default_no is True


def test_the_window_s_resize_binding_is_one_per_session(gui, tk_root):
    """Only the window's own <Configure> reaches the sidebar, and a closed session's line
    leaves the binding (a logout does not pile them up)."""
    script = str(tk_root.tk.call("bind", tk_root._w, "<Configure>"))
    assert script.count(gui._resized) == 1
    tk_root.geometry("1100x700+0+0")
    tk_root.update()
    assert gui.narrow is True
    tk_root.geometry("1280x800+0+0")
    tk_root.update()
    assert gui.narrow is False
