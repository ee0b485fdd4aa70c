"""Settings: language and UI font for everyone; users and roles for the administrator."""

from __future__ import annotations

import re
import sys
import tkinter.font as tkfont

import ttkbootstrap as ttk

from .. import registry
from ..core import auth, config, roles
from ..core.errors import UserError
from ..core.i18n import _, set_language
from .fonts import THAI_UI_FONTS, TITLE
from .login import ChangePasswordDialog
from .widgets import ChoiceBox, Form, call_service, column_tree

LANGUAGES = (("th", "ภาษาไทย"), ("en", "English"))
FONT_SIZES = (10, 11, 12, 13, 14)
AUTO_LOCK_MINUTES = (0, 5, 10, 15, 30, 60)
# Families that draw Thai (Windows, TLWG on Linux, common Thai web fonts); Latin-only and
# symbol fonts would show boxes. On X11 Tk loses Thai marks with Sarabun/Noto (DESIGN §4).
_THAI_FAMILY = re.compile(
    r"(leelawadee|tahoma|microsoft sans serif|angsana|browallia|cordia|dilleniaupc|"
    r"eucrosiaupc|freesiaupc|irisupc|jasmineupc|kodchiangupc|lilyupc|loma|garuda|umpush|"
    r"waree|norasi|kinnari|laksaman|sawasdee|purisa|tlwg|mono ?space thai|"
    r"th sarabun|sarabun|noto sans thai|noto serif thai|kanit|prompt|mitr)",
    re.I,
)


def thai_fonts(families) -> list[str]:
    """The installed font families able to show Thai, the recommended ones first."""
    names = sorted({f for f in families if not f.startswith("@")})
    usable = [f for f in names if _THAI_FAMILY.search(f)]
    if not sys.platform.startswith("win"):
        usable = [f for f in usable if not re.search(r"sarabun|noto", f, re.I)]
    return [f for f in THAI_UI_FONTS if f in usable] + [f for f in usable if f not in THAI_UI_FONTS]


def _int_setting(key: str, default: int) -> int:
    try:
        return int(config.get_setting(key) or default)
    except (TypeError, ValueError):
        return default


ROLE_NAMES = roles.ROLE_LABELS


class SettingsView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Settings"), font=TITLE).pack(anchor="w", pady=(0, 8))
        box = ttk.Labelframe(self, text=_("Display"), padding=10)
        box.pack(fill="x")
        self.form = Form(box, columns=2)
        self.language = self.form.add("language", _("Language"), ChoiceBox(self.form, LANGUAGES))
        fonts = thai_fonts(tkfont.families(self))
        self.font = self.form.add(
            "ui_font", _("Screen font"), ChoiceBox(self.form, [(f, f) for f in fonts])
        )
        self.font_size = self.form.add(
            "ui_font_size", _("Font size"), ChoiceBox(self.form, [(n, str(n)) for n in FONT_SIZES])
        )
        self.auto_lock = self.form.add(
            "auto_lock_minutes",
            _("Lock when idle"),
            ChoiceBox(
                self.form,
                [
                    (m, _("Never") if not m else _("after {n} minutes").format(n=m))
                    for m in AUTO_LOCK_MINUTES
                ],
            ),
        )
        self.form.pack(fill="x")
        self.font_size.set_value(_int_setting("ui_font_size", 11))
        self.auto_lock.set_value(_int_setting("auto_lock_minutes", 0))
        self.language.set_value(config.get_preference(self.app.ctx, "language") or "th")
        self.font.set_value(
            config.get_preference(self.app.ctx, "ui_font")
            or tkfont.nametofont("TkDefaultFont").actual("family")
        )
        row = ttk.Frame(box)
        row.pack(fill="x", pady=(6, 0))
        ttk.Button(row, text=_("Apply"), bootstyle="primary", command=self.apply_display).pack(
            side="left"
        )
        ttk.Button(
            row,
            text=_("Change my password"),
            bootstyle="secondary-outline",
            command=self.change_password,
        ).pack(side="left", padx=8)

        if app.ctx.role == "admin":
            # users and villages share the height that is left (1280×800 window)
            self.admin_tabs = ttk.Notebook(self)
            self.admin_tabs.pack(fill="both", expand=True, pady=(12, 0))
            self._build_users()
            self.villages = VillagesBox(self.admin_tabs, app)
            self.admin_tabs.add(self.villages, text=_("Villages"))

    # --- display ------------------------------------------------------------------------
    def apply_display(self):
        lang, font = self.language.get_value(), self.font.get_value()
        try:
            config.set_setting(self.app.ctx, "language", lang)
            if font:
                config.set_setting(self.app.ctx, "ui_font", font)
            for key, box in (
                ("ui_font_size", self.font_size),
                ("auto_lock_minutes", self.auto_lock),
            ):
                if box.get_value() is not None:
                    config.set_setting(self.app.ctx, key, str(box.get_value()))
        except UserError as exc:
            self.app.show_error(exc)
            return
        set_language(lang)
        self.app.rebuild() if hasattr(self.app, "rebuild") else None

    def change_password(self):
        ChangePasswordDialog(
            self.winfo_toplevel(),
            self.app.ctx,
            lambda: self.app.set_status(_("Password changed.")),
            modal=self.app.modal,
        )

    # --- users (admin) ------------------------------------------------------------------
    def _build_users(self):
        box = ttk.Frame(self.admin_tabs, padding=10)
        self.admin_tabs.add(box, text=_("Users"))
        cols = (
            ("username", _("User name"), 160),
            ("display_name", _("Name"), 200),
            ("role", _("Role"), 120),
            ("active", _("Status"), 100),
        )
        self.users = ttk.Treeview(box, columns=[c[0] for c in cols], show="headings", height=8)
        for key, text, width in cols:
            self.users.heading(key, text=text, anchor="w")
            self.users.column(key, width=width)
        self.users.pack(fill="both", expand=True)
        self.user_form = Form(box, columns=2)
        self.new_name = self.user_form.add("username", _("User name"), ttk.Entry(self.user_form))
        self.new_display = self.user_form.add(
            "display_name", _("Full name"), ttk.Entry(self.user_form)
        )
        self.new_role = self.user_form.add(
            "role", _("Role"), ChoiceBox(self.user_form, [(k, _(v)) for k, v in ROLE_NAMES.items()])
        )
        self.new_password = self.user_form.add(
            "password", _("First password"), ttk.Entry(self.user_form, show="•")
        )
        self.user_form.pack(fill="x", pady=(8, 0))
        self.new_role.set_value("clerk")
        row = ttk.Frame(box)
        row.pack(fill="x", pady=(4, 0))
        ttk.Button(row, text=_("Add user"), bootstyle="primary", command=self.add_user).pack(
            side="left"
        )
        ttk.Button(
            row,
            text=_("Set role of selected"),
            bootstyle="secondary-outline",
            command=self.set_role,
        ).pack(side="left", padx=6)
        ttk.Button(
            row,
            text=_("Disable / enable selected"),
            bootstyle="secondary-outline",
            command=self.toggle_active,
        ).pack(side="left")
        ttk.Button(
            row,
            text=_("Reset password of selected"),
            bootstyle="warning-outline",
            command=self.reset_password,
        ).pack(side="left", padx=6)
        self.load_users()

    def load_users(self):
        """Fill the user list again, keeping the selected user selected (the next button
        the admin presses is often for the same user)."""
        chosen = self.users.selection()
        self.users.delete(*self.users.get_children())
        for u in auth.list_users():
            self.users.insert(
                "",
                "end",
                iid=u.id,
                values=(
                    u.username,
                    u.display_name,
                    _(ROLE_NAMES.get(u.role, u.role)),
                    _("active") if u.active else _("disabled"),
                ),
            )
        self.users.selection_set([i for i in chosen if self.users.exists(i)])

    def _selected_user(self):
        sel = self.users.selection()
        return auth.get_user(sel[0]) if sel else None

    def _do(self, fn, done_message):
        if not call_service(self.app, fn, self.user_form)[0]:
            return False
        self.user_form.clear_errors()
        self.load_users()
        self.app.set_status(done_message)
        return True

    def add_user(self):
        name = self.new_name.get()
        added = self._do(
            lambda: auth.create_user(
                self.app.ctx,
                name,
                self.new_password.get(),
                self.new_role.get_value() or "clerk",
                display_name=self.new_display.get().strip(),
                must_change_password=True,
            ),
            _("User {name} added.").format(name=name),
        )
        if added:  # on a refusal the clerk's typing stays
            self.new_name.delete(0, "end")
            self.new_display.delete(0, "end")
            self.new_password.delete(0, "end")

    def set_role(self):
        user = self._selected_user()
        if user is not None and user.id == self.app.ctx.user.id:
            # an admin making themself a clerk could leave the office with no administrator
            self.app.dialogs.error(_("You cannot change your own role; ask another administrator."))
            return
        if user is not None:
            self._do(
                lambda: auth.set_role(self.app.ctx, user, self.new_role.get_value(), user.active),
                _("Role changed."),
            )

    def toggle_active(self):
        user = self._selected_user()
        if user is None:
            return
        if user.id == self.app.ctx.user.id:
            self.app.dialogs.error(_("You cannot disable yourself."))
            return
        if user.active and not self.app.confirm(
            _(
                "Disable {name}? They can no longer log in until an administrator turns the "
                "account on again."
            ).format(name=user.username)
        ):
            return
        self._do(
            lambda: auth.set_role(self.app.ctx, user, user.role, not user.active),
            _("User status changed."),
        )

    def reset_password(self):
        user = self._selected_user()
        if user is None:
            return
        password = self.new_password.get()
        if not self.app.confirm(
            _(
                "Give {name} the password typed under \"First password\"? "
                "They must change it at their next login."
            ).format(name=user.username)
        ):
            return
        self._do(
            lambda: auth.change_password(self.app.ctx, user, None, password), _("Password reset.")
        )


class VillagesBox(ttk.Frame):
    """The villages (หมู่) of a tambon and their account-book targets (admin).

    First start registers the villages; this is where a new moo is added later, a name is
    corrected or the target of households keeping a book is set (the participation report
    measures against it)."""

    def __init__(self, master, app):
        super().__init__(master, padding=10)
        self.app = app
        self.village = None
        self.tambon_box = ChoiceBox(self, width=40)
        self.tambon_box.bind("<<ComboboxSelected>>", lambda e: self.refresh())
        if registry.is_district_database():
            self.tambon_box.set_choices(
                [
                    (
                        t.id,
                        _("Tambon {name}, {district} district").format(
                            name=t.name_th, district=t.district_th
                        ),
                    )
                    for t in registry.tambons()
                ]
            )
            self.tambon_box.current(0)
            self.tambon_box.pack(anchor="w", pady=(0, 6))
        table = ttk.Frame(self)
        table.pack(fill="both", expand=True)
        self.tree = column_tree(
            table,
            [
                ("moo", _("Moo"), 60, "center"),
                ("name", _("Village name"), 260, "w"),
                ("target", _("Account-book target"), 180, "e"),
                ("households", _("Households"), 100, "e"),
            ],
            height=7,
            selectmode="browse",
        )
        self.tree.column("moo", stretch=False)
        self.tree.column("name", stretch=True)  # the name takes the spare width
        bar = ttk.Scrollbar(table, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=bar.set)
        bar.pack(side="right", fill="y")
        self.tree.pack(side="left", fill="both", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected())
        self.form = Form(self, columns=3)
        self.moo = self.form.add("moo", _("Moo"), ttk.Entry(self.form, width=6))
        self.name = self.form.add("name", _("Village name"), ttk.Entry(self.form, width=28))
        self.target = self.form.add(
            "account_target", _("Account-book target"), ttk.Entry(self.form, width=8)
        )
        self.form.pack(fill="x", pady=(8, 0))
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(4, 0))
        ttk.Button(
            row, text=_("New village"), bootstyle="secondary-outline", command=self.new
        ).pack(side="left")
        ttk.Button(row, text=_("Save"), bootstyle="primary", command=self.save).pack(
            side="left", padx=6
        )
        self.target.bind("<Return>", lambda e: (self.save(), "break")[1])
        self.refresh()
        self.new()

    def tambon(self):
        tid = self.tambon_box.get_value()
        return registry.get_tambon(tid) if tid else registry.home_tambon()

    def refresh(self):
        t = self.tambon()
        vs = registry.villages(t) if t is not None else []
        counts = {r["id"]: r["households"] for r in registry.village_counts(t)} if t else {}
        self.tree.delete(*self.tree.get_children())
        for v in vs:
            self.tree.insert(
                "",
                "end",
                iid=v.id,
                values=(v.moo, v.name, v.account_target, f"{counts.get(v.id, 0):,}"),
            )

    def new(self):
        self.village = None
        self.tree.selection_remove(*self.tree.selection())
        self.form.clear_errors()
        for e in (self.moo, self.name, self.target):
            e.delete(0, "end")
        self.target.insert(0, "10")
        self.moo.focus_set()

    def _selected(self):
        sel = self.tree.selection()
        if not sel:
            return
        self.village = registry.get_village(sel[0])
        self.form.clear_errors()
        for e, v in (
            (self.moo, self.village.moo),
            (self.name, self.village.name),
            (self.target, self.village.account_target),
        ):
            e.delete(0, "end")
            e.insert(0, str(v))

    def save(self) -> bool:
        text = self.target.get().strip()
        target = int(text) if text.isdigit() else -1  # the service names the mistake
        ok, saved = call_service(
            self.app,
            lambda: registry.save_village(
                self.app.ctx,
                self.tambon(),
                self.moo.get(),
                self.name.get(),
                target,
                village=self.village,
            ),
            self.form,
        )
        if not ok:
            return False
        self.form.clear_errors()
        self.refresh()
        self.tree.selection_set(saved.id)
        self.app.set_status(_("{name} saved.").format(name=registry.village_label(saved)))
        self.app.households_changed()  # dashboard and lists show the village too
        return True
