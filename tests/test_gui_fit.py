"""Every screen and every dialog fits the screens tambon offices have (issue 12): at
1024×768, 1366×768 and 1920×1080 every control that is shown lies inside the window or
inside a scrollable area, no screen needs sideways scrolling, buttons keep their text, and
charts keep their minimum height. Run under an Xvfb screen of at least 1920×1080."""

import tkinter as tk

import pytest

from tambon_desk.demo import build_demo

SIZES = [(1024, 768), (1366, 768), (1920, 1080)]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """One demo database for the module, copied for each test (building it takes time)."""
    from tambon_desk.core.context import Context
    from tambon_desk.db import close_database, open_database

    path = tmp_path_factory.mktemp("fit") / "demo.db"
    ctx = Context(db=open_database(path), db_path=path)
    build_demo(ctx, households=30)
    close_database()
    return path


@pytest.fixture
def app_at(demo_db, tmp_path, tk_root):
    import shutil

    from tambon_desk.app import App, configure_root
    from tambon_desk.core.context import Context
    from tambon_desk.core.i18n import set_language
    from tambon_desk.db import close_database, open_database
    from tambon_desk.db.models import User
    from tambon_desk.views.widgets import RecordingDialogs

    made = []

    def make(w, h):
        set_language("th")
        shutil.copy(demo_db, tmp_path / "t.db")
        ctx = Context(db=open_database(tmp_path / "t.db"), db_path=tmp_path / "t.db")
        ctx.user = User.get(User.username == "admin")
        tk_root._tambon_screen = (w, h)
        tk_root.geometry(f"{w}x{h}+0+0")
        configure_root(tk_root, ctx)
        app = App(tk_root, ctx, dialogs=RecordingDialogs(tk_root), modal=False)
        made.append(app)
        settle(tk_root)
        return app

    yield make
    for w in tk_root.winfo_children():
        w.destroy()
    tk_root._tambon_screen = None
    tk_root.geometry("1280x800+0+0")
    close_database()


def settle(root):
    for _ in range(3):
        root.update_idletasks()
        root.update()


def _rect(w):
    return (
        w.winfo_rootx(),
        w.winfo_rooty(),
        w.winfo_rootx() + w.winfo_width(),
        w.winfo_rooty() + w.winfo_height(),
    )


def _scrolls(w) -> bool:
    from tambon_desk.views.widgets import ScrollableFrame

    if isinstance(w, ScrollableFrame):
        return True
    # ttkbootstrap's own ScrolledFrame (a container holding a frame on a canvas)
    return type(w).__name__ == "ScrolledFrame"


def misfits(top) -> list[str]:
    """Shown widgets outside `top`'s window, or inside a scrollable area but outside what
    scrolling reaches (its scrolled content); buttons squeezed narrower than their text."""
    from tambon_desk.views.widgets import ScrollableFrame

    out = []
    stack = [(top, _rect(top))]  # (widget, the box its children must lie in)
    while stack:
        w, box = stack.pop()
        for c in w.winfo_children():
            if isinstance(c, tk.Toplevel) or not c.winfo_ismapped():
                continue
            cls = c.winfo_class()
            x0, y0, x1, y1 = _rect(c)
            if box is not None and (
                x0 < box[0] - 1 or y0 < box[1] - 1 or x1 > box[2] + 1 or y1 > box[3] + 1
            ):
                out.append(f"outside: {cls} {_text(c)} {str(c)[-60:]}")
            if (
                cls in ("TButton", "TCheckbutton")
                and _text(c)
                and c.winfo_reqwidth() > c.winfo_width() + 2
            ):
                out.append(f"squeezed: {cls} {_text(c)}")
            if isinstance(w, ScrollableFrame) or (
                isinstance(w, tk.Canvas) and isinstance(w.master, ScrollableFrame)
            ):
                inner = w.inner if isinstance(w, ScrollableFrame) else w.master.inner
                child_box = _rect(inner)  # scrolling reaches all of the content
            elif _scrolls(w):
                child_box = None  # ttkbootstrap's own scrolled frame
            else:
                child_box = box
            if cls != "Canvas" or _scrolls(w) or isinstance(w, ScrollableFrame):
                stack.append((c, child_box if c is not getattr(w, "inner", None) else _rect(c)))
    return out


def _text(w) -> str:
    try:
        return str(w.cget("text"))
    except tk.TclError:
        return ""


def notebooks(widget):
    import ttkbootstrap as ttk

    stack, found = [widget], []
    while stack:
        w = stack.pop()
        if isinstance(w, ttk.Notebook):
            found.append(w)
        stack += w.winfo_children()
    return found


def each_tab(widget, root):
    """Select every tab of every notebook in turn (yields a label for each state)."""
    books = notebooks(widget)
    if not books:
        yield "-"
        return
    for nb in books:
        for tab in nb.tabs():
            if not nb.winfo_exists():
                break
            nb.select(tab)
            settle(root)
            yield f"{str(nb)[-25:]}:{nb.tab(tab, 'text')}"


def chart_problems(widget) -> list[str]:
    from tambon_desk.views.widgets import ChartArea

    out = []
    stack = [widget]
    while stack:
        w = stack.pop()
        stack += w.winfo_children()
        if isinstance(w, ChartArea) and w.canvas is not None and w.winfo_ismapped():
            h = w.canvas.get_tk_widget().winfo_height()
            if h < w.min_px[1] - 2:
                out.append(f"chart {w} is {h} px high")
    return out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits(app_at, tk_root, size):
    app = app_at(*size)
    found = {}
    for spec in app.specs:
        view = app.show_view(spec.key)
        settle(tk_root)
        holder = app.holders[spec.key]
        for tab in each_tab(view, tk_root):
            bad = misfits(tk_root) + chart_problems(view)
            if holder.hbar.winfo_ismapped():
                bad.append(
                    f"needs sideways scrolling ({holder.inner.winfo_reqwidth()} px "
                    f"in {holder.canvas.winfo_width()})"
                )
            if bad:
                found[f"{spec.key}/{tab}"] = bad
    # the household summary's chart, drawn once a household is chosen (was ~10 px high)
    from tambon_desk import registry

    view = app.show_view("accounts")
    page = view.household
    view.notebook.select(page)
    page.bar.household.insert(0, registry.household_page(limit=1)[0][0]["house_no"])
    page.show()
    settle(tk_root)
    assert page.chart.canvas is not None
    assert chart_problems(page) == [] and misfits(tk_root) == []
    assert found == {}
    # the status bar is on screen, and the sidebar gives its room up on small screens
    x0, y0, x1, y1 = _rect(app.status)
    assert y1 <= tk_root.winfo_rooty() + size[1] + 1
    assert app.narrow is (size[0] < 1200)


def _dialogs(app):
    """Open each dialog of the product: (name, toplevel)."""
    from tambon_desk import plan, registry
    from tambon_desk.views.importing import open_import_dialog
    from tambon_desk.views.plan.project_form import ProjectForm

    rows, _total = registry.household_page(limit=1)
    yield "household", app.open_household(rows[0]["id"])
    yield "new household", app.open_household(None)
    project = plan.project_page(limit=1)[0][0]
    yield "project", ProjectForm(app.root, app, project["id"])
    yield "new project", ProjectForm(app.root, app, None)
    yield "import", open_import_dialog(app, "households")
    water = app.show_view("water")
    water.notebook.select(water.sources)
    yield "water source", water.sources.new_source()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_dialog_fits_its_screen(app_at, tk_root, size):
    app = app_at(*size)
    found = {}
    for name, win in _dialogs(app):
        settle(tk_root)
        win.update()
        assert win.winfo_width() <= size[0] and win.winfo_height() <= size[1] - 40 + 1, name
        assert win.winfo_rootx() >= 0 and win.winfo_rooty() >= 0, name
        assert win.winfo_rootx() + win.winfo_width() <= size[0] + 1, name
        for tab in each_tab(win, tk_root):
            bad = misfits(win) + chart_problems(win)
            if bad:
                found[f"{name}/{tab}"] = bad
        win.destroy()
    assert found == {}
