"""Take the README/docs screenshots of the real windows, in Thai, under Xvfb.

    xvfb-run -a -s "-screen 0 1280x1024x24 -dpi 96" python scripts/screenshots.py [--out docs/screenshots]

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
    subprocess.run(["import", "-window", widget.wm_frame(), str(path)], check=True)
    print(path)


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="docs/screenshots")
    p.add_argument("--households", type=int, default=300)
    args = p.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    import ttkbootstrap as ttk

    from tambon_desk.core import auth
    from tambon_desk.app import App, configure_root
    from tambon_desk.core.context import Context
    from tambon_desk.db import open_database
    from tambon_desk.db.models import User
    from tambon_desk.demo import build_demo
    from tambon_desk.core.i18n import set_language
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
    for tab, name in ((view.balance, "water-balance"), (view.sources, "water-sources"),
                      (view.demand, "water-demand"), (view.agreements, "water-agreements")):
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
