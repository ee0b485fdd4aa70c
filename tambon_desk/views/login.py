"""The doors of the program: first-start setup, login, and the forced password change.

Each is a small Toplevel with `on_done`; `modal=False` skips `grab_set()` so GUI tests can
drive them (IDLE's dialogs take the same kind of flag). The services decide; these only
collect input and show the Thai error under the field.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from .. import registry
from ..core import auth
from ..core.errors import UserError, ValidationError
from ..core.i18n import _
from .fonts import DIALOG_TITLE
from .widgets import ChoiceBox, Form, WrapLabel


class _Dialog(ttk.Toplevel):
    def __init__(self, master, title: str, modal: bool):
        super().__init__(master=master, title=title, resizable=(False, False))
        if master.winfo_viewable():  # a transient of the withdrawn start-up root is never shown
            self.transient(master)
        self.body = ttk.Frame(self, padding=18)
        self.body.pack(fill="both", expand=True)
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.bind("<Escape>", lambda e: self.cancel())
        self.cancelled = False
        self.after_idle(self._centre)
        if modal:
            self.after(50, self._grab)

    def _centre(self):
        try:
            self.place_window_center()
        except tk.TclError:
            pass

    def _grab(self):
        try:
            self.grab_set()
        except tk.TclError:
            pass

    def cancel(self):
        self.cancelled = True
        self.destroy()


class LoginDialog(_Dialog):
    """User name and password; Enter logs in. `on_done(user)` after a good login."""

    def __init__(
        self, master, ctx, on_done, *, on_cancel=None, modal: bool = True, username: str = ""
    ):
        super().__init__(master, _("Log in to Tambon Desk"), modal)
        self.ctx, self.on_done, self.on_cancel = ctx, on_done, on_cancel
        ttk.Label(self.body, text=_("Tambon Desk"), font=DIALOG_TITLE).pack(anchor="w")
        tambon = registry.home_tambon()
        if tambon is not None:
            ttk.Label(
                self.body,
                text=_("Tambon {name}, {district} district").format(
                    name=tambon.name_th, district=tambon.district_th
                ),
                bootstyle="secondary",
            ).pack(anchor="w", pady=(0, 8))
        self.form = Form(self.body, columns=1)
        self.username = self.form.add("username", _("User name"), ttk.Entry(self.form, width=28))
        self.password = self.form.add(
            "password", _("Password"), ttk.Entry(self.form, width=28, show="•"), enter_moves=False
        )
        self.form.pack(fill="x")
        self.password.bind("<Return>", lambda e: self.submit())
        self.password.bind("<KP_Enter>", lambda e: self.submit())
        buttons = ttk.Frame(self.body)
        ttk.Button(buttons, text=_("Log in"), bootstyle="primary", command=self.submit).pack(
            side="right"
        )
        ttk.Button(buttons, text=_("Cancel"), bootstyle="secondary", command=self.cancel).pack(
            side="right", padx=6
        )
        buttons.pack(fill="x", pady=(10, 0))
        if username:
            self.username.insert(0, username)
            self.password.focus_set()
        else:
            self.username.focus_set()

    def submit(self):
        try:
            user = auth.authenticate(self.ctx, self.username.get(), self.password.get())
        except auth.AccountLocked as exc:
            self.form.show_errors({"password": str(exc)})
            self.password.delete(0, "end")
            return
        if user is None:
            self.form.show_errors({"password": _("Wrong user name or password.")})
            self.password.delete(0, "end")
            return
        self.ctx.user = user
        self.destroy()
        self.on_done(user)

    def cancel(self):
        super().cancel()
        if self.on_cancel:
            self.on_cancel()


class ChangePasswordDialog(_Dialog):
    """The user sets a new password (forced after the demo's admin/admin or a reset)."""

    def __init__(
        self, master, ctx, on_done, *, forced: bool = False, on_cancel=None, modal: bool = True
    ):
        super().__init__(master, _("Change password"), modal)
        self.ctx, self.on_done, self.on_cancel = ctx, on_done, on_cancel
        if forced:
            ttk.Label(
                self.body,
                text=_("Please set your own password before you start."),
                bootstyle="warning",
            ).pack(anchor="w", pady=(0, 8))
        self.form = Form(self.body, columns=1)
        self.old = self.form.add(
            "old_password", _("Current password"), ttk.Entry(self.form, width=28, show="•")
        )
        self.new = self.form.add(
            "password", _("New password"), ttk.Entry(self.form, width=28, show="•")
        )
        self.again = self.form.add(
            "password_again",
            _("New password again"),
            ttk.Entry(self.form, width=28, show="•"),
            enter_moves=False,
        )
        self.form.pack(fill="x")
        self.again.bind("<Return>", lambda e: self.submit())
        ttk.Button(self.body, text=_("Save"), bootstyle="primary", command=self.submit).pack(
            anchor="e", pady=(10, 0)
        )
        self.old.focus_set()

    def submit(self):
        if self.new.get() != self.again.get():
            self.form.show_errors({"password_again": _("The two passwords are not the same.")})
            return
        try:
            auth.change_password(self.ctx, self.ctx.user, self.old.get(), self.new.get())
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        self.destroy()
        self.on_done()

    def cancel(self):
        super().cancel()
        if self.on_cancel:
            self.on_cancel()


class FirstStartDialog(_Dialog):
    """An empty database: choose the tambon from the DOPA list, type villages, make the admin."""

    def __init__(self, master, ctx, on_done, *, on_cancel=None, modal: bool = True):
        super().__init__(master, _("First start: set up this office"), modal)
        self.ctx, self.on_done, self.on_cancel = ctx, on_done, on_cancel
        WrapLabel(
            self.body,
            text=_(
                "Choose the tambon this office serves, type its villages "
                "and create the administrator."
            ),
            wrap=520,
        ).pack(anchor="w", pady=(0, 8))
        self.form = Form(self.body, columns=1)
        self.province = self.form.add("province", _("Province"), ChoiceBox(self.form, width=40))
        self.district = self.form.add("district", _("District"), ChoiceBox(self.form, width=40))
        self.tambon = self.form.add("tambon", _("Tambon"), ChoiceBox(self.form, width=40))
        self.villages = self.form.add(
            "villages",
            _("Villages (one per line: number name)"),
            tk.Text(self.form, width=40, height=6),
            enter_moves=False,
        )
        self.admin = self.form.add(
            "username", _("Administrator user name"), ttk.Entry(self.form, width=28)
        )
        self.password = self.form.add(
            "password", _("Password"), ttk.Entry(self.form, width=28, show="•")
        )
        self.again = self.form.add(
            "password_again",
            _("Password again"),
            ttk.Entry(self.form, width=28, show="•"),
            enter_moves=False,
        )
        self.form.pack(fill="x")
        self.admin.insert(0, "admin")
        self.again.bind("<Return>", lambda e: self.submit())
        self.villages.bind("<Tab>", lambda e: (self.admin.focus_set(), "break")[1])
        buttons = ttk.Frame(self.body)
        ttk.Button(buttons, text=_("Start"), bootstyle="primary", command=self.submit).pack(
            side="right"
        )
        ttk.Button(buttons, text=_("Cancel"), bootstyle="secondary", command=self.cancel).pack(
            side="right", padx=6
        )
        buttons.pack(fill="x", pady=(10, 0))
        self.province.set_choices([(p.code, p.name_th) for p in registry.provinces()])
        self.province.bind("<<ComboboxSelected>>", lambda e: self._province_chosen())
        self.district.bind("<<ComboboxSelected>>", lambda e: self._district_chosen())
        self.province.current(0)  # Nakhon Si Thammarat first
        self._province_chosen()
        self.province.focus_set()

    def _province_chosen(self):
        code = self.province.get_value()
        self.district.set_choices([(d.code, d.name_th) for d in registry.districts(code)])
        self.district.set("")
        self.tambon.set_choices([])
        self.tambon.set("")

    def _district_chosen(self):
        code = self.district.get_value()
        self.tambon.set_choices(
            [(s.code, f"{s.name_th} ({s.code})") for s in registry.subdistricts(code)]
        )
        self.tambon.set("")

    def choose(self, province_code: str, district_code: str, tambon_code: str):
        """Pick by codes (keyboard users type-ahead; tests call this)."""
        self.province.set_value(province_code)
        self._province_chosen()
        self.district.set_value(district_code)
        self._district_chosen()
        self.tambon.set_value(tambon_code)

    def submit(self):
        try:
            villages = registry.parse_villages(self.villages.get("1.0", "end"))
            registry.first_start(
                self.ctx,
                self.tambon.get_value() or "",
                villages,
                self.admin.get(),
                self.password.get(),
                self.again.get(),
            )
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        except UserError as exc:
            self.form.show_errors({"": str(exc)})
            return
        self.destroy()
        self.on_done(self.ctx.user)

    def cancel(self):
        super().cancel()
        if self.on_cancel:
            self.on_cancel()
