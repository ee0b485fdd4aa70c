"""Take the README/docs screenshots of the real windows, in Thai, under Xvfb.

    xvfb-run -a -s "-screen 0 1280x1024x24 -dpi 96" python scripts/screenshots.py [--out docs/screenshots]
    xvfb-run -a -s "-screen 0 1920x1080x24 -dpi 96" python scripts/screenshots.py --sizes 1366x768,1024x768

Builds a demo database in a temporary folder, opens the windows a clerk sees and captures
each with ImageMagick `import`. Linux screenshots judge layout; Windows draws Thai marks
through its own shaping (ARCHITECTURE.md, "Conventions").
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path


def capture(widget, path: Path) -> None:
    widget.update()
    widget.update_idletasks()
    try:
        subprocess.run(["import", "-window", widget.wm_frame(), str(path)], check=True)
    except (OSError, subprocess.CalledProcessError):  # no ImageMagick: Pillow grabs it
        from PIL import ImageGrab

        top = widget.winfo_toplevel()
        x, y = top.winfo_rootx(), top.winfo_rooty()
        ImageGrab.grab(
            bbox=(x, y, x + top.winfo_width(), y + top.winfo_height()),
            xdisplay=widget.winfo_screen() or None,
        ).save(path)
    print(path)


def capture_screen(root, w: int, h: int, path: Path) -> None:
    """The whole (simulated) w×h screen: the window with its menu and any dialog on it."""
    from PIL import ImageGrab

    for _i in range(3):
        root.update_idletasks()
        root.update()
    ImageGrab.grab(bbox=(0, 0, w, h), xdisplay=root.winfo_screen() or None).save(path)
    print(path)


def screen_sizes(ctx, root, out: Path, sizes) -> None:
    """Every screen, every notebook tab and the dialogs on a w×h screen (issue 12): the
    window as it opens maximised there, files in docs/screenshots/<w>x<h>/."""
    import ttkbootstrap as ttk

    from tambon_desk import plan, registry
    from tambon_desk.app import App
    from tambon_desk.views.importing import open_import_dialog
    from tambon_desk.views.plan.project_form import ProjectForm
    from tambon_desk.views.widgets import RecordingDialogs

    for w, h in sizes:
        folder = out / f"{w}x{h}"
        folder.mkdir(parents=True, exist_ok=True)
        root._tambon_screen = (w, h)
        root.geometry(f"{w}x{h}+0+0")
        app = App(root, ctx, dialogs=RecordingDialogs(root), modal=False)
        root.update()
        root.geometry(f"{w}x{h - root.winfo_rooty()}+0+0")  # the menu bar sits above
        app._window_resized()  # icons only below 1200 px
        for spec in app.specs:
            view = app.show_view(spec.key)
            books = [c for c in view.winfo_children() if isinstance(c, ttk.Notebook)]
            if not books:
                capture_screen(root, w, h, folder / f"{spec.key}.png")
                continue
            for i, tab in enumerate(books[0].tabs()):
                books[0].select(tab)
                capture_screen(root, w, h, folder / f"{spec.key}-{i + 1}.png")
        sheet = app.show_view("accounts").entry
        app.view("accounts").notebook.select(sheet)
        first = registry.household_page(limit=1)[0][0]
        sheet.choose_household(first["id"])
        sheet.open_month()
        capture_screen(root, w, h, folder / "accounts-keying-household.png")
        dialogs = [
            ("household-window", lambda: app.open_household(first["id"])),
            (
                "project-window",
                lambda: ProjectForm(root, app, plan.project_page(limit=1)[0][0]["id"]),
            ),
            ("import-window", lambda: open_import_dialog(app, "households")),
        ]
        for name, make in dialogs:
            win = make()
            win.geometry(f"+{(w - win.winfo_width()) // 2 if win.winfo_width() > 1 else 0}+0")
            capture_screen(root, w, h, folder / f"dialog-{name}.png")
            win.destroy()
        app.destroy()
    root._tambon_screen = None


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="docs/screenshots")
    p.add_argument("--households", type=int, default=300)
    p.add_argument(
        "--sizes",
        default="",
        help="only the screen sizes, e.g. 1366x768,1024x768 (Xvfb of 1920x1080)",
    )
    args = p.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    import ttkbootstrap as ttk

    from tambon_desk.app import App, configure_root
    from tambon_desk.core.context import Context
    from tambon_desk.core.i18n import set_language
    from tambon_desk.db import open_database
    from tambon_desk.db.models import User
    from tambon_desk.demo import build_demo
    from tambon_desk.views.login import LoginDialog
    from tambon_desk.views.widgets import RecordingDialogs

    set_language("th")
    tmp = Path(tempfile.mkdtemp(prefix="tambon-shots-"))
    db = open_database(tmp / "tambon.db")
    ctx = Context(db=db, db_path=tmp / "tambon.db")
    build_demo(ctx, households=args.households)
    ctx.user = User.get(User.username == "admin")

    root = ttk.Window(title="Tambon Desk", themename="bootstrap-light", size=(1280, 800))
    configure_root(root, ctx)
    if args.sizes:
        sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
        screen_sizes(ctx, root, out, sizes)
        root.destroy()
        return 0
    root.geometry("1280x800+0+0")
    login = LoginDialog(root, ctx, lambda u: None, modal=False, username="admin")
    login.geometry("+420+300")
    capture(login, out / "login.png")
    login.destroy()

    app = App(root, ctx, dialogs=RecordingDialogs(root), modal=False)
    app.show_view("dashboard")
    capture(root, out / "dashboard.png")
    view = app.show_view("households")
    capture(root, out / "household-list.png")
    view.search_var.set("สม")
    view.refresh()
    capture(root, out / "household-search.png")
    view.search_var.set("")
    view.refresh()
    form = app.open_household(view.table.rows[0]["id"])
    form.geometry("1240x640+10+40")
    capture(form, out / "household-form.png")
    form.destroy()
    for spec in app.specs:
        if spec.key not in ("dashboard", "households"):
            app.show_view(spec.key)
            capture(root, out / f"view-{spec.key}.png")
    area_screens(app, root, out)
    root.destroy()
    return 0


def area_screens(app, root, out: Path) -> None:
    """The tabs of the account-book and water screens and the villages in settings, as the
    docs show them."""
    view = app.show_view("accounts")
    for tab, name in ((view.entry, "accounts-entry"), (view.categories, "accounts-categories")):
        view.notebook.select(tab)
        capture(root, out / f"{name}.png")
    view = app.show_view("water")
    for tab, name in (
        (view.balance, "water-balance"),
        (view.sources, "water-sources"),
        (view.demand, "water-demand"),
        (view.agreements, "water-agreements"),
    ):
        view.notebook.select(tab)
        capture(root, out / f"{name}.png")
    view.notebook.select(view.balance)
    tab = view.balance
    tab.pond_capacity.insert(0, "20000")
    tab.pond_dry.insert(0, "4")
    tab.add_pond()
    capture(root, out / "water-balance-whatif.png")
    view = app.show_view("settings")
    view.admin_tabs.select(view.villages)
    capture(root, out / "settings-villages.png")


if __name__ == "__main__":
    raise SystemExit(main())
