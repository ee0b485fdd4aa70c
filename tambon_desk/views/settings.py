"""Settings: language and UI font for everyone; users and roles for the administrator."""
from __future__ import annotations

import tkinter.font as tkfont

import ttkbootstrap as ttk

from .. import auth, config
from ..errors import UserError
from ..i18n import _, set_language
from .login import ChangePasswordDialog
from .widgets import THAI_UI_FONTS, ChoiceBox, Form, call_service

LANGUAGES = (("th", "ภาษาไทย"), ("en", "English"))
ROLE_NAMES = auth.ROLE_LABELS


class SettingsView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Settings"), font=("", 16, "bold")).pack(anchor="w", pady=(0, 8))
        box = ttk.Labelframe(self, text=_("Display"), padding=10)
        box.pack(fill="x")
        self.form = Form(box, columns=2)
        self.language = self.form.add("language", _("Language"), ChoiceBox(self.form, LANGUAGES))
        families = sorted(set(tkfont.families(self)))
        fonts = [f for f in THAI_UI_FONTS if f in families] + [
            f for f in families if f not in THAI_UI_FONTS]
        self.font = self.form.add("ui_font", _("Screen font"),
                                  ChoiceBox(self.form, [(f, f) for f in fonts]))
        self.form.pack(fill="x")
        self.language.set_value(config.get_setting("language") or "th")
        self.font.set_value(config.get_setting("ui_font") or tkfont.nametofont(
            "TkDefaultFont").actual("family"))
        row = ttk.Frame(box)
        row.pack(fill="x", pady=(6, 0))
        ttk.Button(row, text=_("Apply"), bootstyle="primary",
                   command=self.apply_display).pack(side="left")
        ttk.Button(row, text=_("Change my password"), bootstyle="secondary-outline",
                   command=self.change_password).pack(side="left", padx=8)

        if app.ctx.role == "admin":
            self._build_users()

    # --- display ------------------------------------------------------------------------
    def apply_display(self):
        lang, font = self.language.get_value(), self.font.get_value()
        try:
            config.set_setting(self.app.ctx, "language", lang)
            if font:
                config.set_setting(self.app.ctx, "ui_font", font)
        except UserError as exc:
            self.app.show_error(exc)
            return
        set_language(lang)
        self.app.rebuild() if hasattr(self.app, "rebuild") else None

    def change_password(self):
        ChangePasswordDialog(self.winfo_toplevel(), self.app.ctx,
                             lambda: self.app.set_status(_("Password changed.")),
                             modal=self.app.modal)

    # --- users (admin) ------------------------------------------------------------------
    def _build_users(self):
        box = ttk.Labelframe(self, text=_("Users"), padding=10)
        box.pack(fill="both", expand=True, pady=(12, 0))
        cols = (("username", _("User name"), 160), ("display_name", _("Name"), 200),
                ("role", _("Role"), 120), ("active", _("Status"), 100))
        self.users = ttk.Treeview(box, columns=[c[0] for c in cols], show="headings", height=8)
        for key, text, width in cols:
            self.users.heading(key, text=text, anchor="w")
            self.users.column(key, width=width)
        self.users.pack(fill="both", expand=True)
        self.user_form = Form(box, columns=4)
        self.new_name = self.user_form.add("username", _("User name"), ttk.Entry(self.user_form))
        self.new_role = self.user_form.add("role", _("Role"), ChoiceBox(
            self.user_form, [(k, _(v)) for k, v in ROLE_NAMES.items()]))
        self.new_password = self.user_form.add("password", _("First password"),
                                               ttk.Entry(self.user_form, show="•"))
        self.user_form.pack(fill="x", pady=(8, 0))
        self.new_role.set_value("clerk")
        row = ttk.Frame(box)
        row.pack(fill="x", pady=(4, 0))
        ttk.Button(row, text=_("Add user"), bootstyle="primary",
                   command=self.add_user).pack(side="left")
        ttk.Button(row, text=_("Set role of selected"), bootstyle="secondary-outline",
                   command=self.set_role).pack(side="left", padx=6)
        ttk.Button(row, text=_("Disable / enable selected"), bootstyle="secondary-outline",
                   command=self.toggle_active).pack(side="left")
        ttk.Button(row, text=_("Reset password of selected"), bootstyle="warning-outline",
                   command=self.reset_password).pack(side="left", padx=6)
        self.load_users()

    def load_users(self):
        """Fill the user list again, keeping the selected user selected (the next button
        the admin presses is often for the same user)."""
        chosen = self.users.selection()
        self.users.delete(*self.users.get_children())
        for u in auth.list_users():
            self.users.insert("", "end", iid=u.id, values=(
                u.username, u.display_name, _(ROLE_NAMES.get(u.role, u.role)),
                _("active") if u.active else _("disabled")))
        self.users.selection_set([i for i in chosen if self.users.exists(i)])

    def _selected_user(self):
        from ..db.models import User

        sel = self.users.selection()
        return User.get_or_none(User.id == sel[0]) if sel else None

    def _do(self, fn, done_message):
        if not call_service(self.app, fn, self.user_form)[0]:
            return False
        self.user_form.clear_errors()
        self.load_users()
        self.app.set_status(done_message)
        return True

    def add_user(self):
        name = self.new_name.get()
        added = self._do(lambda: auth.create_user(self.app.ctx, name, self.new_password.get(),
                                                  self.new_role.get_value() or "clerk",
                                                  must_change_password=True),
                         _("User {name} added.").format(name=name))
        if added:                           # on a refusal the clerk's typing stays
            self.new_name.delete(0, "end")
            self.new_password.delete(0, "end")

    def set_role(self):
        user = self._selected_user()
        if user is not None and user.id == self.app.ctx.user.id:
            # an admin making themself a clerk could leave the office with no administrator
            self.app.dialogs.error(_("You cannot change your own role; ask another "
                                     "administrator."))
            return
        if user is not None:
            self._do(lambda: auth.set_role(self.app.ctx, user, self.new_role.get_value(),
                                           user.active), _("Role changed."))

    def toggle_active(self):
        user = self._selected_user()
        if user is None:
            return
        if user.id == self.app.ctx.user.id:
            self.app.dialogs.error(_("You cannot disable yourself."))
            return
        if user.active and not self.app.confirm(_(
                "Disable {name}? They can no longer log in until an administrator turns the "
                "account on again.").format(name=user.username)):
            return
        self._do(lambda: auth.set_role(self.app.ctx, user, user.role, not user.active),
                 _("User status changed."))

    def reset_password(self):
        user = self._selected_user()
        if user is None:
            return
        password = self.new_password.get()
        if not self.app.confirm(_("Give {name} the password typed under \"First password\"? "
                                  "They must change it at their next login.").format(
                                      name=user.username)):
            return
        self._do(lambda: auth.change_password(self.app.ctx, user, None, password),
                 _("Password reset."))

