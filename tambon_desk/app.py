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
from ttkbootstrap.widgets import ToolTip

from .core import config, roles
from .core.errors import UserError, ValidationError
from .core.i18n import _, set_language
from .views import view_specs
from .views.fonts import DEFAULT_SIZE, HEADING, configure_fonts
from .views.icons import NAV_COLOURS, SidebarIcons
from .views.widgets import (
    Dialogs,
    ProgressDialog,
    ScrollableFrame,
    enable_tab_keys,
    install_thai_buttons,
    let_tables_shrink,
)
from .views.worker import Cancelled, Task

log = logging.getLogger(__name__)


class App:
    """The main window's content for a logged-in user."""

    def __init__(self, root, ctx, *, dialogs=None, modal: bool = True):
        from . import registry

        self.root, self.ctx = root, ctx
        self.modal = modal  # False in tests: no grab, no blocking dialogs
        self.dialogs = dialogs or Dialogs(root)
        self.frame = ttk.Frame(root)
        self.frame.pack(fill="both", expand=True)
        self.specs = [s for s in view_specs() if roles.has_role(ctx, s.min_role)]
        self.views: dict = {}
        self.current = None
        self.household_windows: dict = {}

        side = self.side = ttk.Frame(self.frame, padding=(8, 10), bootstyle="light")
        side.pack(side="left", fill="y")
        tambon = registry.home_tambon()
        self.side_titles = [
            ttk.Label(side, text=_("Tambon Desk"), font=HEADING, bootstyle="@light")
        ]
        self.side_titles[0].pack(anchor="w", pady=(0, 2))
        if tambon is not None:
            self.side_titles.append(
                ttk.Label(
                    side, text=_("Tambon {name}").format(name=tambon.name_th), bootstyle="@light"
                )
            )
            self.side_titles[1].pack(anchor="w", pady=(0, 12))
        self.nav_buttons = {}
        self.narrow = False  # the sidebar shows icons only when True (built with names)
        self.narrow_forced = None  # Ctrl+B's choice, over the automatic one
        self.icons = SidebarIcons(side)
        for spec in self.specs:
            b = ttk.Button(
                side,
                text=_(spec.title),
                image=self.icons.get(spec.icon, NAV_COLOURS["light"]),
                compound="left",
                bootstyle="light",
                command=lambda k=spec.key: self.show_view(k),
                width=22,
            )
            b.pack(fill="x", pady=1)
            self.nav_buttons[spec.key] = b
            ToolTip(b, text=_(spec.title))  # the name, when only icons show
        self._bind_keys()

        self.status = ttk.Frame(self.frame, padding=(8, 3), bootstyle="secondary")
        self.status.pack(side="bottom", fill="x")
        who = f"{ctx.username} ({_(roles.ROLE_LABELS.get(ctx.role, ctx.role))})"
        where = tambon.name_th if tambon is not None else ""
        ttk.Label(self.status, text=_("User: {who}").format(who=who), bootstyle="@secondary").pack(
            side="left"
        )
        ttk.Label(
            self.status, text=_("Tambon: {name}").format(name=where), bootstyle="@secondary"
        ).pack(side="left", padx=16)
        shown = ctx.extras.get("database", ctx.db_path)
        ttk.Label(
            self.status, text=_("Database: {path}").format(path=shown), bootstyle="@secondary"
        ).pack(side="left", padx=16)
        self.message = ttk.Label(self.status, text="", bootstyle="@secondary")
        self.message.pack(side="right")

        self.content = ttk.Frame(self.frame, padding=(12, 8))
        self.content.pack(side="left", fill="both", expand=True)
        self.holders: dict = {}  # view key -> the ScrollableFrame around it
        self._build_menu()
        # Every child's <Configure> also reaches the window's binding: filter in Tcl, so
        # Python only hears the window's own (about 60 calls fewer while it opens).
        self._resized = resized = self.root.register(self._window_resized)
        self.root.tk.call(
            "bind", self.root._w, "<Configure>", f'+if {{"%W" eq "{self.root._w}"}} {{{resized}}}'
        )
        self._idle = IdleLock(self)
        if self.specs:
            self.show_view(self.specs[0].key)
        if self.root.winfo_width() > 1:  # a window already shown (a rebuild): fit it now
            self._window_resized()
        # else the window's first <Configure> decides: asking now, before it has a size,
        # turned every sidebar button to icons and back while the window opened

    # --- keys, menu, sidebar ----------------------------------------------------------------
    def screen_keys(self) -> list[tuple[str, str]]:
        """(key sequence, view key): Ctrl+1…9 then Ctrl+0 reach the first ten screens."""
        digits = [str(d) for d in range(1, 10)] + ["0"]
        pairs = zip(digits, self.specs, strict=False)
        return [(f"<Control-Key-{d}>", spec.key) for d, spec in pairs]

    def _bind_keys(self):
        self._bound = []
        for seq, key in self.screen_keys():
            self.root.bind_all(seq, lambda e, k=key: (self.show_view(k), "break")[1])
            self._bound.append(seq)
        for seq, fn in (
            ("<Control-b>", self.toggle_sidebar),
            ("<Control-B>", self.toggle_sidebar),
            ("<Control-l>", self.logout),
            ("<Control-L>", self.logout),
        ):
            self.root.bind_all(seq, lambda e, f=fn: (f(), "break")[1])
            self._bound.append(seq)

    def _build_menu(self):
        import tkinter as tk

        bar = tk.Menu(self.root, tearoff=False)
        program = tk.Menu(bar, tearoff=False)
        program.add_command(
            label=_("Log out / switch user"), accelerator="Ctrl+L", command=self.logout
        )
        program.add_command(label=_("Lock now"), command=self.lock)
        program.add_separator()
        program.add_command(label=_("Quit"), command=self.root.destroy)
        bar.add_cascade(label=_("Program"), menu=program)
        screens = tk.Menu(bar, tearoff=False)
        keys = dict((k, seq) for seq, k in self.screen_keys())
        for spec in self.specs:
            seq = keys.get(spec.key)
            screens.add_command(
                label=_(spec.title),
                command=lambda k=spec.key: self.show_view(k),
                accelerator=("Ctrl+" + seq[-2]) if seq else "",
            )
        screens.add_separator()
        screens.add_command(
            label=_("Show or hide the sidebar names"),
            accelerator="Ctrl+B",
            command=self.toggle_sidebar,
        )
        bar.add_cascade(label=_("Screens"), menu=screens)
        self.menu = bar
        self.root.configure(menu=bar)

    def _window_resized(self, event=None):
        self._apply_sidebar()

    def _apply_sidebar(self):
        """Icons only when the window is narrower than about 1200 px (or Ctrl+B said so)."""
        width = self.root.winfo_width()
        narrow = self.narrow_forced if self.narrow_forced is not None else width < 1200
        if narrow == self.narrow or not self.frame.winfo_exists():
            return
        self.narrow = narrow
        for spec in self.specs:  # (the icon lives in the button's style)
            self.nav_buttons[spec.key].configure(
                text="" if narrow else _(spec.title), width=0 if narrow else 22
            )
        for label in self.side_titles:
            if narrow:
                label.pack_forget()
            elif not label.winfo_ismapped():
                label.pack(anchor="w", pady=(0, 2), before=next(iter(self.nav_buttons.values())))

    def toggle_sidebar(self):
        """Ctrl+B: names beside the icons, or icons only (more room for the screen)."""
        self.narrow_forced = not bool(self.narrow)
        self._apply_sidebar()

    # --- shared PC: log out, lock -------------------------------------------------------------
    def logout(self):
        """Ctrl+L: close this user's session (asking about unsaved typing) and log in again."""
        if self.current is not None:
            close = getattr(self.current, "on_close", None)
            if close is not None and close() is False:
                return False
        root, ctx, modal, dialogs = self.root, self.ctx, self.modal, self.dialogs
        self.destroy()
        root.tambon_app = None
        ctx.user = None
        if modal:
            root.withdraw()
        start_session(root, ctx, modal=modal, dialogs=dialogs, on_ready=self.on_relogin)
        return True

    on_relogin = None  # tests hook the next session's App here

    def lock(self):
        """Hide the window's content until the same user (or another) logs in again."""
        from .views.login import LoginDialog

        if getattr(self, "_lock_dialog", None) is not None:
            return self._lock_dialog
        user = self.ctx.user
        self.frame.pack_forget()

        def unlocked(new_user):
            self._lock_dialog = None
            if user is not None and new_user.id == user.id:
                self.frame.pack(fill="both", expand=True)
                self._idle.touch()
                return
            # another user: their own session (the one before had left the PC)
            root, ctx, modal, dialogs = self.root, self.ctx, self.modal, self.dialogs
            self.destroy()
            _open_main(root, ctx, modal=modal, dialogs=dialogs)

        self._lock_dialog = LoginDialog(
            self.root,
            self.ctx,
            unlocked,
            modal=self.modal,
            on_cancel=lambda: self.root.after_idle(self._relock),
            username=user.username if user else "",
        )
        return self._lock_dialog

    def _relock(self):
        self._lock_dialog = None
        if self.frame.winfo_exists():
            self.lock()

    # --- views ------------------------------------------------------------------------------
    def show_view(self, key: str):
        spec = next((s for s in self.specs if s.key == key), None)
        if spec is None:
            return None
        if self.current is not None and self.current is not self.views.get(key):
            close = getattr(self.current, "on_close", None)
            if close is not None and close() is False:
                return self.current
            self.holders[self._key_of(self.current)].pack_forget()
        view = self.views.get(key)
        if view is None:
            holder = self.holders[key] = ScrollableFrame(self.content)
            view = self.views[key] = spec.create(holder.inner, self)
            view.pack(fill="both", expand=True)
            enable_tab_keys(view)
            let_tables_shrink(view)
        self.holders[key].pack(fill="both", expand=True)
        self.current = view
        # only the two buttons that change (a bootstyle costs about 1 ms a button)
        previous = getattr(self, "_selected_nav", None)
        if previous != key:
            for k, look in ((previous, "light"), (key, "primary")):
                button, icon = self.nav_buttons.get(k), self._icon_of(k)
                if button is not None:
                    button.configure(bootstyle=look, image=self.icons.get(icon, NAV_COLOURS[look]))
            self._selected_nav = key
        if hasattr(view, "on_show"):
            view.on_show()
        self.root.after_idle(lambda h=self.holders[key]: self._open_at_top(h))
        return view

    def _open_at_top(self, holder):
        """A screen opens at its top (its title and tabs), unless the focus is further down."""
        if not holder.winfo_exists():
            return
        holder.canvas.yview_moveto(0)
        try:
            focus = self.root.focus_get()
        except (KeyError, Exception):
            focus = None
        if focus is not None and focus.winfo_class() in ("TEntry", "TCombobox", "TSpinbox"):
            holder.after_idle(holder._keep_focus_visible)  # a field waiting for typing

    def _icon_of(self, key) -> str:
        return next((s.icon for s in self.specs if s.key == key), "")

    def _key_of(self, view) -> str | None:
        return next((k for k, v in self.views.items() if v is view), None)

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
        enable_tab_keys(win)
        let_tables_shrink(win)
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
            self.dialogs.error(
                _("Something went wrong. Nothing was lost; the details are in the log file.")
            )

    def confirm(self, question: str, *, default_no: bool = False) -> bool:
        """Yes/No; `default_no` where a slip of Enter must not do harm (restore…)."""
        return self.dialogs.confirm(question, default_no=default_no)

    # --- long work --------------------------------------------------------------------------
    def run_task(self, fn, *, title: str, on_done=None, on_error=None, show_dialog=True):
        """Run `fn(progress)` in a worker thread with a progress dialog; returns the Task."""
        dialog = ProgressDialog(self.root, title, modal=self.modal) if show_dialog else None

        def finish(handler, value):
            if dialog is not None and dialog.winfo_exists():
                dialog.destroy()
            if handler is not None:
                handler(value)

        task = Task(
            self.root,
            fn,
            db=self.ctx.db,
            on_progress=dialog.update_progress if dialog else None,
            on_done=lambda r: finish(on_done, r),
            on_error=lambda e: finish(on_error or self.show_error, e),
        )
        if dialog is not None:
            dialog.cancel_btn.configure(command=task.cancel)
            dialog.protocol("WM_DELETE_WINDOW", task.cancel)
        return task

    def rebuild(self) -> App:
        """Build the window again (after the language or font changed), same user."""
        shown = self.current and next((k for k, v in self.views.items() if v is self.current), None)
        self.destroy()
        configure_root(self.root, self.ctx)
        app = App(self.root, self.ctx, dialogs=self.dialogs, modal=self.modal)
        self.root.tambon_app = app
        if shown:
            app.show_view(shown)
        return app

    def destroy(self):
        for seq in self._bound:
            self.root.unbind_all(seq)
        if self._resized is not None:  # this session's line of the window's <Configure>
            script = str(self.root.tk.call("bind", self.root._w, "<Configure>"))
            kept = "\n".join(line for line in script.split("\n") if self._resized not in line)
            self.root.tk.call("bind", self.root._w, "<Configure>", kept)
            self.root.deletecommand(self._resized)
            self._resized = None
        self._idle.stop()
        try:
            self.root.configure(menu="")
            self.menu.destroy()
        except Exception:
            pass
        for win in list(self.household_windows.values()):
            if win.winfo_exists():
                win.destroy()
        self.frame.destroy()


# --- start-up ---------------------------------------------------------------------------------


def configure_root(root, ctx=None) -> str:
    """Thai UI font and the window's look; returns the font family used."""
    preferred = None
    size = DEFAULT_SIZE
    if ctx is not None:
        preferred = config.get_preference(ctx, "ui_font")
        try:
            size = int(config.get_setting("ui_font_size") or DEFAULT_SIZE)
        except (TypeError, ValueError):
            size = DEFAULT_SIZE
    size = max(9, min(size, 16))
    family = configure_fonts(root, preferred, size)
    own_events_only(root)
    style = ttk.Style()
    style.configure("Treeview", rowheight=size * 2 + 6)
    # Enter on a focused button presses it (Tk only binds the space bar): keyboard-first
    for seq in ("<Return>", "<KP_Enter>"):
        root.bind_class(
            "TButton",
            seq,
            lambda e: e.widget.invoke() if str(e.widget.cget("state")) != "disabled" else None,
        )
    # ttkbootstrap's warning yellow on white is hard to read: a darker amber for text
    try:
        probe = ttk.Label(root, bootstyle="warning")  # builds the style, then darken it
        style.configure(probe.cget("style"), foreground="#8a5a00")
        probe.destroy()
    except Exception:
        pass
    install_thai_buttons(root, config.get_setting("language") or "th" if ctx else "th")
    return family


_MAP_CHILD = 'if {[winfo parent %W] ne ""} {catch {event generate [winfo parent %W] <<MapChild>>}}'


def own_events_only(root) -> None:
    """ttkbootstrap's window hears every widget's events in Python; let it hear its own.

    It binds Python callbacks to the window's <Map>, <Configure> and <Visibility>, which
    every widget inside also reaches (the window is in each widget's bindtags), and to every
    widget's <Map> (to raise <<MapChild>> on its parent). Opening the main window ran about
    200 of them, each converting twenty event fields (about 5 ms), and each returned at once
    unless the event was the window's own. The window's bindings now run for the window's
    own events only, and <<MapChild>> is raised by Tcl itself: the same behaviour.
    """
    top = root._w
    for seq in ("<Map>", "<Configure>", "<Visibility>"):
        script = root.tk.call("bind", top, seq)
        if script and not script.startswith('if {"%W" eq'):
            root.tk.call("bind", top, seq, f'if {{"%W" eq "{top}"}} {{{script}}}')
    if "on_map_child" in root.tk.call("bind", "all", "<Map>"):
        root.tk.call("bind", "all", "<Map>", _MAP_CHILD)


def _log_to_file(ctx) -> None:
    handler = logging.FileHandler(ctx.data_dir / "tambon-desk.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def start_session(root, ctx, *, modal=True, dialogs=None, on_ready=None) -> None:
    """First start or login, forced password change, daily backup, then the main window."""
    from . import registry
    from .core import auth
    from .views.login import ChangePasswordDialog, FirstStartDialog, LoginDialog

    def quit_app():
        root.destroy()

    def ready():
        set_language(config.get_preference(ctx, "language") or "th")  # this user's own
        app = _open_main(root, ctx, modal=modal, dialogs=dialogs)
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
    LoginDialog(
        root, ctx, logged_in, on_cancel=quit_app, modal=modal, username=auth.last_user_name()
    )


def _open_main(root, ctx, *, modal=True, dialogs=None) -> App:
    root.title(_("Tambon Desk"))
    root.deiconify()
    app = App(root, ctx, dialogs=dialogs, modal=modal)
    root.tambon_app = app
    return app


class IdleLock:
    """Optional auto-lock: after `auto_lock_minutes` (a setting; 0 = never) without a key
    or mouse press, the window locks until a user logs in again."""

    CHECK_MS = 30_000

    def __init__(self, app):
        import time

        self.app, self._clock = app, time.monotonic
        self.last = self._clock()
        self._job = None
        try:
            self.minutes = int(config.get_setting("auto_lock_minutes") or 0)
        except (TypeError, ValueError):
            self.minutes = 0
        root = app.root
        root._tambon_idle = self
        if not getattr(root, "_tambon_idle_bound", False):  # one binding for every session
            root._tambon_idle_bound = True
            for seq in ("<KeyPress>", "<ButtonPress>"):
                root.bind_all(seq, lambda e: root._tambon_idle.touch(), add="+")
        if self.minutes > 0:
            self._job = root.after(self.CHECK_MS, self.check)

    def touch(self):
        self.last = self._clock()

    def idle_minutes(self) -> float:
        return (self._clock() - self.last) / 60

    def check(self):
        self._job = None
        if not self.app.frame.winfo_exists():
            return
        if self.minutes > 0 and self.idle_minutes() >= self.minutes:
            self.app.lock()
        self._job = self.app.root.after(self.CHECK_MS, self.check)

    def stop(self):
        if self._job is not None:
            try:
                self.app.root.after_cancel(self._job)
            except Exception:
                pass
            self._job = None


# --- the main window's size ----------------------------------------------------------------


def _geometry_file(ctx):
    return ctx.data_dir / "window-size.txt"


def place_main_window(root, ctx=None) -> str:
    """Maximised, or the size remembered on this PC clamped to this screen (a laptop that
    once sat at a big monitor still opens whole). Returns the geometry used ("zoomed")."""
    import re

    sw, sh = root.winfo_screenwidth(), root.winfo_screenheight()
    remembered = None
    if ctx is not None:
        try:
            remembered = _geometry_file(ctx).read_text(encoding="utf-8").strip()
        except OSError:
            remembered = None
    m = re.fullmatch(r"(\d+)x(\d+)\+(-?\d+)\+(-?\d+)", remembered or "")
    root.minsize(min(1000, sw), min(640, sh - 40))
    if m is None or remembered == "zoomed":
        try:
            root.state("zoomed")  # Windows
        except Exception:
            try:
                root.attributes("-zoomed", True)  # X11
            except Exception:
                root.geometry(f"{sw}x{sh - 40}+0+0")
        return "zoomed"
    w, h, x, y = (int(v) for v in m.groups())
    w, h = min(w, sw), min(h, sh - 40)
    x, y = max(0, min(x, sw - w)), max(0, min(y, sh - 40 - h))
    geometry = f"{w}x{h}+{x}+{y}"
    root.geometry(geometry)
    return geometry


def remember_window(root, ctx) -> None:
    """On closing: keep the window's size for the next start (maximised stays maximised)."""
    try:
        zoomed = root.state() == "zoomed" or bool(root.attributes("-zoomed"))
    except Exception:
        zoomed = False
    try:
        _geometry_file(ctx).write_text("zoomed" if zoomed else root.geometry(), encoding="utf-8")
    except OSError:
        pass


def _daily_backup(app):
    """Once a day, a consistent copy of the database, taken in the background (the Task)."""
    from .db.backup import daily_backup

    def work(progress):
        return daily_backup(app.ctx.db, app.ctx.backup_dir)

    def done(path):
        if path:
            app.set_status(_("Daily backup written."))

    return app.run_task(
        work,
        title=_("Backup"),
        on_done=done,
        show_dialog=False,
        on_error=lambda e: app.set_status(_("The daily backup failed: {e}").format(e=e)),
    )


def run_gui(db_path=None, *, demo: bool = False) -> int:
    """Open the window on the database (the demo database with `demo`) and run Tk."""
    from .core.context import Context
    from .db import SchemaTooNewError, open_database

    root = ttk.Window(title=_("Tambon Desk"), themename="bootstrap-light")
    root.withdraw()
    dialogs = Dialogs(root)
    try:
        if demo:
            path = demo_path(db_path)
            if not path.exists() or path.stat().st_size == 0 or db_path:  # builds once
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
        dialogs.error(
            _(
                "This database was made by a newer Tambon Desk. Install the newer "
                "version to open it."
            )
        )
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
    place_main_window(root, ctx)

    def closing():
        remember_window(root, ctx)
        root.destroy()

    root.protocol("WM_DELETE_WINDOW", closing)
    sys.excepthook = lambda *a: log.error("".join(traceback.format_exception(*a)))
    root.report_callback_exception = lambda *a: _report_callback_error(root, a)
    start_session(root, ctx)
    root.mainloop()
    return 0


def demo_path(db_path=None):
    """`--demo` with `--db PATH` or TAMBON_DESK_DB builds/opens the demo there; alone, the
    demo.db beside the real database."""
    import os

    if db_path or os.environ.get(config.ENV_DB):
        return config.resolve_db_path(db_path)
    from .demo import demo_database_path

    return demo_database_path()


def _ask_password(root):
    """The hub's password, typed (shown as dots, kept only in memory)."""
    from tkinter import simpledialog

    return simpledialog.askstring(
        _("Hub database"), _("Password for the hub database:"), show="•", parent=root
    )


def _local_copy_if_needed(path, dialogs):
    """A database on a USB stick or network folder is refused; offer to copy it in first."""
    problem = config.location_problem(path)
    if problem is None:
        return path
    if not path.exists() or not dialogs.confirm(
        problem
        + "\n\n"
        + _("Copy it into {folder} and open the copy?").format(folder=config.default_data_dir())
    ):
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
    task = Task(
        root,
        lambda progress: ensure_demo_database(path, progress=progress),
        on_progress=dialog.update_progress,
    )
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


def smoke_test(outdir, households: int = 60) -> int:
    """`--smoke-test OUTDIR` (installer/freeze-check.sh): prove a build carries what it needs.

    Builds a fresh demo database in OUTDIR, opens the main window on it for the demo admin
    (logged in; every dialog recorded, none waits for a person), prints the tambon profile to
    PDF (charts, Sarabun, HarfBuzz shaping, Thai line breaks) and the household register to
    XLSX, checks the Thai catalogues and the newmm word list, writes OUTDIR/smoke.json and
    returns 0; anything missing raises, which gives exit status 1 with the traceback.
    """
    import json
    import time
    from pathlib import Path

    from .core.context import Context
    from .db import close_database, open_database
    from .db.models import User
    from .demo import ensure_demo_database
    from .reports import catalogue
    from .reports.thaiwrap import segment
    from .views.widgets import RecordingDialogs

    started = time.perf_counter()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    set_language("th")
    if _("Tambon profile") != "ข้อมูลพื้นฐานตำบล":
        raise RuntimeError("the Thai message catalogues are missing")
    if len(segment("สวัสดีครับยินดีต้อนรับ")) < 3:
        raise RuntimeError("the newmm word list is missing: Thai is not segmented")
    import matplotlib.backends.backend_tkagg  # noqa: F401  (charts in the window)
    import uharfbuzz  # noqa: F401  (Thai shaping in PDFs)

    path = ensure_demo_database(out / "demo.db", households=households)
    ctx = Context(db=open_database(path), db_path=path)
    ctx.user = User.get(User.username == "admin")  # the password step is skipped
    root = ttk.Window(title=_("Tambon Desk"), themename="bootstrap-light", size=(1280, 800))
    configure_root(root, ctx)
    dialogs = RecordingDialogs(root)
    app = App(root, ctx, dialogs=dialogs, modal=False)
    root.update()
    while not root.winfo_viewable():
        root.update()
    window_s = time.perf_counter() - started
    files = {"pdf": out / "tambon-profile.pdf", "xlsx": out / "household-register.xlsx"}
    catalogue.render(catalogue.build(ctx, "tambon-profile"), "pdf", files["pdf"])
    catalogue.render(catalogue.build(ctx, "household-register", village=1), "xlsx", files["xlsx"])
    root.update()
    errors = [m for kind, m in dialogs.messages if kind == "error"]
    app.destroy()
    root.destroy()
    close_database()
    if errors:
        raise RuntimeError(f"the window reported errors: {errors}")
    (out / "smoke.json").write_text(
        json.dumps(
            {
                "window_s": round(window_s, 3),
                "total_s": round(time.perf_counter() - started, 3),
                "files": {k: str(v) for k, v in files.items()},
                "frozen": bool(getattr(sys, "frozen", False)),
            }
        )
    )
    print(f"smoke test passed: {out}", flush=True)
    return 0
