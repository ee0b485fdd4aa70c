"""The desktop window: opens the database, logs in, and mounts the registered views.

`run_gui()` is what `tambon-desk` with no sub-command calls. `App` is the main window's
frame: a sidebar built from `views.VIEWS`, the current view, and a status bar (user,
tambon, database). Views receive the App and reach the services through `app.ctx`; long
work goes through `app.run_task`. matplotlib is never imported on this path (STYLE.md).
"""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import ttkbootstrap as ttk

from .core import config, roles
from .core.errors import UserError, ValidationError
from .core.i18n import _, set_language
from .views import view_specs
from .views.widgets import Dialogs, ProgressDialog, pick_ui_font
from .views.worker import Cancelled, Task

log = logging.getLogger(__name__)


class App:
    """The main window's content for a logged-in user."""

    def __init__(self, root, ctx, *, dialogs=None, modal: bool = True):
        from .core import auth
        from . import registry

        self.root, self.ctx = root, ctx
        self.modal = modal                  # False in tests: no grab, no blocking dialogs
        self.dialogs = dialogs or Dialogs(root)
        self.frame = ttk.Frame(root)
        self.frame.pack(fill="both", expand=True)
        self.specs = [s for s in view_specs() if roles.has_role(ctx, s.min_role)]
        self.views: dict = {}
        self.current = None
        self.household_windows: dict = {}

        side = ttk.Frame(self.frame, padding=(8, 10), bootstyle="light")
        side.pack(side="left", fill="y")
        tambon = registry.home_tambon()
        ttk.Label(side, text=_("Tambon Desk"), font=("", 15, "bold"),
                  bootstyle="@light").pack(anchor="w", pady=(0, 2))
        if tambon is not None:
            ttk.Label(side, text=_("Tambon {name}").format(name=tambon.name_th),
                      bootstyle="@light").pack(anchor="w", pady=(0, 12))
        self.nav_buttons = {}
        for i, spec in enumerate(self.specs):
            b = ttk.Button(side, text=_(spec.title), compound="left",
                           bootstyle="light", command=lambda k=spec.key: self.show_view(k),
                           width=22)
            b.pack(fill="x", pady=1)
            self.nav_buttons[spec.key] = b
            if i < 9:
                root.bind_all(f"<Control-Key-{i + 1}>",
                              lambda e, k=spec.key: self.show_view(k), add="")

        self.status = ttk.Frame(self.frame, padding=(8, 3), bootstyle="secondary")
        self.status.pack(side="bottom", fill="x")
        who = f"{ctx.username} ({_(roles.ROLE_LABELS.get(ctx.role, ctx.role))})"
        where = tambon.name_th if tambon is not None else ""
        ttk.Label(self.status, text=_("User: {who}").format(who=who),
                  bootstyle="@secondary").pack(side="left")
        ttk.Label(self.status, text=_("Tambon: {name}").format(name=where),
                  bootstyle="@secondary").pack(side="left", padx=16)
        shown = ctx.extras.get("database", ctx.db_path)
        ttk.Label(self.status, text=_("Database: {path}").format(path=shown),
                  bootstyle="@secondary").pack(side="left", padx=16)
        self.message = ttk.Label(self.status, text="", bootstyle="@secondary")
        self.message.pack(side="right")

        self.content = ttk.Frame(self.frame, padding=12)
        self.content.pack(side="left", fill="both", expand=True)
        if self.specs:
            self.show_view(self.specs[0].key)
        # Rendering the icon font costs about 1 ms a button: draw the window first, then
        # decorate the sidebar (the buttons work from the first frame either way).
        self.frame.after(1, self._sidebar_icons)

    def _sidebar_icons(self):
        for spec in self.specs:
            button = self.nav_buttons.get(spec.key)
            if button is not None and button.winfo_exists():
                button.configure(icon=spec.icon)

    # --- views ------------------------------------------------------------------------------
    def show_view(self, key: str):
        spec = next((s for s in self.specs if s.key == key), None)
        if spec is None:
            return None
        if self.current is not None and self.current is not self.views.get(key):
            close = getattr(self.current, "on_close", None)
            if close is not None and close() is False:
                return self.current
            self.current.pack_forget()
        view = self.views.get(key)
        if view is None:
            view = self.views[key] = spec.create(self.content, self)
        view.pack(fill="both", expand=True)
        self.current = view
        for k, b in self.nav_buttons.items():
            b.configure(bootstyle="primary" if k == key else "light")
        if hasattr(view, "on_show"):
            view.on_show()
        return view

    def view(self, key: str):
        return self.views.get(key) or self.show_view(key)

    def open_household(self, household_id: str | None = None, village=None):
        """Open (or raise) the household window; None opens an empty form for a new one."""
        from .views.households import HouseholdForm

        win = self.household_windows.get(household_id) if household_id else None
        if win is not None and win.winfo_exists():
            win.lift()
            win.focus_force()
            return win
        win = HouseholdForm(self.root, self, household_id, village=village)
        if household_id:
            self.household_windows[household_id] = win
        return win

    def households_changed(self):
        """A household was saved or deleted: refresh views that list households."""
        for view in self.views.values():
            refresh = getattr(view, "on_households_changed", None)
            if refresh is not None:
                refresh()

    # --- messages ---------------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        self.message.configure(text=text)

    def show_error(self, exc: BaseException) -> None:
        """A user's mistake shows its Thai message; anything else is logged and reported."""
        if isinstance(exc, ValidationError):
            self.dialogs.error("\n".join(exc.errors.values()) or str(exc))
        elif isinstance(exc, UserError):
            self.dialogs.error(str(exc))
        elif isinstance(exc, Cancelled):
            self.set_status(_("Cancelled."))
        else:
            log.error("unexpected error", exc_info=exc)
            self.dialogs.error(_("Something went wrong: {error}. Nothing was lost; the details "
                                 "are in the log file.").format(error=exc))

    def confirm(self, question: str) -> bool:
        return self.dialogs.confirm(question)

    # --- long work --------------------------------------------------------------------------
    def run_task(self, fn, *, title: str, on_done=None, on_error=None, show_dialog=True):
        """Run `fn(progress)` in a worker thread with a progress dialog; returns the Task."""
        dialog = ProgressDialog(self.root, title, modal=self.modal) if show_dialog else None

        def finish(handler, value):
            if dialog is not None and dialog.winfo_exists():
                dialog.destroy()
            if handler is not None:
                handler(value)

        task = Task(self.root, fn, db=self.ctx.db,
                    on_progress=dialog.update_progress if dialog else None,
                    on_done=lambda r: finish(on_done, r),
                    on_error=lambda e: finish(on_error or self.show_error, e))
        if dialog is not None:
            dialog.cancel_btn.configure(command=task.cancel)
            dialog.protocol("WM_DELETE_WINDOW", task.cancel)
        return task

    def rebuild(self) -> "App":
        """Build the window again (after the language or font changed), same user."""
        shown = self.current and next((k for k, v in self.views.items() if v is self.current),
                                      None)
        self.destroy()
        configure_root(self.root, self.ctx)
        app = App(self.root, self.ctx, dialogs=self.dialogs, modal=self.modal)
        self.root.tambon_app = app
        if shown:
            app.show_view(shown)
        return app

    def destroy(self):
        for i in range(min(9, len(self.specs))):
            self.root.unbind_all(f"<Control-Key-{i + 1}>")
        for win in list(self.household_windows.values()):
            if win.winfo_exists():
                win.destroy()
        self.frame.destroy()


# --- start-up ---------------------------------------------------------------------------------

def configure_root(root, ctx=None) -> str:
    """Thai UI font and the window's look; returns the font family used."""
    preferred = None
    if ctx is not None:
        preferred = config.get_setting("ui_font")
    family = pick_ui_font(root, preferred)
    import tkinter.font as tkfont

    for name in ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkHeadingFont", "TkCaptionFont"):
        try:
            f = tkfont.nametofont(name, root)
            f.configure(family=family, size=max(11, abs(int(f.actual("size")))))
        except Exception:
            pass
    ttk.Style().configure("Treeview", rowheight=28)
    return family


def _log_to_file(ctx) -> None:
    handler = logging.FileHandler(ctx.data_dir / "tambon-desk.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def start_session(root, ctx, *, modal=True, dialogs=None, on_ready=None) -> None:
    """First start or login, forced password change, daily backup, then the main window."""
    from .db.models import User
    from . import registry
    from .views.login import ChangePasswordDialog, FirstStartDialog, LoginDialog

    def quit_app():
        root.destroy()

    def ready():
        root.title(_("Tambon Desk"))
        root.deiconify()
        app = App(root, ctx, dialogs=dialogs, modal=modal)
        root.tambon_app = app
        _daily_backup(app)
        if on_ready:
            on_ready(app)

    def logged_in(user):
        if user.must_change_password:
            ChangePasswordDialog(root, ctx, ready, forced=True, on_cancel=quit_app, modal=modal)
        else:
            ready()

    if registry.needs_first_start():
        FirstStartDialog(root, ctx, lambda user: ready(), on_cancel=quit_app, modal=modal)
        return
    last = User.alive().where(User.last_login_at.is_null(False)).order_by(
        User.last_login_at.desc()).first()
    LoginDialog(root, ctx, logged_in, on_cancel=quit_app, modal=modal,
                username=last.username if last else "")


def _daily_backup(app) -> None:
    """Once a day, a consistent copy of the database, taken in the background."""
    from .db.backup import daily_backup

    def work(progress):
        return daily_backup(app.ctx.db, app.ctx.backup_dir)

    def done(path):
        if path:
            app.set_status(_("Daily backup written."))

    app.run_task(work, title=_("Backup"), on_done=done,
                 on_error=lambda e: app.set_status(_("The daily backup failed: {e}").format(e=e)),
                 show_dialog=False)


def run_gui(db_path=None, *, demo: bool = False) -> int:
    """Open the window on the database (the demo database with `demo`) and run Tk."""
    from .core.context import Context
    from .db import SchemaTooNewError, open_database

    root = ttk.Window(title=_("Tambon Desk"), themename="bootstrap-light", size=(1280, 800),
                      minsize=(1000, 640))
    root.withdraw()
    dialogs = Dialogs(root)
    try:
        if demo:
            from .demo import demo_database_path

            path = demo_database_path()
            if not path.exists():
                _build_demo_with_progress(root, path)
            path = _local_copy_if_needed(path, dialogs)
            db = open_database(path)
        else:
            from .core.hub import open_target, target_of

            if target_of(db_path).is_hub:
                db, path = open_target(db_path, ask_password=lambda: _ask_password(root))
            else:
                path = _local_copy_if_needed(Path(target_of(db_path).path), dialogs)
                db = open_database(path)
    except SchemaTooNewError:
        dialogs.error(_("This database was made by a newer Tambon Desk. Install the newer "
                        "version to open it."))
        return 2
    except UserError as exc:
        dialogs.error(str(exc))
        return 2
    ctx = Context(db=db, db_path=path)
    from .db.engines import engine_of

    if engine_of(db) == "postgresql":
        ctx.extras["database"] = target_of(db_path).display()
    _log_to_file(ctx)
    set_language(config.get_setting("language") or "th")
    root.title(_("Tambon Desk"))
    configure_root(root, ctx)
    sys.excepthook = lambda *a: log.error("".join(traceback.format_exception(*a)))
    root.report_callback_exception = lambda *a: _report_callback_error(root, a)
    start_session(root, ctx)
    root.mainloop()
    return 0


def _ask_password(root):
    """The hub's password, typed (shown as dots, kept only in memory)."""
    from tkinter import simpledialog

    return simpledialog.askstring(_("Hub database"), _("Password for the hub database:"),
                                  show="•", parent=root)


def _local_copy_if_needed(path, dialogs):
    """A database on a USB stick or network folder is refused; offer to copy it in first."""
    problem = config.location_problem(path)
    if problem is None:
        return path
    if not path.exists() or not dialogs.confirm(problem + "\n\n" + _(
            "Copy it into {folder} and open the copy?").format(
                folder=config.default_data_dir())):
        raise UserError(problem)
    from .db.backup import copy_in

    return copy_in(path, config.default_data_dir())


def _report_callback_error(root, exc_info) -> None:
    exc = exc_info[1]
    app = getattr(root, "tambon_app", None)
    if app is not None:
        app.show_error(exc)
    else:
        log.error("".join(traceback.format_exception(*exc_info)))


def _build_demo_with_progress(root, path) -> None:
    """The first `--demo` run builds the demo database, showing progress."""
    from .demo import ensure_demo_database

    dialog = ProgressDialog(root, _("Building the demo database…"), modal=False)
    task = Task(root, lambda progress: ensure_demo_database(path, progress=progress),
                on_progress=dialog.update_progress)
    task.wait(timeout=600)
    dialog.destroy()
    if task.error is not None:
        raise task.error


def main(argv=None) -> int:
    """`tambon-desk-gui`: the window only (`--db PATH`, `--demo`), for shortcuts on Windows."""
    import argparse

    p = argparse.ArgumentParser(prog="tambon-desk-gui")
    p.add_argument("--db")
    p.add_argument("--demo", action="store_true")
    args = p.parse_args(argv)
    return run_gui(args.db, demo=args.demo)
