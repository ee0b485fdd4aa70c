"""Every screen fits the 1280×800 window a tambon office laptop gives it, in Thai, on a demo
database: no button or field runs off the right edge, the water chart keeps its height and
the water table shows its whole Thai headings (bugs found walking the screens)."""

import tkinter as tk
import tkinter.font as tkfont
import warnings

import pytest

from tambon_desk.demo import build_demo


@pytest.fixture
def demo_gui(ctx, tk_root):
    from tambon_desk.app import App, configure_root
    from tambon_desk.core.i18n import set_language
    from tambon_desk.views.widgets import RecordingDialogs

    set_language("th")
    build_demo(ctx, households=20)
    tk_root.geometry("1280x800+0+0")
    configure_root(tk_root, ctx)
    app = App(tk_root, ctx, dialogs=RecordingDialogs(tk_root), modal=False)
    tk_root.update()
    yield app
    for w in tk_root.winfo_children():
        w.destroy()


def _overflowing(widget, right_edge):
    """Viewable widgets whose right side lies past `right_edge` (screen x), and buttons or
    labels squeezed narrower than their text."""
    out = []
    for w in widget.winfo_children():
        if not w.winfo_viewable() or w.winfo_class() in ("Canvas", "Toplevel"):
            continue  # scrolled content is allowed to be wider
        try:
            text = str(w.cget("text"))
        except tk.TclError:
            text = ""
        if w.winfo_rootx() + w.winfo_width() > right_edge + 1:
            out.append(f"{w.winfo_class()} {text or w}")
        elif (
            w.winfo_class() in ("TButton", "TCheckbutton", "TLabel")
            and text
            and w.winfo_reqwidth() > w.winfo_width() + 1
        ):
            out.append(f"clipped {w.winfo_class()} {text}")  # squeezed by its row
        elif w.winfo_class() in ("Text", "Listbox") and w.winfo_height() < w.winfo_reqheight() - 2:
            out.append(f"squashed {w.winfo_class()} {w}")  # no room below it
        out += _overflowing(w, right_edge)
    return out


def _all_tabs(view):
    import ttkbootstrap as ttk

    stack, books = [view], []
    while stack:
        w = stack.pop()
        if isinstance(w, ttk.Notebook):
            books.append(w)
        stack += w.winfo_children()
    return books


def test_no_control_runs_off_the_window(demo_gui, tk_root):
    right = tk_root.winfo_rootx() + 1280
    found = {}
    for spec in demo_gui.specs:
        view = demo_gui.show_view(spec.key)
        tk_root.update()
        books = _all_tabs(view) or [None]
        for nb in books:
            for tab in nb.tabs() if nb else [None]:
                if nb:
                    nb.select(tab)
                tk_root.update()
                bad = _overflowing(view, right)
                if bad:
                    found[f"{spec.key}/{tab}"] = bad
    assert found == {}


def test_water_balance_keeps_its_chart_and_headings(demo_gui, tk_root):
    view = demo_gui.show_view("water")
    tk_root.update()
    tab = view.balance
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        tab.recompute()
        tk_root.update()
    assert not [w for w in seen if "collapsed" in str(w.message)]  # axes had room
    fig_px = tab.figure.get_size_inches()[1] * tab.figure.dpi
    assert 110 <= fig_px <= tab.chart_area.winfo_height() + 2  # fits, not clipped
    assert tab.figure.axes[0].get_position().height > 0.3
    font = tkfont.nametofont("TkHeadingFont")
    for c in tab.columns:
        assert font.measure(c.title) + 8 <= tab.tree.column(c.key, "width"), c.title


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_every_screen_opens_on_a_bare_database(ctx, tk_root, as_role, role):
    """Only a tambon registered (no villages, no households): every screen and every tab
    opens without an error, for an admin and for a viewer."""
    from tambon_desk.app import App, configure_root
    from tambon_desk.registry import places as tambons
    from tambon_desk.views.widgets import RecordingDialogs

    tambons.add_tambon(ctx, "800101", [])
    as_role(role)
    configure_root(tk_root, ctx)
    app = App(tk_root, ctx, dialogs=RecordingDialogs(tk_root), modal=False)
    errors, before = [], tk_root.report_callback_exception
    tk_root.report_callback_exception = lambda *exc: errors.append(exc[1])
    try:
        assert len(app.specs) >= (10 if role == "admin" else 6)
        for spec in app.specs:
            view = app.show_view(spec.key)
            tk_root.update()
            for nb in _all_tabs(view):
                for tab in nb.tabs():
                    nb.select(tab)
                    tk_root.update()
        assert app.dialogs.messages == [] and errors == []
    finally:
        tk_root.report_callback_exception = before
        for w in tk_root.winfo_children():
            w.destroy()


def test_household_window_fits(demo_gui, tk_root):
    """The household window (members and its account-book tab) fits its 1240-pixel width."""
    view = demo_gui.show_view("households")
    form = demo_gui.open_household(view.table.rows[0]["id"])
    form.geometry("1240x640+10+40")
    form.update()
    found = {}
    for nb in _all_tabs(form) or [None]:
        for tab in nb.tabs() if nb else [None]:
            if nb:
                nb.select(tab)
            form.update()
            bad = _overflowing(form, form.winfo_rootx() + form.winfo_width())
            if bad:
                found[str(tab)] = bad
    form.destroy()
    assert found == {}
